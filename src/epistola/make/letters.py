"""One letter -> every file made from it: its page, its TEI, its JSON record, its citations.

They are made together, in a worker when there are many, from the letter's full parse
(read from the store) and its place in the edition; nothing else of the letter's text
is held by the build.
"""

from __future__ import annotations

from typing import Any

from epistola.core.config import Config
from epistola.core.reads import Reads
from epistola.core.records import Edition, Letter, Page
from epistola.export.data import letter_json_page
from epistola.export.tei import entry_refs, tei_page
from epistola.facsimile.site import manifest_page
from epistola.link import neighbours
from epistola.render.cite import citation_pages
from epistola.render.pages import render_letter
from epistola.render.reads import ReadingEnvironment

_REFS: list[tuple[Edition, dict[str, str]]] = []
"""The registers' URIs of the last edition, made once per edition and process; the edition
is held with them, so a new edition at the old one's address is not taken for it."""


def letter_outputs(
    letter: Letter,
    position: int,
    edition: Edition,
    config: Config,
    env: ReadingEnvironment,
    common: dict[str, Any],
) -> tuple[list[Page], Reads]:
    """The files of one letter, in a fixed order, and what its page's template read."""
    previous, following = neighbours(edition, position)
    if not _REFS or _REFS[0][0] is not edition:
        _REFS[:] = [(edition, entry_refs(edition, config))]
    refs = _REFS[0][1]
    env.reads = set()
    try:
        page = render_letter(env, common, letter, previous=previous, following=following)
        reads = frozenset(env.reads)
    finally:
        env.reads = None
    return [
        page,
        tei_page(letter, edition, config, refs),
        letter_json_page(letter, edition, config),
        *citation_pages(common["cite"], letter),
        *manifest_page(letter, base_url=config.base_url, language=config.language),
    ], reads
