"""The records that flow between the stages of the pipeline.

Every record is a frozen, slotted dataclass of plain values, so records can be
cached, pickled to worker processes and compared. Nothing here imports another
epistola module.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class Location:
    """A point in a source file, as an editor would show it."""

    path: str
    """POSIX path relative to the edition root, so messages read the same everywhere."""
    line: int
    """1-based."""
    column: int = 1
    """1-based."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """The text of one source file, read but not yet interpreted."""

    path: str
    """POSIX path relative to the edition root."""
    text: str
    """The decoded text, with a byte-order mark removed and line endings made `\\n`."""


@dataclass(frozen=True, slots=True)
class EditorialDate:
    """A date as EDTF states it: a day, a month, a year, or an interval, maybe uncertain."""

    edtf: str
    """The EDTF string as the editors wrote it (`1927-06-23`, `1927-07-01/1927-07-10`)."""
    earliest: datetime.date
    """The first day the date can mean."""
    latest: datetime.date
    """The last day the date can mean; equal to `earliest` for an exact day."""
    uncertain: bool = False
    """True when the EDTF marks the date uncertain or approximate (`?`, `~`, `%`)."""

    @property
    def is_day(self) -> bool:
        """True for one exact, certain day."""
        return self.earliest == self.latest and not self.uncertain

    def sort_key(self) -> tuple[datetime.date, datetime.date]:
        """Chronological order: by the first possible day, then the last."""
        return (self.earliest, self.latest)


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event named in an editorial note."""

    date: EditorialDate
    """When it happened, as the note states it."""
    label: str
    """The date in words ("24 June 1927")."""
    sentence: str
    """The sentence of the note that names it."""
    letter: int
    """The letter whose note names it."""
    note: int
    """The number of that note."""

    @property
    def anchor(self) -> str:
        """The note's anchor on the letter page."""
        return f"note-{self.note}"


@dataclass(frozen=True, slots=True)
class Entry:
    """An entry of a register: a person, a place, an organization, a work or an event
    (`registers.py`)."""

    id: str
    """The register key, used in front matter, tags and page paths; unique in its kind."""
    kind: str
    """Which register it is of (`person`, `place`, `org`, `work`, `event`)."""
    name: str
    """The name as the index shows it ("Kliment Voroshilov")."""
    sort: str
    """The name as the index sorts it ("Voroshilov, Kliment")."""
    aliases: tuple[str, ...]
    """Whole-word forms by which the sources name it."""
    about: str
    """A one-line description."""
    authority: Mapping[str, str]
    """Authority record ids by scheme (`viaf`, `gnd`, `wikidata`, `geonames`)."""
    location: Location
    """Where the entry starts in its register."""
    born: int | None = None
    """A person's year of birth, if known."""
    died: int | None = None
    """A person's year of death, if known."""
    coordinates: tuple[float, float] | None = None
    """A place's latitude and longitude in degrees, if given."""
    match: str = ""
    """How its aliases are found in the text (`names/matching.py`); empty: the edition's way."""
    authors: tuple[str, ...] = ()
    """A work's authors, as ids of the register of people."""
    date: EditorialDate | None = None
    """When an event took place, if given."""


@dataclass(frozen=True, slots=True)
class Marker:
    """A note marker `[^N]` in the text of a letter."""

    number: int
    """The note it points to."""
    anchor: str
    """The element id the marker gets (`noteref-2`; `noteref-2-2` for a repeat)."""
    paragraph: str
    """The anchor of the paragraph it stands in (`p3`)."""
    location: Location


@dataclass(frozen=True, slots=True)
class Mention:
    """A register entry (a person, a place, a body) named in a letter's text or notes."""

    entry_id: str
    """Register id of what is named."""
    text: str
    """The words as they stand in the source ("Klim")."""
    anchor: str
    """Where it stands on the letter page: a paragraph (`p3`) or a note (`note-2`)."""
    before: str
    """Up to a few words of plain text before the mention, for context."""
    after: str
    """Up to a few words of plain text after the mention, for context."""
    location: Location
    explicit: bool = False
    """True for a `[text]{person=id}` tag, False for a mention found by alias."""
    kind: str = "person"
    """The register of `entry_id` (`person`, `place`, `org`, `work`, `event`)."""


@dataclass(frozen=True, slots=True)
class Ref:
    """A cross-reference written as prose ("see note 4 to letter 27")."""

    index: int
    """Position among the refs of its letter; names its placeholder in the HTML."""
    text: str
    """The words that become the link ("note 4 to letter 27")."""
    letter: int | None
    """The letter it points to; None for this letter ("note 3 above") or a relative one."""
    note: int | None
    """The note it points to, or None for the letter as a whole."""
    anchor: str
    """Where the ref stands on its own page (`p3`, `note-2`)."""
    location: Location
    relation: str = ""
    """`next` or `previous` for "the next letter"; `link.py` finds which letter that is."""
    phrase: str = ""
    """The whole phrase the ref is part of ("notes 2–4 to letter 34"), for messages."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of a letter's text, as plain text for search and snippets."""

    anchor: str
    """`p1`, `p2`, … in order of the source."""
    text: str
    """The paragraph without markup or note markers."""
    is_dateline: bool = False
    """True for the writer's own dateline (the paragraph equal to `dated`)."""
    part: str = ""
    """The part of the letter outside its text that holds it (`letterhead`, `envelope`,
    `address`, `postscript`), or "" for the text."""


@dataclass(frozen=True, slots=True)
class Note:
    """One editorial note of a letter."""

    number: int
    """The literal number of the item in the notes file."""
    html: str
    """The rendered note, with ref placeholders (see `render.fill_refs`)."""
    tei: str
    """The note as the content of a TEI `note`, with the same placeholders and the
    person placeholders of `markdown_tei`."""
    text: str
    """The note as plain text, for search and the chronology."""
    location: Location
    """Where the note's list item starts."""


@dataclass(frozen=True, slots=True)
class ApparatusMarker:
    """A marker `[^a]` of the text-critical apparatus in the text of a letter."""

    label: str
    """The apparatus note it points to (`a`)."""
    anchor: str
    """The element id the marker gets (`appref-a`; `appref-a-2` for a repeat)."""
    paragraph: str
    """The anchor of the paragraph it stands in (`p3`)."""
    location: Location


@dataclass(frozen=True, slots=True)
class ApparatusNote:
    """One note of the text-critical apparatus, lettered (`apparatus.py`)."""

    label: str
    """Its letter (`a`, `b`, … `aa`)."""
    html: str
    """The rendered note, with ref placeholders, as `Note.html`."""
    tei: str
    """The note as the content of a TEI `note`, as `Note.tei`."""
    text: str
    """The note as plain text."""
    location: Location
    """Where its definition `[^a]:` starts in the notes file."""

    @property
    def anchor(self) -> str:
        """Its element id on the letter page (`app-a`)."""
        return f"app-{self.label}"


@dataclass(frozen=True, slots=True)
class FieldLocations:
    """Where each front-matter key of a letter stands, for messages about its value."""

    by_key: Mapping[str, Location] = field(default_factory=dict)
    """Location of each key's value."""
    start: Location | None = None
    """Where the front matter starts."""

    def of(self, key: str) -> Location:
        """The location of `key`'s value, or of the front matter when the key is absent."""
        found = self.by_key.get(key)
        if found is not None:
            return found
        assert self.start is not None
        return self.start

    @staticmethod
    def item_key(key: str, item: str) -> str:
        """The key under which one item of a list value is kept (`to[molotov]`)."""
        return f"{key}[{item}]"

    def of_item(self, key: str, item: str) -> Location:
        """The location of one item of a list value, else of the whole value."""
        return self.by_key.get(self.item_key(key, item)) or self.of(key)


INCIPIT_WORDS = 12
"""How many of a letter's first words the lists show."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a letter's front matter says of it, read and checked: what its page, the lists
    and the exports say of it. `Letter` and `LetterHead` both hold it.

    When a value is missing or unusable (and reported), a stand-in takes its place: the
    number from the file name, year 1 for the date, no writer, None for the rest.
    """

    number: int
    """The edition's number of the letter, unique; also its page name (`31.html`)."""
    date: EditorialDate
    """The editors' date."""
    date_label: str | None
    """How the editors state the date in words, when EDTF says it badly."""
    dated: str | None
    """The date as the writer put it on the letter, possibly wrong."""
    senders: tuple[str, ...]
    """Register ids of the writers: one, or several for a letter written jointly."""
    recipients: tuple[str, ...]
    """Register ids of the addressees."""
    place: str | None
    """Where it was written, as an id of the register of places, if known."""
    language: str | None
    """The language of the letter's text (BCP 47), when it is not the edition's."""


METADATA_FIELDS = tuple(f.name for f in fields(Metadata))


def metadata_of(record: Metadata) -> dict[str, Any]:
    """The metadata fields of a record, by name: to make one record from another."""
    return {name: getattr(record, name) for name in METADATA_FIELDS}


@dataclass(frozen=True, slots=True)
class Letter(Metadata):
    """A letter with its notes, parsed but not yet linked to the rest of the edition."""

    path: str
    """The letter's source file (`letters/031.md`)."""
    notes_path: str | None
    """Its notes file, or None if it has none."""
    body_html: str
    """The rendered text, with ref placeholders."""
    body_tei: str
    """The text as the content of a TEI `body`, with the same placeholders and the
    person placeholders of `markdown_tei`."""
    paragraphs: tuple[Paragraph, ...]
    """The text's paragraphs as plain text."""
    notes: tuple[Note, ...]
    """The editorial notes, in file order."""
    markers: tuple[Marker, ...]
    """The note markers of the text, in order."""
    mentions: tuple[Mention, ...]
    """People, places and bodies named in the text and notes, in order."""
    refs: tuple[Ref, ...]
    """Cross-references in the text and notes, in order; `ref.index` is the position here."""
    fields: FieldLocations
    """Where the front-matter values stand."""
    apparatus: tuple[ApparatusNote, ...] = ()
    """The notes of the text-critical apparatus, in file order."""
    apparatus_markers: tuple[ApparatusMarker, ...] = ()
    """Their markers in the text, in order."""
    facsimile: Facsimile | None = None
    """The images of the document and where its pages break, if it has images."""

    @property
    def incipit(self) -> str:
        """The first words of the letter, for lists."""
        first = next((p.text for p in self.paragraphs if p.text and not p.part), "")
        words = first.split()
        shown = INCIPIT_WORDS
        return " ".join(words[:shown]) + (" …" if len(words) > shown else "")

    @property
    def page(self) -> str:
        """The path of the letter's page in the site."""
        return f"letters/{self.number}.html"


@dataclass(frozen=True, slots=True)
class LetterHead(Metadata):
    """What the rest of the edition needs of a letter: everything but its text.

    Lists, indexes, person pages and linking read only this, so a build holds the heads
    of every letter and the full `Letter` of none but those whose pages it renders.
    """

    path: str
    notes_path: str | None
    incipit: str
    """The first words of the letter, for lists."""
    note_numbers: tuple[int, ...]
    """The numbers of its notes, in file order."""
    refs: tuple[Ref, ...]
    """Cross-references in the text and notes, in order (as `Letter.refs`)."""
    number_location: Location
    """Where the letter's number is given, for messages about it."""
    key: str
    """Hash of the sources and of what parsing depended on: equal keys, equal letters."""

    @property
    def page(self) -> str:
        """The path of the letter's page in the site."""
        return f"letters/{self.number}.html"

    def summary(self) -> tuple[object, ...]:
        """What a list of letters shows of it (its metadata and first words)."""
        return (
            self.number,
            self.path,
            self.date,
            self.date_label,
            self.dated,
            self.senders,
            self.recipients,
            self.place,
            self.incipit,
            self.language,
        )


@dataclass(frozen=True, slots=True)
class LetterFacets:
    """What the people index, the chronology and the ledger need of a letter besides its
    head. Kept apart because a build reads them only when it remakes those."""

    mentions: tuple[Mention, ...]
    """What the text and notes name, in order (as `Letter.mentions`)."""
    events: tuple[Event, ...]
    """The dated events its notes name."""
    anchors: tuple[str, ...]
    """Every element id its page publishes: paragraphs, notes, markers."""


@dataclass(frozen=True, slots=True)
class Citation:
    """A place that refers to a letter or a note: the far end of a backlink."""

    letter: int
    """The letter in which the ref stands."""
    anchor: str
    """Where in it (`p3`, `note-2`)."""
    ref_index: int
    """The ref's index in that letter."""


@dataclass(frozen=True, slots=True)
class Edition:
    """All letters and registers, linked: what every page is made from."""

    letters: tuple[LetterHead, ...]
    """Ordered by the editors' date, then by number."""
    registers: Mapping[str, Mapping[str, Entry]]
    """For each kind of register (`person`, `place`, `org`, `work`, `event`): its entries
    by id, in the register's order."""
    ref_targets: Mapping[tuple[int, int], str | None]
    """For (letter, ref index): the target's path relative to `letters/`, or None if outside."""
    cited_by: Mapping[tuple[int, int | None], tuple[Citation, ...]]
    """For (letter, note or None): the places that refer to it."""
    by_number: Mapping[int, LetterHead]
    """The same letters, by number."""
    referrers: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    """For a letter number: the letters whose refs name it, found in the edition or not."""

    @property
    def people(self) -> Mapping[str, Entry]:
        """The register of people."""
        return self.registers.get("person", {})

    @property
    def places(self) -> Mapping[str, Entry]:
        """The register of places."""
        return self.registers.get("place", {})

    def entry(self, kind: str, entry_id: str) -> Entry | None:
        """The entry of that kind and id, if the register has it."""
        return self.registers.get(kind, {}).get(entry_id)


@dataclass(frozen=True, slots=True)
class Page:
    """One output file of the site."""

    path: str
    """POSIX path relative to the site root (`letters/31.html`)."""
    content: bytes
    """The bytes to write."""


@dataclass(frozen=True, slots=True)
class FacsimileImage:
    """One page image of a letter, as found in `facsimiles/<letter>/` and tiled."""

    name: str
    """The file's name in the letter's folder of facsimiles (`2r.jpg`)."""
    digest: str
    """The digest of its bytes: its tiles are kept, and published, under it."""
    width: int
    """In pixels."""
    height: int
    """In pixels."""


@dataclass(frozen=True, slots=True)
class Facsimile:
    """A letter's page images, in the order of their names, and its page breaks."""

    images: tuple[FacsimileImage, ...]
    breaks: tuple[tuple[int, int, str], ...] = ()
    """(page number, image number from 1 or 0 for none, anchor) of each page break of
    the text, in order."""
    outside: str | None = None
    """The address of an outside IIIF manifest or image service the front matter names."""
