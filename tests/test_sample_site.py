"""The sample edition, built: what a reader of the site sees (issue: foundation)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, parse_page

LETTERS = range(31, 39)


def note_numbers_in_source(number: int) -> list[int]:
    text = (REPO / "notes" / f"{number:03d}.md").read_text(encoding="utf-8")
    return [int(n) for n in re.findall(r"^(\d+)\. ", text, flags=re.MULTILINE)]


@pytest.mark.parametrize("number", LETTERS)
def test_letter_page_has_exactly_the_notes_of_its_notes_file(
    sample_site: Path, number: int
) -> None:
    page = parse_page(sample_site / "letters" / f"{number}.html")
    items = page.xpath("//section[@role='doc-endnotes']//li")
    shown = [int(li.get("id").removeprefix("note-")) for li in items]
    assert shown == note_numbers_in_source(number)


@pytest.mark.parametrize("number", LETTERS)
def test_markers_and_back_links_land_on_each_other(sample_site: Path, number: int) -> None:
    page = parse_page(sample_site / "letters" / f"{number}.html")
    ids = set(page.xpath("//@id"))
    markers = page.xpath("//a[@role='doc-noteref']")
    assert markers, "every sample letter has notes"
    for marker in markers:
        target = marker.get("href").removeprefix("#")
        assert target in ids
        note = page.xpath(f"//li[@id='{target}']")[0]
        back = note.xpath(".//a[@role='doc-backlink']")[0]
        assert back.get("href") == f"#{marker.get('id')}"


@pytest.mark.parametrize("number", LETTERS)
def test_paragraph_anchors_are_numbered_in_order(sample_site: Path, number: int) -> None:
    page = parse_page(sample_site / "letters" / f"{number}.html")
    anchors = page.xpath("//div[@class='letter-text']/p/@id")
    assert anchors == [f"p{i}" for i in range(1, len(anchors) + 1)]


def test_every_mentioned_person_has_a_page(sample_site: Path) -> None:
    index = parse_page(sample_site / "people" / "index.html")
    hrefs = index.xpath("//ul[@class='people-list']//a/@href")
    listed = {href.removesuffix(".html") for href in hrefs}
    mentioned = set()
    for number in LETTERS:
        page = parse_page(sample_site / "letters" / f"{number}.html")
        mentioned |= {Path(h).stem for h in page.xpath("//a[@class='person']/@href")}
    assert mentioned <= listed
    for person in listed:
        assert (sample_site / "people" / f"{person}.html").is_file()


def test_klim_in_letter_36_is_a_mention_of_voroshilov(sample_site: Path) -> None:
    page = parse_page(sample_site / "letters" / "36.html")
    klim = page.xpath("//div[@class='letter-text']//a[@class='person'][text()='Klim']")
    assert klim and all(a.get("href") == "../people/voroshilov.html" for a in klim)
    person = parse_page(sample_site / "people" / "voroshilov.html")
    links = person.xpath("//ul[@class='mentions']/li[mark='Klim']/a/@href")
    assert any(href.startswith("../letters/36.html#p") for href in links)


def test_chronology_lists_letters_in_order_with_the_writers_dates(sample_site: Path) -> None:
    page = parse_page(sample_site / "dates" / "index.html")
    items = page.xpath("//ul[@class='chronology']/li")
    letters = [int(li.xpath(".//a/@href")[0].split("/")[-1].removesuffix(".html")) for li in items]
    assert letters == list(LETTERS)
    by_letter = dict(zip(letters, items, strict=True))
    assert "1927" in by_letter[31].xpath("string(.//span[@class='date'])")
    assert "23 June 1926" in by_letter[31].xpath("string(.//span[@class='writers-date'])")
    assert by_letter[34].xpath("string(.//span[@class='date'])") == "Early July 1927"


def test_all_links_are_relative(sample_site: Path) -> None:
    for page_path in sample_site.rglob("*.html"):
        page = parse_page(page_path)
        for href in page.xpath("//a/@href | //link/@href"):
            assert not href.startswith("/"), f"{page_path}: {href}"
