"""Time `epistola import` on a large synthetic dump: the seed's letters, renumbered, N times.

    python benchmarks/import_dump.py [LETTERS]     (default 10,000)
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from epistola.core.diagnostics import Report
from epistola.importer import import_dump

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "fixtures" / "letters-dump.txt"


def synthetic_dump(letters: int) -> str:
    """The seed's letters repeated and renumbered 1..`letters`."""
    seed = SEED.read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=Letter \d+$)", seed)[1:]
    out = []
    for number in range(1, letters + 1):
        block = blocks[(number - 1) % len(blocks)]
        out.append(re.sub(r"^Letter \d+", f"Letter {number}", block).rstrip("\n") + "\n\n")
    return "".join(out)


def main() -> None:
    letters = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        dump = root / "dump.txt"
        dump.write_text(synthetic_dump(letters), encoding="utf-8")
        (root / "edition" / "notes").mkdir(parents=True)
        (root / "edition" / "notes" / "people.yaml").write_bytes(
            (REPO / "notes" / "people.yaml").read_bytes()
        )
        started = time.perf_counter()
        report = Report()
        imported = import_dump(dump, root / "edition", force=False, report=report)
        seconds = time.perf_counter() - started
    print(f"imported {len(imported):,} letters in {seconds:.2f} s: {report.summary()}")


if __name__ == "__main__":
    main()
