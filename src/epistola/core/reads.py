"""What a template read, and the part of its context that it read.

A page's fingerprint is made from what its template read, not from a list written
beside the template: while a page is rendered, every attribute or key the template
looks up is noted as (type name, name), as in `LetterHead.incipit`. Next build the
page's context is made again (cheap: plain records from the views) and reduced to the
values of those names (`shown`); if that is what it was, the page is what it was.

Values of a type the template read nothing of directly, or reached through a method call
or a Python helper (a date given to a filter), are taken whole, so what a helper reads
cannot be missed. Only the types listed in `BY_READS` (the records a page lists many of,
and the views' own records) are reduced to the names read.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping

Reads = frozenset[tuple[str, str]]
"""(type name, attribute or key) of each lookup a template made."""


BY_READS = frozenset(
    {
        "LetterHead",
        "Entry",
        "IndexPage",
        "Jump",
        "MonthGroup",
        "InitialGroup",
        "ChronologyEntry",
        "RegisterEntry",
        "RegisterIndex",
        "Chronology",
        "ByInitial",
        "CorrespondentEntry",
        "PlaceOfWriting",
    }
)
"""Records reduced to the names a template read of them; any other value is taken whole."""


PROPERTIES = {("LetterHead", "page"): ("number",), ("Letter", "page"): ("number",)}
"""What a record's properties are computed from: a read of one is a read of those fields."""


def fields_read(reads: Iterable[Reads], record: str) -> set[str]:
    """The fields of the records named `record` that any of `reads` read."""
    found: set[str] = set()
    for one in reads:
        for kind, attribute in one:
            if kind == record:
                found.update(PROPERTIES.get((kind, attribute), (attribute,)))
    return found


class Shown:
    """Reduces values to what a page read of them. A record is reduced to a short hash of
    the values read, remembered for the build: the same letter is listed on many pages and
    read the same way on each, so it is hashed once per way it is read."""

    def __init__(self) -> None:
        self._done: dict[tuple[int, Reads], str] = {}
        self._keep: list[object] = []  # the records whose ids key `_done` stay alive
        self._fields: dict[tuple[type, Reads], tuple[str, ...]] = {}

    def of(self, value: object, reads: Reads) -> object:
        """`value` reduced to what `reads` says was read of it, as plain values."""
        if value is None or isinstance(value, str | int | float | bool):
            return value
        if isinstance(value, Mapping):
            return tuple((key, self.of(item, reads)) for key, item in value.items())
        if isinstance(value, list | tuple):
            return tuple(self.of(item, reads) for item in value)
        kind = type(value)
        if kind.__name__ not in BY_READS or not dataclasses.is_dataclass(value):
            return repr(value)
        key = (id(value), reads)
        done = self._done.get(key)
        if done is None:
            names = self._read_fields(kind, reads)
            shown = tuple(self.of(getattr(value, name), reads) for name in names)
            done = hashlib.blake2b(repr(shown).encode("utf-8"), digest_size=12).hexdigest()
            self._done[key] = done
            self._keep.append(value)
        return done

    def _read_fields(self, kind: type, reads: Reads) -> tuple[str, ...]:
        """The fields of records of `kind` that `reads` read, in their order."""
        found = self._fields.get((kind, reads))
        if found is None:
            fields = [f.name for f in dataclasses.fields(kind)]
            read = fields_read((reads,), kind.__name__)
            if read - set(fields):
                read = set(fields)  # a method or property: it may use any field
            found = self._fields[(kind, reads)] = tuple(f for f in fields if f in read)
        return found
