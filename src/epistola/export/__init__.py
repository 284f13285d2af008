"""Exports that other tools read: TEI P5 per letter, CMIF, JSON and the sitemap.

Each module turns the linked Edition into `Page`s; `export_pages` gathers them in a
fixed order so two builds give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable

from epistola.config import Config
from epistola.export.cmif import cmif_page
from epistola.export.data import data_pages
from epistola.export.tei import tei_pages
from epistola.records import Edition, Page


def export_pages(
    edition: Edition, *, config: Config, wanted: Callable[[str], bool] = lambda path: True
) -> list[Page]:
    """Every export file of the site except the sitemap (which needs all pages).

    Only the TEI files that are `wanted` are made: an unchanged letter keeps last
    build's (see `depends.py`).
    """
    tei = tei_pages(edition, config=config, wanted=wanted)
    return [*tei, cmif_page(edition, config=config), *data_pages(edition, config=config)]
