"""A letter page with the CSS and JavaScript it loads stays under 100 KB, all from the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import parse_page

LIMIT = 100_000
LETTERS = range(31, 39)


def page_weight(site: Path, page_path: Path) -> dict[str, int]:
    """Bytes of the page and of each style sheet, script and image it asks for."""
    page = parse_page(page_path)
    refs = page.xpath(
        "//link[@rel='stylesheet' or @rel='icon']/@href | //script/@src | //img/@src"
    )
    weights = {page_path.relative_to(site).as_posix(): page_path.stat().st_size}
    for ref in refs:
        assert "://" not in ref and not ref.startswith("//"), f"{ref} leaves the site"
        target = (page_path.parent / ref).resolve()
        assert target.is_file(), f"{page_path.name} asks for {ref}, which is missing"
        weights[target.relative_to(site.resolve()).as_posix()] = target.stat().st_size
    return weights


@pytest.mark.parametrize("number", LETTERS)
def test_a_letter_page_with_its_css_and_js_is_under_100_kb(sample_site: Path, number: int) -> None:
    weights = page_weight(sample_site, sample_site / "letters" / f"{number}.html")
    assert not [path for path in weights if path.startswith("search/")]
    assert sum(weights.values()) < LIMIT, weights
    assert {"static/style.css", "static/reading.css", "static/reading.js"} <= set(weights)


def test_the_search_page_loads_only_the_manifest_up_front(sample_site: Path) -> None:
    weights = page_weight(sample_site, sample_site / "search" / "index.html")
    assert [path for path in weights if path.startswith("search/index/")] == [
        "search/index/manifest.js"
    ]
