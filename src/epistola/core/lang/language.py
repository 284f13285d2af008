"""A language of the interface: its catalog of words, and its locale's ways with dates and
numbers; and the language the pages being made are in (see `speaking`)."""

from __future__ import annotations

import calendar
import contextlib
import datetime
import functools
import gettext as gettext_module
import re
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import DateTimePattern, get_month_names, match_skeleton, parse_pattern
from babel.numbers import format_decimal

from epistola.core.config import CONFIG_NAME
from epistola.core.lang.catalogs import find_catalog, load_catalog
from epistola.core.records import EditorialDate, Location

if TYPE_CHECKING:
    from epistola.core.config import Config
    from epistola.core.diagnostics import Report

ENGLISH = "en"
"""The theme's own words are English: English needs no catalog."""
_CLDR_NAMES = {"en": "en_001"}
"""CLDR's `en` is American English ("June 23, 1927"). An edition that says only `en`
writes for readers anywhere, whose rules CLDR keeps as `en_001` ("23 June 1927")."""
_SHORT_MONTH = re.compile(r"(?<!M)MMM(?!M)")


@dataclass(frozen=True, eq=False)
class Language:
    """The words and the locale of one language of the interface."""

    tag: str
    """The BCP 47 tag from `edition.yaml` (`de`, `fr`, `de-AT`), as the pages' `lang`."""
    locale: Locale
    """CLDR's data for it: month names, date patterns, plural rules, digits."""
    translations: gettext_module.NullTranslations
    """The catalog's words; for English, or a language without a catalog, the theme's own."""
    _patterns: _Patterns = field(init=False, repr=False)
    """The locale's date patterns, parsed when the language is made."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_patterns", _patterns_of(self.locale))

    def gettext(self, message: str, /, **values: object) -> str:
        """`message` in this language, with `%(name)s` filled from `values`."""
        words = self.translations.gettext(message)
        return words % values if values else words

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form for `count` (by the language's plural rules), filled from `values`."""
        words = self.translations.ngettext(singular, plural, count)
        return words % values if values else words

    def number(self, value: int) -> str:
        """A whole number with the locale's digit groups (`4,400`, `4.400`, `4 400`)."""
        return str(format_decimal(value, locale=self.locale))

    def month_name(self, month: int) -> str:
        """The month alone, as a heading or a link names it (`June`, `Juni`, `juin`)."""
        return self._patterns.months[month]

    def month_year(self, year: int, month: int) -> str:
        """A month of a year (`June 1927`, `Juni 1927`, `juin 1927`)."""
        return str(self._patterns.month_year.apply(datetime.date(year, month, 1), self.locale))

    def day(self, day: datetime.date) -> str:
        """A day in full (`23 June 1927`, `23. Juni 1927`, `23 juin 1927`)."""
        return str(self._patterns.day.apply(day, self.locale))

    def date(self, date: EditorialDate) -> str:
        """An editors' date in words: `23 June 1927`, `July 1927`, `1–7 July 1927`,
        `c. July 1927` (approximate), `July 1927?` (uncertain)."""
        known = self._patterns.said.get(date)
        if known is None:
            known = self._patterns.said[date] = self._date(date)
        return known

    def _date(self, date: EditorialDate) -> str:
        first, last = date.earliest, date.latest
        if first == last:
            words = self.day(first)
        elif first.day == 1 and last == _month_end(first):
            words = self.month_year(first.year, first.month)
        elif (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and (
            first.year == last.year
        ):
            words = str(first.year)
        else:
            words = self.days(first, last)
        qualifier = date.edtf[-1:] if "/" not in date.edtf else ""
        if qualifier in ("~", "%"):
            return self.gettext("c. %(date)s", date=words)
        if qualifier == "?":
            return self.gettext("%(date)s?", date=words)
        return words

    def days(self, first: datetime.date, last: datetime.date) -> str:
        """The days from `first` to `last`, by CLDR's interval patterns with the months
        written out (`1–7 July 1927`, `1. Juni – 10. Juli 1927`)."""
        differs = "y" if first.year != last.year else "M" if first.month != last.month else "d"
        patterns = self._patterns.intervals.get(differs)
        if not patterns:
            return f"{self.day(first)} – {self.day(last)}"
        words = "".join(
            str(pattern.apply(day, self.locale))
            for pattern, day in zip(patterns, (first, last), strict=True)
        )
        # CLDR sets thin spaces around the dash; the pages use word spaces, as elsewhere
        return words.replace("\u2009", " ")


@dataclass(frozen=True, slots=True)
class _Patterns:
    """A locale's patterns, parsed once: CLDR's lookups cost more than the formatting."""

    day: DateTimePattern
    month_year: DateTimePattern
    months: dict[int, str]
    intervals: dict[str, list[DateTimePattern]]
    """By the field in which the ends differ (`y`, `M`, `d`), with months written out."""
    said: dict[EditorialDate, str]
    """The dates written so far."""


def _patterns_of(locale: Locale) -> _Patterns:
    skeleton = match_skeleton("yMMMM", locale.datetime_skeletons) or "yMMMM"
    intervals = locale.interval_formats.get("yMMMd", {})
    return _Patterns(
        day=parse_pattern(locale.date_formats["long"].pattern),
        month_year=parse_pattern(str(locale.datetime_skeletons[skeleton].pattern)),
        months=dict(get_month_names("wide", "stand-alone", locale=locale)),
        intervals={
            field: [parse_pattern(_SHORT_MONTH.sub("MMMM", part)) for part in parts]
            for field, parts in intervals.items()
            if field in ("y", "M", "d")
        },
        said={},
    )


def _month_end(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def make_language(tag: str, translations: gettext_module.NullTranslations) -> Language:
    """The language of `tag` with its words; a tag CLDR does not know gets English rules."""
    base = tag.replace("-", "_")
    try:
        locale = Locale.parse(_CLDR_NAMES.get(base, base))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse(_CLDR_NAMES[ENGLISH])
    return Language(tag, locale, translations)


@functools.cache
def english() -> Language:
    """The theme's own words, with the dates of English for readers anywhere."""
    return make_language(ENGLISH, gettext_module.NullTranslations())


def language_of(config: Config, report: Report) -> Language:
    """The language `edition.yaml` names, with its catalog from the edition's
    `templates/messages/` or the theme's; a language other than English without one is
    reported and speaks English. (An English catalog re-words the theme.)"""
    tag = config.language
    where = Location(CONFIG_NAME, 1, 1)
    base = tag.replace("-", "_").split("_")[0].lower()
    path = find_catalog(tag, config.templates_dir)
    translations = (
        load_catalog(path, config.root, report) if path else gettext_module.NullTranslations()
    )
    language = make_language(tag, translations)
    if language.locale.language != base:
        report.warning(
            where,
            "config.language",
            f"language '{tag}' is not one CLDR knows; dates are written the English way",
        )
    if path is None and base != ENGLISH:
        report.warning(
            where,
            "config.language",
            f"no catalog of the interface's words for language '{tag}': the pages' words are"
            f" English; add templates/messages/{tag.replace('-', '_')}.po to translate them",
        )
    return language


_SPOKEN: ContextVar[Language] = ContextVar("epistola_language")
"""The language of the pages being made; see `speaking`."""


@contextlib.contextmanager
def speaking(language: Language) -> Iterator[Language]:
    """Make `language` the one that `current` answers within the `with` block: the pages,
    citations and exports made there are in it."""
    token = _SPOKEN.set(language)
    try:
        yield language
    finally:
        _SPOKEN.reset(token)


def current() -> Language:
    """The language of the pages being made: English outside `speaking`."""
    return _SPOKEN.get(None) or english()


def gettext(message: str, /, **values: object) -> str:
    """`message` in the current language, with `%(name)s` filled from `values`."""
    return current().gettext(message, **values)


def ngettext(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The form of the current language for `count`, filled from `values`."""
    return current().ngettext(singular, plural, count, **values)


def both(first: str, second: str) -> str:
    """`first and second`, in the current language."""
    return gettext("%(first)s and %(second)s", first=first, second=second)


def joined(names: Sequence[str]) -> str:
    """Names joined by the current language's "and": `A`, `A and B`, `A and B and C`."""
    return functools.reduce(both, names) if names else ""


def date_words(date: EditorialDate) -> str:
    """An editors' date in words, in the current language."""
    return current().date(date)


def month_name(month: int) -> str:
    """A month's name alone, in the current language."""
    return current().month_name(month)


def month_year(year: int, month: int) -> str:
    """A month of a year, in the current language."""
    return current().month_year(year, month)


def number(value: int) -> str:
    """A whole number with digit groups, in the current language."""
    return current().number(value)
