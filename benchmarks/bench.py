"""Time epistola on synthetic editions and print the figures as a Markdown table.

    python benchmarks/bench.py [--sizes 1000 10000] [--huge] [--work DIR]

For each size: a clean build (no cache, no site), a rebuild with no change, a rebuild
after editing one letter, a rebuild after editing a note so that a cross-reference points
to another letter, and the same one-letter edit in a warm process (as `epistola serve`
rebuilds). Each build runs in a child process; its wall time, its CPU time (user + system,
workers included) and its peak memory (largest resident set of it and its workers) come
from `os.wait4`. `--huge` adds a clean build of 100,000 letters. Other work on the same
machine slows the wall times; the CPU times say what the build itself cost.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generate import generate_edition

WARM_EDIT = """
import sys, time
from pathlib import Path
from epistola.build import build
from epistola.cache import open_cache
from epistola.config import load_config
from epistola.diagnostics import Report
from epistola.pool import collector_paused
root, letter = Path(sys.argv[1]), Path(sys.argv[2])
cache = open_cache(root)
cache.retain_new_blobs = cache.save_deferred = True  # as `epistola serve` has it
with collector_paused():
    build(load_config(root, report=Report()), Report(), cache=cache)
letter.write_text(letter.read_text(encoding="utf-8") + "\\nA warm edit.\\n", encoding="utf-8")
started, cpu = time.perf_counter(), time.process_time()
with collector_paused():
    build(load_config(root, report=Report()), Report(), cache=cache)
print(time.perf_counter() - started, time.process_time() - cpu)
"""


@dataclass(frozen=True)
class Run:
    """One measured child process."""

    wall: float
    """Seconds on the clock."""
    cpu: float
    """Seconds of CPU, user and system, the child and its workers."""
    peak_mb: float
    """Largest resident set of the child or any of its workers, in MB."""

    def cell(self) -> str:
        return f"{self.wall:.2f} s ({self.cpu:.2f} s CPU)"


def run(command: list[str]) -> Run:
    """Run `command` to its end and measure it."""
    # Output goes to a file: a pipe nobody reads would stop a child that reports much.
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=output)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            output.seek(0)
            sys.exit(f"failed: {' '.join(command)}\n{output.read().decode()[-4000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def build(root: Path) -> Run:
    return run([sys.executable, "-m", "epistola", "build", "--quiet", "--root", str(root)])


def edition(work: Path, letters: int) -> Path:
    """The synthetic edition of this size, generated once and reused."""
    root = work / f"edition-{letters}"
    if not (root / "edition.yaml").exists():
        generate_edition(root, letters)
        # A file written within two seconds of a build's start is not trusted unchanged
        # (its next change might keep size and time stamp); real editions are older.
        time.sleep(2.5)
    for leftover in ("site", ".epistola-cache"):
        shutil.rmtree(root / leftover, ignore_errors=True)
    return root


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def retarget_a_ref(root: Path) -> None:
    """Change the letter a note's cross-reference points to ("letter 65" -> "letter 66")."""
    for notes in sorted((root / "notes").glob("*.md"), reverse=True):
        text = notes.read_text(encoding="utf-8")
        match = re.search(r"\b(letter )(\d+)\b", text)
        if match:
            changed = f"{match[1]}{int(match[2]) + 1}"
            notes.write_text(text[: match.start()] + changed + text[match.end() :], "utf-8")
            return
    sys.exit("no cross-reference to change in the notes")


def measure(work: Path, letters: int) -> list[str]:
    root = edition(work, letters)
    one_letter = sorted((root / "letters").glob("*.md"))[letters // 2]
    clean = build(root)
    unchanged = build(root)
    append(one_letter, "\nA line added by the benchmark.\n")
    edited = build(root)
    retarget_a_ref(root)
    note = build(root)
    warm = run_warm(root, one_letter)
    return [
        f"{letters:,}",
        clean.cell(),
        unchanged.cell(),
        edited.cell(),
        note.cell(),
        warm,
        f"{max(clean.peak_mb, edited.peak_mb):,.0f} MB",
    ]


def run_warm(root: Path, letter: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", WARM_EDIT, str(root), str(letter)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu = (float(x) for x in done.stdout.split())
    return f"{wall:.2f} s ({cpu:.2f} s CPU)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--huge", action="store_true", help="also a clean build of 100,000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/epistola-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start\n")
    print(
        "| letters | clean build | no-change rebuild | one-letter edit"
        " | note edit (ref target) | one-letter edit, warm (serve) | peak memory |"
    )
    print("|---|---|---|---|---|---|---|")
    for letters in args.sizes:
        print("| " + " | ".join(measure(args.work, letters)) + " |", flush=True)
    if args.huge:
        clean = build(edition(args.work, 100_000))
        cells = ["100,000", clean.cell(), "", "", "", "", f"{clean.peak_mb:,.0f} MB"]
        print("| " + " | ".join(cells) + " |")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
