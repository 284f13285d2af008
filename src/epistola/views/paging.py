"""Groups of index entries -> pages of bounded size, with the jump lists that reach them.

An index that fits in `size` entries is one page (`people/index.html`, `dates/index.html`).
The index of places and of organizations page like the people's, in their own folders.
A longer one gets a page per initial (`people/v.html`) or per year (`dates/1927.html`),
and its `index.html` becomes the list of those; a group longer than `size` is continued
on further pages (`dates/1927-2.html`). No page holds more than `size` entries. The
browse pages (`list/`, `correspondents/`) are paged the same way in their own folders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, Self, TypeVar

from epistola.core.lang import month_name


class Group(Protocol):
    """What paging needs of a group of entries (an initial, a month)."""

    @property
    def entries(self) -> tuple[Any, ...]: ...

    @property
    def anchor(self) -> str: ...

    def part(self, start: int, stop: int) -> Self: ...


class MonthLike(Group, Protocol):
    """A group of the chronology: one month of one year."""

    @property
    def year(self) -> int: ...

    @property
    def month(self) -> int: ...


class InitialLike(Group, Protocol):
    """A group of a register's index: one initial letter."""

    @property
    def initial(self) -> str: ...


G = TypeVar("G", bound=Group)
M = TypeVar("M", bound=MonthLike)
P = TypeVar("P", bound=InitialLike)


@dataclass(frozen=True, slots=True)
class Jump:
    """A link of a jump list or of a page's previous/next navigation."""

    label: str
    """What the link says (`V`, `1927`, `June`)."""
    href: str
    """Relative to the index's folder (`v.html#initial-v`)."""
    count: int
    """How many entries it leads to."""
    children: tuple[Jump, ...] = ()
    """Finer links under it (the months of a year)."""


@dataclass(frozen=True, slots=True)
class IndexPage(Generic[G]):
    """One page of an index."""

    path: str
    """The page's path in the site (`people/index.html`, `dates/1927.html`)."""
    title: str
    """What part of the index it shows (`V`, `1927`); empty for the whole index."""
    groups: tuple[G, ...]
    """The groups it lists; none on the `index.html` of a split index."""
    previous: Jump | None = None
    """The page before it in the index, if any."""
    next: Jump | None = None
    """The page after it in the index, if any."""


def pack(groups: Sequence[G], size: int) -> list[tuple[G, ...]]:
    """Consecutive groups into pages of at most `size` entries; a longer group is cut."""
    pages: list[tuple[G, ...]] = []
    current: list[G] = []
    count = 0
    for group in groups:
        length = len(group.entries)
        if current and count + length > size:
            pages.append(tuple(current))
            current, count = [], 0
        if length > size:
            pages += [(group.part(i, i + size),) for i in range(0, length, size)]
            continue
        current.append(group)
        count += length
    if current:
        pages.append(tuple(current))
    return pages


def page_register(
    initials: Sequence[P], size: int, *, folder: str, taken: frozenset[str]
) -> tuple[tuple[IndexPage[P], ...], tuple[Jump, ...]]:
    """The pages of a register's index in `folder` and its A–Z list; `taken` are the
    names of other pages there (its entries', say)."""
    if _count(initials) <= size:
        jumps = tuple(_jump(g.initial, "index.html", g) for g in initials)
        return (IndexPage(f"{folder}/index.html", "", tuple(initials)),), jumps
    named: list[tuple[str, str, tuple[P, ...]]] = []
    jumps_list = []
    for group in initials:
        key = initial_key(group.initial)
        key = key if key not in taken and key != "index" else f"initial-{key}"
        parts = pack([group], size)
        names = [key if n == 1 else f"{key}-{n}" for n in range(1, len(parts) + 1)]
        for n, (name, part) in enumerate(zip(names, parts, strict=True), start=1):
            title = group.initial if n == 1 else f"{group.initial} ({n})"
            named.append((name, title, part))
        jumps_list.append(_jump(group.initial, f"{names[0]}.html", group))
    return _chain(folder, named), tuple(jumps_list)


def page_chronology(
    months: Sequence[M], size: int, *, folder: str = "dates"
) -> tuple[tuple[IndexPage[M], ...], tuple[Jump, ...]]:
    """The pages of an index by month (the chronology, the lists of letters) in `folder`,
    and its list of years and months."""
    if _count(months) <= size:
        pages: tuple[IndexPage[M], ...] = (IndexPage(f"{folder}/index.html", "", tuple(months)),)
        return pages, _years(months, {}, single=True)
    by_year: dict[int, list[M]] = {}
    for group in months:
        by_year.setdefault(group.year, []).append(group)
    named: list[tuple[str, str, tuple[M, ...]]] = []
    page_of: dict[tuple[int, int], str] = {}
    for year, groups in by_year.items():
        parts = pack(groups, _balanced(groups, size))
        for n, part in enumerate(parts, start=1):
            name = f"{year:04d}" if n == 1 else f"{year:04d}-{n}"
            first, last = month_name(part[0].month), month_name(part[-1].month)
            span = first if first == last else f"{first}–{last}"
            named.append((name, str(year) if len(parts) == 1 else f"{year}, {span}", part))
            for group in part:
                page_of.setdefault((group.year, group.month), f"{name}.html")
    return _chain(folder, named), _years(months, page_of, single=False)


def _years(
    months: Sequence[M], page_of: dict[tuple[int, int], str], *, single: bool
) -> tuple[Jump, ...]:
    """Year -> month links; a month continued over pages is reached at its start."""
    years: dict[int, list[Jump]] = {}
    counts: dict[int, int] = {}
    for group in months:
        page = page_of.get((group.year, group.month), "index.html")
        href = f"{page}#{group.anchor}"
        years.setdefault(group.year, []).append(
            Jump(month_name(group.month), href, len(group.entries))
        )
        counts[group.year] = counts.get(group.year, 0) + len(group.entries)
    return tuple(
        Jump(
            str(year),
            f"index.html#y{year:04d}" if single else f"{year:04d}.html",
            counts[year],
            tuple(children),
        )
        for year, children in years.items()
    )


def _chain(folder: str, named: list[tuple[str, str, tuple[G, ...]]]) -> tuple[IndexPage[G], ...]:
    """The list of a split index, then its pages, each linked to its neighbours."""
    links = [Jump(title, f"{name}.html", _count(part)) for name, title, part in named]
    pages: list[IndexPage[G]] = [IndexPage(f"{folder}/index.html", "", ())]
    for i, (name, title, part) in enumerate(named):
        pages.append(
            IndexPage(
                f"{folder}/{name}.html",
                title,
                part,
                previous=links[i - 1] if i > 0 else None,
                next=links[i + 1] if i + 1 < len(links) else None,
            )
        )
    return tuple(pages)


def _jump(label: str, page: str, group: Group) -> Jump:
    return Jump(label, f"{page}#{group.anchor}", len(group.entries))


def initial_key(initial: str) -> str:
    """The initial as file names and ids spell it (`v`; `other` for `#`)."""
    if initial.isascii() and initial.isalpha():
        return initial.lower()
    return "other" if initial == "#" else f"u{ord(initial):04x}"


def _balanced(groups: Sequence[Group], size: int) -> int:
    """A page size that shares `groups` out evenly over the fewest pages, never above `size`."""
    total = _count(groups)
    pages = -(-total // size)
    largest = max(len(group.entries) for group in groups)
    return min(size, -(-total // pages) + largest // 2)


def _count(groups: Sequence[Group]) -> int:
    return sum(len(group.entries) for group in groups)
