"""Property tests: for any letter, the TEI is valid and says what the page says (issue 7)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import MINIMAL_PEOPLE, letter_source, schema_file
from epistola.core.config import load_config
from epistola.core.diagnostics import Report
from epistola.core.records import SourceFile
from epistola.core.registers import PEOPLE, build_alias_index, load_register
from epistola.export.tei import entry_refs, letter_tei
from epistola.link import link_edition
from epistola.parse.heads import head_of
from epistola.parse.letter import parse_letter
from epistola.render.pages import fill_refs

NS = {"t": "http://www.tei-c.org/ns/1.0"}
DATELINE = "Sochi, 3 July"

WORDS = st.sampled_from(
    [
        *("Dear Bob,", "Alice", "[with us]", "*Trud*", "**note**", "`x`", "see letter 1", "—"),
        *("&", "<", "[the chief]{person=bob}", "[a link](https://example.org/?a=1&b=2)"),
        *("![a picture](pic.png)", "[*Bob* [Brown]]", "line  \nbreak"),
    ]
)
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
BLOCK = st.one_of(
    PARAGRAPH,
    st.just(DATELINE),
    PARAGRAPH.map(lambda p: f"- {p}\n- {p}"),
    PARAGRAPH.map(lambda p: f"> {p}"),
    PARAGRAPH.map(lambda p: f"## {p}"),
    st.just("---"),
    PARAGRAPH.map(lambda p: f"{p}[^1]"),
    PARAGRAPH.map(lambda p: f"    {p}"),
    PARAGRAPH.map(lambda p: f"1. {p}\n\n   {p}\n2. {p}"),
    PARAGRAPH.map(lambda p: f"> - {p}\n>\n> {DATELINE}"),
)
BODY = st.lists(BLOCK, min_size=1, max_size=8).map("\n\n".join)


@pytest.fixture(scope="module")
def edition_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("props")
    (root / "edition.yaml").write_text("title: T\nbase_url: https://example.org/t/\n")
    return root


def text_of(pieces: list[str]) -> str:
    """The words, without the brackets the page shows around insertions."""
    return " ".join(re.sub(r"[\[\]]", "", "".join(pieces)).split())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=BODY)
def test_any_letter_gives_valid_tei_with_the_same_text(
    body: str, edition_root: Path, tei_all: etree.RelaxNG
) -> None:
    report = Report()
    config = load_config(edition_root, report=report)
    people = {
        "person": load_register(PEOPLE, SourceFile("notes/people.yaml", MINIMAL_PEOPLE), report)
    }
    source = SourceFile("letters/001.md", letter_source(1, body, dated=f'"{DATELINE}"'))
    notes = SourceFile("notes/001.md", "1. A note.\n")
    letter = parse_letter(source, notes, aliases=build_alias_index(people), report=report)
    edition = link_edition([head_of(letter, key="")], people, report)
    doc = etree.fromstring(letter_tei(letter, edition, config, entry_refs(edition, config)))
    assert tei_all.validate(doc.getroottree()), [e.message for e in tei_all.error_log]
    page = lxml.html.fragment_fromstring(fill_refs(letter.body_html, 1, edition), "div")
    tei_text = doc.xpath("//t:body//text()[not(ancestor::t:desc)]", namespaces=NS)
    assert text_of(tei_text) == text_of(page.xpath("//text()")), "the image's alt is in desc"


def test_a_missing_schema_fails_even_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.fail.Exception, match="no-such-schema.rng is missing"):
        schema_file("no-such-schema.rng")
