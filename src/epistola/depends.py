"""What each page is made from: one fingerprint per page, and one for all the inputs.

A page's fingerprint hashes everything its template reads: for a letter page, its
letter's source hash, the targets of its refs, the places that cite it, its neighbours'
numbers and the names of its writer and addressees; for a person page, the person and
the letters that name them; for the index pages, every letter and person. The theme and
`edition.yaml` are part of every fingerprint. A page whose fingerprint and file are those
of the last build is not rendered again. A page kind that is not listed here has no
fingerprint, so it is simply rendered every time: new kinds work before they declare what
they depend on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from epistola.cache import (
    RACY_NS,
    BuildCache,
    PageCache,
    Stamp,
    code_fingerprint,
    digest,
    open_cache,
    stamp_of,
)
from epistola.config import CONFIG_NAME, LEDGER_NAME, Config
from epistola.diagnostics import Report
from epistola.index import PersonEntry
from epistola.records import Edition, Letter, Page
from epistola.theme import theme_digest, theme_sources

INPUT_FOLDERS = ("letters", "notes", "templates")
"""Folders of the edition whose files are inputs of the build."""


@dataclass(frozen=True, slots=True)
class PagePlan:
    """Which pages this build must render, and the fingerprints to remember for next time."""

    fingerprints: dict[str, str]
    """Page path -> fingerprint, for every page kind that declares its inputs."""
    kept: frozenset[str]
    """Pages whose file from the last build is still right: not rendered, not written."""
    facets: dict[str, dict[str, str]]
    """Letter key -> its facets (see `_facets_of`), kept so the next build need not redo them."""

    def wanted(self, path: str) -> bool:
        """True if the page at `path` must be rendered."""
        return path not in self.kept


def plan_pages(
    edition: Edition,
    *,
    keys: Mapping[str, str],
    people: tuple[PersonEntry, ...],
    config: Config,
    previous: PageCache,
) -> PagePlan:
    """Fingerprint every page; keep those whose inputs and file did not change."""
    common = digest(code_fingerprint(), repr(config), theme_digest(config.templates_dir))
    facets = {
        key: previous.facets.get(key) or _facets_of(letter)
        for letter in edition.letters
        if (key := keys.get(letter.path))
    }
    facet = _facet_finder(keys, facets)
    fingerprints = {
        **_index_pages(edition, people, facet, common),
        **_person_pages(people, facet, common),
        **_letter_pages(edition, keys, common),
    }
    out = config.output_dir
    kept = frozenset(
        path
        for path, fingerprint in fingerprints.items()
        if previous.fingerprints.get(path) == fingerprint
        and previous.stamps.get(path) == stamp_of(out / path)
    )
    return PagePlan(fingerprints, kept, facets)


Facet = Callable[[Letter, str], str | None]
"""(letter, '' or person id) -> digest of what a list of letters, or a person's page, shows
of that letter."""


def _facets_of(letter: Letter) -> dict[str, str]:
    """'' -> what lists show of the letter (its metadata and first words); person id ->
    that and the letter's mentions of the person, without their line numbers."""
    summary = digest(
        letter.number,
        letter.path,
        letter.date,
        letter.date_label,
        letter.dated,
        letter.sender,
        letter.recipients,
        letter.place,
        letter.incipit,
    )
    mentions: dict[str, list[tuple[object, ...]]] = {}
    for m in letter.mentions:
        mentions.setdefault(m.person_id, []).append((m.text, m.anchor, m.before, m.after))
    people = sorted({letter.sender, *letter.recipients, *mentions})
    return {"": summary} | {pid: digest(summary, mentions.get(pid)) for pid in people}


def _facet_finder(keys: Mapping[str, str], facets: Mapping[str, dict[str, str]]) -> Facet:
    by_path = {path: facets[key] for path, key in keys.items() if key in facets}

    def facet(letter: Letter, part: str) -> str | None:
        return by_path[letter.path].get(part) if letter.path in by_path else None

    return facet


def _index_pages(
    edition: Edition, people: tuple[PersonEntry, ...], facet: Facet, common: str
) -> dict[str, str]:
    names = tuple((pid, person.name) for pid, person in edition.people.items())
    listed = digest(common, names, tuple(facet(letter, "") for letter in edition.letters))
    counted = digest(common, tuple((repr(e.person), e.mention_count) for e in people))
    # The chronology is left out: it also lists the events dated in the notes, so it is
    # rendered every time (it is a few pages, however large the edition).
    return {"index.html": listed, "people/index.html": counted}


def _person_pages(people: tuple[PersonEntry, ...], facet: Facet, common: str) -> dict[str, str]:
    def named_in(entry: PersonEntry) -> str:
        # One joined string rather than a tuple: a popular person is named in thousands
        # of letters, and this runs for every person on every build.
        letters = [*entry.letters_from, *entry.letters_to, *(x for x, _ in entry.mentions)]
        pid = entry.person.id
        return " ".join(f"{letter.number}:{facet(letter, pid)}" for letter in letters)

    return {
        f"people/{entry.person.id}.html": digest(common, repr(entry.person), named_in(entry))
        for entry in people
    }


def _letter_pages(edition: Edition, keys: Mapping[str, str], common: str) -> dict[str, str]:
    """The letter pages, and each letter's TEI and citation files.

    Those exports show no neighbours but do show the register's entries (authority ids
    in the TEI), so they take the page's fingerprint plus the whole register's.
    """
    letters = edition.letters
    register = digest(repr(sorted(edition.people.items())))
    pages = {}
    for i, letter in enumerate(letters):
        previous = letters[i - 1].number if i > 0 else None
        following = letters[i + 1].number if i + 1 < len(letters) else None
        page = digest(
            common,
            keys.get(letter.path),
            previous,
            following,
            _links_of(letter, edition),
        )
        pages[letter.page] = page
        stem = letter.page.removesuffix(".html")
        exports = digest(page, register)
        # the paths of export.tei.tei_path and cite.citation_pages
        for path in (f"tei/{letter.number}.xml", f"{stem}.bib", f"{stem}.csl.json"):
            pages[path] = exports
    return pages


def _links_of(letter: Letter, edition: Edition) -> tuple[object, ...]:
    """What a letter page shows of other letters and of the register."""
    number = letter.number
    targets = tuple(edition.ref_targets.get((number, ref.index)) for ref in letter.refs)
    cited = tuple(
        edition.cited_by.get((number, note), ())
        for note in (None, *(n.number for n in letter.notes))
    )
    names = tuple(
        person.name if (person := edition.people.get(pid)) else pid
        for pid in (letter.sender, *letter.recipients)
    )
    return (targets, cited, names)


def inputs_fingerprint(root: Path, *, started_ns: int | None = None) -> str:
    """The stamps of every input file, or '' if one changed too recently to be trusted."""
    started_ns = time.time_ns() if started_ns is None else started_ns
    # edition.yaml and any other settings file beside it that a page kind may read
    settings = sorted({CONFIG_NAME, *(p.name for p in root.glob("*.y*ml"))})
    stamps: list[tuple[str, Stamp | None]] = [(name, stamp_of(root / name)) for name in settings]
    for folder in INPUT_FOLDERS:
        stamps += sorted(_walk(root / folder, f"{folder}/"))
    stamps += [(str(path), stamp_of(path)) for path in theme_sources()]
    if any(stamp and stamp[1] >= started_ns - RACY_NS for _, stamp in stamps):
        return ""
    # The anchor ledger decides what a redirect page lists. The build itself rewrites it,
    # so it counts by its content: a build that only recorded new anchors is up to date.
    try:
        ledger = (root / LEDGER_NAME).read_bytes()
    except OSError:
        ledger = b""
    return digest(code_fingerprint(), str(root), tuple(stamps), ledger)


def output_intact(out_dir: Path, recorded: Mapping[str, Stamp]) -> bool:
    """True if `out_dir` holds exactly the files recorded, untouched."""
    found = dict(_walk(out_dir, ""))
    return bool(recorded) and found == dict(recorded)


def _walk(folder: Path, prefix: str) -> list[tuple[str, Stamp | None]]:
    found: list[tuple[str, Stamp | None]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            found += _walk(Path(entry.path), f"{prefix}{entry.name}/")
        else:
            found.append((f"{prefix}{entry.name}", stamp_of(entry.path)))
    return found


def remember_pages(
    cache: BuildCache,
    out_dir: Path,
    plan: PagePlan,
    pages: list[Page],
    previous: PageCache,
    inputs: str,
    report: Report,
    edition: Edition,
) -> None:
    """Record what this build wrote into `out_dir`, for the next build to compare with."""
    stamps = {path: previous.stamps[path] for path in plan.kept}
    for page in pages:
        stamp = stamp_of(out_dir / page.path)
        if stamp is not None:
            stamps[page.path] = stamp
    record = PageCache(
        fingerprints=plan.fingerprints,
        stamps=stamps,
        inputs=inputs,
        diagnostics=tuple(report.diagnostics),
        letters=len(edition.letters),
        facets=plan.facets,
    )
    cache.save_pages(out_dir, record)


def up_to_date(config: Config, report: Report) -> int | None:
    """If no input changed since the last build into the same folder, and that folder is as
    the build left it: report what that build reported and return its number of letters.

    This needs neither the parser nor the templates, so `epistola build` with nothing to
    do answers before it has even loaded them.
    """
    previous = open_cache(config.root).load_pages(config.output_dir)
    if not previous.inputs or previous.inputs != inputs_fingerprint(config.root):
        return None
    if not output_intact(config.output_dir, previous.stamps):
        return None
    report.extend(previous.diagnostics)
    return previous.letters
