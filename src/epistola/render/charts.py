"""The figures of `pictures.py` -> inline SVG: drawn at build time, no script, no request.

Each picture is an `<svg>` with a `<title>` and a `<desc>` that name and describe it,
and every mark is a link (`<a>` with a `<title>` of its own) to the letters behind it.
The svg is `role="group"` rather than `role="img"`: an image's children are hidden from
assistive technology, and its links would be too. Colours come from the theme's custom
properties through classes (`style.css`), so a picture reads in light and dark and needs
no inline style, which the pages' Content-Security-Policy forbids. Coordinates are
rounded to a tenth, so the same figures always give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup, escape

from epistola.core.lang import _, joined, ngettext, number
from epistola.views.pictures import Bar, LettersPerMonth, Network, Node, Tie

WIDTH = 720
"""Width of a picture's coordinate space; the page scales it to its column."""
_CHART_HEIGHT = 240
_LEFT, _RIGHT, _TOP, _BASE = 44.0, 712.0, 14.0, 204.0
"""The plot area of the bar chart; the axis labels go outside it."""
_LABELLED_BARS = 6
"""Up to this many bars, each has its own label."""
_NETWORK_HEIGHT = 640
_RADIUS = 170.0
"""Of the circle the people of a network stand on; their names go outside it."""
_LEVEL_LABELS = 10
"""Up to this many people, names are level; past it, along the radius."""


def chronology_picture(figure: LettersPerMonth) -> Markup:
    """The bar chart of the chronology's first page, with its words (none for no letters)."""
    months = figure.months
    if not months:
        return Markup("")
    span = _bar_span(figure.months_per_bar)
    busiest = max(figure.bars, key=lambda bar: bar.count)
    title = _(
        "Letters per %(span)s, %(first)s to %(last)s",
        span=span,
        first=months[0].label,
        last=months[-1].label,
    )
    description = _(
        "%(letters)s over %(months)s months, a bar for each %(span)s, empty ones included;"
        " the most, %(most)s, in %(busiest)s. Each bar links to its letters in the"
        " chronology, and the table below the picture gives the same figures.",
        letters=_letters(figure.total),
        months=number(len(months)),
        span=span,
        most=_letters(busiest.count),
        busiest=busiest.label,
    )
    return month_chart(figure, id="months", title=title, description=description)


def network_pictures(
    correspondence: Network, named: Network, names: Mapping[str, str]
) -> tuple[Markup, Markup]:
    """The pictures of the network page: who wrote to whom, and who is named with whom."""

    def both(tie: Tie) -> str:
        return joined([names.get(person, person) for person in tie.people])

    def node_href(node: Node) -> str:
        return f"../people/{node.person}.html"

    wrote = network_chart(
        correspondence,
        id="correspondents",
        title=_("Who wrote to whom"),
        description=_network_words(
            correspondence,
            _("letters passed between the two"),
            _("the more letters its person wrote or received"),
        ),
        names=names,
        tie_href=lambda tie: f"#letters-{tie.anchor}",
        tie_title=lambda tie: _(
            "%(people)s: %(letters)s between them", people=both(tie), letters=_letters(tie.weight)
        ),
        node_href=node_href,
        node_title=lambda n: _(
            "%(person)s: %(letters)s in all",
            person=names.get(n.person, n.person),
            letters=_letters(n.letters),
        ),
    )
    together = network_chart(
        named,
        id="named-together",
        title=_("Who is named with whom"),
        description=_network_words(
            named, _("letters name both"), _("the more letters name its person")
        ),
        names=names,
        tie_href=lambda tie: f"#named-{tie.anchor}",
        tie_title=lambda tie: _(
            "%(people)s: named together in %(letters)s",
            people=both(tie),
            letters=_letters(tie.weight),
        ),
        node_href=node_href,
        node_title=lambda n: _(
            "%(person)s: named in %(letters)s",
            person=names.get(n.person, n.person),
            letters=_letters(n.letters),
        ),
    )
    return wrote, together


def _network_words(network: Network, weight: str, size: str) -> str:
    shown = len(network.ties)
    which = (
        _("All %(shown)s ties", shown=shown)
        if shown == network.all_ties
        else _("The %(shown)s strongest of %(all)s ties", shown=shown, all=number(network.all_ties))
    )
    return _(
        "%(ties)s, among %(shown)s of %(all)s people, on a circle from the top, clockwise,"
        " most letters first. A line is the thicker the more %(weight)s, a circle the larger"
        " %(size)s. Each line links to its letters in the table below the picture, which"
        " gives the same figures; each person, to their page.",
        ties=which,
        shown=len(network.nodes),
        all=number(network.all_people),
        weight=weight,
        size=size,
    )


def month_chart(figure: LettersPerMonth, *, id: str, title: str, description: str) -> Markup:
    """Letters per month as bars; each bar links to its letters in the chronology."""
    top = _nice_ceiling(max((bar.count for bar in figure.bars), default=0))
    step = (_RIGHT - _LEFT) / max(len(figure.bars), 1)
    gap = step * 0.15 if step >= 3 else 0.0
    parts = [_head(id, title, description, _CHART_HEIGHT, "chart chart-months")]
    for tick in (0, top // 2, top) if top % 2 == 0 else (0, top):
        y = _bar_y(tick, top)
        parts.append(f'<line class="grid" {_across(y)}/>')
        parts.append(
            f'<text class="tick" x="{_n(_LEFT - 6)}" y="{_n(y + 4)}" '
            f'text-anchor="end">{tick}</text>'
        )
    for x, anchor, label in _bar_labels(figure.bars, step):
        parts.append(
            f'<text class="tick" x="{_n(x)}" y="{_n(_BASE + 18)}" text-anchor="{anchor}">'
            f"{escape(label)}</text>"
        )
    for i, bar in enumerate(figure.bars):
        if not bar.count or bar.href is None:
            continue  # an empty month has nothing to show or to link to
        y = _bar_y(bar.count, top)
        x, width = _LEFT + i * step + gap / 2, max(step - gap, 0.5)
        parts.append(
            f'<a href="{escape(bar.href)}"><title>{escape(bar.label)}: '
            f"{escape(_letters(bar.count))}</title>"
            f'<rect class="bar" x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" '
            f'height="{_n(_BASE - y)}"/></a>'
        )
    parts.append(f'<line class="axis" {_across(_BASE)}/>')
    parts.append("</svg>")
    return Markup("\n".join(parts))


def network_chart(
    network: Network,
    *,
    id: str,
    title: str,
    description: str,
    names: Mapping[str, str],
    tie_href: Callable[[Tie], str],
    tie_title: Callable[[Tie], str],
    node_href: Callable[[Node], str],
    node_title: Callable[[Node], str],
) -> Markup:
    """People on a circle, strongest first from the top, joined by lines as thick as the
    ties are strong; each line links to its letters, each person to their page."""
    places = _circle([node.person for node in network.nodes])
    heaviest = max((tie.weight for tie in network.ties), default=1)
    most = max((node.letters for node in network.nodes), default=1)
    radial = len(network.nodes) > _LEVEL_LABELS
    parts = [_head(id, title, description, _NETWORK_HEIGHT, "chart chart-network")]
    for tie in network.ties:
        (x1, y1), (x2, y2) = places[tie.people[0]], places[tie.people[1]]
        width = 1.5 + 7.5 * tie.weight / heaviest
        line = f'x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
        parts.append(
            f'<a href="{escape(tie_href(tie))}"><title>{escape(tie_title(tie))}</title>'
            f'<line class="tie" {line} stroke-width="{_n(width)}"/>'
            f'<line class="hit" {line} stroke-width="12"/></a>'
        )
    for node in network.nodes:
        x, y = places[node.person]
        radius = 4 + 9 * math.sqrt(node.letters / most)
        parts.append(
            f'<a href="{escape(node_href(node))}"><title>{escape(node_title(node))}</title>'
            f'<circle class="node" cx="{_n(x)}" cy="{_n(y)}" r="{_n(radius)}"/>'
            f"{_label(names.get(node.person, node.person), x, y, radius, radial=radial)}</a>"
        )
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _head(id: str, title: str, description: str, height: int, classes: str) -> str:
    return (
        f'<svg class="{classes}" viewBox="0 0 {WIDTH} {height}" role="group" '
        f'aria-labelledby="{id}-title" aria-describedby="{id}-desc">\n'
        f'<title id="{id}-title">{escape(title)}</title>\n'
        f'<desc id="{id}-desc">{escape(description)}</desc>'
    )


def _circle(people: list[str]) -> dict[str, tuple[float, float]]:
    """Each person's place: on a circle from the top, clockwise; two people side by side."""
    cx, cy = WIDTH / 2, _NETWORK_HEIGHT / 2
    count = len(people)
    start = math.pi if count == 2 else -math.pi / 2
    return {
        person: (
            cx + _RADIUS * math.cos(start + 2 * math.pi * i / count),
            cy + _RADIUS * math.sin(start + 2 * math.pi * i / count),
        )
        for i, person in enumerate(people)
    }


def _label(name: str, x: float, y: float, radius: float, *, radial: bool) -> str:
    """A person's name just outside the circle, on the side away from its centre: level
    when there are few people, else along the radius, so that no two names overlap."""
    cx, cy = WIDTH / 2, _NETWORK_HEIGHT / 2
    dx, dy = x - cx, y - cy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    lx, ly = x + ux * (radius + 5), y + uy * (radius + 5)
    text = escape(name)
    if radial:
        degrees = math.degrees(math.atan2(uy, ux))
        left = ux < -1e-9
        turn = _n(degrees + 180 if left else degrees)
        return (
            f'<text x="{_n(lx)}" y="{_n(ly + 5)}" text-anchor="{"end" if left else "start"}" '
            f'transform="rotate({turn} {_n(lx)} {_n(ly)})">{text}</text>'
        )
    anchor = "start" if ux > 0.3 else "end" if ux < -0.3 else "middle"
    ly += 5 if abs(uy) < 0.7 else (15 if uy > 0 else -4)
    return f'<text x="{_n(lx)}" y="{_n(ly)}" text-anchor="{anchor}">{text}</text>'


def _bar_labels(bars: Sequence[Bar], step: float) -> list[tuple[float, str, str]]:
    """(x, text-anchor, words) of the labels under the bars: under each of a few bars,
    else at the first bar of a year, so far apart that they never overlap."""
    if len(bars) <= _LABELLED_BARS:
        return [(_LEFT + (i + 0.5) * step, "middle", bar.label) for i, bar in enumerate(bars)]
    starts: list[tuple[int, int]] = []
    for i, bar in enumerate(bars):
        first = bar.months[0]
        if first.month == 1 or i == 0:
            starts.append((i, first.year))
    every = next((n for n in (1, 2, 5, 10, 20, 50, 100, 200, 500) if len(starts) / n <= 10), 1000)
    return [(_LEFT + i * step, "start", str(year)) for i, year in starts if year % every == 0]


def _across(y: float) -> str:
    """The ends of a line across the plot area at height `y`."""
    return f'x1="{_n(_LEFT)}" y1="{_n(y)}" x2="{_n(_RIGHT)}" y2="{_n(y)}"'


def _bar_y(count: int, top: int) -> float:
    return _BASE - (_BASE - _TOP) * count / max(top, 1)


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, … at or above `value`."""
    nice = 1
    while nice < value:
        nice = _next_nice(nice)
    return nice


def _next_nice(value: int) -> int:
    digits = int(10 ** (len(str(value)) - 1))
    lead = value // digits
    return (2 if lead == 1 else 5 if lead == 2 else 10) * digits


def _bar_span(months: int) -> str:
    """What one bar of the chart sums, in words."""
    if months in (1, 3, 12):
        return {1: _("month"), 3: _("quarter"), 12: _("year")}[months]
    return ngettext("%(count)s year", "%(count)s years", months // 12, count=months // 12)


def _letters(count: int) -> str:
    return ngettext("%(count)s letter", "%(count)s letters", count, count=number(count))


def _n(value: float) -> str:
    """A coordinate, to a tenth, with no trailing zero."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
