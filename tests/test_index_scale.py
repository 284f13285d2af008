"""At 10,000 letters the indexes come in pages of bounded size, and every link holds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import SYNTHETIC_LETTERS, parse_page
from epistola.config import DEFAULT_INDEX_PAGE_SIZE
from sitelinks import Anchors, broken_links

LETTERS = SYNTHETIC_LETTERS
MAX_PAGE_BYTES = 400_000
"""No index page may grow past this, however many letters the edition has."""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def index_pages(synthetic_site: Path) -> list[Path]:
    """The pages of the chronology and of the people index (not the person pages)."""
    people = [
        page
        for page in synthetic_site.joinpath("people").glob("*.html")
        if parse_page(page).xpath("//ul[@class='initials' or @class='people-list']")
    ]
    return sorted(synthetic_site.joinpath("dates").glob("*.html")) + sorted(people)


def test_every_index_page_is_bounded(index_pages: list[Path]) -> None:
    pages = index_pages
    years = [p for p in pages if p.parent.name == "dates" and p.stem[:4].isdigit()]
    assert len(years) >= 80, "one page or more for each year of the edition"
    assert len(pages) - len(years) > 20, "one page or more for each initial"
    for page in pages:
        entries = parse_page(page).xpath("//ul[@class='chronology' or @class='people-list']/li")
        assert len(entries) <= DEFAULT_INDEX_PAGE_SIZE, page
        assert page.stat().st_size <= MAX_PAGE_BYTES, page


def test_every_letter_and_person_is_on_exactly_one_index_page(
    synthetic_site: Path, index_pages: list[Path]
) -> None:
    letters: Counter[str] = Counter()
    people: Counter[str] = Counter()
    events = 0
    for page in index_pages:
        tree = parse_page(page)
        letters.update(tree.xpath("//ul[@class='chronology']/li[@class='letter']/a/@href"))
        events += len(tree.xpath("//ul[@class='chronology']/li[@class='event']"))
        people.update(tree.xpath("//ul[@class='people-list']/li/a/@href"))
    assert sorted(letters) == sorted(f"../letters/{n}.html" for n in range(1, LETTERS + 1))
    assert set(letters.values()) == {1}
    assert events > 2 * LETTERS, "the synthetic notes date about three events a letter"
    pages = synthetic_site.joinpath("people").glob("*.html")
    registered = len(set(pages) - set(index_pages))
    assert len(people) == registered and set(people.values()) == {1}


def test_every_link_of_the_indexes_reaches_its_file_and_anchor(
    synthetic_site: Path, index_pages: list[Path]
) -> None:
    anchors = Anchors()
    assert broken_links(index_pages, anchors) == []
    persons = sorted(set(synthetic_site.joinpath("people").glob("*.html")) - set(index_pages))
    assert broken_links(persons, anchors) == []
