"""The text-critical apparatus: a second series of notes, lettered a, b, c.

The editorial notes are numbered and say what the text means; the apparatus is lettered
and says what the manuscript shows (a word struck out, a reading that is uncertain).
In the text `[^a]` is the marker of apparatus note a. In the notes file an apparatus
note is written as a footnote definition, at the start of a line, its further lines
indented, beside the numbered list:

    1. The numbered note.

    [^a]: Written above the line.
    [^b]: Torn; the word is supplied from the copy.

`split_apparatus` takes those definitions out of the notes file (leaving blank lines, so
the numbered notes keep their line numbers), and `use_apparatus` adds the marker rule to
the Markdown parser. On the page the markers are `#appref-a` and the notes `#app-a`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from epistola.core.diagnostics import Report
from epistola.core.records import ApparatusMarker, ApparatusNote
from epistola.core.xmlwrite import start_tag

LABEL = r"[a-z]{1,2}"
"""An apparatus note's label: a, b, … z, then aa, ab, …"""
_MARKER = re.compile(rf"\[\^({LABEL})\]")
_DEFINITION = re.compile(rf"\[\^({LABEL})\]:[ \t]*(.*)")
_INDENT = re.compile(r"^(?: {1,4}|\t)")


@dataclass(frozen=True, slots=True)
class ApparatusSource:
    """One apparatus note as the notes file writes it, before it is parsed."""

    label: str
    """Its letter (`a`)."""
    line: int
    """The line of the notes file it starts on, 1-based."""
    text: str
    """Its Markdown, the definition and the indentation taken off."""


def split_apparatus(text: str) -> tuple[str, tuple[ApparatusSource, ...]]:
    """The notes file without its apparatus notes (each line of them left blank), and
    the apparatus notes, in file order."""
    kept: list[str] = []
    found: list[tuple[str, int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        match = _DEFINITION.match(line)
        if match:
            current = [match[2]]
            found.append((match[1], number, current))
        elif current is not None and (not line.strip() or line[:1] in (" ", "\t")):
            current.append(_INDENT.sub("", line))
        else:
            current = None
            kept.append(line)
            continue
        kept.append("")
    entries = tuple(ApparatusSource(label, line, "\n".join(body)) for label, line, body in found)
    return "\n".join(kept), entries


def label_number(label: str) -> int:
    """The place of a label in the series: a is 1, z 26, aa 27."""
    number = 0
    for char in label:
        number = number * 26 + ord(char) - ord("a") + 1
    return number


def use_apparatus(md: MarkdownIt) -> None:
    """Add the marker rule `[^a]` and its HTML to `md`."""
    md.inline.ruler.before("link", "apparatus_marker", _apparatus_marker)
    md.add_render_rule("apparatus_marker", _render_marker)


def marker_anchor(token: Token) -> str:
    """The element id of a marker: `appref-a`, `appref-a-2` for its second time."""
    return str(token.meta.get("anchor", f"appref-{token.meta['label']}"))


def marker_tei(token: Token) -> str:
    """A marker as TEI: a `ref` to the apparatus note, as the numbered markers are."""
    label = token.meta["label"]
    attributes = {"type": "noteAnchor", "subtype": "apparatus", "n": label}
    attributes |= {"target": f"#app-{label}", "xml:id": marker_anchor(token)}
    return start_tag("ref", attributes) + f"{label}</ref>"


def check_apparatus(
    markers: Sequence[ApparatusMarker],
    notes: Sequence[ApparatusNote],
    *,
    letter_path: str,
    notes_path: str,
    report: Report,
) -> None:
    """Markers without notes, notes without markers, and notes out of their sequence."""
    labels = {note.label for note in notes}
    for marker in markers:
        if marker.label not in labels:
            report.error(
                marker.location,
                "apparatus.missing",
                f"marker [^{marker.label}] has no apparatus note [^{marker.label}]: in"
                f" {notes_path}",
            )
    marked = {marker.label for marker in markers}
    expected = 1
    for note in notes:
        number = label_number(note.label)
        if number != expected:
            report.error(
                note.location,
                "apparatus.sequence",
                f"apparatus note [^{note.label}] is out of the sequence a, b, c …:"
                f" expected [^{_label(expected)}]",
            )
        expected = number + 1
        if note.label not in marked:
            report.warning(
                note.location,
                "apparatus.unused",
                f"apparatus note [^{note.label}] is never referenced in {letter_path}",
            )


def _label(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _apparatus_marker(state: StateInline, silent: bool) -> bool:
    match = _MARKER.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        token = state.push("apparatus_marker", "sup", 0)
        token.meta = {"label": match[1], "offset": state.pos}
        token.content = match[0]
    state.pos = match.end()
    return True


def _render_marker(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    token = tokens[idx]
    label = token.meta["label"]
    return (
        f'<sup class="marker apparatus"><a id="{marker_anchor(token)}" href="#app-{label}"'
        f' role="doc-noteref" aria-label="textual note {label}">{label}</a></sup>'
    )
