"""The make stage: every planned output made, and each file handed to the writer as made.

A letter's page and exports are made together in workers (`make.letters`); the pages that
list letters or entries are steps (`make.lists`, `make.steps`), kept when what they read
is unchanged; the search index is brought up to date shard by shard; the exports that
list the whole edition are made when what they list changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from epistola.core.config import Config
from epistola.core.lang import current
from epistola.core.pool import imap_chunks, map_chunks
from epistola.core.reads import Reads
from epistola.core.records import Edition, LetterFacets, Page
from epistola.core.registers import KINDS
from epistola.export import edition_exports
from epistola.make.letters import letter_outputs
from epistola.make.lists import (
    browse_steps,
    chronology_steps,
    network_step,
    register_steps,
    title_steps,
)
from epistola.make.steps import Outcome, Step, StepRunner
from epistola.plan import Plan, letter_fingerprint
from epistola.publish.ledger import stand_ins_of, with_stand_ins
from epistola.publish.made import LETTER_KIND, Made
from epistola.publish.write import SiteWriter
from epistola.render.pages import make_environment, page_context
from epistola.render.search import IndexState, search_pages
from epistola.render.stemming import search_stemmer
from epistola.render.theme import static_pages
from epistola.state.store import PreviousOutputs, Store
from epistola.views.browse import build_correspondents, build_places_of_writing, filter_data


def make_site(
    edition: Edition,
    facets: Mapping[str, LetterFacets],
    plan: Plan,
    config: Config,
    store: Store,
    writer: SiteWriter,
    previous: PreviousOutputs,
    progress: bool,
) -> Made:
    """Make every planned output and hand each file to the writer as it is made."""
    env = make_environment(config.templates_dir)
    common = page_context(edition, config)
    stand_ins = stand_ins_of(config, edition, facets)
    made = Made()

    def add(pages: Iterable[Page], kind: str, fingerprint: str = "") -> None:
        for page in pages:
            if page.path in stand_ins:
                page = with_stand_ins(page, stand_ins[page.path])
            made.add(writer, page, kind, fingerprint)

    for number, fingerprint, files, reads in _letters(
        edition, plan, config, store, writer, stand_ins, env, common, progress
    ):
        for path, content_digest, staged in files:
            writer.record(path, staged=staged)
            made.files[path] = (fingerprint, content_digest, f"{LETTER_KIND}{number}")
        made.reads[files[0][0]] = ("letter", reads)
    if plan.full:
        add(static_pages(config.templates_dir), "static")

    folder = str(config.output_dir)
    kept_reads: dict[str, tuple[str, Reads]] = (
        {} if plan.full else store.piece(f"reads:{folder}") or {}
    )
    runner = StepRunner(
        env,
        common,
        plan.common,
        lambda path: (previous.get(path) or ("",))[0] or None,
        {path: reads for path, (_, reads) in kept_reads.items()},
        plan.full,
    )
    size = config.index_page_size
    steps: list[Any] = []
    if plan.index:
        people, places = (
            build_correspondents(edition, page_size=size),
            build_places_of_writing(edition, page_size=size),
        )
        steps += [*title_steps(), *browse_steps(edition, size, people, places)]
    if plan.chronology:
        steps += chronology_steps(edition, facets, size)
    if plan.index or "person" in plan.register_indexes:
        steps.append(network_step(edition, facets))
    index_pages, entry_pages = register_steps(
        edition, facets, plan.register_indexes, plan.entries, size
    )
    for outcome in runner.run([*steps, *index_pages]):
        _keep(outcome, made, writer, previous, add)

    def chunk(part: Sequence[Step]) -> list[Outcome]:
        return list(runner.run(part))

    for outcome in map_chunks(chunk, entry_pages, label="registers", progress=progress):
        _keep(outcome, made, writer, previous, add)
    store.put_piece(f"reads:{folder}", _interned({**kept_reads, **made.reads}))
    if plan.index:
        add([filter_data(edition, people, places)], "letter-filter")

    state = IndexState(None if plan.full else store)
    stemmer = search_stemmer(current(), config.templates_dir)
    pages = search_pages(
        edition, shards=plan.shards, pieces=store.search_pieces, state=state, stemmer=stemmer
    )
    add(pages, "search")
    state.save(store)
    made.search_paths = state.paths()
    if plan.exports:
        add(edition_exports(edition, config=config), "export")
    return made


def _keep(
    outcome: Outcome, made: Made, writer: SiteWriter, previous: PreviousOutputs, add: Any
) -> None:
    """Hand a step's page to the writer, or count the last build's file as made."""
    made.reads[outcome.path] = (outcome.kind, outcome.reads)
    if outcome.page is not None:
        add([outcome.page], outcome.kind, outcome.fingerprint)
        return
    known = previous.get(outcome.path)
    assert known is not None  # a step is kept only if the last build made it
    writer.record(outcome.path, staged=False)
    made.files[outcome.path] = (outcome.fingerprint, known[1], outcome.kind)


def _interned(reads: dict[str, tuple[str, Reads]]) -> dict[str, tuple[str, Reads]]:
    """The same sets of reads as one object each, so the store keeps each set once."""
    seen: dict[tuple[str, Reads], tuple[str, Reads]] = {}
    return {path: seen.setdefault(found, found) for path, found in reads.items()}


def _letters(
    edition: Edition,
    plan: Plan,
    config: Config,
    store: Store,
    writer: SiteWriter,
    stand_ins: Mapping[str, list[tuple[str, str]]],
    env: Any,
    common: dict[str, Any],
    progress: bool,
) -> Iterable[tuple[int, str, list[tuple[str, str, bool]], Reads]]:
    """Make each planned letter's page and exports and stage them, on every core when there
    are many; for each letter, (its number, its fingerprint, (path, digest, staged) of each
    of its files, what its page's template read)."""
    positions = {head.number: i for i, head in enumerate(edition.letters)}
    folder = str(config.output_dir)

    def chunk(paths: Sequence[str]) -> list[tuple[int, str, list[tuple[str, str, bool]], Reads]]:
        # A worker reads the store through a connection of its own, and writes the files.
        own = store.reader()
        previous = own.previous(folder)
        try:
            done = []
            for letter in own.full_letters(paths):
                files = []
                position = positions[letter.number]
                pages, reads = letter_outputs(letter, position, edition, config, env, common)
                for page in pages:
                    if page.path in stand_ins:
                        page = with_stand_ins(page, stand_ins[page.path])
                    known = None if writer.first else previous.digest(page.path)
                    files.append((page.path, *writer.stage(page, known)))
                fingerprint = letter_fingerprint(edition, position, plan.common, reads)
                done.append((letter.number, fingerprint, files, reads))
            return done
        finally:
            if own is not store:
                own.close()

    paths = [head.path for head in plan.letters]
    return imap_chunks(chunk, paths, label="render", progress=progress)


def site_pages(edition: Edition, facets: Mapping[str, LetterFacets], config: Config) -> set[str]:
    """Every page a build of `edition` publishes (redirects aside), found without making
    any: the letters' and the path of every step."""
    size = config.index_page_size
    steps = [
        *title_steps(),
        *browse_steps(
            edition,
            size,
            build_correspondents(edition, page_size=size),
            build_places_of_writing(edition, page_size=size),
        ),
        *chronology_steps(edition, facets, size),
        network_step(edition, facets),
    ]
    index_pages, entry_pages = register_steps(edition, facets, {k.kind for k in KINDS}, None, size)
    steps += [*index_pages, *entry_pages]
    return {head.page for head in edition.letters} | {step.path for step in steps}
