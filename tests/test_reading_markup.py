"""The reading pages' markup: DPUB-ARIA notes, no inline script or style, keys, version."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import parse_page

LETTERS = range(31, 39)
DEPRECATED_ROLES = {"doc-endnote", "doc-biblioentry"}


@pytest.mark.parametrize("number", LETTERS)
def test_notes_follow_the_dpub_aria_pattern(sample_site: Path, number: int) -> None:
    page = parse_page(sample_site / "letters" / f"{number}.html")
    section = page.xpath("//section[@role='doc-endnotes']")[0]
    label = section.get("aria-labelledby")
    assert page.xpath(f"string(//*[@id='{label}'])") == "Notes"
    items = section.xpath("ol/li")
    assert items and len(items) == len(section.xpath(".//li"))
    for item in items:
        first = item.xpath("*[1]")[0]
        assert first.tag == "a" and first.get("role") == "doc-backlink"
        assert (first.text_content() + (first.tail or "")).strip() == "↑", "no text before it"
    markers = page.xpath("//div[@class='letter-text']//a[@role='doc-noteref']")
    assert {m.get("href") for m in markers} <= {f"#{i.get('id')}" for i in items}
    assert not DEPRECATED_ROLES & set(page.xpath("//@role"))


def test_insertions_and_datelines_are_marked_for_the_theme(sample_site: Path) -> None:
    page = parse_page(sample_site / "letters" / "31.html")
    assert page.xpath("//div[@class='letter-text']//span[@class='supplied']/text()") == [
        "[Labor]"
    ]
    assert page.xpath("//div[@class='letter-text']/p[@class='dateline']/text()") == [
        "23 June 1926"
    ]


def test_no_page_has_inline_script_or_style(sample_site: Path) -> None:
    """A Content-Security-Policy without 'unsafe-inline' must not break any page."""
    for path in sample_site.rglob("*.html"):
        page = parse_page(path)
        assert page.xpath("//script[not(@src)] | //style | //*[@style]") == [], path
        assert not [a for a in page.xpath("//@*") if a.attrname.startswith("on")], path


def test_every_page_states_the_version_and_release(sample_site: Path) -> None:
    for path in sample_site.rglob("*.html"):
        footer = " ".join(parse_page(path).xpath("string(//footer)").split())
        assert "Version 1.0.0, released 2026-11-28" in footer, path


def test_letter_pages_link_their_neighbours_and_name_the_keys(sample_site: Path) -> None:
    page = parse_page(sample_site / "letters" / "33.html")
    assert page.xpath("//head/link[@rel='prev']/@href") == ["32.html"]
    assert page.xpath("//head/link[@rel='next']/@href") == ["34.html"]
    assert page.xpath("//nav[@class='letter-nav']/a/@aria-keyshortcuts") == [
        "ArrowLeft",
        "ArrowRight",
    ]
    assert page.xpath("//a[@class='skip-link']/@href") == ["#content"]
    assert page.xpath("//main/@id") == ["content"]
