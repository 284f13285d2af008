"""Split a letter into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from epistola.core.diagnostics import Report
from epistola.core.records import FieldLocations, Location, SourceFile
from epistola.core.yamlload import load_yaml, location_of

DELIMITER = "---"


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A letter file cut in two."""

    data: dict[str, Any]
    """The front matter's keys and values; empty if it could not be read."""
    fields: FieldLocations
    """Where each key's value stands in the file."""
    body: str
    """The Markdown after the closing `---`."""
    body_line: int
    """The 1-based line of the file on which the body starts."""
    readable: bool = True
    """False when the front matter is missing or broken, so its keys cannot be checked."""


def split_front_matter(source: SourceFile, report: Report) -> FrontMatter:
    """Cut `source` into front matter and body; report what is wrong with the front matter."""
    start = Location(source.path, 1, 1)
    lines = source.text.split("\n")
    if not source.text.strip():
        report.error(
            start,
            "source.empty",
            "the file is empty; a letter starts with front matter: '---', 'number: 31',"
            " 'date: …', 'from: …', 'to: […]', '---', then its text",
        )
        return FrontMatter({}, FieldLocations({}, start), "", 1, readable=False)
    if lines[0].rstrip() != DELIMITER:
        report.error(
            start,
            "meta.missing",
            "the file must start with a '---' line opening the front matter,"
            f" not '{_shorten(lines[0])}'",
        )
        return FrontMatter({}, FieldLocations({}, start), source.text, 1, readable=False)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == DELIMITER), None)
    if end is None:
        report.error(
            start,
            "meta.unclosed",
            "the front matter opened here is never closed: add a '---' line after its last key",
        )
        return FrontMatter({}, FieldLocations({}, start), "", len(lines) + 1, readable=False)
    body = "\n".join(lines[end + 1 :])
    found = _load_yaml(source.path, "\n".join(lines[1:end]), first_line=2, report=report)
    if found is None:
        return FrontMatter({}, FieldLocations({}, start), body, end + 2, readable=False)
    data, fields = found
    return FrontMatter(data, FieldLocations(fields, start), body, end + 2)


def _load_yaml(
    path: str, text: str, *, first_line: int, report: Report
) -> tuple[dict[Any, Any], dict[str, Location]] | None:
    document = load_yaml(
        text, path=path, first_line=first_line, what="front matter", code="meta.yaml", report=report
    )
    if document is None:
        return None
    if document.data is None:
        return {}, {}
    if not isinstance(document.data, dict) or not isinstance(document.node, yaml.MappingNode):
        report.error(
            Location(path, first_line, 1),
            "meta.yaml",
            "front matter must be 'key: value' lines, such as 'number: 31'",
        )
        return None
    fields: dict[str, Location] = {}
    for key_node, value_node in document.node.value:
        key = str(key_node.value)
        fields[key] = location_of(value_node, path=path, first_line=first_line)
        if isinstance(value_node, yaml.SequenceNode):
            for item in value_node.value:
                if isinstance(item, yaml.ScalarNode):
                    item_key = FieldLocations.item_key(key, item.value)
                    where = location_of(item, path=path, first_line=first_line)
                    fields.setdefault(item_key, where)
    return document.data, fields


def _shorten(line: str) -> str:
    return line if len(line) <= 40 else line[:39] + "…"
