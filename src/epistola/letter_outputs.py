"""One letter -> every file made from it: its page, its TEI, its JSON record, its citations.

They are made together, in a worker when there are many, from the letter's full parse
(read from the store) and its place in the edition; nothing else of the letter's text
is held by the build.
"""

from __future__ import annotations

from typing import Any

import jinja2

from epistola.cite import citation_pages
from epistola.config import Config
from epistola.export.data import letter_json_page
from epistola.export.tei import entry_refs, tei_page
from epistola.facsimile.site import manifest_page
from epistola.records import Edition, Letter, Page
from epistola.render import neighbours, render_letter

_REFS: list[tuple[Edition, dict[str, str]]] = []
"""The registers' URIs of the last edition, made once per edition and process; the edition
is held with them, so a new edition at the old one's address is not taken for it."""


def letter_outputs(
    letter: Letter,
    position: int,
    edition: Edition,
    config: Config,
    env: jinja2.Environment,
    common: dict[str, Any],
) -> list[Page]:
    """The files of one letter, in a fixed order."""
    previous, following = neighbours(edition, position)
    if not _REFS or _REFS[0][0] is not edition:
        _REFS[:] = [(edition, entry_refs(edition, config))]
    refs = _REFS[0][1]
    return [
        render_letter(env, common, letter, previous=previous, following=following),
        tei_page(letter, edition, config, refs),
        letter_json_page(letter, edition, config),
        *citation_pages(common["cite"], letter),
        *manifest_page(letter, base_url=config.base_url, language=config.language),
    ]
