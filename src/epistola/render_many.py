"""Render the pages a build needs, on every core when there are many."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from epistola.depends import PagePlan
from epistola.pool import map_chunks
from epistola.records import Page


def render_pages(
    render: Callable[[Callable[[str], bool]], list[Page]],
    plan: PagePlan,
    *,
    progress: bool = False,
) -> list[Page]:
    """The pages `plan` wants, made by `render(wanted)` (such as `render_site`).

    Pages with a fingerprint are shared out among the workers; pages without one (a kind
    that does not declare its inputs) are rendered here, every time.
    """
    due = [path for path in plan.fingerprints if path not in plan.kept]

    def chunk(paths: Sequence[str]) -> list[Page]:
        return render(set(paths).__contains__)

    pages = map_chunks(chunk, due, label="render", progress=progress)
    return pages + render(lambda path: path not in plan.fingerprints)
