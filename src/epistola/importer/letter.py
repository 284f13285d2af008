"""One letter block of the dump -> its text and notes as Markdown, with markers placed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from epistola.core.diagnostics import Report
from epistola.core.records import Location
from epistola.importer.dates import is_dateline, writers_date_in_note
from epistola.importer.dump import NOTE_START, SEQUENCE_SLACK, LetterBlock, Line
from epistola.importer.markdown import escape, paragraphs
from epistola.importer.markers import GLUED, Candidate, choose_markers, find_candidates


@dataclass(frozen=True, slots=True)
class ImportedNote:
    """One editorial note of the dump."""

    number: int
    """The number the dump gives it."""
    line: Line
    """Its first line in the dump."""
    paragraphs: tuple[str, ...]
    """Markdown, one item a paragraph."""


@dataclass(frozen=True, slots=True)
class LetterText:
    """What one letter block holds, as Markdown, before people and dates are settled."""

    paragraphs: tuple[str, ...]
    """The letter's text, salutation to postscript, markers as `[^N]`."""
    plain_lines: tuple[tuple[Line, str], ...]
    """Each non-blank line of the text without its markers, for salutation and signature."""
    notes: tuple[ImportedNote, ...]
    """The notes in the dump's order."""
    dated: str | None
    """The writer's dateline, or the writer's date as a note reports it."""


def read_letter(block: LetterBlock, *, path: str, report: Report) -> LetterText:
    """Place the markers, join the paragraphs, read the notes; report what to look at."""
    notes = read_notes(block.notes, letter=block.number, path=path, report=report)
    numbers = [note.number for note in notes]
    candidates = [c for row, line in enumerate(block.text) for c in find_candidates(row, line.text)]
    markers = choose_markers(candidates, numbers)
    _report_markers(block, notes, candidates, markers, path=path, report=report)
    rows: list[tuple[str, str]] = []
    for row, line in enumerate(block.text):
        rows.append(_with_markers(line.text, [m for m in markers if m.row == row]))
    plain = tuple((line, row[1].strip()) for line, row in zip(block.text, rows, strict=True))
    return LetterText(
        tuple(paragraphs(rows)),
        tuple(item for item in plain if item[1]),
        tuple(notes),
        _dated(block, notes, path=path, report=report),
    )


def _with_markers(text: str, markers: Sequence[Candidate]) -> tuple[str, str]:
    markdown, plain, at = [], [], 0
    for marker in markers:
        markdown += [escape(text[at : marker.start]), f"[^{marker.value}]"]
        plain.append(text[at : marker.start])
        at = marker.end
    markdown.append(escape(text[at:]))
    plain.append(text[at:])
    return "".join(markdown), "".join(plain)


def read_notes(
    lines: Sequence[Line], *, letter: int, path: str, report: Report
) -> list[ImportedNote]:
    """The numbered notes; a line that is no next number continues the note before it."""
    groups: list[tuple[int, Line, list[tuple[str, str]]]] = []
    for line in lines:
        match = NOTE_START.match(line.text)
        expected = groups[-1][0] + 1 if groups else 1
        number = int(match[1]) if match else None
        if match and number is not None and expected <= number <= expected + SEQUENCE_SLACK:
            if number != expected:
                _sequence_warning(line, number, expected, letter, True, path=path, report=report)
            text = line.text[match.end() :]
            groups.append((number, line, [(escape(text), text)]))
            continue
        if number is not None and number < expected + 10 and groups:
            _sequence_warning(line, number, expected, letter, False, path=path, report=report)
        if groups:
            groups[-1][2].append((escape(line.text), line.text))
    return [ImportedNote(number, first, tuple(paragraphs(rows))) for number, first, rows in groups]


def _sequence_warning(
    line: Line, number: int, expected: int, letter: int, started: bool, *, path: str, report: Report
) -> None:
    kept = "read as that note" if started else f"kept as text of note {expected - 1}"
    report.warning(
        Location(path, line.number, 1),
        "import.note-sequence",
        f"note number {number} breaks the sequence of the notes to letter {letter}:"
        f" note {expected} was expected here; {kept}",
    )


def _report_markers(
    block: LetterBlock,
    notes: Sequence[ImportedNote],
    candidates: Sequence[Candidate],
    markers: Sequence[Candidate],
    *,
    path: str,
    report: Report,
) -> None:
    placed = {marker.value: marker for marker in markers}
    for note in notes:
        if note.number not in placed:
            report.warning(
                Location(path, note.line.number, 1),
                "import.note-without-marker",
                f"note {note.number} to letter {block.number} found no marker in the letter;"
                f" put [^{note.number}] after the word it explains",
            )
    for candidate in candidates:
        if candidate.strength != GLUED or placed.get(candidate.value) is candidate:
            continue
        line = block.text[candidate.row]
        word = line.text[: candidate.end].split()[-1]
        why = (
            f"the marker of note {candidate.value} is placed elsewhere"
            if candidate.value in placed
            else f"letter {block.number} has no note {candidate.value}"
        )
        report.warning(
            Location(path, line.number, candidate.digits_at + 1),
            "import.marker-unused",
            f"'{word}' looks like a note marker, but {why}; left as text",
        )


def _dated(
    block: LetterBlock, notes: Sequence[ImportedNote], *, path: str, report: Report
) -> str | None:
    for line in reversed(block.text):
        if is_dateline(line.text):
            return line.text.strip()
    for note in notes:
        found = writers_date_in_note(" ".join(note.paragraphs))
        if found:
            report.warning(
                Location(path, note.line.number, 1),
                "import.dated-from-note",
                f"letter {block.number} has no dateline; 'dated: {found}' is taken from"
                f" note {note.number}; check it",
            )
            return found
    return None
