"""The pipeline, start to end: read, parse, link, plan, make, write.

A build parses only the letter files that changed (`parse_many`), links the heads of all
letters (`link`), looks up which outputs show what changed (`plan`), makes those and
hands each file to the writer as it is made (`write`), which puts in the files whose
bytes changed. The store (`store`) keeps what the next build needs. A build from nothing
is the same pipeline with every output planned.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from epistola.config import LEDGER_NAME, Config
from epistola.diagnostics import Report
from epistola.facsimile.images import find_facsimiles
from epistola.facsimile.site import KIND as FACSIMILE_KIND
from epistola.facsimile.site import image_files, wanted_images
from epistola.index import Chronology, RegisterIndex, build_chronology, build_register_indexes
from epistola.inputs import Inputs, read_inputs, site_stamps
from epistola.link import link_edition
from epistola.paging import IndexPage, Jump
from epistola.parse_many import ParsedSources, Register, parse_sources
from epistola.pictures import (
    CHRONOLOGY_PAGE,
    NETWORK_PAGE,
    correspondents,
    letters_per_month,
    month_links,
    named_together,
    network_facts,
)
from epistola.plan import Plan, plan_build
from epistola.pool import imap_chunks, map_chunks
from epistola.records import Edition, LetterHead, Page, SourceFile
from epistola.registers import (
    KINDS,
    Registers,
    build_alias_index,
    entry_ids,
    load_registers,
    register_source,
)
from epistola.search import IndexState, search_pages
from epistola.sources import read_source
from epistola.store import (
    BuildRecord,
    PreviousOutputs,
    Store,
    StoredFacets,
    bytes_digest,
    code_fingerprint,
    digest,
    open_store,
)
from epistola.theme import static_pages, theme_digest
from epistola.write import SiteWriter

Made = dict[str, tuple[str, str, str]]
"""Path -> (fingerprint, digest of the bytes, kind) of every file a build made."""
LETTER_KIND = "letter:"
"""The kind of the files made from one letter (`letter:31`): its page and its exports."""
BROWSE_KINDS = frozenset(
    {
        "letter-list",
        "correspondents",
        "correspondence",
        "places-of-writing",
        "written-at",
        "letter-filter",
    }
)
"""The kinds of the browse pages (`browse.py`) and of the list's filter data."""
WHOLE_KINDS = frozenset(
    {
        "index",
        "chronology",
        "export",
        "sitemap",
        "ledger",
        *(f"{k.kind}-index" for k in KINDS),
        *BROWSE_KINDS,
    }
)
"""Kinds made whole or not at all: a file of such a kind that a build that made the kind
did not make is gone."""


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
    register_texts = {
        kind.kind: _read(config.root, register_source(config.root, kind), report) for kind in KINDS
    }
    registers = _registers(register_texts, store, report)
    register = Register(build_alias_index(registers), entry_ids(registers))
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
    facets = StoredFacets(store, (head.path for head in sources.heads), sources.new_facets)
    edition = link_edition(
        sources.heads, registers, report, orphan_notes=sources.orphans, facets=facets
    )
    if not write_output:
        inputs = ""
        _check_ledger_only(edition, config, report)
        return BuildResult(edition, (), report)
    if report.failed(strict=strict):
        return BuildResult(edition, (), report)
    common = digest(
        code_fingerprint(),
        repr(config),
        theme_digest(config.templates_dir),
        tuple(source.text if source else None for source in register_texts.values()),
    )
    previous = store.previous(folder)
    full = (
        not previous
        or store.piece(f"common:{folder}") != common
        or not (config.output_dir / "index.html").is_file()
    )
    plan = plan_build(
        edition,
        sources,
        full=full,
        common=common,
        previous=previous.fingerprint,
    )
    writer = SiteWriter(config.output_dir, previous=previous.digest, full=full)
    try:
        made = _make(edition, plan, config, store, writer, previous, progress)
        made |= image_files(
            config.root,
            wanted_images(images),
            base_url=config.base_url,
            previous=previous,
            full=full,
            add=writer.add,
            keep=lambda path, _: writer.record(path, staged=False),
        )
        ledger_text = _ledger(
            edition, plan, config, report, store, writer, previous, made, sources, update_ledger
        )
        failed = report.failed(strict=strict)
    except BaseException:
        writer.discard()
        store.rollback()
        raise
    if failed:
        writer.discard()
        store.rollback()
        return BuildResult(edition, tuple(made), report)
    removed = set() if full else _removed(previous, made, plan)
    writer.commit(remove=removed)
    if ledger_text is not None:
        from epistola.ledger import save_ledger

        save_ledger(config.root, ledger_text)
    store.drop_outputs(folder, None if full else removed)
    store.put_outputs(folder, made)
    store.put_piece(f"common:{folder}", common)
    if inputs and ledger_text is not None:
        inputs = taken.fingerprint(config.root)  # the ledger is new
    last = store.last_build(folder)
    folders = None if full or last is None else {name for name, _ in last.site}
    if folders is not None:
        folders |= {posixpath.dirname(path) or "." for path in made}
    record = BuildRecord(
        inputs,
        tuple(report.diagnostics),
        len(edition.letters),
        site_stamps(config.output_dir, folders),
    )
    store.put_build(folder, record if inputs else None)
    store.commit()
    return BuildResult(edition, tuple(made), report, len(writer.changed) + len(removed))


def _make(
    edition: Edition,
    plan: Plan,
    config: Config,
    store: Store,
    writer: SiteWriter,
    previous: PreviousOutputs,
    progress: bool,
) -> Made:
    """Make every planned output and hand each file to the writer as it is made."""
    from epistola.ledger import stand_ins_of, with_stand_ins
    from epistola.render import make_environment, page_context

    env = make_environment(config.templates_dir)
    common = page_context(edition, config)
    stand_ins = stand_ins_of(config, edition)
    made: Made = {}

    def add(pages: Iterable[Page], kind: str, fingerprint: str = "") -> None:
        for page in pages:
            if page.path in stand_ins:
                page = with_stand_ins(page, stand_ins[page.path])
            made[page.path] = (fingerprint, writer.add(page), kind)

    letters = _letters(edition, plan, config, store, writer, stand_ins, env, common, progress)
    for number, fingerprint, files in letters:
        for path, content_digest, staged in files:
            writer.record(path, staged=staged)
            made[path] = (fingerprint, content_digest, f"{LETTER_KIND}{number}")
    if plan.full:
        add(static_pages(config.templates_dir), "static")

    def kept(path: str, fingerprint: str, kind: str) -> bool:
        """True (and the file counted as made) if the last build's file at `path` was made
        from the same: then it is neither made nor written again."""
        known = previous.get(path)
        if plan.full or known is None or known[0] != fingerprint:
            return False
        writer.record(path, staged=False)
        made[path] = (fingerprint, known[1], kind)
        return True

    _lists(edition, plan, config, env, common, add, kept, progress)
    _browse(edition, plan, config, env, common, add, kept)
    state = IndexState(None if plan.full else store)
    add(
        search_pages(edition, shards=plan.shards, pieces=store.search_pieces, state=state), "search"
    )
    state.save(store)
    plan.search_paths = state.paths()
    if plan.exports:
        from epistola.export import edition_exports

        add(edition_exports(edition, config=config), "export")
    return made


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
) -> Iterable[tuple[int, str, list[tuple[str, str, bool]]]]:
    """Make each planned letter's page and exports and stage them, on every core when there
    are many; for each letter, (its number, its fingerprint, (path, digest, staged) of each
    of its files)."""
    from epistola.ledger import with_stand_ins
    from epistola.letter_outputs import letter_outputs

    positions = {head.number: i for i, head in enumerate(edition.letters)}
    folder = str(config.output_dir)

    def chunk(paths: Sequence[str]) -> list[tuple[int, str, list[tuple[str, str, bool]]]]:
        # A worker reads the store through a connection of its own, and writes the files.
        own = store.reader()
        previous = own.previous(folder)
        try:
            done = []
            for letter in own.full_letters(paths):
                files = []
                position = positions[letter.number]
                for page in letter_outputs(letter, position, edition, config, env, common):
                    if page.path in stand_ins:
                        page = with_stand_ins(page, stand_ins[page.path])
                    known = None if writer.first else previous.digest(page.path)
                    files.append((page.path, *writer.stage(page, known)))
                done.append((letter.number, plan.fingerprints[letter.page], files))
            return done
        finally:
            if own is not store:
                own.close()

    paths = [head.path for head in plan.letters]
    return imap_chunks(chunk, paths, label="render", progress=progress)


def _lists(
    edition: Edition,
    plan: Plan,
    config: Config,
    env: Any,
    common: dict[str, Any],
    add: Callable[..., None],
    kept: Callable[[str, str, str], bool],
    progress: bool,
) -> None:
    """The title and search pages, the chronology, the index of each register and the
    page of each entry.

    A page of an index or of the chronology is made only if what it lists changed
    (`kept` says whether the last build's file, by fingerprint, still stands)."""
    from epistola.render import render_entry, render_lists

    size = config.index_page_size
    if plan.index:
        add(render_lists(env, common, index=True), "index")
    if plan.chronology:
        chronology = build_chronology(edition, page_size=size)
        months = letters_per_month(edition, month_links(chronology))
        prints = {p.path: _chronology_print(plan, chronology, p) for p in chronology.pages}
        prints[CHRONOLOGY_PAGE] = digest(prints[CHRONOLOGY_PAGE], months)  # its picture
        for path, fingerprint in prints.items():
            if not kept(path, fingerprint, "chronology"):
                pages = render_lists(
                    env, common, chronology=chronology, wanted=path.__eq__, months=months
                )
                add(pages, "chronology", fingerprint)
    _network(edition, plan, env, common, add, kept)
    wanted = plan.entries
    kinds = [
        k
        for k in KINDS
        if k.kind in plan.register_indexes
        or wanted is None
        or any(kind == k.kind for kind, _ in wanted)
    ]
    if not kinds:
        return
    indexes = build_register_indexes(edition, kinds, page_size=size)
    entries = []
    for kind, index in indexes.items():
        if kind in plan.register_indexes:
            for page in index.pages:
                fingerprint = _register_print(plan, index, page)
                if not kept(page.path, fingerprint, f"{kind}-index"):
                    pages = render_lists(env, common, register=index, wanted=page.path.__eq__)
                    add(pages, f"{kind}-index", fingerprint)
        entries += [e for e in index.entries if wanted is None or (kind, e.subject.id) in wanted]

    def chunk(part: Sequence[Any]) -> list[Page]:
        return [render_entry(env, common, entry) for entry in part]

    add(map_chunks(chunk, entries, label="registers", progress=progress), "entry")


def _browse(
    edition: Edition,
    plan: Plan,
    config: Config,
    env: Any,
    common: dict[str, Any],
    add: Callable[..., None],
    kept: Callable[[str, str, str], bool],
) -> None:
    """The list of letters, the correspondents index and each correspondent's letters, the
    places of writing and the letters of each, and the filter's data, when what lists show
    of a letter changed (`plan.index`).

    All their pages are planned then, but a page is made only if its fingerprint, what it
    shows, changed: an edit of one letter's first words remakes its year's page, the pages
    of its writer and addressees, and the filter's data."""
    if not plan.index:
        return
    from epistola.browse import (
        build_correspondence,
        build_correspondents,
        build_letter_list,
        build_places_of_writing,
        filter_data,
    )
    from epistola.render import render_browse

    size = config.index_page_size
    shown = {x.number: _shown(x) for x in edition.letters}
    letters = build_letter_list(edition, page_size=size)
    places = build_places_of_writing(edition, page_size=size)
    choices = [(e.place.id, e.place.name) for e in places.entries]  # the filter's places
    for page in letters.pages:
        years = [jump.label for jump in letters.jumps]  # the filter's choice of years
        fingerprint = _browse_print(plan, letters, page, shown, choices, years)
        if not kept(page.path, fingerprint, "letter-list"):
            made = render_browse(
                env, common, "letters.html", page, index=letters, places=places.entries
            )
            add([made], "letter-list", fingerprint)
    correspondents = build_correspondents(edition, page_size=size)
    for index_page in correspondents.pages:
        fingerprint = _correspondents_print(plan, correspondents, index_page)
        if not kept(index_page.path, fingerprint, "correspondents"):
            made = render_browse(
                env, common, "correspondents.html", index_page, index=correspondents
            )
            add([made], "correspondents", fingerprint)
    for entry in correspondents.entries:
        own = build_correspondence(entry, page_size=size)
        for page in own.pages:
            fingerprint = _browse_print(plan, own, page, shown, entry.sent, entry.received)
            if not kept(page.path, fingerprint, "correspondence"):
                made = render_browse(
                    env, common, "correspondence.html", page, index=own, entry=entry
                )
                add([made], "correspondence", fingerprint)
    for places_page in places.pages:
        entries = [(e.place, len(e.letters)) for g in places_page.groups for e in g.entries]
        fingerprint = _initials_print(plan, places, places_page, entries)
        if not kept(places_page.path, fingerprint, "places-of-writing"):
            made = render_browse(env, common, "places_of_writing.html", places_page, index=places)
            add([made], "places-of-writing", fingerprint)
    for at in places.entries:
        own = build_correspondence(at, page_size=size)
        for page in own.pages:
            fingerprint = _browse_print(plan, own, page, shown, at.place)
            if not kept(page.path, fingerprint, "written-at"):
                made = render_browse(env, common, "written_at.html", page, index=own, entry=at)
                add([made], "written-at", fingerprint)
    add([filter_data(edition, correspondents, places)], "letter-filter")


def _shown(letter: LetterHead) -> str:
    """What a list of letters shows of one, as text to hash."""
    x = letter
    return repr((x.number, x.date, x.date_label, x.sender, x.recipients, x.incipit, x.place))


def _browse_print(
    plan: Plan, index: Chronology, page: IndexPage[Any], shown: Mapping[int, str], *more: object
) -> str:
    """Everything a page of letters by month shows (`shown`: what it shows of each letter)."""
    entries = []
    for group in page.groups:
        entries.append(f"{group.year}-{group.month}-{group.continued}")
        entries += [shown[e.letter.number] for e in group.entries]
    return digest(plan.common, _where(page, index.jumps), "\n".join(entries), *more)


def _correspondents_print(plan: Plan, index: Any, page: IndexPage[Any]) -> str:
    """Everything a page of the correspondents index shows."""
    entries = [(e.person, e.sent, e.received) for g in page.groups for e in g.entries]
    return _initials_print(plan, index, page, entries)


def _network(
    edition: Edition,
    plan: Plan,
    env: Any,
    common: dict[str, Any],
    add: Callable[..., None],
    kept: Callable[[str, str, str], bool],
) -> None:
    """The page of the networks, made only if what its figures are counted from changed:
    who wrote to whom, a letter's number, whom a letter names. Only an edit that changes
    what the title page or the people index shows can change those."""
    if not (plan.index or "person" in plan.register_indexes):
        return
    fingerprint = digest(plan.common, network_facts(edition))
    if kept(NETWORK_PAGE, fingerprint, "network"):
        return  # spares counting every two people of every letter
    from epistola.render import render_network

    correspondence, named = correspondents(edition), named_together(edition)
    page = render_network(env, common, correspondence=correspondence, named=named)
    add([page], "network", fingerprint)


def _chronology_print(plan: Plan, chronology: Chronology, page: IndexPage[Any]) -> str:
    """Everything a page of the chronology shows, as plain values (quick to hash)."""
    entries = []
    for group in page.groups:
        entries.append(f"{group.year}-{group.month}-{group.continued}")
        for e in group.entries:
            x = e.letter
            shown = (e.label, e.date.edtf, e.date.uncertain, x.number, x.dated, x.incipit)
            entries.append(repr((*shown, x.sender, x.recipients, x.place, x.date.edtf)))
            if e.event is not None:
                entries.append(f"{e.event.note}\0{e.event.sentence}")
    return digest(plan.common, _where(page, chronology.jumps), "\n".join(entries))


def _where(page: IndexPage[Any], jumps: Sequence[Jump]) -> object:
    """What a page of an index by date shows of its place among the pages: its path and
    title, the labels and addresses of the pages before and after it, and its jump list.

    Only the `index.html` of a split index shows how many entries each year has; a page
    of one year shows that year's months, and no counts. So adding a letter remakes the
    pages of its year and the `index.html`, not every page that lists another year."""
    if not page.groups:
        shown: object = jumps
    else:
        years = {str(group.year) for group in page.groups}
        shown = [
            (jump.label, jump.href, [(month.label, month.href) for month in jump.children])
            for jump in jumps
            if not page.title or jump.label in years
        ]
    around = [(j.label, j.href) if j else None for j in (page.previous, page.next)]
    return (page.path, page.title, around, shown)


def _register_print(plan: Plan, index: RegisterIndex, page: IndexPage[Any]) -> str:
    """Everything a page of a register's index shows."""
    entries = [
        (e.subject, e.mention_count, len(e.letters_at), e.initial)
        for g in page.groups
        for e in g.entries
    ]
    return _initials_print(plan, index, page, entries)


def _initials_print(plan: Plan, index: Any, page: IndexPage[Any], entries: list[Any]) -> str:
    """Everything a page of an index by initial shows, given what it shows of its entries."""
    listed = [(g.initial, g.continued) for g in page.groups]
    return digest(
        plan.common,
        page.path,
        page.title,
        page.previous,
        page.next,
        index.jumps,
        listed,
        entries,
        len(index.entries),
    )


def _ledger(
    edition: Edition,
    plan: Plan,
    config: Config,
    report: Report,
    store: Store,
    writer: SiteWriter,
    previous: PreviousOutputs,
    made: Made,
    sources: ParsedSources,
    update: bool,
) -> str | None:
    """Check the site against the anchor ledger, make the sitemap and redirect pages, and
    return the ledger's new text (None if it stays as it is)."""
    from epistola import ledger

    pages = _html_pages(previous, made, plan) if _pages_may_change(plan, sources) else None
    if pages is not None:
        listed = bytes_digest("\n".join(sorted(pages)).encode("utf-8"))
        if plan.full or store.piece("sitemap") != listed:
            from epistola.export.sitemap import sitemap_pages

            for page in sitemap_pages(pages, config=config):
                made[page.path] = ("", writer.add(page), "sitemap")
            store.put_piece("sitemap", listed)
    try:
        text: str | None = (config.root / LEDGER_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None  # the full check below says why, if it matters
    known = text is not None and store.piece("ledger") == bytes_digest(text.encode("utf-8"))
    if known and not plan.full and not update and text is not None:
        added = _published_since(edition, sources, pages, previous)
        if added is not None:
            new_text = ledger.add_to_ledger(text, added)
            store.put_piece("ledger", bytes_digest((new_text or text).encode("utf-8")))
            return new_text
    if pages is None:
        pages = _html_pages(previous, made, plan)
    styled = (config.templates_dir / "static" / "style.css").is_file()
    check = ledger.check_ledger(
        published=pages,
        edition=edition,
        config=config,
        report=report,
        update=update,
        styled=styled,
    )
    plan.ledger_checked = True
    for page in check.redirects:
        made[page.path] = ("", writer.add(page), "ledger")
    new_text = check.text() if check.changed else None
    store.put_piece("ledger", bytes_digest((new_text or text or "").encode("utf-8")))
    return new_text


def _pages_may_change(plan: Plan, sources: ParsedSources) -> bool:
    """False if this build keeps the site's set of pages as it was: it adds, removes and
    renumbers no letter and remakes no list that is paged."""
    if plan.full or plan.gone or plan.index or plan.chronology or plan.register_indexes:
        return True
    heads = {head.path: head for head in plan.letters}
    return any(
        old is None or path not in heads or heads[path].number != old.number
        for path, old in sources.changed.items()
    )


def _html_pages(previous: PreviousOutputs, made: Made, plan: Plan) -> set[str]:
    """Every page the site will hold but the redirects, which are not published pages."""
    paths = {p for p, (_, _, kind) in made.items() if kind != "ledger"}
    if not plan.full:
        gone = _removed(previous, made, plan)
        paths |= {p for p, kind in previous.pages().items() if kind != "ledger"} - gone
    return {p for p in paths if p.endswith(".html") and not p.startswith("static/")}


def _published_since(
    edition: Edition,
    sources: ParsedSources,
    pages: set[str] | None,
    previous: PreviousOutputs,
) -> set[str] | None:
    """The entries this build adds to the ledger, if it removes none; else None (and the
    whole ledger is checked). `pages` is None if the set of pages did not change."""
    added = set()
    if pages is not None:
        before = {p for p, kind in previous.pages().items() if kind != "ledger"}
        if sources.removed or before - pages:
            return None
        added = pages - before
    heads = {head.path: head for head in edition.letters}
    for path, old in sources.changed.items():
        new = heads.get(path)
        if new is None:
            return None
        anchors = set(sources.new_facets[path].anchors)
        kept = set(sources.old_facets[path].anchors) if old is not None else set()
        if old is not None and (old.page != new.page or not kept <= anchors):
            return None
        added |= {f"{new.page}#{anchor}" for anchor in anchors - kept}
    return added


def _removed(previous: PreviousOutputs, made: Made, plan: Plan) -> set[str]:
    """Files of the last build that this one no longer has."""
    kinds = {f"{LETTER_KIND}{head.number}" for head in plan.gone}
    # A letter remade makes all its files: one it made before and not now is gone.
    kinds |= {f"{LETTER_KIND}{head.number}" for head in plan.letters}
    kinds.add(FACSIMILE_KIND)  # an image no letter shows any more
    kinds |= {kind for _, _, kind in made.values() if kind in WHOLE_KINDS}
    if plan.ledger_checked:
        kinds.add("ledger")
    found = previous.of_kinds([*kinds, "search"])
    return {
        path
        for path, kind in found.items()
        if path not in made and (kind != "search" or path not in plan.search_paths)
    }


def _check_ledger_only(edition: Edition, config: Config, report: Report) -> None:
    """`epistola check`: compare the pages a build would publish with the ledger."""
    from epistola.browse import browse_paths
    from epistola.ledger import check_ledger

    size = config.index_page_size
    indexes = build_register_indexes(edition, page_size=size).values()
    chronology = build_chronology(edition, page_size=size)
    pages = {"index.html", "search/index.html", NETWORK_PAGE}
    pages |= {head.page for head in edition.letters}
    pages |= {i.kind.page(entry.subject.id) for i in indexes for entry in i.entries}
    pages |= {page.path for i in indexes for page in i.pages}
    pages |= {page.path for page in chronology.pages}
    pages |= browse_paths(edition, page_size=size)
    check_ledger(published=pages, edition=edition, config=config, report=report)


def _registers(sources: Mapping[str, SourceFile | None], store: Store, report: Report) -> Registers:
    """The registers, read again only when a text changed (YAML is slow to read)."""
    key = digest(code_fingerprint(), sorted((k, s.text if s else None) for k, s in sources.items()))
    kept = store.piece("registers")
    if kept is not None and kept[0] == key:
        report.extend(kept[2])
        return dict(kept[1])
    found = Report()
    registers = load_registers(sources, found)
    report.extend(found.diagnostics)
    store.put_piece("registers", (key, registers, tuple(found.diagnostics)))
    return registers


def _read(root: Path, path: Path, report: Report) -> SourceFile | None:
    return read_source(root, path, report) if path.exists() else None
