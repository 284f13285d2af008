"""Dates as a printed edition states them -> EDTF, and the writer's own date."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from epistola.core.dates import MONTHS

_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBER.update({name[:3].lower(): i for i, name in enumerate(MONTHS, start=1)})
_MONTH_NUMBER["sept"] = 9
_MONTH = r"[A-Z][a-z]+"
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})\s+({_MONTH})\.?,?\s+(\d{{4}})")
_MONTH_DAY_YEAR = re.compile(rf"({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})")
_DAYS_MONTH_YEAR = re.compile(rf"(\d{{1,2}})\s*[-–—]\s*(\d{{1,2}})\s+({_MONTH})\.?,?\s+(\d{{4}})")
_MONTH_YEAR = re.compile(rf"({_MONTH})\.?,?\s+(\d{{4}})")
_YEAR = re.compile(r"(\d{4})")
_PART = re.compile(
    r"(early|beginning of|first half of|mid-|middle of|mid|second half of|late|end of)\s*(.*)",
    re.IGNORECASE,
)
_PART_DAYS = {
    "early": (1, 10),
    "beginning": (1, 10),
    "first": (1, 15),
    "mid": (11, 20),
    "middle": (11, 20),
    "second": (16, 31),
    "late": (21, 31),
    "end": (21, 31),
}
"""The days a part of a month stands for, before the neighbouring letters narrow them."""
_QUALIFIED = re.compile(r"(?:(c\.|ca\.|circa)\s*)?(.*?)\s*(\?)?")
_WRITERS_DATE_IN_NOTE = re.compile(
    r"\b(?:dates?|dated)\s+(?:the\s+)?letter\s+[\"“]?(?P<a>\d{1,2}\s+[A-Z][a-z]+\s+\d{4})"
    r"|\bdate\s+(?:(?:inserted|written|placed|put)\s*by\s+[A-Z][\w’'.-]*\s*(?:is\s+|:\s*)?)?"
    r"[\"“]?(?P<b>\d{1,2}\s+[A-Z][a-z]+\s+\d{4})"
)


@dataclass(frozen=True, slots=True)
class EditorsDate:
    """The editors' date of a letter, read from "[27 June 1927]" or "[Early July 1927]"."""

    edtf: str
    """The date in EDTF: `1927-06-27`, `1927-07`, `1927-07-01/1927-07-10`, `1927-06-27?`."""
    label: str | None
    """The editors' words, kept when the EDTF alone says them badly ("Early July 1927")."""
    earliest: datetime.date
    """First day the date allows."""
    latest: datetime.date
    """Last day the date allows."""
    guessed: bool = False
    """True when the import chose the days ("Early July" -> days 1-10); the editor checks."""


def read_editors_date(text: str) -> EditorsDate | None:
    """EDTF for the editors' wording, or None if it is none of the forms editors use."""
    text = " ".join(text.split())
    qualified = _QUALIFIED.fullmatch(text)
    assert qualified is not None
    circa, core, query = qualified.groups()
    if circa or query:
        inner = _exact(core)
        if inner is None:
            return None
        mark = "%" if circa and query else "~" if circa else "?"
        return EditorsDate(inner.edtf + mark, text, inner.earliest, inner.latest)
    part = _PART.fullmatch(text)
    if part:
        return _part_of_month(part[1].lower(), part[2], text)
    days = _DAYS_MONTH_YEAR.fullmatch(text)
    if days:
        first, last = _day(days[4], days[3], days[1]), _day(days[4], days[3], days[2])
        if first and last and first < last:
            return _interval(first, last, text)
    return _exact(text)


def _exact(text: str) -> EditorsDate | None:
    for pattern, order in ((_DAY_MONTH_YEAR, (3, 2, 1)), (_MONTH_DAY_YEAR, (3, 1, 2))):
        match = pattern.fullmatch(text)
        if match:
            day = _day(*(match[i] for i in order))
            return EditorsDate(day.isoformat(), None, day, day) if day else None
    match = _MONTH_YEAR.fullmatch(text)
    if match:
        first = _day(match[2], match[1], "1")
        if first is None:
            return None
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return EditorsDate(first.isoformat()[:7], None, first, last)
    if _YEAR.fullmatch(text):
        year = int(text)
        return EditorsDate(text, None, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return None


def _part_of_month(part: str, rest: str, label: str) -> EditorsDate | None:
    month = _exact(rest)
    if month is None or len(month.edtf) != 7:
        return None
    first_day, last_day = _PART_DAYS[part.split()[0].rstrip("-")]
    last_day = min(last_day, month.latest.day)
    first, last = month.earliest.replace(day=first_day), month.earliest.replace(day=last_day)
    return _interval(first, last, label, guessed=True)


def _interval(
    first: datetime.date, last: datetime.date, label: str, *, guessed: bool = False
) -> EditorsDate:
    return EditorsDate(f"{first.isoformat()}/{last.isoformat()}", label, first, last, guessed)


def narrowed(
    date: EditorsDate, before: datetime.date | None, after: datetime.date | None
) -> EditorsDate:
    """An interval cut to the days after the previous letter and before the next one.

    The dump prints letters in order, so an undated letter lies between its neighbours.
    """
    first, last = date.earliest, date.latest
    if after is not None and first <= after < last:
        first = after + datetime.timedelta(days=1)
    if before is not None and first < before <= last:
        last = before - datetime.timedelta(days=1)
    if (first, last) == (date.earliest, date.latest):
        return date
    return _interval(first, last, date.label or "", guessed=True)


def _day(year: str, month: str, day: str) -> datetime.date | None:
    number = _MONTH_NUMBER.get(month.lower())
    if number is None:
        return None
    try:
        return datetime.date(int(year), number, int(day))
    except ValueError:
        return None


def is_dateline(text: str) -> bool:
    """True for a line that is only a date, as a writer puts one under a letter."""
    text = text.strip().rstrip(".")
    for pattern, order in ((_DAY_MONTH_YEAR, (3, 2, 1)), (_MONTH_DAY_YEAR, (3, 1, 2))):
        match = pattern.fullmatch(text)
        if match and _day(*(match[i] for i in order)) is not None:
            return True
    return False


def writers_date_in_note(text: str) -> str | None:
    """The writer's date as a note reports it ("Stalin dates the letter 16 July 1926")."""
    match = _WRITERS_DATE_IN_NOTE.search(text)
    if match is None:
        return None
    found = match["a"] or match["b"]
    return found if is_dateline(found) else None
