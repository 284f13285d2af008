"""What the exports share: absolute URLs and date attributes.

The XML files are written as text with `xmlwrite`.
"""

from __future__ import annotations

from epistola.core.config import Config
from epistola.core.records import EditorialDate

TEI_NS = "http://www.tei-c.org/ns/1.0"

def absolute_url(config: Config, path: str) -> str:
    """The published URL of a path of the site (`letters/31.html`)."""
    return config.base_url + path


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
