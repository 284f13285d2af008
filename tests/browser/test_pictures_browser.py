"""The pictures in Chromium: readable in light and dark, made of the site's own files only,
and every mark reached from the keyboard (issue 17). axe does not judge the colours of
SVG, so this measures them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from browser.browsing import file_url, open_tab

pytestmark = pytest.mark.browser

PICTURE_PAGES = ["dates/index.html", "network/index.html"]
COLOURS = """() => {
  const paper = getComputedStyle(document.body).backgroundColor;
  const of = (selector, property) => [...document.querySelectorAll(selector)]
    .map(e => getComputedStyle(e)[property]);
  return {paper, text: of("svg.chart text", "fill"),
          marks: [...of("svg.chart .bar", "fill"), ...of("svg.chart .node", "fill"),
                  ...of("svg.chart .tie", "stroke")]};
}"""


def luminance(colour: str) -> float:
    """The relative luminance of a CSS `rgb(…)` colour (WCAG 2.1)."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PICTURE_PAGES)
def test_a_picture_reads_in_light_and_dark(
    browser: Any, sample_site: Path, scheme: str, path: str
) -> None:
    tab = open_tab(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        tab.page.goto(file_url(sample_site / path))
        colours = tab.page.evaluate(COLOURS)
        assert colours["text"] and colours["marks"]
        for text in colours["text"]:
            assert contrast(text, colours["paper"]) >= 4.5, (scheme, text)
        for mark in colours["marks"]:
            assert contrast(mark, colours["paper"]) >= 3, (scheme, mark)  # WCAG 1.4.11
        assert all(url.startswith("file://") for url in tab.requests)
        assert tab.errors == []
    finally:
        tab.close()


def test_the_marks_are_links_the_keyboard_reaches(tab: Any, sample_site: Path) -> None:
    tab.page.goto(file_url(sample_site / "network" / "index.html"))
    marks = tab.page.eval_on_selector_all("svg.chart a", "links => links.length")
    reached = set()
    for _ in range(200):
        tab.page.keyboard.press("Tab")
        found = tab.page.evaluate(
            "() => document.activeElement.closest('svg.chart') &&"
            " document.activeElement.getAttribute('href')"
        )
        if found:
            reached.add(found)
    hrefs = tab.page.eval_on_selector_all(
        "svg.chart a", "ls => ls.map(a => a.getAttribute('href'))"
    )
    assert marks > 0 and reached == set(hrefs)
    # A line of the picture leads to its row of the table, which lists its letters.
    tab.page.click("svg.chart a[href='#letters-molotov.stalin']")
    assert tab.page.evaluate("location.hash") == "#letters-molotov.stalin"
    assert tab.page.locator("tr:target td a").count() == 8
