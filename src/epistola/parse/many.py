"""Every letter file of the edition -> the heads of all letters, parsing only what changed.

A letter is parsed again only when its text, its notes' text or what parsing depends on
besides (the register, epistola's own code) changed. A file whose stamp (size,
modification time, inode) is the one recorded is not even read; one whose stamp changed
is read and hashed, so touching a file costs a read but not a parse. A letter parsed
anew goes to the store whole (head, full parse, search pieces, diagnostics); the build
keeps only its head.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from epistola.core.diagnostics import Diagnostic, Report
from epistola.core.pool import map_chunks
from epistola.core.records import FacsimileImage, LetterFacets, LetterHead, SourceFile
from epistola.core.registers import AliasIndex
from epistola.parse.heads import check_letter, facets_of, head_of
from epistola.parse.search import letter_piece
from epistola.parse.sources import find_letter_files, find_notes_files, read_source
from epistola.state.fingerprint import code_fingerprint, digest
from epistola.state.stamps import Stamp, stamp_of
from epistola.state.store import Store, StoredLetter, dumps, pack


@dataclass(frozen=True, slots=True)
class ParsedSources:
    """The letters of the edition as heads, and which of them this build parsed anew."""

    heads: list[LetterHead]
    """In the order of their file names."""
    changed: dict[str, LetterHead | None]
    """Letter path -> its head before this build (None for a new file), for every letter
    whose sources or parse context changed."""
    removed: list[LetterHead]
    """The last heads of letter files that are gone."""
    old_facets: dict[str, LetterFacets]
    """The last facets of the letters changed or gone."""
    new_facets: dict[str, LetterFacets]
    """The facets of the letters parsed anew."""
    orphans: list[str]
    """Notes files that have no letter file, sorted."""


@dataclass(frozen=True, slots=True)
class Register:
    """What parsing needs of the registers: it finds names by alias and checks ids."""

    aliases: AliasIndex
    entries: Collection[tuple[str, str]]
    """(kind, id) of every entry of every register."""
    language: str = "en"
    """The edition's language: it chooses the words of cross-references."""

    def context(self) -> str:
        """The hash of all of it, with epistola's code: a parse made in another is redone."""
        pattern = self.aliases.pattern.pattern if self.aliases.pattern else ""
        return digest(
            code_fingerprint(),
            pattern,
            sorted(self.aliases.entry_of.items()),
            sorted(self.aliases.exact),
            sorted(self.entries),
            self.language,
        )


@dataclass(frozen=True, slots=True)
class _Job:
    """A letter to parse: its files as read, and what the store will know it by."""

    letter: SourceFile
    notes: SourceFile | None
    key: str
    stamps: tuple[Stamp | None, Stamp | None]
    images: tuple[FacsimileImage, ...] = ()
    """The letter's page images, which its page breaks name."""


def parse_sources(
    root: Path,
    *,
    register: Register,
    report: Report,
    store: Store,
    stamps: Mapping[str, Stamp | None] | None = None,
    progress: bool = False,
    facsimiles: Mapping[str, tuple[FacsimileImage, ...]] | None = None,
) -> ParsedSources:
    """Parse what changed, take the rest from the store, and record what changed there.

    `stamps` are the input files' stamps if the build has taken them already;
    `facsimiles` the page images of each letter (by file stem) that has any.
    """

    def stamp(path: Path, name: str) -> Stamp | None:
        return stamps.get(name) if stamps is not None else stamp_of(path)

    context = register.context()
    old = store.letters()
    notes = {path.name: path for path in find_notes_files(root)}
    heads: dict[str, LetterHead] = {}
    diagnostics: list[Diagnostic] = []
    changed: dict[str, LetterHead | None] = {}
    jobs: list[_Job] = []
    for path in find_letter_files(root):
        notes_path = notes.pop(path.name, None)
        source = f"letters/{path.name}"
        files = (
            stamp(path, source),
            stamp(notes_path, f"notes/{path.name}") if notes_path else None,
        )
        entry = old.get(source)
        # A letter with images is parsed again when they change: its page shows them.
        images = (facsimiles or {}).get(path.stem, ())
        own_context = context + digest(images)
        if entry and _unchanged(entry, files, own_context, store):
            heads[source] = entry.head
            diagnostics += entry.diagnostics
            continue
        job = _read_job(root, path, notes_path, files, own_context, report, images)
        if job is None:
            continue
        if entry and entry.key == job.key:
            store.put_stamps(source, files)
            heads[source] = entry.head
            diagnostics += entry.diagnostics
        else:
            jobs.append(job)
            changed[source] = entry.head if entry else None
    entries = frozenset(register.entries)
    fresh = map_chunks(
        lambda chunk: _parse_chunk(chunk, register.aliases, entries, register.language),
        jobs,
        label="parse",
        progress=progress,
    )
    gone = [path for path in old if path not in heads and path not in changed]
    old_facets = store.facets([*(p for p, head in changed.items() if head), *gone])
    new_facets = {}
    for letter_path, key, files, head_blob, facets, blobs, head, found in fresh:
        stored = StoredLetter(key, files, head, found)
        store.put_letter(letter_path, key, files, head_blob, *blobs, stored=stored)
        heads[letter_path] = head
        new_facets[letter_path] = facets
        diagnostics += found
    store.drop_letters(gone)
    report.extend(diagnostics)
    return ParsedSources(
        heads=[heads[path] for path in sorted(heads)],
        changed=changed,
        removed=[old[path].head for path in gone],
        old_facets=old_facets,
        new_facets=new_facets,
        orphans=sorted(path.relative_to(root).as_posix() for path in notes.values()),
    )


def _unchanged(
    entry: StoredLetter,
    stamps: tuple[Stamp | None, Stamp | None],
    context: str,
    store: Store,
) -> bool:
    return (
        entry.stamps == stamps
        and entry.key.startswith(context)
        and not any(store.is_racy(stamp) for stamp in stamps)
    )


def _read_job(
    root: Path,
    path: Path,
    notes_path: Path | None,
    stamps: tuple[Stamp | None, Stamp | None],
    context: str,
    report: Report,
    images: tuple[FacsimileImage, ...],
) -> _Job | None:
    letter = read_source(root, path, report)
    notes = read_source(root, notes_path, report) if notes_path else None
    if letter is None:
        return None
    key = context + digest(letter.text, notes.text if notes else None)
    return _Job(letter, notes, key, stamps, images)


_Parsed = tuple[
    str,
    str,
    tuple[Stamp | None, Stamp | None],
    bytes,
    LetterFacets,
    tuple[bytes, bytes, bytes],
    LetterHead,
    tuple[Diagnostic, ...],
]
"""Path, key, stamps, head with diagnostics as stored, facets, (facets, full parse, search
piece) as stored, head, diagnostics."""


def _parse_chunk(
    jobs: Sequence[_Job],
    aliases: AliasIndex,
    entries: frozenset[tuple[str, str]],
    language: str,
) -> list[_Parsed]:
    from epistola.parse.letter import parse_letter  # Markdown loads only where a letter is parsed

    parsed: list[_Parsed] = []
    for job in jobs:
        found = Report()
        letter = parse_letter(
            job.letter,
            job.notes,
            aliases=aliases,
            report=found,
            language=language,
            images=job.images,
        )
        check_letter(letter, entries, found)
        head, facets = head_of(letter, job.key), facets_of(letter)
        diagnostics = tuple(found.diagnostics)
        blobs = (pack(facets), pack(letter), pack(letter_piece(letter)))
        parsed.append(
            (
                letter.path,
                job.key,
                job.stamps,
                dumps((head, diagnostics)),
                facets,
                blobs,
                head,
                diagnostics,
            )
        )
    return parsed
