"""The pipeline, start to end: read, parse, link, plan, make, publish.

A build parses only the letter files that changed (`parse`), links the heads of all
letters (`link`), looks up which outputs show what changed (`plan`), makes those and
hands each file to the writer as it is made (`make`), checks the pages against the anchor
ledger and puts in the files whose bytes changed (`publish`). The store (`state`) keeps
what the next build needs. A build from nothing is the same pipeline with every output
planned.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field

from epistola.core.config import Config
from epistola.core.diagnostics import Report
from epistola.core.lang import language_of, speaking
from epistola.core.names.risks import report_risky_aliases
from epistola.core.records import Edition, LetterFacets
from epistola.core.registers import build_alias_index, entry_ids
from epistola.facsimile.images import find_facsimiles
from epistola.facsimile.site import image_files, wanted_images
from epistola.link import link_edition
from epistola.make.site import make_site, site_pages
from epistola.parse.many import Register, parse_sources
from epistola.parse.registers import read_registers, register_texts
from epistola.plan import plan_build
from epistola.publish.ledger import check_ledger, save_ledger
from epistola.publish.made import Made
from epistola.publish.site import publish_ledger, removed_files
from epistola.publish.write import SiteWriter
from epistola.render.theme import theme_digest
from epistola.state.fingerprint import code_fingerprint, digest
from epistola.state.inputs import Inputs, read_inputs, site_stamps
from epistola.state.store import BuildRecord, Store, StoredFacets, open_store


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build made and what it found wrong."""

    edition: Edition
    made: tuple[str, ...]
    """The files this build made (changed or not); files that show nothing that changed
    since the last build into the same folder are not made again, so not among them."""
    report: Report
    written: int = 0
    """How many files it wrote or removed: those whose bytes changed."""
    facets: Mapping[str, LetterFacets] = field(default_factory=dict)
    """Each letter's mentions, events and anchors, by source path (`epistola check` only)."""


def build(
    config: Config,
    report: Report,
    *,
    write_output: bool = True,
    strict: bool = False,
    update_ledger: bool = False,
    store: Store | None = None,
    progress: bool = False,
    inputs: Inputs | None = None,
) -> BuildResult:
    """Build the site; write it only if nothing is wrong.

    The output is the same bytes as a build from nothing, whatever the store held.
    """
    own = store is None
    store = store or open_store(config.root, readonly=not write_output)
    try:
        return _build(config, report, store, write_output, strict, update_ledger, progress, inputs)
    finally:
        if own:
            store.close()


def _build(
    config: Config,
    report: Report,
    store: Store,
    write_output: bool,
    strict: bool,
    update_ledger: bool,
    progress: bool,
    taken: Inputs | None,
) -> BuildResult:
    folder = str(config.output_dir)
    taken = taken or read_inputs(config.root)
    inputs = taken.fingerprint(config.root)
    texts = register_texts(config.root, report)
    registers = read_registers(texts, store, report)
    aliases = build_alias_index(registers, config.match)
    register = Register(aliases, entry_ids(registers), config.language)
    images = find_facsimiles(config.root, store=store, report=report, make_tiles=write_output)
    sources = parse_sources(
        config.root,
        register=register,
        report=report,
        store=store,
        stamps=taken.stamps,
        progress=progress,
        facsimiles=images,
    )
    store.commit()  # the parses are right whatever follows; workers read them from the store
    edition = link_edition(sources.heads, registers, report, orphan_notes=sources.orphans)
    facets = StoredFacets(store, (head.path for head in sources.heads), sources.new_facets)
    language = language_of(config, report)
    if not write_output:  # `epistola check`: compare what would be published with the ledger
        every = dict(facets)
        pages = site_pages(edition, every, config)
        check_ledger(published=pages, edition=edition, facets=every, config=config, report=report)
        report_risky_aliases(
            edition, every, texts, language=config.language, default=config.match, report=report
        )
        return BuildResult(edition, (), report, facets=every)
    if report.failed(strict=strict):
        return BuildResult(edition, (), report)
    common = digest(
        code_fingerprint(),
        repr(config),
        theme_digest(config.templates_dir),
        tuple(source.text if source else None for source in texts.values()),
    )
    previous = store.previous(folder)
    full = (
        not previous
        or store.piece(f"common:{folder}") != common
        or not (config.output_dir / "index.html").is_file()
    )
    reads = {} if full else store.piece(f"reads:{folder}") or {}
    plan = plan_build(
        edition, sources, full=full, common=common, previous=previous.fingerprint, reads=reads
    )
    writer = SiteWriter(config.output_dir, previous=previous.digest, full=full)
    try:
        with speaking(language):
            made = make_site(edition, facets, plan, config, store, writer, previous, progress)
            made.files |= image_files(
                config.root,
                wanted_images(images),
                base_url=config.base_url,
                previous=previous,
                full=full,
                add=writer.add,
                keep=lambda path, _: writer.record(path, staged=False),
            )
            args = (edition, facets, plan, config, report, store, writer, previous, made, sources)
            ledger_text = publish_ledger(*args, update_ledger)
        failed = report.failed(strict=strict)
    except BaseException:
        writer.discard()
        store.rollback()
        raise
    if failed:
        writer.discard()
        store.rollback()
        return BuildResult(edition, tuple(made.files), report)
    removed = set() if full else removed_files(previous, made, plan)
    writer.commit(remove=removed)
    if ledger_text is not None:
        save_ledger(config.root, ledger_text)
        inputs = inputs and taken.fingerprint(config.root)  # the ledger is new
    _record(store, config, made, removed, full, common, inputs, report, len(edition.letters))
    return BuildResult(edition, tuple(made.files), report, len(writer.changed) + len(removed))


def _record(
    store: Store,
    config: Config,
    made: Made,
    removed: set[str],
    full: bool,
    common: str,
    inputs: str,
    report: Report,
    letters: int,
) -> None:
    """Keep what the next build into the same folder needs: the files made, the stamps."""
    folder = str(config.output_dir)
    store.drop_outputs(folder, None if full else removed)
    store.put_outputs(folder, made.files)
    store.put_piece(f"common:{folder}", common)
    last = store.last_build(folder)
    folders = None if full or last is None else {name for name, _ in last.site}
    if folders is not None:
        folders |= {posixpath.dirname(path) or "." for path in made.files}
    stamps = site_stamps(config.output_dir, folders)
    record = BuildRecord(inputs, tuple(report.diagnostics), letters, stamps)
    store.put_build(folder, record if inputs else None)
    store.commit()
