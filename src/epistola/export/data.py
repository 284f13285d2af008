"""The edition -> `data/edition.json` and `data/letters/N.json`, the records as JSON.

The shape is fixed by `edition.schema.json` beside this module, which the site also
publishes as `data/edition.schema.json`. Keys come in a fixed order and lists in
edition order, so two builds give the same bytes. Links inside `html` are absolute.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from html import escape, unescape
from importlib import resources
from typing import Any
from urllib.parse import urljoin

from epistola.core.config import Config
from epistola.core.lang import date_words
from epistola.core.records import Edition, EditorialDate, Entry, Letter, LetterHead, Note, Page, Ref
from epistola.core.registers import KIND, KINDS, RegisterKind, authority_uris
from epistola.export.common import absolute_url
from epistola.export.tei import tei_path
from epistola.render.pages import fill_refs

EDITION_JSON = "data/edition.json"
SCHEMA_JSON = "data/edition.schema.json"
_LINK = re.compile(r'\b(href|src)="([^"]*)"')
_TARGET = re.compile(r"(?:(\d+)\.html)?(?:#note-(\d+))?")


def letter_json_path(letter: Letter | LetterHead) -> str:
    """Where the JSON record of one letter goes in the site."""
    return f"data/letters/{letter.number}.json"


def edition_schema() -> bytes:
    """The JSON Schema of `edition.json` (a letter's file is its `$defs/letter`)."""
    return resources.files("epistola.export").joinpath("edition.schema.json").read_bytes()


def edition_pages(edition: Edition, *, config: Config) -> list[Page]:
    """`edition.json` and its schema. The edition file lists each letter's metadata and
    where its whole record is, but not the record again: that is in its own file."""
    whole = {
        "edition": _edition_record(config),
        "letters": [_letter_entry(letter, config) for letter in edition.letters],
        **{
            kind.plural: [_entry_record(e, config) for _, e in sorted(register.items())]
            for kind, register in _registers(edition)
            if register or kind.always_listed
        },
    }
    return [Page(EDITION_JSON, _dump(whole)), Page(SCHEMA_JSON, edition_schema())]


def letter_json_page(letter: Letter, edition: Edition, config: Config) -> Page:
    """`data/letters/N.json`: everything the edition knows about one letter."""
    return Page(letter_json_path(letter), _dump(letter_record(letter, edition, config)))


def _letter_entry(letter: LetterHead, config: Config) -> dict[str, Any]:
    """One letter in `edition.json`: its metadata and the addresses of its records."""
    entry = _metadata(letter, config)
    entry["record"] = absolute_url(config, letter_json_path(letter))
    entry["incipit"] = letter.incipit
    return entry


def _metadata(letter: Letter | LetterHead, config: Config) -> dict[str, Any]:
    """What both a letter's record and its entry in `edition.json` say of it."""
    return {
        "number": letter.number,
        "url": absolute_url(config, letter.page),
        "tei": absolute_url(config, tei_path(letter)),
        "date": _date_record(letter.date, letter.date_label),
        "dated": letter.dated,
        # One writer as an id, as the front matter gives it; several as a list of ids.
        "sender": letter.senders[0] if len(letter.senders) == 1 else list(letter.senders),
        "recipients": list(letter.recipients),
        "place": letter.place,
    }


def _dump(value: object) -> bytes:
    # compact: with `indent`, Python's json falls back from its C encoder, 5 times slower
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _edition_record(config: Config) -> dict[str, Any]:
    return {
        "title": config.title,
        "subtitle": config.subtitle,
        "editors": list(config.editors),
        "publisher": config.publisher,
        "source": config.source,
        "language": config.language,
        "url": config.base_url,
        "licence": config.licence,
        "licence_url": config.licence_url,
        "version": config.version,
        "released": config.released,
    }


def letter_record(letter: Letter, edition: Edition, config: Config) -> dict[str, Any]:
    """Everything the edition knows about one letter, as plain JSON values."""
    page_url = absolute_url(config, letter.page)
    record = {
        **_metadata(letter, config),
        "paragraphs": [
            {"anchor": p.anchor, "text": p.text, "dateline": p.is_dateline}
            | ({"part": p.part} if p.part else {})
            for p in letter.paragraphs
        ],
        "html": _absolute_html(fill_refs(letter.body_html, letter.number, edition), page_url),
        "notes": [_note_record(note, letter, edition, page_url) for note in letter.notes],
        "markers": [
            {"note": m.number, "anchor": m.anchor, "paragraph": m.paragraph} for m in letter.markers
        ],
        "mentions": [
            {
                "kind": m.kind,
                "id": m.entry_id,
                "text": m.text,
                "anchor": m.anchor,
                "explicit": m.explicit,
            }
            for m in letter.mentions
        ],
        "refs": [_ref_record(ref, letter, edition, config) for ref in letter.refs],
    }
    if letter.apparatus:  # only where there is one, so other records stay as they were
        record["apparatus"] = _apparatus_records(letter, edition, page_url)
    return record


def _apparatus_records(letter: Letter, edition: Edition, page_url: str) -> list[dict[str, Any]]:
    return [
        {
            "label": note.label,
            "anchor": note.anchor,
            "markers": [m.anchor for m in letter.apparatus_markers if m.label == note.label],
            "text": note.text,
            "html": _absolute_html(fill_refs(note.html, letter.number, edition), page_url),
        }
        for note in letter.apparatus
    ]


def _note_record(note: Note, letter: Letter, edition: Edition, page_url: str) -> dict[str, Any]:
    return {
        "number": note.number,
        "anchor": f"note-{note.number}",
        "text": note.text,
        "html": _absolute_html(fill_refs(note.html, letter.number, edition), page_url),
    }


def _ref_record(ref: Ref, letter: Letter, edition: Edition, config: Config) -> dict[str, Any]:
    href = edition.ref_targets.get((letter.number, ref.index))
    return {"text": ref.text, "anchor": ref.anchor, "target": _target(href, letter, config)}


def _date_record(date: EditorialDate, label: str | None) -> dict[str, Any]:
    return {
        "edtf": date.edtf,
        "earliest": date.earliest.isoformat(),
        "latest": date.latest.isoformat(),
        "uncertain": date.uncertain,
        "label": label or date_words(date),
    }


def _target(href: str | None, letter: Letter, config: Config) -> dict[str, Any] | None:
    """A ref's resolved target, read from the link `link.py` made (`35.html#note-2`)."""
    match = _TARGET.fullmatch(href or "")
    if not href or match is None:
        return None
    number = int(match[1]) if match[1] else letter.number
    note = int(match[2]) if match[2] else None
    page = absolute_url(config, f"letters/{number}.html")
    return {"letter": number, "note": note, "url": page + (f"#note-{note}" if note else "")}


def _absolute_html(html: str, page_url: str) -> str:
    """The HTML with every link made absolute, so it works outside the site.

    The HTML is our parser's own output, where every `href` and `src` value is quoted
    with `"` and escaped, so a pattern finds them all.
    """
    folder = page_url.rsplit("/", 1)[0] + "/"

    def absolute(match: re.Match[str]) -> str:
        href = unescape(match[2])
        url = page_url + href if href.startswith("#") else _join(folder, href)
        return f'{match[1]}="{escape(url)}"'

    return _LINK.sub(absolute, html)


@functools.lru_cache(maxsize=4096)
def _join(folder: str, href: str) -> str:
    # the same few links (people's pages, other letters) recur in every letter
    return urljoin(folder, href)


def _registers(edition: Edition) -> list[tuple[RegisterKind, Mapping[str, Entry]]]:
    return [(kind, edition.registers.get(kind.kind, {})) for kind in KINDS]


def _entry_record(entry: Entry, config: Config) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": entry.id,
        "name": entry.name,
        "sort": entry.sort,
        "aliases": list(entry.aliases),
    }
    if entry.kind == "person":
        record |= {"born": entry.born, "died": entry.died}
    if entry.kind == "place":
        record["coordinates"] = list(entry.coordinates) if entry.coordinates else None
    if entry.kind == "work":
        record["authors"] = list(entry.authors)
    if entry.kind == "event":
        record["date"] = _date_record(entry.date, None) if entry.date else None
    return record | {
        "about": entry.about,
        "url": absolute_url(config, KIND[entry.kind].page(entry.id)),
        "authority": dict(sorted(entry.authority.items())),
        "same_as": authority_uris(entry),
    }
