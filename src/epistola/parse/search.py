"""A letter's part of the search index: its documents and the words they hold.

Made once, when the letter is parsed, and kept in the store; `render.search` puts the
pieces of the letters of one shard together. Words are cut and folded here exactly as
search.js cuts and folds them: lower case, accents removed, runs of letters and digits.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from epistola.core.records import Letter

SHARD_LETTERS = 8
"""Letter numbers per shard: a shard holds a few letters' text, so a rare word loads
little, and the edition's shards stay few enough to route with short lists."""
PREFIX_LENGTH = 2
"""Words are routed by their first two letters; shorter words are not routed."""
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
    """The letter's paragraphs, then its notes and the notes of its apparatus, as documents."""
    for paragraph in letter.paragraphs:
        if paragraph.text.strip():
            yield SearchDoc(letter.number, paragraph.anchor, paragraph.text)
    for note in letter.notes:
        yield SearchDoc(letter.number, f"note-{note.number}", note.text)
    for textual in letter.apparatus:
        yield SearchDoc(letter.number, textual.anchor, textual.text)


def letter_piece(letter: Letter) -> tuple[str, list[str]]:
    """What the index needs of one letter: its documents as JSON, and its routed words."""
    found_docs = list(search_docs(letter))
    docs = [[doc.letter, doc.anchor, doc.text] for doc in found_docs]
    found = {word for doc in found_docs for word in words(doc.text) if len(word) >= PREFIX_LENGTH}
    encoded = json.dumps(docs, ensure_ascii=False, separators=(",", ":"))
    return (encoded[1:-1], sorted(found))


def shard_of(number: int) -> int:
    return number // SHARD_LETTERS
