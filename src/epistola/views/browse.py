"""Edition -> the browse pages: the letters by year and month, the correspondents, each
correspondent's letters, and the data the list's filter reads. Pure and deterministic.

The folders are `list/` and `correspondents/`, never `letters/`, whose page names are
letter numbers (`letters/1927.html` would be letter 1927). Every index here is paged by
`paging.py` as the chronology is, so no page grows with the edition:

- `list/index.html`: all letters by date, by month; past `index_page_size` letters it
  becomes the list of years, each year on `list/1927.html` (continued on `1927-2.html`).
- `correspondents/index.html`: everyone who wrote or received a letter, with how many
  they sent and received; past `index_page_size` people, a page per initial
  (`correspondents/b.html`).
- `correspondents/<id>/index.html`: one correspondent's letters by date, each with the
  other party; paged by year the same way (`correspondents/<id>/1927.html`). A folder of
  its own, so its pages can never take the name of an initial's page or of another
  person. The person page (`people/<id>.html`) stays what it was: who they were, and
  where the letters and notes name them.
- `places-of-writing/index.html`: every place a letter was written at, with how many,
  paged by initial; `places-of-writing/<id>/index.html`: the letters written there by
  date, paged by year. Made only when some letter has a place of writing. The place's
  page (`places/<id>.html`) says how many were written there and links here.
- `list/letters.js`: the filter's data, one script for all letters (see `filter_data`).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from epistola.core.config import DEFAULT_INDEX_PAGE_SIZE
from epistola.core.names.collation import initial_of
from epistola.core.records import Edition, Entry, Page
from epistola.views.index import (
    Chronology,
    ChronologyEntry,
    InitialGroup,
    by_month,
    entry_sort_key,
    letter_label,
    page_by_initial,
)
from epistola.views.paging import IndexPage, Jump, page_chronology

LIST_DIR = "list"
"""The list of letters by date."""
CORRESPONDENTS_DIR = "correspondents"
"""The correspondents index and each correspondent's letters."""
PLACES_DIR = "places-of-writing"
"""The index of the places of writing and the letters written at each."""
FILTER_DATA = f"{LIST_DIR}/letters.js"
"""The filter's data: a script, because browsers refuse `fetch` on `file://`."""
FILTER_FIELDS = ("number", "date", "label", "from", "to", "incipit", "place")
"""The columns of each letter in the filter's data, in order; new ones go at the end."""


ARRANGED_BY = frozenset({"number", "date", "senders", "recipients", "place"})
"""The fields of a letter by which the views file, order and page it (and the chronology,
and the pictures count it); what pages show of it beyond these is what their templates
read (`core.reads`)."""

@dataclass(frozen=True, slots=True)
class CorrespondentEntry:
    """A person who wrote or received at least one letter, and those letters."""

    person: Entry
    letters: tuple[ChronologyEntry, ...]
    """The letters they wrote or received, at their dates, in edition order (one entry
    a letter, shared by the pages of its writer and its addressees)."""
    sent: int
    """How many of them they wrote."""
    received: int
    """How many of them were addressed to them."""
    initial: str
    """The letter under which the index files them (`B`)."""

    @property
    def folder(self) -> str:
        """Where the pages of their letters are (`correspondents/bukharin`)."""
        return f"{CORRESPONDENTS_DIR}/{self.person.id}"


@dataclass(frozen=True, slots=True)
class PlaceOfWriting:
    """A place at least one letter was written at, and those letters."""

    place: Entry
    letters: tuple[ChronologyEntry, ...]
    """The letters written there, at their dates, in edition order."""
    initial: str
    """The letter under which the index files it (`M`)."""

    @property
    def folder(self) -> str:
        """Where the pages of its letters are (`places-of-writing/moscow`)."""
        return f"{PLACES_DIR}/{self.place.id}"


E = TypeVar("E", CorrespondentEntry, PlaceOfWriting)


@dataclass(frozen=True, slots=True)
class ByInitial(Generic[E]):
    """An index by name of browse entries (the correspondents, the places of writing): every
    entry, and the pages that list them."""

    entries: tuple[E, ...]
    """By sort name."""
    pages: tuple[IndexPage[InitialGroup[E]], ...]
    """The index pages; the first is `correspondents/index.html` (`places-of-writing/…`)."""
    jumps: tuple[Jump, ...]
    """The A–Z list: each initial and where its entries start."""


Correspondents = ByInitial[CorrespondentEntry]
PlacesOfWriting = ByInitial[PlaceOfWriting]


def build_letter_list(edition: Edition, *, page_size: int = DEFAULT_INDEX_PAGE_SIZE) -> Chronology:
    """Every letter by its editors' date, by year and month, in pages under `list/`."""
    entries = [ChronologyEntry(x.date, letter_label(x), x) for x in edition.letters]
    return _paged(entries, page_size, LIST_DIR)


def build_correspondents(
    edition: Edition, *, page_size: int = DEFAULT_INDEX_PAGE_SIZE
) -> Correspondents:
    """Everyone who wrote or received a letter, by sort name, in pages by initial."""
    letters: defaultdict[str, list[ChronologyEntry]] = defaultdict(list)
    sent: Counter[str] = Counter()
    received: Counter[str] = Counter()
    for letter in edition.letters:
        sent.update(set(letter.senders))
        at_date = ChronologyEntry(letter.date, letter_label(letter), letter)
        for person in dict.fromkeys((*letter.senders, *letter.recipients)):
            letters[person].append(at_date)
        received.update(set(letter.recipients))
    entries = [
        CorrespondentEntry(
            person=person,
            letters=tuple(letters[person.id]),
            sent=sent[person.id],
            received=received[person.id],
            initial=initial_of(person.sort or person.name),
        )
        for person in sorted(edition.people.values(), key=entry_sort_key)
        if person.id in letters
    ]
    return _by_initial(entries, page_size, CORRESPONDENTS_DIR)


def build_places_of_writing(
    edition: Edition, *, page_size: int = DEFAULT_INDEX_PAGE_SIZE
) -> PlacesOfWriting:
    """Every place a letter was written at, by sort name, in pages by initial."""
    letters: defaultdict[str, list[ChronologyEntry]] = defaultdict(list)
    for letter in edition.letters:
        if letter.place:
            letters[letter.place].append(ChronologyEntry(letter.date, letter_label(letter), letter))
    entries = [
        PlaceOfWriting(place, tuple(letters[place.id]), initial_of(place.sort or place.name))
        for place in sorted(edition.places.values(), key=entry_sort_key)
        if place.id in letters
    ]
    if not entries:
        return ByInitial((), (), ())
    return _by_initial(entries, page_size, PLACES_DIR)


def _by_initial(entries: list[E], page_size: int, folder: str) -> ByInitial[E]:
    # The initials' pages share the folder with the entries' folders, not with files
    # named after them, so no name is taken.
    pages, jumps = page_by_initial(entries, page_size, folder=folder, taken=frozenset())
    return ByInitial(tuple(entries), pages, jumps)


def build_correspondence(
    entry: CorrespondentEntry | PlaceOfWriting, *, page_size: int = DEFAULT_INDEX_PAGE_SIZE
) -> Chronology:
    """One correspondent's letters, or those written at one place, by date, in pages under
    the entry's own folder."""
    return _paged(entry.letters, page_size, entry.folder)


def filter_data(edition: Edition, correspondents: Correspondents, places: PlacesOfWriting) -> Page:
    """`list/letters.js`: what the filter of the list needs of every letter, compact.

    One call, `EpistolaFilter.letters({...})`, with `fields` (the names of the columns,
    `FILTER_FIELDS`), `names` (the correspondents' names, in index order), `places` (the
    places of writing as [id, name], in index order) and `letters` (a row per letter in
    edition order: its number, the first day of its date as ISO 8601, the date as the
    list shows it, the sender (a list of them for a letter of several writers) and
    the recipients as positions in `names`, its first
    words, and its place of writing as a position in `places`, or null). The script
    reads columns by name, so a column added at the end leaves older readers working.
    """
    position = {entry.person.id: i for i, entry in enumerate(correspondents.entries)}
    at = {entry.place.id: i for i, entry in enumerate(places.entries)}
    rows = [
        [
            letter.number,
            letter.date.earliest.isoformat(),
            letter_label(letter),
            _one_or_list([position[s] for s in letter.senders]),
            [position[r] for r in letter.recipients],
            letter.incipit,
            at.get(letter.place) if letter.place else None,
        ]
        for letter in edition.letters
    ]
    names = [entry.person.name for entry in correspondents.entries]
    shown = [[entry.place.id, entry.place.name] for entry in places.entries]
    # One row a line, so a diff of two builds shows the letters that changed.
    text = (
        f'{{"fields":{_json(list(FILTER_FIELDS))},\n"names":{_json(names)},\n'
        f'"places":{_json(shown)},\n"letters":[\n' + ",\n".join(_json(row) for row in rows) + "\n]}"
    )
    return Page(FILTER_DATA, f"EpistolaFilter.letters({text});\n".encode())


def _one_or_list(positions: list[int]) -> int | list[int]:
    """A writer as one position, as before letters could have several; several as a list."""
    return positions[0] if len(positions) == 1 else positions


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _paged(entries: Iterable[ChronologyEntry], page_size: int, folder: str) -> Chronology:
    months = by_month(entries)
    pages, jumps = page_chronology(months, page_size, folder=folder)
    return Chronology(months, pages, jumps)
