"""`epistola import`: a plain-text dump of a printed edition -> letters/ and notes/ sources.

dump -> lines -> letter blocks (dump.py) -> text, markers and notes (letter.py) -> dates
(dates.py) and people (register.py) -> files (files.py). Everything an editor must look at
goes to the report as a warning at its line in the dump (checks.py); nothing is repaired
silently, and nothing is written if anything is an error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from epistola.core.diagnostics import Report
from epistola.core.records import Location
from epistola.core.registers import PEOPLE_PATH, AliasIndex
from epistola.importer.checks import Vocabulary, check_line
from epistola.importer.dates import EditorsDate, narrowed, read_editors_date
from epistola.importer.dump import LetterBlock, read_dump, split_letters
from epistola.importer.files import ImportedLetter, render_files, shown_path, write_files
from epistola.importer.letter import LetterText, read_letter
from epistola.importer.register import PLACEHOLDER, load_register, recipients, signer

DATE_PLACEHOLDER = "YYYY-MM-DD"


def import_dump(dump: Path, into: Path, *, force: bool, report: Report) -> list[ImportedLetter]:
    """Read the dump, report what to look at, and write the sources unless there are errors."""
    path = shown_path(dump)
    lines = read_dump(dump, path)
    aliases = load_register(into, report=report)
    names = frozenset(aliases.entry_of if aliases else ())
    blocks = split_letters(lines, names=names, path=path, report=report)
    if not blocks:
        report.error(
            Location(path, 1, 1),
            "import.no-letters",
            "no letter found: each letter must start with a heading such as 'Letter 31'"
            " on a line of its own; nothing was written",
        )
        return []
    _check_numbers(blocks, path=path, report=report)
    vocabulary = Vocabulary.of(lines, names)
    for block in blocks:
        for line in (*block.text, *block.notes):
            check_line(line, vocabulary, path=path, report=report)
    texts = [read_letter(block, path=path, report=report) for block in blocks]
    dates = _editors_dates(blocks, path=path, report=report)
    letters = _settle_people(blocks, texts, dates, aliases, path=path, report=report)
    if not report.errors:
        write_files(into, render_files(letters), force=force, report=report)
    return letters


def _check_numbers(blocks: Sequence[LetterBlock], *, path: str, report: Report) -> None:
    first: dict[int, LetterBlock] = {}
    for block in blocks:
        seen = first.setdefault(block.number, block)
        if seen is not block:
            report.error(
                Location(path, block.heading.number, 1),
                "import.duplicate-letter",
                f"letter {block.number} appears twice; nothing was written",
                related=((Location(path, seen.heading.number, 1), "first here"),),
            )


def _editors_dates(
    blocks: Sequence[LetterBlock], *, path: str, report: Report
) -> list[EditorsDate | None]:
    dates: list[EditorsDate | None] = []
    for block in blocks:
        if block.date is None:
            report.warning(
                Location(path, block.heading.number, 1),
                "import.date-missing",
                f"letter {block.number} has no editors' date such as [23 June 1927] under its"
                f" heading; date left as {DATE_PLACEHOLDER}",
            )
            dates.append(None)
            continue
        words = block.date.text.strip()[1:-1].strip()
        date = read_editors_date(words)
        if date is None:
            report.warning(
                Location(path, block.date.number, 1),
                "import.date",
                f"editors' date '{words}' is not a date such as 23 June 1927, June 1927 or"
                f" Early July 1927; date left as {DATE_PLACEHOLDER}, the words kept as date_label",
            )
        dates.append(date)
    return [_between(dates, i, blocks, path=path, report=report) for i in range(len(dates))]


def _between(
    dates: Sequence[EditorsDate | None],
    i: int,
    blocks: Sequence[LetterBlock],
    *,
    path: str,
    report: Report,
) -> EditorsDate | None:
    date = dates[i]
    if date is None or not date.guessed:
        return date
    after = next((d.latest for d in reversed(dates[:i]) if d and not d.guessed), None)
    before = next((d.earliest for d in dates[i + 1 :] if d and not d.guessed), None)
    result = narrowed(date, before, after)
    days = f"days {date.earliest.day}-{date.latest.day} of the month"
    if result is not date:
        days += ", cut to the days between the letters before and after it"
    line = blocks[i].date
    assert line is not None
    report.warning(
        Location(path, line.number, 1),
        "import.date-interval",
        f"editors' date '{date.label}' is imported as {result.edtf} ({days}); check it",
    )
    return result


def _settle_people(
    blocks: Sequence[LetterBlock],
    texts: Sequence[LetterText],
    dates: Sequence[EditorsDate | None],
    aliases: AliasIndex | None,
    *,
    path: str,
    report: Report,
) -> list[ImportedLetter]:
    senders = [signer(text.plain_lines, aliases) for text in texts]
    usual = Counter(s for s in senders if s).most_common(1)
    letters = []
    for block, text, date, sender in zip(blocks, texts, dates, senders, strict=True):
        if sender is None:
            sender = usual[0][0] if usual else PLACEHOLDER
            _unknown_sender(block, sender, aliases, path=path, report=report)
        to = recipients(text.plain_lines, aliases)
        if not to:
            _unknown_recipients(block, text, aliases, path=path, report=report)
        letters.append(_letter(block, text, date, sender, tuple(to) or (PLACEHOLDER,)))
    return letters


def _letter(
    block: LetterBlock,
    text: LetterText,
    date: EditorsDate | None,
    sender: str,
    to: tuple[str, ...],
) -> ImportedLetter:
    words = block.date.text.strip()[1:-1].strip() if block.date else None
    return ImportedLetter(
        number=block.number,
        date=date.edtf if date else DATE_PLACEHOLDER,
        date_label=date.label if date else words,
        dated=text.dated,
        sender=sender,
        recipients=to,
        paragraphs=text.paragraphs,
        notes=text.notes,
    )


def _unknown_sender(
    block: LetterBlock, sender: str, aliases: AliasIndex | None, *, path: str, report: Report
) -> None:
    if aliases is None:
        why = f"there is no register ({PEOPLE_PATH}) to look the signature up in"
    else:
        why = "no signature names a person of the register"
    taken = (
        f"'from' left as {PLACEHOLDER}"
        if sender == PLACEHOLDER
        else f"'from' set to '{sender}', who signs the other letters; check it"
    )
    report.warning(
        Location(path, block.heading.number, 1),
        "import.sender",
        f"letter {block.number}: {why}; {taken}",
    )


def _unknown_recipients(
    block: LetterBlock, text: LetterText, aliases: AliasIndex | None, *, path: str, report: Report
) -> None:
    line, salutation = text.plain_lines[0] if text.plain_lines else (block.heading, "")
    if aliases is None:
        why = f"there is no register ({PEOPLE_PATH}) to look up '{salutation}' in"
    else:
        why = f"the salutation '{salutation}' names no person of the register"
    report.warning(
        Location(path, line.number, 1),
        "import.recipient",
        f"letter {block.number}: {why}; 'to' left as [{PLACEHOLDER}]",
    )
