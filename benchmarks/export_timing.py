"""Time the exports (TEI, CMIF, JSON, sitemap) on a synthetic edition of N letters.

    .venv/bin/python benchmarks/export_timing.py 2000

The edition comes from `generate.py`; the build runs once without writing, then the
exports are made again alone, so their share of the build can be read off.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from generate import generate_edition

from epistola.build import build
from epistola.core.config import load_config
from epistola.core.diagnostics import Report
from epistola.export import export_pages
from epistola.publish.sitemap import sitemap_pages


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = generate_edition(Path(folder), count)
        report = Report()
        config = load_config(root, report=report)
        started = time.perf_counter()
        result = build(config, report, write_output=False)
        whole = time.perf_counter() - started
        html = [page.path for page in result.pages if page.path.endswith(".html")]
        started, cpu = time.perf_counter(), time.process_time()
        exports = export_pages(result.edition, config=config)
        exports += sitemap_pages(html, config=config)
        alone, alone_cpu = time.perf_counter() - started, time.process_time() - cpu
        size = sum(len(page.content) for page in exports) / 1e6
        print(
            f"{count} letters: whole build {whole:.2f} s, exports alone {alone:.2f} s"
            f" ({alone_cpu / count * 1000:.2f} ms of CPU a letter), {len(exports)} export files,"
            f" {size:.1f} MB"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
