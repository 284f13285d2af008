"""Split a letter into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from epistola.diagnostics import Report
from epistola.records import FieldLocations, Location, SourceFile

DELIMITER = "---"
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's loader, some fifty times faster than the pure-Python one, when installed."""


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


def split_front_matter(source: SourceFile, report: Report) -> FrontMatter:
    """Cut `source` into front matter and body; report what is wrong with the front matter."""
    start = Location(source.path, 1, 1)
    lines = source.text.split("\n")
    if not lines or lines[0].rstrip() != DELIMITER:
        report.error(
            start, "meta.missing", "the file must start with a '---' line opening the front matter"
        )
        return FrontMatter({}, FieldLocations({}, start), source.text, 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == DELIMITER)
    except StopIteration:
        report.error(
            start, "meta.unclosed", "the front matter opened here is never closed by '---'"
        )
        return FrontMatter({}, FieldLocations({}, start), "", len(lines) + 1)
    body = "\n".join(lines[end + 1 :])
    yaml_text = "\n".join(lines[1:end])
    data, fields = _load_yaml(source.path, yaml_text, first_line=2, report=report)
    return FrontMatter(data, FieldLocations(fields, start), body, end + 2)


def _load_yaml(
    path: str, text: str, *, first_line: int, report: Report, fast: bool = True
) -> tuple[dict[str, Any], dict[str, Location]]:
    loader = _FAST_LOADER(text) if fast and _FAST_LOADER else yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        if fast and _FAST_LOADER:  # the pure-Python loader words the message as we expect
            return _load_yaml(path, text, first_line=first_line, report=report, fast=False)
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = (
            Location(path, first_line + mark.line, mark.column + 1)
            if mark
            else Location(path, first_line, 1)
        )
        problem = getattr(exc, "problem", None) or "malformed YAML"
        report.error(where, "meta.yaml", f"front matter is not valid YAML: {problem}")
        return {}, {}
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        report.error(
            Location(path, first_line, 1),
            "meta.yaml",
            "front matter must be 'key: value' lines, such as 'number: 31'",
        )
        return {}, {}
    fields: dict[str, Location] = {}
    assert isinstance(node, yaml.MappingNode)
    for key_node, value_node in node.value:
        mark = value_node.start_mark
        fields[str(key_node.value)] = Location(path, first_line + mark.line, mark.column + 1)
    return data, fields
