"""Checks on a built site, shared by the tests: internal links and live script."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

EXTERNAL_SCHEMES = ("http", "https", "mailto")


def broken_links(site: Path) -> list[str]:
    """Every relative href or src of every page that leads to no file or no anchor."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    ids: dict[str, set[str]] = {}

    def anchors(page: str) -> set[str]:
        if page not in ids:
            tree = lxml.html.fromstring((site / page).read_bytes())
            ids[page] = set(tree.xpath("//@id | //a/@name"))
        return ids[page]

    problems = []
    for page in sorted(f for f in files if f.endswith(".html")):
        tree = lxml.html.fromstring((site / page).read_bytes())
        for url in tree.xpath("//@href | //@src"):
            parts = urlsplit(url)
            if parts.scheme in EXTERNAL_SCHEMES:
                continue
            folder = posixpath.dirname(page)
            path = unquote(parts.path)
            target = posixpath.normpath(posixpath.join(folder, path)) if path else page
            where = f"{page}: {url}"
            if parts.scheme or parts.netloc or target.startswith("../") or path.startswith("/"):
                problems.append(f"{where} leaves the site")
            elif target not in files:
                problems.append(f"{where} leads to no file")
            elif (
                parts.fragment
                and target.endswith(".html")
                and unquote(parts.fragment) not in anchors(target)
            ):
                problems.append(f"{where} leads to no anchor")
    return problems


def live_script(page: Path) -> list[str]:
    """Anything in `page` that a browser would run: inline or foreign scripts, event
    handler attributes, script URLs, embedded objects."""
    tree = lxml.html.fromstring(page.read_bytes())
    found = [
        f"<script> without a file of ours: {lxml.html.tostring(s)[:80]!r}"
        for s in tree.xpath("//script")
        if not s.get("src") or urlsplit(s.get("src")).scheme or (s.text or "").strip()
    ]
    found += [
        f"{a.getparent().tag} {a.attrname}={a!s:.60}"
        for a in tree.xpath("//@*[starts-with(translate(name(), 'ON', 'on'), 'on')]")
    ]
    found += [
        f"{a.getparent().tag} {a.attrname}={a!s:.60}"
        for a in tree.xpath("//@href | //@src | //@action | //@formaction | //@data")
        if urlsplit(a.strip()).scheme.lower() in ("javascript", "vbscript", "data")
    ]
    found += [e.tag for e in tree.xpath("//iframe | //object | //embed | //base | //form")]
    return found
