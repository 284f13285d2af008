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

import functools
import re
from dataclasses import dataclass

from epistola.parse.refgrammar import RefGrammar, grammar_for

MAX_RANGE = 200
"""A range longer than this ("letters 1–90000") is surely a typo; it is not expanded."""


@functools.cache
def _pattern(grammar: RefGrammar) -> re.Pattern[str]:
    g = grammar
    conjunction, range_to = rf"(?:{g.conjunction})", rf"(?:{g.range_to})"
    join = rf"\s*,\s*(?:{conjunction}\s+)?|\s+{conjunction}\s+|\s*[–—-]\s*|\s+{range_to}\s+(?=\d)"
    numbers = rf"\d+(?:(?:{join})\d+)*"
    # The number sign counts only right before its number, so "letter no.\n3." is not letter 3.
    sign = rf"(?:\s+(?:{g.number_sign})(?=[ \u00a0]?\d))?"
    letter_word = rf"(?:{g.letter}){sign}"
    letters_word = rf"(?:{g.letters}|{g.letter}){sign}"
    note_word = rf"(?:{g.note})"
    see = "|".join(f"(?<={word})" for word in g.see)
    # "dates the letter 27 June 1926" names a day, not letter 27.
    # Nor is "letter 31-2b" or "letters 3.5" a ref.
    not_a_day = rf"(?!\s+{g.months})(?![–—-]?\d|[.,]\d)"
    return re.compile(
        rf"""(?=[{g.starts}])(?:
        \b{note_word}\s+(?P<notes>{numbers})\s+(?:{g.of})\s+
            {letter_word}\s+(?P<note_letter>\d+)\b{not_a_day}
        | \b{letter_word}\s+(?P<letter_first>\d+),?\s+{note_word}\s+(?P<notes_after>{numbers})\b
        | \b{note_word}\s+(?P<here_notes>{numbers})\s+(?:{g.here})(?!\w)
        | (?:{see})\b{note_word}\s+(?P<see_notes>{numbers})\b(?![.,]?\d)
        | \b(?P<letters_word>{letters_word})\s+(?P<letters>{numbers})\b{not_a_day}
        | {g.relation}
        )""",
        re.IGNORECASE | re.VERBOSE,
    )


_NUMBER = re.compile(r"\d+")


@functools.cache
def _dotted_date(grammar: RefGrammar) -> re.Pattern[str]:
    """After a number, the rest of a day written with a dot ("6. 12. 1899", "6. Dezember")."""
    return re.compile(rf"\.[ \u00a0]?(?:\d{{1,2}}\.|{grammar.months})", re.IGNORECASE)


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
    doubt: str = ""
    """Why the words may mean more than is linked ("letter 12, 13"), for a warning."""


def find_refs(text: str, language: str = "en") -> list[RefMatch]:
    """Every cross-reference in `text`, in order, read by the grammar of `language`."""
    grammar = grammar_for(language)
    found: list[RefMatch] = []
    for match in _pattern(grammar).finditer(text):
        if match["relation"]:
            word = match["relation"].lower()
            relation = "next" if word.startswith(grammar.next_words) else "previous"
            phrase = " ".join(match[0].split())
            found.append(RefMatch(match.start(), match.end(), None, None, relation, phrase))
            continue
        group, letter = _numbers_group(match)
        written, doubt = _written(match, group, grammar)
        if not written:
            continue
        end = match.end() if len(written) == len(_listed(match, group)) else written[-1][1]
        phrase = " ".join(text[match.start() : end].split())
        members = _with_ranges(text, written, grammar)
        for i, (start, stop, number) in enumerate(_spans(match.start(), end, members)):
            note = None if group == "letters" else number
            target = number if group == "letters" else letter
            found.append(RefMatch(start, stop, target, note, "", phrase, doubt if i == 0 else ""))
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


def _listed(match: re.Match[str], group: str) -> list[tuple[int, int, int]]:
    """The numbers written in a list such as `2, 3 and 5` or `2–4`: (start, end, number)."""
    offset = match.start(group)
    return [
        (offset + m.start(), offset + m.end(), int(m[0])) for m in _NUMBER.finditer(match[group])
    ]


def _written(
    match: re.Match[str], group: str, grammar: RefGrammar
) -> tuple[list[tuple[int, int, int]], str]:
    """The members of the list the words mean, and a doubt to report about the rest.

    A number followed by the rest of a dotted date ("6. 12. 1899") ends the list before
    it; a bare letter number so followed is a day, not a letter. After the singular word
    ("letter 12, 13") only a list joined by the conjunction is a list ("letter 12 and 13");
    otherwise the first number alone is meant, and the rest is reported as a doubt.
    """
    text = match.string
    listed = _listed(match, group)
    dotted = _dotted_date(grammar)
    cut = next((i for i, m in enumerate(listed) if dotted.match(text, m[1])), None)
    if cut is not None:
        listed = listed[: max(cut, 1 if group != "letters" else 0)]
    if group != "letters" or len(listed) < 2 or _plural(match["letters_word"], grammar):
        return listed, ""
    joins = [text[a[1] : b[0]] for a, b in zip(listed, listed[1:], strict=False)]
    conjunction = re.compile(rf"\s*,?\s+(?:{grammar.conjunction})\s+", re.IGNORECASE)
    if all(conjunction.fullmatch(join) for join in joins):
        return listed, ""
    word = " ".join(match["letters_word"].split())
    words = " ".join(text[match.start() : listed[-1][1]].split())
    return listed[:1], (
        f"'{words}' reads as a list after the singular '{word}': only {listed[0][2]} is"
        f" linked; write the plural for a list, or '{grammar.conjunction}' between its numbers"
    )


def _plural(word: str, grammar: RefGrammar) -> bool:
    return re.match(rf"(?:{grammar.letters})(?!\w)", word, re.IGNORECASE) is not None


def _spans(start: int, end: int, members: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, number) of each target, widened to the phrase at both ends."""
    if len(members) == 1:
        return [(start, end, members[0][2])]
    last_written = max(stop for _, stop, _ in members)
    spans = []
    for i, (first, stop, number) in enumerate(members):
        if first == stop:
            spans.append((end, end, number))
            continue
        spans.append((start if i == 0 else first, end if stop == last_written else stop, number))
    return sorted(spans, key=lambda span: (span[0], span[1] == span[0]))


def _with_ranges(
    text: str, written: list[tuple[int, int, int]], grammar: RefGrammar
) -> list[tuple[int, int, int]]:
    """The written numbers, and after each range the members not written out (empty spans)."""
    joined_by_range = re.compile(rf"\s*[–—-]\s*|\s+(?:{grammar.range_to})\s+", re.IGNORECASE)
    members: list[tuple[int, int, int]] = []
    for item, following in zip(written, [*written[1:], None], strict=True):
        members.append(item)
        if following is None:
            continue
        low, high = item[2], following[2]
        if joined_by_range.fullmatch(text, item[1], following[0]) and 0 < high - low <= MAX_RANGE:
            members += [(item[1], item[1], n) for n in range(low + 1, high)]
    return members
