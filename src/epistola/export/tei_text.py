"""The HTML of a letter or note -> TEI elements, with the same anchors.

The HTML comes from our own parser with raw HTML off, so its vocabulary is small and
known: CommonMark's elements plus our markers, insertions, mentions and refs. Reading
that HTML (rather than the Markdown again) keeps one parse of every source and makes
the TEI say exactly what the page shows. Anything unforeseen keeps its text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from lxml import etree

from epistola.export.common import XML_ID, tei

_LETTER_PAGE = re.compile(r"^(\d+)\.html")
_PERSON_PAGE = re.compile(r"(?:^|/)people/([^/]+)\.html$")

_PLAIN = {
    "em": ("hi", {"rend": "italic"}),
    "strong": ("hi", {"rend": "bold"}),
    "code": ("code", {}),
    "blockquote": ("quote", {}),
    "ul": ("list", {"rend": "bulleted"}),
    "ol": ("list", {"rend": "numbered"}),
    "li": ("item", {}),
    "pre": ("eg", {}),
    "br": ("lb", {}),
    "hr": ("milestone", {"unit": "section", "rend": "line"}),
    **{f"h{level}": ("ab", {"type": "heading"}) for level in range(1, 7)},
}
"""HTML elements that map to one TEI element whatever their attributes."""


def html_to_tei(html: str, parent: etree._Element, *, person_refs: Mapping[str, str]) -> None:
    """Append the TEI form of `html` (a sequence of blocks) to `parent`.

    `person_refs` gives, for each person id, the URIs that a `persName/@ref` lists.
    """
    _Converter(person_refs).children(parse_fragment(html), parent)


_HTML_PARSER = etree.HTMLParser(remove_comments=True)


def parse_fragment(html: str) -> etree._Element:
    """A `div` holding the parsed `html` (libxml2's HTML parser: fast, and enough here)."""
    document = etree.fromstring(f"<html><body><div>{html}</div></body></html>", _HTML_PARSER)
    return document[0][0]


class _Converter:
    """Walks an HTML tree and builds the matching TEI tree."""

    def __init__(self, person_refs: Mapping[str, str]) -> None:
        self.person_refs = person_refs
        self.special: dict[str, Callable[[etree._Element], etree._Element | None]] = {
            "p": self._paragraph,
            "sup": self._sup,
            "span": self._span,
            "a": self._link,
            "img": self._image,
        }

    def children(self, source: etree._Element, target: etree._Element) -> None:
        """Convert the content of `source` into the content of `target`."""
        _append_text(target, source.text)
        for child in source:
            made = self._element(child)
            if made is None:
                self.children(child, target)  # an element TEI has no use for: keep its text
            else:
                target.append(made)
            _append_text(target, child.tail)

    def _element(self, source: etree._Element) -> etree._Element | None:
        tag = source.tag if isinstance(source.tag, str) else ""
        if tag in self.special:
            return self.special[tag](source)
        if tag in _PLAIN:
            name, attributes = _PLAIN[tag]
            return self._filled(source, name, attributes)
        return None

    def _filled(
        self, source: etree._Element, name: str, attributes: Mapping[str, str]
    ) -> etree._Element:
        made = etree.Element(tei(name), dict(attributes))
        self.children(source, made)
        return made

    def _paragraph(self, source: etree._Element) -> etree._Element:
        parent = source.getparent()
        top_level = parent is not None and _is_holder(parent)
        name = "dateline" if "dateline" in _classes(source) and top_level else "p"
        made = self._filled(source, name, {})
        if source.get("id"):
            made.set(XML_ID, source.get("id", ""))
        return made

    def _sup(self, source: etree._Element) -> etree._Element | None:
        link = source.find("a")
        if "marker" not in _classes(source) or link is None:
            return self._filled(source, "hi", {"rend": "superscript"})
        number = (link.text or "").strip()
        made = etree.Element(tei("ref"), {"type": "noteAnchor", "n": number})
        made.set("target", link.get("href", ""))
        made.set(XML_ID, link.get("id", ""))
        made.text = number
        return made

    def _span(self, source: etree._Element) -> etree._Element | None:
        if "supplied" in _classes(source):
            made = self._filled(source, "supplied", {})
            _strip_brackets(made)
            return made
        return None  # a ref that leads outside the edition stays plain text

    def _link(self, source: etree._Element) -> etree._Element | None:
        href = source.get("href", "")
        classes = _classes(source)
        if "person" in classes:
            person = _PERSON_PAGE.search(href)
            refs = self.person_refs.get(person[1], "") if person else ""
            return self._filled(source, "persName", {"ref": refs} if refs else {})
        if "ref" in classes:
            return self._filled(source, "ref", {"target": _LETTER_PAGE.sub(r"\1.xml", href)})
        return self._filled(source, "ref", {"target": href}) if href else None

    def _image(self, source: etree._Element) -> etree._Element:
        made = etree.Element(tei("graphic"), {"url": source.get("src", "")})
        if source.get("alt"):
            etree.SubElement(made, tei("desc")).text = source.get("alt")
        return made


def _classes(element: etree._Element) -> list[str]:
    return element.get("class", "").split()


def _is_holder(element: etree._Element) -> bool:
    """True for the `div` that `parse_fragment` wraps around the HTML."""
    parent = element.getparent()
    return parent is not None and parent.tag == "body"


def arrange_datelines(body: etree._Element) -> None:
    """Put the writer's datelines where TEI allows them: at the top or the end of the body.

    Blocks that follow a dateline at the end become a `postscript`, which is what they
    are in a letter; a dateline inside that postscript is kept as `ab type="dateline"`.
    A body with nothing but datelines (or nothing) gets the empty `p` TEI asks for.
    """
    blocks = list(body)
    start = next(
        (i for i, b in enumerate(blocks) if not _is_dateline(b) and not _is_milestone(b)), -1
    )
    if start < 0:
        body.append(etree.Element(tei("p")))
        return
    first = next((i for i in range(start, len(blocks)) if _is_dateline(blocks[i])), None)
    if first is None:
        return
    end = first
    while end + 1 < len(blocks) and _is_dateline(blocks[end + 1]):
        end += 1
    after = blocks[end + 1 :]
    if all(_is_milestone(block) for block in after):
        return  # milestones may follow a dateline; TEI needs a paragraph in a postscript
    postscript = etree.SubElement(body, tei("postscript"))
    for block in after:
        postscript.append(block)
        if _is_dateline(block):
            block.tag = tei("ab")
            block.set("type", "dateline")


def _is_milestone(element: etree._Element) -> bool:
    return element.tag == tei("milestone")


def _is_dateline(element: etree._Element) -> bool:
    return element.tag == tei("dateline")


def _append_text(target: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(target):
        last = target[-1]
        last.tail = (last.tail or "") + text
    else:
        target.text = (target.text or "") + text


def _strip_brackets(made: etree._Element) -> None:
    """Drop the `[` `]` that the HTML shows around an editorial insertion."""
    if made.text and made.text.startswith("["):
        made.text = made.text[1:]
    last = made[-1] if len(made) else None
    if last is not None and last.tail and last.tail.endswith("]"):
        last.tail = last.tail[:-1]
    elif last is None and made.text and made.text.endswith("]"):
        made.text = made.text[:-1]
