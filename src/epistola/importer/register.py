"""Who wrote to whom: the salutation and the signature looked up in the register's aliases."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from epistola.core.diagnostics import Report
from epistola.core.registers import PEOPLE, PEOPLE_PATH, AliasIndex, build_alias_index
from epistola.core.registers import load_register as read_register
from epistola.importer.dump import SIGNATURE, Line
from epistola.parse.sources import read_source

PLACEHOLDER = "PERSON-ID"
"""What `from`/`to` hold when the import cannot tell; the build then asks for a real id."""
_SALUTATION = re.compile(r"(?:My\s+)?(?:Dear|Dearest|To|Comrade)\b|.{1,60}[,:!]$")
_SHORT = 40


def load_register(into: Path, *, report: Report) -> AliasIndex | None:
    """The aliases of `notes/people.yaml` in the target folder, or None if it has none."""
    path = into / PEOPLE_PATH
    source = read_source(into, path, report) if path.is_file() else None
    return build_alias_index({"person": read_register(PEOPLE, source, report)}) if source else None


def recipients(lines: Sequence[tuple[Line, str]], aliases: AliasIndex | None) -> list[str]:
    """The people the salutation names ("Dear Viacheslav and Nikolai," -> both), in order."""
    if not lines or aliases is None or not _SALUTATION.match(lines[0][1]):
        return []
    return list(dict.fromkeys(person for _, _, _, person in aliases.finditer(lines[0][1])))


def signer(lines: Sequence[tuple[Line, str]], aliases: AliasIndex | None) -> str | None:
    """The person of the first signature ("J. Stalin") that names someone in the register."""
    if aliases is None:
        return None
    for _, text in lines[1:]:
        found = aliases.finditer(text) if len(text) <= _SHORT else []
        if found and (SIGNATURE.fullmatch(text) or _is_alias(text, found)):
            return found[0][3]
    return None


def _is_alias(text: str, found: list[tuple[int, int, str, str]]) -> bool:
    start, end, _, _ = found[0]
    return (start, end) == (0, len(text.rstrip(".")))
