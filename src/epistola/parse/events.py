"""Dated events the editors name in their notes ("On 24 June 1927, the Commission …").

Pure functions over plain text: a date phrase is found by one regular expression, read
into an `EditorialDate`, and paired with the sentence it stands in. A phrase without a
year ("On 21 June") takes the year of the nearest dated phrase before it in the same
note; with none before it, it is left out rather than guessed.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from dataclasses import dataclass

from epistola.core.dates import MONTHS
from epistola.core.records import EditorialDate, Event, Letter

__all__ = ["DatedPhrase", "Event", "find_dated_phrases", "find_events"]

YEAR_MIN = 1000
"""The earliest year a phrase may name; smaller numbers are not read as years."""
YEAR_MAX = 2099
"""The latest year a phrase may name."""

_MONTH = "(?:" + "|".join(MONTHS) + ")"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1\d{3}|20\d{2})"
_QUALIFIERS = {
    # words (lower case) -> (label, first day, last day or 0 for the month's last)
    "early": ("Early", 1, 10),
    "the beginning of": ("Beginning of", 1, 10),
    "mid-": ("Mid-", 11, 20),
    "mid": ("Mid-", 11, 20),
    "the middle of": ("Middle of", 11, 20),
    "late": ("Late", 21, 0),
    "the end of": ("End of", 21, 0),
    "the first half of": ("First half of", 1, 15),
    "the second half of": ("Second half of", 16, 0),
}
_SEASONS = {
    # season -> (label, EDTF season code, first month, months it lasts)
    "spring": ("Spring", 21, 3, 3),
    "summer": ("Summer", 22, 6, 3),
    "autumn": ("Autumn", 23, 9, 3),
    "fall": ("Autumn", 23, 9, 3),
    "winter": ("Winter", 24, 12, 3),
}
_PHRASE = re.compile(
    # Every form starts at a word start with a digit or one of a few letters; saying so
    # first spares the alternatives at every other position of the text.
    r"\b(?=\d|[JFMASOND]|(?i:ea|mi|la|the [bmefs]|sp|su|au|fa|wi))(?:"
    rf"(?P<d1>{_DAY})(?:\s*[–—-]\s*|\s+(?:and|to)\s+)(?P<d2>{_DAY})\s+(?P<m1>{_MONTH})"
    rf"(?:,?\s+(?P<y1>{_YEAR}))?\b"
    rf"|(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"
    rf"|(?P<m2>{_MONTH})\s+(?P<d3>{_DAY}),\s*(?P<y2>{_YEAR})\b"
    r"|(?P<q>(?i:early|mid-|mid|late|the (?:beginning|middle|end|first half|second half) of))"
    rf"\s*(?P<m3>{_MONTH})(?:,?\s+(?P<y3>{_YEAR}))?\b"
    r"|(?P<s>(?i:spring|summer|autumn|fall|winter))(?:\s+of)?\s+"
    rf"(?P<y4>{_YEAR})(?:\s*[–/-]\s*(?P<y4b>\d\d)\b)?"
    rf"|(?P<m4>{_MONTH}),?\s+(?P<y5>{_YEAR})\b"
    rf"|(?P<y6>{_YEAR})\b"
    ")"
)
_SENTENCE_END = re.compile(r"[.!?]+[”\"’)\]*]*\s+(?=[“\"‘(\[*]*[A-Z])")
_NOT_AN_END = re.compile(
    r"(?:\b[A-Z]|\b(?:f|op|d|l|ll|ob|cf|vol|no|No|p|pp|Ed|ed|Mr|Mrs|Dr|St|ca|c|ibid))$"
)


@dataclass(frozen=True, slots=True)
class DatedPhrase:
    """A date named in prose, read and placed in its sentence."""

    date: EditorialDate
    """What the phrase means as EDTF, with its first and last possible day."""
    label: str
    """The date in words as the chronology shows it ("13–14 June 1927", "Spring 1926")."""
    words: str
    """The phrase exactly as it stands in the text."""
    start: int
    """Where the phrase starts in the text (character offset)."""
    sentence: str
    """The sentence of the text that holds the phrase, exactly as in the text."""


def find_events(letter: Letter) -> tuple[Event, ...]:
    """The dated events named in the notes of `letter`, in note order.

    A date equal to the writer's own date of the letter is the editors speaking of that
    dateline, not of an event, and is left out.
    """
    writers = {p.date.edtf for p in find_dated_phrases(letter.dated or "")}
    return tuple(
        Event(phrase.date, phrase.label, phrase.sentence, letter.number, note.number)
        for note in letter.notes
        for phrase in find_dated_phrases(note.text)
        if phrase.date.edtf not in writers
    )


def find_dated_phrases(text: str) -> tuple[DatedPhrase, ...]:
    """Every date phrase of `text` at least a month precise, in order; never raises."""
    ends = _sentence_ends(text)
    found: list[DatedPhrase] = []
    year: int | None = None
    for match in _PHRASE.finditer(text):
        stated = _year(match)
        if match["y6"] is not None:  # a bare year only lends its year to what follows
            year = stated
            continue
        year = stated if stated is not None else year
        read = _read(match, year) if year is not None else None
        if read is not None:
            date, label = read
            sentence = _sentence(text, ends, match.start())
            found.append(DatedPhrase(date, label, match[0], match.start(), sentence))
    return tuple(found)


def _year(match: re.Match[str]) -> int | None:
    for group in ("y1", "y", "y2", "y3", "y4", "y5", "y6"):
        if match[group] is not None:
            return int(match[group])
    return None


def _read(match: re.Match[str], year: int) -> tuple[EditorialDate, str] | None:
    """The phrase's date and its label, or None if it names a day that does not exist."""
    try:
        if match["d1"] is not None:
            return _days(year, match["m1"], _number(match["d1"]), _number(match["d2"]))
        if match["d"] is not None or match["d3"] is not None:
            day = _number(match["d"] or match["d3"])
            return _days(year, match["m"] or match["m2"], day, day)
        if match["q"] is not None:
            return _part_of_month(year, match["m3"], match["q"].lower())
        if match["s"] is not None:
            return _season(year, match["s"].lower(), match["y4b"])
        month = MONTHS.index(match["m4"]) + 1
        first = datetime.date(year, month, 1)
        date = EditorialDate(f"{year:04d}-{month:02d}", first, _month_end(year, month))
        return date, f"{match['m4']} {year}"
    except ValueError:
        return None


def _number(day: str) -> int:
    return int(day.rstrip("stndrh"))


def _days(year: int, month_name: str, first: int, last: int) -> tuple[EditorialDate, str]:
    month = MONTHS.index(month_name) + 1
    start, end = datetime.date(year, month, first), datetime.date(year, month, last)
    if end < start:
        raise ValueError("a range of days that ends before it starts")
    if first == last:
        return EditorialDate(start.isoformat(), start, end), f"{first} {month_name} {year}"
    edtf = f"{start.isoformat()}/{end.isoformat()}"
    return EditorialDate(edtf, start, end), f"{first}–{last} {month_name} {year}"


def _part_of_month(year: int, month_name: str, words: str) -> tuple[EditorialDate, str]:
    label, first, last = _QUALIFIERS[re.sub(r"\s+", " ", words)]
    month = MONTHS.index(month_name) + 1
    start = datetime.date(year, month, first)
    end = datetime.date(year, month, last) if last else _month_end(year, month)
    spoken = f"{label}{month_name}" if label.endswith("-") else f"{label} {month_name}"
    edtf = f"{start.isoformat()}/{end.isoformat()}"
    return EditorialDate(edtf, start, end, uncertain=True), f"{spoken} {year}"


def _season(year: int, name: str, next_year: str | None) -> tuple[EditorialDate, str]:
    label, code, first_month, months = _SEASONS[name]
    if next_year is not None and (year + 1) % 100 != int(next_year):
        raise ValueError("a season across years names the year after the first")
    start = datetime.date(year, first_month, 1)
    last_month = first_month + months - 1
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    end = _month_end(end_year, end_month)
    spoken = f"{label} {year}–{next_year}" if next_year else f"{label} {year}"
    return EditorialDate(f"{year:04d}-{code}", start, end, uncertain=True), spoken


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _sentence_ends(text: str) -> list[int]:
    """Offsets where a sentence ends, not counting abbreviations and initials."""
    return [
        match.end()
        for match in _SENTENCE_END.finditer(text)
        if not _NOT_AN_END.search(text, max(0, match.start() - 8), match.start())
    ]


def _sentence(text: str, ends: list[int], position: int) -> str:
    at = bisect.bisect_right(ends, position)
    start = ends[at - 1] if at else 0
    end = ends[at] if at < len(ends) else len(text)
    return text[start:end].strip()
