"""Note markers that lost their superscript ("Trud.2", "Wuhan4", "Nanking. 5") -> `[^N]`.

Any number glued to or trailing a word or punctuation may be a marker. Which ones are is
decided per letter by the notes: markers run 1, 2, 3 … in the order of the text, so the
longest increasing run of candidates that are note numbers wins, and "3 or 4 million",
"1905 and 1917" or a numbered point "1)" stay text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

_NUMBER = re.compile(r"\d+")
_CLOSERS = frozenset(".,:;!?)]\"'”’»")
"""Punctuation a marker may follow: it sits after the sentence or clause it explains."""
_NEXT_SENTENCE = re.compile(r"\s+[A-Z\"“‘'(\[]")

GLUED, SPACED_AFTER_PUNCTUATION, SPACED_AFTER_WORD = 3, 2, 1
"""How sure a candidate is, best first; breaks ties between equally long runs."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A number in the letter's text that may be a note marker."""

    row: int
    """Index of its line among the letter's lines."""
    start: int
    """Where the text a marker replaces begins in the line (a space before it included)."""
    end: int
    """Where that text ends (just after the digits)."""
    digits_at: int
    """Where the digits begin, for diagnostics."""
    value: int
    """The number."""
    strength: int
    """GLUED, SPACED_AFTER_PUNCTUATION or SPACED_AFTER_WORD."""


def find_candidates(row: int, text: str) -> list[Candidate]:
    """Every number in one line that stands where a marker could stand."""
    found = []
    for match in _NUMBER.finditer(text):
        strength = _strength(text, match.start(), match.end())
        if strength:
            start = match.start() - (strength != GLUED)
            value = int(match[0])
            found.append(Candidate(row, start, match.end(), match.start(), value, strength))
    return found


def _strength(text: str, start: int, end: int) -> int:
    digits = text[start:end]
    if start == 0 or len(digits) > 3 or digits[0] == "0":
        return 0
    after = text[end : end + 2]
    if after[:1].isalnum() or (after[:1] in ".,:" and after[1:2].isdigit()):
        return 0  # "23rd", "1.5", "10,000"
    before = text[start - 1]
    if before.isalpha():
        return GLUED
    if before in _CLOSERS:
        return GLUED if _not_a_number_part(text, start - 1) else 0
    if before == " " and start >= 2 and _ends_clause(text, end):
        previous = text[start - 2]
        if previous in _CLOSERS:
            return SPACED_AFTER_PUNCTUATION
        if previous.isalpha():
            return SPACED_AFTER_WORD
    return 0


def _not_a_number_part(text: str, punctuation_at: int) -> bool:
    """False for the "5" of "1.5" or "3:4"; a year may end a sentence ("in 1927.2")."""
    digits = re.search(r"\d+$", text[:punctuation_at])
    return digits is None or len(digits[0]) == 4


def _ends_clause(text: str, end: int) -> bool:
    """A spaced number is a marker only at the end of a line or before a new sentence."""
    return not text[end:].strip() or bool(_NEXT_SENTENCE.match(text, end))


def choose_markers(candidates: Sequence[Candidate], notes: Collection[int]) -> list[Candidate]:
    """The longest run of candidates whose numbers are notes and increase, surest first."""
    usable = [c for c in candidates if c.value in notes]
    score: list[tuple[int, int]] = []
    back: list[int] = []
    for i, candidate in enumerate(usable):
        best, link = (1, candidate.strength), -1
        for j in range(i):
            if usable[j].value < candidate.value:
                option = (score[j][0] + 1, score[j][1] + candidate.strength)
                if option > best:
                    best, link = option, j
        score.append(best)
        back.append(link)
    if not usable:
        return []
    i = max(range(len(usable)), key=score.__getitem__)
    chain = []
    while i >= 0:
        chain.append(usable[i])
        i = back[i]
    return chain[::-1]
