"""Each letter -> `tei/N.xml`, a TEI P5 document: header, text, and notes at the back.

The text and the notes were written as TEI when the letter was parsed (`markdown_tei`),
from the tokens its page is written from; here the header goes around them and their
placeholders are filled in: refs, which need the whole edition, and the URIs of the
people, places and bodies named, which need the registers and `base_url`. What the
letter names is listed after the text, in a `standOff` of `listPerson`, `listPlace`
and `listOrg`, each entry with its name, description and authority records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from epistola.config import Config
from epistola.dates import format_date
from epistola.export.common import (
    TEI_NS,
    absolute_url,
    authority_uris,
    date_attributes,
)
from epistola.facsimile.tei import facsimile_tei
from epistola.markdown_tei import ENTRY
from epistola.records import Edition, Entry, Letter, LetterHead, Page
from epistola.registers import KIND, KINDS
from epistola.render import replace_refs
from epistola.xmlwrite import document, escape_attribute, holder, start_tag, tag

TEI_MODEL = {
    "href": "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng",
    "type": "application/xml",
    "schematypens": "http://relaxng.org/ns/structure/1.0",
}

_ENTRY_KEY = re.compile(f"{ENTRY}([^{ENTRY}]*){ENTRY}")


def tei_path(letter: Letter | LetterHead) -> str:
    """Where the TEI of a letter goes in the site."""
    return f"tei/{letter.number}.xml"


def tei_page(letter: Letter, edition: Edition, config: Config, refs: Mapping[str, str]) -> Page:
    """The TEI document of one letter."""
    return Page(tei_path(letter), letter_tei(letter, edition, config, refs))


def entry_refs(edition: Edition, config: Config) -> dict[str, str]:
    """For each register entry (as `kind:id`): its page's URL, then its authority records."""
    return {
        f"{entry.kind}:{entry.id}": " ".join(_uris(entry, config))
        for register in edition.registers.values()
        for entry in register.values()
    }


def _uris(entry: Entry, config: Config) -> list[str]:
    return [absolute_url(config, KIND[entry.kind].page(entry.id)), *authority_uris(entry)]


def letter_tei(letter: Letter, edition: Edition, config: Config, refs: Mapping[str, str]) -> bytes:
    """The whole TEI document of one letter."""
    header = [_file_desc(letter, edition, config), _profile_desc(letter, edition, config, refs)]
    text = [f"<body>{_filled(letter.body_tei, letter, edition, refs)}</body>"]
    if letter.notes:
        notes = holder("div", _notes(letter, edition, refs), 3, type="notes")
        text.append(holder("back", [notes], 2))
    images = facsimile_tei(letter, config.base_url)
    parts = [holder("teiHeader", header, 1), *([images] if images else []), holder("text", text, 1)]
    lists = list(_entry_lists(letter, edition, config))
    if lists:
        parts.append(holder("standOff", lists, 1))
    root = holder(
        "TEI",
        parts,
        0,
        **{"xmlns": TEI_NS, "xml:lang": config.language},
    )
    return document(root, model=TEI_MODEL)


def _filled(tei: str, letter: Letter, edition: Edition, refs: Mapping[str, str]) -> str:
    """Parsed TEI with its refs made `<ref>`s (or words, if outside) and entries' URIs in."""
    text = replace_refs(tei, letter.number, edition, _ref, " ({})")
    return _ENTRY_KEY.sub(lambda match: _ref_attribute(refs.get(match[1])), text)


def _ref(edition: Edition, letter: int, index: int, words: str) -> str:
    """One ref as a pointer to the target's TEI, or its words if it leads outside."""
    target = edition.ref_targets.get((letter, index))
    if target is None:
        return f"{words} (not in this edition)"
    page, html, fragment = target.partition(".html")
    tei_target = f"{page}.xml{fragment}" if html and page.isdigit() else target
    return f'<ref target="{escape_attribute(tei_target)}">{words}</ref>'


def _ref_attribute(uris: str | None) -> str:
    return f' ref="{escape_attribute(uris)}"' if uris else ""


def _file_desc(letter: Letter, edition: Edition, config: Config) -> str:
    titles = [
        tag("title", _title(letter, edition), type="main"),
        tag("title", config.title, type="edition"),
        *(tag("editor", editor) for editor in config.editors),
    ]
    publication = [tag("publisher", config.publisher or config.title)]
    if config.released:
        publication.append(tag("date", config.released, when=config.released))
    if config.licence_url:
        words = config.licence or config.licence_url
        licence = tag("licence", words, target=config.licence_url)
    else:
        licence = tag("p", config.licence or "No licence is stated.")
    publication += [
        holder("availability", [licence], 4),
        tag("idno", absolute_url(config, letter.page), type="URI"),
        tag("idno", absolute_url(config, tei_path(letter)), type="TEI"),
    ]
    edition_stmt = [tag("edition", f"Version {config.version}", n=config.version)]
    parts = [
        holder("titleStmt", titles, 3),
        holder("editionStmt", edition_stmt, 3),
        holder("publicationStmt", publication, 3),
        holder("sourceDesc", [tag("bibl", config.source or config.title)], 3),
    ]
    return holder("fileDesc", parts, 2)


def _title(letter: Letter, edition: Edition) -> str:
    sender = _name(edition, letter.sender)
    recipients = " and ".join(_name(edition, person) for person in letter.recipients)
    date = letter.date_label or format_date(letter.date)
    return f"Letter {letter.number}: {sender} to {recipients}, {date}"


def _name(edition: Edition, person_id: str) -> str:
    person = edition.people.get(person_id)
    return person.name if person else person_id


def _profile_desc(letter: Letter, edition: Edition, config: Config, refs: Mapping[str, str]) -> str:
    sent = [_name_tag("person", letter.sender, edition, refs)]
    if letter.place:
        sent.append(_name_tag("place", letter.place, edition, refs))
    words = letter.date_label or format_date(letter.date)
    sent.append(tag("date", words, **date_attributes(letter.date)))
    received = [_name_tag("person", person_id, edition, refs) for person_id in letter.recipients]
    actions = [
        holder("correspAction", sent, 4, type="sent"),
        holder("correspAction", received, 4, type="received"),
    ]
    parts = [
        holder("langUsage", [tag("language", None, ident=config.language)], 3),
        holder("correspDesc", actions, 3, ref=absolute_url(config, letter.page)),
    ]
    return holder("profileDesc", parts, 2)


def _name_tag(kind: str, entry_id: str, edition: Edition, refs: Mapping[str, str]) -> str:
    """The name of a register entry, pointing to its page and authority records."""
    key = f"{kind}:{entry_id}"
    ref = {"ref": refs[key]} if key in refs else {}
    entry = edition.entry(kind, entry_id)
    return tag(KIND[kind].tei_name, entry.name if entry else entry_id, **ref)


def _entry_lists(letter: Letter, edition: Edition, config: Config) -> Iterator[str]:
    """A list of each kind of entry the letter names, writes or is written at."""
    used: dict[str, set[str]] = {
        "person": {letter.sender, *letter.recipients},
        "place": {letter.place} if letter.place else set(),
    }
    for mention in letter.mentions:
        used.setdefault(mention.kind, set()).add(mention.entry_id)
    for kind in KINDS:
        entries = [e for i in used.get(kind.kind, ()) if (e := edition.entry(kind.kind, i))]
        if not entries:
            continue
        entries.sort(key=lambda entry: (entry.sort, entry.id))
        yield holder(kind.tei_list, [_entry_item(e, config) for e in entries], 2)


def _entry_item(entry: Entry, config: Config) -> str:
    """One entry as TEI (`person`, `place`, `org`): name, where it is (for a place), what
    it is, its records."""
    parts = [tag(KIND[entry.kind].tei_name, entry.name)]
    if entry.coordinates is not None:
        latitude, longitude = entry.coordinates
        parts.append(holder("location", [tag("geo", f"{latitude} {longitude}")], 4))
    uris = [tag("idno", uri, type="URI") for uri in _uris(entry, config)]
    about = [tag("note", entry.about)] if entry.about else []
    # An org takes its records before its notes; a place and a person the other way round.
    parts += [*uris, *about] if entry.kind == "org" else [*about, *uris]
    return holder(entry.kind, parts, 3, **{"xml:id": f"{entry.kind}-{entry.id}"})


def _notes(letter: Letter, edition: Edition, refs: Mapping[str, str]) -> Iterator[str]:
    first_marker: dict[int, str] = {}
    for marker in letter.markers:
        first_marker.setdefault(marker.number, marker.anchor)
    for note in letter.notes:
        attributes = {"type": "editorial", "n": str(note.number), "xml:id": f"note-{note.number}"}
        if note.number in first_marker:
            attributes["target"] = f"#{first_marker[note.number]}"
        start = start_tag("note", attributes)
        content = _filled(note.tei, letter, edition, refs)
        yield f"{start}{content}</note>" if content else start[:-1] + "/>"
