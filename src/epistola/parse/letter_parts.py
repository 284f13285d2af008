"""The parts of a letter outside its running text: letterhead, address, envelope,
postscript.

Each is a fenced block of the letter's Markdown, opened by three colons and the part's
name and closed by three colons (the container syntax of `mdit_py_plugins`):

    ::: letterhead
    Hotel Bristol · Wien
    :::

The page shows a part where it stands, in a box of its own with its name above it.
Its paragraphs are numbered with the text's (`#p1`), so their anchors are as stable as
any. The TEI of a body with parts is arranged by `parts_tei.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from mdit_py_plugins.container import container_plugin


@dataclass(frozen=True, slots=True)
class LetterPart:
    """One kind of part a letter may have."""

    name: str
    """How the source names it after `:::` (`letterhead`)."""
    label: str
    """Its name as the page shows it above the part (`Letterhead`)."""


PARTS = {
    part.name: part
    for part in (
        LetterPart("letterhead", "Letterhead"),
        LetterPart("address", "Address"),
        LetterPart("envelope", "Envelope"),
        LetterPart("postscript", "Postscript"),
    )
}
"""Every part a letter may have, by the name its fence gives it."""


def use_parts(md: MarkdownIt) -> None:
    """Add a fenced block for each part to `md`."""
    for name in PARTS:
        container_plugin(md, name, render=_render)


def part_of(token: Token) -> str | None:
    """The part a `container_…_open` token opens, or None for any other token."""
    name = token.type.removeprefix("container_").removesuffix("_open")
    return name if token.type.endswith("_open") and name in PARTS else None


def is_part_close(token: Token) -> bool:
    """True for the token that closes a part."""
    name = token.type.removeprefix("container_").removesuffix("_close")
    return token.type.endswith("_close") and name in PARTS


def without_misplaced_parts(
    tokens: Sequence[Token], *, in_text: bool
) -> tuple[list[Token], list[Token]]:
    """The tokens without the fences of parts that cannot stand where they are, and the
    opening token of each such part. A part stands at the top level of a letter's text
    only: not in a note, nor inside a quotation, a list or another part. Its content
    stays, as text."""
    kept: list[Token] = []
    dropped: list[Token] = []
    for token in tokens:
        if not (part_of(token) or is_part_close(token)) or (in_text and token.level == 0):
            kept.append(token)
        elif token.nesting == 1:
            dropped.append(token)
    return kept, dropped


def misplaced_message(token: Token) -> str:
    """What an error says of a part that stands where it cannot."""
    name = part_of(token)
    return (
        f"'::: {name}' can only stand at the top level of a letter's text, not in a note,"
        " a quotation, a list or another part; its words are kept as text"
    )


def has_parts(tokens: Sequence[Token]) -> bool:
    """True if the tokens of a letter hold any part."""
    return any(part_of(token) for token in tokens)


def _render(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
    token = tokens[idx]
    if token.nesting == -1:
        return "</div>\n"
    part = PARTS[part_of(token) or ""]
    return f'<div class="letter-part {part.name}">\n<p class="part-label">{part.label}</p>\n'
