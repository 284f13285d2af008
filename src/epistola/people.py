"""The register of people (`notes/people.yaml`) -> Person records and an alias matcher."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from epistola.diagnostics import Report
from epistola.records import Location, Person, SourceFile
from epistola.yamlload import load_yaml, location_of

PEOPLE_PATH = "notes/people.yaml"
KNOWN_KEYS = frozenset(
    {"name", "sort", "aliases", "born", "died", "about", "viaf", "gnd", "wikidata"}
)
AUTHORITY_KEYS = ("viaf", "gnd", "wikidata")
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True, slots=True)
class AliasIndex:
    """Finds people's names in text: whole words, longest alias first, case as written."""

    pattern: re.Pattern[str] | None
    """One alternation of every alias; None when the register has no aliases."""
    person_of: Mapping[str, str]
    """Alias -> person id."""

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, person id) of every alias in `text`."""
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), self.person_of[m[0]]) for m in self.pattern.finditer(text)]


def load_people(
    source: SourceFile | None, report: Report
) -> dict[str, Person]:
    """Read the register; report every entry that is malformed and keep the rest."""
    if source is None:
        return {}
    document = load_yaml(
        source.text,
        path=source.path,
        first_line=1,
        what="the register",
        code="people.yaml",
        report=report,
    )
    if document is None:
        return _ids_only(source)
    data, node = document.data, document.node
    if not data:
        return {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        report.error(
            Location(source.path, 1, 1),
            "people.yaml",
            "the register must map person ids to entries, such as 'molotov: {name: ...}'",
        )
        return {}
    people: dict[str, Person] = {}
    for key_node, _ in node.value:
        where = location_of(key_node, path=source.path, first_line=1)
        person = _person(str(key_node.value), data.get(key_node.value), where, report)
        if person is not None:
            people[person.id] = person
    _check_aliases(people, report)
    return people


def _person(person_id: str, entry: Any, where: Location, report: Report) -> Person | None:
    if not _ID.fullmatch(person_id):
        report.error(
            where,
            "people.id",
            f"person id '{person_id}' must be lower-case letters, digits, '-' or '_'",
        )
        return None
    if not isinstance(entry, dict) or not entry.get("name"):
        report.error(where, "people.name", f"person '{person_id}' needs at least a 'name'")
        return None
    for key in sorted(set(map(str, entry)) - KNOWN_KEYS):
        report.warning(where, "people.unknown-key", f"unknown key '{key}' for '{person_id}'")
    name = str(entry["name"]).strip()
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list):
        aliases = [aliases]
    return Person(
        id=person_id,
        name=name,
        sort=str(entry.get("sort") or name).strip(),
        aliases=tuple(str(a).strip() for a in aliases if str(a).strip()),
        born=_year(entry.get("born"), "born", where, report),
        died=_year(entry.get("died"), "died", where, report),
        about=str(entry.get("about") or "").strip(),
        authority={k: str(entry[k]) for k in AUTHORITY_KEYS if entry.get(k)},
        location=where,
    )


_TOP_LEVEL_KEY = re.compile(r"([a-z0-9][a-z0-9_-]*):")


def _ids_only(source: SourceFile) -> dict[str, Person]:
    """The ids of a register that is not valid YAML, so letters naming them raise no
    second wave of 'unknown person' errors; the build fails on the YAML error anyway."""
    people: dict[str, Person] = {}
    for number, line in enumerate(source.text.split("\n"), start=1):
        match = _TOP_LEVEL_KEY.match(line)
        if match and match[1] not in people:
            where = Location(source.path, number, 1)
            people[match[1]] = Person(match[1], match[1], match[1], (), None, None, "", {}, where)
    return people


def _year(value: Any, key: str, where: Location, report: Report) -> int | None:
    if value is None or isinstance(value, int) and not isinstance(value, bool):
        return value
    report.error(where, "people.year", f"'{key}' must be a year such as 1890, not '{value}'")
    return None


def _check_aliases(people: Mapping[str, Person], report: Report) -> None:
    owner: dict[str, Person] = {}
    for person in people.values():
        for alias in person.aliases:
            first = owner.setdefault(alias, person)
            if first is not person:
                report.error(
                    person.location,
                    "people.alias-twice",
                    f"alias '{alias}' of '{person.id}' is already an alias of '{first.id}';"
                    " tag such mentions with [name]{person=id} instead",
                    related=((first.location, "first used here"),),
                )


def build_alias_index(people: Mapping[str, Person]) -> AliasIndex:
    """The matcher for every alias of the register (the first owner wins a shared alias)."""
    person_of: dict[str, str] = {}
    for person in people.values():
        for alias in person.aliases:
            person_of.setdefault(alias, person.id)
    if not person_of:
        return AliasIndex(None, {})
    # Grouped by first character, so the regex engine tries one small group per position
    # instead of every alias; within a group the longest alias still comes first.
    groups: dict[str, list[str]] = {}
    for alias in sorted(person_of, key=lambda a: (-len(a), a)):
        groups.setdefault(alias[0], []).append(re.escape(alias[1:]))
    alternatives = "|".join(
        f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in sorted(groups.items())
    )
    return AliasIndex(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), person_of)


def people_source(root: Path) -> Path:
    """Where the register lives in an edition."""
    return root / PEOPLE_PATH
