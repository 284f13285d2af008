"""How to cite a letter or one of its notes: formatted text, BibTeX, CSL-JSON, meta tags.

Every citation carries the stable absolute URL (`base_url` + the page and anchor) and the
edition's version and release date, never the time of the build. The letter page shows
them; `letters/N.bib` and `letters/N.csl.json` hold the letter and all its notes for
reference managers, and the page's `citation_*` / `DC.*` meta tags let Zotero read it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from epistola.core.config import Config
from epistola.core.lang import _, both, date_words, joined
from epistola.core.records import Edition, Letter, LetterHead, Note, Page

_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


@dataclass(frozen=True, slots=True)
class Reference:
    """A letter or a note, described once and written in each citation format."""

    key: str
    """Identifier in BibTeX and CSL-JSON (`letter-31`, `letter-31-note-2`)."""
    title: str
    """`Joseph Stalin to Viacheslav Molotov, 23 June 1927` or `Note 2 to letter 31 (…)`."""
    authors: tuple[str, ...]
    """Display names: the writer of a letter, the editors for a note."""
    author_sorts: tuple[str, ...]
    """The same as `Family, Given`."""
    date: str
    """EDTF of the letter's date (also for its notes, which are about it)."""
    url: str
    """The stable absolute URL, with the note's anchor."""


class Citations:
    """The citation helpers the letter template calls, for one edition and config."""

    def __init__(self, edition: Edition, config: Config) -> None:
        self._edition = edition
        self._config = config

    def letter(self, letter: Letter | LetterHead) -> Reference:
        """The letter as a whole."""
        senders = [(s, self._edition.people.get(s)) for s in letter.senders]
        to = joined([self._name(r) for r in letter.recipients])
        return Reference(
            key=f"letter-{letter.number}",
            title=_(
                "%(writer)s to %(addressees)s, %(date)s",
                writer=joined([self._name(s) for s in letter.senders]),
                addressees=to,
                date=self.date_words(letter),
            ),
            authors=tuple(self._name(s) for s in letter.senders),
            author_sorts=tuple(person.sort if person else s for s, person in senders),
            date=letter.date.edtf,
            url=f"{self._config.base_url}{letter.page}",
        )

    def note(self, letter: Letter, note: Note) -> Reference:
        """One editorial note; its authors are the edition's editors."""
        whole = self.letter(letter)
        editors = self._config.editors
        return Reference(
            key=f"{whole.key}-note-{note.number}",
            title=_(
                "Note %(note)s to letter %(letter)s (%(title)s)",
                note=note.number,
                letter=letter.number,
                title=whole.title,
            ),
            authors=editors,
            author_sorts=tuple(_sort_name(e) for e in editors),
            date=whole.date,
            url=f"{whole.url}#note-{note.number}",
        )

    def date_words(self, letter: Letter | LetterHead) -> str:
        return letter.date_label or date_words(letter.date)

    def text(self, ref: Reference) -> str:
        """The citation as a reader would copy it into a footnote."""
        config = self._config
        parts = [
            _and_list(ref.authors),
            _("“%(title)s”", title=ref.title),
            _("in %(edition)s", edition=config.title),
        ]
        if config.editors:
            parts.append(_("edited by %(editors)s", editors=_and_list(config.editors)))
        parts.append(_("version %(version)s", version=config.version))
        parts += [config.released] if config.released else []
        return ", ".join([*parts, ref.url])

    def bibtex(self, ref: Reference) -> str:
        """A BibTeX (biblatex-friendly) `@misc` entry."""
        config = self._config
        fields = [
            ("author", " and ".join(ref.author_sorts)),
            ("title", ref.title),
            ("date", ref.date),
            ("year", ref.date[:4]),
            ("booktitle", config.title),
            ("editor", " and ".join(config.editors)),
            ("publisher", config.publisher),
            ("version", config.version),
            (
                "note",
                _(
                    "Version %(version)s, released %(released)s",
                    version=config.version,
                    released=config.released,
                ),
            ),
            ("url", ref.url),
        ]
        lines = [
            f"  {name} = {{{_bibtex_escape(value) if name != 'url' else value}}}"
            for name, value in fields
            if value
        ]
        return "@misc{" + ref.key + ",\n" + ",\n".join(lines) + "\n}\n"

    def csl(self, ref: Reference) -> dict[str, object]:
        """A CSL-JSON item."""
        config = self._config
        item: dict[str, object] = {
            "id": ref.key,
            "type": "personal_communication" if "-note-" not in ref.key else "entry",
            "title": ref.title,
            "author": [_csl_name(s) for s in ref.author_sorts],
            "issued": _csl_date(ref.date),
            "container-title": config.title,
            "editor": [_csl_name(_sort_name(e)) for e in config.editors],
            "publisher": config.publisher,
            "version": config.version,
            "URL": ref.url,
        }
        return {key: value for key, value in item.items() if value}

    def csl_json(self, ref: Reference) -> str:
        return json.dumps(self.csl(ref), ensure_ascii=False, indent=2)

    def _name(self, person_id: str) -> str:
        person = self._edition.people.get(person_id)
        return person.name if person else person_id


def citation_pages(cite: Citations, letter: Letter) -> list[Page]:
    """`letters/N.bib` and `letters/N.csl.json`: the letter with its notes."""
    stem = letter.page.removesuffix(".html")
    refs = list(_references(cite, letter))
    bib = "\n".join(cite.bibtex(ref) for ref in refs)
    csl = json.dumps([cite.csl(ref) for ref in refs], ensure_ascii=False, indent=2)
    return [
        Page(f"{stem}.bib", bib.encode("utf-8")),
        Page(f"{stem}.csl.json", (csl + "\n").encode("utf-8")),
    ]


def _references(cite: Citations, letter: Letter) -> Iterator[Reference]:
    yield cite.letter(letter)
    for note in letter.notes:
        yield cite.note(letter, note)


def _and_list(names: tuple[str, ...]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if len(names) <= 1:
        return "".join(names)
    return both(", ".join(names[:-1]), names[-1])


def _sort_name(name: str) -> str:
    """`Lars T. Lih` -> `Lih, Lars T.`; a name already in that form stays."""
    if "," in name or " " not in name.strip():
        return name.strip()
    given, family = name.strip().rsplit(" ", 1)
    return f"{family}, {given}"


def _csl_name(sort_name: str) -> dict[str, str]:
    family, _, given = sort_name.partition(", ")
    return {"family": family, "given": given} if given else {"literal": family}


def _csl_date(edtf: str) -> dict[str, object]:
    """EDTF -> CSL `issued`: date parts of each end of an interval, `circa` if uncertain."""
    ends = [re.findall(r"\d+", part) for part in edtf.split("/")]
    parts = [[int(p) for p in end] for end in ends if end]
    issued: dict[str, object] = {"date-parts": parts}
    if any(mark in edtf for mark in "?~%"):
        issued["circa"] = True
    return issued


def _bibtex_escape(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)
