"""Any input at all: the parser and the build report problems and never raise (issue 6).

Hypothesis writes letters, front matter and notes files from arbitrary text, from
Markdown-ish and YAML-ish fragments, and from real YAML of the wrong types. Every
diagnostic must point inside the file it names, and every site that is produced must
pass the internal link check.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_CONFIG, MINIMAL_PEOPLE, broken_links
from epistola.build import build
from epistola.core.config import load_config
from epistola.core.diagnostics import Diagnostic, Report
from epistola.core.records import SourceFile
from epistola.core.registers import PEOPLE as PEOPLE_KIND
from epistola.core.registers import build_alias_index, load_register
from epistola.parse.letter import parse_letter

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BUILD_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

FRAGMENTS = st.sampled_from(
    [
        "[^1]",
        "[^2]",
        "[^3]",
        "[^0]",
        "[^99999999999999999999]",
        "[x]{person=alice}",
        "[x]{person=nobody}",
        "{person=}",
        "[",
        "]",
        "(",
        ")",
        "[a](b.html)",
        "[a](javascript:alert(1))",
        "![i](data:image/png;base64,AA)",
        "<javascript:x>",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "note 3 above",
        "see note 2 to letter 1",
        "letters 1–3",
        "letter 99",
        "the next letter",
        "the previous letter",
        "Alice",
        "Bob",
        "Bobby",
        "\n",
        "\n\n",
        "   ",
        "\t",
        "> ",
        "- ",
        "1. ",
        "2) ",
        "# ",
        "```\n",
        "`",
        "*",
        "_",
        "\\",
        "&amp;",
        "&#0;",
        "\r",
        "\r\n",
        "\x00",
        "\ufeff",
        "\ufdd0",
        "\ufdd1",
        "\ufdd2",
        "---\n",
        "é",
        "𝔘",
    ]
)
MARKDOWNISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=30).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), MARKDOWNISH)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(min_value=datetime.date(1, 1, 1)),
)
YAML_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
KEYS = st.sampled_from(
    ["number", "date", "date_label", "dated", "from", "to", "place", "plce", "?", "- x"]
)
REAL_YAML = st.dictionaries(KEYS, YAML_VALUES, max_size=7).map(
    lambda data: yaml.safe_dump(data, allow_unicode=True)
)
YAMLISH_PIECES = st.sampled_from(
    [
        "number: 1",
        "number: thirty",
        "date: 1927-02-30",
        "date: 1927-06-23",
        "from: alice",
        "to: [bob",
        "to: 7",
        "to: {a: b}",
        "to: bob",
        "to: [alice, 7]",
        "place: bath",
        "place: [bath",
        "bath: {name: Bath, aliases: [Bob], coordinates: [91, 0]}",
        "bath: {name: Bath, aliases: [Bath]}",
        "a: &x [*x]",
        "b: *y",
        "!!binary x",
        "!!int abc",
        "!!timestamp 1927-02-30",
        "!!timestamp",
        "!!set {a, b}",
        "!!omap [a]",
        "!!float x",
        "!!python/object:os.system",
        "!!pairs x",
        "? [a]",
        ": :",
        "'unclosed",
        '"\\x"',
        "\t",
        "  - -",
        "%YAML 1.1",
        "...",
        "|",
        ">-",
        "{",
        "}",
        "key: value: other",
        "\x07",
        "\ufeff",
    ]
)
YAMLISH = st.lists(st.one_of(YAMLISH_PIECES, st.text(max_size=10)), max_size=8).map("\n".join)
FRONT_MATTER = st.one_of(REAL_YAML, YAMLISH, st.text(max_size=80))
LETTER = st.one_of(
    st.builds(lambda front, body: f"---\n{front}\n---\n{body}", FRONT_MATTER, ANY_TEXT),
    ANY_TEXT,
)
NOTE_ITEM = st.builds(lambda number, text: f"{number}. {text}\n\n", st.integers(-1, 6), MARKDOWNISH)
NOTES = st.one_of(st.lists(NOTE_ITEM, max_size=6).map("".join), ANY_TEXT)
FILE_CONTENT = st.one_of(
    LETTER, LETTER.map(lambda t: t.encode("utf-8")[:-1]), st.binary(max_size=200)
)
"""Letter files as text, or as bytes that need not be UTF-8 (a cut-off character, noise)."""


def lines_of(text: str) -> int:
    """How many lines an editor's editor shows for `text`."""
    return len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def assert_inside(diagnostic: Diagnostic, files: dict[str, str]) -> None:
    """The diagnostic names one of `files` and a line and column that exist in it."""
    places = [diagnostic.location, *(where for where, _ in diagnostic.related)]
    for where in places:
        assert where.path in files, diagnostic.format()
        lines = files[where.path].replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert 1 <= where.line <= len(lines), diagnostic.format()
        assert 1 <= where.column <= len(lines[where.line - 1]) + 1, diagnostic.format()


PEOPLE = load_register(PEOPLE_KIND, SourceFile("notes/people.yaml", MINIMAL_PEOPLE), Report())
ALIASES = build_alias_index({"person": PEOPLE})


@SETTINGS
@given(letter=LETTER, notes=st.one_of(st.none(), NOTES))
def test_parse_letter_never_raises_and_points_inside_its_files(
    letter: str, notes: str | None
) -> None:
    report = Report()
    source = SourceFile("letters/001.md", letter.replace("\r\n", "\n").replace("\r", "\n"))
    notes_file = SourceFile("notes/001.md", notes) if notes is not None else None
    parsed = parse_letter(source, notes_file, aliases=ALIASES, report=report)
    assert parsed.path == "letters/001.md"
    files = {source.path: source.text, **({"notes/001.md": notes} if notes is not None else {})}
    for diagnostic in report.diagnostics:
        assert_inside(diagnostic, files)


@BUILD_SETTINGS
@given(
    letters=st.lists(FILE_CONTENT, min_size=1, max_size=3),
    notes=st.lists(st.one_of(st.none(), NOTES), min_size=1, max_size=4),
    people=st.one_of(st.just(MINIMAL_PEOPLE), YAMLISH, REAL_YAML),
    places=st.one_of(st.none(), st.just("bath:\n  name: Bath\n  aliases: [Bath]\n"), YAMLISH),
)
def test_build_never_raises_and_its_site_links_resolve(
    letters: list[str | bytes], notes: list[str | None], people: str, places: str | None
) -> None:
    files: dict[str, str | bytes] = {
        f"letters/{n:03d}.md": text for n, text in enumerate(letters, start=1)
    }
    files |= {f"notes/{n:03d}.md": t for n, t in enumerate(notes, start=1) if t is not None}
    files |= {"notes/people.yaml": people, "edition.yaml": MINIMAL_CONFIG}
    if places is not None:
        files["notes/places.yaml"] = places
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "edition"
        for path, text in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(text if isinstance(text, bytes) else text.encode())
        report = Report()
        result = build(load_config(root, report=report), report)
        shown = {
            path: (root / path).read_bytes().decode("utf-8-sig", errors="replace") for path in files
        }
        for diagnostic in report.diagnostics:
            assert_inside(diagnostic, shown)
        if report.failed():
            assert not (root / "site").exists(), "a failed build writes nothing"
        else:
            assert len(result.edition.letters) >= 1
            assert broken_links(root / "site") == []
