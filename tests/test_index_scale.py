"""At 10,000 letters the indexes come in pages of bounded size, and every link holds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import SYNTHETIC_LETTERS, parse_page
from epistola.core.config import DEFAULT_INDEX_PAGE_SIZE
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


@pytest.fixture(scope="module")
def browse_pages(synthetic_site: Path) -> list[Path]:
    """The letters list and the correspondents' pages."""
    return sorted(synthetic_site.joinpath("list").glob("*.html")) + sorted(
        synthetic_site.joinpath("correspondents").rglob("*.html")
    )


def test_every_browse_page_is_bounded_and_the_title_page_light(
    synthetic_site: Path, browse_pages: list[Path]
) -> None:
    years = [p for p in browse_pages if p.parent.name == "list" and p.stem[:4].isdigit()]
    assert len(years) >= 80, "one page or more for each year of the list"
    for page in browse_pages:
        tree = parse_page(page)
        rows = tree.xpath("//table[@class='letter-list']/tbody/tr")
        people = tree.xpath("//ul[@class='correspondents-list']/li")
        assert len(rows) <= DEFAULT_INDEX_PAGE_SIZE and len(people) <= DEFAULT_INDEX_PAGE_SIZE
        assert page.stat().st_size <= MAX_PAGE_BYTES, page
    title = synthetic_site / "index.html"
    assert title.stat().st_size < 10_000
    assert not parse_page(title).xpath("//a[starts-with(@href, 'letters/')]")


def test_every_letter_is_on_one_list_page_and_on_its_correspondents_pages(
    synthetic_site: Path, browse_pages: list[Path]
) -> None:
    in_list: Counter[str] = Counter()
    by_person: Counter[str] = Counter()
    for page in browse_pages:
        links = parse_page(page).xpath("//table[@class='letter-list']//a/@href")
        if page.parent.name == "list":
            in_list.update(links)
        else:
            by_person.update(link.rsplit("/", 1)[1] for link in links)
    assert sorted(in_list) == sorted(f"../letters/{n}.html" for n in range(1, LETTERS + 1))
    assert set(in_list.values()) == {1}
    # The synthetic letters go from one person to one other.
    assert set(by_person.values()) == {2} and len(by_person) == LETTERS


def test_the_filter_data_holds_every_letter_compactly(synthetic_site: Path) -> None:
    data = synthetic_site / "list" / "letters.js"
    lines = data.read_text(encoding="utf-8").splitlines()
    assert len([line for line in lines if line.startswith("[")]) == LETTERS
    assert data.stat().st_size < 150 * LETTERS


def test_every_link_of_the_browse_pages_reaches_its_file_and_anchor(
    browse_pages: list[Path],
) -> None:
    assert broken_links(browse_pages) == []
