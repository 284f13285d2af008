"""The edition's language: the theme's words from message catalogs, dates and numbers by
the locale's rules (CLDR, through Babel).

`edition.yaml`'s `language` chooses both. The words are gettext catalogs, one `.po` file
a language in the theme's `messages/` folder (an edition's `templates/messages/` adds or
replaces catalogs, as it does templates); English is the words as the theme writes them.

A build speaks one language: `speaking(language)` makes it the one that the templates,
the dates in words and the citations use while the pages are made, and the workers
forked then inherit it. Outside it, everything is in English.
"""

from __future__ import annotations

from epistola.core.lang.language import (
    Language,
    both,
    current,
    date_words,
    english,
    gettext,
    joined,
    language_of,
    month_name,
    month_year,
    ngettext,
    number,
    speaking,
)

_ = gettext

__all__ = [
    "Language",
    "_",
    "both",
    "current",
    "date_words",
    "english",
    "gettext",
    "joined",
    "language_of",
    "month_name",
    "month_year",
    "ngettext",
    "number",
    "speaking",
]
