"""axe-core finds no WCAG 2.1 AA violations on the main kinds of page, light and dark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browser.browsing import file_url, open_tab, visit

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [
    "index.html",
    "letters/33.html",
    "people/borodin.html",
    "people/index.html",
    "places/nanking.html",
    "places/index.html",
    "organizations/politburo.html",
    "organizations/index.html",
    "dates/index.html",
    "network/index.html",
    "search/index.html?q=Borodin",
    "list/index.html",
    "list/index.html?who=Bukharin",
    "correspondents/index.html",
    "correspondents/bukharin/index.html",
]


def axe_violations(page: Any, axe_source: str) -> list[str]:
    """What axe-core reports, one line per violation and element."""
    page.evaluate(axe_source)
    result = page.evaluate(
        # preload off: axe would ask for the style sheets by XHR, which file:// refuses.
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false})",
        WCAG_21_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def assert_no_violations(tab: Any, site: Path, pages: list[str], axe_source: str) -> None:
    """axe finds nothing on any of `pages` of `site`, and no script reports an error."""
    found = {}
    for path in pages:
        visit(tab, site, path)
        found[path] = axe_violations(tab.page, axe_source)
    assert found == {path: [] for path in pages}
    assert tab.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_have_no_accessibility_violations(
    sample_site: Path, browser: Any, axe_source: str, scheme: str
) -> None:
    tab = open_tab(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        assert_no_violations(tab, sample_site, PAGES, axe_source)
        # An unlabelled field must be found, or axe did not really run.
        tab.page.evaluate("document.querySelector('main').append(document.createElement('input'))")
        assert any(v.startswith("label ") for v in axe_violations(tab.page, axe_source))
    finally:
        tab.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1400])
def test_an_open_note_has_no_accessibility_violations(
    sample_site: Path, browser: Any, axe_source: str, width: int
) -> None:
    tab = open_tab(browser, viewport={"width": width, "height": 844}, color_scheme="dark")
    try:
        tab.page.goto(file_url(sample_site / "letters" / "33.html"))
        tab.page.click("#noteref-3")
        tab.page.wait_for_selector(".note-pop")
        assert axe_violations(tab.page, axe_source) == []
    finally:
        tab.close()
