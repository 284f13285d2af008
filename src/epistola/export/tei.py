"""Each letter -> `tei/N.xml`, a TEI P5 document: header, text, and notes at the back.

The text and the notes were written as TEI when the letter was parsed (`markdown_tei`),
from the tokens its page is written from; here the header goes around them and their
placeholders are filled in: refs, which need the whole edition, and the URIs of the
people, places and bodies named, which need the registers and `base_url`. What the
letter names is listed after the text, in a `standOff` of `listPerson`, `listPlace`,
`listOrg`, `listBibl` (works, with their authors) and `listEvent`, each entry with its
name, description and authority records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from epistola.core.config import Config
from epistola.core.lang import _, date_words, joined
from epistola.core.records import Edition, EditorialDate, Entry, Letter, LetterHead, Page
from epistola.core.registers import KIND, KINDS, authority_uris
from epistola.core.xmlwrite import document, escape_attribute, holder, start_tag, tag
from epistola.export.common import (
    TEI_NS,
    absolute_url,
    date_attributes,
)
from epistola.facsimile.tei import facsimile_tei
from epistola.parse.markdown_tei import ENTRY
from epistola.render.pages import replace_refs

TEI_MODEL = {
    "href": "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng",
    "type": "application/xml",
    "schematypens": "http://relaxng.org/ns/structure/1.0",
}

EDTF_URI = "https://www.loc.gov/standards/datetime/"
"""The `datingMethod` of a date given in EDTF."""

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
    own = f' xml:lang="{letter.language}"' if letter.language else ""
    text = [f"<body{own}>{_filled(letter.body_tei, letter, edition, refs)}</body>"]
    back = []
    if letter.notes:
        back.append(holder("div", _notes(letter, edition, refs), 3, type="notes"))
    if letter.apparatus:
        back.append(holder("div", _apparatus(letter, edition, refs), 3, type="apparatus"))
    if back:
        text.append(holder("back", back, 2))
    images = facsimile_tei(letter, config.base_url)
    header_part = holder("teiHeader", header, 1)
    parts = [header_part, *([images] if images else []), holder("text", text, 1)]
    lists = list(_entry_lists(letter, edition, config, refs))
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
        *([tag("title", config.subtitle, type="sub")] if config.subtitle else []),
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
    sender = joined([_name(edition, person) for person in letter.senders])
    recipients = joined([_name(edition, person) for person in letter.recipients])
    return _(
        "Letter %(number)s: %(writer)s to %(addressees)s, %(date)s",
        number=letter.number,
        writer=sender,
        addressees=recipients,
        date=letter.date_label or date_words(letter.date),
    )


def _name(edition: Edition, person_id: str) -> str:
    person = edition.people.get(person_id)
    return person.name if person else person_id


def _profile_desc(letter: Letter, edition: Edition, config: Config, refs: Mapping[str, str]) -> str:
    sent = [_name_tag("person", person_id, edition, refs) for person_id in letter.senders]
    if letter.place:
        sent.append(_name_tag("place", letter.place, edition, refs))
    words = letter.date_label or date_words(letter.date)
    sent.append(tag("date", words, **_dating(letter.date)))
    if letter.dated and "dateline" not in letter.body_tei:
        # The writer's own date, which the text shows as a dateline when it has one.
        sent.append(tag("date", letter.dated, type="dated"))
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


def _dating(date: EditorialDate) -> dict[str, str]:
    """The date's TEI attributes, and the EDTF itself where they say less than it does
    (`1889-05~` and `1889-05?` are both a month of low certainty), so that reading the TEI
    back (`epistola import-tei`) gives the editors' date as they wrote it."""
    attributes = date_attributes(date)
    interval = f"{attributes.get('notBefore')}/{attributes.get('notAfter')}"
    if "when" not in attributes and date.edtf != interval:
        attributes |= {"when-custom": date.edtf, "datingMethod": EDTF_URI}
    return attributes


def _name_tag(kind: str, entry_id: str, edition: Edition, refs: Mapping[str, str]) -> str:
    """The name of a register entry, pointing to its page and authority records."""
    key = f"{kind}:{entry_id}"
    ref = {"ref": refs[key]} if key in refs else {}
    entry = edition.entry(kind, entry_id)
    return tag(KIND[kind].tei_name, entry.name if entry else entry_id, **ref)


def _entry_lists(
    letter: Letter, edition: Edition, config: Config, refs: Mapping[str, str]
) -> Iterator[str]:
    """A list of each kind of entry the letter names, writes or is written at."""
    used: dict[str, set[str]] = {
        "person": {*letter.senders, *letter.recipients},
        "place": {letter.place} if letter.place else set(),
    }
    for mention in letter.mentions:
        used.setdefault(mention.kind, set()).add(mention.entry_id)
    for kind in KINDS:
        entries = [e for i in used.get(kind.kind, ()) if (e := edition.entry(kind.kind, i))]
        if not entries:
            continue
        entries.sort(key=lambda entry: (entry.sort, entry.id))
        items = [_entry_item(e, edition, config, refs) for e in entries]
        yield holder(kind.tei_list, items, 2)


def _entry_item(entry: Entry, edition: Edition, config: Config, refs: Mapping[str, str]) -> str:
    """One entry as TEI (`person`, `place`, `org`, `bibl`, `event`): name, where it is (for
    a place), who wrote it (for a work), what it is, its records."""
    register = KIND[entry.kind]
    name = register.tei_name
    parts = [tag(name, entry.name)]
    # What the register says of the names besides the main one, so the TEI can be read
    # back into the same register: the sort form and the aliases the texts are searched for.
    if entry.sort != entry.name:
        parts.append(tag(name, entry.sort, type="sort"))
    parts += [tag(name, alias, type="alias") for alias in entry.aliases]
    parts += [tag(event, None, when=str(year)) for event, year in _life(entry)]
    parts += [f"<author>{_name_tag('person', a, edition, refs)}</author>" for a in entry.authors]
    if entry.coordinates is not None:
        latitude, longitude = entry.coordinates
        parts.append(holder("location", [tag("geo", f"{latitude} {longitude}")], 4))
    uris = [tag("idno", uri, type="URI") for uri in _uris(entry, config)]
    about = [tag("note", entry.about)] if entry.about else []
    attributes = {"xml:id": f"{entry.kind}-{entry.id}"}
    if entry.date is not None:
        attributes |= date_attributes(entry.date)
    # An org takes its records before its notes, an event before its name too; a place, a
    # person and a work the other way round.
    if entry.kind == "event":
        parts = [*uris, *parts, *about]
    else:
        parts += [*uris, *about] if entry.kind == "org" else [*about, *uris]
    return holder(register.tei_entry, parts, 3, **attributes)


def _life(entry: Entry) -> list[tuple[str, int]]:
    return [(event, year) for event, year in (("birth", entry.born), ("death", entry.died)) if year]


def _notes(letter: Letter, edition: Edition, refs: Mapping[str, str]) -> Iterator[str]:
    first_marker: dict[int, str] = {}
    for marker in letter.markers:
        first_marker.setdefault(marker.number, marker.anchor)
    for note in letter.notes:
        attributes = {"type": "editorial", "n": str(note.number), "xml:id": f"note-{note.number}"}
        if note.number in first_marker:
            attributes["target"] = f"#{first_marker[note.number]}"
        yield _note(attributes, note.tei, letter, edition, refs)


def _apparatus(letter: Letter, edition: Edition, refs: Mapping[str, str]) -> Iterator[str]:
    """The lettered notes of the text-critical apparatus, `note type="textual"`."""
    first_marker: dict[str, str] = {}
    for marker in letter.apparatus_markers:
        first_marker.setdefault(marker.label, marker.anchor)
    for note in letter.apparatus:
        attributes = {"type": "textual", "n": note.label, "xml:id": note.anchor}
        if note.label in first_marker:
            attributes["target"] = f"#{first_marker[note.label]}"
        yield _note(attributes, note.tei, letter, edition, refs)


def _note(
    attributes: dict[str, str], tei: str, letter: Letter, edition: Edition, refs: Mapping[str, str]
) -> str:
    start = start_tag("note", attributes)
    content = _filled(tei, letter, edition, refs)
    return f"{start}{content}</note>" if content else start[:-1] + "/>"
