"""Reading the sample edition in headless Chromium: notes, phones, search, keys, requests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from browser.browsing import Tab, file_url, open_tab, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def hash_of(tab: Tab) -> str:
    return str(tab.page.evaluate("location.hash"))


def in_viewport(tab: Tab, selector: str) -> bool:
    box = tab.page.locator(selector).first.bounding_box()
    size = tab.page.viewport_size
    return bool(box and box["y"] < size["height"] and box["y"] + box["height"] > 0)


def fully_on_screen(tab: Tab, selector: str) -> bool:
    box = tab.page.locator(selector).bounding_box()
    size = tab.page.viewport_size
    return bool(
        box
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


def test_a_marker_opens_its_note_beside_the_text(sample_site: Path, tab: Tab) -> None:
    tab.page.goto(file_url(sample_site / "letters" / "33.html"))
    tab.page.click("#noteref-3")
    note = tab.page.locator(".note-pop")
    assert note.is_visible()
    assert "secret meeting with the Wuhan leaders" in note.inner_text()
    assert note.get_attribute("role") == "dialog"
    assert tab.page.evaluate("document.activeElement.classList.contains('note-pop')")
    assert note.locator("[role=doc-backlink], [id=note-3], .cite-note").count() == 0
    # On a wide screen it stands in the margin, right of the text, beside its marker.
    text = tab.page.locator(".letter-text").bounding_box()
    marker = tab.page.locator("#noteref-3").bounding_box()
    box = note.bounding_box()
    assert box["x"] >= text["x"] + text["width"]
    assert abs(box["y"] - marker["y"]) < 40
    assert box["x"] + box["width"] <= tab.page.viewport_size["width"]
    # Escape closes it and gives focus back to the marker.
    tab.page.keyboard.press("Escape")
    assert tab.page.locator(".note-pop").count() == 0
    assert tab.page.evaluate("document.activeElement.id") == "noteref-3"
    assert tab.errors == []


def test_the_back_link_of_a_note_returns_to_its_marker(sample_site: Path, tab: Tab) -> None:
    tab.page.goto(file_url(sample_site / "letters" / "33.html"))
    tab.page.click("#note-3 [role=doc-backlink]")
    assert hash_of(tab) == "#noteref-3"
    assert in_viewport(tab, "#noteref-3")
    assert tab.errors == []


def test_without_javascript_markers_and_back_links_are_plain_links(
    sample_site: Path, browser: Any
) -> None:
    tab = open_tab(browser, java_script_enabled=False, viewport={"width": 1280, "height": 800})
    try:
        tab.page.goto(file_url(sample_site / "letters" / "33.html"))
        tab.page.click("#noteref-3")
        assert hash_of(tab) == "#note-3"
        assert in_viewport(tab, "#note-3")
        assert tab.page.locator(".note-pop").count() == 0
        tab.page.click("#note-3 [role=doc-backlink]")
        assert hash_of(tab) == "#noteref-3"
        assert in_viewport(tab, "#noteref-3")
    finally:
        tab.close()


def test_nothing_overflows_a_phone_screen(sample_site: Path, browser: Any) -> None:
    tab = open_tab(browser, viewport=PHONE)
    pages = ["letters/31.html", "letters/36.html", "index.html", "people/index.html",
             "people/stalin.html", "dates/index.html", "search/index.html?q=Borodin",
             "list/index.html?who=Bukharin", "correspondents/stalin/index.html"]
    try:
        too_wide = {}
        for page in pages:
            visit(tab, sample_site, page)
            scroll, client = tab.page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                too_wide[page] = scroll
        assert too_wide == {}
    finally:
        tab.close()


def test_on_a_phone_the_note_opens_fully_on_screen(sample_site: Path, browser: Any) -> None:
    tab = open_tab(browser, viewport=PHONE)
    try:
        tab.page.goto(file_url(sample_site / "letters" / "31.html"))
        tab.page.click("#noteref-1")  # the longest note of the sample
        assert tab.page.locator(".note-pop").is_visible()
        assert fully_on_screen(tab, ".note-pop")
        tab.page.click(".note-pop-close")
        assert tab.page.locator(".note-pop").count() == 0
        assert tab.page.evaluate("document.activeElement.id") == "noteref-1"
        assert tab.errors == []
    finally:
        tab.close()


def test_searching_from_disk_finds_borodin_in_letter_36(sample_site: Path, tab: Tab) -> None:
    tab.page.goto(file_url(sample_site / "search" / "index.html"))
    tab.page.fill("#search-q", "Borodin")
    tab.page.press("#search-q", "Enter")
    tab.page.wait_for_selector("#search-results li")
    links = tab.page.locator("#search-results li a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    in_36 = [h for h in hrefs if h.startswith("../letters/36.html#")]
    assert in_36, hrefs
    first = tab.page.locator("#search-results a[href^='../letters/36.html#']").first
    assert "Borodin" in first.locator("xpath=ancestor::li").locator("mark").first.inner_text()
    first.click()
    tab.page.wait_for_url("**/letters/36.html#*")
    anchor = hash_of(tab).removeprefix("#")
    assert "Borodin" in tab.page.locator(f"[id='{anchor}']").inner_text()
    assert in_viewport(tab, f"[id='{anchor}']")
    assert tab.errors == []


def test_searching_a_served_site_works_the_same(served: str, tab: Tab) -> None:
    tab.page.goto(served + "search/index.html?q=borod")
    tab.page.wait_for_selector("#search-results li")
    hrefs = tab.page.locator("#search-results li a").evaluate_all("as => as.map(a => a.href)")
    assert served + "letters/36.html#p4" in hrefs
    assert served + "letters/33.html#note-3" in hrefs
    assert all(url.startswith(served) for url in tab.requests)
    assert tab.errors == []


def test_the_notes_filter_lists_only_notes(sample_site: Path, tab: Tab) -> None:
    tab.page.goto(file_url(sample_site / "search" / "index.html") + "?q=Borodin&in=notes")
    tab.page.wait_for_selector("#search-results li")
    hrefs = tab.page.locator("#search-results li a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs and all("#note-" in h for h in hrefs)
    assert any(h.endswith("letters/33.html#note-3") for h in hrefs)
    tab.page.check("input[name=in][value=text]")
    # Locator waits, not wait_for_function: our CSP forbids the eval it would need.
    results = tab.page.locator("#search-results li a")
    expect(results.first).to_have_attribute("href", re.compile(r"#p\d+$"))
    expect(tab.page.locator("#search-results li a[href*='#note-']")).to_have_count(0)
    assert tab.errors == []


def test_arrow_keys_go_to_the_next_and_previous_letter(sample_site: Path, tab: Tab) -> None:
    tab.page.goto(file_url(sample_site / "letters" / "33.html"))
    tab.page.keyboard.press("ArrowRight")
    tab.page.wait_for_url("**/letters/34.html")
    tab.page.keyboard.press("ArrowLeft")
    tab.page.wait_for_url("**/letters/33.html")
    assert tab.errors == []


def test_no_request_leaves_the_site(sample_site: Path, tab: Tab) -> None:
    for page in ("index.html", "letters/36.html", "search/index.html?q=Borodin"):
        visit(tab, sample_site, page)
    assert tab.requests, "the requests were recorded"
    site = sample_site.resolve().as_uri()
    outside = [url for url in tab.requests if not url.startswith(site)]
    assert outside == []


def test_print_shows_notes_as_endnotes_and_writes_out_links(sample_site: Path, tab: Tab) -> None:
    tab.page.goto(file_url(sample_site / "letters" / "33.html"))
    tab.page.click("#noteref-3")
    tab.page.emulate_media(media="print")

    def shown(selector: str) -> bool:
        return bool(tab.page.locator(selector).first.is_visible())

    assert shown("section[role=doc-endnotes] #note-3")
    assert not shown(".note-pop") and not shown(".site-header nav") and not shown("button")
    after = tab.page.evaluate(
        "getComputedStyle(document.querySelector('footer a[href^=http]'), '::after').content"
    )
    assert "https://creativecommons.org/licenses/by/4.0/" in after


def test_a_large_edition_loads_only_the_shards_a_query_needs(
    make_edition: Any, tab: Tab
) -> None:
    from conftest import letter_source
    from epistola.cli import main

    body = "Dear Bob, the harvest in {n} was good and Alice sends her regards.\n"
    root = make_edition({
        f"letters/{n:03d}.md": letter_source(n, body.format(n=f"province{n}") * 20)
        for n in range(1, 121)
    })
    assert main(["build", "--root", str(root)]) == 0
    search = file_url(root / "site" / "search" / "index.html")
    tab.page.goto(search + "?q=province77")
    tab.page.wait_for_selector("#search-results li")
    shards = [url for url in tab.requests if "/search/index/shard-" in url]
    assert len(shards) == 1
    assert tab.page.locator("#search-results li").count() == 1
    # A word in every letter: twenty results from the first shards, then more on demand.
    tab.page.fill("#search-q", "harvest")
    tab.page.press("#search-q", "Enter")
    expect(tab.page.locator("#search-results li")).to_have_count(20)
    loaded = len([url for url in tab.requests if "/search/index/shard-" in url])
    assert loaded < 15
    tab.page.click("#search-more")
    expect(tab.page.locator("#search-results li")).to_have_count(40)
    assert tab.errors == []
