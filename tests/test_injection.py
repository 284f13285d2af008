"""Sources cannot inject markup or script into the published pages (issue 6)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from conftest import REPO, THEME, MakeEdition, broken_links, letter_source, parse_page
from epistola.cli import main
from scripts import live_script

SCRIPT = "<script>alert('letter')</script>"
HANDLER = "<img src=x onerror=alert('handler')>"
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
}

LETTER = letter_source(
    1,
    f"""
    Dear Bob, {SCRIPT} and {HANDLER} are only words here.[^1] [The firm]{{org=firm}} agrees.

    <div onmouseover="alert('block')">a raw HTML block</div>

    Click [here](javascript:alert('link')), [there](JaVaScRiPt&#58;alert('entity')),
    [again](vbscript:msgbox), <javascript:alert('autolink')> or
    ![a picture](data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+).
    A [safe link](https://example.org/?a=1&b=<2>) stays.
    """,
    place="bath",
    dated='"<b onclick=alert(1)>23 June</b>"',
)
NOTES = f"""\
1. A note with {SCRIPT}, {HANDLER} and [a link](javascript:alert('note')).
"""
PEOPLE = f"""\
alice:
  name: "Alice {SCRIPT}"
  sort: "Adams, Alice <i onmouseover=alert(1)>"
  aliases: [Alice]
  about: "{HANDLER} wrote the letters."
bob:
  name: Bob Brown
  aliases: [Bob]
  about: '<a href="javascript:alert(1)">Bob</a>'
"""
PLACES = f"""\
bath:
  name: "<script>alert('place')</script>"
  aliases: ["Bath <b>"]
  about: "{HANDLER}"
"""
ORGANIZATIONS = f"""\
firm:
  name: "The firm {SCRIPT}"
  about: "{HANDLER}"
"""
CONFIG = f"""\
title: "Edition {SCRIPT}"
subtitle: "{HANDLER}"
editors: ["<svg onload=alert(1)>"]
source: "<iframe src=javascript:alert(1)></iframe>"
licence: CC BY
licence_url: "javascript:alert('licence')"
version: 1
"""


@pytest.fixture
def planted(make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]) -> Path:
    root = make_edition(
        {
            "letters/001.md": LETTER,
            "notes/001.md": NOTES,
            "notes/people.yaml": PEOPLE,
            "notes/places.yaml": PLACES,
            "notes/organizations.yaml": ORGANIZATIONS,
            "edition.yaml": CONFIG,
        }
    )
    assert main(["build", "--root", str(root)]) == 0
    return root


def test_no_planted_script_is_live_in_any_page(planted: Path) -> None:
    pages = sorted((planted / "site").rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        assert live_script(page) == [], page


def test_planted_markup_is_shown_as_text(planted: Path) -> None:
    letter = parse_page(planted / "site" / "letters" / "1.html")
    text = letter.xpath("string(//div[@class='letter-text'])")
    assert SCRIPT in text and HANDLER in text
    assert "<div onmouseover=\"alert('block')\">a raw HTML block</div>" in text
    assert SCRIPT in letter.xpath("string(//li[@id='note-1'])")
    assert "<script>alert('place')</script>" in letter.xpath("string(//dl)")
    place = parse_page(planted / "site" / "places" / "bath.html")
    assert place.xpath("string(//h1)") == "<script>alert('place')</script>"
    firm = parse_page(planted / "site" / "organizations" / "firm.html")
    assert firm.xpath("string(//p[@class='about'])") == HANDLER
    person = parse_page(planted / "site" / "people" / "alice.html")
    assert person.xpath("string(//h1)").startswith(f"Alice {SCRIPT}")
    assert person.xpath("string(//p[@class='about'])") == f"{HANDLER} wrote the letters."
    index = parse_page(planted / "site" / "index.html")
    assert index.xpath("string(//h1)") == f"Edition {SCRIPT}"
    planted_values = "//dd[not(a[@href='cmif.xml'])]/*"  # the Data row links are our own
    assert index.xpath(f"//iframe | //svg | {planted_values}") == []


def test_unsafe_links_lose_their_link_and_keep_their_text(planted: Path) -> None:
    letter = parse_page(planted / "site" / "letters" / "1.html")
    body = letter.xpath("//div[@class='letter-text']")[0]
    assert body.xpath(".//a[not(@class) and not(@role)]/@href") == [
        "https://example.org/?a=1&b=%3C2%3E"
    ]
    text = body.xpath("string(.)")
    assert "Click here, there" in text and "again" in text
    assert body.xpath(".//img") == []
    assert letter.xpath("//a[@rel='license']") == []
    assert broken_links(planted / "site") == []


def test_unsafe_links_are_reported_where_they_stand(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_edition(
        {
            "letters/001.md": LETTER,
            "notes/001.md": NOTES,
            "notes/people.yaml": PEOPLE,
            "notes/places.yaml": PLACES,
            "notes/organizations.yaml": ORGANIZATIONS,
            "edition.yaml": CONFIG,
        }
    )
    assert main(["check", "--strict", "--root", str(root)]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if "[link.unsafe]" in line]
    where = [line.split(": warning: ")[0] for line in lines]
    assert where == [
        "edition.yaml:1:1",
        "letters/001.md:13:7",
        "letters/001.md:13:41",
        "letters/001.md:14:1",
        "letters/001.md:14:27",
        "letters/001.md:15:1",
        "notes/001.md:1:91",
    ]
    assert "link to a 'javascript:' URL refused" in lines[1]
    assert "image to a 'data:' URL refused" in lines[5]


def test_every_page_carries_the_content_security_policy(sample_site: Path) -> None:
    for page_path in sorted(sample_site.rglob("*.html")):
        page = parse_page(page_path)
        metas = page.xpath("//head/meta[@http-equiv='Content-Security-Policy']/@content")
        assert len(metas) == 1, page_path
        policy = dict(d.strip().split(" ", 1) for d in metas[0].split(";") if d.strip())
        assert {k: policy.get(k) for k in CSP} == CSP, page_path
        assert "'unsafe-inline'" not in metas[0] and "*" not in metas[0]
        assert page.xpath("//@style | //style | //script[not(@src)]") == [], page_path


@pytest.mark.parametrize(
    "template", sorted([*THEME.glob("*.html"), *(REPO / "templates").glob("*.html")]), ids=str
)
def test_templates_have_no_inline_style_or_script(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(re.sub(r"{[%#].*?[%#]}", "", text) or "<p></p>")
    assert tree.xpath("//@style | //style | //script[not(@src)]") == []
    assert tree.xpath("//@*[starts-with(name(), 'on')]") == []
    assert "| safe" not in text and "|safe" not in text, "our HTML goes through Markup only"
