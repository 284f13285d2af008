"""The heads of all letters + the registers -> Edition: what needs more than one letter.

Refs are resolved ("note 4 to letter 27"), backlinks gathered and the letters ordered by
date. What one letter and the register can tell alone (unknown people, markers without
notes) is checked when the letter is parsed (`heads.check_letter`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from epistola.core.diagnostics import Report
from epistola.core.records import Citation, Edition, Entry, LetterHead, Location, Ref


def link_edition(
    letters: Iterable[LetterHead],
    registers: Mapping[str, Mapping[str, Entry]],
    report: Report,
    *,
    orphan_notes: Iterable[str] = (),
) -> Edition:
    """Resolve refs, gather backlinks, order the letters by date; `registers` by kind."""
    for path in orphan_notes:
        report.error(
            Location(path, 1, 1),
            "notes.orphan",
            f"notes file without a letter: there is no letters/{path.rsplit('/', 1)[-1]}",
        )
    by_number: dict[int, LetterHead] = {}
    for letter in letters:
        first = by_number.setdefault(letter.number, letter)
        if first is not letter:
            report.error(
                letter.number_location,
                "letter.duplicate-number",
                f"letter number {letter.number} is used twice; give each letter its own number",
                related=((first.number_location, "first used here"),),
            )
    ordered = tuple(sorted(by_number.values(), key=lambda x: (x.date.sort_key(), x.number)))
    numbers = sorted(by_number)
    notes_of = {number: set(letter.note_numbers) for number, letter in by_number.items()}
    positions = {number: i for i, number in enumerate(numbers)}
    targets: dict[tuple[int, int], str | None] = {}
    cited_by: defaultdict[tuple[int, int | None], list[Citation]] = defaultdict(list)
    referrers: defaultdict[int, set[int]] = defaultdict(set)
    for letter in ordered:
        for ref in letter.refs:
            if ref.letter is not None:
                referrers[ref.letter].add(letter.number)
            key = _resolve(ref, letter, notes_of, numbers, positions, report)
            targets[(letter.number, ref.index)] = _href(key, letter.number)
            if key is not None:
                cited_by[key].append(Citation(letter.number, ref.anchor, ref.index))
    return Edition(
        letters=ordered,
        registers={kind: dict(entries) for kind, entries in registers.items()},
        ref_targets=targets,
        cited_by={key: _distinct(places) for key, places in sorted(cited_by.items(), key=_key)},
        by_number=by_number,
        referrers={number: tuple(sorted(found)) for number, found in referrers.items()},
    )


def _resolve(
    ref: Ref,
    letter: LetterHead,
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


def neighbours(edition: Edition, position: int) -> tuple[LetterHead | None, LetterHead | None]:
    """The letters just before and after the one at `position` in the edition's order."""
    letters = edition.letters
    return (
        letters[position - 1] if position > 0 else None,
        letters[position + 1] if position + 1 < len(letters) else None,
    )
