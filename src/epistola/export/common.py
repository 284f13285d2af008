"""What the exports share: absolute URLs, authority URIs, date attributes, XML output."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from epistola.config import Config
from epistola.records import EditorialDate, Person

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

AUTHORITY_URIS = {
    "viaf": "http://viaf.org/viaf/{}",
    "gnd": "http://d-nb.info/gnd/{}",
    "wikidata": "http://www.wikidata.org/entity/{}",
}
"""URI pattern of each authority file, in the form CMIF's own examples use."""


def tei_root() -> etree._Element:
    """An empty `TEI` element with the TEI namespace as the default one."""
    return etree.Element(tei("TEI"), nsmap={None: TEI_NS})  # type: ignore[dict-item]


def tei(tag: str) -> str:
    """The qualified name of a TEI element."""
    return f"{{{TEI_NS}}}{tag}"


def sub(
    parent: etree._Element, tag: str, text: str | None = None, **attributes: str
) -> etree._Element:
    """Append a TEI element with optional text and attributes; return it."""
    child = etree.SubElement(parent, tei(tag), attributes)
    if text is not None:
        child.text = text
    return child


def absolute_url(config: Config, path: str) -> str:
    """The published URL of a path of the site (`letters/31.html`)."""
    return config.base_url + path


def authority_uris(person: Person) -> list[str]:
    """The person's authority records as URIs, in the order viaf, gnd, wikidata."""
    return [
        pattern.format(person.authority[scheme])
        for scheme, pattern in AUTHORITY_URIS.items()
        if person.authority.get(scheme)
    ]


def date_attributes(date: EditorialDate) -> dict[str, str]:
    """The editors' date as TEI dating attributes, in the forms CMIF allows too.

    A certain day, month or year is `when`; anything uncertain, approximate or an
    interval ("Early July 1927", 1927-07-01/1927-07-07) becomes `notBefore`/`notAfter`,
    with `cert="low"` when the EDTF marks it uncertain or approximate.
    """
    if date.is_day:
        return {"when": date.earliest.isoformat()}
    if not date.uncertain and _is_plain_month_or_year(date.edtf):
        return {"when": date.edtf}
    attributes = {"notBefore": date.earliest.isoformat(), "notAfter": date.latest.isoformat()}
    if any(mark in date.edtf for mark in "?~%"):
        attributes["cert"] = "low"
    return attributes


def _is_plain_month_or_year(edtf: str) -> bool:
    return len(edtf) in (4, 7) and edtf.replace("-", "").isdigit()


_ELEMENT_ONLY = frozenset(
    {
        *("TEI", "teiHeader", "fileDesc", "titleStmt", "editionStmt", "publicationStmt"),
        *("availability", "sourceDesc", "profileDesc", "langUsage", "correspDesc"),
        *("correspAction", "correspContext", "text", "body", "back", "div", "list"),
        *("urlset", "url", "sitemapindex", "sitemap"),
    }
)
"""Elements whose content is elements only, so whitespace between children means nothing."""
_BLOCK_HOLDERS = frozenset({"item", "note", "quote", "licence", "postscript"})
"""Elements that hold either phrases or blocks; indented only when they hold blocks."""
_BLOCKS = frozenset({"p", "list", "quote", "eg", "dateline", "figure", "milestone", "ab"})


def to_bytes(root: etree._Element, *, model: Mapping[str, str] | None = None) -> bytes:
    """Serialise an XML document: UTF-8, indented, with an optional `xml-model` line.

    Only element-only content is indented: whitespace added inside a paragraph
    would change the text (lxml's `indent` and `pretty_print` can do that).
    """
    if model:
        pseudo = " ".join(f'{key}="{value}"' for key, value in model.items())
        root.addprevious(etree.ProcessingInstruction("xml-model", pseudo))
    _indent(root, 0)
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8") + b"\n"


def _indent(element: etree._Element, level: int) -> None:
    children = list(element)
    if not children or not _holds_blocks(element, children):
        return
    inner = "\n" + " " * (level + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        _indent(child, level + 1)
    children[-1].tail = "\n" + " " * level


def _holds_blocks(element: etree._Element, children: list[etree._Element]) -> bool:
    name = etree.QName(element).localname
    if name in _ELEMENT_ONLY:
        return True
    return (
        name in _BLOCK_HOLDERS
        and not (element.text or "").strip()
        and all(
            etree.QName(child).localname in _BLOCKS and not (child.tail or "").strip()
            for child in children
        )
    )
