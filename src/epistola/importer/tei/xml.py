"""Reading one TEI file safely, and the record of what could not be brought in.

A file is parsed on its own, with entity expansion, DTD loading and network access off
and lxml's size limits on, so a hostile or broken file costs one located error and no
more; the other files are imported all the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from epistola.core.diagnostics import Report
from epistola.core.records import Location

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def local(element: etree._Element) -> str:
    """The element's name without its namespace (`persName`); '' for comments and the like."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def words(element: etree._Element) -> str:
    """The words of an element, its children's included, with whitespace as one space."""
    return " ".join("".join(str(text) for text in element.itertext()).split())


def line_of(element: etree._Element) -> int:
    """The element's line in its file (1 when lxml does not know it)."""
    line = element.sourceline
    return line if isinstance(line, int) and line > 0 else 1


def tei(name: str) -> str:
    """The qualified name of a TEI element, for `find` and `iter`."""
    return f"{{{TEI}}}{name}"


def read_tei(path: Path, shown: str, report: Report) -> etree._Element | None:
    """The root of a TEI document, or None with a located error (the file is then skipped)."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = etree.parse(str(path), parser)
    except OSError as exc:
        report.error(Location(shown, 1, 1), "tei.unreadable", f"cannot read the file: {exc}")
        return None
    except etree.XMLSyntaxError as exc:
        line, column = (int(n) for n in exc.position) if exc.position else (1, 1)
        message = str(exc.msg).split(", line ")[0].strip().rstrip(".")
        report.error(
            Location(shown, max(line, 1), max(column, 1)),
            "tei.malformed",
            f"not well-formed XML: {message[:1].lower()}{message[1:]}; the file is skipped",
        )
        return None
    problem = _doctype_problem(tree)
    if problem:
        report.error(Location(shown, 1, 1), "tei.doctype", f"{problem}; the file is skipped")
        return None
    root = tree.getroot()
    if root.tag not in (tei("TEI"), tei("teiCorpus")) and not _is_register_root(root):
        name = etree.QName(root.tag)
        where = f" in namespace {name.namespace}" if name.namespace else " in no namespace"
        report.error(
            Location(shown, line_of(root), 1),
            "tei.not-tei",
            f"the root element is <{name.localname}>{where}, not a TEI document (<TEI> in"
            f" {TEI}); the file is skipped",
        )
        return None
    return root


def _doctype_problem(tree: etree._ElementTree) -> str:
    """Why a DOCTYPE is refused: it points outside the file, or declares entities."""
    info: Any = tree.docinfo  # lxml's stubs lack system_url and the DTD's entities
    if info.system_url or info.public_id:
        where = info.system_url or info.public_id
        return f"the DOCTYPE points to '{where}', which is not read"
    dtd = info.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return "the DOCTYPE declares entities, which are not expanded"
    root = tree.getroot()
    if any(True for _ in root.iter(etree.Entity)):
        return "the file uses entities that are not defined"
    return ""


def _is_register_root(root: etree._Element) -> bool:
    return root.tag in (tei("listPerson"), tei("listPlace"), tei("listOrg"), tei("standOff"))


@dataclass
class Losses:
    """What was not imported, by kind ("del", "hi[@rend=underline]"): a count and where
    the first few stand."""

    counts: dict[str, int] = field(default_factory=dict)
    """How many of each kind."""
    first: dict[str, list[str]] = field(default_factory=dict)
    """The first `SHOWN` places of each kind, as `path:line: element`."""
    why: dict[str, str] = field(default_factory=dict)
    """What happened to each kind, said once."""

    SHOWN = 3

    def add(self, kind: str, where: str, line: int, why: str) -> None:
        """One thing not imported, at `where` (the file as shown) and `line`."""
        self.counts[kind] = self.counts.get(kind, 0) + 1
        places = self.first.setdefault(kind, [])
        if len(places) < self.SHOWN:
            places.append(f"{where}:{line}: {kind}")
        self.why.setdefault(kind, why)

    def lines(self) -> Iterator[str]:
        """The report's lines, the commonest kind first."""
        for kind in sorted(self.counts, key=lambda k: (-self.counts[k], k)):
            yield f"  {self.counts[kind]} × {kind}: {self.why[kind]}"
            for place in self.first[kind]:
                yield f"    {place}"
