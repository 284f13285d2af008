"""Names linked with precision: `match:` anywhere, exact or tagged, per entry and per
edition; `[words]{-}` for words that are not a name; `check` names risky aliases
(issue 25, part 1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_PEOPLE, MakeEdition, letter_source, parse_page
from epistola.cli import main
from epistola.core.diagnostics import Report
from epistola.core.names.risks import is_common_word
from epistola.core.records import Entry, Location, SourceFile
from epistola.core.registers import AliasIndex, build_alias_index
from epistola.parse.letter import parse_letter

TEXT = (
    "Ich schrieb es ins Tagebuch, als Tagebuch-Notiz. Das [Tagebuch]{-} meiner Mutter"
    " liegt bei [der Redaktion]{org=tagebuch}.\n"
)


def _organizations(match: str = "") -> str:
    line = f"  match: {match}\n" if match else ""
    return f"tagebuch:\n  name: Das Tage-Buch\n  sort: Tagebuch, Das\n  aliases: [Tagebuch]\n{line}"


def _edition(make_edition: MakeEdition, *, entry: str = "", edition: str = "") -> Path:
    config = "title: Briefe\nlanguage: de\nbase_url: https://example.org/b/\n"
    return make_edition(
        {
            "edition.yaml": config + (f"match: {edition}\n" if edition else ""),
            "notes/organizations.yaml": _organizations(entry),
            "letters/001.md": letter_source(1, TEXT),
        }
    )


def _linked(root: Path) -> list[str]:
    page = parse_page(root / "site" / "letters" / "1.html")
    return [a.text_content() for a in page.xpath("//p[@id='p1']/a[@class='org']")]


def test_anywhere_links_every_alias_but_the_marked_one(make_edition: MakeEdition) -> None:
    root = _edition(make_edition)
    assert main(["build", "--root", str(root)]) == 0
    assert _linked(root) == ["Tagebuch", "Tagebuch", "der Redaktion"]
    paragraph = parse_page(root / "site" / "letters" / "1.html").xpath("//p[@id='p1']")[0]
    assert "Das Tagebuch meiner Mutter" in paragraph.text_content()
    tei = (root / "site" / "tei" / "1.xml").read_text(encoding="utf-8")
    assert "Das Tagebuch meiner Mutter" in tei


def test_exact_links_the_alias_only_where_it_stands_alone(make_edition: MakeEdition) -> None:
    root = _edition(make_edition, entry="exact")
    assert main(["build", "--root", str(root)]) == 0
    assert _linked(root) == ["Tagebuch", "der Redaktion"]


@pytest.mark.parametrize(("entry", "edition"), [("tagged", ""), ("", "tagged")])
def test_tagged_links_only_the_tags(make_edition: MakeEdition, entry: str, edition: str) -> None:
    root = _edition(make_edition, entry=entry, edition=edition)
    assert main(["build", "--root", str(root)]) == 0
    assert _linked(root) == ["der Redaktion"]
    page = parse_page(root / "site" / "organizations" / "tagebuch.html")
    assert [m.text for m in page.xpath("//ul[@class='mentions']//mark")] == ["der Redaktion"]


def test_an_entrys_own_way_wins_over_the_editions(make_edition: MakeEdition) -> None:
    root = _edition(make_edition, entry="anywhere", edition="tagged")
    assert main(["build", "--root", str(root)]) == 0
    assert _linked(root) == ["Tagebuch", "Tagebuch", "der Redaktion"]


def test_changing_the_way_of_matching_remakes_the_letters(make_edition: MakeEdition) -> None:
    root = _edition(make_edition)
    assert main(["build", "--root", str(root)]) == 0
    (root / "notes" / "organizations.yaml").write_text(_organizations("exact"), encoding="utf-8")
    assert main(["build", "--root", str(root)]) == 0
    assert _linked(root) == ["Tagebuch", "der Redaktion"]
    config = (root / "edition.yaml").read_text(encoding="utf-8")
    (root / "edition.yaml").write_text(config + "match: tagged\n", encoding="utf-8")
    (root / "notes" / "organizations.yaml").write_text(_organizations(), encoding="utf-8")
    assert main(["build", "--root", str(root)]) == 0
    assert _linked(root) == ["der Redaktion"]


def test_check_names_a_common_word_alias_with_its_count(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _edition(make_edition)
    assert main(["check", "--root", str(root)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "notes/organizations.yaml:4:13: warning: alias 'Tagebuch' of organization 'tagebuch'"
        " is a common word in 'de' and is linked 2 times; give the entry 'match: tagged', or"
        " mark the places where it is not the name as [Tagebuch]{-}"
        " [alias.common-word]",
        "checked 1 letter: 1 warning",
    ]
    assert main(["check", "--strict", "--root", str(root)]) == 1
    tagged = _edition(make_edition, entry="tagged")
    assert main(["check", "--strict", "--root", str(tagged)]) == 0


def test_check_names_an_alias_linked_far_more_often_than_tagged(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    people = MINIMAL_PEOPLE + "editor:\n  name: The Editor\n  aliases: [Correspondent]\n"
    body = "Dear Bob, the [editor]{person=editor} wrote.\n\n" + "The Correspondent came.\n" * 12
    root = make_edition({"notes/people.yaml": people, "letters/001.md": letter_source(1, body)})
    assert main(["check", "--root", str(root)]) == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        "notes/people.yaml:11:13: warning: alias 'Correspondent' of person 'editor' is linked"
        " 12 times, but the entry is tagged only once; give the entry 'match: tagged', or mark"
        " the places where it is not the name as [Correspondent]{-}"
        " [alias.matches-often]"
    )


def test_a_way_of_matching_that_does_not_exist_is_an_error(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _edition(make_edition, entry="sometimes", edition="never")
    assert main(["check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert (
        "edition.yaml:1:1: error: 'match' must be anywhere, exact or tagged, not 'never'"
        " [config.match]"
    ) in err
    assert (
        "notes/organizations.yaml:1:1: error: 'match' of 'tagebuch' must be anywhere, exact"
        " or tagged, not 'sometimes' [organizations.match]"
    ) in err


def test_common_words_follow_the_languages_capitals() -> None:
    assert is_common_word("Tagebuch", "de") and is_common_word("Freund", "de-AT")
    assert not is_common_word("Reichenau", "de")
    assert is_common_word("national government", "en")
    assert not is_common_word("Bath", "en")  # found with its capital, so not "a bath"
    assert not is_common_word("Tagebuch", "xx")  # no word list: nothing to say


def _index(match: str) -> AliasIndex:
    where = Location("notes/people.yaml", 1, 1)
    entry = Entry("t", "person", "T", "T", ("Tage", "Tage Buch"), "", {}, where, match=match)
    return build_alias_index({"person": {"t": entry}})


@settings(deadline=None)  # the first examples load the parser and tables
@given(st.text(alphabet="Tage Buch-'’x.", max_size=40))
def test_exact_finds_a_part_of_what_anywhere_finds(text: str) -> None:
    anywhere, exact, tagged = (_index(m) for m in ("anywhere", "exact", "tagged"))
    found = anywhere.finditer(text)
    assert set(exact.finditer(text)) <= set(found)
    assert tagged.finditer(text) == []


def test_the_format_docs_not_a_name_example_stays_plain(tmp_path: Path) -> None:
    from test_format_doc import fences

    root = tmp_path / "doc"
    for _, path, text in fences():
        if path:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    page = parse_page(root / "site" / "letters" / "1.html")
    (paragraph,) = page.xpath("//p[contains(., 'chair')]")
    assert "if the Bath chair can be got" in " ".join(paragraph.text_content().split())
    assert not paragraph.xpath(".//a[@class='place']")


_PIECES = st.sampled_from(["Tagebuch", "Tage", "[", "]", "{-}", "{org=tagebuch}", " ", "-", "\n"])


@settings(deadline=None)  # the first examples load the parser and tables
@given(st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=25).map("".join))
def test_no_alias_is_linked_inside_a_not_a_name_mark(text: str) -> None:
    """Whatever the text, parsing never raises, and a mention found by alias never lies
    inside the words of a `[words]{-}` mark."""
    where = Location("notes/organizations.yaml", 1, 1)
    entry = Entry("tagebuch", "org", "T", "T", ("Tagebuch",), "", {}, where)
    aliases = build_alias_index({"org": {"tagebuch": entry}})
    source = SourceFile("letters/001.md", letter_source(1, text + "\n"))
    letter = parse_letter(source, None, aliases=aliases, report=Report())
    marked = sum(1 for _ in re.finditer(r"\[Tagebuch\]\{-\}", text))
    found = sum(1 for m in letter.mentions if not m.explicit)
    assert found <= len(re.findall(r"(?<!\w)Tagebuch(?!\w)", text)) - marked
