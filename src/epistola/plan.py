"""Which outputs a build must make: looked up from what changed, not found by a scan.

A build knows which letter files it parsed anew (and their heads before), and which are
gone. From those alone it finds every output that may show something of them:

- the letter's own page and its exports, and those of its neighbours in date order and
  by number ("the next letter"), old and new, of the letters its refs name, old and
  new, and of the letters whose refs name it (`Edition.referrers`);
- the pages of the register entries it names, is written by, to or at, where what such
  a page shows of the letter changed (`facet`);
- the title page, the index of each register and the chronology, when what they show of
  it changed;
- the search shards of its numbers, old and new.

Each candidate letter page then gets a fingerprint of everything it shows; one equal to
the last build's is not made again. A change of epistola's code, the theme, the register
or `edition.yaml` makes everything a candidate (`Plan.full`); so does a change of any register.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from epistola.parse_many import ParsedSources
from epistola.records import Edition, LetterFacets, LetterHead
from epistola.registers import KINDS
from epistola.search import shard_of
from epistola.store import digest


@dataclass
class Plan:
    """What this build makes."""

    full: bool
    letters: list[LetterHead] = field(default_factory=list)
    """Letters whose page and exports are made, in edition order."""
    fingerprints: dict[str, str] = field(default_factory=dict)
    """Letter page path -> fingerprint, for those letters."""
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
    search_paths: set[str] = field(default_factory=set)
    """The files of the search index once made (set by the build)."""
    common: str = ""
    """The fingerprint of what every page is made with (code, theme, register, settings)."""
    ledger_checked: bool = False
    """True once the whole ledger was checked, so its redirect pages were made anew."""


def plan_build(
    edition: Edition,
    sources: ParsedSources,
    *,
    full: bool,
    common: str,
    previous: Callable[[str], str | None],
) -> Plan:
    """The outputs to make, given what changed; `previous` gives a page's last fingerprint."""
    changed, removed = sources.changed, sources.removed
    now = {head.path: head for head in edition.letters}
    if full:
        plan = Plan(True, list(edition.letters), index=True, chronology=True)
        plan.register_indexes = {kind.kind for kind in KINDS}
        plan.common = common
        plan.exports = True
        plan.fingerprints = {
            h.page: letter_fingerprint(edition, i, common) for i, h in enumerate(edition.letters)
        }
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
            plan.index = plan.chronology = plan.exports = True
        if (pair.old_facets and pair.old_facets.events) != (
            pair.new_facets and pair.new_facets.events
        ):
            plan.chronology = True
        counted_before = pair.counted(old, pair.old_facets)
        counted_after = pair.counted(new, pair.new_facets)
        for kind in KINDS:
            if counted_before.get(kind.kind) != counted_after.get(kind.kind):
                plan.register_indexes.add(kind.kind)
        assert plan.entries is not None
        before, after = pair.entries(old, pair.old_facets), pair.entries(new, pair.new_facets)
        for entry in before | after:
            if facet(old, pair.old_facets, entry) != facet(new, pair.new_facets, entry):
                plan.entries.add(entry)
    if any(p.old is None or p.new is None for p in pairs):
        plan.exports = True  # the sitemap lists the letters' pages
    positions = {head.number: i for i, head in enumerate(edition.letters)}
    for number in sorted(candidates):
        position = positions.get(number)
        if position is None:
            continue
        head = edition.letters[position]
        fingerprint = letter_fingerprint(edition, position, common)
        if previous(head.page) != fingerprint:
            plan.letters.append(head)
            plan.fingerprints[head.page] = fingerprint
    plan.letters.sort(key=lambda head: positions[head.number])
    plan.gone = [head for head in removed if head.number not in edition.by_number]
    plan.gone += [
        old for path, old in changed.items() if old and old.number not in edition.by_number
    ]
    return plan


def letter_fingerprint(edition: Edition, position: int, common: str) -> str:
    """Everything a letter's page and its exports show: its parse, its neighbours, the
    targets of its refs, the places that cite it, its people's names."""
    letters = edition.letters
    letter = letters[position]
    number = letter.number
    previous = letters[position - 1].number if position > 0 else None
    following = letters[position + 1].number if position + 1 < len(letters) else None
    targets = tuple(edition.ref_targets.get((number, ref.index)) for ref in letter.refs)
    cited = tuple(edition.cited_by.get((number, note), ()) for note in (None, *letter.note_numbers))
    return digest(common, letter.key, previous, following, targets, cited)


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

    @staticmethod
    def counted(head: LetterHead | None, facets: LetterFacets | None) -> dict[str, object]:
        """What the index of each kind of register counts of a letter."""
        if head is None or facets is None:
            return {}
        named: dict[str, list[tuple[str, str]]] = {}
        for m in facets.mentions:
            named.setdefault(m.kind, []).append((m.entry_id, m.text))
        counted: dict[str, object] = {kind: sorted(found) for kind, found in named.items()}
        counted["person"] = (head.senders, head.recipients, counted.get("person"))
        counted["place"] = (head.place, counted.get("place"))
        return counted


def facet(
    head: LetterHead | None, facets: LetterFacets | None, entry: tuple[str, str]
) -> str | None:
    """What the page of a register entry shows of a letter: its summary and its mentions of
    the entry."""
    if head is None or facets is None or entry not in _Pair.entries(head, facets):
        return None
    kind, entry_id = entry
    mentions = [
        (m.text, m.anchor, m.before, m.after)
        for m in facets.mentions
        if m.entry_id == entry_id and m.kind == kind
    ]
    roles = (
        kind == "person" and entry_id in head.senders,
        kind == "person" and entry_id in head.recipients,
        kind == "place" and entry_id == head.place,
    )
    return digest(head.summary(), roles, mentions)


def _order(head: LetterHead) -> tuple[object, ...]:
    return (head.date.sort_key(), head.number)


def _around(edition: Edition, order: list[tuple[object, ...]], head: LetterHead) -> list[int]:
    """The letters just before and after where `head` stands (or stood) in date order."""
    at = bisect.bisect_left(order, _order(head))
    letters = edition.letters
    return [letters[i].number for i in (at - 1, at, at + 1) if 0 <= i < len(letters)]
