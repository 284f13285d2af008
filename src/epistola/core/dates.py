"""EDTF strings -> EditorialDate.

The `edtf` library reads the whole of EDTF but takes milliseconds a call, so the forms
editors write nearly always (a day, a month, a year, an interval of those, with `?`,
`~` or `%`) are read here directly and everything else goes to the library.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re

from epistola.core.records import EditorialDate

_SIMPLE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)")

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class DateError(ValueError):
    """The text is not an EDTF date, or names a day that does not exist."""


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> EditorialDate:
    """Read an EDTF date; raise DateError with a message an editor can act on."""
    text = text.strip()
    if "/" in text:
        start, _, end = text.partition("/")
        first, last = _simple(start), _simple(end)
        if first is not None and last is not None:
            if last[1] < first[0]:
                raise DateError(f"interval '{text}' ends before it starts")
            return EditorialDate(text, first[0], last[1], uncertain=True)
    else:
        bounds = _simple(text)
        if bounds is not None:
            earliest, latest, uncertain = bounds
            return EditorialDate(text, earliest, latest, uncertain=uncertain)
    return _parse_with_library(text)


def _simple(text: str) -> tuple[datetime.date, datetime.date, bool] | None:
    match = _SIMPLE.fullmatch(text)
    if match is None:
        return None
    year, month, day, qualifier = match.groups()
    y = int(year)
    if month is not None and not 1 <= int(month) <= 12:
        return None  # seasons (21-24) and the like are the library's to read
    try:
        if day is not None:
            exact = datetime.date(y, int(month), int(day))
            return exact, exact, bool(qualifier)
        if month is not None:
            m = int(month)
            last_day = calendar.monthrange(y, m)[1]
            return datetime.date(y, m, 1), datetime.date(y, m, last_day), bool(qualifier)
    except ValueError:
        days = calendar.monthrange(y, int(month))[1]
        raise DateError(
            f"date '{text}' names a day that does not exist: {MONTHS[int(month) - 1]} {y}"
            f" has {days} days"
        ) from None
    return datetime.date(y, 1, 1), datetime.date(y, 12, 31), bool(qualifier)


def _parse_with_library(text: str) -> EditorialDate:
    try:
        from edtf import parse_edtf  # costs a sixth of a second to load; rarely needed

        parsed = parse_edtf(text)
        lower, upper = parsed.lower_strict(), parsed.upper_strict()
        earliest = datetime.date(lower.tm_year, lower.tm_mon, lower.tm_mday)
        latest = datetime.date(upper.tm_year, upper.tm_mon, upper.tm_mday)
    except Exception:  # the library raises several unrelated types for bad input
        raise DateError(
            f"date '{text}' is not an EDTF date such as 1927-06-13, 1927-06 or 1927-07~"
        ) from None
    return EditorialDate(text, earliest, latest, uncertain=True)
