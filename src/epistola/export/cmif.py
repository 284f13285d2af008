"""The edition -> `cmif.xml`, its letters' metadata in correspSearch's CMIF 1.1.

CMIF asks for one authority URI per person (correspSearch reads VIAF, GND and
Wikidata) and per place of writing (GeoNames), for the file to be licensed CC BY 4.0,
and for a `bibl` with an `xml:id` that every `correspDesc` names as its source.
"""

from __future__ import annotations

import uuid

from epistola.core.config import Config
from epistola.core.records import Edition, LetterHead, Page
from epistola.core.registers import KIND, authority_uris
from epistola.core.xmlwrite import document, escape_text, holder, start_tag, tag
from epistola.export.common import TEI_NS, absolute_url, date_attributes

CMIF_PATH = "cmif.xml"
CMIF_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CMIF_LICENCE = "This file is licensed under the terms of the Creative Commons License CC-BY 4.0"
CMIF_MODEL = {
    "href": "https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/schema/cmi-customization.rng",
    "type": "application/xml",
    "schematypens": "http://relaxng.org/ns/structure/1.0",
}


def cmif_page(edition: Edition, *, config: Config) -> Page:
    """The CMIF file of the whole edition."""
    return Page(CMIF_PATH, document(cmif_document(edition, config), model=CMIF_MODEL))


def edition_bibl_id(config: Config) -> str:
    """The `xml:id` of the edition's `bibl`: a UUID derived from `base_url`, so stable.

    CMIF recommends a UUID; the `bibl-` prefix makes it a valid XML name, which a UUID
    starting with a digit is not.
    """
    return f"bibl-{uuid.uuid5(uuid.NAMESPACE_URL, config.base_url)}"


def cmif_document(edition: Edition, config: Config) -> str:
    """The CMIF `TEI` element, written out."""
    editors = config.editors or (config.publisher or config.title,)
    titles = [tag("title", config.title), *(tag("editor", editor) for editor in editors)]
    licence = tag("licence", CMIF_LICENCE, target=CMIF_LICENCE_URL)
    publication = [
        tag("publisher", config.publisher or config.title),
        tag("idno", absolute_url(config, CMIF_PATH), type="url"),
        tag("date", None, when=_released(edition, config)),
        holder("availability", [licence], 4),
    ]
    bibl = start_tag("bibl", {"type": "online", "xml:id": edition_bibl_id(config)})
    link = tag("ref", config.base_url, target=config.base_url)
    file_desc = [
        holder("titleStmt", titles, 3),
        holder("publicationStmt", publication, 3),
        holder("sourceDesc", [f"{bibl}{escape_text(_bibl_text(config))}{link}</bibl>"], 3),
    ]
    letters = [_corresp_desc(letter, edition, config) for letter in edition.letters]
    header = [holder("fileDesc", file_desc, 2), holder("profileDesc", letters, 2)]
    text = holder("text", [holder("body", [tag("p")], 2)], 1)
    return holder("TEI", [holder("teiHeader", header, 1), text], 0, xmlns=TEI_NS)


def _released(edition: Edition, config: Config) -> str:
    if config.released:
        return config.released
    # CMIF needs a date here; with no release date, the newest letter's is the best we have
    dates = [letter.date.latest for letter in edition.letters]
    return max(dates).isoformat() if dates else "0001"


def _bibl_text(config: Config) -> str:
    editors = f"{', '.join(config.editors)} (eds.): " if config.editors else ""
    version = f", version {config.version}" if config.version else ""
    return f"{editors}{config.title}{version}, "


def _corresp_desc(letter: LetterHead, edition: Edition, config: Config) -> str:
    sent = [_name("person", person_id, edition) for person_id in letter.senders]
    if letter.place:
        sent.append(_name("place", letter.place, edition))
    sent.append(tag("date", None, **date_attributes(letter.date)))
    received = [_name("person", person_id, edition) for person_id in letter.recipients]
    actions = [
        holder("correspAction", sent, 4, type="sent"),
        holder("correspAction", received, 4, type="received"),
    ]
    link = absolute_url(config, letter.page)
    source = f"#{edition_bibl_id(config)}"
    return holder("correspDesc", actions, 3, key=str(letter.number), ref=link, source=source)


def _name(kind: str, entry_id: str, edition: Edition) -> str:
    """A person or the place of writing, with the one authority URI correspSearch reads
    (for a place, GeoNames comes first)."""
    entry = edition.entry(kind, entry_id)
    uris = authority_uris(entry) if entry else []
    ref = {"ref": uris[0]} if uris else {}
    return tag(KIND[kind].tei_name, entry.name if entry else entry_id, **ref)
