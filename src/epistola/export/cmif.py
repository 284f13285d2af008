"""The edition -> `cmif.xml`, its letters' metadata in correspSearch's CMIF 1.1.

CMIF asks for one authority URI per person (correspSearch reads VIAF, GND and
Wikidata), for the file to be licensed CC BY 4.0, and for a `bibl` with an `xml:id`
that every `correspDesc` names as its source.
"""

from __future__ import annotations

import uuid

from lxml import etree

from epistola.config import Config
from epistola.export.common import (
    XML_ID,
    absolute_url,
    authority_uris,
    date_attributes,
    sub,
    tei_root,
    to_bytes,
)
from epistola.records import Edition, LetterHead, Page

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
    return Page(CMIF_PATH, to_bytes(cmif_document(edition, config), model=CMIF_MODEL))


def edition_bibl_id(config: Config) -> str:
    """The `xml:id` of the edition's `bibl`: a UUID derived from `base_url`, so stable.

    CMIF recommends a UUID; the `bibl-` prefix makes it a valid XML name, which a UUID
    starting with a digit is not.
    """
    return f"bibl-{uuid.uuid5(uuid.NAMESPACE_URL, config.base_url)}"


def cmif_document(edition: Edition, config: Config) -> etree._Element:
    """The CMIF `TEI` element."""
    root = tei_root()
    header = sub(root, "teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", config.title)
    for editor in config.editors or (config.publisher or config.title,):
        sub(title_stmt, "editor", editor)
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", config.publisher or config.title)
    sub(publication, "idno", absolute_url(config, CMIF_PATH), type="url")
    sub(publication, "date", when=_released(edition, config))
    availability = sub(publication, "availability")
    sub(availability, "licence", CMIF_LICENCE, target=CMIF_LICENCE_URL)
    bibl = sub(sub(file_desc, "sourceDesc"), "bibl", _bibl_text(config), type="online")
    bibl.set(XML_ID, edition_bibl_id(config))
    sub(bibl, "ref", config.base_url, target=config.base_url)
    profile = sub(header, "profileDesc")
    for letter in edition.letters:
        _corresp_desc(profile, letter, edition, config)
    sub(sub(sub(root, "text"), "body"), "p")
    return root


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


def _corresp_desc(
    profile: etree._Element, letter: LetterHead, edition: Edition, config: Config
) -> None:
    corresp = sub(profile, "correspDesc", key=str(letter.number))
    corresp.set("ref", absolute_url(config, letter.page))
    corresp.set("source", f"#{edition_bibl_id(config)}")
    sent = sub(corresp, "correspAction", type="sent")
    _person(sent, letter.sender, edition)
    if letter.place:
        sub(sent, "placeName", letter.place)
    sub(sent, "date", **date_attributes(letter.date))
    received = sub(corresp, "correspAction", type="received")
    for person_id in letter.recipients:
        _person(received, person_id, edition)


def _person(action: etree._Element, person_id: str, edition: Edition) -> None:
    person = edition.people.get(person_id)
    name = sub(action, "persName", person.name if person else person_id)
    uris = authority_uris(person) if person else []
    if uris:
        name.set("ref", uris[0])  # correspSearch reads one authority URI
