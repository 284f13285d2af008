"""A plain-text dump -> numbered lines -> one block per letter (heading, date, text, notes)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from epistola.core.diagnostics import EpistolaError, Report
from epistola.core.records import Location
from epistola.importer.dates import is_dateline

HEADING = re.compile(r"\s*Letter\s+(\d{1,6})\s*")
EDITORS_DATE = re.compile(r"\s*\[([^\[\]]+)\]\s*")
NOTE_START = re.compile(r"\s*(\d{1,3})\.(?!\d)\s*(?=\S)")
"""A note as the dump numbers it: "2. The reference ...", or glued: "2.The reference"."""
SIGNATURE = re.compile(r"\s*(?:[A-Z]\.\s?){1,3}[A-Z][\w’'-]+\.?\s*")
"""A writer's signature such as "J. Stalin": initials and a surname, alone on a line."""
POSTSCRIPT = ("P.S", "P. S.", "PS")
SEQUENCE_SLACK = 2
"""A note number at most this far past the expected one starts a note (with a warning)."""
_SHORT_LINE = 30


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the dump."""

    number: int
    """1-based line number in the dump, for diagnostics."""
    text: str
    """The line without its line ending."""


@dataclass(frozen=True, slots=True)
class LetterBlock:
    """The lines of one letter, cut into its parts but not yet interpreted."""

    number: int
    """The number in the heading ("Letter 33" -> 33)."""
    heading: Line
    """The heading line itself."""
    date: Line | None
    """The bracketed editors' date under the heading, if there is one."""
    text: tuple[Line, ...]
    """Salutation to postscript, signature and dateline included."""
    notes: tuple[Line, ...]
    """The numbered notes after the letter (empty if the letter has none)."""


def read_dump(path: Path, shown: str) -> list[Line]:
    """The dump's lines, numbered; any line ending (LF, CRLF, CR) is accepted."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EpistolaError(f"{shown}: cannot read: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise EpistolaError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the dump as UTF-8",
            Location(shown, line, column),
        ) from None
    return split_lines(text)


def split_lines(text: str) -> list[Line]:
    """Numbered lines of a text with any mix of line endings."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Line(number, line) for number, line in enumerate(lines, start=1)]


def split_letters(
    lines: Sequence[Line], *, names: frozenset[str], path: str, report: Report
) -> list[LetterBlock]:
    """Cut the dump at its "Letter N" headings; text before the first one is not a letter.

    `names` are the register's aliases, by which a bare name is known as a signature.
    """
    starts = [i for i, line in enumerate(lines) if HEADING.fullmatch(line.text)]
    if not starts:
        return []
    skipped = [line for line in lines[: starts[0]] if line.text.strip()]
    if skipped:
        report.warning(
            Location(path, skipped[0].number, 1),
            "import.skipped",
            f"{len(skipped)} non-blank lines before the first letter heading are not imported",
        )
    ends = [*starts[1:], len(lines)]
    return [_block(lines[start:end], names) for start, end in zip(starts, ends, strict=True)]


def _block(lines: Sequence[Line], names: frozenset[str]) -> LetterBlock:
    heading, rest = lines[0], _strip_blank(lines[1:])
    match = HEADING.fullmatch(heading.text)
    assert match is not None
    date = None
    if rest and EDITORS_DATE.fullmatch(rest[0].text):
        date, rest = rest[0], _strip_blank(rest[1:])
    split = _notes_start(rest, names)
    return LetterBlock(
        int(match[1]), heading, date, tuple(_strip_blank(rest[:split])), tuple(rest[split:])
    )


def _notes_start(lines: Sequence[Line], names: frozenset[str]) -> int:
    """Where the notes begin: a line numbered "1." that no signature or dateline follows.

    The letter's own points may be numbered "1.", "2." too, and a misprint may restart the
    notes at 1; of the lines that could begin the notes, the one that reads most of them in
    sequence wins, the later one if two read as many.
    """
    starts = [i for i, line in enumerate(lines) if _note_number(line.text) == 1]
    closed = [i for i, line in enumerate(lines) if is_closing(line.text, names)]
    starts = [i for i in starts if not closed or closed[-1] < i]
    if not starts:
        return len(lines)
    return max(starts, key=lambda i: (_notes_in_sequence(lines[i:]), i))


def _notes_in_sequence(lines: Sequence[Line]) -> int:
    expected = 1
    for line in lines:
        number = _note_number(line.text)
        if number is not None and expected <= number <= expected + SEQUENCE_SLACK:
            expected = number + 1
    return expected - 1


def _note_number(text: str) -> int | None:
    match = NOTE_START.match(text)
    return int(match[1]) if match else None


def is_closing(text: str, names: frozenset[str] = frozenset()) -> bool:
    """A line that only ends a letter: a signature ("J. Stalin", or a name of the register),
    a complimentary close ("Regards,"), a postscript or the writer's dateline ("23 June 1926").
    """
    text = text.strip()
    if SIGNATURE.fullmatch(text) or is_dateline(text) or text.startswith(POSTSCRIPT):
        return True
    short = 0 < len(text) <= _SHORT_LINE and not text[0].isdigit()
    return short and (text.endswith(",") or text.rstrip(".").split()[-1] in names)


def _strip_blank(lines: Sequence[Line]) -> list[Line]:
    start, end = 0, len(lines)
    while start < end and not lines[start].text.strip():
        start += 1
    while end > start and not lines[end - 1].text.strip():
        end -= 1
    return list(lines[start:end])
