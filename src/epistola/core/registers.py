"""The registers (`notes/people.yaml`, `places.yaml`, `organizations.yaml`, `works.yaml`,
`events.yaml`) -> Entry records, and one alias matcher over all of them.

Every kind of register is read by the same code; a `RegisterKind` says what differs: its
file, the keys its entries may have, its authority files, where its pages go and how a
tag names it (`[words]{place=moscow}`). A further kind is one more `RegisterKind`.
Every entry of every register gets a page (`RegisterKind.page`), named or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from epistola.core.dates import DateError, parse_date
from epistola.core.diagnostics import Report
from epistola.core.names.matching import DEFAULT_MODE, EXACT, MODES, TAGGED, stands_alone
from epistola.core.records import EditorialDate, Entry, Location, SourceFile
from epistola.core.yamlload import load_yaml, location_of

_COMMON_KEYS = frozenset({"name", "sort", "aliases", "about", "match"})
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True, slots=True)
class RegisterKind:
    """What one kind of register is: its file, its entries' keys, its pages."""

    kind: str
    """The word for an entry in tags and records (`person`, `place`, `org`, `work`, `event`)."""
    path: str
    """The register's file in an edition (`notes/people.yaml`)."""
    folder: str
    """The site folder of its entries' pages and of its index (`people`)."""
    singular: str
    """How pages and messages name one entry (`person`, `organization`)."""
    plural: str
    """… and the register (`people`, `organizations`)."""
    authority: tuple[str, ...]
    """Its authority files, in the order their URIs are given."""
    example: str
    """An id to show in messages (`molotov`)."""
    tei_name: str
    """The TEI element of a name of one of its entries (`persName`)."""
    tei_list: str
    """The TEI element that lists its entries (`listPerson`); each is a `kind` element."""
    extra_keys: frozenset[str] = frozenset()
    """Keys its entries may have besides name, sort, aliases, about and the authorities."""
    tei_item: str = ""
    """The TEI element of one entry in `tei_list`, when it is not `kind` (`bibl`)."""
    always_listed: bool = False
    """True if `edition.json` lists the register even when an edition does not keep it
    (the first three, as before works and events could be kept)."""

    @property
    def code(self) -> str:
        """The prefix of the register's diagnostic codes (`people`, `places`)."""
        return self.path.rsplit("/", 1)[-1].removesuffix(".yaml")

    @property
    def keys(self) -> frozenset[str]:
        return _COMMON_KEYS | self.extra_keys | frozenset(self.authority)

    @property
    def tei_entry(self) -> str:
        """The TEI element of one entry (`person`, `bibl`, `event`)."""
        return self.tei_item or self.kind

    def page(self, entry_id: str) -> str:
        """The path of an entry's page in the site (`places/moscow.html`)."""
        return f"{self.folder}/{entry_id}.html"


PEOPLE = RegisterKind(
    kind="person",
    path="notes/people.yaml",
    folder="people",
    singular="person",
    plural="people",
    authority=("viaf", "gnd", "wikidata"),
    example="molotov",
    tei_name="persName",
    tei_list="listPerson",
    extra_keys=frozenset({"born", "died"}),
    always_listed=True,
)
PLACES = RegisterKind(
    kind="place",
    path="notes/places.yaml",
    folder="places",
    singular="place",
    plural="places",
    authority=("geonames", "wikidata"),
    example="moscow",
    tei_name="placeName",
    tei_list="listPlace",
    extra_keys=frozenset({"coordinates"}),
    always_listed=True,
)
ORGANIZATIONS = RegisterKind(
    kind="org",
    path="notes/organizations.yaml",
    folder="organizations",
    singular="organization",
    plural="organizations",
    authority=("gnd", "viaf", "wikidata"),
    example="politburo",
    tei_name="orgName",
    tei_list="listOrg",
    always_listed=True,
)
WORKS = RegisterKind(
    kind="work",
    path="notes/works.yaml",
    folder="works",
    singular="work",
    plural="works",
    authority=("gnd", "viaf", "wikidata"),
    example="faust",
    tei_name="title",
    tei_list="listBibl",
    extra_keys=frozenset({"authors"}),
    tei_item="bibl",
)
EVENTS = RegisterKind(
    kind="event",
    path="notes/events.yaml",
    folder="events",
    singular="event",
    plural="events",
    authority=("gnd", "wikidata"),
    example="congress-15",
    tei_name="eventName",
    tei_list="listEvent",
    extra_keys=frozenset({"date"}),
)
KINDS = (PEOPLE, PLACES, ORGANIZATIONS, WORKS, EVENTS)
"""Every kind of register, in the order pages and exports list them."""
KIND = {kind.kind: kind for kind in KINDS}
PEOPLE_PATH = PEOPLE.path

Registers = Mapping[str, Mapping[str, Entry]]
"""Kind -> entry id -> entry, for every kind (empty where an edition has no such file)."""


@dataclass(frozen=True, slots=True)
class AliasIndex:
    """Finds register names in text: whole words, longest alias first, case as written."""

    pattern: re.Pattern[str] | None
    """One alternation of every alias; None when no register has aliases."""
    entry_of: Mapping[str, tuple[str, str]]
    """Alias -> (kind, entry id), for the aliases of entries not matched only where tagged."""
    exact: frozenset[str] = frozenset()
    """The aliases matched only where they stand as words of their own (`match: exact`)."""

    def finditer(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, kind, entry id) of every alias in `text`."""
        if self.pattern is None:
            return []
        return [
            (m.start(), m.end(), *self.entry_of[m[0]])
            for m in self.pattern.finditer(text)
            if m[0] not in self.exact or stands_alone(text, m.start(), m.end())
        ]


def register_source(root: Path, kind: RegisterKind) -> Path:
    """Where a register lives in an edition."""
    return root / kind.path


def load_registers(sources: Mapping[str, SourceFile | None], report: Report) -> Registers:
    """Read every register (`sources` by kind), then check the aliases across all of them."""
    registers = {kind.kind: load_register(kind, sources.get(kind.kind), report) for kind in KINDS}
    _check_aliases(registers, report)
    _check_authors(registers, report)
    return registers


def load_register(
    kind: RegisterKind, source: SourceFile | None, report: Report
) -> dict[str, Entry]:
    """Read one register; report every entry that is malformed and keep the rest."""
    if source is None:
        return {}
    document = load_yaml(
        source.text,
        path=source.path,
        first_line=1,
        what=f"the register of {kind.plural}",
        code=f"{kind.code}.yaml",
        report=report,
    )
    if document is None:
        return _ids_only(kind, source)
    data, node = document.data, document.node
    if not data:
        return {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        report.error(
            Location(source.path, 1, 1),
            f"{kind.code}.yaml",
            f"the register must map {kind.singular} ids to entries, such as"
            f" '{kind.example}: {{name: ...}}'",
        )
        return {}
    entries: dict[str, Entry] = {}
    for key_node, _ in node.value:
        where = location_of(key_node, path=source.path, first_line=1)
        entry = _entry(kind, str(key_node.value), data.get(key_node.value), where, report)
        if entry is None:
            continue
        first = entries.setdefault(entry.id, entry)
        if first is not entry:
            report.error(
                where,
                f"{kind.code}.duplicate-id",
                f"{kind.singular} id '{entry.id}' is used twice in {kind.path}",
                related=((first.location, "first used here"),),
            )
    return entries


def _entry(
    kind: RegisterKind, entry_id: str, entry: Any, where: Location, report: Report
) -> Entry | None:
    code = kind.code
    if not _ID.fullmatch(entry_id):
        report.error(
            where,
            f"{code}.id",
            f"{kind.singular} id '{entry_id}' must be lower-case letters, digits, '-' or '_'",
        )
        return None
    if not isinstance(entry, dict) or not entry.get("name"):
        report.error(where, f"{code}.name", f"{kind.singular} '{entry_id}' needs at least a 'name'")
        return None
    for key in sorted(set(map(str, entry)) - kind.keys):
        report.warning(where, f"{code}.unknown-key", f"unknown key '{key}' for '{entry_id}'")
    name = str(entry["name"]).strip()
    match = str(entry.get("match") or "")
    if match and match not in MODES:
        report.error(
            where,
            f"{code}.match",
            f"'match' of '{entry_id}' must be {', '.join(MODES[:-1])} or {MODES[-1]},"
            f" not '{match}'",
        )
        match = ""
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list):
        aliases = [aliases]
    return Entry(
        id=entry_id,
        kind=kind.kind,
        name=name,
        sort=str(entry.get("sort") or name).strip(),
        aliases=tuple(str(a).strip() for a in aliases if str(a).strip()),
        about=str(entry.get("about") or "").strip(),
        authority={k: str(entry[k]).strip() for k in kind.authority if entry.get(k)},
        location=where,
        born=_year(kind, entry, "born", where, report),
        died=_year(kind, entry, "died", where, report),
        coordinates=_coordinates(kind, entry, where, report),
        match=match,
        authors=_authors(kind, entry, where, report),
        date=_date(kind, entry, where, report),
    )


def _year(
    kind: RegisterKind, entry: dict[Any, Any], key: str, where: Location, report: Report
) -> int | None:
    value = entry.get(key) if key in kind.extra_keys else None
    if value is None or isinstance(value, int) and not isinstance(value, bool):
        return value
    report.error(where, f"{kind.code}.year", f"'{key}' must be a year such as 1890, not '{value}'")
    return None


def _coordinates(
    kind: RegisterKind, entry: dict[Any, Any], where: Location, report: Report
) -> tuple[float, float] | None:
    value = entry.get("coordinates") if "coordinates" in kind.extra_keys else None
    if value is None:
        return None
    numbers = value if isinstance(value, list) and len(value) == 2 else []
    if all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers) and numbers:
        latitude, longitude = float(numbers[0]), float(numbers[1])
        if -90 <= latitude <= 90 and -180 <= longitude <= 180:
            return (latitude, longitude)
    report.error(
        where,
        f"{kind.code}.coordinates",
        f"'coordinates' must be [latitude, longitude] in degrees, such as"
        f" [55.7522, 37.6156], not '{value}'",
    )
    return None


def _authors(
    kind: RegisterKind, entry: dict[Any, Any], where: Location, report: Report
) -> tuple[str, ...]:
    value = entry.get("authors") if "authors" in kind.extra_keys else None
    items = value if isinstance(value, list) else [] if value is None else [value]
    if all(isinstance(item, str) and _ID.fullmatch(item) for item in items):
        return tuple(items)
    report.error(
        where,
        f"{kind.code}.authors",
        f"'authors' must be ids from {PEOPLE.path} in square brackets, such as [goethe],"
        f" not '{value}'",
    )
    return ()


def _date(
    kind: RegisterKind, entry: dict[Any, Any], where: Location, report: Report
) -> EditorialDate | None:
    value = entry.get("date") if "date" in kind.extra_keys else None
    if value is None:
        return None
    try:
        return parse_date(str(value))
    except DateError as exc:
        report.error(where, f"{kind.code}.date", str(exc))
        return None


_TOP_LEVEL_KEY = re.compile(r"([a-z0-9][a-z0-9_-]*):")


def _ids_only(kind: RegisterKind, source: SourceFile) -> dict[str, Entry]:
    """The ids of a register that is not valid YAML, so letters naming them raise no
    second wave of 'unknown' errors; the build fails on the YAML error anyway."""
    entries: dict[str, Entry] = {}
    for number, line in enumerate(source.text.split("\n"), start=1):
        match = _TOP_LEVEL_KEY.match(line)
        if match and match[1] not in entries:
            where = Location(source.path, number, 1)
            entries[match[1]] = Entry(match[1], kind.kind, match[1], match[1], (), "", {}, where)
    return entries


def _check_aliases(registers: Registers, report: Report) -> None:
    """An alias may name one entry only, of whatever kind: the words could not say which."""
    owner: dict[str, Entry] = {}
    for entry in _all(registers):
        for alias in entry.aliases:
            first = owner.setdefault(alias, entry)
            if first is not entry:
                report.error(
                    entry.location,
                    f"{KIND[entry.kind].code}.alias-twice",
                    f"alias '{alias}' of {_named(entry)} is already an alias of {_named(first)};"
                    f" tag such mentions with [{alias}]{{{entry.kind}={entry.id}}} instead",
                    related=((first.location, "first used here"),),
                )


def _check_authors(registers: Registers, report: Report) -> None:
    """A work's authors must be in the register of people, whose pages they link to."""
    people = registers.get(PEOPLE.kind, {})
    for work in registers.get(WORKS.kind, {}).values():
        for author in work.authors:
            if author not in people:
                report.error(
                    work.location,
                    f"{WORKS.code}.unknown-author",
                    f"author '{author}' of {_named(work)} is not in {PEOPLE.path}",
                )


def _named(entry: Entry) -> str:
    return f"{KIND[entry.kind].singular} '{entry.id}'"


def _all(registers: Registers) -> Iterable[Entry]:
    for kind in KINDS:
        yield from registers.get(kind.kind, {}).values()


def build_alias_index(registers: Registers, default: str = DEFAULT_MODE) -> AliasIndex:
    """The matcher for every alias of every register (the first owner wins a shared one);
    `default` is the edition's way of matching, for entries that do not say their own."""
    entry_of: dict[str, tuple[str, str]] = {}
    exact: set[str] = set()
    for entry in _all(registers):
        mode = entry.match or default
        for alias in entry.aliases if mode != TAGGED else ():
            owner = entry_of.setdefault(alias, (entry.kind, entry.id))
            if mode == EXACT and owner == (entry.kind, entry.id):
                exact.add(alias)
    if not entry_of:
        return AliasIndex(None, {})
    # Grouped by first character, so the regex engine tries one small group per position
    # instead of every alias; within a group the longest alias still comes first.
    groups: dict[str, list[str]] = {}
    for alias in sorted(entry_of, key=lambda a: (-len(a), a)):
        groups.setdefault(alias[0], []).append(re.escape(alias[1:]))
    alternatives = "|".join(
        f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in sorted(groups.items())
    )
    return AliasIndex(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), entry_of, frozenset(exact))


def entry_ids(registers: Registers) -> frozenset[tuple[str, str]]:
    """(kind, id) of every entry: what a letter's tags and front matter may name."""
    return frozenset((entry.kind, entry.id) for entry in _all(registers))


AUTHORITY_URIS = {
    "viaf": "http://viaf.org/viaf/{}",
    "gnd": "http://d-nb.info/gnd/{}",
    "wikidata": "http://www.wikidata.org/entity/{}",
    "geonames": "http://www.geonames.org/{}",
}
"""URI pattern of each authority file, in the form CMIF's own examples use."""


def authority_records(entry: Entry) -> list[tuple[str, str]]:
    """(scheme, URI) of each authority record of the entry, in the order of its register's
    kind (for a person viaf, gnd, wikidata; for a place geonames, wikidata)."""
    return [
        (scheme, AUTHORITY_URIS[scheme].format(entry.authority[scheme]))
        for scheme in KIND[entry.kind].authority
        if entry.authority.get(scheme)
    ]


def authority_uris(entry: Entry) -> list[str]:
    """The entry's authority records as URIs, in that order."""
    return [uri for _, uri in authority_records(entry)]
