"""The dump's lines -> Markdown paragraphs that render as the same text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from epistola.importer.dump import is_closing

_INLINE = re.compile(r"([\\`*_<])")
_POINT = re.compile(r"(\d{1,9})([.)])(?=\s|$)")
"""A numbered point ("1)", "2.") at the start of a paragraph, which Markdown reads as a list."""
_BLOCK_CHARS = "#>+-=|"
_WRAPPED = 40
"""A line at least this long that stops mid-sentence was wrapped by the printer."""


def escape(text: str) -> str:
    """Text with the characters Markdown would read as markup escaped."""
    return _INLINE.sub(r"\\\1", text).replace("[^", "[\\^")


def escape_start(paragraph: str) -> str:
    """A paragraph that starts like a list or heading, kept as text ("1\\) I had a look")."""
    point = _POINT.match(paragraph)
    if point:
        return f"{point[1]}\\{paragraph[point.end(1) :]}"
    if paragraph[:1] in _BLOCK_CHARS:
        return "\\" + paragraph
    return paragraph


def paragraphs(lines: Sequence[tuple[str, str]]) -> list[str]:
    """Join lines into paragraphs; each line is (Markdown, plain text), a blank one ("", "").

    A paragraph goes on where a line stops mid-sentence or the next starts in lower case,
    even across one blank line (a page break of the printed book).
    """
    joined: list[list[str]] = []
    previous, after_blank = "", True
    for markdown, plain in lines:
        plain = plain.strip()
        if not plain:
            after_blank = True
            continue
        if joined and _continues(previous, plain, after_blank=after_blank):
            joined[-1].append(markdown.strip())
        else:
            joined.append([markdown.strip()])
        previous, after_blank = plain, False
    return [escape_start(" ".join(parts)) for parts in joined]


def _continues(previous: str, line: str, *, after_blank: bool) -> bool:
    if _POINT.match(line) or is_closing(line):
        return False
    if after_blank:
        return line[0].islower() and (previous[-1].isalnum() or previous[-1] in ",;-")
    return line[0].islower() or (previous[-1].isalnum() and len(previous) >= _WRAPPED)
