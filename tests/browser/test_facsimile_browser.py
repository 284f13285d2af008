"""The facsimile beside the text in Chromium, from file:// and over HTTP (issue 23): it
zooms, follows the text's page breaks there and back, asks for no file that is not
there and none outside the site, and axe finds nothing in light and dark."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser.browsing import file_url, open_tab
from browser.test_accessibility import axe_violations
from epistola.cli import main
from facsimiles import facsimile_edition

pytestmark = pytest.mark.browser

BODY = """\
{pb}Dear Bob, the first page, {--struck--}{++added++}{above}.

{pb}The second page begins here.

{pb}The third page.

{pb}The fourth and last page.

Alice
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("facsimile-browser") / "edition"
    facsimile_edition(root, pages=4, body=BODY)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    return root / "site"


@pytest.fixture
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site.parent))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{site.name}/"
    server.shutdown()
    server.server_close()


def _failed(tab: Any) -> list[str]:
    failed: list[str] = []
    tab.page.on("requestfailed", lambda request: failed.append(request.url))
    tab.page.on(
        "response", lambda response: failed.append(response.url) if response.status >= 400 else None
    )
    return failed


def _status(tab: Any) -> str:
    return str(tab.page.text_content(".facsimile-status"))


def _tiles(tab: Any) -> list[str]:
    """The tiles the viewer asked for (a region, not the whole image)."""
    return [url for url in tab.requests if re.search(r"/iiif/[0-9a-f]{32}/[0-9,]+/", url)]


def _read_the_letter(tab: Any, url: str) -> None:
    failed = _failed(tab)
    tab.page.goto(url)
    tab.page.wait_for_selector(".facsimile-viewer canvas")
    tab.page.wait_for_function("() => document.querySelector('.facsimile-status').textContent")
    assert _status(tab) == "Page 1 of 4"
    assert tab.page.get_attribute(".openseadragon-canvas", "aria-label") == "Letter 1, page 1 of 4"
    tab.page.wait_for_timeout(500)
    before = set(_tiles(tab))
    assert before
    # Zoom in: the viewer asks for finer tiles, and every one is there.
    for _ in range(3):
        tab.page.click("button[data-action=zoom-in]")
    tab.page.wait_for_timeout(1000)
    assert set(_tiles(tab)) - before
    # The text's page break leads to page 2, and the one before it back to page 1.
    tab.page.click("#page-2")
    tab.page.wait_for_function(
        "() => document.querySelector('.facsimile-status').textContent === 'Page 2 of 4'"
    )
    assert tab.page.get_attribute("#facsimile-2", "aria-current") == "true"
    assert tab.page.get_attribute(".openseadragon-canvas", "aria-label") == "Letter 1, page 2 of 4"
    tab.page.click("#page-1")
    tab.page.wait_for_function(
        "() => document.querySelector('.facsimile-status').textContent === 'Page 1 of 4'"
    )
    tab.page.wait_for_timeout(300)
    assert failed == []
    assert tab.errors == []


def test_the_viewer_from_disk(browser: Any, site: Path) -> None:
    tab = open_tab(browser, viewport={"width": 1400, "height": 900})
    try:
        _read_the_letter(tab, file_url(site / "letters" / "1.html"))
        assert all(url.startswith("file://") for url in tab.requests)
    finally:
        tab.close()


def test_the_viewer_over_http(browser: Any, served: str) -> None:
    tab = open_tab(browser, viewport={"width": 1400, "height": 900})
    try:
        _read_the_letter(tab, served + "letters/1.html")
        assert all(url.startswith(served) for url in tab.requests)
    finally:
        tab.close()


def test_turning_the_page_shows_its_text(browser: Any, served: str) -> None:
    tab = open_tab(browser, viewport={"width": 1400, "height": 700})
    try:
        tab.page.goto(served + "letters/1.html")
        tab.page.wait_for_selector(".facsimile-viewer canvas")
        for page in (2, 3):
            tab.page.click("button[data-action=next]")
            tab.page.wait_for_function(
                "n => document.querySelector('.facsimile-status').textContent === `Page ${n} of 4`",
                arg=page,
            )
            top = tab.page.evaluate(
                f"document.getElementById('page-{page}').getBoundingClientRect().top"
            )
            assert 0 <= top < 700 / 3, (page, top)  # its text at the top of the window
        # Reading on: the viewer follows the page breaks scrolled past.
        tab.page.wait_for_timeout(700)
        tab.page.evaluate("window.scrollTo(0, 0)")
        tab.page.wait_for_function(
            "() => document.querySelector('.facsimile-status').textContent === 'Page 1 of 4'"
        )
        tab.page.evaluate("document.getElementById('page-4').scrollIntoView()")
        tab.page.wait_for_function(
            "() => document.querySelector('.facsimile-status').textContent === 'Page 4 of 4'"
        )
        assert tab.errors == []
    finally:
        tab.close()


def test_every_control_is_reached_from_the_keyboard(browser: Any, site: Path) -> None:
    tab = open_tab(browser, viewport={"width": 1400, "height": 900})
    try:
        url = file_url(site / "letters" / "1.html")
        tab.page.goto(url)
        tab.page.wait_for_selector(".facsimile-viewer canvas")
        reached = set()
        for _ in range(60):
            tab.page.keyboard.press("Tab")
            reached.add(
                tab.page.evaluate(
                    "() => { const e = document.activeElement;"
                    " return e.dataset.action || e.id || e.className; }"
                )
            )
        # ("Previous page" is disabled on the first page.)
        wanted = {"next", "zoom-in", "zoom-out", "home", "openseadragon-canvas"}
        assert wanted | {"show-corrections", "page-2"} <= reached
        # In the viewer the arrow keys move the image; they do not open the next letter.
        tab.page.focus(".openseadragon-canvas")
        tab.page.keyboard.press("ArrowRight")
        tab.page.wait_for_timeout(300)
        assert tab.page.url == url
        assert tab.errors == []
    finally:
        tab.close()


def test_the_corrections_switch_works_and_is_remembered(browser: Any, served: str) -> None:
    tab = open_tab(browser, viewport={"width": 1400, "height": 900})
    try:
        tab.page.goto(served + "letters/1.html")
        assert not tab.page.is_visible("del.correction")
        tab.page.check("#show-corrections")
        assert tab.page.is_visible("del.correction")
        tab.page.reload()
        tab.page.wait_for_function("() => document.getElementById('show-corrections').checked")
        assert tab.page.is_visible("del.correction")
    finally:
        tab.close()


def test_without_javascript_each_page_is_a_thumbnail_and_the_switch_works(
    browser: Any, site: Path
) -> None:
    tab = open_tab(browser, java_script_enabled=False)
    try:
        tab.page.goto(file_url(site / "letters" / "1.html"))
        assert not tab.page.is_visible("#facsimile-viewer")
        images = tab.page.eval_on_selector_all(
            ".facsimile-pages img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)"
        )
        assert images == [True] * 4
        tab.page.check("#show-corrections")
        assert tab.page.is_visible("del.correction")
    finally:
        tab.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(
    browser: Any, site: Path, axe_source: str, scheme: str
) -> None:
    tab = open_tab(browser, viewport={"width": 1400, "height": 900}, color_scheme=scheme)
    try:
        tab.page.goto(file_url(site / "letters" / "1.html"))
        tab.page.wait_for_selector(".facsimile-viewer canvas")
        assert axe_violations(tab.page, axe_source) == []
        tab.page.check("#show-corrections")
        assert axe_violations(tab.page, axe_source) == []
        assert tab.errors == []
    finally:
        tab.close()


def test_the_letter_page_with_facsimile_and_marks_is_valid_html(site: Path, java: str) -> None:
    from browser.test_html_checker import run_vnu

    assert run_vnu(java, [site / "letters" / "1.html", site / "letters" / "2.html"]) == []
