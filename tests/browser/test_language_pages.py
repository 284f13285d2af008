"""A German edition in the browser: valid HTML, no accessibility violations, and the
scripts (filter, search, note pop-ups, copy buttons) speaking German."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser.browsing import Tab, file_url
from browser.test_accessibility import assert_no_violations
from browser.test_html_checker import run_vnu
from epistola.core.lang.language import make_language
from epistola.parse.search import words
from epistola.render.stemming import search_stemmer
from language_editions import build_edition, letters

pytestmark = pytest.mark.browser

PAGES = [
    "index.html",
    "letters/1.html",
    "letters/2.html",
    "people/weber.html",
    "people/index.html",
    "places/jena.html",
    "dates/index.html",
    "network/index.html",
    "list/index.html",
    "correspondents/index.html",
    "correspondents/weber/index.html",
    "places-of-writing/jena/index.html",
    "search/index.html",
]


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_edition(tmp_path_factory.mktemp("de"), letters(language="de"))


def test_every_page_of_a_german_edition_is_valid_html(german: Path, java: str) -> None:
    pages = sorted(german.rglob("*.html"))
    assert len(pages) > 15
    errors = [f"{e['url']}:{e.get('lastLine')}: {e['message']}" for e in run_vnu(java, pages)]
    assert errors == []


def test_a_german_edition_has_no_accessibility_violations(
    german: Path, tab: Tab, axe_source: str
) -> None:
    assert_no_violations(tab, german, PAGES, axe_source)


def test_the_filter_speaks_german(german: Path, tab: Tab) -> None:
    tab.page.goto(file_url(german / "list/index.html"))
    tab.page.locator("#filter-who").press_sequentially("Brandt")
    expect(tab.page.locator("#filter-status")).to_have_text("1 Brief passt.")
    headers = tab.page.locator("#filter-results th").all_inner_texts()
    assert headers == ["Nr.", "Datum", "Von → an", "Anfang"]
    tab.page.locator("#filter-who").fill("")
    tab.page.locator("#filter-who").press_sequentially("Roux")
    expect(tab.page.locator("#filter-status")).to_have_text("4 Briefe passen.")
    assert tab.errors == []


def test_the_search_speaks_german(german: Path, tab: Tab) -> None:
    tab.page.goto(file_url(german / "search/index.html") + "?q=Pflanzen")
    expect(tab.page.locator("#search-status")).to_have_text(
        "1 Stelle für „Pflanzen“ (Briefe und Anmerkungen)"
    )
    expect(tab.page.locator("#search-results a").first).to_have_text("Brief 1, Absatz 2")
    tab.page.goto(file_url(german / "search/index.html") + "?q=Zebra")
    expect(tab.page.locator("#search-status")).to_have_text(
        "Nichts passt zu „Zebra“ (Briefe und Anmerkungen)."
    )
    assert tab.errors == []


def test_a_note_opens_and_closes_in_german(german: Path, tab: Tab) -> None:
    tab.page.goto(file_url(german / "letters/1.html"))
    tab.page.click("#noteref-1")
    expect(tab.page.locator(".note-pop-title")).to_have_text("Anmerkung 1")
    close = tab.page.locator(".note-pop-close")
    expect(close).to_have_text("Schließen")
    expect(close).to_have_attribute("aria-label", "Anmerkung 1 schließen")
    assert set(tab.page.locator("button.copy").all_text_contents()) == {"Kopieren"}
    assert tab.errors == []


def test_the_german_search_finds_other_forms_of_a_word(german: Path, tab: Tab) -> None:
    # "Winters" is not in the text and no word of it begins so; its stem is that of "Winter"
    tab.page.goto(file_url(german / "search/index.html") + "?q=Winters")
    expect(tab.page.locator("#search-status")).to_have_text(
        "1 Stelle für „Winters“ (Briefe und Anmerkungen)"
    )
    expect(tab.page.locator("#search-results mark")).to_have_text("Winter")
    assert tab.errors == []


WORDS = {
    "german": "Briefe Briefen Häuser Hauser Pflanzen gekommen Winters Gärten Anmerkungen"
    " Freundschaft lässt grüßen Herausgeberinnen Zeitungen aufgehört Bücher",
    "french": "lettres graines parties nouvelles écrivait chevaux éditeurs correspondance"
    " remerciements heureusement aimerions finissons",
}


@pytest.mark.parametrize("language", ["german", "french"])
def test_the_browser_stems_as_the_index_does(
    german: Path, tab: Tab, language: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The vendored Snowball script and the Python package give the same stems, on the
    words as the index cuts and folds them."""

    tag = {"german": "de", "french": "fr"}[language]
    stemmer = search_stemmer(make_language(tag, gettext.NullTranslations()), german)
    assert stemmer is not None
    site = (
        german
        if language == "german"
        else build_edition(tmp_path_factory.mktemp("fr"), letters(language="fr"))
    )
    tab.page.goto(file_url(site / "search/index.html"))
    folded = words(WORDS[language])
    in_browser = tab.page.evaluate(
        "([name, words]) => words.map((w) => new window[name]().stemWord(w))",
        [stemmer.script_class, folded],
    )
    assert in_browser == [stemmer.stem(word) for word in folded]
    assert in_browser != folded, "the words were really stemmed"
