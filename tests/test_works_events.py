"""Registers of works (with their authors) and of events, kept like the registers of
people and places (issue 25, part 5), on tests/editions/shapes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from conftest import REPO, MakeEdition, letter_source, parse_page
from epistola.cli import main

NS = {"t": "http://www.tei-c.org/ns/1.0"}
BASE = "https://shapes.example.org/"
SCHEMA_FILE = REPO / "src" / "epistola" / "export" / "edition.schema.json"


def test_a_work_is_linked_where_it_is_named_and_has_its_page(shapes_site: Path) -> None:
    letter = parse_page(shapes_site / "letters" / "1.html")
    links = letter.xpath("//div[@class='letter-text']//a[@class='work']")
    assert [(a.get("href"), a.text) for a in links] == [
        ("../works/garten.html", "das Stück"),
        ("../works/garten.html", "Garten"),
    ]
    note = letter.xpath("//li[@id='note-1']//a[@class='event']")
    assert [(a.get("href"), a.text) for a in note] == [("../events/sommerfest.html", "the fair")]
    page = parse_page(shapes_site / "works" / "garten.html")
    assert page.xpath("//h1/text()") == ["Der Garten"]
    author = page.xpath("//p[@class='authors']/a")
    assert [(a.get("href"), a.text) for a in author] == [("../people/emil.html", "Emil Roth")]
    person = parse_page(shapes_site / "people" / "emil.html")
    assert person.xpath("//ul[@class='works-by']/li/a/@href") == ["../works/garten.html"]
    places = page.xpath("//ul[@class='mentions']/li/a/@href")
    assert places == ["../letters/1.html#p2", "../letters/1.html#p2", "../letters/1.html#note-1"]


def test_an_event_has_its_date_and_mentions(shapes_site: Path) -> None:
    page = parse_page(shapes_site / "events" / "sommerfest.html")
    assert page.xpath("//dt[.='Datum']/following-sibling::dd[1]/text()") == ["14. Juli 1901"]
    assert page.xpath("//ul[@class='mentions']/li/a/@href") == [
        "../letters/1.html#p2",
        "../letters/1.html#note-1",
        "../letters/3.html#p2",
    ]


def test_the_indexes_and_the_menu_lead_to_works_and_events(shapes_site: Path) -> None:
    works = parse_page(shapes_site / "works" / "index.html")
    assert works.xpath("//ul[@class='register-list']/li/a/@href") == ["garten.html"]
    events = parse_page(shapes_site / "events" / "index.html")
    assert events.xpath("//ul[@class='register-list']/li/a/@href") == ["sommerfest.html"]
    title = parse_page(shapes_site / "index.html")
    assert {"works/index.html", "events/index.html"} <= set(title.xpath("//a/@href"))
    menu = parse_page(shapes_site / "letters" / "3.html").xpath("//nav[@aria-label='Edition']//a")
    assert {"../works/index.html", "../events/index.html"} <= {a.get("href") for a in menu}


def test_tei_names_works_and_events_and_lists_them(
    shapes_site: Path, tei_all: etree.RelaxNG
) -> None:
    doc = etree.parse(str(shapes_site / "tei" / "1.xml"))
    assert tei_all.validate(doc), [e.message for e in tei_all.error_log]
    titles = doc.xpath("//t:body//t:title", namespaces=NS)
    assert [(t.text, t.get("ref").split()) for t in titles] == [
        ("das Stück", [f"{BASE}works/garten.html", "http://www.wikidata.org/entity/Q1"]),
        ("Garten", [f"{BASE}works/garten.html", "http://www.wikidata.org/entity/Q1"]),
    ]
    event = doc.xpath("//t:back//t:eventName", namespaces=NS)[0]
    assert (event.text, event.get("ref")) == ("the fair", f"{BASE}events/sommerfest.html")
    bibl = doc.xpath("//t:standOff/t:listBibl/t:bibl", namespaces=NS)[0]
    assert bibl.get("{http://www.w3.org/XML/1998/namespace}id") == "work-garten"
    author = bibl.xpath("t:author/t:persName", namespaces=NS)[0]
    assert author.text == "Emil Roth"
    assert author.get("ref").split()[0] == f"{BASE}people/emil.html"
    listed = doc.xpath("//t:standOff/t:listEvent/t:event", namespaces=NS)[0]
    assert listed.get("when") == "1901-07-14"
    assert listed.xpath("t:eventName[not(@type)]/text()", namespaces=NS) == [
        "The summer fair at Linden"
    ]
    # its other names, so the TEI reads back into the same register
    assert "Summer fair at Linden" in listed.xpath("t:eventName[@type]/text()", namespaces=NS)


def test_json_lists_works_and_events_valid_against_the_schema(shapes_site: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_bytes())
    edition = json.loads((shapes_site / "data" / "edition.json").read_bytes())
    assert [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(edition)] == []
    assert [(w["id"], w["authors"]) for w in edition["works"]] == [("garten", ["emil"])]
    (event,) = edition["events"]
    assert (event["id"], event["date"]["edtf"]) == ("sommerfest", "1901-07-14")
    record = json.loads((shapes_site / "data" / "letters" / "1.json").read_bytes())
    kinds = {(m["kind"], m["id"]) for m in record["mentions"]}
    assert {("work", "garten"), ("event", "sommerfest")} <= kinds


def test_an_edition_without_works_or_events_lists_none(sample_site: Path) -> None:
    edition = json.loads((sample_site / "data" / "edition.json").read_bytes())
    assert "works" not in edition and "events" not in edition
    assert not (sample_site / "works").exists() and not (sample_site / "events").exists()


def test_an_author_not_in_the_register_of_people_is_an_error(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_edition(
        {
            "letters/001.md": letter_source(1, "Dear Bob, I read [it]{work=book}.\n"),
            "notes/works.yaml": "book:\n  name: A Book\n  authors: [alice, nobody]\n",
            "notes/events.yaml": "fair:\n  name: A Fair\n  date: 13.6.1927\n",
        }
    )
    assert main(["check", "--root", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == [
        "notes/events.yaml:1:1: error: date '13.6.1927' is not an EDTF date such as"
        " 1927-06-13, 1927-06 or 1927-07~ [events.date]",
        "notes/works.yaml:1:1: error: author 'nobody' of work 'book' is not in"
        " notes/people.yaml [works.unknown-author]",
    ]
