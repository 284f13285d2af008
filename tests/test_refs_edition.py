"""Cross-references in a small edition: links, backlinks, refs outside it, and messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MakeEdition, letter_source, parse_page
from epistola.cli import main

NOTES_27 = "".join(f"{n}. Comment number {n}.\n\n" for n in range(1, 6))
MARKERS = "Text.[^1] More.[^2] And more.[^3] Still more.[^4] The end.[^5]\n"


def edition_files(notes_33: str, body_31: str = "Dear Bob, as in letter 27.\n") -> dict[str, str]:
    numbers = range(1, notes_33.count("\n\n") + 2)
    return {
        "letters/027.md": letter_source(27, MARKERS),
        "notes/027.md": NOTES_27,
        "letters/031.md": letter_source(31, body_31),
        "letters/033.md": letter_source(33, "".join(f"Point.[^{n}] " for n in numbers) + "\n"),
        "notes/033.md": notes_33,
    }


NOTES_33 = """\
1. For Feng Yü-hsiang, see note 4 to letter 27.

2. Compare letters 27–31, and n. 2 to letter 27.

3. As in note 1 above; see the previous letter.
"""


@pytest.fixture
def site(make_edition: MakeEdition) -> Path:
    root = make_edition(edition_files(NOTES_33))
    assert main(["build", "--root", str(root)]) == 0
    return root / "site"


def links_in(page: Path, xpath: str) -> list[tuple[str, str]]:
    return [(a.text_content(), a.get("href")) for a in parse_page(page).xpath(xpath)]


def test_see_note_4_to_letter_27_links_to_the_note(site: Path) -> None:
    links = links_in(site / "letters" / "33.html", "//li[@id='note-1']//a[@class='ref']")
    assert links == [("note 4 to letter 27", "27.html#note-4")]


def test_a_range_links_each_member_that_exists(site: Path) -> None:
    page = parse_page(site / "letters" / "33.html")
    note = page.xpath("//li[@id='note-2']")[0]
    assert [(a.text_content(), a.get("href")) for a in note.xpath(".//a[@class='ref']")] == [
        ("letters 27", "27.html"),
        ("31", "31.html"),
        ("n. 2 to letter 27", "27.html#note-2"),
    ]
    outside = note.xpath(".//span[@class='ref-members']/span[contains(@class, 'ref-outside')]")
    assert [span.text for span in outside] == [str(n) for n in range(28, 31)]


def test_relative_forms_link_within_the_page_and_to_the_neighbour(site: Path) -> None:
    links = links_in(site / "letters" / "33.html", "//li[@id='note-3']//a[@class='ref']")
    assert links == [("note 1 above", "#note-1"), ("the previous letter", "31.html")]


def test_a_ref_in_the_letter_text_links_from_its_paragraph(site: Path) -> None:
    links = links_in(site / "letters" / "31.html", "//p[@id='p1']/a[@class='ref']")
    assert links == [("letter 27", "27.html")]


def test_each_note_and_letter_shows_where_it_is_referred_to(site: Path) -> None:
    page = site / "letters" / "27.html"
    assert links_in(page, "//li[@id='note-4']/p[@class='cited-by']/a") == [
        ("note 1 to letter 33", "33.html#note-1")
    ]
    assert links_in(page, "//li[@id='note-2']/p[@class='cited-by']/a") == [
        ("note 2 to letter 33", "33.html#note-2")
    ]
    assert links_in(page, "//article/p[@class='cited-by']/a") == [
        ("paragraph 1 of letter 31", "31.html#p1"),
        ("note 2 to letter 33", "33.html#note-2"),
    ]
    text = parse_page(page).xpath("string(//li[@id='note-4']/p[@class='cited-by'])")
    assert text == "Referred to in note 1 to letter 33."
    same_page = site / "letters" / "33.html"
    assert links_in(same_page, "//li[@id='note-1']/p[@class='cited-by']/a") == [
        ("note 3 to letter 33", "33.html#note-3")
    ]


def test_a_ref_outside_the_edition_is_marked_text_and_a_warning(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_edition(edition_files("1. See note 4 to letter 12, and letters 30–31.\n"))
    assert main(["build", "--root", str(root)]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[:2] == [
        "notes/033.md:1:8: warning: 'note 4 to letter 12': letter 12 is not in this edition"
        " [ref.unknown-letter]",
        "notes/033.md:1:33: warning: 'letters 30–31': letter 30 is not in this edition"
        " [ref.unknown-letter]",
    ]
    assert lines[2].endswith(": 2 warnings")
    page = parse_page(root / "site" / "letters" / "33.html")
    span = page.xpath("//li[@id='note-1']//span[contains(@class, 'ref-outside')]")[0]
    assert span.text == "note 4 to letter 12"
    assert span.get("title") == "not in this edition"
    assert span.xpath("string(span[@class='visually-hidden'])") == " (not in this edition)"
    assert not page.xpath("//li[@id='note-1']//a[contains(@href, '12.html')]")


def test_strict_fails_on_a_ref_outside_the_edition(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_edition(edition_files("1. See note 4 to letter 12.\n"))
    assert main(["build", "--strict", "--root", str(root)]) == 1
    assert not (root / "site").exists()
    assert main(["check", "--strict", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "letter 12 is not in this edition [ref.unknown-letter]" in err


def test_a_missing_note_of_a_letter_in_the_edition_is_an_error(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_edition(edition_files("1. See notes 5–7 to letter 27.\n"))
    assert main(["build", "--root", str(root)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line for line in lines if "error:" in line] == [
        "notes/033.md:1:8: error: 'notes 5–7 to letter 27': letter 27 has no note 6"
        " [ref.unknown-note]",
        "notes/033.md:1:16: error: 'notes 5–7 to letter 27': letter 27 has no note 7"
        " [ref.unknown-note]",
    ]
    assert not (root / "site").exists()
