"""The pipeline, start to end: read, parse, link, index, render, write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from epistola.cache import BuildCache, PageCache, open_cache
from epistola.cite import citation_pages
from epistola.config import Config
from epistola.depends import inputs_fingerprint, plan_pages, remember_pages
from epistola.diagnostics import Report
from epistola.export import export_pages
from epistola.export.sitemap import sitemap_pages
from epistola.index import build_chronology, build_people_index
from epistola.ledger import check_ledger, save_ledger
from epistola.link import link_edition
from epistola.parse_many import parse_sources
from epistola.people import build_alias_index, load_people, people_source
from epistola.records import Edition, Page, SourceFile
from epistola.render import make_environment, render_site
from epistola.render_many import render_pages
from epistola.search import search_pages
from epistola.sources import read_source
from epistola.theme import static_pages
from epistola.write import write_site


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build made and what it found wrong."""

    edition: Edition
    pages: list[Page]
    """The pages rendered by this build; pages unchanged since the last build into the
    same folder are not rendered again and so are not among them (see `depends.py`)."""
    report: Report


def build(
    config: Config,
    report: Report,
    *,
    write_output: bool = True,
    strict: bool = False,
    update_ledger: bool = False,
    cache: BuildCache | None = None,
    progress: bool = False,
) -> BuildResult:
    """Build the whole site; write it only if nothing is wrong.

    Unchanged letters come from the cache and unchanged pages are not rendered again
    (see `depends.py`); the output is the same bytes as a build from nothing.
    """
    cache = cache or open_cache(config.root)
    if not write_output:
        cache.save_deferred = True  # `epistola check` reads the cache but writes nothing
    started_ns = time.time_ns()
    inputs = inputs_fingerprint(config.root, started_ns=started_ns) if write_output else ""
    register = _read(config.root, people_source(config.root), report)
    people = load_people(register, report)
    aliases = build_alias_index(people)
    sources = parse_sources(
        config.root, aliases=aliases, report=report, cache=cache, progress=progress
    )
    edition = link_edition(sources.letters, people, report, orphan_notes=sources.orphans)
    env = make_environment(config.templates_dir)
    people_index = build_people_index(edition, page_size=config.index_page_size)
    chronology = build_chronology(edition, page_size=config.index_page_size)
    previous = cache.load_pages(config.output_dir) if write_output else PageCache()
    plan = plan_pages(
        edition, keys=sources.keys, people=people_index.entries, config=config, previous=previous
    )
    pages = render_pages(
        lambda wanted: render_site(
            edition,
            people=people_index,
            chronology=chronology,
            config=config,
            env=env,
            wanted=wanted,
        ),
        plan,
        progress=progress,
    )
    pages += static_pages(config.templates_dir)
    pages += search_pages(edition) + citation_pages(edition, config, wanted=plan.wanted)
    pages += export_pages(edition, config=config, wanted=plan.wanted)
    published = sorted({page.path for page in pages} | plan.kept)
    pages += sitemap_pages(published, config=config)
    ledger = check_ledger(
        pages,
        published=published,
        letters=edition.letters,
        config=config,
        report=report,
        update=update_ledger,
    )
    pages = ledger.pages
    if write_output and not report.failed(strict=strict):
        cache.forget_pages(config.output_dir)
        write_site(pages, config.output_dir, keep=plan.kept)
        save_ledger(config.root, ledger)
        if ledger.changed and inputs:  # the ledger is an input, and this build rewrote it
            inputs = inputs_fingerprint(config.root, started_ns=started_ns)
        remember_pages(cache, config.output_dir, plan, pages, previous, inputs, report, edition)
    return BuildResult(edition, pages, report)


def _read(root: Path, path: Path, report: Report) -> SourceFile | None:
    return read_source(root, path, report) if path.exists() else None
