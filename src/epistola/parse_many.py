"""Every letter file of the edition -> Letters, reusing the parse of each unchanged letter.

A letter is parsed again only when its text, its notes' text or what parsing depends on
besides (the register's aliases, epistola's version) changed. A file whose stamp (size,
modification time, inode) is the one recorded is not even read; one whose stamp changed
is read and hashed, so touching a file costs a read but not a parse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from epistola.cache import BuildCache, ParsedLetter, Stamp, code_fingerprint, digest, stamp_of
from epistola.diagnostics import Report
from epistola.parse import parse_letter
from epistola.people import AliasIndex
from epistola.pool import map_chunks
from epistola.records import Letter, SourceFile
from epistola.sources import find_letter_files, find_notes_files, read_source


@dataclass(frozen=True, slots=True)
class ParsedSources:
    """The letters of the edition, each with the hash of what it was made from."""

    letters: list[Letter]
    """In the order of their file names."""
    keys: dict[str, str]
    """Letter source path -> the hash of its sources and parse context."""
    orphans: list[str]
    """Notes files that have no letter file, sorted."""


@dataclass(frozen=True, slots=True)
class _Job:
    """A letter to parse: its files as read, and what the cache will know it by."""

    letter: SourceFile
    notes: SourceFile | None
    key: str
    stamps: tuple[Stamp | None, Stamp | None]


def parse_sources(
    root: Path, *, aliases: AliasIndex, report: Report, cache: BuildCache, progress: bool = False
) -> ParsedSources:
    """Parse what changed, take the rest from the cache, and remember all of it."""
    pattern = aliases.pattern.pattern if aliases.pattern else ""
    context = digest(code_fingerprint(), pattern, sorted(aliases.person_of.items()))
    old = cache.load_letters()
    notes = {path.name: path for path in find_notes_files(root)}
    kept: dict[str, ParsedLetter] = {}
    jobs: list[_Job] = []
    for path in find_letter_files(root):
        notes_path = notes.pop(path.name, None)
        stamps = (stamp_of(path), stamp_of(notes_path) if notes_path else None)
        entry = old.get(f"letters/{path.name}")
        if entry and _unchanged(entry, stamps, context, cache):
            kept[entry.letter.path] = entry
            continue
        job = _read_job(root, path, notes_path, stamps, context, report)
        if job is None:
            continue
        if entry and entry.key == job.key:
            kept[entry.letter.path] = ParsedLetter(job.key, stamps, entry.letter, entry.diagnostics)
        else:
            jobs.append(job)
    fresh = map_chunks(
        lambda chunk: _parse_chunk(chunk, aliases), jobs, label="parse", progress=progress
    )
    parsed = {**kept, **{entry.letter.path: entry for entry in fresh}}
    ordered = [parsed[path] for path in sorted(parsed)]
    for entry in ordered:
        report.extend(entry.diagnostics)
    if fresh or len(old) != len(parsed) or any(old.get(p) is not e for p, e in parsed.items()):
        cache.save_letters({entry.letter.path: entry for entry in ordered})
    return ParsedSources(
        letters=[entry.letter for entry in ordered],
        keys={entry.letter.path: entry.key for entry in ordered},
        orphans=sorted(path.relative_to(root).as_posix() for path in notes.values()),
    )


def _unchanged(
    entry: ParsedLetter,
    stamps: tuple[Stamp | None, Stamp | None],
    context: str,
    cache: BuildCache,
) -> bool:
    return (
        entry.stamps == stamps
        and entry.key.startswith(context)
        and not any(cache.is_racy(stamp) for stamp in stamps)
    )


def _read_job(
    root: Path,
    path: Path,
    notes_path: Path | None,
    stamps: tuple[Stamp | None, Stamp | None],
    context: str,
    report: Report,
) -> _Job | None:
    letter = read_source(root, path, report)
    notes = read_source(root, notes_path, report) if notes_path else None
    if letter is None:
        return None
    key = context + digest(letter.text, notes.text if notes else None)
    return _Job(letter, notes, key, stamps)


def _parse_chunk(jobs: Sequence[_Job], aliases: AliasIndex) -> list[ParsedLetter]:
    parsed = []
    for job in jobs:
        found = Report()
        letter = parse_letter(job.letter, job.notes, aliases=aliases, report=found)
        parsed.append(ParsedLetter(job.key, job.stamps, letter, tuple(found.diagnostics)))
    return parsed
