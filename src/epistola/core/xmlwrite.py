"""XML written as text: escaping, tags, and elements of elements one to a line.

The exports and the TEI form of each letter's text are assembled as strings, which is
several times faster than building a tree and needs no XML library. The escaping and
layout are those lxml gave the files before, so the files are the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def escape_text(text: str) -> str:
    """Character data, escaped as libxml2 writes it."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")


def escape_attribute(value: str) -> str:
    """An attribute value for double quotes; whitespace other than spaces as references,
    so that a parser's attribute normalisation gives back the same value."""
    value = escape_text(value).replace('"', "&quot;")
    return value.replace("\n", "&#10;").replace("\t", "&#9;")


def start_tag(name: str, attributes: Mapping[str, str]) -> str:
    """`<name a="v" …>`, the attributes in the order given."""
    pairs = "".join(f' {key}="{escape_attribute(value)}"' for key, value in attributes.items())
    return f"<{name}{pairs}>"


def tag(name: str, text: str | None = None, /, **attributes: str) -> str:
    """An element holding `text` (escaped here), or an empty element if `text` is None."""
    start = start_tag(name, attributes)
    if text is None:
        return start[:-1] + "/>"
    return f"{start}{escape_text(text)}</{name}>"


def holder(name: str, children: Iterable[str], depth: int, /, **attributes: str) -> str:
    """An element of elements only, at `depth`: each child (already written, for
    `depth + 1`) on a line of its own, indented one space a level."""
    start = start_tag(name, attributes)
    inner = "\n" + " " * (depth + 1)
    content = "".join(inner + child for child in children)
    if not content:
        return start[:-1] + "/>"
    return f"{start}{content}\n{' ' * depth}</{name}>"


def document(root: str, *, model: Mapping[str, str] | None = None) -> bytes:
    """A whole XML file: declaration, an optional `xml-model` line, the root element."""
    pseudo = " ".join(f'{key}="{value}"' for key, value in (model or {}).items())
    prolog = f"<?xml-model {pseudo}?>" if model else ""
    return f"<?xml version='1.0' encoding='UTF-8'?>\n{prolog}{root}\n".encode()
