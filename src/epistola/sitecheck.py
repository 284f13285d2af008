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

from epistola.diagnostics import Report
from epistola.records import Location

_REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]\s*url\s*=\s*['\"]?([^'\"]*)", re.IGNORECASE)
_TOP = frozenset({"", "top"})
"""Fragments that HTML resolves without an element: the top of the page."""


@dataclass(frozen=True, slots=True)
class _Link:
    """One link as it stands on a page."""

    url: str
    """As written in the attribute."""
    line: int
    """The page line of the element that holds it."""


@dataclass(frozen=True, slots=True)
class _PageLinks:
    """What one HTML page offers and asks for."""

    ids: frozenset[str]
    links: tuple[_Link, ...]
    lines: tuple[str, ...]
    """The page's text by line, to give each problem a column."""


def check_site(site: Path, report: Report, *, shown_as: str = "site") -> int:
    """Report every internal link of the site at `site` that does not resolve.

    Messages name pages as `shown_as/path.html`. Returns the number of links checked.
    """
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    pages = {path: _read_page(site / path) for path in sorted(files) if path.endswith(".html")}
    checked = 0
    for path, page in pages.items():
        for link in page.links:
            problem = _problem(link.url, path, files, pages)
            checked += 1
            if problem:
                code, message = problem
                line = page.lines[link.line - 1] if 0 < link.line <= len(page.lines) else ""
                where = Location(f"{shown_as}/{path}", link.line, max(line.find(link.url), 0) + 1)
                report.error(where, code, message)
    return checked


def _read_page(path: Path) -> _PageLinks:
    data = path.read_bytes()
    lines = tuple(data.decode("utf-8", errors="replace").split("\n"))
    if not data.strip():
        return _PageLinks(frozenset(), (), lines)
    ids: set[str] = set()
    links: list[_Link] = []
    for element in lxml.html.fromstring(data).iter():
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        line = element.sourceline if isinstance(element.sourceline, int) else 1
        name = element.get("id") or (element.get("name") if element.tag == "a" else None)
        if name:
            ids.add(name)
        links += [_Link(v.strip(), line) for v in (element.get("href"), element.get("src")) if v]
        if element.tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            refresh = _REFRESH_URL.match(element.get("content") or "")
            if refresh:
                links.append(_Link(refresh[1].strip(), line))
    return _PageLinks(frozenset(ids), tuple(links), lines)


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
