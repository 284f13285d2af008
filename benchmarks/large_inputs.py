"""Time the build on very large single files: many megabytes, thousands of notes.

    python benchmarks/large_inputs.py [--notes 5000] [--megabytes 10]

Each case is written into a temporary edition and built with `epistola build`; the
script prints the wall time of each build. The tests run smaller versions of the same
editions (tests/test_large_inputs.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from epistola.cli import main

REPO = Path(__file__).resolve().parent.parent
CONFIG = "title: Large Edition\nbase_url: https://example.org/large/\nversion: 1\n"
PEOPLE = (
    "alice:\n  name: Alice Adams\n  aliases: [Alice]\nbob:\n  name: Bob Brown\n  aliases: [Bob]\n"
)
FRONT = "---\nnumber: 1\ndate: 1927-06-23\nfrom: alice\nto: [bob]\n---\n"
PARAGRAPH = (
    "Alice wrote to Bob about the plenum, see letter 1 and note 1 above, and about"
    " [the chief]{person=bob} at length; the weather in Sochi was [very] hot. "
)


def many_notes(count: int) -> dict[str, str]:
    """One letter with `count` markers, one per short paragraph, and `count` notes."""
    body = "".join(f"Paragraph {n} names Bob.[^{n}]\n\n" for n in range(1, count + 1))
    notes = "".join(f"{n}. Note {n}, on Alice and letter 1.\n\n" for n in range(1, count + 1))
    return {"letters/001.md": FRONT + body, "notes/001.md": notes}


def many_megabytes(megabytes: float) -> dict[str, str]:
    """One letter of about `megabytes` MB: many paragraphs, and one very long paragraph."""
    half = int(megabytes * 1_000_000 / 2 / len(PARAGRAPH))
    paragraphs = "\n\n".join(PARAGRAPH for _ in range(half))
    one_paragraph = "\n".join(PARAGRAPH for _ in range(half))
    return {
        "letters/001.md": FRONT + paragraphs + "\n\n" + one_paragraph + "[^1]\n",
        "notes/001.md": "1. The only note.\n",
    }


def write_edition(root: Path, files: dict[str, str]) -> Path:
    """An edition in `root` with the default theme and the given sources."""
    shutil.copytree(REPO / "templates", root / "templates")
    for path, text in {"edition.yaml": CONFIG, "notes/people.yaml": PEOPLE, **files}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def time_build(root: Path) -> float:
    """Seconds for one `epistola build`; raises if the build fails."""
    started = time.perf_counter()
    code = main(["build", "--root", str(root)])
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"build of {root} failed with exit code {code}")
    return seconds


def run() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--megabytes", type=float, default=10.0)
    args = parser.parse_args()
    cases = {
        f"{args.notes} notes": many_notes(args.notes),
        f"{args.megabytes:g} MB letter": many_megabytes(args.megabytes),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, files in cases.items():
            root = write_edition(Path(tmp) / name.replace(" ", "-"), files)
            size = sum(len(text.encode()) for text in files.values()) / 1e6
            print(f"{name} ({size:.1f} MB of sources): {time_build(root):.2f} s", file=sys.stderr)


if __name__ == "__main__":
    run()
