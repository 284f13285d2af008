"""Tiling benchmark: an edition of 20 letters with 200 page images of 2,500 × 3,500 pixels.

Draws the pages with Pillow (paper, lines of text, a page number block), builds the
edition from nothing, then again after an edit of one letter's text, and prints the
time of each build and the build's peak memory (the high-water mark of this process,
which builds in-process; the target is 500 MB while tiling). The second build must tile
nothing: it reports how many images were tiled anew.

    .venv/bin/python benchmarks/facsimile.py [--images 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from epistola.cli import main  # noqa: E402

WIDTH, HEIGHT = 2_500, 3_500
PER_LETTER = 10


def draw(path: Path, page: int) -> None:
    image = Image.new("RGB", (WIDTH, HEIGHT), (236, 228, 208))
    pen = ImageDraw.Draw(image)
    pen.rectangle((100, 100, 100 + (page % 50) * 30, 220), fill=(40, 30, 20))
    for y in range(400, HEIGHT - 200, 90):
        pen.rectangle((180, y, WIDTH - 180 - (y * 13) % 500, y + 28), fill=(40, 30, 20))
    image.save(path, quality=90)


def make_edition(root: Path, images: int) -> None:
    letters = -(-images // PER_LETTER)
    (root / "letters").mkdir(parents=True)
    (root / "notes").mkdir()
    (root / "edition.yaml").write_text(
        "title: Facsimile benchmark\neditors: [A. Editor]\nlanguage: en\n"
        "base_url: https://example.org/bench/\nlicence: CC-BY-4.0\n",
        encoding="utf-8",
    )
    (root / "notes" / "people.yaml").write_text(
        "a:\n  name: Ann Writer\nb:\n  name: Ben Reader\n", encoding="utf-8"
    )
    for n in range(1, letters + 1):
        breaks = "\n\n".join(f"{{pb}}Page {p} of letter {n}." for p in range(1, PER_LETTER + 1))
        (root / "letters" / f"{n:03d}.md").write_text(
            f"---\nnumber: {n}\ndate: 1927-06-{n % 28 + 1:02d}\nfrom: a\nto: [b]\n---\n{breaks}\n",
            encoding="utf-8",
        )
    for i in range(images):
        folder = root / "facsimiles" / f"{i // PER_LETTER + 1:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        draw(folder / f"{i % PER_LETTER + 1:02d}.jpg", i)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main_benchmark() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build here and keep the edition")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="facsimile-bench-"))
    start = time.perf_counter()
    make_edition(root, args.images)
    drawn = time.perf_counter() - start
    before = peak_mb()
    start = time.perf_counter()
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    clean = time.perf_counter() - start
    peak = peak_mb()
    done = sorted((root / ".epistola-cache" / "facsimiles").glob("*/.done"))
    stamps = {p: p.stat().st_mtime_ns for p in done}
    letter = root / "letters" / "001.md"
    letter.write_text(letter.read_text(encoding="utf-8") + "\nA line added.\n", encoding="utf-8")
    start = time.perf_counter()
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    edit = time.perf_counter() - start
    retiled = sum(1 for p, t in stamps.items() if p.stat().st_mtime_ns != t)
    tiles = sum(1 for _ in (root / "site" / "iiif").rglob("*.jpg"))
    print(f"images: {args.images} of {WIDTH} × {HEIGHT} px (drawn in {drawn:.1f} s)")
    print(f"clean build with tiling: {clean:.1f} s, {clean / args.images * 1000:.0f} ms an image")
    print(f"files of images in the site: {tiles}")
    print(f"peak memory: {peak:.0f} MB (before the build: {before:.0f} MB)")
    print(f"rebuild after a text edit: {edit:.2f} s, images tiled again: {retiled}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main_benchmark())
