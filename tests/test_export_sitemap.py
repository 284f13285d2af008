"""site/sitemap.xml with every page, and the title page's links to the data (issue 7)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from conftest import parse_page
from epistola.core.config import load_config
from epistola.core.diagnostics import Report
from epistola.publish.sitemap import sitemap_pages

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://epistola.example.org/stalin-molotov/"


def test_sitemap_lists_every_html_page_once(sample_site: Path) -> None:
    doc = etree.parse(str(sample_site / "sitemap.xml"))
    listed = doc.xpath("//s:url/s:loc/text()", namespaces=NS)
    pages = sorted(p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html"))
    assert listed == [BASE + page for page in pages]
    assert f"{BASE}letters/34.html" in listed and f"{BASE}people/voroshilov.html" in listed
    assert set(doc.xpath("//s:url/s:lastmod/text()", namespaces=NS)) == {"2026-11-28"}


def test_a_large_site_gets_a_sitemap_index(sample_site: Path) -> None:
    config = load_config(sample_site.parent, report=Report())
    paths = [f"letters/{n}.html" for n in range(1, 6)] + ["cmif.xml"]
    made = {
        page.path: etree.fromstring(page.content)
        for page in sitemap_pages(paths, config=config, max_urls=2)
    }
    assert sorted(made) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    assert made["sitemap.xml"].xpath("//s:sitemap/s:loc/text()", namespaces=NS) == [
        f"{BASE}sitemap-{n}.xml" for n in (1, 2, 3)
    ]
    parts = [made[f"sitemap-{n}.xml"].xpath("//s:loc/text()", namespaces=NS) for n in (1, 2, 3)]
    assert sum(parts, []) == sorted(f"{BASE}letters/{n}.html" for n in range(1, 6))


def test_title_page_links_to_the_edition_as_data(sample_site: Path) -> None:
    page = parse_page(sample_site / "index.html")
    links = page.xpath("//dl[@class='edition-meta']//a/@href")
    assert links == ["cmif.xml", "data/edition.json", "data/edition.schema.json"]
    assert all((sample_site / href).is_file() for href in links)
