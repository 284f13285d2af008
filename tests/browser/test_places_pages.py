"""The pages of places of writing and of a paged register of places: valid HTML and no
accessibility violation in light and dark (the sample's letters state no place)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browser.test_accessibility import assert_no_violations
from browser.test_html_checker import run_vnu
from conftest import MINIMAL_CONFIG, MakeEdition, letter_source
from epistola.cli import main

pytestmark = pytest.mark.browser

PAGES = [
    "places-of-writing/index.html",
    "places-of-writing/bath/index.html",
    "places/index.html",
    "places/b.html",
    "places/bath.html",
    "list/index.html?place=bath",
]


@pytest.fixture
def placed(make_edition: MakeEdition) -> Path:
    places = "".join(
        f"{p}:\n  name: {p.title()}\n  aliases: [{p.title()}]\n"
        for p in ("bath", "bristol", "york", "yeovil")
    )
    files = {
        f"letters/{n:03d}.md": letter_source(
            n, f"Dear Bob, from Bath to York, letter {n}.\n", place="bath" if n % 2 else "york"
        )
        for n in range(1, 9)
    }
    files |= {"notes/places.yaml": places, "edition.yaml": MINIMAL_CONFIG + "index_page_size: 2\n"}
    root = make_edition(files)
    assert main(["build", "--root", str(root)]) == 0
    return root / "site"


def test_the_pages_of_places_are_valid_html(placed: Path, java: str) -> None:
    pages = [placed / page.partition("?")[0] for page in PAGES]
    assert all(page.is_file() for page in pages)
    assert run_vnu(java, pages) == []


def test_the_pages_of_places_have_no_accessibility_violations(
    placed: Path, schemed_tab: Any, axe_source: str
) -> None:
    assert_no_violations(schemed_tab, placed, PAGES, axe_source)
