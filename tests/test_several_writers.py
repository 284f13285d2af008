"""A letter by two writers: `from:` as a list, counted for both wherever a writer counts
(issue 25, part 5). Letter 1 of tests/editions/shapes is by Anna and Paul Berger to Clara
Vogt; letter 2 is Clara's answer to both; letter 3 has one writer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from lxml import etree

from conftest import REPO, parse_page
from test_export_cmif import cmif_rule_violations

NS = {"t": "http://www.tei-c.org/ns/1.0"}
SCHEMA_FILE = REPO / "src" / "epistola" / "export" / "edition.schema.json"


def test_the_letter_page_names_both_writers(shapes_site: Path) -> None:
    page = parse_page(shapes_site / "letters" / "1.html")
    # The edition is German, so are its pages' words.
    writers = page.xpath("//dt[.='Von']/following-sibling::dd[1]/a")
    assert [(a.get("href"), a.text) for a in writers] == [
        ("../people/anna.html", "Anna Berger"),
        ("../people/paul.html", "Paul Berger"),
    ]
    summary = page.xpath("string(//p[@class='letter-summary'])")
    assert summary.startswith("Anna Berger und Paul Berger an Clara Vogt,")


def test_the_network_ties_each_writer_to_the_addressee(shapes_site: Path) -> None:
    page = parse_page(shapes_site / "network" / "index.html")
    section = "//h2[@id='correspondents']/following-sibling::table"
    ties = {
        frozenset(row.xpath("th/a/text()")): [int(n) for n in row.xpath("td[2]//a/text()")]
        for row in page.xpath(f"{section}[1]/tbody/tr")
    }
    # Letter 1 (Anna and Paul to Clara) and letter 2 (Clara to both) count for both.
    assert ties == {
        frozenset({"Anna Berger", "Clara Vogt"}): [1, 2],
        frozenset({"Paul Berger", "Clara Vogt"}): [1, 2],
        frozenset({"Emil Roth", "Clara Vogt"}): [3],
    }
    people = {
        row.xpath("string(th)"): int(row.xpath("string(td)"))
        for row in page.xpath(f"{section}[2]/tbody/tr")
    }
    assert people == {"Anna Berger": 2, "Paul Berger": 2, "Clara Vogt": 3, "Emil Roth": 1}


def test_cmif_has_a_pers_name_for_each_writer_and_stays_valid(
    shapes_site: Path, cmif_schema: etree.RelaxNG
) -> None:
    doc = etree.parse(str(shapes_site / "cmif.xml"))
    assert cmif_schema.validate(doc), [e.message for e in cmif_schema.error_log]
    assert cmif_rule_violations(doc) == []
    sent = doc.xpath("//t:correspDesc[@key='1']/t:correspAction[@type='sent']", namespaces=NS)[0]
    assert sent.xpath("t:persName/text()", namespaces=NS) == ["Anna Berger", "Paul Berger"]
    received = doc.xpath(
        "//t:correspDesc[@key='2']/t:correspAction[@type='received']/t:persName/text()",
        namespaces=NS,
    )
    assert received == ["Anna Berger", "Paul Berger"]
    one = doc.xpath(
        "//t:correspDesc[@key='3']/t:correspAction[@type='sent']/t:persName", namespaces=NS
    )
    assert [(p.text, p.get("ref")) for p in one] == [
        ("Emil Roth", "http://d-nb.info/gnd/0000000-1")
    ]


def test_tei_corresp_desc_and_title_name_both_writers(
    shapes_site: Path, tei_all: etree.RelaxNG
) -> None:
    doc = etree.parse(str(shapes_site / "tei" / "1.xml"))
    assert tei_all.validate(doc), [e.message for e in tei_all.error_log]
    sent = doc.xpath("//t:correspAction[@type='sent']/t:persName", namespaces=NS)
    assert [p.get("ref").split()[0] for p in sent] == [
        "https://shapes.example.org/people/anna.html",
        "https://shapes.example.org/people/paul.html",
    ]
    title = doc.xpath("string(//t:titleStmt/t:title[@type='main'])", namespaces=NS)
    assert title == "Brief 1: Anna Berger und Paul Berger an Clara Vogt, 2. Juni 1901"
    listed = doc.xpath("//t:listPerson/t:person/@xml:id", namespaces=NS)
    assert {"person-anna", "person-paul", "person-clara"} <= set(listed)


def test_json_gives_several_writers_as_a_list_and_one_as_an_id(shapes_site: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_bytes())
    validator = jsonschema.Draft202012Validator(schema)
    edition = json.loads((shapes_site / "data" / "edition.json").read_bytes())
    assert [e.message for e in validator.iter_errors(edition)] == []
    senders = {entry["number"]: entry["sender"] for entry in edition["letters"]}
    assert senders == {1: ["anna", "paul"], 2: "clara", 3: "emil"}
    record = json.loads((shapes_site / "data" / "letters" / "1.json").read_bytes())
    letter = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/letter"})
    assert [e.message for e in letter.iter_errors(record)] == []
    assert record["sender"] == ["anna", "paul"]


def test_correspondents_count_the_letter_as_sent_by_both(shapes_site: Path) -> None:
    page = parse_page(shapes_site / "correspondents" / "index.html")
    rows = {" ".join(li.xpath("string(.)").split()) for li in page.xpath("//main//li")}
    for name in ("Berger, Anna", "Berger, Paul"):
        assert any(row.startswith(name) and "1 geschrieben" in row for row in rows), rows
    paul = parse_page(shapes_site / "correspondents" / "paul" / "index.html")
    cells = [" ".join(td.xpath("string(.)").split()) for td in paul.xpath("//tbody/tr/td[3]")]
    assert cells == ["mit Anna Berger an Clara Vogt", "von Clara Vogt (auch an Anna Berger)"]


def test_the_person_page_and_the_lists_show_both_writers(shapes_site: Path) -> None:
    person = parse_page(shapes_site / "people" / "paul.html")
    assert "../letters/1.html" in person.xpath("//main//a/@href")
    listing = parse_page(shapes_site / "list" / "index.html")
    row = listing.xpath("//tbody/tr[td[1]/a='1']/td[3]")[0]
    assert " ".join(row.xpath("string(.)").split()) == "Anna Berger, Paul Berger → Clara Vogt"
    chronology = parse_page(shapes_site / "dates" / "index.html")
    entry = chronology.xpath("//li[a[@href='../letters/1.html']]")[0]
    assert "Anna Berger und Paul Berger → Clara Vogt" in " ".join(entry.xpath("string(.)").split())
    data = (shapes_site / "list" / "letters.js").read_text(encoding="utf-8")
    names = json.loads(re.search(r'"names":(\[.*?\])', data)[1])  # type: ignore[index]
    row_1 = json.loads(re.search(r"^\[1,.*\](?=,$)", data, re.MULTILINE)[0])  # type: ignore[index]
    assert [names[i] for i in row_1[3]] == ["Anna Berger", "Paul Berger"]


def test_the_citation_has_both_writers_as_authors(shapes_site: Path) -> None:
    page = parse_page(shapes_site / "letters" / "1.html")
    authors = page.xpath("//meta[@name='citation_author']/@content")
    assert authors == ["Berger, Anna", "Berger, Paul"]
