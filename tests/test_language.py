"""The interface in the edition's language: words from the catalogs, dates by CLDR's rules."""

from __future__ import annotations

import calendar
import datetime
import json
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import parse_page
from epistola.cli import main
from epistola.core.diagnostics import EpistolaError, Report
from epistola.core.lang import english
from epistola.core.lang.catalogs import MESSAGES, load_catalog, read_catalog
from epistola.core.lang.extract import extract_messages
from epistola.core.lang.language import make_language
from epistola.core.records import EditorialDate, SourceFile
from epistola.core.registers import build_alias_index
from epistola.parse.letter import parse_letter
from epistola.render.theme import theme_dir
from language_editions import build_edition, letters


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_edition(tmp_path_factory.mktemp("de"), letters(language="de"))


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_edition(tmp_path_factory.mktemp("fr"), letters(language="fr"))


def texts(page: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in page.xpath(xpath)]


def test_a_german_letter_page_is_german(german: Path) -> None:
    page = parse_page(german / "letters/1.html")
    assert page.get("lang") == "de"
    assert texts(page, "//h1") == ["Brief 1"]
    assert texts(page, "//title") == ["Brief 1 · Briefe aus Jena"]
    assert texts(page, "//dl[@class='letter-meta']/dt") == ["Datum", "Von", "An", "Geschrieben in"]
    assert texts(page, "//p[@class='letter-summary']") == [
        "Clara Weber an Henri Roux, 4. Januar 1899"
    ]
    assert texts(page, "//h2[@id='notes-heading']") == ["Anmerkungen"]
    assert texts(page, "//h2[@id='cite-heading']") == ["Diesen Brief zitieren"]
    assert texts(page, "//details[@class='cite-note']/summary") == ["Diese Anmerkung zitieren"]
    assert texts(page, "//a[@class='skip-link']") == ["Zum Inhalt springen"]
    assert texts(page, "//nav[@class='letter-nav']/a") == ["Brief 2 →"]


def test_a_german_page_has_german_accessibility_labels(german: Path) -> None:
    page = parse_page(german / "letters/2.html")
    labels = {e.get("aria-label") for e in page.xpath("//*[@aria-label]")}
    assert {"Edition", "Voriger und nächster Brief"} <= labels
    assert page.xpath("//a[@class='backlink']") == []  # letter 2 has no notes
    first = parse_page(german / "letters/1.html")
    assert first.xpath("//a[@class='backlink']/@aria-label") == [
        "Zurück zum Anmerkungszeichen 1 im Text"
    ]
    assert first.xpath("//a[@role='doc-noteref']/@aria-label") == ["Anmerkung 1"]
    listing = parse_page(german / "list/index.html")
    assert texts(listing, "//table[@class='letter-list']//th[@scope='col']")[:4] == [
        "Nr.",
        "Datum",
        "Von → an",
        "Anfang",
    ]
    assert "Alle Briefe der Edition filtern" in texts(listing, "//legend")


def test_german_dates_follow_cldr(german: Path) -> None:
    summaries = [
        texts(parse_page(german / f"letters/{n}.html"), "//p[@class='letter-summary']")[0]
        for n in (2, 3, 4)
    ]
    assert summaries == [
        "Henri Roux an Clara Weber und Paul Brandt, 1.–7. Juli 1899",
        "Clara Weber an Henri Roux, um September 1899",
        "Henri Roux an Clara Weber, 11. Februar 1900?",
    ]
    chronology = parse_page(german / "dates/index.html")
    assert texts(chronology, "//h1") == ["Chronologie"]
    assert texts(chronology, "//h3") == [
        "Januar 1899",
        "Juli 1899",
        "September 1899",
        "Februar 1900",
    ]
    assert "Wer wem schrieb" in texts(parse_page(german / "network/index.html"), "//svg/title")


def test_german_citations(german: Path) -> None:
    page = parse_page(german / "letters/1.html")
    letter = texts(page, "//section[@class='cite-letter']/p[contains(@class, 'citation')]")[0]
    assert letter == (
        "Clara Weber, „Clara Weber an Henri Roux, 4. Januar 1899“, in: Briefe aus Jena,"
        " herausgegeben von Anna Muster und Ben Beispiel, Version 1.0, 2026-03-01,"
        " https://example.org/jena/letters/1.html"
    )
    note = texts(page, "//details[@class='cite-note']/p[contains(@class, 'citation')]")[0]
    assert note.startswith("Anna Muster und Ben Beispiel, „Anmerkung 1 zu Brief 1 (Clara Weber")
    # the citation key is the format's own English: said so to a screen reader
    assert page.xpath("//details[@class='cite-note']//code/@lang") == ["en"]
    bib = (german / "letters/1.bib").read_text(encoding="utf-8")
    assert "note = {Version 1.0, veröffentlicht 2026-03-01}" in bib
    csl = json.loads((german / "letters/1.csl.json").read_text(encoding="utf-8"))
    assert csl[0]["title"] == "Clara Weber an Henri Roux, 4. Januar 1899"


def test_a_french_edition_is_french(french: Path) -> None:
    page = parse_page(french / "letters/1.html")
    assert page.get("lang") == "fr"
    assert texts(page, "//h1") == ["Lettre 1"]
    assert texts(page, "//h2[@id='cite-heading']") == ["Citer cette lettre"]
    assert texts(page, "//a[@class='skip-link']") == ["Aller au contenu"]
    summaries = [
        texts(parse_page(french / f"letters/{n}.html"), "//p[@class='letter-summary']")[0]
        for n in (1, 2, 3, 4)
    ]
    assert summaries == [
        "Clara Weber à Henri Roux, 4 janvier 1899",
        "Henri Roux à Clara Weber et Paul Brandt, 1–7 juillet 1899",
        "Clara Weber à Henri Roux, vers septembre 1899",
        "Henri Roux à Clara Weber, 11 février 1900 ?",
    ]
    citation = texts(page, "//section[@class='cite-letter']/p[contains(@class, 'citation')]")[0]
    assert citation.startswith("Clara Weber, « Clara Weber à Henri Roux, 4 janvier 1899 »,")
    people = parse_page(french / "people/index.html")
    assert people.xpath("//nav[@class='jump-list']/@aria-label") == ["Initiales"]
    assert texts(people, "//span[@class='count']") == [
        "(nommé une fois)",
        "(nommé une fois)",
        "(nommé 2 fois)",
    ]


def test_the_search_results_name_letters_in_the_language(french: Path) -> None:
    shard = (french / "search/index/shard-0.js").read_text(encoding="utf-8")
    assert '"4 janvier 1899, Clara Weber à Henri Roux"' in shard


def test_a_language_without_a_catalog_is_reported_and_gets_its_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = build_edition(tmp_path, letters(language="it"))
    err = capsys.readouterr().err
    assert "edition.yaml:1:1: warning: no catalog of the interface's words for language 'it'" in err
    page = parse_page(site / "letters/1.html")
    assert texts(page, "//h1") == ["Letter 1"]
    assert texts(page, "//p[@class='letter-summary']") == [
        "Clara Weber to Henri Roux, 4 gennaio 1899"
    ]


def test_an_edition_adds_a_catalog_of_its_own(tmp_path: Path) -> None:
    files = letters(language="it")
    files["templates/messages/it.po"] = (
        'msgid ""\nmsgstr ""\n"Language: it\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Letter %(number)s"\nmsgstr "Lettera %(number)s"\n\n'
        'msgid "%(writer)s to %(addressees)s, %(date)s"\nmsgstr "%(writer)s a %(date)s"\n'
    )
    site = build_edition(tmp_path, files)
    page = parse_page(site / "letters/1.html")
    assert texts(page, "//h1") == ["Lettera 1"]
    assert texts(page, "//h2[@id='cite-heading']") == ["Cite this letter"]  # not translated


def test_a_translation_that_loses_a_placeholder_is_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = letters(language="de")
    files["templates/messages/de.po"] = (
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, python-format\nmsgid "Letter %(number)s"\nmsgstr "Brief %(nummer)s"\n'
    )
    site = build_edition(tmp_path, files)
    err = capsys.readouterr().err
    assert "templates/messages/de.po:7:1: warning: the translation of 'Letter %(number)s'" in err
    assert "[messages.format]" in err
    assert texts(parse_page(site / "letters/1.html"), "//h1") == ["Letter 1"]


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_catalogs_translate_every_message(language: str) -> None:
    catalog = read_catalog(theme_dir() / MESSAGES / f"{language}.po")
    wanted = {m.id for m in extract_messages() if m.id}
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    assert wanted - translated == set()
    assert not list(catalog.check())


def test_english_is_the_theme_with_no_catalog(tmp_path: Path) -> None:
    files = letters(language="en")
    root = tmp_path / "edition"
    site = build_edition(root, files)
    page = parse_page(site / "letters/2.html")
    assert texts(page, "//p[@class='letter-summary']") == [
        "Henri Roux to Clara Weber and Paul Brandt, 1–7 July 1899"
    ]
    assert main(["check", "--root", str(root)]) == 0


# The English date words as epistola wrote them before CLDR wrote them: English pages
# stay as they were.
_MONTHS = [calendar.month_name[m] for m in range(1, 13)]


def _old_english(date: EditorialDate) -> str:
    def day(d: datetime.date) -> str:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"

    first, last = date.earliest, date.latest
    month_end = datetime.date(
        first.year, first.month, calendar.monthrange(first.year, first.month)[1]
    )
    if first == last:
        words = day(first)
    elif first.day == 1 and last == month_end:
        words = f"{_MONTHS[first.month - 1]} {first.year}"
    elif (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and (
        first.year == last.year
    ):
        words = str(first.year)
    elif (first.year, first.month) == (last.year, last.month):
        words = f"{first.day}–{day(last)}"
    elif first.year == last.year:
        words = f"{first.day} {_MONTHS[first.month - 1]} – {day(last)}"
    else:
        words = f"{day(first)} – {day(last)}"
    qualifier = date.edtf[-1:] if "/" not in date.edtf else ""
    if qualifier in ("~", "%"):
        return f"c. {words}"
    return f"{words}?" if qualifier == "?" else words


days = st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(2100, 12, 31))


@given(days, days, st.sampled_from(["", "?", "~", "%", "/"]))
def test_english_dates_read_as_they_always_have(
    one: datetime.date, other: datetime.date, mark: str
) -> None:
    first, last = sorted((one, other))
    edtf = f"{first.isoformat()}/{last.isoformat()}" if mark == "/" else first.isoformat() + mark
    date = EditorialDate(edtf, first, last if mark == "/" else first, uncertain=bool(mark))
    assert english().date(date) == _old_english(date)
    month = EditorialDate(
        f"{first:%Y-%m}{mark.strip('/')}",
        first.replace(day=1),
        first.replace(day=calendar.monthrange(first.year, first.month)[1]),
    )
    assert english().date(month) == _old_english(month)


@given(days, days)
def test_every_language_names_the_years_of_a_span(one: datetime.date, other: datetime.date) -> None:
    first, last = sorted((one, other))
    date = EditorialDate(f"{first.isoformat()}/{last.isoformat()}", first, last, uncertain=True)
    for tag in ("de", "fr", "en-US", "pl"):
        words = make_language(tag, english().translations).date(date)
        assert str(first.year) in words and str(last.year) in words
        assert "\u2009" not in words


def test_a_letter_in_another_language_says_so(german: Path, french: Path) -> None:
    page = parse_page(german / "letters/2.html")
    assert page.xpath("//div[@class='letter-text']/@lang") == ["fr"]
    assert parse_page(german / "letters/1.html").xpath("//div[@class='letter-text']/@lang") == []
    listing = parse_page(german / "list/index.html")
    incipits = listing.xpath("//table[@class='letter-list']//td[4]")
    assert [(td.text_content()[:12], td.get("lang")) for td in incipits] == [
        ("Lieber Herr ", None),
        ("Chère Madame", "fr"),
        ("Lieber Herr ", None),
        ("Chère Madame", None),
    ]
    chronology = parse_page(german / "dates/index.html")
    assert chronology.xpath("//li[@class='letter']/span[@lang]/@lang") == ["fr"]
    tei = (german / "tei/2.xml").read_text(encoding="utf-8")
    assert '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de">' in tei
    assert '<body xml:lang="fr">' in tei
    # on a French page, the French letter is in the page's language
    assert parse_page(french / "letters/2.html").xpath("//div[@class='letter-text']/@lang") == []


def test_a_language_that_is_no_tag_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = letters(language="de")
    files["letters/001.md"] = files["letters/001.md"].replace("place: jena\n", "language: x y\n")
    site = build_edition(tmp_path / "edition", files)
    assert (
        "letters/001.md:6:11: warning: language 'x y' is not a language tag such as fr, de or"
        " de-AT; it is left out [meta.language]" in capsys.readouterr().err
    )
    assert parse_page(site / "letters/1.html").xpath("//div[@class='letter-text']/@lang") == []


def test_the_search_index_of_a_german_edition_is_stemmed(german: Path, sample_site: Path) -> None:
    manifest = (german / "search/index/manifest.js").read_text(encoding="utf-8")
    assert '"stemmer":"GermanStemmer"' in manifest
    terms = (german / "search/index/terms-7066.js").read_text(encoding="utf-8")  # "pf"
    assert '"pflanz":' in terms and '"pflanzen"' not in terms
    search = parse_page(german / "search/index.html")
    assert search.xpath("//script/@src")[:4] == [
        "../static/minisearch.js",
        "../static/words.js",
        "../static/stemmers/base-stemmer.js",
        "../static/stemmers/german-stemmer.js",
    ]
    english = (sample_site / "search/index/manifest.js").read_text(encoding="utf-8")
    assert "stemmer" not in english
    assert not parse_page(sample_site / "search/index.html").xpath(
        "//script[contains(@src, 'stemmers')]"
    )


po_pieces = st.sampled_from(
    [
        'msgid "',
        'msgstr "',
        "msgid_plural ",
        "msgstr[0] ",
        "#, fuzzy\n",
        "#, python-format\n",
        '"\n',
        "\n",
        "%(number)s",
        "%(nummer)s",
        "Brief",
        "\\",
        '"',
        "ä",
        "\x00",
    ]
)


@given(st.lists(po_pieces, max_size=30).map("".join))
def test_any_catalog_text_is_read_or_reported_never_raised(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("po") / "de.po"
    path.write_text(text, encoding="utf-8")
    report = Report()
    try:
        translations = load_catalog(path, path.parent, report)
    except EpistolaError as error:
        assert "catalog" in str(error)
    else:
        assert isinstance(translations.gettext("Letter %(number)s"), str)
    assert all(d.code == "messages.format" for d in report.diagnostics)


NO_NAMES = build_alias_index({})


@given(st.text(max_size=20))
def test_any_language_of_a_letter_is_a_tag_or_reported(value: str) -> None:
    report = Report()
    front = f"number: 1\ndate: 1899-01-04\nfrom: weber\nto: [roux]\nlanguage: {json.dumps(value)}"
    source = f"---\n{front}\n---\nText.\n"
    letter = parse_letter(
        SourceFile("letters/001.md", source), None, aliases=NO_NAMES, report=report
    )
    if letter.language is not None:
        assert letter.language == value.strip()
        assert not [d for d in report.diagnostics if d.code == "meta.language"]
    elif value.strip():
        assert [d.code for d in report.diagnostics if d.code == "meta.language"] == [
            "meta.language"
        ]
