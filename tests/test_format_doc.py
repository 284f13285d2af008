"""docs/format.md, the editors' reference of the source format: its examples make up an
edition that builds, and its tables name what epistola reads (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from conftest import REPO, MakeEdition, broken_links, letter_source, parse_page
from epistola.cli import main
from epistola.core.config import KNOWN_KEYS as EDITION_KEYS
from epistola.core.dates import parse_date
from epistola.core.diagnostics import Report
from epistola.core.lang import date_words, english, speaking
from epistola.core.lang.catalogs import MESSAGES, load_catalog
from epistola.core.lang.language import make_language
from epistola.core.registers import EVENTS, ORGANIZATIONS, PEOPLE, PLACES, WORKS
from epistola.core.theme_files import theme_dir
from epistola.parse.markdown_styles import STYLES
from epistola.parse.metadata import LETTER_KEYS

DOC = REPO / "docs" / "format.md"
DOC_DATES = ("1899-01-04", "1899-07-01/1899-07-07", "1899-09~")
"""The dates of the table of languages: a day, a span of days, about a month."""
FENCE = re.compile(r"^```(\w*)(?: (\S+))?\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def fences() -> list[tuple[str, str | None, str]]:
    """(language, file or None, text) of every fenced block of the doc, in order."""
    text = DOC.read_text(encoding="utf-8")
    return [(m[1], m[2], m[3]) for m in FENCE.finditer(text)]


def section(heading: str) -> str:
    """The doc's text from the heading that starts with `heading` to the next heading."""
    text = DOC.read_text(encoding="utf-8")
    start = re.search(rf"^#+ {re.escape(heading)}.*$", text, re.MULTILINE)
    assert start, f"no heading '{heading}' in {DOC.name}"
    end = re.search(r"^#+ ", text[start.end() :], re.MULTILINE)
    return text[start.end() : start.end() + end.start() if end else len(text)]


def first_column(heading: str) -> list[str]:
    """The `code` items in the first column of the table(s) under `heading`."""
    rows = [line for line in section(heading).splitlines() if line.startswith("| `")]
    return [item for row in rows for item in row.split("|")[1].split("`")[1::2]]


@pytest.fixture
def doc_edition(tmp_path: Path) -> Path:
    """The edition that the doc's examples make up."""
    root = tmp_path / "edition"
    named = [(path, text) for _, path, text in fences() if path]
    assert len({path for path, _ in named}) == len(named), "a file is shown twice"
    for path, text in named:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_the_examples_build_into_a_site(doc_edition: Path) -> None:
    assert main(["build", "--quiet", "--root", str(doc_edition)]) == 0
    site = doc_edition / "site"
    assert broken_links(site) == []
    assert sorted(p.name for p in (site / "letters").glob("*.html")) == [
        "1.html",
        "2.html",
        "3.html",
        "4.html",
    ]
    for path in (doc_edition / "templates" / "static").rglob("*"):
        shown = path.relative_to(doc_edition / "templates").as_posix()
        assert (site / shown).read_bytes() == path.read_bytes()
    page = parse_page(site / "letters" / "1.html")
    assert "../static/extra.css" in page.xpath("//head/link[@rel='stylesheet']/@href")
    assert page.xpath("//span[@class='supplied']/text()") == ["[specimen]"]
    assert page.xpath("//p[@class='dateline']/text()") == ["2 May 1889"]
    assert page.xpath("//h2[@id='notes-heading']/text()") == ["The editors’ notes"]


def test_the_console_examples_are_what_epistola_says(
    doc_edition: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    consoles = [text for language, _, text in fences() if language == "console"]
    assert consoles
    monkeypatch.chdir(doc_edition)
    for text in consoles:
        command, *expected = text.splitlines()
        assert command.startswith("$ epistola ")
        main(command.removeprefix("$ epistola ").split())
        assert capsys.readouterr().err.splitlines() == expected


@pytest.mark.parametrize(
    ("heading", "keys"),
    [
        ("The keys of the front matter", LETTER_KEYS),
        ("The register of people", PEOPLE.keys),
        ("The register of places", PLACES.keys),
        ("The register of organizations", ORGANIZATIONS.keys),
        ("The register of works", WORKS.keys),
        ("The register of events", EVENTS.keys),
        ("The edition", EDITION_KEYS),
    ],
)
def test_each_table_of_keys_names_every_key(heading: str, keys: frozenset[str]) -> None:
    assert sorted(first_column(heading)) == sorted(keys)


def test_the_table_of_types_names_every_style() -> None:
    assert sorted(first_column("Type:")) == sorted(f".{name}" for name in STYLES)


def test_the_shapes_of_letter_4_are_built(doc_edition: Path) -> None:
    """Two writers, a letterhead, a postscript and an envelope, a work, an event, styles
    and a textual note, as the doc describes them."""
    assert main(["build", "--quiet", "--root", str(doc_edition)]) == 0
    page = parse_page(doc_edition / "site" / "letters" / "4.html")
    assert page.xpath("//dt[.='From']/following-sibling::dd[1]/a/text()") == [
        "Edith Hale",
        "Lucy Hale",
    ]
    parts = page.xpath("//div[contains(@class, 'letter-part')]/p[@class='part-label']/text()")
    assert parts == ["Letterhead", "Postscript", "Envelope"]
    assert page.xpath("//a[@class='work']/@href") == ["../works/ferns.html"]
    assert page.xpath("//a[@class='event']/@href") == ["../events/soiree.html"]
    assert page.xpath("//em[.='très jolies!']/following-sibling::text()[1]")[0].startswith("2")
    assert page.xpath("//span[@class='sc']/text()") == ["N.B."]
    assert page.xpath("//li[@id='app-a']/a[@role='doc-backlink']/@href") == ["#appref-a"]
    work = parse_page(doc_edition / "site" / "works" / "ferns.html")
    assert work.xpath("//p[@class='authors']/a/@href") == ["../people/hale.html"]


def test_every_date_form_is_read() -> None:
    forms = first_column("Dates")
    assert len(forms) >= 6
    for form in forms:
        parse_date(form)


def test_every_cross_reference_form_links(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    """All the forms of the table, written in note 2 to letter 2 of four letters."""
    forms = first_column("Cross-references")
    assert len(forms) >= 20
    note = note_with_forms(make_edition, capsys, forms)
    assert not note.xpath(".//*[contains(@class, 'ref-outside')]")
    assert len(note.xpath(".//a[@class='ref']")) >= len(forms)


def note_with_forms(
    make_edition: MakeEdition,
    capsys: pytest.CaptureFixture[str],
    forms: list[str],
    config: str | None = None,
) -> lxml.html.HtmlElement:
    """Note 2 to letter 2 of four letters, each of `forms` written in it, as built after a
    `check --strict` that found nothing; `config` is the edition.yaml if given."""
    body = "Dear Bob,[^1] dear Alice,[^2] regards.[^3]\n"
    files = {f"letters/00{n}.md": letter_source(n, body) for n in range(1, 5)}
    notes = "1. A note.\n\n2. {}\n\n3. A note.\n"
    files |= {f"notes/00{n}.md": notes.format("A note.") for n in (1, 3, 4)}
    files["notes/002.md"] = notes.format(" ".join(f"Compare {form}." for form in forms))
    files |= {"edition.yaml": config} if config else {}
    root = make_edition(files)
    assert main(["check", "--strict", "--root", str(root)]) == 0, capsys.readouterr().err
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    return parse_page(root / "site" / "letters" / "2.html").xpath("//li[@id='note-2']")[0]


def test_the_dates_of_each_language_are_written_as_the_doc_shows() -> None:
    table = section("The language of the pages").splitlines()
    rows = [line for line in table if line.startswith("| `") and "`language`" not in line]
    assert len(rows) == 3
    for row in rows:
        tag, *cells = [cell.strip() for cell in row.strip("|").split("|")]
        catalog = theme_dir() / MESSAGES / f"{tag.strip('`')}.po"
        words = load_catalog(catalog, REPO, Report()) if catalog.is_file() else None
        language = make_language(tag.strip("`"), words or english().translations)
        with speaking(language):
            assert [date_words(parse_date(edtf)) for edtf in DOC_DATES] == cells
