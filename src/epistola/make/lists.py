"""The steps of the pages that list letters or entries: the title and search pages, the
chronology, the networks, the index of each register, and the browse pages (the letters
list, the correspondents and each one's letters, the places of writing and the letters of
each).

Each page is a `Step`: which steps exist is the views' business (`views/`), what each
shows is found from what its template read (`make.steps`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Any

from epistola.core.records import Edition, LetterFacets
from epistola.core.registers import KINDS
from epistola.make.steps import Step
from epistola.render.charts import chronology_picture, network_pictures
from epistola.views.browse import (
    Correspondents,
    PlacesOfWriting,
    build_correspondence,
    build_letter_list,
)
from epistola.views.index import build_chronology, build_register_indexes
from epistola.views.pictures import (
    CHRONOLOGY_PAGE,
    MAX_LISTED,
    NETWORK_PAGE,
    correspondents,
    letters_per_month,
    month_links,
    named_together,
    network_facts,
)

INDEX = "index"
CHRONOLOGY = "chronology"
NETWORK = "network"
ENTRY = "entry"


def title_steps() -> Iterator[Step]:
    """The title page and the search page."""
    yield Step("index.html", INDEX, "index.html", {})
    yield Step("search/index.html", INDEX, "search.html", {})


def chronology_steps(
    edition: Edition, facets: Mapping[str, LetterFacets], page_size: int
) -> Iterator[Step]:
    """Each page of the chronology; the first shows the letters per month as a picture."""
    chronology = build_chronology(edition, facets, page_size=page_size)
    months = letters_per_month(edition, month_links(chronology))
    for page in chronology.pages:
        shown: dict[str, Any] = {"months": None, "month_picture": None}
        if page.path == CHRONOLOGY_PAGE and months.bars:
            shown = {"months": months, "month_picture": chronology_picture(months)}
        yield Step(
            page.path, CHRONOLOGY, "dates.html", {"index": chronology, "page": page, **shown}
        )


def network_step(edition: Edition, facets: Mapping[str, LetterFacets]) -> Step:
    """The page of the networks. Counting every two people of every letter is costly, so
    the page is keyed by what the counts are made from, and counted only when that changed."""

    def make() -> dict[str, Any]:
        wrote, named = correspondents(edition), named_together(edition, facets)
        names = {person.id: person.name for person in edition.people.values()}
        drawn, together = network_pictures(wrote, named, names)
        return {
            "correspondence": wrote,
            "named": named,
            "pictures": {"correspondence": drawn, "named": together},
            "listed": MAX_LISTED,
        }

    facts = network_facts(edition, facets)
    return Step(NETWORK_PAGE, NETWORK, "network.html", {}, made_from=facts, make=make)


def register_steps(
    edition: Edition,
    facets: Mapping[str, LetterFacets],
    index_kinds: Collection[str],
    entries: Collection[tuple[str, str]] | None,
    page_size: int,
) -> tuple[list[Step], list[Step]]:
    """The pages of the index of each register of `index_kinds`, and the page of each
    entry of `entries` ((kind, id); None for every entry)."""
    kinds = [
        k
        for k in KINDS
        if k.kind in index_kinds or entries is None or any(kind == k.kind for kind, _ in entries)
    ]
    indexes = build_register_indexes(edition, facets, kinds, page_size=page_size) if kinds else {}
    pages, entry_pages = [], []
    for kind, index in indexes.items():
        if kind in index_kinds:
            template = "people.html" if kind == "person" else "register.html"
            for page in index.pages:
                shown = {"index": index, "page": page}
                pages.append(Step(page.path, register_index_kind(kind), template, shown))
        template = "person.html" if kind == "person" else "entry.html"
        for entry in index.entries:
            if entries is None or (kind, entry.subject.id) in entries:
                path = index.kind.page(entry.subject.id)
                entry_pages.append(Step(path, ENTRY, template, {"entry": entry}))
    return pages, entry_pages


def register_index_kind(kind: str) -> str:
    return f"{kind}-index"


def browse_steps(
    edition: Edition, page_size: int, people: Correspondents, places: PlacesOfWriting
) -> Iterator[Step]:
    """The letters list, the correspondents (`people`) and each one's letters, the places
    of writing (`places`) and the letters written at each."""
    letters = build_letter_list(edition, page_size=page_size)
    for page in letters.pages:
        shown = {"page": page, "index": letters, "places": places.entries}
        yield Step(page.path, "letter-list", "letters.html", shown)
    for index_page in people.pages:
        shown = {"page": index_page, "index": people}
        yield Step(index_page.path, "correspondents", "correspondents.html", shown)
    for entry in people.entries:
        own = build_correspondence(entry, page_size=page_size)
        for page in own.pages:
            shown = {"page": page, "index": own, "entry": entry}
            yield Step(page.path, "correspondence", "correspondence.html", shown)
    for places_page in places.pages:
        shown = {"page": places_page, "index": places}
        yield Step(places_page.path, "places-of-writing", "places_of_writing.html", shown)
    for at in places.entries:
        own = build_correspondence(at, page_size=page_size)
        for page in own.pages:
            yield Step(
                page.path,
                "written-at",
                "written_at.html",
                {"page": page, "index": own, "entry": at},
            )
