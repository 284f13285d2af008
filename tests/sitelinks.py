"""Checking the links of built pages: every href reaches a file, and its anchor."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from conftest import parse_page


class Anchors:
    """The element ids of the site's pages, read once per page."""

    def __init__(self) -> None:
        self._ids: dict[Path, frozenset[str]] = {}

    def of(self, page: Path) -> frozenset[str]:
        if page not in self._ids:
            self._ids[page] = frozenset(parse_page(page).xpath("//@id"))
        return self._ids[page]


def broken_links(pages: Iterable[Path], anchors: Anchors | None = None) -> list[str]:
    """`page: href` for every link of `pages` whose file or anchor does not exist."""
    anchors = anchors or Anchors()
    broken = []
    for page in pages:
        for href in parse_page(page).xpath("//a/@href | //link/@href"):
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve() if path else page.resolve()
            if not target.is_file():
                broken.append(f"{page}: {href} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in anchors.of(target):
                broken.append(f"{page}: {href} (no such anchor)")
    return broken
