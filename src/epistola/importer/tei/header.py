"""A letter's `teiHeader` -> its front matter; the first letter's header -> `edition.yaml`.

Who wrote, to whom, where and when come from `correspDesc`: the `correspAction` of type
`sent` (the writer, the place, the date) and those of type `received` (the addressees).
A date becomes EDTF: `@when` as it is, `@notBefore`/`@notAfter` and `@from`/`@to` as an
interval, an EDTF in `@when-custom` (as epistola's export writes it) verbatim; `@cert`
below high or `@evidence="conjecture"` marks it uncertain (`?`) and `@precision="low"`
approximate (`~`). The date's own words become `date_label` where they say more than the
EDTF does, and so does the `@evidence` for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from epistola.core.dates import DateError, parse_date
from epistola.core.lang import date_words as format_date
from epistola.importer.tei.names import NameBook, NameUse, name_kind, yaml_scalar
from epistola.importer.tei.xml import XML_LANG, local, tei, words

DATE_PLACEHOLDER = "YYYY-MM-DD"
_ISO = re.compile(r"-?\d{4}(?:-\d{2}(?:-\d{2})?)?")
_EDTF_METHOD = re.compile(r"edtf|loc\.gov/standards/datetime", re.IGNORECASE)
_EVIDENCE = {
    "internal": "internal evidence",
    "external": "external evidence",
    "conjecture": "conjecture",
}


@dataclass(frozen=True, slots=True)
class Correspondence:
    """The facts of one letter's `correspDesc`, the names as the texts use them."""

    sender: NameUse | None
    recipients: tuple[NameUse, ...]
    place: NameUse | None
    date: str | None
    """EDTF, or None when the header gives no date that reads as one."""
    date_label: str | None
    dated: str | None = None
    """The writer's own date, where the header gives it (`date type="dated"`)."""


def read_correspondence(header: etree._Element | None, book: NameBook) -> Correspondence:
    """Writer, addressees, place and date of a letter (what its header says of them)."""
    sender = place = date_element = None
    dated: str | None = None
    recipients: list[NameUse] = []
    actions = header.iter(tei("correspAction")) if header is not None else iter(())
    for action in actions:
        sent = action.get("type") == "sent"
        for child in action:
            what = name_kind(child)
            if what is None:
                if local(child) == "date" and sent and child.get("type") == "dated":
                    dated = words(child) or None
                elif local(child) == "date" and sent and date_element is None:
                    date_element = child
                continue
            use = book.note_use(child, what, in_text=False)
            if sent and what == "person" and sender is None:
                sender = use
            elif sent and what == "place" and place is None:
                place = use
            elif action.get("type") == "received" and what == "person":
                recipients.append(use)
    date, label = read_date(date_element) if date_element is not None else (None, None)
    return Correspondence(sender, tuple(recipients), place, date, label, dated)


def read_date(element: etree._Element) -> tuple[str | None, str | None]:
    """(EDTF, date_label) of a TEI `date`; (None, its words) if it gives no date."""
    said = words(element) or None
    edtf = _edtf(element)
    if edtf is None:
        return None, said
    try:
        parsed = parse_date(edtf)
    except DateError:
        return None, said
    evidence = _EVIDENCE.get(str(element.get("evidence", "")).lower())
    label = said if said and said != format_date(parsed) else None
    if evidence:
        label = f"{label or format_date(parsed)} (dated by {evidence})"
    return edtf, label


def _edtf(element: etree._Element) -> str | None:
    custom = element.get("when-custom")
    if custom and _EDTF_METHOD.search(str(element.get("datingMethod", "edtf"))):
        return str(custom)
    when = _iso(element.get("when"))
    first = _iso(element.get("notBefore") or element.get("from"))
    last = _iso(element.get("notAfter") or element.get("to"))
    unsure = (
        element.get("cert", "high") not in ("high", "") or element.get("evidence") == "conjecture"
    )
    mark = "?" if unsure else ""
    if element.get("precision") == "low":
        mark = "%" if unsure else "~"
    if when:
        return when + mark
    if first and last:
        return f"{first}{mark}/{last}{mark}" if first != last else first + mark
    return (first or last or "") + "?" if (first or last) else None


def _iso(value: str | None) -> str:
    match = _ISO.match(value or "")
    return match[0] if match else ""


def edition_yaml(header: etree._Element | None, root: etree._Element) -> tuple[str, bool]:
    """The text of `edition.yaml` from a letter's header, and whether it found a title."""

    def first(path: str) -> str:
        found = (
            header.find(path, namespaces={"t": "http://www.tei-c.org/ns/1.0"})
            if header is not None
            else None
        )
        return words(found) if found is not None else ""

    def attribute(path: str, name: str) -> str:
        found = (
            header.find(path, namespaces={"t": "http://www.tei-c.org/ns/1.0"})
            if header is not None
            else None
        )
        return str(found.get(name, "")) if found is not None else ""

    title = first(".//t:titleStmt/t:title[@type='edition']") or first(".//t:seriesStmt/t:title")
    editors = [
        words(e)
        for e in (
            header.iterfind(
                ".//{http://www.tei-c.org/ns/1.0}titleStmt/{http://www.tei-c.org/ns/1.0}editor"
            )
            if header is not None
            else []
        )
    ]
    uri = first(".//t:publicationStmt/t:idno[@type='URI']")
    base = re.sub(r"letters/[^/]*$", "", uri) if re.search(r"letters/[^/]*$", uri) else ""
    language = str(root.get(XML_LANG, "")) or attribute(".//t:langUsage/t:language", "ident")
    fields = [
        ("title", title or "<the edition's title>"),
        ("subtitle", first(".//t:titleStmt/t:title[@type='sub']")),
        ("publisher", first(".//t:publicationStmt/t:publisher")),
        ("source", first(".//t:sourceDesc/t:bibl") or first(".//t:sourceDesc")),
        ("language", language),
        ("base_url", base),
        ("licence", first(".//t:availability/t:licence") or first(".//t:availability")),
        ("licence_url", attribute(".//t:availability/t:licence", "target")),
        ("version", attribute(".//t:editionStmt/t:edition", "n")),
        ("released", attribute(".//t:publicationStmt/t:date", "when")),
    ]
    # epistola's export gives the title where an edition names no publisher or source.
    fields = [(k, "" if k in ("publisher", "source") and v == title else v) for k, v in fields]
    lines = [f"{key}: {yaml_scalar(value)}" for key, value in fields[:2] if value]
    if editors:
        lines += ["editors:", *(f"  - {yaml_scalar(e)}" for e in editors)]
    lines += [f"{key}: {_quoted_date(key, value)}" for key, value in fields[2:] if value]
    return "\n".join(lines) + "\n", bool(title)


def _quoted_date(key: str, value: str) -> str:
    scalar = yaml_scalar(value) or ""
    # YAML would read a bare version such as 1.0 as a number; quote what must stay text.
    if key == "version" and not scalar.startswith(("'", '"')) and re.fullmatch(r"[\d.]+", scalar):
        return f"'{value}'" if value.count(".") == 1 else scalar
    return scalar
