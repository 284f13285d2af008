"""The document's own marks, as Markdown rules: the writer's corrections and page breaks.

- `{--words--}`: words the writer struck out (token `deletion`, its words as content:
  a deletion is not part of the reading text, so no name or ref is looked for in it).
- `{++words++}`, optionally followed by where the writer put them, `{above}`,
  `{below}`, `{margin}` or `{inline}`: an addition (`addition_open` … `addition_close`).
- `{==words==}`: words the writer underlined (`underline_open` … `underline_close`).
- `{??words??}`: a reading the editors are unsure of (`unclear_open` … `unclear_close`).
- `{pb}` or `{pb NAME}`: a new page of the document starts here; NAME is the file of
  its image in `facsimiles/<letter>/` (token `page_break`).

The first two follow CriticMarkup, which editors know; the others are built the same
way, braces and a doubled sign, so that ordinary text does not make them by accident.
Each token carries its TEI in `meta["tei"]`, which `markdown_tei.py` writes as it is.
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

from epistola.core.xmlwrite import escape_attribute, escape_text

PLACES = ("above", "below", "margin", "inline")
"""Where an addition may stand, as TEI's `add/@place` names it."""

_PAIRS = {
    "++": ("addition", "ins"),
    "==": ("underline", "span"),
    "??": ("unclear", "span"),
}
"""The sign of each mark that holds marked-up words -> (token name, HTML tag)."""
_PLACE = re.compile(r"\{([a-z]+)\}")
_PAGE_BREAK = re.compile(r"\{pb(?:[ \t]+([^{}\n]*?))?[ \t]*\}")
_DELETION = re.compile(r"\{--(.+?)--\}", re.DOTALL)


def use(md: MarkdownIt) -> None:
    """Add the rules and their HTML to `md`."""
    md.inline.ruler.before("link", "deletion", _deletion)
    md.inline.ruler.before("link", "document_mark", _pair)
    md.inline.ruler.before("link", "page_break", _page_break)
    md.add_render_rule("deletion", _render_deletion)
    md.add_render_rule("addition_open", _render_addition)
    md.add_render_rule("addition_close", lambda *_: "</ins>")
    md.add_render_rule("underline_open", lambda *_: '<span class="underline">')
    md.add_render_rule("underline_close", lambda *_: "</span>")
    md.add_render_rule("unclear_open", lambda *_: '<span class="unclear">')
    md.add_render_rule("unclear_close", lambda *_: '<span class="unclear-sign">?</span></span>')
    md.add_render_rule("page_break", _render_page_break)
    # The text rule of markdown-it-py 4 runs to the next terminator even past the end
    # of the span it is given, so the words of `{??…??}` must stop at `?`.
    if hasattr(md.inline, "add_terminator_char"):
        md.inline.add_terminator_char("?")


def _deletion(state: StateInline, silent: bool) -> bool:
    match = _DELETION.match(state.src, state.pos, state.posMax)
    if match is None or not match[1].strip():
        return False
    if not silent:
        token = state.push("deletion", "del", 0)
        token.content = match[1]
        token.meta = {"offset": state.pos, "tei": f"<del>{escape_text(match[1])}</del>"}
    state.pos = match.end()
    return True


def _pair(state: StateInline, silent: bool) -> bool:
    sign = state.src[state.pos + 1 : state.pos + 3]
    if state.src[state.pos] != "{" or sign not in _PAIRS:
        return False
    start = state.pos + 3
    end = state.src.find(sign + "}", start, state.posMax)
    if end < 0 or not state.src[start:end].strip():
        return False
    after = end + 3
    name, tag = _PAIRS[sign]
    place = None
    found = _PLACE.match(state.src, after, state.posMax) if name == "addition" else None
    if found is not None and found[1] in PLACES:
        place, after = found[1], found.end()
    if not silent:
        token = state.push(f"{name}_open", tag, 1)
        token.meta = {"offset": state.pos, "place": place, "tei": _tei_open(name, place)}
        tokenize_between(state, start, end)
        close = state.push(f"{name}_close", tag, -1)
        close.meta = {"offset": end, "tei": "</add>" if name == "addition" else _TEI_CLOSE[name]}
    state.pos = after
    return True


_TEI_CLOSE = {"underline": "</hi>", "unclear": "</unclear>"}


def _tei_open(name: str, place: str | None) -> str:
    if name == "underline":
        return '<hi rend="underline">'
    if name == "unclear":
        return "<unclear>"
    return f'<add place="{escape_attribute(place)}">' if place in PLACES else "<add>"


def _page_break(state: StateInline, silent: bool) -> bool:
    match = _PAGE_BREAK.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        token = state.push("page_break", "a", 0)
        token.content = match[0]
        token.meta = {"offset": state.pos, "name": match[1] or None}
    state.pos = match.end()
    return True


def tokenize_between(state: StateInline, start: int, end: int) -> None:
    """Parse the inline text from `start` to `end` into tokens in place."""
    old_pos, old_max = state.pos, state.posMax
    state.pos, state.posMax = start, end
    state.md.inline.tokenize(state)
    state.pos, state.posMax = old_pos, old_max


def _render_deletion(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    return f'<del class="correction">{escapeHtml(tokens[idx].content)}</del>'


def _render_addition(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    place = tokens[idx].meta.get("place")
    where = f" added-{place}" if place in PLACES else ""
    return f'<ins class="correction{where}">'


def _render_page_break(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    meta = tokens[idx].meta
    page = meta.get("page")
    if page is None:  # outside a letter's text (in a note) it is only text
        return escapeHtml(tokens[idx].content)
    label = f'<span class="pb-label">page {page}</span>'
    if meta.get("image"):
        return (
            f'<a class="pb" id="page-{page}" href="#facsimile-{meta["image"]}"'
            f' data-image="{meta["image"]}">{label}</a>'
        )
    return f'<span class="pb" id="page-{page}">{label}</span>'


Locate = Callable[[Token, Token], Any]
"""Where a token stands in its source: (the inline block, the token) -> Location."""


def number_pages(
    tokens: Sequence[Token], images: Sequence[str], locate: Locate, warn: Callable[..., None]
) -> tuple[tuple[int, int, str], ...]:
    """Number the page breaks of a letter's text and tie each to its image.

    The text before the first break is page 1, so that break starts page 2, unless it
    opens the letter. `{pb}` takes the image after the last break's; `{pb NAME}` the
    image of that name (`images`: the names, in order). Returns (page, image number or
    0, anchor) of each break; `warn(location, code, message)` hears of what is wrong.
    Sets `meta["page"]`, `meta["image"]` and `meta["tei"]` of each break.
    """
    page, image, seen_text = 1, 0, False
    found: list[tuple[int, int, str]] = []
    for inline in tokens:
        for token in inline.children or () if inline.type == "inline" else ():
            if token.type != "page_break":
                seen_text = seen_text or bool(token.content.strip()) or token.nesting != 0
                continue
            page += 1 if seen_text or found else 0
            seen_text = True
            own = _image_of(token, inline, images, image, page, locate, warn)
            image = own or image  # a break whose image is wrong takes none of the others
            token.meta["page"], token.meta["image"] = page, own
            facs = f' facs="#facs-{own}"' if own else ""
            token.meta["tei"] = f'<pb n="{page}"{facs}/>'
            found.append((page, own, f"page-{page}"))
    return tuple(found)


def _image_of(
    token: Token,
    inline: Token,
    images: Sequence[str],
    last: int,
    page: int,
    locate: Locate,
    warn: Callable[..., None],
) -> int:
    """The number (1-based) of the image of the page a break starts, or 0 if none."""
    name = token.meta.get("name")
    if name is None:
        if images and last < len(images):
            return last + 1
        if images:
            warn(
                locate(inline, token),
                "facsimile.no-image",
                f"page {page} has no image: the letter's folder of facsimiles holds"
                f" {len(images)}; add one or name an image, as in {{pb 2r.jpg}}",
            )
        return 0
    if "/" in name or "\\" in name or name.startswith("."):
        warn(
            locate(inline, token),
            "facsimile.name",
            f"'{name}' is not the name of a file in the letter's folder of facsimiles;"
            " write the file's name alone, as in {pb 2r.jpg}",
        )
        return 0
    if name not in images:
        listed = ", ".join(images[:5]) + (" …" if len(images) > 5 else "")
        warn(
            locate(inline, token),
            "facsimile.missing",
            f"page break names the image '{name}', which is not in the letter's folder of"
            f" facsimiles ({listed or 'no images'})",
        )
        return 0
    return images.index(name) + 1


def check_places(tokens: Sequence[Token], locate: Locate, warn: Callable[..., None]) -> None:
    """Report an addition whose place is not one TEI knows (`{++words++}{abvoe}`)."""
    for inline in tokens:
        children = list(inline.children or ()) if inline.type == "inline" else []
        for i, token in enumerate(children):
            if token.type != "addition_close" or i + 1 >= len(children):
                continue
            after = children[i + 1]
            match = _PLACE.match(after.content) if after.type == "text" else None
            if match is not None and match[1] not in PLACES:
                warn(
                    locate(inline, token),
                    "mark.place",
                    f"'{{{match[1]}}}' after an addition is not a place; write one of "
                    + ", ".join(f"{{{p}}}" for p in PLACES),
                )
