"""Citing a letter or a note: the page's citation, the .bib and .csl.json files, meta tags."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from conftest import REPO, MakeEdition, copy_sample, letter_source, parse_page
from epistola.cli import main

URL = "https://epistola.example.org/stalin-molotov/letters/"
LETTERS = range(31, 39)


def meta(page: object, name: str) -> list[str]:
    return page.xpath(f"//head/meta[@name='{name}']/@content")  # type: ignore[attr-defined]


def test_the_letter_page_says_how_to_cite_it(sample_site: Path) -> None:
    page = parse_page(sample_site / "letters" / "31.html")
    section = page.xpath("//section[@aria-labelledby='cite-heading']")[0]
    assert section.xpath("string(h2)") == "Cite this letter"
    citation = section.xpath("string(p[contains(@class, 'citation')])")
    assert citation == (
        "Joseph Stalin, “Joseph Stalin to Viacheslav Molotov, 23 June 1927”, in Stalin’s"
        " Letters to Molotov, June–July 1927, edited by Lars T. Lih, Oleg V. Naumov and"
        f" Oleg V. Khlevniuk, version 1.0.0, 2026-11-28, {URL}31.html"
    )
    bibtex = section.xpath("string(.//pre[1])")
    assert bibtex.startswith("@misc{letter-31,") and f"url = {{{URL}31.html}}" in bibtex
    assert json.loads(section.xpath("string(.//pre[2])"))["URL"] == f"{URL}31.html"
    downloads = section.xpath(".//a[@download]/@href")
    assert downloads == ["31.bib", "31.csl.json"]


@pytest.mark.parametrize("number", LETTERS)
def test_every_note_can_be_cited_with_its_anchor(sample_site: Path, number: int) -> None:
    page = parse_page(sample_site / "letters" / f"{number}.html")
    for note in page.xpath("//section[@role='doc-endnotes']/ol/li"):
        anchor = note.get("id")
        block = note.xpath("details[@class='cite-note']")[0]
        assert block.xpath("string(summary)") == "Cite this note"
        text = block.xpath("string(p[contains(@class, 'citation')])")
        assert text.endswith(f"{URL}{number}.html#{anchor}")
        assert "version 1.0.0, 2026-11-28" in text
        # BibTeX and CSL-JSON of a note are in the letter's downloads, not again on the page
        assert not block.xpath(".//pre")
        assert block.xpath(".//a/@href") == [f"{number}.bib", f"{number}.csl.json"]
        assert block.xpath("string(.//code)") == f"letter-{number}-{anchor}"
        bib = (sample_site / "letters" / f"{number}.bib").read_text("utf-8")
        assert f"url = {{{URL}{number}.html#{anchor}}}" in bib


@pytest.mark.parametrize("number", LETTERS)
def test_the_downloads_hold_the_letter_and_each_note(sample_site: Path, number: int) -> None:
    page = parse_page(sample_site / "letters" / f"{number}.html")
    notes = page.xpath("//section[@role='doc-endnotes']/ol/li/@id")
    items = json.loads((sample_site / "letters" / f"{number}.csl.json").read_text("utf-8"))
    assert [item["URL"] for item in items] == [f"{URL}{number}.html"] + [
        f"{URL}{number}.html#{anchor}" for anchor in notes
    ]
    letter = items[0]
    assert letter["type"] == "personal_communication"
    assert letter["author"] == [{"family": "Stalin", "given": "Joseph"}]
    assert letter["version"] == "1.0.0"
    assert letter["issued"]["date-parts"][0][0] == 1927
    bib = (sample_site / "letters" / f"{number}.bib").read_text("utf-8")
    keys = re.findall(r"^@misc\{([^,]+),$", bib, flags=re.MULTILINE)
    assert keys == [f"letter-{number}"] + [f"letter-{number}-{anchor}" for anchor in notes]
    assert bib.count("{") == bib.count("}")


def test_reference_managers_find_meta_tags_in_the_head(sample_site: Path) -> None:
    page = parse_page(sample_site / "letters" / "34.html")
    assert meta(page, "citation_title") == ["Joseph Stalin to Viacheslav Molotov, Early July 1927"]
    assert meta(page, "citation_author") == ["Stalin, Joseph"]
    assert meta(page, "citation_date") == ["1927"]
    assert meta(page, "citation_online_date") == ["2026/11/28"]
    assert meta(page, "citation_book_title") == ["Stalin’s Letters to Molotov, June–July 1927"]
    assert meta(page, "citation_public_url") == [f"{URL}34.html"]
    assert meta(page, "DC.identifier") == [f"{URL}34.html"]
    assert meta(page, "DC.hasVersion") == ["1.0.0"]
    assert page.xpath("//head/link[@rel='canonical']/@href") == [f"{URL}34.html"]
    day = parse_page(sample_site / "letters" / "31.html")
    assert meta(day, "citation_date") == ["1927/06/23"]


def test_no_page_holds_the_time_of_the_build(tmp_path: Path) -> None:
    (tmp_path / "edition").mkdir()
    root = copy_sample(tmp_path / "edition")
    config = (REPO / "edition.yaml").read_text("utf-8")
    (root / "edition.yaml").write_text(
        re.sub(r"^released: .*$", "released: 2001-02-03", config, flags=re.MULTILINE), "utf-8"
    )
    assert main(["build", "--root", str(root)]) == 0
    today = datetime.date.today()
    stamps = {today.isoformat(), today.strftime("%Y/%m/%d"), str(datetime.datetime.now().year)}
    for path in (root / "site").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".bib", ".json", ".js"}:
            text = path.read_text("utf-8")
            if "static" not in path.parts:
                assert not any(stamp in text for stamp in stamps), path
    page = parse_page(root / "site" / "people" / "index.html")
    assert "Version 1.0.0, released 2001-02-03" in " ".join(page.xpath("string(//footer)").split())


def test_a_letter_dated_by_an_interval_is_cited_with_both_ends(sample_site: Path) -> None:
    items = json.loads((sample_site / "letters" / "34.csl.json").read_text("utf-8"))
    assert items[0]["issued"] == {"date-parts": [[1927, 7, 1], [1927, 7, 7]]}
    assert items[0]["title"] == "Joseph Stalin to Viacheslav Molotov, Early July 1927"
    bib = (sample_site / "letters" / "34.bib").read_text("utf-8")
    assert "  date = {1927-07-01/1927-07-07},\n" in bib


def test_bibtex_escapes_its_special_characters(make_edition: MakeEdition) -> None:
    config = "title: Letters & Notes_1 {draft}\nbase_url: https://example.org/x/\nversion: 2\n"
    root = make_edition({"edition.yaml": config, "letters/001.md": letter_source(1, "Hello.\n")})
    assert main(["build", "--root", str(root)]) == 0
    bib = (root / "site" / "letters" / "1.bib").read_text("utf-8")
    assert "  booktitle = {Letters \\& Notes\\_1 \\{draft\\}},\n" in bib
    assert "  url = {https://example.org/x/letters/1.html}\n" in bib
