"""Find cross-references written as editors write them ("see note 4 to letter 27").

Pure text in, matches out: which letter or note each phrase points to is decided here
only as far as the words say; whether the target exists is for `link.py`.

A phrase that names several targets ("notes 2 and 3 to letter 33") gives one match per
target. The first one's words start with the phrase and the last one's end with it, so
the links read "notes 2" and "3 to letter 33". Members of a range that are not written
out ("32" in "letters 31–33") get an empty span at the end of the phrase; `render.py`
shows them there as a short list of links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_RANGE = 200
"""A range longer than this ("letters 1–90000") is surely a typo; it is not expanded."""

_JOIN = r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*[–—-]\s*|\s+to\s+(?=\d)"
_NUMBERS = rf"\d+(?:(?:{_JOIN})\d+)*"
_NOTE_WORD = r"(?:notes?|nn?\.)"
# "no." counts only right before its number, so "letter no.\n3." is not letter 3.
_LETTER_WORD = r"letter(?:\s+no\.(?=[ \u00a0]?\d))?"
_LETTERS_WORD = r"letters?(?:\s+nos?\.(?=[ \u00a0]?\d))?"
# "dates the letter 27 June 1926" names a day, not letter 27.
# Nor is "letter 31-2b" or "letters 3.5" a ref.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
_NOT_A_DAY = rf"(?!\s+{_MONTH})(?![–—-]?\d|[.,]\d)"
_PATTERN = re.compile(
    # Every form starts with n, l or t; saying so first lets most positions fail at once.
    rf"""(?=[nlt])(?:
    \b{_NOTE_WORD}\s+(?P<notes>{_NUMBERS})\s+(?:to|in|of)\s+
        {_LETTER_WORD}\s+(?P<note_letter>\d+)\b{_NOT_A_DAY}
    | \b{_LETTER_WORD}\s+(?P<letter_first>\d+),?\s+{_NOTE_WORD}\s+(?P<notes_after>{_NUMBERS})\b
    | \b{_NOTE_WORD}\s+(?P<here_notes>{_NUMBERS})\s+(?:above|below)\b
    | (?<=see\s|cf\.\s)\b{_NOTE_WORD}\s+(?P<see_notes>{_NUMBERS})\b(?![.,]?\d)
    | \b{_LETTERS_WORD}\s+(?P<letters>{_NUMBERS})\b{_NOT_A_DAY}
    | \bthe\s+(?P<relation>next|following|previous|preceding)\s+letter\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_NUMBER = re.compile(r"\d+")
_RANGE = re.compile(r"\s*[–—-]\s*|\s+to\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RefMatch:
    """One target named in a piece of text."""

    start: int
    """Where the linked words start in the text."""
    end: int
    """Where they end; equal to `start` for a range member that is not written out."""
    letter: int | None
    """The letter named, or None when it is this letter or a relative one."""
    note: int | None
    """The note named, or None for a whole letter."""
    relation: str = ""
    """`next` or `previous` for "the next letter"; empty otherwise."""
    phrase: str = ""
    """The whole phrase the target is named in ("notes 2–4 to letter 34"), for messages."""


def find_refs(text: str) -> list[RefMatch]:
    """Every cross-reference in `text`, in order."""
    found: list[RefMatch] = []
    for match in _PATTERN.finditer(text):
        phrase = " ".join(match[0].split())
        if match["relation"]:
            relation = match["relation"].lower()
            relation = "next" if relation in ("next", "following") else "previous"
            found.append(RefMatch(match.start(), match.end(), None, None, relation, phrase))
            continue
        group, letter = _numbers_group(match)
        for start, end, number in _spans(match, group):
            if group == "letters":
                found.append(RefMatch(start, end, number, None, phrase=phrase))
            else:
                found.append(RefMatch(start, end, letter, number, phrase=phrase))
    return found


def _numbers_group(match: re.Match[str]) -> tuple[str, int | None]:
    """Which group holds the list of numbers, and the letter the notes belong to."""
    if match["notes"]:
        return "notes", int(match["note_letter"])
    if match["notes_after"]:
        return "notes_after", int(match["letter_first"])
    if match["here_notes"]:
        return "here_notes", None
    if match["see_notes"]:
        return "see_notes", None
    return "letters", None


def _spans(match: re.Match[str], group: str) -> list[tuple[int, int, int]]:
    """(start, end, number) of each target, widened to the phrase at both ends."""
    members = _members(match, group)
    if len(members) == 1:
        return [(match.start(), match.end(), members[0][2])]
    written = [i for i, (start, end, _) in enumerate(members) if end > start]
    first, last = written[0], written[-1]
    spans = []
    for i, (start, end, number) in enumerate(members):
        if end == start:
            spans.append((match.end(), match.end(), number))
            continue
        spans.append(
            (match.start() if i == first else start, match.end() if i == last else end, number)
        )
    return sorted(spans, key=lambda span: (span[0], span[1] == span[0]))


def _members(match: re.Match[str], group: str) -> list[tuple[int, int, int]]:
    """The numbers of a list such as `2, 3 and 5` or `2–4`, as (start, end, number)."""
    offset = match.start(group)
    listed = match[group]
    written = [(offset + m.start(), offset + m.end(), int(m[0])) for m in _NUMBER.finditer(listed)]
    members: list[tuple[int, int, int]] = []
    for i, item in enumerate(written):
        members.append(item)
        if i + 1 < len(written):
            between = listed[item[1] - offset : written[i + 1][0] - offset]
            low, high = item[2], written[i + 1][2]
            if _RANGE.fullmatch(between) and 0 < high - low <= MAX_RANGE:
                members += [(item[1], item[1], n) for n in range(low + 1, high)]
    return members
