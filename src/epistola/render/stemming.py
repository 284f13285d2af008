"""Stemming for the search, where the edition's language has a Snowball stemmer.

The index routes each word by its stem and the search page stems what it indexes and
what a reader types, with the same Snowball algorithm: `snowballstemmer` here, its
JavaScript twin (`static/stemmers/`, vendored) in the browser. A language is stemmed
only when the theme holds that twin, so the two sides never disagree. English is not
stemmed: its index stays as it has been published.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer

from epistola.core.lang.language import Language
from epistola.render.theme import theme_file

FOLDER = "static/stemmers"


@dataclass(frozen=True, slots=True)
class SearchStemmer:
    """One language's Snowball stemmer, on both sides of the search."""

    name: str
    """Snowball's name of the algorithm (`german`, `french`)."""
    scripts: tuple[str, ...]
    """The theme's scripts the search page loads for it, relative to `static/`."""
    stem: Callable[[str], str]
    """A word (lower-cased, accents removed, as the index cuts it) -> its stem."""

    @property
    def script_class(self) -> str:
        """The global the stemmer's script defines (`GermanStemmer`)."""
        return "".join(part.capitalize() for part in self.name.split("_")) + "Stemmer"


def search_stemmer(language: Language, templates_dir: Path) -> SearchStemmer | None:
    """The stemmer of the search in `language`, or None (English; no stemmer; no script)."""
    name = str(language.locale.get_language_name("en") or "").lower()
    if language.locale.language == "en" or name not in snowballstemmer.algorithms():
        return None
    scripts = (f"{FOLDER}/base-stemmer.js", f"{FOLDER}/{name}-stemmer.js")
    if any(theme_file(templates_dir, script) is None for script in scripts):
        return None
    stemmer = snowballstemmer.stemmer(name)
    stem = functools.lru_cache(maxsize=65536)(stemmer.stemWord)
    return SearchStemmer(name, tuple(s.removeprefix("static/") for s in scripts), stem)
