"""A parsed Letter -> its LetterHead, and the checks that need only the letter and the register.

Both run once per content of a letter, right after it is parsed (in the worker that
parsed it), and are kept with the parse: a build that takes a letter from the store
neither parses nor checks it again.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

from epistola.diagnostics import Report
from epistola.events import find_events
from epistola.records import Letter, LetterFacets, LetterHead, Location
from epistola.registers import KIND

INCIPIT_WORDS = 12


def facets_of(letter: Letter) -> LetterFacets:
    """What the people index, the chronology and the ledger need of `letter`."""
    return LetterFacets(letter.mentions, find_events(letter), page_anchors(letter))


def head_of(letter: Letter, key: str) -> LetterHead:
    """What linking and the lists need of `letter`."""
    return LetterHead(
        number=letter.number,
        path=letter.path,
        notes_path=letter.notes_path,
        date=letter.date,
        date_label=letter.date_label,
        dated=letter.dated,
        sender=letter.sender,
        recipients=letter.recipients,
        place=letter.place,
        incipit=letter.incipit,
        note_numbers=tuple(note.number for note in letter.notes),
        refs=letter.refs,
        number_location=letter.fields.of("number"),
        key=key,
        language=letter.language,
    )


def page_anchors(letter: Letter) -> tuple[str, ...]:
    """Every element id the letter's page publishes, as the anchor ledger records them."""
    return (
        *(paragraph.anchor for paragraph in letter.paragraphs),
        *(f"note-{note.number}" for note in letter.notes),
        *(marker.anchor for marker in letter.markers),
    )


def check_letter(letter: Letter, entries: Collection[tuple[str, str]], report: Report) -> None:
    """Report ids that no register has, and markers that do not match the notes.

    `entries` are (kind, id) of every entry of every register."""
    _check_entries(letter, entries, report)
    _check_markers(letter, report)


def _check_entries(letter: Letter, entries: Collection[tuple[str, str]], report: Report) -> None:
    named = [("person", "from", letter.sender), *(("person", "to", p) for p in letter.recipients)]
    if letter.place:
        named.append(("place", "place", letter.place))
    for kind, key, entry_id in named:
        if entry_id and (kind, entry_id) not in entries:
            _unknown(kind, entry_id, letter.fields.of_item(key, entry_id), entries, report)
    for mention in letter.mentions:
        if mention.explicit and (mention.kind, mention.entry_id) not in entries:
            _unknown(mention.kind, mention.entry_id, mention.location, entries, report)


def _unknown(
    kind: str,
    entry_id: str,
    where: Location,
    entries: Collection[tuple[str, str]],
    report: Report,
) -> None:
    register = KIND[kind]
    ids = [i for k, i in entries if k == kind]
    guess = difflib.get_close_matches(entry_id, ids, n=1)
    suggestion = f"; did you mean '{guess[0]}'?" if guess else ""
    report.error(
        where,
        f"{kind}.unknown",
        f"{register.singular} '{entry_id}' is not in {register.path}{suggestion}",
    )


def _check_markers(letter: Letter, report: Report) -> None:
    notes = {note.number for note in letter.notes}
    notes_path = letter.notes_path or f"notes/{letter.path.rsplit('/', 1)[-1]}"
    previous = 0
    highest: Location | None = None
    for marker in letter.markers:
        if marker.number not in notes:
            report.error(
                marker.location,
                "note.missing",
                f"marker [^{marker.number}] has no note {marker.number} in {notes_path}",
            )
        if marker.number < previous:
            report.error(
                marker.location,
                "marker.order",
                f"marker [^{marker.number}] comes after marker [^{previous}]; markers must"
                " follow the order of the notes",
                related=((highest, f"marker [^{previous}] is here"),) if highest else (),
            )
        elif marker.number == previous:
            report.warning(
                marker.location, "marker.repeat", f"marker [^{marker.number}] appears again"
            )
        if marker.number > previous:
            previous, highest = marker.number, marker.location
    marked = {marker.number for marker in letter.markers}
    for note in letter.notes:
        if note.number not in marked:
            report.warning(
                note.location,
                "note.unused",
                f"note {note.number} is never referenced in {letter.path}",
            )
