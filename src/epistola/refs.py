"""Find cross-references written as editors write them ("see note 4 to letter 27").

Pure text in, matches out: which letter or note each phrase points to is decided here
only as far as the words say; whether the target exists is for `link.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_RANGE = 200
"""A range longer than this ("letters 1–90000") is surely a typo; it is not expanded."""

_NUMBERS = r"\d+(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*[–—-]\s*)\d+)*"
_NOTE_WORD = r"(?:notes?|nn?\.)"
# "dates the letter 27 June 1926" names a day, not letter 27.
_NOT_A_DAY = r"(?!\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)(?![–—-]?\d)"
_PATTERN = re.compile(
    rf"""
    \b(?P<note_word>{_NOTE_WORD})\s+(?P<notes>{_NUMBERS})\s+(?:to|in|of)\s+
        (?P<note_letter_word>letter)\s+(?P<note_letter>\d+)\b{_NOT_A_DAY}
    | \b(?P<here_word>{_NOTE_WORD})\s+(?P<here_notes>{_NUMBERS})\s+(?P<direction>above|below)\b
    | \b(?P<letter_word>letters?)\s+(?P<letters>{_NUMBERS})\b{_NOT_A_DAY}
    | \bthe\s+(?P<relation>next|following|previous|preceding)\s+letter\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_NUMBER = re.compile(r"\d+")
_RANGE_DASH = re.compile(r"\s*[–—-]\s*")


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


def find_refs(text: str) -> list[RefMatch]:
    """Every cross-reference in `text`, in order."""
    found: list[RefMatch] = []
    for match in _PATTERN.finditer(text):
        if match["notes"]:
            letter = int(match["note_letter"])
            members = _members(match, "notes")
            if len(members) == 1:
                number = members[0][2]
                found.append(RefMatch(match.start(), match.end(), letter, number))
            else:
                found += [RefMatch(s, e, letter, n) for s, e, n in members]
        elif match["here_notes"]:
            members = _members(match, "here_notes")
            if len(members) == 1:
                found.append(RefMatch(match.start(), match.end(), None, members[0][2]))
            else:
                found += [RefMatch(s, e, None, n) for s, e, n in members]
        elif match["letters"]:
            members = _members(match, "letters")
            if len(members) == 1:
                found.append(RefMatch(match.start(), match.end(), members[0][2], None))
            else:
                found += [RefMatch(s, e, n, None) for s, e, n in members]
        else:
            relation = match["relation"].lower()
            relation = "next" if relation in ("next", "following") else "previous"
            found.append(RefMatch(match.start(), match.end(), None, None, relation))
    return found


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
            if _RANGE_DASH.fullmatch(between) and 0 < high - low <= MAX_RANGE:
                members += [(item[1], item[1], n) for n in range(low + 1, high)]
    return members
