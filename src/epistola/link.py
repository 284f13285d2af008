"""All letters + the register -> Edition. Every "not found" is reported from here."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping

from epistola.diagnostics import Report
from epistola.records import Citation, Edition, Letter, Location, Person, Ref


def link_edition(
    letters: Iterable[Letter],
    people: Mapping[str, Person],
    report: Report,
    *,
    orphan_notes: Iterable[str] = (),
) -> Edition:
    """Pair markers with notes, resolve refs and people, order the letters by date."""
    for path in orphan_notes:
        report.error(
            Location(path, 1, 1),
            "notes.orphan",
            f"notes file without a letter: there is no letters/{path.rsplit('/', 1)[-1]}",
        )
    by_number: dict[int, Letter] = {}
    for letter in letters:
        first = by_number.setdefault(letter.number, letter)
        if first is not letter:
            report.error(
                letter.fields.of("number"),
                "letter.duplicate-number",
                f"letter number {letter.number} is used twice; give each letter its own number",
                related=((first.fields.of("number"), "first used here"),),
            )
    ordered = tuple(sorted(by_number.values(), key=lambda x: (x.date.sort_key(), x.number)))
    numbers = sorted(by_number)
    notes_of = {number: {n.number for n in letter.notes} for number, letter in by_number.items()}
    positions = {number: i for i, number in enumerate(numbers)}
    targets: dict[tuple[int, int], str | None] = {}
    cited_by: defaultdict[tuple[int, int | None], list[Citation]] = defaultdict(list)
    for letter in ordered:
        _check_people(letter, people, report)
        _check_markers(letter, report)
        for ref in letter.refs:
            key = _resolve(ref, letter, notes_of, numbers, positions, report)
            targets[(letter.number, ref.index)] = _href(key, letter.number)
            if key is not None:
                cited_by[key].append(Citation(letter.number, ref.anchor, ref.index))
    return Edition(
        letters=ordered,
        people=dict(people),
        ref_targets=targets,
        cited_by={key: _distinct(places) for key, places in sorted(cited_by.items(), key=_key)},
        by_number=by_number,
    )


def _check_people(letter: Letter, people: Mapping[str, Person], report: Report) -> None:
    for key, ids in (("from", (letter.sender,)), ("to", letter.recipients)):
        for person in ids:
            if person and person not in people:
                report.error(
                    letter.fields.of_item(key, person),
                    "person.unknown",
                    f"person '{person}' is not in notes/people.yaml{_suggest(person, people)}",
                )
    for mention in letter.mentions:
        if mention.explicit and mention.person_id not in people:
            report.error(
                mention.location,
                "person.unknown",
                f"person '{mention.person_id}' is not in notes/people.yaml"
                f"{_suggest(mention.person_id, people)}",
            )


def _suggest(person: str, people: Mapping[str, Person]) -> str:
    guess = difflib.get_close_matches(person, list(people), n=1)
    return f"; did you mean '{guess[0]}'?" if guess else ""


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


def _resolve(
    ref: Ref,
    letter: Letter,
    notes_of: Mapping[int, set[int]],
    numbers: list[int],
    positions: Mapping[int, int],
    report: Report,
) -> tuple[int, int | None] | None:
    """The (letter, note) a ref points to, or None if it leads outside the edition."""
    if ref.relation:
        position = positions[letter.number] + (1 if ref.relation == "next" else -1)
        if not 0 <= position < len(numbers):
            report.warning(
                ref.location,
                "ref.unknown-letter",
                f"'{ref.text}': letter {letter.number} has no {ref.relation} letter"
                " in this edition",
            )
            return None
        return (numbers[position], None)
    number = letter.number if ref.letter is None else ref.letter
    if number not in notes_of:
        report.warning(
            ref.location,
            "ref.unknown-letter",
            f"'{_words(ref)}': letter {number} is not in this edition",
        )
        return None
    if ref.note is not None and ref.note not in notes_of[number]:
        report.error(
            ref.location,
            "ref.unknown-note",
            f"'{_words(ref)}': letter {number} has no note {ref.note}",
        )
        return None
    return (number, ref.note)


def _words(ref: Ref) -> str:
    """The phrase as the editor wrote it, for messages."""
    if ref.phrase:
        return ref.phrase
    if ref.text and not ref.text.isdigit():
        return ref.text
    return f"note {ref.note} to letter {ref.letter}" if ref.note else f"letter {ref.letter}"


def _href(key: tuple[int, int | None] | None, here: int) -> str | None:
    if key is None:
        return None
    number, note = key
    fragment = f"#note-{note}" if note is not None else ""
    return fragment if number == here and fragment else f"{number}.html{fragment}"


def _key(item: tuple[tuple[int, int | None], list[Citation]]) -> tuple[int, int]:
    (number, note), _ = item
    return (number, -1 if note is None else note)


def _distinct(places: list[Citation]) -> tuple[Citation, ...]:
    seen: dict[tuple[int, str], Citation] = {}
    for place in places:
        seen.setdefault((place.letter, place.anchor), place)
    return tuple(sorted(seen.values(), key=lambda c: (c.letter, c.ref_index)))
