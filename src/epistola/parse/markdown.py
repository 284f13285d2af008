"""The one Markdown parser of epistola: CommonMark plus our three bracket rules.

- `[^7]`: the marker of editorial note 7 (token `note_marker`).
- `[words]{person=id}`, `{place=id}`, `{org=id}`: an explicit mention of an entry of a
  register (`mention_open` … `mention_close`).
- `[words]{-}`: words that are not a name, where an alias would find one (`not_name_open`
  … `not_name_close`, which write nothing around the words).
- `[words]` that is not a link: an editorial insertion (`supplied_open` … `supplied_close`).

Raw HTML is off, so sources cannot inject markup. Every link is let through here, with
its offset, so that `parse.py` can report an unsafe one (`javascript:`) at its place
instead of markdown-it dropping it without a word. `parse.py` adds `mention_*` and `ref_*`
tokens for mentions and cross-references it finds in the text; the render rules here
write refs as placeholders, which `render.fill_refs` turns into links once the whole
edition is known. `markdown_tei.py` writes the same tokens as TEI.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from epistola.core.registers import KIND
from epistola.parse.apparatus import use_apparatus
from epistola.parse.corrections import tokenize_between
from epistola.parse.corrections import use as use_document_marks
from epistola.parse.letter_parts import use_parts
from epistola.parse.markdown_styles import use_styles

REF_OPEN = "\ufdd0"
REF_MID = "\ufdd1"
REF_CLOSE = "\ufdd2"
"""Noncharacters around a ref's index and text in rendered HTML; sources never hold them."""

_MARKER = re.compile(r"\[\^(\d+)\]")
_TAG = re.compile(rf"\{{(?:({'|'.join(KIND)})=([^}}\s]*)|(-))\}}")


def make_parser() -> MarkdownIt:
    """A CommonMark parser with raw HTML off and our rules added."""
    md = MarkdownIt("commonmark", {"html": False})
    md.disable("html_inline")
    md.disable("html_block")
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # parse.py warns
    for rule in ("link", "image", "autolink"):
        md.inline.ruler.at(rule, _with_offset(_rule(md, rule)))
    md.inline.ruler.before("link", "note_marker", _note_marker)
    md.inline.ruler.before("link", "mention_tag", _mention_tag)
    md.inline.ruler.after("link", "supplied", _supplied)
    use_styles(md)
    use_apparatus(md)
    use_parts(md)
    md.add_render_rule("note_marker", _render_marker)
    md.add_render_rule("mention_open", _render_mention_open)
    md.add_render_rule("mention_close", lambda *_: "</a>")
    md.add_render_rule("not_name_open", lambda *_: "")
    md.add_render_rule("not_name_close", lambda *_: "")
    md.add_render_rule("supplied_open", lambda *_: '<span class="supplied">[')
    md.add_render_rule("supplied_close", lambda *_: "]</span>")
    md.add_render_rule("ref_open", _render_ref_open)
    md.add_render_rule("ref_close", lambda *_: REF_CLOSE)
    use_document_marks(md)  # corrections and page breaks: corrections.py
    return md


InlineRule = Callable[[StateInline, bool], bool]


def _rule(md: MarkdownIt, name: str) -> InlineRule:
    for rule in md.inline.ruler.__rules__:
        if rule.name == name:
            return rule.fn
    raise LookupError(name)


def _with_offset(rule: InlineRule) -> InlineRule:
    """`rule`, recording where in the text each link or image it makes starts."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        found = rule(state, silent)
        # Pending text may be pushed first, so look for the link itself.
        for token in state.tokens[count:] if found and not silent else ():
            if token.type in ("link_open", "image"):
                token.meta = {**(token.meta or {}), "offset": start}
                break
        return found

    return wrapped


def _note_marker(state: StateInline, silent: bool) -> bool:
    match = _MARKER.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        token = state.push("note_marker", "sup", 0)
        token.meta = {"number": int(match[1]), "offset": state.pos}
        token.content = match[0]
    state.pos = match.end()
    return True


def _mention_tag(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    end = state.md.helpers.parseLinkLabel(state, state.pos, True)
    if end < 0:
        return False
    match = _TAG.match(state.src, end + 1, state.posMax)
    if match is None:
        return False
    if not silent and match[3]:
        state.push("not_name_open", "", 1).meta = {"offset": state.pos}
        tokenize_between(state, state.pos + 1, end)
        state.push("not_name_close", "", -1)
    elif not silent:
        token = state.push("mention_open", "a", 1)
        token.meta = {"kind": match[1], "id": match[2], "explicit": True, "offset": state.pos}
        tokenize_between(state, state.pos + 1, end)
        state.push("mention_close", "a", -1)
    state.pos = match.end()
    return True


def _supplied(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    end = state.md.helpers.parseLinkLabel(state, state.pos, False)
    if end < 0 or end == state.pos + 1:
        return False
    if not silent:
        state.push("supplied_open", "span", 1)
        tokenize_between(state, state.pos + 1, end)
        state.push("supplied_close", "span", -1)
    state.pos = end + 1
    return True


def _render_marker(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    token = tokens[idx]
    number = token.meta["number"]
    anchor = token.meta.get("anchor", f"noteref-{number}")
    return (
        f'<sup class="marker"><a id="{anchor}" href="#note-{number}" role="doc-noteref"'
        f' aria-label="note {number}">{number}</a></sup>'
    )


def _render_mention_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    meta = tokens[idx].meta
    kind = KIND[meta["kind"]]
    return f'<a class="{kind.kind}" href="../{escapeHtml(kind.page(meta["id"]))}">'


def _render_ref_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    return f"{REF_OPEN}{tokens[idx].meta['index']}{REF_MID}"
