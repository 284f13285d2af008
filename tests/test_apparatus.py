"""The text-critical apparatus: a second series of notes, lettered, beside the numbered
commentary (issue 25, part 5). Letter 1 of tests/editions/shapes has notes a and b."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from conftest import MakeEdition, broken_links, letter_source, parse_page
from epistola.cli import main
from epistola.parse.apparatus import label_number, split_apparatus

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def test_markers_and_notes_of_the_apparatus_link_both_ways(shapes_site: Path) -> None:
    page = parse_page(shapes_site / "letters" / "1.html")
    markers = page.xpath("//div[@class='letter-text']//sup[@class='marker apparatus']/a")
    assert [(a.get("id"), a.get("href"), a.text) for a in markers] == [
        ("appref-a", "#app-a", "a"),
        ("appref-b", "#app-b", "b"),
    ]
    section = page.xpath("//section[@class='notes apparatus']")[0]
    assert section.xpath("h2/text()") == ["Textual notes"]
    items = section.xpath("ol[@type='a']/li")
    assert [li.get("id") for li in items] == ["app-a", "app-b"]
    assert [li.xpath("a[@role='doc-backlink']/@href")[0] for li in items] == [
        "#appref-a",
        "#appref-b",
    ]
    assert " ".join(items[1].xpath("string(p)").split()) == (
        "The last word is torn; supplied from the copy."
    )
    # The numbered commentary is untouched by the lettered series.
    assert page.xpath("//section[@role='doc-endnotes']/ol/li/@id") == ["note-1"]


def test_the_ledger_publishes_the_anchors_of_the_apparatus(shapes_site: Path) -> None:
    ledger = (shapes_site.parent / "anchors.lock").read_text(encoding="utf-8").splitlines()
    for anchor in ("app-a", "app-b", "appref-a", "appref-b", "note-1", "noteref-1"):
        assert f"letters/1.html#{anchor}" in ledger


def test_every_link_of_the_edition_of_shapes_resolves(shapes_site: Path) -> None:
    assert broken_links(shapes_site) == []


def test_tei_has_textual_notes_pointing_to_their_markers(
    shapes_site: Path, tei_all: etree.RelaxNG
) -> None:
    doc = etree.parse(str(shapes_site / "tei" / "1.xml"))
    assert tei_all.validate(doc), [e.message for e in tei_all.error_log]
    notes = doc.xpath("//t:back/t:div[@type='apparatus']/t:note", namespaces=NS)
    assert [(n.get("type"), n.get("n"), n.get(XML_ID), n.get("target")) for n in notes] == [
        ("textual", "a", "app-a", "#appref-a"),
        ("textual", "b", "app-b", "#appref-b"),
    ]
    markers = doc.xpath("//t:body//t:ref[@subtype='apparatus']", namespaces=NS)
    assert [(m.get("target"), m.get(XML_ID)) for m in markers] == [
        ("#app-a", "appref-a"),
        ("#app-b", "appref-b"),
    ]
    editorial = doc.xpath("//t:back/t:div[@type='notes']/t:note/@type", namespaces=NS)
    assert editorial == ["editorial"]


def test_json_records_the_apparatus(shapes_site: Path) -> None:
    record = json.loads((shapes_site / "data" / "letters" / "1.json").read_bytes())
    assert [(a["label"], a["anchor"], a["markers"]) for a in record["apparatus"]] == [
        ("a", "app-a", ["appref-a"]),
        ("b", "app-b", ["appref-b"]),
    ]
    other = json.loads((shapes_site / "data" / "letters" / "3.json").read_bytes())
    assert "apparatus" not in other


def test_problems_of_the_apparatus_are_reported_at_their_place(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "Dear Bob,\n\nthe word[^a] and the other[^c].\n"
    notes = "[^a]: Over the line.\n[^c]: Torn.\n[^d]: Never marked.\n"
    root = make_edition({"letters/001.md": letter_source(1, body), "notes/001.md": notes})
    assert main(["check", "--root", str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == [
        "notes/001.md:2:1: error: apparatus note [^c] is out of the sequence a, b, c …:"
        " expected [^b] [apparatus.sequence]",
        "notes/001.md:3:1: warning: apparatus note [^d] is never referenced in"
        " letters/001.md [apparatus.unused]",
    ]
    body = "Dear Bob,\n\nthe word[^b].\n"
    root = make_edition({"letters/001.md": letter_source(1, body), "notes/001.md": ""})
    assert main(["check", "--root", str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "letters/001.md:9:9: error: marker [^b] has no apparatus note [^b]: in notes/001.md"
        " [apparatus.missing]"
    )


def test_a_note_of_the_apparatus_names_and_refers_like_a_numbered_one(
    make_edition: MakeEdition,
) -> None:
    body = "Dear Bob,[^1] the word[^a].\n"
    notes = "1. A note.\n\n[^a]: Alice wrote it over\n    the line; see note 1 above.\n"
    root = make_edition({"letters/001.md": letter_source(1, body), "notes/001.md": notes})
    assert main(["build", "--quiet", "--strict", "--root", str(root)]) == 0
    page = parse_page(root / "site" / "letters" / "1.html")
    note = page.xpath("//li[@id='app-a']")[0]
    assert note.xpath(".//a[@class='person']/@href") == ["../people/alice.html"]
    assert note.xpath(".//a[@class='ref']/@href") == ["#note-1"]
    person = parse_page(root / "site" / "people" / "alice.html")
    assert person.xpath("//ul[@class='mentions']/li/a/text()") == ["in textual note a"]


LINES = st.lists(
    st.one_of(
        st.text(alphabet="abc 1.[]^:-\t", max_size=12),
        st.builds(lambda label, text: f"[^{label}]: {text}", st.sampled_from("abz"), st.text()),
    ),
    max_size=12,
)


@given(LINES)
def test_split_keeps_every_line_in_its_place(lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    kept, entries = split_apparatus(text)
    source, left = text.split("\n"), kept.split("\n")
    assert len(left) == len(source)
    for entry in entries:
        assert source[entry.line - 1].startswith(f"[^{entry.label}]:")
        assert left[entry.line - 1] == ""
    assert all(line in ("", original) for line, original in zip(left, source, strict=True))


def test_labels_count_on_after_z() -> None:
    assert [label_number(label) for label in ("a", "b", "z", "aa", "ab")] == [1, 2, 26, 27, 28]
