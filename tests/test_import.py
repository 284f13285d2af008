"""`epistola import`: a plain-text dump becomes letters/ and notes/ (issue 8)."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_PEOPLE, REPO, parse_page
from epistola.cli import main
from epistola.diagnostics import Report
from epistola.importer import import_dump, shown_path

SEED = REPO / "tests" / "fixtures" / "letters-dump.txt"
LETTERS = range(31, 39)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    """Run the command line; its exit code and the lines it printed to stderr."""
    code = main(list(args))
    return code, capsys.readouterr().err.splitlines()


def front_matter(path: Path) -> dict[str, object]:
    _, front, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    assert isinstance(data, dict)
    return data


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def note_numbers(path: Path) -> list[int]:
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    return [int(n) for n in re.findall(r"^(\d+)\. ", text, flags=re.MULTILINE)]


def marker_places(text: str) -> list[tuple[int, str]]:
    """(note, the last letters before its marker): where each marker stands in the text.

    Letters only, lower-cased, so the sample's repairs around a marker ("postpone it" for
    the dump's "postponeit", "*Trud*" for "Trud", curly quotes) do not count as a move.
    """
    places = []
    for match in re.finditer(r"\[\^(\d+)\]", text):
        before = re.sub(r"[\W_]", "", text[: match.start()]).lower()
        places.append((int(match[1]), before[-12:]))
    return places


def edition_with_register(root: Path, register: str | None = None) -> Path:
    (root / "notes").mkdir(parents=True)
    if register is None:
        shutil.copy2(REPO / "notes" / "people.yaml", root / "notes" / "people.yaml")
    else:
        (root / "notes" / "people.yaml").write_text(register, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def imported_seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The seed imported into an empty edition that has only the repository's register."""
    root = edition_with_register(tmp_path_factory.mktemp("seed"))
    report = Report()
    import_dump(SEED, root, force=False, report=report)
    assert report.errors == 0, report.lines()
    return root, report.lines()


# --- the seed against the hand-made sample edition -------------------------------------


@pytest.mark.parametrize("number", LETTERS)
def test_seed_letter_metadata_matches_the_sample_edition(
    imported_seed: tuple[Path, list[str]], number: int
) -> None:
    root, _ = imported_seed
    got = front_matter(root / "letters" / f"{number:03d}.md")
    want = front_matter(REPO / "letters" / f"{number:03d}.md")
    assert got == want


@pytest.mark.parametrize("number", LETTERS)
def test_seed_notes_and_markers_match_the_sample_edition(
    imported_seed: tuple[Path, list[str]], number: int
) -> None:
    root, _ = imported_seed
    stem = f"{number:03d}.md"
    assert note_numbers(root / "notes" / stem) == note_numbers(REPO / "notes" / stem)
    got = marker_places(body(root / "letters" / stem))
    assert got == marker_places(body(REPO / "letters" / stem))
    assert [n for n, _ in got] == note_numbers(REPO / "notes" / stem)


def test_seed_import_writes_exactly_the_letters_and_their_notes(
    imported_seed: tuple[Path, list[str]],
) -> None:
    root, _ = imported_seed
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))
    stems = [f"{n:03d}.md" for n in LETTERS]
    assert written == sorted([f"letters/{s}" for s in stems] + [f"notes/{s}" for s in stems])


def test_seed_report_names_what_an_editor_must_repair(
    imported_seed: tuple[Path, list[str]],
) -> None:
    _, lines = imported_seed
    where = shown_path(SEED)  # relative to the working folder, as the user typed it
    expected = [
        f"{where}:12:58: warning: 'CentralControl' looks like two words run together;"
        " did you mean 'Central Control'? [import.run-together]",
        f"{where}:18:62: warning: 'theletter' looks like two words run together"
        " (a lost space or dash); did you mean 'the letter'? [import.run-together]",
        f"{where}:115:553: warning: 'revolutionanalogous' looks like two words run together"
        " (a lost space or dash); did you mean 'revolution analogous'? [import.run-together]",
        f"{where}:133:84: warning: 'TrotskyU.S. Ed.': the editors' sign-off runs into the"
        " text; did you mean 'Trotsky. —U.S. Ed.'? [import.run-together]",
        f"{where}:41:33: warning: '[YŁ-hsiang]': 'Ł' (U+0141) looks mis-encoded;"
        " did you mean '[Yü-hsiang]'? [import.encoding]",
        f"{where}:104:119: warning: 'Chingwei' looks like a word that lost its hyphen;"
        " did you mean 'Ching-wei'? [import.run-together]",
        f"{where}:67:1: warning: editors' date 'Early July 1927' is imported as"
        " 1927-07-01/1927-07-07 (days 1-10 of the month, cut to the days between the letters"
        " before and after it); check it [import.date-interval]",
    ]
    for line in expected:
        assert line in lines
    # names of the register and words of the dump are not taken for joins
    assert not [line for line in lines if "'Maxton'" in line or "'Kuomintang'" in line]
    # the seed's markers all fit the notes: no note lacks one, no number was left over
    assert not [line for line in lines if "marker" in line]


def test_seed_import_builds_into_a_site(
    imported_seed: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "edition"
    shutil.copytree(imported_seed[0], root)
    shutil.copy2(REPO / "edition.yaml", root / "edition.yaml")
    code, lines = run(capsys, "build", "--root", str(root))
    assert code == 0, lines
    page = parse_page(root / "site" / "letters" / "33.html")
    markers = page.xpath("//div[@class='letter-text']//a[@role='doc-noteref']/@href")
    assert markers == [f"#note-{n}" for n in range(1, 6)]


def test_seed_import_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = edition_with_register(tmp_path / "edition")
    code, lines = run(capsys, "import", str(SEED), "--into", str(root))
    assert code == 0
    assert re.fullmatch(r"imported 8 letters into .*edition: \d+ warnings", lines[-1])
    assert (root / "letters" / "038.md").is_file()


# --- small dumps written for the purpose ------------------------------------------------

MARKER_FORMS = """\
Letter 1
[3 May 1920]
Dear Bob, 1
The paper is Trud.2 Wuhan3 will fall and come under Nanking. 4 The trinity (R.+Or.+V.),5 is
silent. The article "War."6 Are you sure?
Alice
1. Salutation.
2. Trud.
3. Wuhan.
4. Nanking.
5. The trinity.
6. The article.
"""


def import_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, *args: str, newline: str = "\n"
) -> tuple[int, list[str], Path]:
    """Write `text` as a dump, import it into an edition with a small register."""
    root = tmp_path / "edition"
    if not root.exists():
        edition_with_register(root, MINIMAL_PEOPLE)
    dump = tmp_path / "dump.txt"
    dump.write_bytes(text.replace("\n", newline).encode("utf-8"))
    code, lines = run(capsys, "import", str(dump), "--into", str(root), *args)
    return code, lines, root


def import_ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> tuple[list[str], Path]:
    """Import `text` and insist that it succeeds; the report lines and the edition."""
    code, lines, root = import_text(tmp_path, capsys, text)
    assert code == 0, lines
    return lines, root


def test_each_marker_form_becomes_a_marker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines, root = import_ok(tmp_path, capsys, MARKER_FORMS)
    assert body(root / "letters" / "001.md") == (
        "Dear Bob,[^1]\n\n"
        "The paper is Trud.[^2] Wuhan[^3] will fall and come under Nanking.[^4] The trinity"
        ' (R.+Or.+V.),[^5] is silent. The article "War."[^6] Are you sure?\n\n'
        "Alice\n"
    )
    assert front_matter(root / "letters" / "001.md") == {
        "number": 1,
        "date": yaml.safe_load("1920-05-03"),
        "from": "alice",
        "to": ["bob"],
    }
    assert not [line for line in lines if "warning" in line]


NOT_MARKERS = """\
Letter 2
[June 1920]
To Bob,1
1) I think that 3 or 4 million can be sent out of the 10 million, and the 15 million
later, as on 2 June and between 1905 and 1917 (February).
2) On the 23rd we paid 1.5 million and 2,000 roubles.2
3. The third point stands; 3 more come.3
Alice
1. To Bob.
2. The payment.
3. The point.
"""


def test_numbers_that_are_not_markers_stay_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines, root = import_ok(tmp_path, capsys, NOT_MARKERS)
    assert body(root / "letters" / "002.md") == (
        "To Bob,[^1]\n\n"
        "1\\) I think that 3 or 4 million can be sent out of the 10 million, and the 15 million"
        " later, as on 2 June and between 1905 and 1917 (February).\n\n"
        "2\\) On the 23rd we paid 1.5 million and 2,000 roubles.[^2]\n\n"
        "3\\. The third point stands; 3 more come.[^3]\n\n"
        "Alice\n"
    )
    assert front_matter(root / "letters" / "002.md")["date"] == "1920-06"


LONG_NOTE = """\
Letter 3
[Late June 1920]
Dear Bob,
the plenum met.1 Then the other one.2
Alice
20 June 1920
1. The plenum of the Central Committee and of the Central Control
Commission opened on 19 June 1920.
A second paragraph of the first note, which goes on about the
plenum for a while.

A third paragraph after a blank line.
2. The second note.
"""


def test_a_note_that_spans_several_paragraphs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines, root = import_ok(tmp_path, capsys, LONG_NOTE)
    assert (root / "notes" / "003.md").read_text(encoding="utf-8") == (
        "1. The plenum of the Central Committee and of the Central Control Commission opened"
        " on 19 June 1920.\n\n"
        "   A second paragraph of the first note, which goes on about the plenum for a while.\n\n"
        "   A third paragraph after a blank line.\n\n"
        "2. The second note.\n"
    )
    meta = front_matter(root / "letters" / "003.md")
    assert (meta["date"], meta["date_label"], meta["dated"]) == (
        "1920-06-21/1920-06-30",
        "Late June 1920",
        "20 June 1920",
    )


NO_NOTES_AND_POSTSCRIPT = """\
Letter 4
[1 July 1920]
Dear Bob,
1. The first point.
2. The second point, with 2 parts.
Regards,
Alice
P.S. Write back soon.
Alice
Letter 5
[2 July 1920]
To Alice and Bob:
Short.
Bob
"""


def test_a_letter_without_notes_and_a_letter_with_a_postscript(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines, root = import_ok(tmp_path, capsys, NO_NOTES_AND_POSTSCRIPT)
    assert body(root / "letters" / "004.md") == (
        "Dear Bob,\n\n1\\. The first point.\n\n2\\. The second point, with 2 parts.\n\n"
        "Regards,\n\nAlice\n\nP.S. Write back soon.\n\nAlice\n"
    )
    assert not (root / "notes" / "004.md").exists()
    assert not (root / "notes" / "005.md").exists()
    meta = front_matter(root / "letters" / "005.md")
    assert (meta["from"], meta["to"]) == ("bob", ["alice", "bob"])
    assert not [line for line in lines if "warning" in line]


def test_windows_line_endings_give_the_same_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, unix = import_text(tmp_path / "unix", capsys, LONG_NOTE + MARKER_FORMS)
    code, lines, windows = import_text(
        tmp_path / "windows", capsys, LONG_NOTE + MARKER_FORMS, newline="\r\n"
    )
    assert code == 0, lines
    for path in ("letters/001.md", "letters/003.md", "notes/001.md", "notes/003.md"):
        assert (windows / path).read_bytes() == (unix / path).read_bytes()
        assert b"\r" not in (windows / path).read_bytes()


def test_existing_files_are_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = edition_with_register(tmp_path / "edition", MINIMAL_PEOPLE)
    (root / "letters").mkdir()
    (root / "letters" / "001.md").write_text("an editor's work\n", encoding="utf-8")
    code, lines, _ = import_text(tmp_path, capsys, MARKER_FORMS)
    assert code == 1
    shown = (root / "letters" / "001.md").as_posix()
    assert f"{shown}:1:1: error: already exists; not overwritten (use --force to replace it)" \
        " [import.exists]" in lines
    assert lines[-1].startswith("import failed: 1 error")
    assert (root / "letters" / "001.md").read_text(encoding="utf-8") == "an editor's work\n"
    assert not (root / "notes" / "001.md").exists()
    code, lines, _ = import_text(tmp_path, capsys, MARKER_FORMS, "--force")
    assert code == 0, lines
    assert body(root / "letters" / "001.md").startswith("Dear Bob,[^1]")


def test_a_dump_without_letters_is_an_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, root = import_text(tmp_path, capsys, "Some text\n1. not a letter\n")
    assert code == 1
    assert lines[0] == (
        f"{(tmp_path / 'dump.txt').as_posix()}:1:1: error: no letter found: each letter must"
        " start with a heading such as 'Letter 31' on a line of its own; nothing was written"
        " [import.no-letters]"
    )
    assert sorted(p.name for p in root.rglob("*")) == ["notes", "people.yaml"]


BROKEN = """\
Letter 6
[Sometime 1920]
Dear Carol,
First.1 Second.3
Zed
1. One.
3. Three.
1. A stray one.
"""


def test_what_breaks_the_sequence_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, root = import_text(tmp_path, capsys, BROKEN)
    assert code == 0
    where = (tmp_path / "dump.txt").as_posix()
    assert [line.removeprefix(where) for line in lines[:-1]] == [
        ":1:1: warning: letter 6: no signature names a person of the register; 'from' left as"
        " PERSON-ID [import.sender]",
        ":2:1: warning: editors' date 'Sometime 1920' is not a date such as 23 June 1927,"
        " June 1927 or Early July 1927; date left as YYYY-MM-DD, the words kept as date_label"
        " [import.date]",
        ":3:1: warning: letter 6: the salutation 'Dear Carol,' names no person of the register;"
        " 'to' left as [PERSON-ID] [import.recipient]",
        ":7:1: warning: note number 3 breaks the sequence of the notes to letter 6: note 2 was"
        " expected here; read as that note [import.note-sequence]",
        ":8:1: warning: note number 1 breaks the sequence of the notes to letter 6: note 4 was"
        " expected here; kept as text of note 3 [import.note-sequence]",
    ]
    assert body(root / "letters" / "006.md") == "Dear Carol,\n\nFirst.[^1] Second.[^3]\n\nZed\n"


def test_a_note_without_marker_and_a_number_without_note_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Letter 7\n[1920]\nDear Bob,\nOne.1 Two.3\nAlice\n1. One.\n2. Two.\n"
    code, lines, root = import_text(tmp_path, capsys, text)
    assert code == 0
    where = (tmp_path / "dump.txt").as_posix()
    assert lines[:-1] == [
        f"{where}:4:11: warning: 'Two.3' looks like a note marker, but letter 7 has no note 3;"
        " left as text [import.marker-unused]",
        f"{where}:7:1: warning: note 2 to letter 7 found no marker in the letter; put [^2]"
        " after the word it explains [import.note-without-marker]",
    ]


def test_without_a_register_people_are_left_for_the_editor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "empty"
    dump = tmp_path / "dump.txt"
    dump.write_text(MARKER_FORMS, encoding="utf-8")
    code, lines = run(capsys, "import", str(dump), "--into", str(root))
    assert code == 0
    meta = front_matter(root / "letters" / "001.md")
    assert (meta["from"], meta["to"]) == ("PERSON-ID", ["PERSON-ID"])
    assert any("there is no register (notes/people.yaml)" in line for line in lines)


@pytest.mark.parametrize(
    ("words", "edtf", "label"),
    [
        ("27 June 1927", "1927-06-27", None),
        ("June 27, 1927", "1927-06-27", None),
        ("July 1927", "1927-07", None),
        ("1927", "1927", None),
        ("Early July 1927", "1927-07-01/1927-07-10", "Early July 1927"),
        ("Mid-July 1927", "1927-07-11/1927-07-20", "Mid-July 1927"),
        ("End of February 1928", "1928-02-21/1928-02-29", "End of February 1928"),
        ("3–5 July 1927", "1927-07-03/1927-07-05", "3–5 July 1927"),
        ("27 June 1927?", "1927-06-27?", "27 June 1927?"),
        ("c. June 1927", "1927-06~", "c. June 1927"),
    ],
)
def test_editors_dates_become_edtf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], words: str, edtf: str, label: str | None
) -> None:
    text = f"Letter 9\n[{words}]\nDear Bob,\nText.\nAlice\n"
    lines, root = import_ok(tmp_path, capsys, text)
    meta = front_matter(root / "letters" / "009.md")
    assert (str(meta["date"]), meta.get("date_label")) == (edtf, label)


# --- never a traceback ------------------------------------------------------------------

PIECES = st.sampled_from(
    ["Letter 1", "Letter 2", "[Early July 1927]", "[32 June 1927]", "[", "Dear Bob, 1",
     "1. ", "2.", "1)", "Trud.2", "Wuhan4 will", "J. Stalin", "23 June 1926", "P.S.",
     "theletter", "YŁ", "\r\n", "\n", "\n\n", " ", "Ã©", "\x00", "ab", "CentralControl"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.lists(PIECES | st.text(max_size=5)).map("".join)))
def test_any_text_imports_without_raising(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "dump.txt"
        dump.write_text(text, encoding="utf-8", errors="surrogatepass")
        report = Report()
        import_dump(dump, Path(folder) / "edition", force=True, report=report)
        assert all(line for line in report.lines())


def test_a_broken_register_stops_the_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edition_with_register(tmp_path / "edition", "alice: [unclosed\n")
    code, lines, root = import_text(tmp_path, capsys, MARKER_FORMS)
    assert code == 1
    assert any(
        line.startswith("notes/people.yaml:") and "[people.yaml]" in line for line in lines
    )
    assert not (root / "letters").exists()


def test_a_note_number_far_out_of_sequence_stays_text_of_the_note_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Letter 8\n[1920]\nDear Bob,\nOne.1\nAlice\n1. One.\n7. Seven, a misprint.\n"
    lines, root = import_ok(tmp_path, capsys, text)
    assert lines[:-1] == [
        f"{(tmp_path / 'dump.txt').as_posix()}:7:1: warning: note number 7 breaks the sequence"
        " of the notes to letter 8: note 2 was expected here; kept as text of note 1"
        " [import.note-sequence]"
    ]
    assert (root / "notes" / "008.md").read_text(encoding="utf-8") == (
        "1. One.\n\n   7\\. Seven, a misprint.\n"
    )
