"""Inline styles written as a bracketed span with classes: `[Republik!]{.i}`.

Markdown's `*…*` cannot close after punctuation that is followed by a letter or digit
("…Republik!*12." leaves a literal asterisk), and it has no mark for the type a writer
or printer chose: superscript, small capitals, spaced type, Latin type. A span names
its styles after the closing bracket, one or more, each with a dot: `[Mme]{.sup}`,
`[Goethe]{.sc .spaced}`. The rule makes `style_open` … `style_close` tokens; the HTML
is written here, the TEI (`<hi rend="…">`) by `markdown_tei.py`.
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


@dataclass(frozen=True, slots=True)
class Style:
    """One inline style a span may name."""

    name: str
    """The class as the source writes it, after the dot (`sc`)."""
    element: str
    """The HTML element that shows it (`em`, `sup`, `span`)."""
    rend: str
    """The word of TEI `hi/@rend` for it (`small-caps`)."""
    css_class: str = ""
    """The class of the element, for a style HTML has no element of its own for."""

    @property
    def start_tag(self) -> str:
        """The HTML start tag (`<span class="sc">`)."""
        return (
            f'<{self.element} class="{self.css_class}">' if self.css_class else f"<{self.element}>"
        )

    @property
    def end_tag(self) -> str:
        """The HTML end tag."""
        return f"</{self.element}>"


STYLES = {
    style.name: style
    for style in (
        Style("i", "em", "italic"),
        Style("b", "strong", "bold"),
        Style("sup", "sup", "superscript"),
        Style("sc", "span", "small-caps", "sc"),
        Style("spaced", "span", "spaced", "spaced"),
        Style("latin", "span", "antiqua", "latin"),  # Latin type in a text set in another
    )
}
"""Every style a span may name, by the name the source gives it."""

_CLASSES = re.compile(r"\{(\.[\w-]+(?:[ \t]+\.[\w-]+)*)[ \t]*\}")


def use_styles(md: MarkdownIt) -> None:
    """Add the span rule and its HTML to `md` (before `link`, like the mention tags)."""
    md.inline.ruler.before("link", "style_span", _style_span)
    md.add_render_rule("style_open", _render_open)
    md.add_render_rule("style_close", _render_close)


def styles_of(token: Token) -> tuple[str, ...]:
    """The known style names of a `style_open` or `style_close` token, in source order."""
    return tuple(name for name in token.meta["styles"] if name in STYLES)


def unknown_styles(token: Token) -> tuple[str, ...]:
    """The names a `style_open` token gives that are no style, for `parse.py` to report."""
    return tuple(name for name in token.meta["styles"] if name not in STYLES)


def unknown_style_message(token: Token) -> str:
    """What a warning says of a span whose styles are not all known."""
    names = ", ".join(f"'.{name}'" for name in unknown_styles(token))
    known = ", ".join(f".{name}" for name in STYLES)
    return f"unknown style {names}; a span may name {known}"


def tei_open(token: Token) -> str:
    """The TEI start tag of a span: one `hi` whose `rend` names all its styles."""
    rend = " ".join(STYLES[name].rend for name in styles_of(token))
    return f'<hi rend="{rend}">' if rend else ""


def tei_close(token: Token) -> str:
    """The TEI end tag of a span."""
    return "</hi>" if styles_of(token) else ""


def _style_span(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    end = state.md.helpers.parseLinkLabel(state, state.pos, True)
    if end < 0:
        return False
    match = _CLASSES.match(state.src, end + 1, state.posMax)
    if match is None:
        return False
    if not silent:
        names = tuple(name.lstrip(".") for name in match[1].split())
        meta = {"styles": names, "offset": state.pos, "tag": end + 1}
        state.push("style_open", "span", 1).meta = meta
        old_pos, old_max = state.pos, state.posMax
        state.pos, state.posMax = state.pos + 1, end
        state.md.inline.tokenize(state)
        state.pos, state.posMax = old_pos, old_max
        state.push("style_close", "span", -1).meta = meta
    state.pos = match.end()
    return True


def _render_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    return "".join(STYLES[name].start_tag for name in styles_of(tokens[idx]))


def _render_close(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    return "".join(STYLES[name].end_tag for name in reversed(styles_of(tokens[idx])))
