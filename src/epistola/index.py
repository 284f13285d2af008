"""Edition -> the indexes of people and of dates. Pure, sorted, deterministic.

Both indexes are built in one pass over the letters and their mentions (plus one sort),
then cut into pages of bounded size by `paging.py`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from epistola.config import DEFAULT_INDEX_PAGE_SIZE
from epistola.dates import format_date
from epistola.paging import IndexPage, Jump, initial_key, page_chronology, page_people
from epistola.records import Edition, EditorialDate, Event, LetterHead, Mention, Person


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """One person of the register with everything the edition says of them."""

    person: Person
    letters_from: tuple[LetterHead, ...]
    """Letters they wrote, in edition order."""
    letters_to: tuple[LetterHead, ...]
    """Letters addressed to them, in edition order."""
    mentions: tuple[tuple[LetterHead, tuple[Mention, ...]], ...]
    """Every place they are named, grouped by letter in edition order."""
    names_used: tuple[tuple[str, int], ...]
    """The distinct words by which the sources name them, with how often, sorted."""
    initial: str
    """The letter under which the index files them (`V`; `#` for a name not in letters)."""

    @property
    def mention_count(self) -> int:
        """How often the letters and notes name them."""
        return sum(count for _, count in self.names_used)


E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class InitialGroup(Generic[E]):
    """The entries of an index by name filed under one initial (or a part of them): the
    people of the people index, the correspondents of the correspondents index."""

    initial: str
    """The letter, as shown (`V`)."""
    entries: tuple[E, ...]
    """Its entries, in index order."""
    continued: bool = False
    """True on the second and later pages of an initial too long for one page."""

    @property
    def anchor(self) -> str:
        """The element id of the group's heading."""
        return "initial-" + initial_key(self.initial)

    def part(self, start: int, stop: int) -> InitialGroup[E]:
        """The entries from `start` to `stop`, as a group of their own."""
        return InitialGroup(self.initial, self.entries[start:stop], continued=start > 0)


@dataclass(frozen=True, slots=True)
class ChronologyEntry:
    """A letter at its editors' date, or an event a note of it names."""

    date: EditorialDate
    """Where the entry stands in time."""
    label: str
    """The date in words (the editors' label for a letter, the phrase's for an event)."""
    letter: LetterHead
    """The letter, or the letter whose note names the event."""
    event: Event | None = None
    """The event, or None for the letter itself."""


@dataclass(frozen=True, slots=True)
class MonthGroup:
    """The entries of one month of the chronology (or a part of them)."""

    year: int
    month: int
    """1-12."""
    entries: tuple[ChronologyEntry, ...]
    """Letters and events by date; a letter before the events of the same dates."""
    continued: bool = False
    """True on the second and later pages of a month too long for one page."""

    @property
    def anchor(self) -> str:
        """The element id of the month's heading (`y1927-06`)."""
        return f"y{self.year:04d}-{self.month:02d}"

    def part(self, start: int, stop: int) -> MonthGroup:
        """The entries from `start` to `stop`, as a group of their own."""
        return MonthGroup(self.year, self.month, self.entries[start:stop], continued=start > 0)


@dataclass(frozen=True, slots=True)
class PeopleIndex:
    """The index of people: every person's entry, and the pages that list them."""

    entries: tuple[PersonEntry, ...]
    """Every person of the register, by sort name."""
    pages: tuple[IndexPage[InitialGroup[PersonEntry]], ...]
    """The list pages; the first is `people/index.html`."""
    jumps: tuple[Jump, ...]
    """The A–Z list: each initial and where its people start."""


@dataclass(frozen=True, slots=True)
class Chronology:
    """The index of dates: letters and events by month, and the pages that list them."""

    months: tuple[MonthGroup, ...]
    """Every month with letters or events, in order."""
    pages: tuple[IndexPage[MonthGroup], ...]
    """The list pages; the first is `dates/index.html`."""
    jumps: tuple[Jump, ...]
    """The years and their months, and where each starts."""


def build_people_index(
    edition: Edition, *, page_size: int = DEFAULT_INDEX_PAGE_SIZE
) -> PeopleIndex:
    """Every person of the register, sorted by sort name, split into pages by initial."""
    mentions: defaultdict[str, list[tuple[LetterHead, Mention]]] = defaultdict(list)
    wrote: defaultdict[str, list[LetterHead]] = defaultdict(list)
    received: defaultdict[str, list[LetterHead]] = defaultdict(list)
    for letter in edition.letters:
        wrote[letter.sender].append(letter)
        for recipient in letter.recipients:
            received[recipient].append(letter)
        for mention in edition.facets[letter.path].mentions:
            mentions[mention.person_id].append((letter, mention))
    entries = []
    for person in sorted(edition.people.values(), key=person_sort_key):
        found = mentions.get(person.id, [])
        names = Counter(m.text for _, m in found if m.text)
        entries.append(
            PersonEntry(
                person=person,
                letters_from=tuple(wrote.get(person.id, ())),
                letters_to=tuple(received.get(person.id, ())),
                mentions=_group(found),
                names_used=tuple(sorted(names.items())),
                initial=initial_of(person.sort or person.name),
            )
        )
    groups: dict[str, list[PersonEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.initial, []).append(entry)
    initials = [InitialGroup(initial, tuple(items)) for initial, items in groups.items()]
    pages, jumps = page_people(initials, page_size, taken=frozenset(edition.people))
    return PeopleIndex(tuple(entries), pages, jumps)


def person_sort_key(person: Person) -> tuple[str, str]:
    """Where a person stands in an index: by sort name without accents, then by id."""
    return (_fold(person.sort or person.name), person.id)


def _fold(text: str) -> str:
    """Text without accents, in lower case, so that É files with E."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def initial_of(name: str) -> str:
    """The initial under which an index files `name` (`V`; `#` if it has no letter)."""
    first = next((c for c in _fold(name) if c.isalnum()), "#")
    return first.upper() if first.isalpha() else "#"


def _group(
    found: list[tuple[LetterHead, Mention]],
) -> tuple[tuple[LetterHead, tuple[Mention, ...]], ...]:
    groups: dict[int, tuple[LetterHead, list[Mention]]] = {}
    for letter, mention in found:
        groups.setdefault(letter.number, (letter, []))[1].append(mention)
    return tuple((letter, tuple(items)) for letter, items in groups.values())


def build_chronology(edition: Edition, *, page_size: int = DEFAULT_INDEX_PAGE_SIZE) -> Chronology:
    """Letters at their editors' dates and the events of their notes, by year and month."""
    entries = [ChronologyEntry(x.date, letter_label(x), x) for x in edition.letters]
    entries += [
        ChronologyEntry(event.date, event.label, letter, event)
        for letter in edition.letters
        for event in edition.facets[letter.path].events
    ]
    entries.sort(key=_chronological)
    months = by_month(entries)
    pages, jumps = page_chronology(months, page_size)
    return Chronology(months, pages, jumps)


def by_month(entries: Iterable[ChronologyEntry]) -> tuple[MonthGroup, ...]:
    """Entries in date order -> a group for each month they fall in (by the first day)."""
    groups: dict[tuple[int, int], list[ChronologyEntry]] = {}
    for entry in entries:
        key = (entry.date.earliest.year, entry.date.earliest.month)
        groups.setdefault(key, []).append(entry)
    return tuple(MonthGroup(y, m, tuple(items)) for (y, m), items in groups.items())


def letter_label(letter: LetterHead) -> str:
    """The letter's date as lists show it: the editors' words, else the date in words."""
    return letter.date_label or format_date(letter.date)


def _chronological(entry: ChronologyEntry) -> tuple[object, ...]:
    event = entry.event
    if event is None:
        return (entry.date.sort_key(), 0, entry.letter.number, 0)
    return (entry.date.sort_key(), 1, entry.letter.number, event.note)
