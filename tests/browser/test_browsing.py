"""Browsing the letters in headless Chromium: the list and its filter, from disk and served,
by keyboard, without JavaScript, and at a size where the list is paged by year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from browser.browsing import Tab, file_url, open_tab
from conftest import MakeEdition, letter_source
from epistola.cli import main

pytestmark = pytest.mark.browser

DATA = "/list/letters.js"


def listed(tab: Tab) -> list[str]:
    """The numbers of the letters the filter shows, in order."""
    cells = tab.page.locator("#filter-results tbody tr td:first-child")
    return [str(n) for n in cells.all_inner_texts()]


def data_requests(tab: Tab) -> list[str]:
    return [url for url in tab.requests if url.endswith(DATA)]


def filter_bukharin(tab: Tab, list_url: str) -> None:
    """Type "Bukharin" as the correspondent; the list, the count and the address follow,
    and a reload shows the same."""
    tab.page.goto(list_url)
    expect(tab.page.locator("#letter-filter")).to_be_visible()
    assert data_requests(tab) == [], "the filter's data waits until the filter is used"
    tab.page.locator("#filter-who").press_sequentially("Bukharin")
    expect(tab.page.locator("#filter-status")).to_have_text("2 letters match.")
    assert listed(tab) == ["33", "36"]
    assert tab.page.locator("#letter-list").is_hidden()
    assert "who=Bukharin" in tab.page.url
    tab.page.reload()
    expect(tab.page.locator("#filter-status")).to_have_text("2 letters match.")
    assert listed(tab) == ["33", "36"]
    assert tab.page.locator("#filter-who").input_value() == "Bukharin"
    assert len(data_requests(tab)) == 2, "once before the reload and once after"
    assert tab.errors == []


def test_filtering_from_disk_by_bukharin_shows_letters_33_and_36(
    sample_site: Path, tab: Tab
) -> None:
    filter_bukharin(tab, file_url(sample_site / "list" / "index.html"))
    link = tab.page.locator("#filter-results a", has_text="36")
    link.click()
    tab.page.wait_for_url("**/letters/36.html")


def test_filtering_a_served_site_works_the_same(served: str, tab: Tab) -> None:
    filter_bukharin(tab, served + "list/index.html")
    assert all(url.startswith(served) for url in tab.requests)


def test_the_filter_narrows_by_years_and_by_the_opening_words(sample_site: Path, tab: Tab) -> None:
    tab.page.goto(file_url(sample_site / "list" / "index.html") + "?words=to+molotov")
    expect(tab.page.locator("#filter-status")).to_have_text("2 letters match.")
    assert listed(tab) == ["36", "38"]
    tab.page.fill("#filter-who", "bukh")
    expect(tab.page.locator("#filter-status")).to_have_text("1 letter matches.")
    assert listed(tab) == ["36"]
    tab.page.select_option("#filter-to", "1927")
    tab.page.fill("#filter-words", "")
    tab.page.fill("#filter-who", "molotov")
    tab.page.select_option("#filter-from", "1927")
    expect(tab.page.locator("#filter-status")).to_have_text("8 letters match.")
    assert "from=1927" in tab.page.url and "to=1927" in tab.page.url
    assert "words" not in tab.page.url
    assert tab.errors == []


def test_the_filter_works_by_keyboard_alone(sample_site: Path, tab: Tab) -> None:
    page = tab.page
    page.goto(file_url(sample_site / "list" / "index.html"))
    for _ in range(30):  # skip link, the header's links, then the form
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "filter-who":
            break
    assert page.evaluate("document.activeElement.id") == "filter-who"
    page.keyboard.type("Stalin")
    expect(page.locator("#filter-status")).to_have_text("8 letters match.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-from"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-words"
    page.keyboard.type("Molotov and")
    expect(page.locator("#filter-status")).to_have_text("1 letter matches.")
    assert listed(tab) == ["36"]
    page.keyboard.press("Enter")  # submitting keeps the page and the filter
    expect(page.locator("#filter-status")).to_have_text("1 letter matches.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-clear"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "36"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # "Show all letters"
    expect(page.locator("#letter-list")).to_be_visible()
    assert page.locator("#filter-results").is_hidden()
    assert "?" not in page.url
    assert page.evaluate("document.activeElement.id") == "filter-who"
    assert tab.errors == []


def test_without_javascript_the_list_shows_every_letter_and_no_form(
    sample_site: Path, browser: Any
) -> None:
    tab = open_tab(browser, java_script_enabled=False)
    try:
        tab.page.goto(file_url(sample_site / "list" / "index.html") + "?who=Bukharin")
        assert tab.page.locator("#letter-filter").is_hidden()
        rows = tab.page.locator("#letter-list tbody tr td:first-child").all_inner_texts()
        assert rows == [str(n) for n in range(31, 39)]
        assert data_requests(tab) == []
        tab.page.goto(file_url(sample_site / "correspondents" / "index.html"))
        tab.page.click("text=Bukharin, Nikolai")
        tab.page.wait_for_url("**/correspondents/bukharin/index.html")
        letters = tab.page.locator("tbody tr td:first-child").all_inner_texts()
        assert letters == ["33", "36"]
    finally:
        tab.close()


def test_a_year_page_of_a_large_list_filters_every_year(
    make_edition: MakeEdition, tab: Tab
) -> None:
    files = {
        f"letters/{n:03d}.md": letter_source(
            n,
            f"Dear Bob, the harvest of province{n} was good.\n",
            date=f"{1900 + n // 10}-03-{n % 28 + 1:02d}",
        )
        for n in range(1, 121)
    }
    files["edition.yaml"] = (
        "title: Test Edition\nbase_url: https://example.org/test/\nindex_page_size: 15\n"
    )
    root = make_edition(files)
    assert main(["build", "--root", str(root)]) == 0
    site = root / "site" / "list"
    assert (site / "1905.html").is_file() and (site / "1911.html").is_file()
    tab.page.goto(file_url(site / "1905.html"))
    assert tab.page.locator("#letter-list tbody tr").count() == 10
    tab.page.fill("#filter-words", "province77")
    expect(tab.page.locator("#filter-status")).to_have_text("1 letter matches.")
    assert listed(tab) == ["77"]
    tab.page.fill("#filter-words", "harvest")
    expect(tab.page.locator("#filter-status")).to_have_text("120 letters match.")
    assert len(listed(tab)) == 100, "the first hundred, then more on demand"
    tab.page.click("#filter-more")
    expect(tab.page.locator("#filter-results tbody tr")).to_have_count(120)
    assert tab.page.locator("#filter-more").is_hidden()
    tab.page.select_option("#filter-from", "1910")
    tab.page.select_option("#filter-to", "1910")
    expect(tab.page.locator("#filter-status")).to_have_text("10 letters match.")
    assert listed(tab) == [str(n) for n in range(100, 110)]
    assert len(data_requests(tab)) == 1
    assert tab.errors == []


def test_the_filter_narrows_by_the_place_of_writing_and_keeps_it(
    make_edition: MakeEdition, tab: Tab
) -> None:
    places = {n: ("bath" if n % 3 == 0 else "york" if n % 3 == 1 else None) for n in range(1, 13)}
    files = {
        f"letters/{n:03d}.md": letter_source(n, f"Dear Bob, letter {n}.\n", place=place)
        for n, place in places.items()
    }
    files["notes/places.yaml"] = "bath:\n  name: Bath\nyork:\n  name: York\n"
    root = make_edition(files)
    assert main(["build", "--root", str(root)]) == 0
    tab.page.goto(file_url(root / "site" / "list" / "index.html"))
    tab.page.select_option("#filter-place", "bath")
    expect(tab.page.locator("#filter-status")).to_have_text("4 letters match.")
    assert sorted(listed(tab), key=int) == ["3", "6", "9", "12"]
    assert "place=bath" in tab.page.url
    assert (
        tab.page.locator("#filter-results tbody tr td:nth-child(3)")
        .first.inner_text()
        .endswith(", at Bath")
    )
    tab.page.reload()
    expect(tab.page.locator("#filter-status")).to_have_text("4 letters match.")
    tab.page.select_option("#filter-place", "")
    expect(tab.page.locator("#filter-status")).to_contain_text("the filter is empty")
    assert tab.errors == []
