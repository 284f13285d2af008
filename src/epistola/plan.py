"""Which outputs a build must make: looked up from what changed, not found by a scan.

A build knows which letter files it parsed anew (and their heads before), and which are
gone. From those alone it finds every output that may show something of them:

- the letter's own page and its exports, and those of its neighbours in date order and
  by number ("the next letter"), old and new, of the letters its refs name, old and
  new, and of the letters whose refs name it (`Edition.referrers`);
- the pages of the register entries it names, is written by, to or at, and their
  indexes, when its mentions of the entry changed or a field of it that those pages
  read (their steps then keep the pages that show nothing new);
- the title page, the index of each register and the chronology, when what they show of
  it changed;
- the search shards of its numbers, old and new.

Each candidate letter page then gets a fingerprint of everything it shows; one equal to
the last build's is not made again. A change of epistola's code, the theme, the register
or `edition.yaml` makes everything a candidate (`Plan.full`); so does a change of any register.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from epistola.core.reads import Reads, Shown, fields_read
from epistola.core.records import Edition, LetterFacets, LetterHead
from epistola.core.registers import KINDS
from epistola.link import neighbours
from epistola.parse.many import ParsedSources
from epistola.parse.search import shard_of
from epistola.state.fingerprint import digest
from epistola.views.browse import ARRANGED_BY

ENTRY_KINDS = frozenset({"entry", *(f"{k.kind}-index" for k in KINDS)})
"""The kinds of the pages of register entries and of the registers' indexes."""


@dataclass
class Plan:
    """What this build makes."""

    full: bool
    letters: list[LetterHead] = field(default_factory=list)
    """Letters whose page and exports are made, in edition order."""
    entries: set[tuple[str, str]] | None = None
    """(kind, id) of the register entries whose pages are made; None for all."""
    index: bool = False
    """The title page and the letter lists."""
    register_indexes: set[str] = field(default_factory=set)
    """The kinds of register whose index is made (`person`, `place`, `org`)."""
    chronology: bool = False
    shards: set[int] | None = None
    """Search shards to remake; None for all."""
    exports: bool = False
    """`edition.json`, CMIF and the sitemap."""
    gone: list[LetterHead] = field(default_factory=list)
    """Letters whose outputs are removed."""
    common: str = ""
    """The fingerprint of what every page is made with (code, theme, register, settings)."""


def plan_build(
    edition: Edition,
    sources: ParsedSources,
    *,
    full: bool,
    common: str,
    previous: Callable[[str], str | None],
    reads: Mapping[str, tuple[str, Reads]],
) -> Plan:
    """The outputs to make, given what changed; `previous` gives a page's last fingerprint,
    `reads` the kind of each page made as a step and what its template read when last made."""
    changed, removed = sources.changed, sources.removed
    now = {head.path: head for head in edition.letters}
    if full:
        plan = Plan(True, list(edition.letters), index=True, chronology=True)
        plan.register_indexes = {kind.kind for kind in KINDS}
        plan.common = common
        plan.exports = True
        gone_numbers = {head.number for head in removed} - set(edition.by_number)
        plan.gone = [head for head in removed if head.number in gone_numbers]
        return plan
    pairs = [
        _Pair(old, now.get(path), sources.old_facets.get(path), sources.new_facets.get(path))
        for path, old in changed.items()
    ]
    pairs += [_Pair(old, None, sources.old_facets.get(old.path), None) for old in removed]
    plan = Plan(False, entries=set(), shards=set(), common=common)
    candidates: set[int] = set()
    read = _by_kind(reads)
    on_lists = [found for kind, found in read.items() if kind not in {*ENTRY_KINDS, "letter"}]
    on_entries = [found for kind, found in read.items() if kind in ENTRY_KINDS]
    listed = ARRANGED_BY | fields_read(on_lists, "LetterHead")
    entry_fields = ARRANGED_BY | fields_read(on_entries, "LetterHead")
    order = [_order(head) for head in edition.letters]
    numbers = sorted(edition.by_number)
    for pair in pairs:
        old, new = pair.old, pair.new
        for head in (old, new):
            if head is None:
                continue
            assert plan.shards is not None
            plan.shards.add(shard_of(head.number))
            candidates.add(head.number)
            candidates.update(ref.letter for ref in head.refs if ref.letter is not None)
            candidates.update(edition.referrers.get(head.number, ()))
            candidates.update(_around(edition, order, head))
            # "the next letter" and "the previous letter" go by number
            at = bisect.bisect_left(numbers, head.number)
            candidates.update(numbers[max(at - 1, 0) : at + 2])
        if (old and old.summary()) != (new and new.summary()):
            plan.exports = True  # CMIF and edition.json list each letter's metadata
        if _differ(old, new, listed):
            plan.index = plan.chronology = True
        if (pair.old_facets and pair.old_facets.events) != (
            pair.new_facets and pair.new_facets.events
        ):
            plan.chronology = True
        assert plan.entries is not None
        before, after = pair.entries(old, pair.old_facets), pair.entries(new, pair.new_facets)
        differs = _differ(old, new, entry_fields)
        for entry in before | after:
            if differs or _named(pair.old_facets, entry) != _named(pair.new_facets, entry):
                plan.entries.add(entry)
                plan.register_indexes.add(entry[0])
    if any(p.old is None or p.new is None for p in pairs):
        plan.exports = True  # the sitemap lists the letters' pages
    positions = {head.number: i for i, head in enumerate(edition.letters)}
    for number in sorted(candidates):
        position = positions.get(number)
        if position is None:
            continue
        head = edition.letters[position]
        kept = reads.get(head.page)
        if kept is None or previous(head.page) != letter_fingerprint(
            edition, position, common, kept[1]
        ):
            plan.letters.append(head)
    plan.letters.sort(key=lambda head: positions[head.number])
    plan.gone = [head for head in removed if head.number not in edition.by_number]
    plan.gone += [
        old for path, old in changed.items() if old and old.number not in edition.by_number
    ]
    return plan


def letter_fingerprint(edition: Edition, position: int, common: str, reads: Reads) -> str:
    """Everything a letter's page and its exports show: its parse (its key), what its
    page's template read of the letters before and after it, and what the exports and
    the page's helpers read of the rest of the edition: the targets of its refs and the
    places that cite it (the registers are in `common`)."""
    letter = edition.letters[position]
    number = letter.number
    around = Shown().of(neighbours(edition, position), reads)
    targets = tuple(edition.ref_targets.get((number, ref.index)) for ref in letter.refs)
    cited = tuple(edition.cited_by.get((number, note), ()) for note in (None, *letter.note_numbers))
    return digest(common, letter.key, around, sorted(reads), targets, cited)


@dataclass(frozen=True, slots=True)
class _Pair:
    """A letter before and after this build (None where it did not or does not exist)."""

    old: LetterHead | None
    new: LetterHead | None
    old_facets: LetterFacets | None
    new_facets: LetterFacets | None

    @staticmethod
    def entries(head: LetterHead | None, facets: LetterFacets | None) -> set[tuple[str, str]]:
        """(kind, id) of every register entry the letter names or is written by, to or at."""
        if head is None or facets is None:
            return set()
        found = {("person", p) for p in (*head.senders, *head.recipients)}
        if head.place:
            found.add(("place", head.place))
        return found | {(m.kind, m.entry_id) for m in facets.mentions}


def _named(facets: LetterFacets | None, entry: tuple[str, str]) -> tuple[object, ...]:
    """The letter's mentions of a register entry."""
    if facets is None:
        return ()
    kind, entry_id = entry
    return tuple(m for m in facets.mentions if m.entry_id == entry_id and m.kind == kind)


def _by_kind(reads: Mapping[str, tuple[str, Reads]]) -> dict[str, Reads]:
    """What the pages of each kind read, all together."""
    found: dict[str, set[tuple[str, str]]] = {}
    for kind, one in reads.values():
        found.setdefault(kind, set()).update(one)
    return {kind: frozenset(names) for kind, names in found.items()}


def _differ(old: LetterHead | None, new: LetterHead | None, names: Iterable[str]) -> bool:
    """True if a letter came, went, or changed in one of `names`."""
    if old is None or new is None:
        return old is not new
    return any(getattr(old, name) != getattr(new, name) for name in names)


def _order(head: LetterHead) -> tuple[object, ...]:
    return (head.date.sort_key(), head.number)


def _around(edition: Edition, order: list[tuple[object, ...]], head: LetterHead) -> list[int]:
    """The letters just before and after where `head` stands (or stood) in date order."""
    at = bisect.bisect_left(order, _order(head))
    letters = edition.letters
    return [letters[i].number for i in (at - 1, at, at + 1) if 0 <= i < len(letters)]
