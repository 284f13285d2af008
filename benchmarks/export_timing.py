"""Time the exports (TEI, CMIF, JSON, sitemap) on a synthetic edition of N letters.

    .venv/bin/python benchmarks/export_timing.py 2000

The edition repeats the sample letters 31-38 under new numbers, with their notes and
the sample register, so every export has real text, markers, mentions and refs to make.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from epistola.build import build
from epistola.config import load_config
from epistola.diagnostics import Report
from epistola.export import export_pages
from epistola.export.sitemap import sitemap_pages

REPO = Path(__file__).resolve().parent.parent
SAMPLE = range(31, 39)


def make_edition(root: Path, count: int) -> None:
    """Write `count` letters made from the sample ones into `root`."""
    shutil.copy2(REPO / "edition.yaml", root / "edition.yaml")
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "letters").mkdir()
    (root / "notes").mkdir()
    shutil.copy2(REPO / "notes" / "people.yaml", root / "notes" / "people.yaml")
    for number in range(1, count + 1):
        model = SAMPLE[number % len(SAMPLE)]
        letter = (REPO / "letters" / f"{model:03d}.md").read_text(encoding="utf-8")
        letter = re.sub(r"^number: \d+", f"number: {number}", letter, count=1, flags=re.M)
        (root / "letters" / f"{number:06d}.md").write_text(letter, encoding="utf-8")
        shutil.copy2(REPO / "notes" / f"{model:03d}.md", root / "notes" / f"{number:06d}.md")


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_edition(root, count)
        report = Report()
        config = load_config(root, report=report)
        started = time.perf_counter()
        result = build(config, report, write_output=False)
        whole = time.perf_counter() - started
        html = [page for page in result.pages if page.path.endswith(".html")]
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
