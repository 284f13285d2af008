"""Aliases that may link words that are not names, named by `epistola check`.

Two signs that an alias links ordinary words, each a warning at the alias in its register,
with the counts:

- it is a common word of the edition's language (`alias.common-word`): one of the most
  frequent words of pyspellchecker's word list for that language, written as running text
  writes it (in German, whose nouns have capitals, whatever its case; in other languages
  only an alias in lower case, since the matching keeps the alias's capitals);
- it is linked far more often than the editors tagged the entry (`alias.matches-often`):
  an entry tagged four times whose alias is found three hundred times is most likely named
  by the tags and something else by the alias.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping

from epistola.core.diagnostics import Report
from epistola.core.names.matching import TAGGED
from epistola.core.records import Edition, Entry, LetterFacets, Location, SourceFile
from epistola.core.registers import KIND, KINDS

COMMON_RANK = 10_000
"""An alias among this many most frequent words of the language is a common word."""
FAR_MORE = 10
"""An alias linked at least this many times for each tag of its entry matches too much."""
_NOUNS_CAPITALISED = frozenset({"de", "lb"})
_WORD = re.compile(r"\w+")


def report_risky_aliases(
    edition: Edition,
    facets: Mapping[str, LetterFacets],
    sources: Mapping[str, SourceFile | None],
    *,
    language: str,
    default: str,
    report: Report,
) -> None:
    """Warn of each alias that is a common word or that matches far more than it is tagged."""
    linked: Counter[tuple[str, str, str]] = Counter()
    tagged: Counter[tuple[str, str]] = Counter()
    for letter in edition.letters:
        for mention in facets[letter.path].mentions:
            if mention.explicit:
                tagged[mention.kind, mention.entry_id] += 1
            else:
                linked[mention.kind, mention.entry_id, mention.text] += 1
    for kind in KINDS:
        source = sources.get(kind.kind)
        for entry in edition.registers.get(kind.kind, {}).values():
            if (entry.match or default) == TAGGED:
                continue
            tags = tagged[kind.kind, entry.id]
            for alias in entry.aliases:
                count = linked[kind.kind, entry.id, " ".join(alias.split())]
                where = _alias_location(entry, alias, source)
                advice = _advice(alias)
                if count and is_common_word(alias, language):
                    report.warning(
                        where,
                        "alias.common-word",
                        f"alias '{alias}' of {_named(entry)} {_common(alias)} in"
                        f" '{language}' and is linked {_times(count)}; {advice}",
                    )
                if tags and count >= FAR_MORE * tags:
                    report.warning(
                        where,
                        "alias.matches-often",
                        f"alias '{alias}' of {_named(entry)} is linked {_times(count)}, but"
                        f" the entry is tagged only {_times(tags)}; {advice}",
                    )


def is_common_word(alias: str, language: str) -> bool:
    """True if every word of `alias`, as written, is a common word of `language`."""
    words = _common_words(language.split("-")[0].lower())
    primary = language.split("-")[0].lower()
    if not words or (primary not in _NOUNS_CAPITALISED and alias != alias.lower()):
        return False
    found = _WORD.findall(alias.lower())
    return bool(found) and all(word in words for word in found)


@functools.cache
def _common_words(language: str) -> frozenset[str]:
    """The most frequent words of `language`, or none if pyspellchecker has no list of it."""
    from spellchecker import SpellChecker  # loads its word list, so only when asked

    try:
        frequencies = SpellChecker(language=language).word_frequency.dictionary
    except ValueError:
        return frozenset()
    ranked = sorted(frequencies.items(), key=lambda item: (-item[1], item[0]))
    return frozenset(word for word, _ in ranked[:COMMON_RANK])


def _alias_location(entry: Entry, alias: str, source: SourceFile | None) -> Location:
    """Where the alias is written in its entry's `aliases`, else where the entry starts."""
    if source is None:
        return entry.location
    lines = source.text.split("\n")
    block = [entry.location.line]
    for number in range(entry.location.line + 1, len(lines) + 1):
        if lines[number - 1][:1] not in (" ", "\t", "-", "", "#"):
            break  # the next entry
        block.append(number)
    listed = next((n for n in block if "aliases" in lines[n - 1]), block[0])
    for number in (n for n in block if n >= listed):
        column = lines[number - 1].find(alias)
        if column >= 0:
            return Location(entry.location.path, number, column + 1)
    return entry.location


def _advice(alias: str) -> str:
    return (
        f"give the entry 'match: tagged', or mark the places where it is not the name as"
        f" [{alias}]{{-}}"
    )


def _named(entry: Entry) -> str:
    return f"{KIND[entry.kind].singular} '{entry.id}'"


def _common(alias: str) -> str:
    return "is a common word" if len(_WORD.findall(alias)) == 1 else "is made of common words"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"
