"""Cross-references: every form in tests/cases/refs.txt, found and then linked on the page."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import letter_source, parse_page, write_edition
from epistola.cli import main
from epistola.parse.refs import RefMatch, find_refs

CASES_FILE = Path(__file__).parent / "cases" / "refs.txt"
HERE = 33
"""The letter whose notes hold the cases in the end-to-end test."""
OTHERS = (27, 31, 32, 34, 35)
"""The other letters of that edition, six notes each."""


@dataclass(frozen=True)
class Case:
    line: int
    title: str
    text: str
    expected: str


def read_cases(path: Path) -> list[Case]:
    """Blocks of title / `.` / text / `.` / expected / `.`, after `#` comment lines."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases, i = [], 0
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith("#"):
            i += 1
            continue
        assert lines[i + 1] == ".", f"{path.name}:{i + 2}: expected '.' after the title"
        end_text = lines.index(".", i + 2)
        end_expected = lines.index(".", end_text + 1)
        text = "\n".join(lines[i + 2 : end_text])
        cases.append(Case(i + 1, lines[i], text, "\n".join(lines[end_text + 1 : end_expected])))
        i = end_expected + 1
    return cases


CASES = read_cases(CASES_FILE)


def target(match: RefMatch) -> str:
    if match.relation:
        return match.relation
    note = f"#note-{match.note}" if match.note is not None else ""
    return f"{match.letter if match.letter is not None else ''}{note}"


def describe(text: str) -> str:
    found = find_refs(text)
    return "\n".join(f"[{text[m.start : m.end]}] -> {target(m)}" for m in found) or "(none)"


@pytest.mark.parametrize("case", CASES, ids=[f"line {c.line}" for c in CASES])
def test_find_refs(case: Case) -> None:
    assert describe(case.text) == case.expected, f"{CASES_FILE.name}:{case.line}: {case.title}"


def test_the_cases_file_is_read_whole() -> None:
    assert len(CASES) >= 40
    assert {c.expected for c in CASES} >= {"(none)", "[the next letter] -> next"}


# The same cases, as notes of letter 33 in an edition that has letters 27 and 31-35.


def href_from_here(where: str) -> str | None:
    """The link a target of the cases file gets on letter 33's page; None if outside."""
    if where in ("next", "previous"):
        return f"{HERE + 1 if where == 'next' else HERE - 1}.html"
    letter, _, note = where.partition("#")
    fragment = f"#{note}" if note else ""
    if not letter or (int(letter) == HERE and fragment):
        return fragment
    return f"{letter}.html{fragment}" if int(letter) in (HERE, *OTHERS) else None


def note_item(number: int, text: str) -> str:
    lead = f"{number}. "
    return lead + textwrap.indent(text, " " * len(lead)).lstrip() + "\n\n"


@pytest.fixture(scope="module")
def refs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    markers = " ".join(f"Point {n}.[^{n}]" for n in range(1, 7))
    files = {}
    for number in OTHERS:
        files[f"letters/{number:03d}.md"] = letter_source(number, markers + "\n")
        files[f"notes/{number:03d}.md"] = "".join(
            note_item(n, f"Note {n} of letter {number}.") for n in range(1, 7)
        )
    files[f"letters/{HERE:03d}.md"] = letter_source(
        HERE, " ".join(f"Case {n}.[^{n}]" for n in range(1, len(CASES) + 1)) + "\n"
    )
    files[f"notes/{HERE:03d}.md"] = "".join(
        note_item(n, case.text) for n, case in enumerate(CASES, start=1)
    )
    root = write_edition(tmp_path_factory.mktemp("refs") / "edition", files)
    assert main(["build", "--root", str(root)]) == 0
    return root / "site"


def shown_refs(site: Path, note: int) -> list[tuple[str, str | None, bool]]:
    """(words, href or None if marked outside, written out?) of each ref in a note."""
    page = parse_page(site / "letters" / f"{HERE}.html")
    item = page.xpath(f"//li[@id='note-{note}']")[0]
    refs = item.xpath(".//*[contains(concat(' ', @class, ' '), ' ref ')]")
    return [
        (
            " ".join((ref.text or "").split()),
            ref.get("href"),
            not ref.xpath("ancestor::span[@class='ref-members']"),
        )
        for ref in refs
    ]


def expected_refs(case: Case) -> list[tuple[str, str | None, bool]]:
    if case.expected == "(none)":
        return []
    out = []
    for match in find_refs(case.text):
        words = " ".join(case.text[match.start : match.end].split())
        written = match.end > match.start
        if not written:
            words = str(match.note if match.note is not None else match.letter)
        out.append((words, href_from_here(target(match)), written))
    return out


@pytest.mark.parametrize(
    ("note", "case"), list(enumerate(CASES, start=1)), ids=[f"line {c.line}" for c in CASES]
)
def test_each_case_links_on_the_built_page(refs_site: Path, note: int, case: Case) -> None:
    assert describe(case.text) == case.expected  # so the page is checked against the file
    assert shown_refs(refs_site, note) == expected_refs(case), f"{CASES_FILE.name}:{case.line}"
