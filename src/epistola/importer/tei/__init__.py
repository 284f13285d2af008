"""`epistola import-tei`: TEI P5 letters (and their registers) -> a new edition's sources.

Two passes over the files, each parsing one file at a time, so memory holds the small
facts of every letter and never every text. The survey finds the registers (in files of
their own, a letter's `<back>` or `standOff`), every name the texts use, each letter's
number and the ids of its notes. Then the names are settled against the registers, and
the second pass writes each letter and its notes, its refs to other letters and notes
written as prose epistola links ("see note 4 to letter 27"). Nothing that exists is
overwritten: if any file to be written is there, nothing is written.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from epistola.core.diagnostics import Report
from epistola.core.records import Location
from epistola.importer.files import shown_path
from epistola.importer.tei.header import DATE_PLACEHOLDER, edition_yaml, read_correspondence
from epistola.importer.tei.names import NameBook, NameUse, yaml_scalar
from epistola.importer.tei.text import (
    LetterText,
    Target,
    TextContext,
    is_placeholder,
    letter_text,
    survey_text,
)
from epistola.importer.tei.xml import XML_ID, Losses, line_of, local, read_tei, tei

PERSON_PLACEHOLDER = "PERSON-ID"
_LISTS = (tei("listPerson"), tei("listPlace"), tei("listOrg"))
_NUMBERED_STEM = re.compile(r"[A-Za-z_-]*?0*(\d{1,7})")


@dataclass
class _Plan:
    """What the survey keeps of one letter."""

    path: Path
    shown: str
    index: int
    """Which letter of its file (a `teiCorpus` holds several)."""
    line: int
    hint: int | None
    """The number its `@n` or id gives, if any."""
    xml_id: str
    note_ids: dict[str, int]
    number: int = 0


@dataclass
class TeiImport:
    """What an import brought in, and what it did not."""

    letters: int = 0
    notes: int = 0
    refs: int = 0
    names: int = 0
    unresolved: int = 0
    losses: Losses = field(default_factory=Losses)
    written: bool = False


def import_tei(sources: Sequence[str], into: Path, *, report: Report) -> TeiImport:
    """Import the TEI files named by `sources` into a new edition in `into`."""
    result = TeiImport()
    book = NameBook()
    plans, header = _survey(_files(sources, report), book, result.losses, report)
    if not plans:
        report.error(
            Location(shown_path(into), 1, 1),
            "tei.no-letters",
            "no letter found: a letter is a TEI document with a <body>; nothing was written",
        )
        return result
    _number(plans, report)
    plans = [p for p in plans if p.number]
    book.settle()
    registers = book.register_files()
    files = [f"letters/{p.number:03d}.md" for p in plans] + ["edition.yaml", *registers]
    if _existing(into, files, report):
        return result
    resolver = _Resolver(plans)
    for plan, root in _reread(plans, report):
        _write_letter(plan, root, into, book, resolver, result, report)
    for path, text in registers.items():
        _create(into / path, text)
    text, has_title = edition_yaml(*header) if header else ("title: <the edition's title>\n", False)
    if not has_title:
        report.warning(
            Location("edition.yaml", 1, 1),
            "tei.title",
            "no edition title (titleStmt/title[@type='edition']) in the TEI; replace the"
            " placeholder in edition.yaml",
        )
    _create(into / "edition.yaml", text)
    result.names = sum(len(entries) for entries in book.entries.values())
    result.written = True
    return result


def _files(sources: Sequence[str], report: Report) -> list[Path]:
    """Every file the sources name: files, folders (their `*.xml`, recursively) and globs."""
    found: set[Path] = set()
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found.update(p for p in path.rglob("*.xml") if p.is_file())
        elif path.is_file():
            found.add(path)
        else:
            matches = [Path(m) for m in glob.glob(source, recursive=True)]
            found.update(p for p in matches if p.is_file())
            if not matches:
                report.error(Location(source, 1, 1), "tei.no-such-file", "no such file or folder")
    return sorted(found)


def _letters(root: etree._Element) -> list[etree._Element]:
    if root.tag == tei("teiCorpus"):
        return [t for t in root.iter(tei("TEI")) if t.find(tei("text")) is not None]
    return [root] if root.find(f"{tei('text')}/{tei('body')}") is not None else []


def _survey(
    files: Sequence[Path], book: NameBook, losses: Losses, report: Report
) -> tuple[list[_Plan], tuple[etree._Element | None, etree._Element] | None]:
    plans: list[_Plan] = []
    header = None
    for path in files:
        shown = shown_path(path)
        root = read_tei(path, shown, report)
        if root is None:
            continue
        for holder in root.iter(*_LISTS):
            if not any(
                local(a) in ("listPerson", "listPlace", "listOrg") for a in holder.iterancestors()
            ):
                book.add_list(holder, shown, losses)
        for index, letter in enumerate(_letters(root)):
            teiheader = letter.find(tei("teiHeader"))
            header = header or (teiheader, letter)
            read_correspondence(teiheader, book)
            note_ids = survey_text(letter, book)
            xml_id = str(letter.get(XML_ID, ""))
            hint = _hint(letter, path if len(_letters(root)) == 1 else None)
            plans.append(_Plan(path, shown, index, line_of(letter), hint, xml_id, note_ids))
    return plans, header


def _hint(letter: etree._Element, path: Path | None) -> int | None:
    """The letter's number from its `@n`, from an id such as `L00042`, or from its file."""
    desc = letter.find(f".//{tei('correspDesc')}")
    for value in (letter.get("n"), desc.get("n") if desc is not None else None):
        if value and str(value).strip().isdigit():
            return int(str(value))
    for value in (letter.get(XML_ID), path.stem if path else None):
        match = _NUMBERED_STEM.fullmatch(str(value or ""))
        if match and int(match[1]) > 0:
            return int(match[1])
    return None


def _number(plans: list[_Plan], report: Report) -> None:
    """Numbers as the letters give them, gaps allowed; the others follow the highest, in
    the order of their files."""
    first: dict[int, _Plan] = {}
    for plan in plans:
        if plan.hint is None:
            continue
        seen = first.setdefault(plan.hint, plan)
        if seen is plan:
            plan.number = plan.hint
            continue
        report.error(
            Location(plan.shown, plan.line, 1),
            "tei.duplicate-number",
            f"letter number {plan.hint} is used twice; this letter is not imported",
            related=((Location(seen.shown, seen.line, 1), "first used here"),),
        )
    following = max(first, default=0)
    for plan in plans:
        if plan.hint is None:
            following += 1
            plan.number = following


def _existing(into: Path, files: Sequence[str], report: Report) -> bool:
    clashes = [f for f in files if (into / f).exists()]
    for relative in clashes:
        report.error(
            Location(shown_path(into / relative), 1, 1),
            "tei.exists",
            "already exists; an import never overwrites, so nothing was written",
        )
    return bool(clashes)


def _reread(plans: Sequence[_Plan], report: Report) -> Iterator[tuple[_Plan, etree._Element]]:
    """Each plan with its letter's element, each file parsed once more."""
    by_file: dict[Path, list[_Plan]] = {}
    for plan in plans:
        by_file.setdefault(plan.path, []).append(plan)
    for path, in_file in by_file.items():
        root = read_tei(path, in_file[0].shown, Report())
        if root is None:
            continue
        letters = _letters(root)
        for plan in in_file:
            yield plan, letters[plan.index]


class _Resolver:
    """Where a pointer's target leads: by file name, by `xml:id` or by a URL's last part."""

    def __init__(self, plans: Sequence[_Plan]) -> None:
        counts: dict[Path, int] = {}
        for plan in plans:
            counts[plan.path] = counts.get(plan.path, 0) + 1
        self.by_name: dict[str, int] = {}
        self.by_id: dict[str, int] = {}
        self.notes: dict[tuple[int, str], int] = {}
        everywhere: dict[str, list[tuple[int, int]]] = {}
        for plan in plans:
            if counts[plan.path] == 1:
                self.by_name[plan.path.name.lower()] = plan.number
                self.by_name[plan.path.stem.lower()] = plan.number
            if plan.xml_id:
                self.by_id[plan.xml_id] = plan.number
            for note_id, note in plan.note_ids.items():
                self.notes[(plan.number, note_id)] = note
                everywhere.setdefault(note_id, []).append((plan.number, note))
        self.unique_notes = {k: v[0] for k, v in everywhere.items() if len(v) == 1}

    def __call__(self, target: str, this: int) -> Target | str:
        if is_placeholder(target):
            return "placeholder"
        address, _, fragment = target.partition("#")
        if not address:
            if (this, fragment) in self.notes:
                return Target(this, self.notes[(this, fragment)])
            if fragment in self.by_id:
                return Target(self.by_id[fragment])
            if fragment in self.unique_notes:
                return Target(*self.unique_notes[fragment])
            return "missing"
        name = address.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0]
        letter = (
            self.by_name.get(name.lower()) or self.by_name.get(stem.lower()) or self.by_id.get(stem)
        )
        if letter:
            return Target(letter, self.notes.get((letter, fragment)) if fragment else None)
        return "external" if address.startswith(("http://", "https://")) else "missing"


def _write_letter(
    plan: _Plan,
    root: etree._Element,
    into: Path,
    book: NameBook,
    resolver: _Resolver,
    result: TeiImport,
    report: Report,
) -> None:
    context = TextContext(plan.shown, book, result.losses, report, plan.number, resolver)
    text = letter_text(root, context)
    facts = read_correspondence(root.find(tei("teiHeader")), book)
    where = Location(plan.shown, plan.line, 1)
    sender = _person(facts.sender, book, where, "writer", report)
    recipients = [_person(use, book, where, "addressee", report) for use in facts.recipients]
    if not recipients:
        recipients = [_person(None, book, where, "addressee", report)]
    if facts.date is None:
        report.warning(
            where,
            "tei.date",
            "no date in correspAction[@type='sent'] that reads as a"
            f" date; date left as {DATE_PLACEHOLDER}",
        )
    fields = [
        ("number", str(plan.number)),
        ("date", facts.date or DATE_PLACEHOLDER),
        ("date_label", yaml_scalar(facts.date_label)),
        ("dated", yaml_scalar(text.dated or facts.dated)),
        ("from", sender),
        ("to", f"[{', '.join(recipients)}]"),
        ("place", book.resolve(facts.place) if facts.place else None),
    ]
    front = "".join(f"{key}: {value}\n" for key, value in fields if value)
    stem = f"{plan.number:03d}"
    _create(
        into / "letters" / f"{stem}.md", f"---\n{front}---\n" + "\n\n".join(text.paragraphs) + "\n"
    )
    if text.notes:
        _create(into / "notes" / f"{stem}.md", _notes_file(text))
    result.letters += 1
    result.notes += len(text.notes)
    result.refs += context.refs
    result.unresolved += context.unresolved


def _person(use: NameUse | None, book: NameBook, where: Location, role: str, report: Report) -> str:
    found = book.resolve(use) if use is not None else None
    if found is None:
        report.warning(
            where, "tei.person", f"no {role} in the correspDesc; left as {PERSON_PLACEHOLDER}"
        )
    return found or PERSON_PLACEHOLDER


def _notes_file(text: LetterText) -> str:
    items = []
    for number, paragraphs in enumerate(text.notes, start=1):
        label = f"{number}. "
        indent = " " * len(label)
        first, *rest = (p.replace("\n", "\n" + indent) for p in paragraphs)
        items.append("\n\n".join([label + first, *(indent + p for p in rest)]))
    return "\n\n".join(items) + "\n"


def _create(path: Path, text: str) -> None:
    """A new file; never one that exists (`x` mode fails rather than overwrite)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(text)
