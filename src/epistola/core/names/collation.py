"""The order of names in the indexes: one collation for sorting and for filing.

Names are compared by the Unicode Collation Algorithm (its default table, through pyuca),
so "Łukasiewicz" stands between "Lange" and "Nagel", "Østergaard" among the O and "Ærø"
among the A, whatever the language of the edition. Leading punctuation, brackets and
quotes are not filed on: "?? [Regimentsarzt]" stands under R and "»Pan«" under P; nor
are apostrophes inside a name: "T’ang" stands with "Tang".

The initial a name is filed under is read off the same collation key that sorts it (its
first primary weight), so the groups of an index come out in collation order, and no
letter the sort puts among the L can open a group of its own after Z.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict

from pyuca import Collator
from pyuca.collator import COLL_ELEMENT_PATTERN

OTHER = "#"
"""The initial of names that begin with neither a letter nor a digit once leading
punctuation is set aside, and of names that begin with a digit."""

_APOSTROPHES = re.compile("['\u2018\u2019\u02bc]")
"""Apostrophes inside a name, which an index passes over ("Ch’en" as "Chen")."""

# Base letters whose primary weight names an initial. A letter of other scripts labels
# its own group by its upper-case form.
_ALPHABETS = "ABCDEFGHIJKLMNOPQRSTUVWXYZΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"


class LazyCollator(Collator):  # type: ignore[misc]  # pyuca has no type hints
    """pyuca's collator, which reads the rows of its table for a character only when a
    name first holds it. A build sorts some hundreds of names in a few dozen letters;
    reading all 30,000 rows of the table took longer than the sorting."""

    def load(self, filename: str) -> None:
        self._rows: defaultdict[int, list[str]] = defaultdict(list)
        self._read: set[str] = set()
        with open(filename, encoding="utf-8") as table:
            for line in table:
                if line.startswith("@implicitweights"):
                    chars, base = line.split("#", 1)[0][len("@implicitweights") :].split(";")
                    first, last = chars.split("..")
                    self.implicit_weights.append([int(first, 16), int(last, 16), int(base, 16)])
                elif line[:1] not in ("", "#", "@", "\n"):
                    self._rows[int(line[: line.find(" ")], 16)].append(line)

    def sort_key(self, string: str) -> tuple[int, ...]:
        for char in set(unicodedata.normalize("NFD", string)) - self._read:
            self._read.add(char)
            for line in self._rows.pop(ord(char), ()):
                chars, elements = line.split("#", 1)[0].split(";", 1)
                weights = [
                    [int(weight, 16) for weight in found.groups()]
                    for found in COLL_ELEMENT_PATTERN.finditer(elements)
                ]
                self.table.add([int(c, 16) for c in chars.split()], weights)
        key: tuple[int, ...] = super().sort_key(string)
        return key


@functools.cache
def _collator() -> LazyCollator:
    return LazyCollator()


@functools.lru_cache(maxsize=65536)
def _key(text: str) -> tuple[int, ...]:
    return tuple(_collator().sort_key(text))


def filing_text(name: str) -> str:
    """`name` from its first letter or digit: what it is filed under."""
    for i, char in enumerate(name):
        if unicodedata.category(char)[0] in "LN":
            return name[i:]
    return ""


def collation_key(name: str) -> tuple[tuple[int, ...], ...]:
    """Where `name` stands in an index: by its filing text without apostrophes (so "T’ang"
    stands with "Tang", as indexes file it), then with them, then as written."""
    filed = filing_text(name)
    return (_key(_APOSTROPHES.sub("", filed)), _key(filed), _key(name))


def initial_of(name: str) -> str:
    """The initial under which an index files `name` (`L` for "Łukasiewicz", `#` for a
    name without a letter or with a digit first)."""
    filed = _APOSTROPHES.sub("", filing_text(name))  # as `collation_key` sorts it first
    if not filed or unicodedata.category(filed[0])[0] == "N":
        return OTHER
    key = _key(filed)
    primary = key[0] if key and key[0] else None
    if primary is None or primary < _key("a")[0]:
        # what the collation puts before the first letter (signs, modifier marks, digits)
        # is filed with the names that begin with no letter, where it sorts
        return OTHER
    return _letter_of(primary) or _own_initial(filed[0], primary)


@functools.cache
def _letters() -> dict[int, str]:
    letters: dict[int, str] = {}
    for letter in _ALPHABETS:
        letters.setdefault(_key(letter)[0], letter)
    return letters


def _letter_of(primary: int) -> str | None:
    return _letters().get(primary)


def _own_initial(char: str, primary: int) -> str:
    """A letter outside the alphabets above: its upper case if that sorts the same."""
    upper = unicodedata.normalize("NFD", char)[0].upper()
    return upper if _key(upper)[:1] == (primary,) else char
