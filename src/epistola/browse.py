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
- `list/letters.js`: the filter's data, one script for all letters (see `filter_data`).

A place register will add `places/` the same way: an index of places and each place's
letters by date, and a `place` field in the filter's data.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from epistola.config import DEFAULT_INDEX_PAGE_SIZE
from epistola.index import (
    Chronology,
    ChronologyEntry,
    InitialGroup,
    by_month,
    entry_sort_key,
    initial_of,
    letter_label,
)
from epistola.paging import IndexPage, Jump, page_chronology, page_register
from epistola.records import Edition, Entry, Page

LIST_DIR = "list"
"""The list of letters by date."""
CORRESPONDENTS_DIR = "correspondents"
"""The correspondents index and each correspondent's letters."""
FILTER_DATA = f"{LIST_DIR}/letters.js"
"""The filter's data: a script, because browsers refuse `fetch` on `file://`."""
FILTER_FIELDS = ("number", "date", "label", "from", "to", "incipit")
"""The columns of each letter in the filter's data, in order; new ones go at the end."""


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
class Correspondents:
    """The correspondents index: every correspondent, and the pages that list them."""

    entries: tuple[CorrespondentEntry, ...]
    """By sort name."""
    pages: tuple[IndexPage[InitialGroup[CorrespondentEntry]], ...]
    """The index pages; the first is `correspondents/index.html`."""
    jumps: tuple[Jump, ...]
    """The A–Z list: each initial and where its correspondents start."""


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
        sent[letter.sender] += 1
        at_date = ChronologyEntry(letter.date, letter_label(letter), letter)
        for person in dict.fromkeys((letter.sender, *letter.recipients)):
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
    groups: dict[str, list[CorrespondentEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.initial, []).append(entry)
    initials = [InitialGroup(initial, tuple(items)) for initial, items in groups.items()]
    # The initials' pages share the folder with the correspondents' folders, not with
    # files named after them, so no name is taken.
    pages, jumps = page_register(
        initials, page_size, taken=frozenset(), folder=CORRESPONDENTS_DIR
    )
    return Correspondents(tuple(entries), pages, jumps)


def build_correspondence(
    entry: CorrespondentEntry, *, page_size: int = DEFAULT_INDEX_PAGE_SIZE
) -> Chronology:
    """One correspondent's letters by date, in pages under their own folder."""
    return _paged(entry.letters, page_size, entry.folder)


def browse_paths(edition: Edition, *, page_size: int = DEFAULT_INDEX_PAGE_SIZE) -> set[str]:
    """Every browse page a build publishes, for `epistola check`'s ledger comparison."""
    paths = {page.path for page in build_letter_list(edition, page_size=page_size).pages}
    correspondents = build_correspondents(edition, page_size=page_size)
    paths |= {page.path for page in correspondents.pages}
    for entry in correspondents.entries:
        paths |= {page.path for page in build_correspondence(entry, page_size=page_size).pages}
    return paths


def filter_data(edition: Edition, correspondents: Correspondents) -> Page:
    """`list/letters.js`: what the filter of the list needs of every letter, compact.

    One call, `EpistolaFilter.letters({...})`, with `fields` (the names of the columns,
    `FILTER_FIELDS`), `names` (the correspondents' names, in index order) and `letters`
    (a row per letter in edition order: its number, the first day of its date as ISO
    8601, the date as the list shows it, the sender and the recipients as positions in
    `names`, and its first words). The script reads columns by name, so a column added
    at the end (a place) leaves older readers working.
    """
    position = {entry.person.id: i for i, entry in enumerate(correspondents.entries)}
    rows = [
        [
            letter.number,
            letter.date.earliest.isoformat(),
            letter_label(letter),
            position[letter.sender],
            [position[r] for r in letter.recipients],
            letter.incipit,
        ]
        for letter in edition.letters
    ]
    names = [entry.person.name for entry in correspondents.entries]
    # One row a line, so a diff of two builds shows the letters that changed.
    text = (
        f'{{"fields":{_json(list(FILTER_FIELDS))},\n"names":{_json(names)},\n"letters":[\n'
        + ",\n".join(_json(row) for row in rows)
        + "\n]}"
    )
    return Page(FILTER_DATA, f"EpistolaFilter.letters({text});\n".encode())


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _paged(entries: Iterable[ChronologyEntry], page_size: int, folder: str) -> Chronology:
    months = by_month(entries)
    pages, jumps = page_chronology(months, page_size, folder=folder)
    return Chronology(months, pages, jumps)
