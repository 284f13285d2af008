"""Places and organizations, found and indexed like people (issue 16).

The sample edition's registers are checked on its built site; the place of writing, which
no source gives the sample's letters, on a small edition of its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from lxml import etree

from conftest import MINIMAL_CONFIG, REPO, MakeEdition, letter_source, parse_page
from epistola.cli import main
from test_export_cmif import cmif_rule_violations
from test_export_tei import schema_errors

NS = {"t": "http://www.tei-c.org/ns/1.0"}
BASE = "https://epistola.example.org/stalin-molotov/"
SCHEMA = json.loads((REPO / "src" / "epistola" / "export" / "edition.schema.json").read_bytes())


def _paragraph_text(page: Any, anchor: str) -> str:
    return str(page.xpath(f"string(//*[@id='{anchor}'])"))


def test_nanking_in_letter_33_links_to_its_page_and_back(sample_site: Path) -> None:
    letter = parse_page(sample_site / "letters" / "33.html")
    links = letter.xpath("//div[@class='letter-text']//a[.='Nanking']")
    assert links, "Nanking is found in the text by its alias"
    assert {a.get("href") for a in links} == {"../places/nanking.html"}
    where = links[0].xpath("ancestor::p[1]/@id")[0]
    place = parse_page(sample_site / "places" / "nanking.html")
    assert place.xpath("string(//h1)") == "Nanking"
    back = place.xpath("//ul[@class='mentions']//a/@href")
    assert f"../letters/33.html#{where}" in back
    for href in back:  # every mention listed is where the page says: its words are there
        page_path, anchor = href.removeprefix("../").split("#")
        target = parse_page(sample_site / page_path)
        assert "Nanking" in _paragraph_text(target, anchor)


def test_politburo_in_the_notes_of_letter_33_links_to_its_page(sample_site: Path) -> None:
    letter = parse_page(sample_site / "letters" / "33.html")
    in_notes = letter.xpath("//section[@class='notes']//a[@class='org'][.='Politburo']")
    assert in_notes
    assert {a.get("href") for a in in_notes} == {"../organizations/politburo.html"}
    note = in_notes[0].xpath("ancestor::li[1]/@id")[0]
    body = parse_page(sample_site / "organizations" / "politburo.html")
    assert f"../letters/33.html#{note}" in body.xpath("//ul[@class='mentions']//a/@href")


def test_every_entry_named_has_a_page_that_lists_where(sample_site: Path) -> None:
    folders = {"person": "people", "place": "places", "org": "organizations"}
    named: dict[tuple[str, str], set[str]] = {}
    for number in range(31, 39):
        record = json.loads((sample_site / "data" / "letters" / f"{number}.json").read_bytes())
        for mention in record["mentions"]:
            key = (mention["kind"], mention["id"])
            named.setdefault(key, set()).add(f"../letters/{number}.html#{mention['anchor']}")
    kinds = {kind for kind, _ in named}
    assert {"place", "org"} <= kinds
    for (kind, entry_id), anchors in named.items():
        page = sample_site / folders[kind] / f"{entry_id}.html"
        assert page.is_file(), page
        listed = set(parse_page(page).xpath("//ul[@class='mentions']//a/@href"))
        assert anchors <= listed, (kind, entry_id)


def test_the_indexes_list_every_entry_and_the_navigation_reaches_them(sample_site: Path) -> None:
    for folder, register in (("places", "places"), ("organizations", "organizations")):
        ids = set(_yaml_ids(REPO / "notes" / f"{register}.yaml"))
        index = parse_page(sample_site / folder / "index.html")
        listed = {href.removesuffix(".html") for href in index.xpath("//main//li/a/@href")}
        assert ids <= listed
        home = parse_page(sample_site / "index.html")
        assert f"{folder}/index.html" in home.xpath("//nav//a/@href")


def _yaml_ids(path: Path) -> list[str]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return list(data)


def test_the_tei_names_places_and_bodies_and_lists_them(
    sample_site: Path, tei_all: etree.RelaxNG
) -> None:
    doc = etree.parse(str(sample_site / "tei" / "33.xml"))
    assert schema_errors(tei_all, doc) == []
    nanking = doc.xpath("//t:body//t:placeName[.='Nanking']/@ref", namespaces=NS)
    assert nanking and nanking[0].split() == [
        f"{BASE}places/nanking.html",
        "http://www.geonames.org/1799962",
        "http://www.wikidata.org/entity/Q16666",
    ]
    assert doc.xpath("//t:back//t:orgName[.='Politburo']/@ref", namespaces=NS) == [
        f"{BASE}organizations/politburo.html"
    ]
    listed = doc.xpath("//t:standOff/t:listPlace/t:place/@xml:id", namespaces=NS)
    assert "place-nanking" in listed
    geo = doc.xpath("string(//t:place[@xml:id='place-nanking']//t:geo)", namespaces=NS)
    assert geo == "32.06167 118.77778"
    assert "org-politburo" in doc.xpath("//t:listOrg/t:org/@xml:id", namespaces=NS)


def test_the_json_holds_the_registers_and_validates(sample_site: Path) -> None:
    edition = json.loads((sample_site / "data" / "edition.json").read_bytes())
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert [e.message for e in validator.iter_errors(edition)] == []
    nanking = next(p for p in edition["places"] if p["id"] == "nanking")
    assert nanking["url"] == f"{BASE}places/nanking.html"
    assert nanking["same_as"][0] == "http://www.geonames.org/1799962"
    assert any(o["id"] == "politburo" for o in edition["organizations"])


PLACES = """\
sochi:
  name: Sochi
  aliases: [Sochi]
  geonames: '491422'
  coordinates: [43.6, 39.73]
"""
ORGANIZATIONS = """\
society:
  name: The Fern Society
  aliases: [Fern Society]
"""


def test_the_place_of_writing_is_shown_and_exported(
    make_edition: MakeEdition, tei_all: etree.RelaxNG, cmif_schema: etree.RelaxNG
) -> None:
    root = make_edition(
        {
            "notes/places.yaml": PLACES,
            "notes/organizations.yaml": ORGANIZATIONS,
            "letters/001.md": letter_source(
                1, "Dear Bob, the Fern Society met in [the town]{place=sochi}.\n", place="sochi"
            ),
            "letters/002.md": letter_source(2, "Dear Alice, nothing from Sochi.\n"),
        }
    )
    assert main(["build", "--root", str(root)]) == 0
    site = root / "site"
    page = parse_page(site / "letters" / "1.html")
    assert page.xpath("//dl[@class='letter-meta']//a[.='Sochi']/@href") == ["../places/sochi.html"]
    assert page.xpath("//a[@class='place'][.='the town']/@href") == ["../places/sochi.html"]
    chronology = parse_page(site / "dates" / "index.html")
    assert "at Sochi" in chronology.xpath("string(//ul[@class='chronology'])")
    place = parse_page(site / "places" / "sochi.html")
    assert place.xpath("//p[@class='letters-at']/a/@href") == [
        "../places-of-writing/sochi/index.html"
    ]
    written = parse_page(site / "places-of-writing" / "sochi" / "index.html")
    assert written.xpath("//table[@class='letter-list']//td[1]/a/@href") == ["../../letters/1.html"]
    listing = parse_page(site / "list" / "index.html")
    assert listing.xpath("//span[@class='place-of-writing']/text()") == ["at Sochi"]
    assert listing.xpath("//select[@id='filter-place']/option/@value") == ["", "sochi"]
    assert place.xpath("//dl[@class='entry-meta']//a/@href") == ["http://www.geonames.org/491422"]
    tei = etree.parse(str(site / "tei" / "1.xml"))
    assert schema_errors(tei_all, tei) == []
    sent = tei.xpath("//t:correspAction[@type='sent']/t:placeName", namespaces=NS)[0]
    assert sent.text == "Sochi"
    assert sent.get("ref", "").split()[1] == "http://www.geonames.org/491422"
    assert tei.xpath("//t:body//t:orgName[.='Fern Society']", namespaces=NS)
    cmif = etree.parse(str(site / "cmif.xml"))
    assert cmif_schema.validate(cmif), cmif_schema.error_log
    assert cmif_rule_violations(cmif) == []
    placed = cmif.xpath("//t:correspDesc[@key='1']//t:placeName/@ref", namespaces=NS)
    assert placed == ["http://www.geonames.org/491422"]
    assert cmif.xpath("//t:correspDesc[@key='2']//t:placeName", namespaces=NS) == []


def test_the_index_of_places_is_paged_like_the_people_index(
    make_edition: MakeEdition,
) -> None:
    names = ["Avignon", "Arles", "Aix", "Bath", "Bristol", "Cork"]
    places = "".join(f"{n.lower()}:\n  name: {n}\n  aliases: [{n}]\n" for n in names)
    root = make_edition(
        {
            "edition.yaml": MINIMAL_CONFIG + "index_page_size: 2\n",
            "notes/places.yaml": places,
            "letters/001.md": letter_source(1, "Dear Bob, " + ", ".join(names) + ".\n"),
        }
    )
    assert main(["build", "--root", str(root)]) == 0
    folder = root / "site" / "places"
    index = parse_page(folder / "index.html")
    jumps = index.xpath("//ul[@class='initials']//a/@href")
    assert [href.split("#")[0] for href in jumps] == ["a.html", "b.html", "c.html"]
    assert (folder / "a-2.html").is_file(), "an initial longer than a page goes on"
    for page in ("a.html", "a-2.html", "b.html", "c.html"):
        listed = parse_page(folder / page).xpath("//ul[@class='register-list']/li")
        assert 1 <= len(listed) <= 2
    assert sorted(p.name for p in folder.glob("*.html")) == sorted(
        [
            *(f"{n.lower()}.html" for n in names),
            "index.html",
            "a.html",
            "a-2.html",
            "b.html",
            "c.html",
        ]
    )


def test_an_edition_without_places_or_bodies_has_no_index_of_them(
    make_edition: MakeEdition,
) -> None:
    root = make_edition({"letters/001.md": letter_source(1, "Dear Bob,\n")})
    assert main(["build", "--root", str(root)]) == 0
    site = root / "site"
    assert (site / "people" / "index.html").is_file()
    assert not (site / "places").exists() and not (site / "organizations").exists()
    assert not (site / "places-of-writing").exists()
    links = parse_page(site / "index.html").xpath("//a/@href")
    assert not [href for href in links if href.startswith(("places", "organizations"))]
