"""What the exports share: absolute URLs, authority URIs, date attributes.

The XML files are written as text with `xmlwrite`.
"""

from __future__ import annotations

from epistola.config import Config
from epistola.records import EditorialDate, Entry
from epistola.registers import KIND

TEI_NS = "http://www.tei-c.org/ns/1.0"

AUTHORITY_URIS = {
    "viaf": "http://viaf.org/viaf/{}",
    "gnd": "http://d-nb.info/gnd/{}",
    "wikidata": "http://www.wikidata.org/entity/{}",
    "geonames": "http://www.geonames.org/{}",
}
"""URI pattern of each authority file, in the form CMIF's own examples use."""


def absolute_url(config: Config, path: str) -> str:
    """The published URL of a path of the site (`letters/31.html`)."""
    return config.base_url + path


def authority_records(entry: Entry) -> list[tuple[str, str]]:
    """(scheme, URI) of each authority record of the entry, in the order of its register's
    kind (for a person viaf, gnd, wikidata; for a place geonames, wikidata)."""
    return [
        (scheme, AUTHORITY_URIS[scheme].format(entry.authority[scheme]))
        for scheme in KIND[entry.kind].authority
        if entry.authority.get(scheme)
    ]


def authority_uris(entry: Entry) -> list[str]:
    """The entry's authority records as URIs, in that order."""
    return [uri for _, uri in authority_records(entry)]


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
