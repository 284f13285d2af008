"""Walk a built site and prove that every internal link and every `#fragment` resolves.

Links are read with lxml from `href` and `src` attributes and from a meta refresh. A link
with a scheme or a host (`https:`, `mailto:`, `//host/`) leads out of the site and is not
followed. Every other link must name a file of the site, relative to its page; a link to
a folder means its `index.html`; a fragment must be an `id` (or an `<a name>`) of the HTML
page it names. Links that start with `/` are reported too: the site must work from any
sub-path and from disk.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from epistola.core.diagnostics import Report
from epistola.core.records import Location

_REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]\s*url\s*=\s*['\"]?([^'\"]*)", re.IGNORECASE)
_TOP = frozenset({"", "top"})
"""Fragments that HTML resolves without an element: the top of the page."""


_IDS = etree.XPath("//@id | //a/@name", smart_strings=False)
_URLS = etree.XPath("//@href | //@src", smart_strings=False)
_REFRESH = etree.XPath(
    "//meta[translate(@http-equiv, 'REFSH', 'refsh') = 'refresh']/@content", smart_strings=False
)


@dataclass(frozen=True, slots=True)
class _PageLinks:
    """What one HTML page offers and asks for."""

    ids: frozenset[str]
    """Every `id` on the page, and the `name` of every `<a>`."""
    urls: tuple[str, ...]
    """Every `href` and `src`, and the URL of a meta refresh, as written."""


def check_site(site: Path, report: Report, *, shown_as: str = "site") -> int:
    """Report every internal link of the site at `site` that does not resolve.

    Messages name pages as `shown_as/path.html`. Returns the number of links checked.
    """
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    pages = {path: _read_page(site / path) for path in sorted(files) if path.endswith(".html")}
    checked = 0
    # Most links (the navigation, people, letters) recur on many pages of one folder.
    known: dict[tuple[str, str], tuple[str, str] | None] = {}
    for path, page in pages.items():
        folder = posixpath.dirname(path)
        for url in page.urls:
            checked += 1
            if url.startswith("#") and (url[1:] in page.ids or url[1:] in _TOP):
                continue  # the commonest link of all: a note, a marker on the same page
            key = (folder if not url.startswith("#") else path, url)
            if key not in known:
                known[key] = _problem(url, path, files, pages)
            problem = known[key]
            if problem:
                code, message = problem
                line, column = _find(site / path, url)
                report.error(Location(f"{shown_as}/{path}", line, column), code, message)
    return checked


def _read_page(path: Path) -> _PageLinks:
    data = path.read_bytes()
    if not data.strip():
        return _PageLinks(frozenset(), ())
    root = lxml.html.fromstring(data)
    urls = [url.strip() for url in _strings(_URLS, root)]
    for content in _strings(_REFRESH, root):
        refresh = _REFRESH_URL.match(content)
        if refresh:
            urls.append(refresh[1].strip())
    return _PageLinks(frozenset(_strings(_IDS, root)), tuple(urls))


def _strings(query: etree.XPath, root: lxml.html.HtmlElement) -> list[str]:
    found = query(root)
    return [str(item) for item in found] if isinstance(found, list) else []


def _find(page: Path, url: str) -> tuple[int, int]:
    """(line, column) where `url` is first written on `page`; looked up for broken links only."""
    lines = page.read_text(encoding="utf-8", errors="replace").split("\n")
    for number, line in enumerate(lines, start=1):
        for quote in ('"', "'"):
            column = line.find(f"{quote}{url}{quote}")
            if column < 0 and "url=" in line:
                column = line.find(url) - 1
            if column >= 0:
                return number, column + 2
    return 1, 1


def _problem(
    url: str, here: str, files: set[str], pages: dict[str, _PageLinks]
) -> tuple[str, str] | None:
    """(code, message) if `url` on page `here` does not resolve, else None."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if parts.path.startswith("/"):
        return "site.absolute-link", f"link to {url} starts at the server root; make it relative"
    path = unquote(parts.path)
    target = here
    if path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
        if path.endswith("/") or (target not in files and f"{target}/index.html" in files):
            target = posixpath.join(target, "index.html")
    if target.startswith("../") or target == ".." or target not in files:
        return "site.broken-link", f"link to {url} does not resolve"
    fragment = unquote(parts.fragment)
    page = pages.get(target)
    if page is not None and fragment not in _TOP and fragment not in page.ids:
        return "site.broken-link", f"link to {url} does not resolve"
    return None
