"""Old links still arrive, in real headless Chromium, from disk and without our scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import MakeEdition
from epistola.cli import main
from test_ledger import letter_files, remove_letter, set_moved

pytestmark = pytest.mark.browser


@pytest.fixture
def moved_site(make_edition: MakeEdition) -> Path:
    """Letter 33 renumbered 35; letter 31's note 10 dropped and its anchor sent to note 9."""
    root = make_edition({**letter_files(31, 10), **letter_files(32, 1), **letter_files(33, 1)})
    assert main(["build", "--root", str(root)]) == 0
    remove_letter(root, 33)
    files = {**letter_files(35, 1), **letter_files(31, 9)}
    for path, text in files.items():
        (root / path).write_text(text, encoding="utf-8")
    set_moved(
        root,
        "  letters/33.html: letters/35.html\n  letters/31.html#note-10: letters/31.html#note-9\n",
    )
    assert main(["build", "--root", str(root)]) == 0
    return root / "site"


def test_an_old_letter_address_arrives_at_the_new_letter(browser: Any, moved_site: Path) -> None:
    page = browser.new_page(java_script_enabled=False)
    page.goto((moved_site / "letters" / "33.html").as_uri() + "#note-1")
    page.wait_for_url("**/letters/35.html", timeout=10_000)
    assert page.locator("h1").inner_text() == "Letter 35"


def test_an_old_note_anchor_scrolls_to_the_note_it_became(browser: Any, moved_site: Path) -> None:
    page = browser.new_page(java_script_enabled=False, viewport={"width": 800, "height": 300})
    page.goto((moved_site / "letters" / "31.html").as_uri() + "#note-10")
    box = page.locator("#note-9").bounding_box()
    assert box is not None and 0 <= box["y"] < 300
    assert page.evaluate("window.scrollY") > 0
