"""`epistola import-tei`: TEI P5 letters and registers become a new edition (issue 22)."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import REPO, assert_golden, benchmark_generator, broken_links, copy_sample, parse_page
from epistola.cli import main
from epistola.core.diagnostics import Report
from epistola.core.registers import AliasIndex
from epistola.importer.tei.header import read_date
from epistola.importer.tei.names import NameBook
from epistola.importer.tei.text import TextContext, letter_text
from epistola.importer.tei.xml import Losses
from epistola.parse.letter import parse_letter
from epistola.parse.sources import SourceFile

FIXTURES = REPO / "tests" / "fixtures" / "tei"
EDITION = FIXTURES / "edition"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    return code, capsys.readouterr().err.splitlines()


def tree_text(root: Path) -> str:
    """Every file under `root` with its path, in one text to compare with a golden file."""
    parts = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        parts.append(f"==> {path.relative_to(root).as_posix()} <==\n{path.read_text('utf-8')}")
    return "\n".join(parts)


@pytest.fixture
def imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, int, list[str]]:
    """The fixture edition imported, with the exit code and the report."""
    monkeypatch.chdir(REPO)  # so the report shows the fixtures' paths as in the golden file
    into = tmp_path / "imported"
    code, lines = run(capsys, "import-tei", "tests/fixtures/tei/edition", "--into", str(into))
    return into, code, lines


def test_fixture_edition_gives_the_reviewed_sources_and_report(
    imported: tuple[Path, int, list[str]], request: pytest.FixtureRequest
) -> None:
    into, code, lines = imported
    assert code == 1  # written, with losses and refs that did not resolve
    assert_golden(FIXTURES / "expected-sources.txt", tree_text(into), request, shown_as=str(into))
    report = "\n".join(lines).replace(str(into), "NEW") + "\n"
    assert_golden(FIXTURES / "expected-report.txt", report, request, shown_as="the report")


def test_report_counts_losses_by_element_with_first_locations(
    imported: tuple[Path, int, list[str]],
) -> None:
    _, _, lines = imported
    assert "imported 4 letters, 7 notes, 6 refs and 7 names in the registers into" in lines[3]
    assert "  2 × pb: a page break; left out" in lines
    assert "    tests/fixtures/tei/edition/undated.xml:23: pb" in lines
    assert "    tests/fixtures/tei/edition/undated.xml:24: del" in lines
    unresolved = [line for line in lines if line.endswith("[tei.ref-unresolved]")]
    assert [line.split(": warning: ")[1].split(";")[0] for line in unresolved] == [
        "<ref> target '#TODO' is a placeholder",
        "<ref> target is empty",
        "<ref> target 'L00099.xml' is no letter or note of this import",
    ]
    assert "3 refs did not resolve (see the warnings above)" in lines


def test_imported_edition_builds_and_links_every_resolvable_ref(
    imported: tuple[Path, int, list[str]],
) -> None:
    into, _, _ = imported
    assert main(["build", "--root", str(into)]) == 0
    site = into / "site"
    assert broken_links(site) == []
    page = parse_page(site / "letters" / "3.html")
    note_links = page.xpath("//*[@id='note-1']//a/@href") + page.xpath("//*[@id='note-2']//a/@href")
    assert "1.html" in note_links  # by file name, by xml:id, by URL
    assert "1.html#note-2" in note_links  # a note of another letter
    assert "https://example.org/ferns" in note_links  # an outside address stays a link
    first = parse_page(site / "letters" / "1.html")
    # the note tied to an <anchor> and the one a <ptr> points to have their markers, in order
    markers = first.xpath("//a[starts-with(@id, 'noteref-')]/@href")
    assert markers == ["#note-1", "#note-2", "#note-3"]
    assert "#note-2" in first.xpath("//*[@id='note-3']//a/@href")  # "the note above"


def test_names_registers_and_authorities(imported: tuple[Path, int, list[str]]) -> None:
    into, _, _ = imported
    people = yaml.safe_load((into / "notes" / "people.yaml").read_text("utf-8"))
    assert people["p1"]["gnd"] == "1234567-8" and people["p1"]["viaf"] == "98765"
    assert (people["p1"]["born"], people["p1"]["died"]) == (1851, 1920)
    assert people["p1"]["sort"] == "Hale, Edith"
    assert people["p2"]["wikidata"] == "Q4242"  # matched by the URI alone
    assert people["lucy"]["wikidata"] == "Q5151"  # from a letter's <back>
    assert people["lucy"]["aliases"] == ["Lucy"]  # "Lucy" by name only finds her too
    assert people["mr-goethe"]["gnd"] == "118540238"  # no register: an entry of its own
    places = yaml.safe_load((into / "notes" / "places.yaml").read_text("utf-8"))
    assert places["bath"] | {} == {
        "name": "Bath",
        "aliases": ["Bath"],
        "geonames": "2656173",
        "wikidata": "Q22889",
        "coordinates": [51.38, -2.36],
    }
    assert places["stives"]["geonames"] == "2638864"


BROKEN = sorted(p.name for p in (FIXTURES / "broken").iterdir())


@pytest.mark.parametrize(
    ("name", "where", "code"),
    [
        ("bomb.xml", ":1:", "tei.malformed"),
        ("external.xml", ":1:1:", "tei.doctype"),
        ("local-file.xml", ":1:1:", "tei.doctype"),
        ("malformed.xml", ":6:12:", "tei.malformed"),
        ("not-tei.xml", ":2:1:", "tei.not-tei"),
    ],
)
def test_a_bad_file_is_a_located_error_and_the_rest_is_imported(
    name: str,
    where: str,
    code: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(REPO)
    bad = f"tests/fixtures/tei/broken/{name}"
    status, lines = run(
        capsys, "import-tei", bad, "tests/fixtures/tei/edition", "--into", str(tmp_path)
    )
    assert status == 2
    errors = [line for line in lines if ": error: " in line]
    assert len(errors) == 1
    assert errors[0].startswith(bad + where) and errors[0].endswith(f"[{code}]")
    assert "Traceback" not in "\n".join(lines)
    assert sorted(p.name for p in (tmp_path / "letters").iterdir()) == [
        "001.md",
        "003.md",
        "007.md",
        "008.md",
    ]


def test_all_broken_files_are_covered() -> None:
    assert BROKEN == ["bomb.xml", "external.xml", "local-file.xml", "malformed.xml", "not-tei.xml"]


def test_an_import_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    target = tmp_path / "letters" / "001.md"
    target.parent.mkdir(parents=True)
    target.write_text("mine\n", encoding="utf-8")
    status, lines = run(capsys, "import-tei", "tests/fixtures/tei/edition", "--into", str(tmp_path))
    assert status == 2
    assert any(line.endswith("nothing was written [tei.exists]") for line in lines)
    assert target.read_text("utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["001.md"]


@pytest.mark.parametrize(
    ("xml", "edtf", "label"),
    [
        ('<date when="1889-05-02">2 May 1889</date>', "1889-05-02", None),
        ('<date when="1889-05-02"/>', "1889-05-02", None),
        ('<date when="1889-05">early May</date>', "1889-05", "early May"),
        ('<date when="1889-05-02" cert="low"/>', "1889-05-02?", None),
        ('<date when="1889-05" precision="low"/>', "1889-05~", None),
        ('<date when="1889" cert="low" precision="low"/>', "1889%", None),
        ('<date notBefore="1889-06-01" notAfter="1889-06-10"/>', "1889-06-01/1889-06-10", None),
        ('<date from="1889-06" to="1889-07">Summer</date>', "1889-06/1889-07", "Summer"),
        (
            '<date notBefore="1889-06-01" notAfter="1889-06-10" cert="low"/>',
            "1889-06-01?/1889-06-10?",
            None,
        ),
        (
            '<date when="1889-05-02" evidence="internal"/>',
            "1889-05-02",
            "2 May 1889 (dated by internal evidence)",
        ),
        (
            '<date when="1889-05" evidence="conjecture">May?</date>',
            "1889-05?",
            "May? (dated by conjecture)",
        ),
        (
            '<date notBefore="1889-05-01" notAfter="1889-05-31" cert="low" when-custom="1889-05~"'
            ' datingMethod="https://www.loc.gov/standards/datetime/">Mid-May 1889</date>',
            "1889-05~",
            "Mid-May 1889",
        ),
        ("<date>some time</date>", None, "some time"),
    ],
)
def test_dates_become_edtf_and_date_label(xml: str, edtf: str | None, label: str | None) -> None:
    element = etree.fromstring(xml.replace("<date", f'<date xmlns="{TEI_NS}"', 1))
    assert read_date(element) == (edtf, label)


def _regular(registers: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """A register as epistola reads it: no sort when it is the name, no empty aliases."""
    out: dict[str, dict[str, object]] = {}
    for entry_id, entry in registers.items():
        entry = dict(entry)
        if entry.get("sort") == entry["name"]:
            del entry["sort"]
        if not entry.get("aliases"):
            entry.pop("aliases", None)
        out[entry_id] = entry
    return out


def assert_round_trip(original: Path, capsys: pytest.CaptureFixture[str], into: Path) -> None:
    """Import the TEI of `original`'s site into `into`: the same sources, the same site."""
    assert main(["build", "--root", str(original)]) == 0
    status, lines = run(capsys, "import-tei", str(original / "site" / "tei"), "--into", str(into))
    assert status == 0, lines
    for folder in ("letters", "notes"):
        markdown = [p.name for p in (original / folder).glob("*.md")]
        match, mismatch, errors = filecmp.cmpfiles(
            original / folder, into / folder, markdown, shallow=False
        )
        assert (mismatch, errors) == ([], []), f"{folder}: {mismatch[:5]} {errors[:5]}"
    for register in ("people", "places", "organizations"):
        path = Path("notes") / f"{register}.yaml"
        if (original / path).exists():
            before = yaml.safe_load((original / path).read_text("utf-8"))
            after = yaml.safe_load((into / path).read_text("utf-8"))
            assert _regular(after) == _regular(before), register
    assert main(["build", "--root", str(into)]) == 0
    compared = filecmp.dircmp(original / "site", into / "site")
    assert _differences(compared) == []


def _differences(compared: filecmp.dircmp[str]) -> list[str]:
    found = [*compared.left_only, *compared.right_only, *compared.diff_files, *compared.funny_files]
    for sub in compared.subdirs.values():
        found += _differences(sub)
    return found


def test_the_sample_editions_tei_imported_again_gives_the_same_sources_and_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sample").mkdir()
    original = copy_sample(tmp_path / "sample")
    shutil.rmtree(original / "templates", ignore_errors=True)  # a theme is not in the TEI
    assert_round_trip(original, capsys, tmp_path / "imported")


@pytest.mark.slow
def test_a_synthetic_edition_of_2000_letters_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = benchmark_generator().generate_edition(tmp_path / "synthetic", 2000, seed=3)
    assert_round_trip(Path(original), capsys, tmp_path / "imported")


PLAIN = st.text(
    alphabet=st.sampled_from("abc XYZ 019\n.,;:!?'\"()*_[]<>&#=+-~`^{}|\\/%$@"), max_size=60
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=PLAIN)
def test_words_of_a_paragraph_reach_the_page_as_they_are(words: str) -> None:
    """Whatever the TEI's words, the Markdown written for them reads back as those words."""
    escaped = words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    letter = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><text><body><p>{escaped}</p></body></text></TEI>'
    )
    context = TextContext(
        "t.xml", NameBook(), Losses(), Report(), 1, lambda target, this: "missing"
    )
    text = letter_text(letter, context)
    markdown = "\n\n".join(text.paragraphs)
    source = SourceFile(
        "letters/001.md", f"---\nnumber: 1\ndate: 1889\nfrom: a\nto: [b]\n---\n{markdown}\n"
    )
    parsed = parse_letter(source, None, aliases=AliasIndex(None, {}), report=Report())
    shown = " ".join(p.text for p in parsed.paragraphs)
    assert " ".join(shown.split()) == " ".join(words.split())


DOC = REPO / "docs" / "import-tei.md"
FENCE = re.compile(r"^```(\w*)(?: (\S+))?\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def test_the_docs_example_imports_to_the_files_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = [(m[1], m[2], m[3]) for m in FENCE.finditer(DOC.read_text("utf-8"))]
    sources = {path: text for kind, path, text in blocks if kind == "xml" and path}
    shown = {path: text for kind, path, text in blocks if kind != "xml" and path}
    assert sorted(sources) == ["tei/L00001.xml", "tei/L00002.xml"]
    for path, text in sources.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, lines = run(capsys, "import-tei", "tei", "--into", "my-edition")
    assert status == 1
    written = {
        p.relative_to(tmp_path / "my-edition").as_posix(): p.read_text("utf-8")
        for p in (tmp_path / "my-edition").rglob("*")
        if p.is_file()
    }
    assert written == shown
    report = next(t for k, _, t in blocks if k == "console" and "tei --into my-edition\n" in t)
    assert report.splitlines()[1:] == lines
    assert main(["build", "--root", "my-edition"]) == 0


def _element(children: list[str], name: str) -> str:
    return f"<{name}>{''.join(children)}</{name}>"


WORD = st.sampled_from(["alpha ", "Beta", " gamma.", "1. ", "[x] ", "*", "\n", "  ", "é"])
INLINE = st.recursive(
    WORD,
    lambda inner: st.one_of(
        st.builds(_element, st.lists(inner, max_size=3), st.sampled_from(["hi", "supplied"])),
        st.builds(_element, st.lists(inner, max_size=3), st.sampled_from(["del", "add", "seg"])),
        st.builds(lambda c: f"<note>{''.join(c)}</note>", st.lists(WORD, max_size=3)),
        st.builds(
            lambda c: f'<persName ref="#p">{"".join(c)}</persName>',
            st.lists(WORD, min_size=1, max_size=2),
        ),
        st.just("<lb/>"),
        st.just("<pb/>"),
        st.just('<ref target="#nowhere">a ref</ref>'),
        st.just("<choice><sic>teh</sic><corr>the</corr></choice>"),
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(st.lists(INLINE, max_size=4), min_size=1, max_size=3))
def test_any_mix_of_marks_converts_and_every_note_keeps_its_marker(
    paragraphs: list[list[str]],
) -> None:
    """Whatever the nesting of marks and notes, each `<note>` becomes one note with one
    marker, the markers run 1, 2, 3 in the text, and epistola reads it without an error."""
    body = "".join(f"<p>{''.join(parts)}</p>" for parts in paragraphs)
    letter = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><text><body>{body}</body></text></TEI>')
    context = TextContext(
        "t.xml", NameBook(), Losses(), Report(), 1, lambda target, this: "missing"
    )
    text = letter_text(letter, context)
    notes = len(letter.xpath("//t:note[not(ancestor::t:note)]", namespaces={"t": TEI_NS}))
    assert len(text.notes) == notes
    markdown = "\n\n".join(text.paragraphs)
    assert re.findall(r"\[\^(\d+)\]", markdown) == [str(n) for n in range(1, notes + 1)]
    source = SourceFile(
        "letters/001.md", f"---\nnumber: 1\ndate: 1889\nfrom: a\nto: [b]\n---\n{markdown}\n"
    )
    items = "\n\n".join(
        f"{n}. {' '.join(p) or 'x'}".replace("\n", " ") for n, p in enumerate(text.notes, 1)
    )
    report = Report()
    parsed = parse_letter(
        source,
        SourceFile("notes/001.md", items + "\n") if notes else None,
        aliases=AliasIndex(None, {}),
        report=report,
    )
    assert [d.format() for d in report.diagnostics if d.severity.value == "error"] == []
    assert [m.number for m in parsed.markers] == list(range(1, notes + 1))


def _corpus_letter(n: int, words: str) -> str:
    return (
        f'<TEI n="{n}"><teiHeader><fileDesc><titleStmt><title>L</title></titleStmt>'
        "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>"
        '<profileDesc><correspDesc><correspAction type="sent"><persName>Ann Lee</persName>'
        f'<date when="1900-01-0{n}"/></correspAction><correspAction type="received">'
        "<persName>Bo Ray</persName></correspAction></correspDesc></profileDesc></teiHeader>"
        f"<text><body><p>{words}</p></body></text></TEI>"
    )


def test_a_tei_corpus_is_a_letter_each_and_a_missing_source_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    letters = _corpus_letter(2, "Dear Bo, the second.") + _corpus_letter(1, "Dear Bo, the first.")
    corpus = f'<teiCorpus xmlns="{TEI_NS}"><teiHeader/>{letters}</teiCorpus>'
    (tmp_path / "corpus.xml").write_text(corpus, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, lines = run(capsys, "import-tei", "corpus.xml", "gone/*.xml", "--into", "ed")
    assert status == 2
    assert "gone/*.xml:1:1: error: no such file or folder [tei.no-such-file]" in lines
    first = (tmp_path / "ed" / "letters" / "001.md").read_text("utf-8")
    assert "date: 1900-01-01\nfrom: ann-lee\nto: [bo-ray]\n" in first
    assert first.endswith("---\nDear Bo, the first.\n")
    people = yaml.safe_load((tmp_path / "ed" / "notes" / "people.yaml").read_text("utf-8"))
    assert sorted(people) == ["ann-lee", "bo-ray"]  # named only: an entry each
    assert main(["check", "--root", "ed"]) == 0


def test_the_exports_blocks_come_back_as_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Headings, lists, quotes, a rule, code, a link and a picture, as epistola's export
    writes them (tests/golden/tei-all-of-markdown.xml), are read back as Markdown."""
    shutil.copy(REPO / "tests" / "golden" / "tei-all-of-markdown.xml", tmp_path / "1.xml")
    status, _ = run(capsys, "import-tei", str(tmp_path / "1.xml"), "--into", str(tmp_path / "ed"))
    assert status == 1  # its refs lead to a letter 2 that is not imported
    text = (tmp_path / "ed" / "letters" / "001.md").read_text("utf-8").split("---\n", 2)[2]
    assert text.startswith("Sochi, 3 July\n\n# Heading\n\nDear **Bob**,[^1] see letter 2,")
    assert "`code`, [a link](https://example.org/x) and\n![a picture](pic.png)." in text
    assert "> quoted [the chief]{person=bob}\n>\n> again\n" in text
    assert "1. first\n\n   more\n\n2. second\n\n---\n\n```\ncode block\n```\n\n" in text
    notes = (tmp_path / "ed" / "notes" / "001.md").read_text("utf-8")
    assert notes == "1. On letter 2 and note 1 above.\n\n   > quoted\n\n   - a\n   - b\n"
    assert main(["check", "--root", str(tmp_path / "ed")]) == 0
