"""Exports that other tools read: TEI P5 per letter, CMIF, JSON and the sitemap.

A letter's own exports (its TEI and JSON record) are made with its page
(`letter_outputs.py`); this package's `edition_exports` makes the files about the whole
edition, in a fixed order so two builds give the same bytes.
"""

from __future__ import annotations

from epistola.core.config import Config
from epistola.core.records import Edition, Page


def edition_exports(edition: Edition, *, config: Config) -> list[Page]:
    """`cmif.xml`, and `edition.json` with its schema."""
    from epistola.export.cmif import cmif_page  # lxml loads only when these are made
    from epistola.export.data import edition_pages

    return [cmif_page(edition, config=config), *edition_pages(edition, config=config)]
