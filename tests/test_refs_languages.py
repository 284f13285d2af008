"""Cross-references read by the grammar of the edition's language, and lists that need the
plural or a conjunction (issue 25, part 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MakeEdition, letter_source, parse_page
from epistola.cli import main
from epistola.parse.refs import find_refs
from test_format_doc import note_with_forms, section
from test_refs import Case, read_cases, target

CASES = {
    language: read_cases(Path(__file__).parent / "cases" / f"refs-{language}.txt")
    for language in ("de", "fr")
}


def describe(text: str, language: str) -> str:
    found = find_refs(text, language)
    return "\n".join(f"[{text[m.start : m.end]}] -> {target(m)}" for m in found) or "(none)"


@pytest.mark.parametrize(
    ("language", "case"),
    [(language, case) for language, cases in CASES.items() for case in cases],
    ids=[f"{language} line {case.line}" for language, cases in CASES.items() for case in cases],
)
def test_find_refs_in_the_editions_language(language: str, case: Case) -> None:
    assert describe(case.text, language) == case.expected, f"refs-{language}.txt:{case.line}"


def test_a_regional_language_tag_uses_its_languages_grammar() -> None:
    assert [m.letter for m in find_refs("Brief 27", "de-AT")] == [27]
    assert [m.letter for m in find_refs("letter 27", "la")] == [27]  # English for the rest


def test_a_singular_letter_before_a_list_links_its_first_number_with_a_doubt() -> None:
    (found,) = find_refs("letter 12, 13 and 14")
    assert (found.letter, found.phrase) == (12, "letter 12")
    assert "'letter 12, 13 and 14' reads as a list after the singular 'letter'" in found.doubt
    assert [m.doubt for m in find_refs("letter 12, 6. 12. 1899")] == [""]


MARKERS = "".join(f"Punkt.[^{n}] " for n in range(1, 5)) + "\n"
NOTES = "".join(f"{n}. Bemerkung {n}.\n\n" for n in range(1, 5))


def _german(make_edition: MakeEdition, notes_33: str) -> Path:
    files = {
        "edition.yaml": "title: Briefe\nlanguage: de\nbase_url: https://example.org/b/\n",
        "letters/033.md": letter_source(33, "Lieber Bob,[^1] wie in Brief 27.\n"),
        "notes/033.md": notes_33,
    }
    for number in (12, 27, 28):
        files[f"letters/{number:03d}.md"] = letter_source(number, MARKERS)
        files[f"notes/{number:03d}.md"] = NOTES
    return make_edition(files)


def _ref_links(root: Path) -> list[tuple[str, str | None]]:
    page = parse_page(root / "site" / "letters" / "33.html")
    return [(a.text_content(), a.get("href")) for a in page.xpath("//a[contains(@class,'ref')]")]


def test_a_german_edition_links_german_references(make_edition: MakeEdition) -> None:
    root = _german(make_edition, "1. Siehe Anm. 4 zu Brief 27 und die Briefe 12 und 28.\n")
    assert main(["build", "--root", str(root)]) == 0
    assert _ref_links(root) == [
        ("Brief 27", "27.html"),
        ("Anm. 4 zu Brief 27", "27.html#note-4"),
        ("Briefe 12", "12.html"),
        ("28", "28.html"),
    ]


def test_a_date_after_a_singular_letter_is_not_a_letter(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _german(make_edition, "1. Siehe Brief 12, 6. 12. 1899, und Brief 27, 28.\n")
    assert main(["build", "--root", str(root)]) == 0
    page = parse_page(root / "site" / "letters" / "33.html")
    note = page.xpath("//li[@id='note-1']//a[contains(@class,'ref')]")
    assert [(a.text_content(), a.get("href")) for a in note] == [
        ("Brief 12", "12.html"),
        ("Brief 27", "27.html"),
    ]
    err = capsys.readouterr().err
    assert (
        "notes/033.md:1:37: warning: 'Brief 27, 28' reads as a list after the singular"
        " 'Brief': only 27 is linked; write the plural for a list, or 'und' between its"
        " numbers [ref.ambiguous]"
    ) in err.splitlines()
    assert (
        "letter 6" not in err
        and "6.html" not in (root / "site" / "letters" / "33.html").read_text()
    )


def test_a_french_edition_links_french_references(make_edition: MakeEdition) -> None:
    files = {
        "edition.yaml": "title: Lettres\nlanguage: fr\nbase_url: https://example.org/l/\n",
        "letters/033.md": letter_source(33, "Cher Bob,[^1] voir la lettre suivante.\n"),
        "notes/033.md": "1. Voir la note 2 de la lettre 27, et les lettres 27 et 34.\n",
        "letters/034.md": letter_source(34, "Rien.\n"),
        "letters/027.md": letter_source(27, MARKERS),
        "notes/027.md": NOTES,
    }
    root = make_edition(files)
    assert main(["build", "--root", str(root)]) == 0
    assert _ref_links(root) == [
        ("la lettre suivante", "34.html"),
        ("note 2 de la lettre 27", "27.html#note-2"),
        ("lettres 27", "27.html"),
        ("34", "34.html"),
    ]


WORDS = st.sampled_from(
    ["Brief", "Briefe", "Briefen", "Nr.", "Anm.", "Anmerkungen", "zu", "im", "und", "bis",
     "oben", "vgl.", "s.", "der", "nächste", "folgenden", "lettre", "lettres", "n°", "note",
     "notes", "de la", "à", "et", "ci-dessus", "voir", "la", "suivante", "letter", "and",
     "Dezember", "juin", ",", ".", "–", "6.", "12.", "1899", "27", "3", "\n"]
)  # fmt: skip


@settings(deadline=None)  # the first examples load the parser and tables
@given(st.lists(st.one_of(WORDS, st.text(max_size=3)), max_size=30).map(" ".join),
       st.sampled_from(["en", "de", "fr"]))  # fmt: skip
def test_find_refs_in_any_language_keeps_its_spans_inside_the_text(
    text: str, language: str
) -> None:
    previous = 0
    for match in find_refs(text, language):
        assert 0 <= match.start <= match.end <= len(text)
        assert match.start >= previous or match.start == match.end
        previous = match.start
        assert match.phrase and " ".join(match.phrase.split()) == match.phrase
        assert bool(match.relation) == (match.letter is None and match.note is None)
        if match.doubt:
            assert match.letter is not None and match.note is None


def _doc_forms(column: int) -> list[str]:
    """The forms of one column of the table of German and French references in the doc."""
    rows = [line for line in section("In German and French").splitlines() if line.startswith("| `")]
    forms = [form for row in rows for form in row.split("|")[column].split("`")[1::2]]
    return [form for form in forms if not form.startswith("language:")]


@pytest.mark.parametrize(("language", "column"), [("de", 1), ("fr", 2)])
def test_every_form_of_the_docs_table_links(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str], language: str, column: int
) -> None:
    forms = _doc_forms(column)
    assert len(forms) >= 10
    config = f"title: T\nlanguage: {language}\nbase_url: https://example.org/t/\n"
    config += "suppress: [alias.common-word]\n"  # "Bob" is frequent in German subtitles
    note = note_with_forms(make_edition, capsys, forms, config)
    linked = [" ".join(a.text_content().split()) for a in note.xpath(".//a[@class='ref']")]
    for form in forms:
        assert any(len(words) > 2 and words in form for words in linked), form


def test_changing_the_language_reads_the_references_again(make_edition: MakeEdition) -> None:
    root = _german(make_edition, "1. Siehe Brief 27 und letter 28.\n")
    assert main(["build", "--root", str(root)]) == 0
    assert _ref_links(root) == [("Brief 27", "27.html"), ("Brief 27", "27.html")]
    config = (root / "edition.yaml").read_text(encoding="utf-8")
    (root / "edition.yaml").write_text(config.replace("de", "en"), encoding="utf-8")
    assert main(["build", "--root", str(root)]) == 0
    assert _ref_links(root) == [("letter 28", "28.html")]
