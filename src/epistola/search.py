"""Edition -> the static search index: script files that work served and from `file://`.

Browsers refuse `fetch` on `file://`, so every part of the index is a script that hands
its data to `EpistolaSearch` (templates/static/search.js); MiniSearch ranks the matches.
The index is split so that an edition of 100,000 letters never loads as one file:

- `search/index/shard-N.js`: the documents (one per paragraph and per note) of a run of
  letters in edition order, cut after about `SHARD_CHARS` characters of text. The browser
  indexes a shard with MiniSearch only when a query needs it.
- `search/index/terms-HEX.js`: for every word starting with the same two letters (HEX is
  their UTF-8 in hex), the shards that hold it, as runs `[first, count, first, count…]`.
  A query loads one such file per word and then only the shards that hold every word.
- `search/index/manifest.js`: the number of shards and which terms files exist.

Words are cut and folded here exactly as search.js cuts and folds them: lower case,
accents removed, runs of letters and digits.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from epistola.dates import format_date
from epistola.records import Edition, Letter, Page

SHARD_CHARS = 8_000
"""Text per shard: small enough that a rare word loads little, large enough to keep
the number of files and the routing lists short."""
PREFIX_LENGTH = 2
"""Words are routed by their first two letters; shorter words are not routed."""
INDEX_DIR = "search/index"

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One searchable place of the edition: a paragraph of a letter or one of its notes."""

    letter: int
    """The letter's number."""
    anchor: str
    """Its anchor on the letter page (`p5`, `note-3`)."""
    text: str
    """The plain text that is searched and quoted in results."""


def words(text: str) -> list[str]:
    """The index terms of `text`: lower-cased, accents removed, letters and digits only."""
    if text.isascii():  # most text: nothing to fold, and the fold below is per character
        return _WORD.findall(text.lower())
    folded = unicodedata.normalize("NFD", text.lower())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(plain)


def search_docs(letter: Letter) -> Iterator[SearchDoc]:
    """The letter's paragraphs, then its notes, as documents."""
    for paragraph in letter.paragraphs:
        if paragraph.text.strip():
            yield SearchDoc(letter.number, paragraph.anchor, paragraph.text)
    for note in letter.notes:
        yield SearchDoc(letter.number, f"note-{note.number}", note.text)


def shard_letters(letters: Iterable[Letter], *, shard_chars: int) -> list[list[Letter]]:
    """Runs of letters in edition order, each closed once it holds `shard_chars` of text."""
    shards: list[list[Letter]] = [[]]
    size = 0
    for letter in letters:
        if size >= shard_chars:
            shards.append([])
            size = 0
        shards[-1].append(letter)
        size += sum(len(doc.text) for doc in search_docs(letter))
    return shards if shards[0] else []


def search_pages(edition: Edition, *, shard_chars: int = SHARD_CHARS) -> list[Page]:
    """The index's script files: the shards, the terms files and the manifest."""
    shards = shard_letters(edition.letters, shard_chars=shard_chars)
    routes: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    pages = []
    for number, letters in enumerate(shards):
        docs = [doc for letter in letters for doc in search_docs(letter)]
        for doc in docs:
            for word in set(words(doc.text)):
                if len(word) >= PREFIX_LENGTH:
                    routes[word[:PREFIX_LENGTH]][word].add(number)
        pages.append(_script(f"shard-{number}", "shard", [number, _shard_data(edition, docs)]))
    buckets = sorted(routes)
    for bucket in buckets:
        table = {word: _runs(sorted(found)) for word, found in sorted(routes[bucket].items())}
        pages.append(_script(f"terms-{_hex(bucket)}", "terms", [_hex(bucket), table]))
    manifest = {"shards": len(shards), "buckets": [_hex(b) for b in buckets]}
    pages.append(_script("manifest", "manifest", [manifest]))
    return pages


def _shard_data(edition: Edition, docs: list[SearchDoc]) -> dict[str, object]:
    heads = {}
    for doc in docs:
        if doc.letter not in heads:
            letter = edition.by_number[doc.letter]
            heads[doc.letter] = [letter.page, _heading(edition, letter)]
    return {
        "letters": {str(number): head for number, head in heads.items()},
        "docs": [[doc.letter, doc.anchor, doc.text] for doc in docs],
    }


def _heading(edition: Edition, letter: Letter) -> str:
    """`23 June 1927, Joseph Stalin to Viacheslav Molotov`, shown with each result."""

    def name(person_id: str) -> str:
        person = edition.people.get(person_id)
        return person.name if person else person_id

    to = " and ".join(name(r) for r in letter.recipients)
    return f"{letter.date_label or format_date(letter.date)}, {name(letter.sender)} to {to}"


def _runs(numbers: list[int]) -> list[int]:
    """Sorted shard numbers as `[first, count, …]`: common words fill long runs."""
    runs: list[int] = []
    for n in numbers:
        if runs and runs[-2] + runs[-1] == n:
            runs[-1] += 1
        else:
            runs += [n, 1]
    return runs


def _hex(prefix: str) -> str:
    return prefix.encode("utf-8").hex()


def _script(name: str, kind: str, args: list[object]) -> Page:
    data = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    return Page(f"{INDEX_DIR}/{name}.js", f"EpistolaSearch.{kind}({data});\n".encode())
