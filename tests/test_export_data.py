"""site/data/*.json: the records as JSON, valid against the schema in the package (issue 7)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import REPO
from epistola.export.data import edition_schema

LETTERS = range(31, 39)
BASE = "https://epistola.example.org/stalin-molotov/"
SCHEMA_FILE = REPO / "src" / "epistola" / "export" / "edition.schema.json"


@pytest.fixture(scope="module")
def edition(sample_site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((sample_site / "data" / "edition.json").read_bytes())
    return data


@pytest.fixture(scope="module")
def records(sample_site: Path, edition: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Each letter's whole record, read from the file its entry in edition.json names."""
    found = {}
    for entry in edition["letters"]:
        assert entry["record"].startswith(BASE)
        path = sample_site / entry["record"].removeprefix(BASE)
        found[entry["number"]] = json.loads(path.read_bytes())
    return found


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_bytes())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_edition_json_validates_against_its_schema(
    edition: dict[str, Any], validator: jsonschema.Draft202012Validator
) -> None:
    assert [error.message for error in validator.iter_errors(edition)] == []


def test_the_site_publishes_the_schema_it_follows(sample_site: Path) -> None:
    published = (sample_site / "data" / "edition.schema.json").read_bytes()
    assert published == SCHEMA_FILE.read_bytes() == edition_schema()


def test_the_schema_rejects_what_it_should(
    edition: dict[str, Any], validator: jsonschema.Draft202012Validator
) -> None:
    letter = dict(edition["letters"][0])
    del letter["date"]
    repeated = {**edition["letters"][0], "notes": []}  # a whole record is not repeated here
    for broken in (letter, repeated):
        assert not validator.is_valid({**edition, "letters": [broken]})


@pytest.mark.parametrize("number", LETTERS)
def test_each_letter_file_is_its_record_in_the_edition(
    sample_site: Path,
    edition: dict[str, Any],
    validator: jsonschema.Draft202012Validator,
    number: int,
) -> None:
    record = json.loads((sample_site / "data" / "letters" / f"{number}.json").read_bytes())
    letter_schema = validator.evolve(
        schema={"$defs": validator.schema["$defs"], "$ref": "#/$defs/letter"}
    )
    assert [error.message for error in letter_schema.iter_errors(record)] == []
    entry = next(r for r in edition["letters"] if r["number"] == number)
    assert entry["record"] == f"{BASE}data/letters/{number}.json"
    for key in ("url", "tei", "date", "dated", "sender", "recipients", "place"):
        assert entry[key] == record[key]
    assert record["paragraphs"][0]["text"].startswith(entry["incipit"].removesuffix(" …"))


def test_edition_json_points_to_the_records_and_does_not_repeat_them(
    sample_site: Path, edition: dict[str, Any]
) -> None:
    whole = (sample_site / "data" / "edition.json").stat().st_size
    records = sum(p.stat().st_size for p in (sample_site / "data" / "letters").glob("*.json"))
    assert whole < records / 2
    assert all("html" not in entry and "notes" not in entry for entry in edition["letters"])


def test_letters_come_in_edition_order_with_dates(edition: dict[str, Any]) -> None:
    assert [letter["number"] for letter in edition["letters"]] == list(LETTERS)
    dates = {letter["number"]: letter["date"] for letter in edition["letters"]}
    assert dates[34] == {
        "edtf": "1927-07-01/1927-07-07",
        "earliest": "1927-07-01",
        "latest": "1927-07-07",
        "uncertain": True,
        "label": "Early July 1927",
    }
    assert dates[33]["earliest"] == dates[33]["latest"] == "1927-06-27"


def test_letter_33_has_its_notes_markers_and_people(records: dict[int, dict[str, Any]]) -> None:
    letter = records[33]
    source = (REPO / "notes" / "033.md").read_text(encoding="utf-8")
    assert [n["number"] for n in letter["notes"]] == [1, 2, 3, 4, 5]
    for note in letter["notes"]:
        first_words = re.search(rf"^{note['number']}\. (\S+ \S+)", source, flags=re.MULTILINE)
        assert first_words and note["text"].startswith(first_words[1])
        assert note["html"].startswith("<p>")
    assert [m["note"] for m in letter["markers"]] == [1, 2, 3, 4, 5]
    assert (letter["sender"], letter["recipients"]) == ("stalin", ["molotov", "bukharin"])
    chamberlain = {
        "kind": "person",
        "id": "chamberlain",
        "text": "Chamberlain",
        "anchor": "p2",
        "explicit": False,
    }
    assert chamberlain in letter["mentions"]
    assert f'href="{BASE}people/chamberlain.html"' in letter["html"], "links are absolute"
    assert letter["paragraphs"][-1] == {"anchor": "p10", "text": "27 June 1926", "dateline": True}


def test_references_carry_their_resolved_targets(records: dict[int, dict[str, Any]]) -> None:
    refs = {number: r["refs"] for number, r in records.items()}
    assert refs[32] == [
        {
            "text": "the next letter",
            "anchor": "note-3",
            "target": {"letter": 33, "note": None, "url": f"{BASE}letters/33.html"},
        }
    ]
    assert refs[33] == [{"text": "note 4 to letter 27", "anchor": "note-3", "target": None}]


def test_people_with_their_authority_records(edition: dict[str, Any]) -> None:
    people = {p["id"]: p for p in edition["people"]}
    assert [p["id"] for p in edition["people"]] == sorted(people)
    assert people["stalin"]["authority"] == {"wikidata": "Q855"}
    assert people["stalin"]["same_as"] == ["http://www.wikidata.org/entity/Q855"]
    assert people["voroshilov"]["aliases"] == ["Voroshilov", "Klim"]
    assert people["ilin"]["born"] is None
