"""Property tests of the cross-reference finder and of parsing notes that hold refs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import letter_source
from epistola.core.diagnostics import Report
from epistola.core.records import SourceFile
from epistola.core.registers import build_alias_index
from epistola.parse.letter import parse_letter
from epistola.parse.refs import MAX_RANGE, find_refs

WORDS = st.sampled_from(
    [
        "note",
        "notes",
        "n.",
        "nn.",
        "letter",
        "letters",
        "to",
        "of",
        "in",
        "and",
        "above",
        "below",
        "the",
        "next",
        "previous",
        "see",
        "cf.",
        "June",
        "no.",
        ",",
        ".",
        "–",
        "-",
        "—",
        "(",
        ")",
        "\n",
        "27",
        "3",
        "31",
        "0",
        "99999999999999999999",
    ]
)
REF_TEXT = st.lists(st.one_of(WORDS, st.text(max_size=4)), max_size=30).map(" ".join)
ANY_TEXT = st.one_of(st.text(), REF_TEXT)


@given(ANY_TEXT)
def test_find_refs_never_crashes_and_spans_lie_inside_the_text(text: str) -> None:
    previous_start = 0
    for match in find_refs(text):
        assert 0 <= match.start <= match.end <= len(text)
        assert match.start >= previous_start or match.start == match.end
        previous_start = match.start
        assert match.phrase and " ".join(match.phrase.split()) == match.phrase
        if match.end > match.start:
            words = text[match.start : match.end]
            assert words == words.strip()
            assert any(ch.isdigit() for ch in words) or "letter" in words.lower()
        assert (match.letter is None) or match.letter >= 0
        assert bool(match.relation) == (match.letter is None and match.note is None)


NUMBER = st.integers(min_value=1, max_value=999)


@given(
    st.lists(NUMBER, min_size=1, max_size=5, unique=True),
    NUMBER,
    st.sampled_from([", ", " and ", ", and "]),
)
def test_a_written_list_of_notes_names_each_note_of_its_letter(
    notes: list[int], letter: int, joiner: str
) -> None:
    listed = ", ".join(map(str, notes[:-1])) + (joiner if len(notes) > 1 else "")
    text = f"For this, see notes {listed}{notes[-1]} to letter {letter}."
    found = find_refs(text)
    assert [(m.letter, m.note) for m in found] == [(letter, n) for n in notes]
    assert text[found[0].start :].startswith("notes ")
    assert text[: found[-1].end].endswith(f"to letter {letter}")


@given(NUMBER, st.integers(min_value=1, max_value=40), st.sampled_from(["–", "-", " to ", " — "]))
def test_a_range_of_letters_names_every_member_once(low: int, size: int, dash: str) -> None:
    high = low + size
    found = find_refs(f"compare letters {low}{dash}{high} with this one")
    assert sorted(m.letter for m in found if m.letter is not None) == list(range(low, high + 1))
    assert all(m.note is None for m in found)
    unwritten = [m for m in found if m.start == m.end]
    assert len(unwritten) == size - 1


def test_a_range_too_long_to_be_meant_is_not_expanded() -> None:
    found = find_refs(f"letters 1–{MAX_RANGE + 5}")
    assert [m.letter for m in found] == [1, MAX_RANGE + 5]


@settings(max_examples=60, deadline=None)
@given(REF_TEXT)
def test_parsing_notes_full_of_ref_words_never_raises(text: str) -> None:
    letter = SourceFile("letters/031.md", letter_source(31, "Text.[^1]\n"))
    notes = SourceFile("notes/031.md", "1. " + text.replace("\n", "\n   ") + "\n")
    report = Report()
    parsed = parse_letter(letter, notes, aliases=build_alias_index({}), report=report)
    for ref in parsed.refs:
        assert ref.location.path in ("letters/031.md", "notes/031.md")
        assert ref.location.line >= 1 and ref.location.column >= 1
