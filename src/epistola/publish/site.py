"""Which pages the site holds, kept in step with the anchor ledger and the sitemap.

After the make stage, the build checks the pages it will publish against the anchor
ledger (`ledger.py`), makes the sitemap and the redirect pages, and finds the files of
the last build that this one no longer has. A build that adds no page and takes none
away checks only what it added.
"""

from __future__ import annotations

from collections.abc import Mapping

from epistola.core.config import LEDGER_NAME, Config
from epistola.core.diagnostics import Report
from epistola.core.records import Edition, LetterFacets
from epistola.facsimile.site import KIND as FACSIMILE_KIND
from epistola.parse.many import ParsedSources
from epistola.plan import Plan
from epistola.publish import ledger
from epistola.publish.made import LETTER_KIND, WHOLE_KINDS, Made
from epistola.publish.sitemap import sitemap_pages
from epistola.publish.write import SiteWriter
from epistola.state.fingerprint import bytes_digest
from epistola.state.store import PreviousOutputs, Store


def publish_ledger(
    edition: Edition,
    facets: Mapping[str, LetterFacets],
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

    pages = _html_pages(previous, made, plan) if _pages_may_change(plan, sources) else None
    if pages is not None:
        listed = bytes_digest("\n".join(sorted(pages)).encode("utf-8"))
        if plan.full or store.piece("sitemap") != listed:
            for page in sitemap_pages(pages, config=config):
                made.add(writer, page, "sitemap")
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
        facets=facets,
        config=config,
        report=report,
        update=update,
        styled=styled,
    )
    made.ledger_checked = True
    for page in check.redirects:
        made.add(writer, page, "ledger")
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
    paths = {p for p, (_, _, kind) in made.files.items() if kind != "ledger"}
    if not plan.full:
        gone = removed_files(previous, made, plan)
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


def removed_files(previous: PreviousOutputs, made: Made, plan: Plan) -> set[str]:
    """Files of the last build that this one no longer has."""
    kinds = {f"{LETTER_KIND}{head.number}" for head in plan.gone}
    # A letter remade makes all its files: one it made before and not now is gone.
    kinds |= {f"{LETTER_KIND}{head.number}" for head in plan.letters}
    kinds.add(FACSIMILE_KIND)  # an image no letter shows any more
    kinds |= {kind for _, _, kind in made.files.values() if kind in WHOLE_KINDS}
    if made.ledger_checked:
        kinds.add("ledger")
    found = previous.of_kinds([*kinds, "search"])
    return {
        path
        for path, kind in found.items()
        if path not in made.files and (kind != "search" or path not in made.search_paths)
    }
