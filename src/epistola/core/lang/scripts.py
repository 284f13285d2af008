"""The words of the theme's scripts, for a page in another language than English.

A script (search.js, filter.js, reading.js) writes its words in English, each marked
`gettext("…")` or `ngettext("…", "…", n)` as in the templates. A page whose language
translates any of them carries them on the script's element as `data-words`: a JSON map
from each English message to its translation, or, for a count, to its forms by CLDR's
plural categories (`one`, `other`), which the script picks with `Intl.PluralRules`. An
English page carries none, so it is what it would be without translations.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from babel.messages.extract import extract
from markupsafe import Markup, escape

from epistola.core.lang.language import Language

_KEYWORDS = {"gettext": None, "ngettext": (1, 2)}
_CATEGORIES = {"one": 1, "other": 2}
"""A count of each category in English, German and French, to ask the catalog for its form."""


@functools.lru_cache(maxsize=16)
def script_messages(path: Path, stamp: float) -> tuple[str | tuple[str, ...], ...]:
    """The messages the script at `path` marks (`stamp`, its mtime, renews the cache)."""
    with path.open("rb") as file:
        found = extract("javascript", file, keywords=_KEYWORDS)
        return tuple(message for _, message, _, _ in found)


def script_words(language: Language, script: Path | None) -> Markup:
    """` data-words="…"` with the translations of `script`'s messages that differ from
    English; nothing if none does (or there is no such script)."""
    if script is None:
        return Markup("")
    words: dict[str, object] = {}
    translations = language.translations
    for message in script_messages(script, script.stat().st_mtime):
        if isinstance(message, str):
            if translations.gettext(message) != message:
                words[message] = translations.gettext(message)
            continue
        one, other = message[0], message[-1]
        forms = {kind: translations.ngettext(one, other, n) for kind, n in _CATEGORIES.items()}
        if forms != {"one": one, "other": other}:
            words[one] = forms
    if not words:
        return Markup("")
    text = json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(' data-words="{}"').format(escape(text))
