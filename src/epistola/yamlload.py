"""YAML as epistola reads it: safe, dates kept as text, every failure a diagnostic.

Front matter, the register and `edition.yaml` all go through `load_yaml`, so a broken
file of any kind is reported the same way and never raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import AliasEvent

from epistola.diagnostics import Report
from epistola.records import Location

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_OTHER_LINE_BREAKS = {0x85: " ", 0x2028: " ", 0x2029: " "}


class TextDateLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as the text the editor wrote and refuses aliases.

    EDTF needs that text, and a day that does not exist (1927-02-30) must reach the
    date check instead of failing inside PyYAML. Aliases (`*name`) are refused because
    nested ones expand exponentially ("billion laughs") and no edition needs them.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases such as '*name' are not allowed here", event.start_mark
            )
        return super().compose_node(parent, index)


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A YAML text that could be read."""

    data: Any
    """The Python value: dict, list, str, int, …; None for an empty document."""
    node: yaml.Node | None
    """The node tree, for the line and column of each value."""


def load_yaml(
    text: str, *, path: str, first_line: int, what: str, code: str, report: Report
) -> YamlDocument | None:
    """Read `text` (which starts on `first_line` of `path`); report and return None if bad."""
    loader: TextDateLoader | None = None
    try:
        # YAML also breaks lines at NEL, LS and PS; as spaces they keep lines and columns
        # the same as an editor's view of the file.
        loader = TextDateLoader(text.translate(_OTHER_LINE_BREAKS))  # may raise ReaderError
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        _report_marked(exc, path=path, first_line=first_line, what=what, code=code, report=report)
        return None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = first_line + before.count("\n")
        column = exc.position - (before.rfind("\n") + 1) + 1
        report.error(
            Location(path, line, column),
            code,
            f"{what} holds the control character U+{exc.character:04X}, which YAML does"
            " not allow; delete it",
        )
        return None
    except Exception as exc:
        # PyYAML's constructors raise assorted plain errors for bad tagged values
        # (`!!int abc` a ValueError, an empty `!!timestamp` an AttributeError), without a place.
        report.error(
            Location(path, first_line, 1), code, f"{what} is not valid YAML: {_lower(str(exc))}"
        )
        return None
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDocument(data, node)


def location_of(node: yaml.Node, *, path: str, first_line: int) -> Location:
    """Where a YAML node starts, as a 1-based location in the file."""
    mark = node.start_mark
    return Location(path, first_line + mark.line, mark.column + 1)


def _report_marked(
    exc: yaml.MarkedYAMLError, *, path: str, first_line: int, what: str, code: str, report: Report
) -> None:
    mark = exc.problem_mark or exc.context_mark
    where = (
        Location(path, first_line + mark.line, mark.column + 1)
        if mark
        else Location(path, first_line, 1)
    )
    end = f"the end of the {what.removeprefix('the ')}"
    problem = (exc.problem or "malformed YAML").replace("'<stream end>'", end)
    problem = problem.replace("<stream end>", end)
    related: tuple[tuple[Location, str], ...] = ()
    if exc.context and exc.context_mark and exc.problem_mark:
        context = Location(path, first_line + exc.context_mark.line, exc.context_mark.column + 1)
        thing = exc.context.removeprefix("while parsing ").removeprefix("while scanning ")
        related = ((context, f"{thing} starts here"),)
    report.error(where, code, f"{what} is not valid YAML: {_lower(problem)}", related=related)


def _lower(message: str) -> str:
    return message[:1].lower() + message[1:]
