"""site/tei/N.xml: one TEI P5 document per letter, valid against tei_all (issue 7)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from conftest import REPO, MakeEdition, assert_golden, copy_sample, letter_source, parse_page
from epistola.cli import main

LETTERS = range(31, 39)
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
BASE = "https://epistola.example.org/stalin-molotov/"
GOLDEN = Path(__file__).parent / "golden" / "tei-all-of-markdown.xml"


def read_tei(site: Path, number: int) -> etree._ElementTree:
    return etree.parse(str(site / "tei" / f"{number}.xml"))


def schema_errors(schema: etree.RelaxNG, doc: etree._ElementTree) -> list[str]:
    schema.validate(doc)
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


@pytest.mark.parametrize("number", LETTERS)
def test_every_letter_validates_against_tei_all(
    sample_site: Path, tei_all: etree.RelaxNG, number: int
) -> None:
    assert schema_errors(tei_all, read_tei(sample_site, number)) == []


@pytest.mark.parametrize("number", LETTERS)
def test_every_pointer_reaches_an_element(sample_site: Path, number: int) -> None:
    doc = read_tei(sample_site, number)
    for target in doc.xpath("//t:ref/@target | //t:note/@target", namespaces=NS):
        path, _, fragment = target.partition("#")
        if path.startswith("http"):
            continue
        other = doc if not path else etree.parse(str(sample_site / "tei" / path))
        assert not fragment or other.xpath(f"//*[@xml:id='{fragment}']"), target


def test_letter_33_reads_back_with_its_notes_markers_people_and_date(sample_site: Path) -> None:
    doc = read_tei(sample_site, 33)
    notes_source = (REPO / "notes" / "033.md").read_text(encoding="utf-8")
    note_starts = re.findall(r"^(\d+)\. (\S+ \S+ \S+)", notes_source, flags=re.MULTILINE)
    notes = doc.xpath("//t:back/t:div/t:note", namespaces=NS)
    assert [(n.get("n"), n.get(XML_ID)) for n in notes] == [
        (number, f"note-{number}") for number, _ in note_starts
    ]
    for note, (_, words) in zip(notes, note_starts, strict=True):
        assert " ".join(note.xpath("string(.)").split()).startswith(words)
    letter_source_text = (REPO / "letters" / "033.md").read_text(encoding="utf-8")
    markers = doc.xpath("//t:body//t:ref[@type='noteAnchor']", namespaces=NS)
    assert [m.get("target") for m in markers] == [
        f"#note-{n}" for n in re.findall(r"\[\^(\d+)\]", letter_source_text)
    ]
    for marker in markers:
        note = doc.xpath(f"//t:note[@xml:id='{marker.get('target')[1:]}']", namespaces=NS)[0]
        assert note.get("target") == f"#{marker.get(XML_ID)}"
    sent = doc.xpath("//t:correspAction[@type='sent']", namespaces=NS)[0]
    received = doc.xpath("//t:correspAction[@type='received']", namespaces=NS)[0]
    stalin = sent.xpath("t:persName", namespaces=NS)[0]
    assert stalin.text == "Joseph Stalin"
    assert stalin.get("ref").split() == [
        f"{BASE}people/stalin.html",
        "http://www.wikidata.org/entity/Q855",
    ]
    assert [(p.text, p.get("ref")) for p in received.xpath("t:persName", namespaces=NS)] == [
        ("Viacheslav Molotov", f"{BASE}people/molotov.html"),
        ("Nikolai Bukharin", f"{BASE}people/bukharin.html"),
    ]
    date = sent.xpath("t:date", namespaces=NS)[0]
    assert (date.get("when"), date.text) == ("1927-06-27", "27 June 1927")
    assert doc.xpath("string(//t:body/t:dateline)", namespaces=NS) == "27 June 1926"


def test_early_july_1927_gets_not_before_and_not_after(sample_site: Path) -> None:
    date = read_tei(sample_site, 34).xpath("//t:correspAction[@type='sent']/t:date", namespaces=NS)
    assert len(date) == 1
    assert date[0].text == "Early July 1927"
    assert dict(date[0].attrib) == {"notBefore": "1927-07-01", "notAfter": "1927-07-07"}


def test_insertions_mentions_and_cross_references(sample_site: Path) -> None:
    doc33 = read_tei(sample_site, 33)
    supplied = doc33.xpath("//t:body//t:supplied/text()", namespaces=NS)
    assert supplied[:3] == ["with us", "if they had broken off", "Yü-hsiang"]
    klim = read_tei(sample_site, 36).xpath("//t:persName[.='Klim']/@ref", namespaces=NS)
    assert klim and all(ref == f"{BASE}people/voroshilov.html" for ref in klim)
    ref = read_tei(sample_site, 32).xpath("//t:note//t:ref[.='the next letter']", namespaces=NS)
    assert [r.get("target") for r in ref] == ["33.xml"]
    outside = doc33.xpath("//t:note[@n='3']", namespaces=NS)[0]
    assert "see note 4 to letter 27" in outside.xpath("string(.)")
    assert not outside.xpath(".//t:ref", namespaces=NS), "letter 27 is not in the edition"


@pytest.mark.parametrize("number", LETTERS)
def test_tei_paragraphs_say_what_the_page_says(sample_site: Path, number: int) -> None:
    page = parse_page(sample_site / "letters" / f"{number}.html")
    doc = read_tei(sample_site, number)
    shown = page.xpath("//div[@class='letter-text']//p[@id]")
    assert shown
    for p in shown:
        html_text = re.sub(r"[\[\]]", "", p.text_content())
        tei = doc.xpath(f"//t:body//*[@xml:id='{p.get('id')}']", namespaces=NS)
        assert len(tei) == 1 and tei[0].xpath("string(.)") == html_text


ALL_OF_MARKDOWN = """\
    Sochi, 3 July

    # Heading

    Dear **Bob**,[^1] see letter 2, `code`, [a link](https://example.org/x) and
    ![a picture](pic.png).

    Sochi, 3 July

    - one [insertion]
    - two *words*

    > quoted [the chief]{person=bob}
    >
    > again

    1. first

       more
    2. second

    ---

        code block

    P.S. Line one
    line two
    """


def test_every_construct_of_a_letter_validates(
    make_edition: MakeEdition, tei_all: etree.RelaxNG, request: pytest.FixtureRequest
) -> None:
    root = make_edition(
        {
            "letters/001.md": letter_source(1, ALL_OF_MARKDOWN, dated="Sochi, 3 July"),
            "notes/001.md": "1. On letter 2 and note 1 above.\n\n   > quoted\n\n   - a\n   - b\n",
            "letters/002.md": letter_source(2, "Hello.\n", date="1927-07~"),
        }
    )
    assert main(["build", "--root", str(root)]) == 0
    written = (root / "site" / "tei" / "1.xml").read_text(encoding="utf-8")
    assert_golden(GOLDEN, written, request, shown_as="site/tei/1.xml")  # the layout, too
    doc = etree.parse(str(root / "site" / "tei" / "1.xml"))
    assert schema_errors(tei_all, doc) == []
    body = doc.xpath("//t:body", namespaces=NS)[0]
    assert etree.QName(body[0]).localname == "dateline", "a dateline at the top stays one"
    postscript = body.xpath("t:postscript", namespaces=NS)
    assert postscript and postscript[0].xpath("string(t:p[last()])", namespaces=NS).startswith(
        "P.S."
    )
    assert doc.xpath("//t:persName[.='the chief']/@ref", namespaces=NS) == [
        "https://example.org/test/people/bob.html"
    ]
    later = etree.parse(str(root / "site" / "tei" / "2.xml"))
    assert schema_errors(tei_all, later) == []
    date = later.xpath("//t:correspAction[@type='sent']/t:date", namespaces=NS)[0]
    assert dict(date.attrib) == {
        "notBefore": "1927-07-01",
        "notAfter": "1927-07-31",
        "cert": "low",
        # the EDTF as written, which the bounds and certainty alone do not give back
        "when-custom": "1927-07~",
        "datingMethod": "https://www.loc.gov/standards/datetime/",
    }


def test_a_build_does_without_lxml() -> None:
    """The exports are written as text; lxml is for the tests and `sitecheck` only."""
    code = "import sys, epistola.build; print(sorted(m for m in sys.modules if 'lxml' in m))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.stdout.strip() == "[]", loaded.stderr


def test_authority_records_from_the_register(make_edition: MakeEdition) -> None:
    register = (
        "alice:\n  name: Alice Adams\n  viaf: '12345'\n  gnd: '118540238'\n  wikidata: Q1\n"
        "bob:\n  name: Bob Brown\n"
    )
    root = make_edition(
        {"notes/people.yaml": register, "letters/001.md": letter_source(1, "Hi.\n")}
    )
    assert main(["build", "--root", str(root)]) == 0
    doc = etree.parse(str(root / "site" / "tei" / "1.xml"))
    sender = doc.xpath("//t:correspAction[@type='sent']/t:persName/@ref", namespaces=NS)
    assert sender[0].split() == [
        "https://example.org/test/people/alice.html",
        "http://viaf.org/viaf/12345",
        "http://d-nb.info/gnd/118540238",
        "http://www.wikidata.org/entity/Q1",
    ]


def test_two_builds_write_the_same_exports(sample_site: Path, tmp_path: Path) -> None:
    root = tmp_path / "again"
    root.mkdir()
    copy_sample(root)
    assert main(["build", "--root", str(root)]) == 0
    exports = ["cmif.xml", "sitemap.xml", "data/edition.json"]
    exports += [f"tei/{n}.xml" for n in LETTERS] + [f"data/letters/{n}.json" for n in LETTERS]
    for path in exports:
        assert (root / "site" / path).read_bytes() == (sample_site / path).read_bytes(), path


@pytest.mark.parametrize("number", LETTERS)
def test_letter_page_links_to_its_tei_and_json(sample_site: Path, number: int) -> None:
    page = parse_page(sample_site / "letters" / f"{number}.html")
    alternates = {
        link.get("type"): link.get("href") for link in page.xpath("//head/link[@rel='alternate']")
    }
    assert alternates == {
        "application/tei+xml": f"../tei/{number}.xml",
        "application/json": f"../data/letters/{number}.json",
    }
    visible = page.xpath("//p[@class='letter-data']/a/@href")
    assert visible == list(alternates.values())
    for href in visible:
        assert (sample_site / "letters" / href).resolve().is_file()
