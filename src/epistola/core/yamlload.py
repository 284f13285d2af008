"""YAML as epistola reads it: safe, dates kept as text, every failure a diagnostic.

Front matter, the register and `edition.yaml` all go through `load_yaml`, so a broken
file of any kind is reported the same way and never raises.

Reading goes through libyaml (PyYAML's C parser) when it is installed, several times
faster than PyYAML's own parser. The two agree on the values and places of ordinary
YAML but not on everything: libyaml accepts tabs that PyYAML refuses, places some empty
values elsewhere, words its errors differently and does not know the aliases rule. So
libyaml's reading is kept only when it is plainly one PyYAML would give as well; anything
else, every error included, is read again by PyYAML, whose diagnostics are the ones users see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from epistola.core.diagnostics import Report
from epistola.core.records import Location

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
    """The node tree, for the line and column where each value starts (`start_mark`, the
    same from either parser; their end marks and plain scalars' `style` differ)."""


def load_yaml(
    text: str, *, path: str, first_line: int, what: str, code: str, report: Report
) -> YamlDocument | None:
    """Read `text` (which starts on `first_line` of `path`); report and return None if bad."""
    # YAML also breaks lines at NEL, LS and PS; as spaces they keep lines and columns
    # the same as an editor's view of the file.
    translated = text.translate(_OTHER_LINE_BREAKS)
    document = _load_with_libyaml(translated)
    if document is not None:
        return document
    loader: TextDateLoader | None = None
    try:
        loader = TextDateLoader(translated)  # may raise ReaderError
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


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = "tag:yaml.org,2002:null"
_SCALARS: dict[str, Callable[[Any, ScalarNode], Any]] = {
    "tag:yaml.org,2002:int": yaml.SafeLoader.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.SafeLoader.construct_yaml_float,
    "tag:yaml.org,2002:bool": yaml.SafeLoader.construct_yaml_bool,
    _NULL: yaml.SafeLoader.construct_yaml_null,
}
"""The plain scalar types besides text, each built by PyYAML's own constructor."""
_MAX_DEPTH = 64
"""Deeper nesting is left to PyYAML: its composer runs out of stack a few hundred levels
down, at a depth that depends on the caller, where libyaml goes on reading."""
_UNSURE_CHARACTERS = ("\ufeff", "\t")
"""libyaml skips a byte order mark at the start of any line, PyYAML only at the start of
the text; libyaml takes a tab for a space in places where PyYAML stops with an error."""
_BLOCK_INDICATORS = "|>"
_BLOCK_HEADER = "-+0123456789"


if yaml.__with_libyaml__:

    class _CTextDateLoader(yaml.CSafeLoader):
        """TextDateLoader's reading of scalars, over libyaml's parser."""

        yaml_implicit_resolvers = TextDateLoader.yaml_implicit_resolvers

    _C_LOADER: type[yaml.CSafeLoader] | None = _CTextDateLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _C_LOADER = None


class _NotPlainError(Exception):
    """The document holds something libyaml's reading may not give as PyYAML would."""


def _load_with_libyaml(text: str) -> YamlDocument | None:
    """`text` read by libyaml, or None when PyYAML must read it (see the module's doc)."""
    if _C_LOADER is None or _unsure(text):
        return None
    try:
        loader = _C_LOADER(text)
    except Exception:  # text that UTF-8 cannot encode, such as a lone surrogate
        return None
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, None)
        return YamlDocument(_Values(loader, check_shared="&" in text).of(node, 0, False), node)
    except Exception:  # libyaml's errors, RecursionError, _NotPlainError: PyYAML decides
        return None
    finally:
        loader.dispose()


def _unsure(text: str) -> bool:
    """Whether `text` holds something libyaml reads where PyYAML stops with an error."""
    if any(c in text for c in _UNSURE_CHARACTERS):
        return True
    # A comment right after a block scalar's header (`|#`, `>-#`): PyYAML wants a space.
    hash_at = text.find("#")
    while hash_at >= 0:
        before = hash_at - 1
        while before >= 0 and text[before] in _BLOCK_HEADER:
            before -= 1
        if before >= 0 and text[before] in _BLOCK_INDICATORS:
            return True
        hash_at = text.find("#", hash_at + 1)
    return False


class _Values:
    """The Python value of a node tree of strings, numbers, booleans, nulls, lists and
    mappings, as PyYAML's SafeConstructor builds it; raises _NotPlainError for anything else."""

    def __init__(self, loader: yaml.CSafeLoader, *, check_shared: bool) -> None:
        self.loader = loader
        self.seen: set[int] | None = set() if check_shared else None
        """Nodes met so far, when the text has anchors: a node met twice is an alias."""

    def of(self, node: Node, depth: int, in_flow: bool) -> Any:
        if depth > _MAX_DEPTH:
            raise _NotPlainError
        if self.seen is not None:
            if id(node) in self.seen:
                raise _NotPlainError
            self.seen.add(id(node))
        tag = node.tag
        if type(node) is ScalarNode:
            return self._scalar(node, tag, in_flow)
        if type(node) is SequenceNode and tag == _SEQ:
            in_flow = in_flow or bool(node.flow_style)
            return [self.of(item, depth + 1, in_flow) for item in node.value]
        if type(node) is MappingNode and tag == _MAP:
            in_flow = in_flow or bool(node.flow_style)
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode:
                    raise _NotPlainError  # PyYAML refuses lists and mappings as keys
                key = self.of(key_node, depth + 1, in_flow)
                mapping[key] = self.of(value_node, depth + 1, in_flow)
            return mapping
        raise _NotPlainError

    def _scalar(self, node: ScalarNode, tag: str, in_flow: bool) -> Any:
        if tag == _STR:
            value: Any = node.value
        elif tag in _SCALARS:
            value = _SCALARS[tag](self.loader, node)
        else:
            raise _NotPlainError
        if node.style:  # quoted or a block scalar
            return value
        if not node.value and (tag != _NULL or in_flow or node.start_mark.column == 0):
            # An empty value with a tag (`! `), in a flow collection or at the end of the
            # text: the parsers type the first differently and place the others elsewhere.
            raise _NotPlainError
        if in_flow and "?" in node.value:
            raise _NotPlainError  # PyYAML ends a plain scalar at '?' in a flow collection
        return value


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
