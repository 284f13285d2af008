"""The shapes of letters in a real browser and the checkers (issue 25, part 5): the pages of
tests/editions/shapes are valid HTML without accessibility violations, the filter finds a
letter by either of its two writers, and a textual note opens beside its marker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from browser.browsing import Tab, file_url, open_tab
from browser.test_accessibility import assert_no_violations
from browser.test_html_checker import run_vnu

PAGES = [
    "letters/1.html",
    "letters/2.html",
    "works/garten.html",
    "works/index.html",
    "events/sommerfest.html",
    "people/emil.html",
    "correspondents/paul/index.html",
    "list/index.html?who=Paul",
]


def test_every_page_of_the_shapes_edition_is_valid_html(shapes_site: Path, java: str) -> None:
    pages = sorted(shapes_site.rglob("*.html"))
    assert {"works/garten.html", "events/sommerfest.html"} <= {
        p.relative_to(shapes_site).as_posix() for p in pages
    }
    errors = run_vnu(java, pages)
    assert [f"{e['url']}:{e.get('lastLine')}: {e['message']}" for e in errors] == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_shapes_have_no_accessibility_violations(
    shapes_site: Path, browser: Any, axe_source: str, scheme: str
) -> None:
    tab = open_tab(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        assert_no_violations(tab, shapes_site, PAGES, axe_source)
    finally:
        tab.close()


@pytest.mark.browser
def test_the_filter_finds_a_letter_by_either_writer(shapes_site: Path, tab: Tab) -> None:
    tab.page.goto(file_url(shapes_site / "list" / "index.html"))
    tab.page.locator("#filter-who").press_sequentially("Paul")
    expect(tab.page.locator("#filter-status")).to_have_text("2 Briefe passen.")
    rows = tab.page.locator("#filter-results tbody tr")
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("Anna Berger, Paul Berger → Clara Vogt")
    expect(rows.nth(1).locator("td").nth(2)).to_have_text("Clara Vogt → Anna Berger, Paul Berger")
    assert tab.errors == []


@pytest.mark.browser
def test_a_textual_note_opens_beside_its_marker(shapes_site: Path, tab: Tab) -> None:
    tab.page.goto(file_url(shapes_site / "letters" / "1.html"))
    tab.page.click("#appref-b")
    box = tab.page.locator(".note-pop")
    expect(box.locator(".note-pop-title")).to_have_text("Textkritische Anmerkung b")
    expect(box.locator(".note-pop-body")).to_contain_text("supplied from the copy")
    tab.page.keyboard.press("Escape")
    expect(box).to_have_count(0)
    assert tab.errors == []


@pytest.mark.browser
def test_search_finds_the_words_of_a_textual_note(shapes_site: Path, tab: Tab) -> None:
    tab.page.goto(file_url(shapes_site / "search" / "index.html") + "?q=vielleicht&in=notes")
    link = tab.page.locator("#search-results li a").first
    expect(link).to_have_text("Brief 1, textkritische Anmerkung a")
    assert (link.get_attribute("href") or "").endswith("letters/1.html#app-a")
    assert tab.errors == []
