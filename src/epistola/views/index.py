"""Edition -> the indexes of the registers (people, places, bodies) and of dates. Pure,
sorted, deterministic.

Each index is built in one pass over the letters and their mentions (plus one sort),
then cut into pages of bounded size by `paging.py`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from epistola.core.config import DEFAULT_INDEX_PAGE_SIZE
from epistola.core.lang import date_words
from epistola.core.names.collation import collation_key, initial_of
from epistola.core.records import (
    Edition,
    EditorialDate,
    Entry,
    Event,
    LetterFacets,
    LetterHead,
    Mention,
)
from epistola.core.registers import KINDS, RegisterKind
from epistola.views.paging import IndexPage, Jump, initial_key, page_chronology, page_register


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One entry of a register (a person, a place, a body) with all the edition says of it."""

    subject: Entry
    letters_from: tuple[LetterHead, ...]
    """Letters a person wrote, in edition order."""
    letters_to: tuple[LetterHead, ...]
    """Letters addressed to a person, in edition order."""
    letters_at: tuple[LetterHead, ...]
    """Letters written at a place, in edition order."""
    mentions: tuple[tuple[LetterHead, tuple[Mention, ...]], ...]
    """Every place it is named, grouped by letter in edition order."""
    names_used: tuple[tuple[str, int], ...]
    """The distinct words by which the sources name it, with how often, sorted."""
    initial: str
    """The letter under which the index files it (`V`; `#` for a name not in letters)."""

    @property
    def person(self) -> Entry:
        """The subject, by the name the people templates use."""
        return self.subject

    @property
    def mention_count(self) -> int:
        """How often the letters and notes name it."""
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
class RegisterIndex:
    """The index of one register: every entry, and the pages that list them."""

    kind: RegisterKind
    entries: tuple[RegisterEntry, ...]
    """Every entry of the register, by sort name."""
    pages: tuple[IndexPage[InitialGroup[RegisterEntry]], ...]
    """The list pages; the first is `people/index.html` (`places/…`, `organizations/…`)."""
    jumps: tuple[Jump, ...]
    """The A–Z list: each initial and where its entries start."""


@dataclass(frozen=True, slots=True)
class Chronology:
    """The index of dates: letters and events by month, and the pages that list them."""

    months: tuple[MonthGroup, ...]
    """Every month with letters or events, in order."""
    pages: tuple[IndexPage[MonthGroup], ...]
    """The list pages; the first is `dates/index.html`."""
    jumps: tuple[Jump, ...]
    """The years and their months, and where each starts."""


def build_register_indexes(
    edition: Edition,
    facets: Mapping[str, LetterFacets],
    kinds: Iterable[RegisterKind] = KINDS,
    *,
    page_size: int = DEFAULT_INDEX_PAGE_SIZE,
) -> dict[str, RegisterIndex]:
    """The index of each register of `kinds`, by kind: every entry sorted by sort name,
    split into pages by initial. One pass over the letters and their mentions. A register
    of places or organizations that has no entries has no index."""
    wanted = {kind.kind: kind for kind in kinds}
    mentions: defaultdict[tuple[str, str], list[tuple[LetterHead, Mention]]] = defaultdict(list)
    letters_of: defaultdict[tuple[str, str, str], list[LetterHead]] = defaultdict(list)
    for letter in edition.letters:
        for sender in letter.senders:
            letters_of["person", "from", sender].append(letter)
        for recipient in letter.recipients:
            letters_of["person", "to", recipient].append(letter)
        if letter.place:
            letters_of["place", "at", letter.place].append(letter)
        for mention in facets[letter.path].mentions:
            if mention.kind in wanted:
                mentions[mention.kind, mention.entry_id].append((letter, mention))
    indexes = {}
    for kind in wanted.values():
        register = edition.registers.get(kind.kind, {})
        if not register and kind.kind != "person":
            continue  # an edition without places or bodies gets no empty index of them
        entries = []
        for entry in sorted(register.values(), key=entry_sort_key):
            found = mentions.get((kind.kind, entry.id), [])
            names = Counter(m.text for _, m in found if m.text)
            entries.append(
                RegisterEntry(
                    subject=entry,
                    letters_from=tuple(letters_of.get((kind.kind, "from", entry.id), ())),
                    letters_to=tuple(letters_of.get((kind.kind, "to", entry.id), ())),
                    letters_at=tuple(letters_of.get((kind.kind, "at", entry.id), ())),
                    mentions=_group(found),
                    names_used=tuple(sorted(names.items())),
                    initial=initial_of(entry.sort or entry.name),
                )
            )
        pages, jumps = page_by_initial(
            entries, page_size, folder=kind.folder, taken=frozenset(register)
        )
        indexes[kind.kind] = RegisterIndex(kind, tuple(entries), pages, jumps)
    return indexes


class Filed(Protocol):
    """An entry of an index by name: it knows the initial it is filed under."""

    @property
    def initial(self) -> str: ...


F = TypeVar("F", bound=Filed)


def page_by_initial(
    entries: Sequence[F], page_size: int, *, folder: str, taken: frozenset[str]
) -> tuple[tuple[IndexPage[InitialGroup[F]], ...], tuple[Jump, ...]]:
    """Entries in index order -> a group for each initial, cut into pages in `folder`
    (`taken`: the names of other pages there), and the A–Z list."""
    groups: dict[str, list[F]] = {}
    for entry in entries:
        groups.setdefault(entry.initial, []).append(entry)
    initials = [InitialGroup(initial, tuple(items)) for initial, items in groups.items()]
    return page_register(initials, page_size, folder=folder, taken=taken)


def entry_sort_key(entry: Entry) -> tuple[object, str]:
    """Where a register entry stands in an index: by the collation of its sort name
    (`names/collation.py`), then id."""
    return (collation_key(entry.sort or entry.name), entry.id)


def _group(
    found: list[tuple[LetterHead, Mention]],
) -> tuple[tuple[LetterHead, tuple[Mention, ...]], ...]:
    groups: dict[int, tuple[LetterHead, list[Mention]]] = {}
    for letter, mention in found:
        groups.setdefault(letter.number, (letter, []))[1].append(mention)
    return tuple((letter, tuple(items)) for letter, items in groups.values())


def build_chronology(
    edition: Edition,
    facets: Mapping[str, LetterFacets],
    *,
    page_size: int = DEFAULT_INDEX_PAGE_SIZE,
) -> Chronology:
    """Letters at their editors' dates and the events of their notes, by year and month."""
    entries = [ChronologyEntry(x.date, letter_label(x), x) for x in edition.letters]
    entries += [
        ChronologyEntry(event.date, event.label, letter, event)
        for letter in edition.letters
        for event in facets[letter.path].events
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
    return letter.date_label or date_words(letter.date)


def _chronological(entry: ChronologyEntry) -> tuple[object, ...]:
    event = entry.event
    if event is None:
        return (entry.date.sort_key(), 0, entry.letter.number, 0)
    return (entry.date.sort_key(), 1, entry.letter.number, event.note)
