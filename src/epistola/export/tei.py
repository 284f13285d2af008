"""Each letter -> `tei/N.xml`, a TEI P5 document: header, text, and notes at the back."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from epistola.config import Config
from epistola.dates import format_date
from epistola.export.common import (
    XML_ID,
    XML_LANG,
    absolute_url,
    authority_uris,
    date_attributes,
    sub,
    tei_root,
    to_bytes,
)
from epistola.export.tei_text import arrange_datelines, html_to_tei
from epistola.records import Edition, Letter, LetterHead, Page
from epistola.render import fill_refs

TEI_MODEL = {
    "href": "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng",
    "type": "application/xml",
    "schematypens": "http://relaxng.org/ns/structure/1.0",
}


def tei_path(letter: Letter | LetterHead) -> str:
    """Where the TEI of a letter goes in the site."""
    return f"tei/{letter.number}.xml"


def tei_page(letter: Letter, edition: Edition, config: Config, refs: Mapping[str, str]) -> Page:
    """The TEI document of one letter."""
    return Page(
        tei_path(letter), to_bytes(letter_tei(letter, edition, config, refs), model=TEI_MODEL)
    )


def person_refs(edition: Edition, config: Config) -> dict[str, str]:
    """For each person: the register page's URL, then their authority records."""
    return {
        person.id: " ".join(
            [absolute_url(config, f"people/{person.id}.html"), *authority_uris(person)]
        )
        for person in edition.people.values()
    }


def letter_tei(
    letter: Letter, edition: Edition, config: Config, refs: Mapping[str, str]
) -> etree._Element:
    """The whole TEI document of one letter."""
    root = tei_root()
    root.set(XML_LANG, config.language)
    header = sub(root, "teiHeader")
    _file_desc(header, letter, edition, config)
    _profile_desc(header, letter, edition, config, refs)
    text = sub(root, "text")
    body = sub(text, "body")
    html_to_tei(fill_refs(letter.body_html, letter.number, edition), body, person_refs=refs)
    arrange_datelines(body)
    if letter.notes:
        _notes(sub(sub(text, "back"), "div", type="notes"), letter, edition, refs)
    return root


def _file_desc(header: etree._Element, letter: Letter, edition: Edition, config: Config) -> None:
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", _title(letter, edition), type="main")
    sub(title_stmt, "title", config.title, type="edition")
    for editor in config.editors:
        sub(title_stmt, "editor", editor)
    edition_stmt = sub(file_desc, "editionStmt")
    sub(edition_stmt, "edition", f"Version {config.version}", n=config.version)
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", config.publisher or config.title)
    if config.released:
        sub(publication, "date", config.released, when=config.released)
    availability = sub(publication, "availability")
    if config.licence_url:
        words = config.licence or config.licence_url
        sub(availability, "licence", words, target=config.licence_url)
    else:
        sub(availability, "p", config.licence or "No licence is stated.")
    sub(publication, "idno", absolute_url(config, letter.page), type="URI")
    sub(publication, "idno", absolute_url(config, tei_path(letter)), type="TEI")
    source_desc = sub(file_desc, "sourceDesc")
    sub(source_desc, "bibl", config.source or config.title)


def _title(letter: Letter, edition: Edition) -> str:
    sender = _name(edition, letter.sender)
    recipients = " and ".join(_name(edition, person) for person in letter.recipients)
    date = letter.date_label or format_date(letter.date)
    return f"Letter {letter.number}: {sender} to {recipients}, {date}"


def _name(edition: Edition, person_id: str) -> str:
    person = edition.people.get(person_id)
    return person.name if person else person_id


def _profile_desc(
    header: etree._Element,
    letter: Letter,
    edition: Edition,
    config: Config,
    refs: Mapping[str, str],
) -> None:
    profile = sub(header, "profileDesc")
    sub(sub(profile, "langUsage"), "language", ident=config.language)
    corresp = sub(profile, "correspDesc", ref=absolute_url(config, letter.page))
    sent = sub(corresp, "correspAction", type="sent")
    _person(sent, letter.sender, edition, refs)
    if letter.place:
        sub(sent, "placeName", letter.place)
    words = letter.date_label or format_date(letter.date)
    sub(sent, "date", words, **date_attributes(letter.date))
    received = sub(corresp, "correspAction", type="received")
    for person_id in letter.recipients:
        _person(received, person_id, edition, refs)


def _person(
    action: etree._Element, person_id: str, edition: Edition, refs: Mapping[str, str]
) -> None:
    name = sub(action, "persName", _name(edition, person_id))
    if person_id in refs:
        name.set("ref", refs[person_id])


def _notes(div: etree._Element, letter: Letter, edition: Edition, refs: Mapping[str, str]) -> None:
    first_marker: dict[int, str] = {}
    for marker in letter.markers:
        first_marker.setdefault(marker.number, marker.anchor)
    for note in letter.notes:
        element = sub(div, "note", type="editorial", n=str(note.number))
        element.set(XML_ID, f"note-{note.number}")
        if note.number in first_marker:
            element.set("target", f"#{first_marker[note.number]}")
        html_to_tei(fill_refs(note.html, letter.number, edition), element, person_refs=refs)
