"""site/cmif.xml: the edition's letters in correspSearch's CMIF 1.1 (issue 7).

lxml cannot run `cmif.sch` (it needs XSLT 2.0), so its rules are written out here as
`cmif_rule_violations`, and tested against broken copies to show that they bite.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from lxml import etree

from conftest import MakeEdition, letter_source
from epistola.cli import main

NS = {"t": "http://www.tei-c.org/ns/1.0"}
BASE = "https://epistola.example.org/stalin-molotov/"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CMIF_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
"""The only date forms CMIF accepts: YYYY, YYYY-MM, YYYY-MM-DD."""


def cmif_rule_violations(doc: etree._ElementTree) -> list[str]:
    """The rules of cmif.sch (E0001-E0004 errors, W0001 warning), as messages."""
    found = []
    bibl_ids = set(doc.xpath("//t:bibl/@xml:id", namespaces=NS))
    for bibl_id in sorted(bibl_ids):
        if not UUID.search(bibl_id):
            found.append(f"W0001 bibl/@xml:id {bibl_id} is not a UUID")
    for corresp in doc.xpath("//t:correspDesc", namespaces=NS):
        key = corresp.get("key")
        for kind, code in (("sent", "E0001"), ("received", "E0002")):
            if not corresp.xpath(f"t:correspAction[@type='{kind}']", namespaces=NS):
                found.append(f"{code} correspDesc {key} has no correspAction type={kind}")
        source = corresp.get("source")
        if source is not None and source.partition("#")[2] not in bibl_ids:
            found.append(f"E0003 correspDesc {key} source {source} names no bibl")
    for date in doc.xpath("//t:date", namespaces=NS):
        if not {"when", "from", "to", "notBefore", "notAfter"} & set(date.attrib):
            found.append(f"E0004 date on line {date.sourceline} has no dating attribute")
    return found


@pytest.fixture(scope="module")
def cmif(sample_site: Path) -> etree._ElementTree:
    return etree.parse(str(sample_site / "cmif.xml"))


def test_cmif_validates_against_the_cmif_schema(
    cmif: etree._ElementTree, cmif_schema: etree.RelaxNG
) -> None:
    cmif_schema.validate(cmif)
    assert [f"line {e.line}: {e.message}" for e in cmif_schema.error_log] == []


def test_cmif_keeps_the_schematron_rules(cmif: etree._ElementTree) -> None:
    assert cmif_rule_violations(cmif) == []


@pytest.mark.parametrize(
    ("remove", "expected"),
    [
        ("(//t:correspAction[@type='sent'])[1]", "E0001 correspDesc 31 has no correspAction"),
        ("(//t:correspAction[@type='received'])[2]", "E0002 correspDesc 32 has no"),
        ("//t:bibl/@xml:id", "E0003 correspDesc 31 source #bibl-"),
        ("(//t:correspDesc//t:date/@when)[1]", "E0004 date on line"),
    ],
)
def test_the_rules_catch_what_they_forbid(
    cmif: etree._ElementTree, remove: str, expected: str
) -> None:
    broken = copy.deepcopy(cmif)
    for found in broken.xpath(remove, namespaces=NS):
        if isinstance(found, str):
            found.getparent().attrib.pop(found.attrname)
        else:
            found.getparent().remove(found)
    assert any(v.startswith(expected) for v in cmif_rule_violations(broken))


def test_header_has_what_cmif_requires(cmif: etree._ElementTree) -> None:
    def text(path: str) -> str:
        return str(cmif.xpath(f"string({path})", namespaces=NS))

    assert text("//t:titleStmt/t:title") == "Stalin’s Letters to Molotov, June–July 1927"
    assert cmif.xpath("//t:titleStmt/t:editor/text()", namespaces=NS) == [
        "Lars T. Lih",
        "Oleg V. Naumov",
        "Oleg V. Khlevniuk",
    ]
    assert text("//t:publicationStmt/t:publisher") == "epistola sample edition"
    assert text("//t:publicationStmt/t:idno[@type='url']") == f"{BASE}cmif.xml"
    assert text("//t:publicationStmt/t:date/@when") == "2026-11-28"
    licence = cmif.xpath("//t:availability/t:licence", namespaces=NS)[0]
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    bibl = cmif.xpath("//t:sourceDesc/t:bibl", namespaces=NS)
    assert len(bibl) == 1 and bibl[0].get("type") == "online"
    assert bibl[0].xpath("t:ref/@target", namespaces=NS) == [BASE]


def test_one_corresp_desc_per_letter_linking_to_its_page(cmif: etree._ElementTree) -> None:
    bibl_id = cmif.xpath("string(//t:bibl/@xml:id)", namespaces=NS)
    descs = cmif.xpath("//t:correspDesc", namespaces=NS)
    assert [(d.get("ref"), d.get("source")) for d in descs] == [
        (f"{BASE}letters/{n}.html", f"#{bibl_id}") for n in range(31, 39)
    ]


def test_dates_and_names_take_only_the_forms_cmif_allows(cmif: etree._ElementTree) -> None:
    for date in cmif.xpath("//t:correspDesc//t:date", namespaces=NS):
        for name, value in date.attrib.items():
            assert name == "cert" and value == "low" or CMIF_DATE.fullmatch(value), value
    for name in cmif.xpath("//t:persName[@ref]", namespaces=NS):
        assert not name.get("ref").startswith(BASE), "CMIF wants authority records only"
    assert cmif.xpath("//t:persName[.='Joseph Stalin']/@ref", namespaces=NS)[0] == (
        "http://www.wikidata.org/entity/Q855"
    )


def test_early_july_1927_gets_not_before_and_not_after(cmif: etree._ElementTree) -> None:
    date = cmif.xpath("//t:correspDesc[@key='34']//t:date", namespaces=NS)
    assert [dict(d.attrib) for d in date] == [{"notBefore": "1927-07-01", "notAfter": "1927-07-07"}]
    exact = cmif.xpath("//t:correspDesc[@key='33']//t:date", namespaces=NS)
    assert [dict(d.attrib) for d in exact] == [{"when": "1927-06-27"}]


def test_one_authority_uri_per_person_and_month_dates(
    make_edition: MakeEdition, cmif_schema: etree.RelaxNG
) -> None:
    register = (
        "alice:\n  name: Alice Adams\n  viaf: '12345'\n  gnd: '118540238'\nbob:\n  name: Bob\n"
    )
    root = make_edition(
        {
            "notes/people.yaml": register,
            "notes/places.yaml": "sochi:\n  name: Sochi\n  geonames: '491422'\n  wikidata: Q5314\n",
            "letters/001.md": letter_source(1, "Hi.\n", date="1927-07", place="sochi"),
            "letters/002.md": letter_source(2, "Hi.\n", date="1927~", **{"from": "bob"}),
        }
    )
    assert main(["build", "--root", str(root)]) == 0
    doc = etree.parse(str(root / "site" / "cmif.xml"))
    assert cmif_schema.validate(doc), cmif_schema.error_log
    assert cmif_rule_violations(doc) == []
    first, second = (
        doc.xpath(f"//t:correspDesc[@key='{n}']/t:correspAction[@type='sent']", namespaces=NS)[0]
        for n in (1, 2)
    )
    assert first.xpath("t:persName/@ref", namespaces=NS) == ["http://viaf.org/viaf/12345"]
    assert first.xpath("string(t:placeName)", namespaces=NS) == "Sochi"
    assert first.xpath("t:placeName/@ref", namespaces=NS) == ["http://www.geonames.org/491422"]
    assert dict(first.xpath("t:date", namespaces=NS)[0].attrib) == {"when": "1927-07"}
    assert dict(second.xpath("t:date", namespaces=NS)[0].attrib) == {
        "notBefore": "1927-01-01",
        "notAfter": "1927-12-31",
        "cert": "low",
    }
