"""Edition -> the indexes of people and of dates. Pure, sorted, deterministic."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from epistola.records import Edition, Letter, Mention, Person


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """One person of the register with everything the edition says of them."""

    person: Person
    letters_from: tuple[Letter, ...]
    """Letters they wrote, in edition order."""
    letters_to: tuple[Letter, ...]
    """Letters addressed to them, in edition order."""
    mentions: tuple[tuple[Letter, tuple[Mention, ...]], ...]
    """Every place they are named, grouped by letter in edition order."""
    names_used: tuple[str, ...]
    """The distinct words by which the sources name them, sorted."""

    @property
    def mention_count(self) -> int:
        return sum(len(found) for _, found in self.mentions)


@dataclass(frozen=True, slots=True)
class MonthGroup:
    """The letters of one month of the chronology."""

    year: int
    month: int
    letters: tuple[Letter, ...]


def build_people_index(edition: Edition) -> tuple[PersonEntry, ...]:
    """Every person of the register, sorted by sort name."""
    mentions: defaultdict[str, list[tuple[Letter, Mention]]] = defaultdict(list)
    wrote: defaultdict[str, list[Letter]] = defaultdict(list)
    received: defaultdict[str, list[Letter]] = defaultdict(list)
    for letter in edition.letters:
        wrote[letter.sender].append(letter)
        for recipient in letter.recipients:
            received[recipient].append(letter)
        for mention in letter.mentions:
            mentions[mention.person_id].append((letter, mention))
    entries = []
    for person in sorted(edition.people.values(), key=lambda p: (p.sort.casefold(), p.id)):
        found = mentions.get(person.id, [])
        entries.append(
            PersonEntry(
                person=person,
                letters_from=tuple(wrote.get(person.id, ())),
                letters_to=tuple(received.get(person.id, ())),
                mentions=_group(found),
                names_used=tuple(sorted({m.text for _, m in found if m.text})),
            )
        )
    return tuple(entries)


def _group(found: list[tuple[Letter, Mention]]) -> tuple[tuple[Letter, tuple[Mention, ...]], ...]:
    groups: dict[int, tuple[Letter, list[Mention]]] = {}
    for letter, mention in found:
        groups.setdefault(letter.number, (letter, []))[1].append(mention)
    return tuple((letter, tuple(items)) for letter, items in groups.values())


def build_chronology(edition: Edition) -> tuple[MonthGroup, ...]:
    """The letters grouped by the year and month of their editors' date."""
    groups: dict[tuple[int, int], list[Letter]] = {}
    for letter in edition.letters:
        key = (letter.date.earliest.year, letter.date.earliest.month)
        groups.setdefault(key, []).append(letter)
    return tuple(MonthGroup(y, m, tuple(letters)) for (y, m), letters in sorted(groups.items()))
