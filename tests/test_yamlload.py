"""YAML read by libyaml gives exactly what PyYAML's own parser gives: the same values, the
same line and column for every node, the same diagnostics for every broken text.

Each text is read twice, once as epistola reads it and once with libyaml switched off,
and the two readings must agree. The examples are the places where the two parsers are
known to differ; Hypothesis adds YAML-ish text and real YAML of every style.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_PEOPLE, REPO
from epistola.core import yamlload
from epistola.core.diagnostics import Report
from test_properties import YAML_VALUES

needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")

Reading = tuple[Any, list[tuple[str, str, Any, int, int]] | None, list[str]]


def read(text: str, *, libyaml: bool) -> Reading:
    """The value, the node tree (kind, tag, scalar or length, line, column) and the
    diagnostics of `text` read as front matter, with or without libyaml."""
    saved = yamlload._C_LOADER
    if not libyaml:
        yamlload._C_LOADER = None
    try:
        report = Report()
        document = yamlload.load_yaml(
            text,
            path="letters/001.md",
            first_line=2,
            what="front matter",
            code="meta.yaml",
            report=report,
        )
    finally:
        yamlload._C_LOADER = saved
    messages = [diagnostic.format() for diagnostic in report.diagnostics]
    if document is None:
        return None, None, messages
    return _comparable(document.data), _tree(document.node), messages


def _comparable(value: Any) -> Any:
    """`value` with the type of every scalar (1, 1.0 and True are equal in Python) and NaN
    made comparable."""
    if isinstance(value, dict):
        return ("dict", [(_comparable(k), _comparable(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_comparable(item) for item in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def _tree(node: yaml.Node | None) -> list[tuple[str, str, Any, int, int]] | None:
    if node is None:
        return None
    nodes: list[tuple[str, str, Any, int, int]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            content: Any = current.value
        else:
            content = len(current.value)
            children = current.value
            if isinstance(current, yaml.MappingNode):
                children = [n for pair in current.value for n in pair]
            if len(nodes) < 10_000:  # an alias that libyaml lets through must not loop
                stack.extend(reversed(children))
        mark = current.start_mark
        nodes.append((type(current).__name__, current.tag, content, mark.line, mark.column))
    return nodes


def assert_same_reading(text: str) -> None:
    assert read(text, libyaml=True) == read(text, libyaml=False), repr(text)


WHERE_THE_PARSERS_DIFFER = [
    "a:\t1",  # libyaml takes the tab for a space, PyYAML stops
    "a: 1\n\ufeffb: 2",  # libyaml skips a byte order mark at the start of any line
    "a: |#\n  x",  # libyaml allows a comment right after a block scalar's header
    "a: >-#c\n  x",
    "? x",  # the empty value at the end of the text: PyYAML's line, libyaml's next line
    "a:\n  ? x",
    "--- ",
    "{a, b: }",  # an empty value in a flow mapping: after ':' or before '}'
    "[a: ]",
    "{? : x}",
    "a: ! ",  # an empty value tagged '!': null to PyYAML, text to libyaml
    "[~? x]",  # PyYAML ends a plain scalar at '?' in a flow collection
    "[a?b, c]",
    "a: &x 1\nb: *x",  # libyaml composes aliases
    "a: &x [*x]",
    "a: *x",
    "a: 1\n<<: {b: 2}",
    "=: x",
    "a: !!timestamp 2001-01-01",
    "a: !!int abc",
    "a: !!binary aGk=",
    "? [a]\n: b",
    "a: " + "[" * 400 + "]" * 400,  # libyaml reads 400 levels, PyYAML runs out of stack
    "- " * 400 + "x",
    "".join(" " * depth + "a:\n" for depth in range(400)),
    "a: " + "[" * 999 + "]" * 999,
    "a: [b",
    "a: 'unclosed",
    'a: "\\x"',
    'a: "\\ud800"',
    "a: \x07",
    "a: 1\n--- b",
    "%YAML 2.0\n--- a",
    "é" * 1025 + ": 1",  # a key longer than 1024 characters
]


@pytest.mark.parametrize("text", WHERE_THE_PARSERS_DIFFER)
def test_libyaml_changes_nothing_where_the_parsers_differ(text: str) -> None:
    assert_same_reading(text)


ORDINARY = [
    "number: 31\ndate: 1927-06-23\ndated: 23 June 1927\nfrom: molotov\nto: [stalin, kaganovich]",
    "number: 1\nto:\n  - a\n  - b\nplace:\nsummary: |\n  Two lines\n  of text.\n",
    "about: 'It''s # not a comment'\nnote: \"é\\u00e9 𝔘\"\nfolded: >\n  a\n  b\n",
    "a: 1\r\nb: [x, y]\r\nc: {d: e}\r\n",
    "n: [1, 1.5, .nan, -.inf, 0x1F, 1:30, yes, No, ~, null, '1']",
    "a: &anchor value\nb: Smith & Sons",
    "",
    "# only a comment",
    MINIMAL_PEOPLE,
    (REPO / "notes" / "people.yaml").read_text(encoding="utf-8"),
    (REPO / "edition.yaml").read_text(encoding="utf-8"),
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_yaml_reads_the_same(text: str) -> None:
    assert_same_reading(text)


@needs_libyaml
@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_yaml_is_read_by_libyaml(text: str) -> None:
    assert yamlload._load_with_libyaml(text) is not None


@needs_libyaml
@pytest.mark.parametrize("text", WHERE_THE_PARSERS_DIFFER)
def test_pyyaml_reads_again_where_the_parsers_differ(text: str) -> None:
    assert yamlload._load_with_libyaml(text) is None


PIECES = st.sampled_from(
    [
        "number: 1",
        "to: [bob",
        "to: [alice, 7]",
        "to: {a: b}",
        "a: &x [*x]",
        "b: *y",
        "&x v",
        "!!int abc",
        "!!str",
        "! ",
        "? [a]",
        "? ",
        "? x",
        "{a: }",
        "[a?b]",
        ": :",
        "'unclosed",
        '"\\x"',
        "\t",
        "  - -",
        "- ",
        "%YAML 1.1",
        "---",
        "...",
        "|",
        "|#",
        ">-",
        "{",
        "}",
        "[",
        "]",
        ",",
        "?",
        "#",
        " #c",
        "key: value: other",
        "<<: ",
        "\x07",
        "\ufeff",
        "\r\n",
        "\u2028",
        "  ",
        "é𝔘",
    ]
)
YAMLISH = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=10).map("".join)
STYLES = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([True, False, None]),
        "default_style": st.sampled_from([None, "'", '"', "|", ">"]),
        "width": st.sampled_from([8, 80]),
        "allow_unicode": st.booleans(),
    }
)
REAL_YAML = st.builds(lambda value, style: yaml.safe_dump(value, **style), YAML_VALUES, STYLES)


@st.composite
def edited(draw: st.DrawFn, text: st.SearchStrategy[str]) -> str:
    """A text with a few pieces put in or cut out, as an editor's slip would."""
    result = draw(text)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(result)))
        if draw(st.booleans()):
            result = result[:at] + draw(PIECES) + result[at:]
        else:
            result = result[:at] + result[at + draw(st.integers(1, 4)) :]
    return result


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(YAMLISH, REAL_YAML, edited(REAL_YAML), edited(st.just(MINIMAL_PEOPLE))))
def test_libyaml_reads_any_text_as_pyyaml_does(text: str) -> None:
    assert_same_reading(text)
