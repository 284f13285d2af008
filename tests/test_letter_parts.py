"""The parts of a letter outside its text: letterhead, address, envelope, postscript
(issue 25, part 5). Letter 2 of tests/editions/shapes has all four."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import REPO, MakeEdition, letter_source, parse_page
from epistola.cli import main
from epistola.core.diagnostics import Report
from epistola.core.records import SourceFile
from epistola.core.registers import build_alias_index
from epistola.parse.letter import parse_letter, parser
from epistola.parse.markdown_tei import body_tei

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SCHEMA_FILE = REPO / "src" / "epistola" / "export" / "edition.schema.json"


def test_the_page_shows_each_part_under_its_name(shapes_site: Path) -> None:
    page = parse_page(shapes_site / "letters" / "2.html")
    parts = page.xpath("//div[@class='letter-text']/div[contains(@class, 'letter-part')]")
    shown = [(div.get("class"), div.xpath("p[@class='part-label']/text()")) for div in parts]
    assert shown == [
        ("letter-part letterhead", ["Letterhead"]),
        ("letter-part address", ["Address"]),
        ("letter-part postscript", ["Postscript"]),
        ("letter-part envelope", ["Envelope"]),
    ]
    # Their paragraphs are numbered with the text's, so each has an anchor.
    assert parts[0].xpath("p[@id]/@id") == ["p1"]
    assert parts[3].xpath("p[@id]/@id") == ["p8"]
    assert page.xpath("//p[@class='dateline']/@id") == ["p6"]


def test_the_first_words_are_the_texts_not_the_letterheads(shapes_site: Path) -> None:
    listing = parse_page(shapes_site / "list" / "index.html")
    row = listing.xpath("//tbody/tr[td[1]/a='2']/td[4]/text()")
    assert row == ["Liebe Anna, lieber Paul,"]


def test_tei_gives_each_part_its_element(shapes_site: Path, tei_all: etree.RelaxNG) -> None:
    doc = etree.parse(str(shapes_site / "tei" / "2.xml"))
    assert tei_all.validate(doc), [e.message for e in tei_all.error_log]
    body = doc.xpath("//t:body", namespaces=NS)[0]
    children = [etree.QName(child).localname for child in body]
    assert children == ["fw", "address", "p", "p", "p", "div", "dateline", "postscript"]
    fw = body.xpath("t:fw", namespaces=NS)[0]
    assert (fw.get("type"), fw.get(XML_ID)) == ("letterhead", "p1")
    assert " ".join(fw.xpath("string(.)").split()) == "Hotel zur Post Linden am See"
    assert len(fw.xpath("t:lb", namespaces=NS)) == 1
    lines = body.xpath("t:address/t:addrLine", namespaces=NS)
    assert [line.xpath("string(.)") for line in lines] == ["Herrn und Frau Berger", "Linden"]
    assert lines[0].get(XML_ID) == "p2"
    envelope = body.xpath("t:div[@type='envelope']/t:p", namespaces=NS)
    assert [p.get(XML_ID) for p in envelope] == ["p8"]
    postscript = body.xpath("t:postscript/t:p", namespaces=NS)
    assert [p.xpath("string(.)") for p in postscript] == ["P.S. Grüßt Roth von mir."]


def test_json_says_which_part_holds_a_paragraph(shapes_site: Path) -> None:
    record = json.loads((shapes_site / "data" / "letters" / "2.json").read_bytes())
    parts = [(p["anchor"], p.get("part")) for p in record["paragraphs"]]
    assert parts == [
        ("p1", "letterhead"),
        ("p2", "address"),
        ("p3", None),
        ("p4", None),
        ("p5", None),
        ("p6", None),
        ("p7", "postscript"),
        ("p8", "envelope"),
    ]
    schema = json.loads(SCHEMA_FILE.read_bytes())
    letter = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/letter"})
    assert [e.message for e in letter.iter_errors(record)] == []


BLOCKS = {
    "text": "Some words of the text.",
    "dateline": "20 June 1901",
    "rule": "---",
    "letterhead": "::: letterhead\nHotel zur Post\nLinden\n:::",
    "address": "::: address\nHerrn Berger\nLinden\n:::",
    "envelope": "::: envelope\nHerrn Berger, Linden\n:::",
    "postscript": "::: postscript\nP.S. More words.\n\n20 June 1901\n:::",
    "empty": "::: postscript\n:::",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=st.lists(st.sampled_from(sorted(BLOCKS)), min_size=1, max_size=7))
def test_any_arrangement_of_parts_is_valid_tei(blocks: list[str], tei_all: etree.RelaxNG) -> None:
    """Parts before, between and after the text, in any order, give a valid body."""
    source = "\n\n".join(BLOCKS[block] for block in [*blocks, "letterhead"])
    tokens = parser().parse(source)
    for i, token in enumerate(tokens):  # what parse.py does: anchors, and the dateline
        if token.type == "paragraph_open":
            token.attrSet("id", f"p{i}")
            if tokens[i + 1].content == "20 June 1901":
                token.attrSet("class", "dateline")
    document = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        f"</sourceDesc></fileDesc></teiHeader><text><body>{body_tei(tokens)}</body></text></TEI>"
    )
    doc = etree.fromstring(document).getroottree()
    assert tei_all.validate(doc), (source, [e.message for e in tei_all.error_log])


LINES = st.sampled_from(
    [
        "::: letterhead",
        "::: address",
        "::: envelope",
        "::: postscript",
        ":::",
        "> ::: envelope",
        "> quoted words",
        "- ::: postscript",
        "- an item",
        "   indented words",
        "Words of the text.",
        "20 June 1901",
        "---",
        "",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.lists(LINES, max_size=12), notes=st.lists(LINES, max_size=6))
def test_parts_anywhere_give_messages_not_errors_and_valid_tei(
    body: list[str], notes: list[str], tei_all: etree.RelaxNG
) -> None:
    """A fence in a note, a quotation or a list is reported; what is built stays valid."""
    text = "---\nnumber: 1\ndated: 20 June 1901\n---\n" + "\n".join(body) + "\n"
    notes_text = "1. A note.\n\n" + "\n".join(f"   {line}" for line in notes) + "\n"
    report = Report()
    letter = parse_letter(
        SourceFile("letters/001.md", text),
        SourceFile("notes/001.md", notes_text),
        aliases=build_alias_index({}),
        report=report,
    )
    assert all(line.startswith(("letters/001.md:", "notes/001.md:")) for line in report.lines())
    back = "".join(f'<note n="{n.number}">{n.tei}</note>' for n in letter.notes)
    document = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        f"</sourceDesc></fileDesc></teiHeader><text><body>{letter.body_tei}</body>"
        f'<back><div type="notes">{back}</div></back></text></TEI>'
    )
    doc = etree.fromstring(document).getroottree()
    assert tei_all.validate(doc), (text, notes_text, [e.message for e in tei_all.error_log])


def test_a_part_where_it_cannot_stand_is_an_error_at_its_fence(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "Dear Bob,[^1]\n\n> ::: envelope\n> Bob Brown, Esq.\n> :::\n"
    notes = "1. The envelope is lost.\n\n   ::: letterhead\n   Printed\n   :::\n"
    root = make_edition({"letters/001.md": letter_source(1, body), "notes/001.md": notes})
    assert main(["check", "--root", str(root)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "letters/001.md:9:3: error: '::: envelope' can only stand at the top level of a"
        " letter's text, not in a note, a quotation, a list or another part; its words are"
        " kept as text [part.misplaced]",
        "notes/001.md:3:4: error: '::: letterhead' can only stand at the top level of a"
        " letter's text, not in a note, a quotation, a list or another part; its words are"
        " kept as text [part.misplaced]",
        "checked 1 letter: 2 errors",
    ]
