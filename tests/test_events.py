"""Dated events in editorial notes: the fixture cases and properties of the finder."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import find, given
from hypothesis import strategies as st

from conftest import REPO
from epistola.core.dates import MONTHS
from epistola.parse.events import YEAR_MAX, YEAR_MIN, find_dated_phrases

CASES = Path(__file__).parent / "cases" / "events.txt"


def read_cases(path: Path) -> list[tuple[int, str, str, list[str]]]:
    """(line, title, text, expected lines) of each case, markdown-it-py fixture style."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases = []
    i = 0
    while i < len(lines):
        if lines[i] and not lines[i].startswith("#") and lines[i + 1 : i + 2] == ["."]:
            end_text = lines.index(".", i + 2)
            end_expected = lines.index(".", end_text + 1)
            text = "\n".join(lines[i + 2 : end_text])
            cases.append((i + 1, lines[i], text, lines[end_text + 1 : end_expected]))
            i = end_expected
        i += 1
    return cases


@pytest.mark.parametrize(
    ("line", "title", "text", "expected"),
    read_cases(CASES),
    ids=[f"events.txt:{case[0]}" for case in read_cases(CASES)],
)
def test_case(line: int, title: str, text: str, expected: list[str]) -> None:
    found = [f"{p.date.edtf} | {p.label} | {p.sentence}" for p in find_dated_phrases(text)]
    assert found == expected, f"{CASES.name}:{line}: {title}"


def test_the_fixture_file_has_its_cases() -> None:
    assert len(read_cases(CASES)) >= 20


PIECES = [*"abcdefg ABC .,;:–-()“”’\n0123456789", *MONTHS]
PIECES += [" on ", " of ", " and ", " spring ", " winter ", " early ", " mid-", " late "]
PIECES += [" 1927", " 2099", " 999", " 31 ", " 29 February ", " f. ", " A. ", "! "]
PIECES += [" On 13 June 1927, ", " 21 June", " spring of 1926", " 2 and 4 May 1930. "] * 3
PROSE = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
"""Text made of the pieces date phrases are made of, so that many cases hold dates."""


def test_the_generated_prose_holds_dates() -> None:
    found = find(PROSE, lambda text: len(find_dated_phrases(text)) >= 2)
    assert len(find_dated_phrases(found)) >= 2


@given(PROSE)
def test_never_raises_and_every_sentence_is_in_the_text(text: str) -> None:
    for phrase in find_dated_phrases(text):
        assert phrase.sentence in text
        assert phrase.words in phrase.sentence or phrase.sentence in phrase.words
        assert text[phrase.start : phrase.start + len(phrase.words)] == phrase.words


@given(PROSE)
def test_dates_are_within_bounds_and_in_order(text: str) -> None:
    for phrase in find_dated_phrases(text):
        assert YEAR_MIN <= phrase.date.earliest.year <= YEAR_MAX
        assert phrase.date.latest.year <= YEAR_MAX + 1  # a winter ends in the next year
        assert phrase.date.earliest <= phrase.date.latest


@given(st.dates(min_value=datetime.date(YEAR_MIN, 1, 1), max_value=datetime.date(YEAR_MAX, 12, 31)))
def test_a_written_day_reads_back_as_that_day(day: datetime.date) -> None:
    text = f"It happened on {day.day} {MONTHS[day.month - 1]} {day.year}. Then more."
    (phrase,) = find_dated_phrases(text)
    assert phrase.date.earliest == phrase.date.latest == day
    assert phrase.date.edtf == day.isoformat()
    assert phrase.sentence == f"It happened on {day.day} {MONTHS[day.month - 1]} {day.year}."


def test_the_sample_notes_have_no_phrase_outside_their_text() -> None:
    for path in sorted((REPO / "notes").glob("0*.md")):
        text = path.read_text(encoding="utf-8")
        for phrase in find_dated_phrases(text):
            assert phrase.sentence in text
