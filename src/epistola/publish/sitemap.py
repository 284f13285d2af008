"""Every HTML page -> `sitemap.xml`, with absolute URLs from `base_url`.

A sitemap may list at most 50,000 URLs; a larger site gets numbered sitemaps
(`sitemap-1.xml`, …) and `sitemap.xml` becomes their index, as the protocol says.
"""

from __future__ import annotations

from collections.abc import Iterable

from epistola.core.config import Config
from epistola.core.records import Page
from epistola.core.xmlwrite import document, holder, tag
from epistola.export.common import absolute_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000
"""The most URLs one sitemap file may list (sitemaps.org protocol)."""


def sitemap_pages(paths: Iterable[str], *, config: Config, max_urls: int = MAX_URLS) -> list[Page]:
    """`sitemap.xml` for the HTML pages among `paths` (and its parts, for a large site)."""
    urls = sorted(absolute_url(config, path) for path in paths if path.endswith(".html"))
    chunks = [urls[i : i + max_urls] for i in range(0, len(urls), max_urls)] or [[]]
    if len(chunks) == 1:
        return [Page("sitemap.xml", _document("urlset", "url", chunks[0], config))]
    parts = [
        Page(f"sitemap-{n}.xml", _document("urlset", "url", chunk, config))
        for n, chunk in enumerate(chunks, 1)
    ]
    index = [absolute_url(config, part.path) for part in parts]
    return [Page("sitemap.xml", _document("sitemapindex", "sitemap", index, config)), *parts]


def _document(root_name: str, entry_name: str, urls: list[str], config: Config) -> bytes:
    lastmod = [tag("lastmod", config.released)] if config.released else []
    entries = [holder(entry_name, [tag("loc", url), *lastmod], 1) for url in urls]
    return document(holder(root_name, entries, 0, xmlns=SITEMAP_NS))
