"""The TEI `body` of a letter that has parts outside its text (`letter_parts.py`).

The parts take the forms the TEI Guidelines give letters, placed where the content
model of `body` allows them:

- a letterhead is printed matter at the head of the sheet: `<fw type="letterhead">`, one
  per paragraph, which TEI allows anywhere;
- an address is `<address>` with an `<addrLine>` per line: bare before the text (where
  TEI puts an opener's parts) or after it (with the closer's), and inside an
  `<ab type="address">` where more text follows;
- an envelope is a sheet of its own: `<div type="envelope">`, after the text's blocks
  and before what closes the letter;
- a postscript is `<postscript>`, among what closes the letter. Text that follows the
  closing dateline without one is a postscript as well, as in a body without parts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from epistola.core.xmlwrite import holder, start_tag
from epistola.parse.letter_parts import part_of
from epistola.parse.markdown_tei import (
    BODY_DEPTH,
    _block,
    _children,
    _inline,
    _kind,
    _lines,
    _postscript_block,
)

_TAG_OR_BREAK = re.compile(r"<[^<>]*>|\n")


@dataclass(frozen=True, slots=True)
class _Item:
    """A block of the body, written for where it stands."""

    role: str
    """`text`, `global` (fw, milestone), `dateline`, `address`, `close` (a postscript)."""
    tei: str
    """Its TEI at the body's depth."""
    inner: tuple[str, ...]
    """Its TEI inside a postscript, one level deeper."""


def body_with_parts(tokens: Sequence[Token]) -> str:
    """The content of the `body` of a letter with parts."""
    depth = BODY_DEPTH + 1
    items: list[_Item] = []
    envelopes: list[str] = []
    for start, end in _children(tokens, 0, len(tokens)):
        part = part_of(tokens[start])
        inside = _children(tokens, start + 1, end)
        if part == "envelope":
            blocks = [_block(tokens, s, e, depth + 1) for s, e in inside] or ["<p/>"]
            envelopes.append(holder("div", blocks, depth, type="envelope"))
        elif part == "letterhead":
            items += [_Item("global", fw, (fw,)) for fw in _letterhead(tokens, start, end)]
        elif part == "address":
            address = _address(tokens, start, end, depth)
            items.append(_Item("address", address, (_address(tokens, start, end, depth + 1),)))
        elif part == "postscript":
            blocks = [_postscript_block(tokens, s, e, depth + 1) for s, e in inside]
            items.append(
                _Item("close", holder("postscript", blocks or ["<p/>"], depth), tuple(blocks))
            )
        else:
            role = {"": "text", "milestone": "global"}.get(_kind(tokens[start]), "dateline")
            tei = _block(tokens, start, end, depth)
            items.append(_Item(role, tei, (_postscript_block(tokens, start, end, depth + 1),)))
    return _lines(_arranged(_placed(items), envelopes, depth), depth)


def _placed(items: list[_Item]) -> list[_Item]:
    """Addresses as TEI allows them where they stand: bare before or after the text, in
    an `ab` between its blocks."""
    texts = [i for i, item in enumerate(items) if item.role == "text"]
    placed = []
    for i, item in enumerate(items):
        if item.role == "address" and texts and texts[0] < i < texts[-1]:
            ab = start_tag("ab", {"type": "address"})
            item = _Item("text", f"{ab}{item.tei}</ab>", tuple(f"{ab}{t}</ab>" for t in item.inner))
        elif item.role == "address":
            item = _Item("close" if texts and i > texts[0] else "global", item.tei, item.inner)
        placed.append(item)
    return placed


def _arranged(items: list[_Item], envelopes: list[str], depth: int) -> list[str]:
    """The blocks in the order `body` takes them: what opens, the text, the envelopes,
    what closes; text after the closing dateline or postscript goes into a postscript.
    Only what TEI cannot take where it stands is moved: envelopes, and postscripts above
    the text."""
    text = next((i for i, item in enumerate(items) if item.role == "text"), None)
    if text is None:  # the empty `p` TEI asks for, after what opens and before what closes
        opening = [item.tei for item in items if item.role != "close"]
        closing_parts = [item.tei for item in items if item.role == "close"]
        return [*opening, "<p/>", *envelopes, *closing_parts]
    closing = next(
        (i for i in range(text, len(items)) if items[i].role in ("dateline", "close")), len(items)
    )
    end = closing
    while end < len(items) and items[end].role in ("dateline", "close"):
        end += 1
    rest = items[end:]
    last_text = max((i for i, item in enumerate(rest) if item.role == "text"), default=-1)
    # A postscript written above the text (on the top of the first page) can only stand
    # with what closes the letter in TEI.
    opening = [item.tei for item in items[:closing] if item.role != "close"]
    early = [item.tei for item in items[:text] if item.role == "close"]
    closers = [*(item.tei for item in items[closing:end]), *early]
    if last_text < 0:
        return [*opening, *envelopes, *closers, *(item.tei for item in rest)]
    postscript = [tei for item in rest[: last_text + 1] for tei in item.inner]
    after = [item.tei for item in rest[last_text + 1 :]]
    return [*opening, *envelopes, *closers, holder("postscript", postscript, depth), *after]


def _letterhead(tokens: Sequence[Token], start: int, end: int) -> list[str]:
    """A `fw` for each paragraph (or heading) of a letterhead, with its anchor."""
    lines = []
    for i in range(start + 1, end):
        if tokens[i].type == "inline":
            anchor = tokens[i - 1].attrGet("id")
            attributes = {"type": "letterhead", **({"xml:id": str(anchor)} if anchor else {})}
            # Its lines are kept as the page keeps them: a letterhead is set line by line.
            content = _inline(tokens[i].children or []).replace("\n", "<lb/>\n")
            lines.append(start_tag("fw", attributes) + content + "</fw>")
    return lines


def _address(tokens: Sequence[Token], start: int, end: int, depth: int) -> str:
    """An `address`: each line of its paragraphs an `addrLine`, the first of a paragraph
    with the paragraph's anchor."""
    lines = []
    for i in range(start + 1, end):
        if tokens[i].type != "inline":
            continue
        anchor = tokens[i - 1].attrGet("id")
        for line in _outer_lines(_inline(tokens[i].children or [])):
            attributes = {"xml:id": str(anchor)} if anchor else {}
            lines.append(start_tag("addrLine", attributes) + line + "</addrLine>")
            anchor = None
    return holder("address", lines or ["<addrLine/>"], depth)


def _outer_lines(tei: str) -> list[str]:
    """TEI text cut at its line breaks, but not inside an element (a name may run over
    two lines), so every piece is well formed."""
    pieces, depth, start = [], 0, 0
    for match in _TAG_OR_BREAK.finditer(tei):
        token = match[0]
        if token == "\n" and depth == 0:
            pieces.append(tei[start : match.start()].removesuffix("<lb/>"))
            start = match.end()
        elif token.startswith("</"):
            depth -= 1
        elif token.startswith("<") and not token.endswith("/>"):
            depth += 1
    pieces.append(tei[start:])
    return [piece for piece in pieces if piece.strip()]
