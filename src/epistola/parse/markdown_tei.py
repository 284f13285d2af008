"""The tokens of a letter or its notes -> TEI text, beside the HTML markdown.py renders.

Both forms are written from the same tokens in the same pass of `parse.py`, so the TEI
says what the page shows: `<p xml:id="pN">` for each paragraph, `<ref>` for note
markers, `<supplied>` for insertions, `<persName>`, `<placeName>` and `<orgName>` for what the
registers name, and the writer's dateline as `<dateline>`. Refs keep the placeholders
of the HTML (`render.replace_refs` fills them), and a name holds its entry's kind and id
between two `ENTRY` marks (`kind:id`), for the export to put the entry's URIs there.

The text is laid out as it stands in the document: a block of the body, or of a note,
on a line of its own, indented one space a level below `BODY_DEPTH` or `NOTE_DEPTH`.
Only elements of nothing but blocks are indented; inside any other one, and so inside
a paragraph, the whitespace is the source's, as markdown-it lays out its HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from epistola.core.registers import KIND
from epistola.core.xmlwrite import escape_attribute, escape_text, holder, start_tag
from epistola.parse.apparatus import marker_tei
from epistola.parse.letter_parts import has_parts
from epistola.parse.markdown import REF_CLOSE, REF_MID, REF_OPEN
from epistola.parse.markdown_styles import tei_close, tei_open

BODY_DEPTH = 2
"""How deep `body` stands: TEI > text > body."""
NOTE_DEPTH = 4
"""How deep each `note` stands: TEI > text > back > div > note."""
ENTRY = "\ufdd3"
"""A noncharacter on either side of `kind:id` in `<persName…>`; sources never hold it."""

_BLOCKS = {
    "heading": ("ab", {"type": "heading"}),
    "blockquote": ("quote", {}),
    "bullet_list": ("list", {"rend": "bulleted"}),
    "ordered_list": ("list", {"rend": "numbered"}),
    "list_item": ("item", {}),
    "hr": ("milestone", {"unit": "section", "rend": "line"}),
}
"""Block tokens (less `_open`) that are one TEI element whatever their attributes."""

_INLINE = {
    "softbreak": "\n",
    "hardbreak": "<lb/>\n",
    "em_open": '<hi rend="italic">',
    "em_close": "</hi>",
    "strong_open": '<hi rend="bold">',
    "strong_close": "</hi>",
    "supplied_open": "<supplied>",
    "supplied_close": "</supplied>",
    "ref_close": REF_CLOSE,
}
"""Inline tokens that are always written the same."""

_EMPTY = re.compile(r"<(\w+)((?:\s[^<>]*)?)(?<!/)></\1>")
"""An element with nothing in it, which XML writes as `<name …/>` (and not an empty
element closing its holder: `<p><pb/></p>`)."""


def body_tei(tokens: Sequence[Token]) -> str:
    """The content of a letter's `body`, the datelines where TEI allows them.

    A dateline may open the body or close it; blocks that follow the closing one are a
    `postscript`, in which a dateline is `ab type="dateline"`. Milestones may follow a
    dateline, and a body with no block but datelines gets the empty `p` TEI asks for.
    A body with parts outside the text (a letterhead, an envelope) is `parts_tei`'s.
    """
    if has_parts(tokens):
        from epistola.parse.parts_tei import body_with_parts  # it builds on this module

        return body_with_parts(tokens)
    depth = BODY_DEPTH + 1
    blocks = _children(tokens, 0, len(tokens))
    kinds = [_kind(tokens[start]) for start, _ in blocks]
    lines = [_block(tokens, start, end, depth) for start, end in blocks]
    text = next((i for i, kind in enumerate(kinds) if not kind), None)
    if text is None:
        return _lines([*lines, "<p/>"], depth)
    first = next((i for i in range(text, len(kinds)) if kinds[i] == "dateline"), len(kinds))
    end = first
    while end + 1 < len(kinds) and kinds[end + 1] == "dateline":
        end += 1
    if all(kind == "milestone" for kind in kinds[end + 1 :]):
        return _lines(lines, depth)
    after = blocks[end + 1 :]
    postscript = [_postscript_block(tokens, start, stop, depth + 1) for start, stop in after]
    return _lines([*lines[: end + 1], holder("postscript", postscript, depth)], depth)


def note_tei(tokens: Sequence[Token]) -> str:
    """The content of a `note`, from the tokens inside its item of the notes list."""
    blocks = _children(tokens, 0, len(tokens))
    if not _holds_blocks(tokens, blocks):
        return _collapse(_raw(tokens))
    depth = NOTE_DEPTH + 1
    return _lines([_block(tokens, start, end, depth) for start, end in blocks], depth)


def _lines(blocks: list[str], depth: int) -> str:
    """Blocks one to a line at `depth`, then the indentation of the holder's end tag."""
    inner = "\n" + " " * depth
    return _collapse("".join(inner + block for block in blocks) + "\n" + " " * (depth - 1))


def _collapse(text: str) -> str:
    return _EMPTY.sub(r"<\1\2/>", text)


def _kind(token: Token) -> str:
    """`dateline` or `milestone` for the blocks the arrangement of a body moves around."""
    if token.type == "hr":
        return "milestone"
    return "dateline" if token.type == "paragraph_open" and _element(token)[0] == "dateline" else ""


def _children(tokens: Sequence[Token], start: int, stop: int) -> list[tuple[int, int]]:
    """The (first, last) token of each block in `tokens[start:stop]`."""
    blocks = []
    while start < stop:
        end = start
        if tokens[start].nesting == 1:
            level = tokens[start].level
            end += 1
            while tokens[end].nesting != -1 or tokens[end].level != level:
                end += 1
        blocks.append((start, end))
        start = end + 1
    return blocks


def _holds_blocks(tokens: Sequence[Token], blocks: list[tuple[int, int]]) -> bool:
    """True if blocks are all there is: a tight list's item holds text, not a `p`."""
    return bool(blocks) and not any(tokens[start].hidden for start, _ in blocks)


def _block(tokens: Sequence[Token], start: int, end: int, depth: int) -> str:
    """One block at `depth`, indented inside if it holds nothing but blocks."""
    token = tokens[start]
    if token.type in ("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open"):
        blocks = _children(tokens, start + 1, end)
        if _holds_blocks(tokens, blocks) or (blocks and token.type.endswith("list_open")):
            name, attributes = _element(token)
            inner = [_block(tokens, first, last, depth + 1) for first, last in blocks]
            return holder(name, inner, depth, **attributes)
    return _raw(tokens[start : end + 1]).rstrip("\n")


def _postscript_block(tokens: Sequence[Token], start: int, end: int, depth: int) -> str:
    """A block after the closing dateline; a dateline there is `ab type="dateline"`."""
    block = _block(tokens, start, end, depth)
    if _kind(tokens[start]) != "dateline":
        return block
    attributes = _element(tokens[start])[1]
    opening = start_tag("dateline", attributes)
    ab = start_tag("ab", {**attributes, "type": "dateline"})
    return ab + block[len(opening) : -len("</dateline>")] + "</ab>"


def _element(token: Token) -> tuple[str, dict[str, str]]:
    """The TEI name and attributes of an opening block token."""
    if token.type != "paragraph_open":
        return _BLOCKS[token.type.removesuffix("_open")]
    dateline = token.level == 0 and token.attrGet("class") == "dateline"
    anchor = token.attrGet("id")
    return ("dateline" if dateline else "p"), ({"xml:id": str(anchor)} if anchor else {})


def _raw(tokens: Sequence[Token]) -> str:
    """Blocks in TEI, with the newlines markdown-it puts between the tags of its HTML."""
    out: list[str] = []
    names: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "inline":
            out.append(_inline(token.children or []))
        elif token.type in ("code_block", "fence"):
            out.append(f"<eg><code>{escape_text(token.content)}</code></eg>\n")
        elif token.hidden:
            continue
        elif token.nesting == -1:
            out.append(f"</{names.pop()}>\n")
        else:
            name, attributes = _element(token)
            tag = start_tag(name, attributes)
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            inline = after is not None and (after.type == "inline" or after.hidden)
            empty = after is not None and after.nesting == -1 and after.tag == token.tag
            if token.nesting == 0:
                tag, inline = tag[:-1] + "/>", False
            else:
                names.append(name)
            lead = "\n" if i and tokens[i - 1].hidden else ""
            out.append(lead + tag + ("" if inline or empty else "\n"))
    return "".join(out)


def _inline(children: Sequence[Token]) -> str:
    out: list[str] = []
    links: list[str] = []  # the end tag of each open link: none for a link to nowhere
    names: list[str] = []  # the end tag of each open name
    for token in children:
        kind = token.type
        if kind in _INLINE:
            out.append(_INLINE[kind])
        elif kind == "code_inline":
            out.append(f"<code>{escape_text(token.content)}</code>")
        elif kind == "link_open":
            href = str(token.attrGet("href") or "")
            links.append("</ref>" if href else "")
            out.append(start_tag("ref", {"target": href}) if href else "")
        elif kind == "link_close":
            out.append(links.pop())
        elif kind == "mention_open":
            element = KIND[token.meta["kind"]].tei_name
            names.append(f"</{element}>")
            key = escape_attribute(f"{token.meta['kind']}:{token.meta['id']}")
            out.append(f"<{element}{ENTRY}{key}{ENTRY}>")
        elif kind == "mention_close":
            out.append(names.pop())
        elif kind == "ref_open":
            out.append(f"{REF_OPEN}{token.meta['index']}{REF_MID}")
        elif kind == "note_marker":
            out.append(_marker(token))
        elif kind == "apparatus_marker":
            out.append(marker_tei(token))
        elif kind == "style_open":
            out.append(tei_open(token))
        elif kind == "style_close":
            out.append(tei_close(token))
        elif kind == "image":
            out.append(_graphic(token))
        elif token.meta and "tei" in token.meta:  # the document's marks: corrections.py
            out.append(token.meta["tei"])
        else:  # text, and anything unforeseen keeps its text
            out.append(escape_text(token.content))
    return "".join(out)


def _marker(token: Token) -> str:
    number = token.meta["number"]
    anchor = token.meta.get("anchor", f"noteref-{number}")
    attributes = {"type": "noteAnchor", "n": str(number), "target": f"#note-{number}"}
    return start_tag("ref", {**attributes, "xml:id": anchor}) + f"{number}</ref>"


def _graphic(token: Token) -> str:
    graphic = start_tag("graphic", {"url": str(token.attrGet("src") or "")})
    alt = _alt(token.children or [])
    return f"{graphic}<desc>{escape_text(alt)}</desc></graphic>" if alt else graphic[:-1] + "/>"


def _alt(tokens: Sequence[Token]) -> str:
    """An image's description as the `alt` of its HTML has it: the text without markup."""
    parts = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "image":
            parts.append(_alt(token.children or []))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)
