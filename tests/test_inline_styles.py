"""Inline styles as bracketed spans, `[words]{.sc}`, in HTML and TEI, and italics that
end in punctuation before a letter (issue 25, part 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from conftest import MakeEdition, letter_source, parse_page
from epistola.cli import main
from epistola.core.diagnostics import Report
from epistola.core.records import SourceFile
from epistola.core.registers import build_alias_index
from epistola.parse.letter import parse_letter, parser
from epistola.parse.markdown_styles import STYLES

NS = {"t": "http://www.tei-c.org/ns/1.0"}
HTML_OF = {
    "i": ("em", None),
    "b": ("strong", None),
    "sup": ("sup", None),
    "sc": ("span", "sc"),
    "spaced": ("span", "spaced"),
    "latin": ("span", "latin"),
}


def test_the_table_here_covers_every_style() -> None:
    assert set(HTML_OF) == set(STYLES)


def test_every_style_in_html_and_tei(shapes_site: Path, tei_all: etree.RelaxNG) -> None:
    page = parse_page(shapes_site / "letters" / "1.html")
    paragraph = page.xpath("//p[@id='p3']")[0]
    styled = set(HTML_OF.values())
    shown = {
        (element.tag, element.get("class")): element.xpath("string(.)")
        for element in paragraph.iter()
        if (element.tag, element.get("class")) in styled
    }
    assert shown == {
        ("em", None): "Republik!",
        ("sup", None): "2",
        ("span", "sc"): "Herr Roth",
        ("span", "spaced"): "gesperrt",
        ("span", "latin"): "Antiqua",
        ("strong", None): "fett",
    }
    # A name inside a span is still found and linked.
    assert paragraph.xpath("span[@class='sc']/a[@class='person']/text()") == ["Roth"]
    doc = etree.parse(str(shapes_site / "tei" / "1.xml"))
    assert tei_all.validate(doc), [e.message for e in tei_all.error_log]
    his = doc.xpath("//t:p[@xml:id='p3']//t:hi", namespaces=NS)
    assert [(hi.get("rend"), hi.xpath("string(.)")) for hi in his] == [
        ("italic", "Republik!"),
        ("superscript", "2"),
        ("small-caps", "Herr Roth"),
        ("spaced", "gesperrt"),
        ("antiqua", "Antiqua"),
        ("bold", "fett"),
    ]


def test_italics_that_markdown_cannot_close_are_closed_by_a_span(shapes_site: Path) -> None:
    page = parse_page(shapes_site / "letters" / "1.html")
    paragraph = page.xpath("//p[@id='p3']")[0]
    assert paragraph.text == "Es lebe die "
    assert paragraph.xpath("em")[0].tail.startswith("12. Der ")
    assert "*" not in paragraph.xpath("string(.)")
    # The same words with asterisks keep them: Markdown cannot close the emphasis.
    tokens = parser().parse("Es lebe die *Republik!*12.")
    assert parser().renderer.render(tokens, parser().options, {}) == (
        "<p>Es lebe die *Republik!*12.</p>\n"
    )


def test_several_styles_nest_and_make_one_hi(make_edition: MakeEdition) -> None:
    body = "Dear Bob,\n\n[Goethe]{.sc .spaced} wrote.\n"
    root = make_edition({"letters/001.md": letter_source(1, body)})
    assert main(["build", "--quiet", "--strict", "--root", str(root)]) == 0
    page = parse_page(root / "site" / "letters" / "1.html")
    assert page.xpath("//p[@id='p2']/span[@class='sc']/span[@class='spaced']/text()") == ["Goethe"]
    doc = etree.parse(str(root / "site" / "tei" / "1.xml"))
    hi = doc.xpath("//t:p[@xml:id='p2']/t:hi", namespaces=NS)[0]
    assert (hi.get("rend"), hi.text) == ("small-caps spaced", "Goethe")


def test_an_unknown_style_is_a_warning_at_its_place(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "Dear Bob,\n\nthe [word]{.i .bold} here.\n"
    root = make_edition({"letters/001.md": letter_source(1, body)})
    assert main(["check", "--root", str(root)]) == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        "letters/001.md:9:11: warning: unknown style '.bold'; a span may name .i, .b, .sup,"
        " .sc, .spaced, .latin [style.unknown]"
    )


WORDS = st.text(alphabet="abcXYZ !?.,;:'-", min_size=1, max_size=20).filter(str.strip)


@given(words=WORDS, style=st.sampled_from(sorted(STYLES)))
def test_a_span_holds_its_words_whatever_punctuation_they_end_in(words: str, style: str) -> None:
    source = SourceFile("letters/001.md", f"---\nnumber: 1\n---\nx[{words}]{{.{style}}}1.\n")
    letter = parse_letter(source, None, aliases=build_alias_index({}), report=Report())
    html = etree.fromstring(f"<div>{letter.body_html}</div>")
    tag, css = HTML_OF[style]
    (element,) = html.xpath(f"//{tag}" + (f"[@class='{css}']" if css else ""))
    assert element.xpath("string(.)") == words
    assert html.xpath("string(.)").strip() == f"x{element.xpath('string(.)')}1."
    tei = etree.fromstring(f'<body xmlns="{NS["t"]}">{letter.body_tei}</body>')
    assert tei.xpath("//t:hi/@rend", namespaces=NS) == [STYLES[style].rend]


@given(st.text(alphabet="[]{}.ab ^*:-\n", max_size=40))
def test_any_brackets_and_braces_parse_without_error(text: str) -> None:
    source = SourceFile("letters/001.md", f"---\nnumber: 1\n---\n{text}\n")
    parse_letter(source, None, aliases=build_alias_index({}), report=Report())
