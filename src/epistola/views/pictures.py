"""Edition -> the figures its pictures show. Pure, sorted, deterministic.

Three pictures, each a record of plain values that `charts.py` draws and the templates
list as a table, so the picture and its table cannot disagree:

- `LettersPerMonth`: how many letters the chronology files under each month, from the
  first letter's month to the last's, empty months included; drawn as one bar per month,
  or per quarter, year or more when the span would need more than `MAX_BARS` bars;
- `Network` of correspondents: two people are tied by the letters one wrote to the other
  (either way); a letter to several people ties its writer to each of them;
- `Network` of people named together: two people are tied by the letters whose text or
  notes name both.

A network shows only its strongest ties (`MAX_TIES`, among at most `MAX_PEOPLE` people),
so that it stays legible and small at any size; it says how many it leaves out.
"""

from __future__ import annotations

import heapq
import itertools
import posixpath
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from epistola.core.lang import month_name, month_year
from epistola.core.records import Edition, LetterFacets, LetterHead
from epistola.views.index import Chronology

MAX_BARS = 240
"""No more bars than this: past it, each bar sums a quarter, a year or more."""
MONTHS_PER_BAR = (1, 3, 12, 60, 120, 600, 1200)
"""The spans a bar may sum, in months; each starts on a calendar boundary."""
MAX_TIES = 40
MAX_PEOPLE = 30
MAX_LISTED = 50
"""The letters of a tie its table row lists at most, so the page stays bounded however
many letters two people exchanged; the person pages list them all."""
_FEW = 20 * MAX_TIES
"""How many of the strongest ties are looked at first for the ties to show."""
NETWORK_PAGE = "network/index.html"
"""The page of the two networks: a folder of its own, so no person id can take its name."""
CHRONOLOGY_PAGE = "dates/index.html"
"""The page that shows letters per month: the chronology's first."""


@dataclass(frozen=True, slots=True)
class MonthCount:
    """The letters of one month."""

    year: int
    month: int
    """1-12."""
    letters: tuple[int, ...]
    """The numbers of the letters the chronology files under this month (by the first day
    their date can mean), in edition order."""

    @property
    def label(self) -> str:
        return month_year(self.year, self.month)


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the picture: a month, or the months it sums."""

    label: str
    """The span in words (`June 1927`, `April–June 1927`, `1927`, `1920–1929`)."""
    months: tuple[MonthCount, ...]
    """The months it sums, in order, empty ones included."""
    href: str | None
    """Where its first letter stands in the chronology, relative to `dates/`; None if it
    has no letter."""

    @property
    def count(self) -> int:
        """How many letters it stands for."""
        return sum(len(month.letters) for month in self.months)


@dataclass(frozen=True, slots=True)
class LettersPerMonth:
    """Letters per month across the edition's span."""

    months: tuple[MonthCount, ...]
    """Every month from the first letter's to the last's, in order, empty ones included."""
    months_per_bar: int
    """1 for a bar a month, 3 a quarter, 12 a year, …"""
    bars: tuple[Bar, ...]
    """The bars, in order."""

    @property
    def total(self) -> int:
        return sum(len(month.letters) for month in self.months)


@dataclass(frozen=True, slots=True)
class Tie:
    """Two people and the letters that join them."""

    people: tuple[str, str]
    """Their register ids, in sorted order."""
    letters: tuple[int, ...]
    """The numbers of the letters behind the tie, in edition order."""

    @property
    def weight(self) -> int:
        return len(self.letters)

    @property
    def anchor(self) -> str:
        """The element id of the tie's row in the table (`.` is never in a person id)."""
        return f"{self.people[0]}.{self.people[1]}"


@dataclass(frozen=True, slots=True)
class Node:
    """A person of a network."""

    person: str
    """Their register id."""
    letters: int
    """How many letters they are part of in the network's sense (wrote or received; are
    named in), counting all letters, not only those of the ties shown."""


@dataclass(frozen=True, slots=True)
class Network:
    """The strongest ties of one kind between people."""

    ties: tuple[Tie, ...]
    """The ties shown, strongest first (then by the people's ids)."""
    nodes: tuple[Node, ...]
    """The people of those ties, most letters first (then by id)."""
    all_ties: int
    """How many ties there are in all, shown or not."""
    all_people: int
    """How many people have at least one tie."""


def letters_per_month(edition: Edition, links: Mapping[tuple[int, int], str]) -> LettersPerMonth:
    """The edition's letters counted by month; `links` gives each (year, month) of the
    chronology the href of its heading, relative to `dates/`."""
    counted: dict[int, list[int]] = {}
    for letter in edition.letters:
        counted.setdefault(_month_index(letter), []).append(letter.number)
    if not counted:
        return LettersPerMonth((), 1, ())
    first, last = min(counted), max(counted)
    months = tuple(
        MonthCount(index // 12, index % 12 + 1, tuple(counted.get(index, ())))
        for index in range(first, last + 1)
    )
    step = next((n for n in MONTHS_PER_BAR if last // n - first // n < MAX_BARS), 1200)
    spans: dict[int, list[MonthCount]] = {}
    for month in months:
        spans.setdefault((month.year * 12 + month.month - 1) // step, []).append(month)
    bars = tuple(
        Bar(_span_label(group, step), tuple(group), _first_link(group, links))
        for group in spans.values()
    )
    return LettersPerMonth(months, step, bars)


def month_links(chronology: Chronology) -> dict[tuple[int, int], str]:
    """(year, month) -> the href of its heading in the chronology, relative to `dates/`;
    a month continued over pages is reached at its start."""
    links: dict[tuple[int, int], str] = {}
    for page in chronology.pages:
        name = posixpath.basename(page.path)
        for group in page.groups:
            links.setdefault((group.year, group.month), f"{name}#{group.anchor}")
    return links


def _month_index(letter: LetterHead) -> int:
    """Months since year 0 of the first day the letter's date can mean, as the chronology
    files it."""
    day = letter.date.earliest
    return day.year * 12 + day.month - 1


def _span_label(group: list[MonthCount], step: int) -> str:
    first = group[0]
    if step == 1:
        return first.label
    if step < 12:
        start = month_name((first.month - 1) // step * step + 1)
        end = month_name((first.month - 1) // step * step + step)
        return f"{start}–{end} {first.year}"
    years = step // 12
    start_year = first.year // years * years
    return str(start_year) if years == 1 else f"{start_year}–{start_year + years - 1}"


def _first_link(group: list[MonthCount], links: Mapping[tuple[int, int], str]) -> str | None:
    for month in group:
        if month.letters:
            return links.get((month.year, month.month))
    return None


def correspondents(edition: Edition) -> Network:
    """Who wrote to whom: a tie for each two people with letters between them."""
    ties: dict[tuple[str, str], list[int]] = {}
    part_of: Counter[str] = Counter()
    for letter in edition.letters:
        people = {*letter.senders, *letter.recipients}
        part_of.update(people)
        # A letter by two writers ties each of them to each addressee.
        pairs = {
            _pair(sender, recipient)
            for sender in letter.senders
            for recipient in letter.recipients
            if recipient != sender
        }
        for pair in sorted(pairs):
            ties.setdefault(pair, []).append(letter.number)
    weights = Counter({pair: len(letters) for pair, letters in ties.items()})
    return _network(weights, part_of, lambda pairs: {p: ties[p] for p in pairs})


def named_together(edition: Edition, facets: Mapping[str, LetterFacets]) -> Network:
    """Who is named with whom: a tie for each two people named in the same letters (its
    text or its notes)."""
    named = [
        (
            letter.number,
            sorted(
                {m.entry_id for m in facets[letter.path].mentions if m.kind == "person"}
            ),
        )
        for letter in edition.letters
    ]
    weights: Counter[tuple[str, str]] = Counter()
    part_of: Counter[str] = Counter()
    for _, people in named:
        part_of.update(people)
        weights.update(itertools.combinations(people, 2))

    def letters_of(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], list[int]]:
        # A second pass collects the letters of the shown ties only: the others can be
        # many (every two people of every letter), and only their number is needed.
        found: dict[tuple[str, str], list[int]] = {pair: [] for pair in pairs}
        for number, people in named:
            for pair in itertools.combinations(people, 2):
                if pair in found:
                    found[pair].append(number)
        return found

    return _network(weights, part_of, letters_of)


def network_facts(
    edition: Edition, facets: Mapping[str, LetterFacets]
) -> tuple[tuple[object, ...], ...]:
    """All the networks are counted from: each letter's number, writer, addressees and
    the people it names. Equal facts, equal networks."""
    return tuple(
        (
            letter.number,
            letter.senders,
            letter.recipients,
            tuple(
                sorted(
                    {m.entry_id for m in facets[letter.path].mentions if m.kind == "person"}
                )
            ),
        )
        for letter in edition.letters
    )


def _pair(one: str, other: str) -> tuple[str, str]:
    return (one, other) if one <= other else (other, one)


def _network(
    weights: Counter[tuple[str, str]],
    part_of: Counter[str],
    letters_of: Callable[[set[tuple[str, str]]], Mapping[tuple[str, str], Sequence[int]]],
) -> Network:
    """The strongest ties, as many as fit in `MAX_TIES` among `MAX_PEOPLE` people."""
    shown, people = _strongest(weights, _FEW)
    if len(shown) < MAX_TIES and len(weights) > _FEW:
        shown, people = _strongest(weights, len(weights))  # too few fitted among the first
    letters = letters_of(set(shown))
    nodes = sorted((Node(person, part_of[person]) for person in people), key=_node_order)
    return Network(
        ties=tuple(Tie(pair, tuple(letters[pair])) for pair in shown),
        nodes=tuple(nodes),
        all_ties=len(weights),
        all_people=len({person for pair in weights for person in pair}),
    )


def _strongest(
    weights: Counter[tuple[str, str]], first: int
) -> tuple[list[tuple[str, str]], set[str]]:
    """The ties to show, taken strongest first (then by ids) from the `first` strongest:
    sorting only those spares sorting every pair of a large edition."""
    order = heapq.nsmallest(first, weights.items(), key=lambda item: (-item[1], item[0]))
    shown: list[tuple[str, str]] = []
    people: set[str] = set()
    for pair, _ in order:
        if len(shown) == MAX_TIES:
            break
        if len(people | set(pair)) > MAX_PEOPLE:
            continue
        shown.append(pair)
        people.update(pair)
    return shown, people


def _node_order(node: Node) -> tuple[int, str]:
    return (-node.letters, node.person)
