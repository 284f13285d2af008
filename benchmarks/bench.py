"""Time epistola side by side with Hugo on the same synthetic letters; print Markdown tables.

    python benchmarks/bench.py [--sizes 1000 10000] [--huge] [--work DIR]

For each size, `generate.py` writes a fresh synthetic edition and `hugo_site.py` turns it
into a Hugo site (same texts, notes as footnotes) in a folder beside it. Measured, with
Hugo's figure for the same thing and the ratio epistola / Hugo:

- a clean build (no site, no cache): `epistola build --quiet` against `hugo --quiet`
  with no public/, no resources/ and an empty cache folder; its peak memory; the bytes
  and files of site/ and of public/; the bytes and files of the browse pages (`list/`,
  `correspondents/`), the largest of them, the filter's data and the title page;
  the bytes of each picture (inline SVG) and of the
  pages that hold them (KB = 1,000 bytes; Hugo's theme has none);
- rebuilds, each a fresh `epistola build` after one change, and `hugo` after the same
  change to the Hugo site: no change; one word changed in one letter; a note whose
  cross-reference now points to another letter; a letter added with a fresh number and
  a date between two others; that letter deleted;
- save -> served: with `epistola serve` and `hugo server --disableLiveReload` running,
  one word of a letter is changed and its page polled over HTTP every 5 ms until it
  holds the new word; the median of 3 edits.

`--huge` adds 100,000 letters: the clean builds and their peak memory, the ratio of the
clean time to that at a tenth of the size (measured too if not among --sizes), and a
one-letter edit from a fresh process. Each build runs in a child process; its wall time,
its CPU time (user + system, workers included) and its peak memory (largest resident
set of it and its workers, MB = 2**20 bytes) come from `os.wait4`. Targets are those of
10,000 letters (and 100,000 for --huge); at other sizes the verdict is only indicative.
Other work on the machine slows the wall times; the CPU times say what a build cost.
Editions are generated anew in --work (default /tmp/epistola-bench) on each run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generate import generate_edition
from hugo_site import hugo_page_path, letter_stem, sync_letter, write_hugo_site

BUILD_TIMEOUT = 4 * 3600.0
SERVE_TIMEOUT = 60.0
"""Seconds from a save to the new page before it counts as never served."""
POLL = 0.005
REPEATS = 3
MB = 2**20


@dataclass(frozen=True)
class Run:
    """One measured child process."""

    wall: float
    """Seconds on the clock."""
    cpu: float
    """Seconds of CPU, user and system, the child and its workers."""
    peak_mb: float
    """Largest resident set of the child or any of its workers, in MB."""


@dataclass(frozen=True)
class Target:
    limit: float
    unit: str
    on_ratio: bool = False
    """The limit is on the ratio epistola / Hugo, not on epistola's figure."""


Shown = tuple[float | None, str]
"""A figure (None: there is none, e.g. timed out) and how the table shows it."""


@dataclass(frozen=True)
class Row:
    figure: str
    ours: Shown
    hugo: Shown
    target: Target | None = None

    def cells(self) -> list[str]:
        ours, hugo = self.ours[0], self.hugo[0]
        ratio = ours / hugo if ours is not None and hugo else None
        cells = [self.figure, self.ours[1], self.hugo[1], f"{ratio:.2f}" if ratio else "–"]
        if self.target is None:
            return [*cells, "", ""]
        t = self.target
        checked = ratio if t.on_ratio else ours
        verdict = "–" if checked is None else "met" if checked <= t.limit else "missed"
        return [*cells, f"{'ratio ' if t.on_ratio else ''}≤ {t.limit:g}{t.unit}", verdict]


def seconds(run: Run) -> Shown:
    return run.wall, f"{run.wall:.2f} s ({run.cpu:.2f} s CPU)"


def megabytes(value: float) -> Shown:
    return value, f"{value:,.0f} MB"


def run(command: list[str]) -> Run:
    """Run `command` to its end (killed past BUILD_TIMEOUT) and measure it."""
    # Output goes to a file: a pipe nobody reads would stop a child that reports much.
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=output, start_new_session=True)
        timer = threading.Timer(BUILD_TIMEOUT, os.killpg, (child.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            output.seek(0)
            sys.exit(f"failed: {' '.join(command)}\n{output.read().decode()[-4000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def epistola(root: Path, *options: str) -> Run:
    return run(
        [sys.executable, "-m", "epistola", "build", "--quiet", *options, "--root", str(root)]
    )


def hugo(site: Path) -> Run:
    return run(["hugo", "--quiet", "--source", str(site), "--cacheDir", str(site / ".cache")])


def clean_builds(work: Path, letters: int) -> tuple[Path, Path, Run, Run]:
    """A fresh synthetic edition of this size and its Hugo site, and their clean builds.

    Both folders are new, so there is no site/, cache, public/ or resources/ yet."""
    root, hugo_site = work / f"edition-{letters}", work / f"hugo-{letters}"
    for folder in (root, hugo_site):
        shutil.rmtree(folder, ignore_errors=True)
    write_hugo_site(generate_edition(root, letters), hugo_site)
    # A file written within two seconds of a build's start is not trusted unchanged
    # (its next change might keep size and time stamp); real editions are older.
    time.sleep(2.5)
    return root, hugo_site, epistola(root), hugo(hugo_site)


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of the files under `folder`."""
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


BROWSE_FOLDERS = ("list", "correspondents")
"""The browse pages: the letters list (with the filter's data) and the correspondents."""
NONE: Shown = (None, "–")


def browse_rows(site: Path) -> list[Row]:
    """What the browse pages weigh: all of them, the largest, the filter's data, the title
    page (which no longer lists the letters)."""
    pages = [p for folder in BROWSE_FOLDERS for p in (site / folder).rglob("*") if p.is_file()]
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in pages}
    html = {path: size for path, size in sizes.items() if path.endswith(".html")}
    largest = max(html, key=html.__getitem__, default="")
    most = html.get(largest, 0)
    data = sizes.get("list/letters.js", 0)
    title = (site / "index.html").stat().st_size
    total = sum(sizes.values())
    return [
        Row(
            "browse pages (list/, correspondents/)",
            (total / MB, f"{total / MB:,.1f} MB in {len(sizes):,} files"),
            NONE,
        ),
        Row("largest browse page", (most, f"{most:,} B ({largest})"), NONE),
        Row("filter data (list/letters.js)", (data, f"{data:,} B"), NONE),
        Row("title page (index.html)", (title, f"{title:,} B"), NONE),
    ]


PICTURE_PAGES = ("dates/index.html", "network/index.html")
"""The pages that hold the pictures of the edition: the chronology's first, the networks'."""
_PICTURE = re.compile(rb'<svg\b[^>]*aria-labelledby="([\w-]+)-title".*?</svg>', re.DOTALL)


def picture_rows(site: Path) -> list[Row]:
    """The bytes of each inline SVG picture, and of each page that holds them."""
    rows = []
    for page in PICTURE_PAGES:
        content = (site / page).read_bytes()
        for found in _PICTURE.finditer(content):
            name = f"picture {found[1].decode()} ({page})"
            rows.append(Row(name, kilobytes(len(found[0])), (None, "–"), Target(200, " KB")))
        rows.append(Row(f"page {page}", kilobytes(len(content)), (None, "–")))
    return rows


def kilobytes(count: int) -> Shown:
    return count / 1000, f"{count / 1000:,.1f} KB"


def letter_path(root: Path, number: int) -> Path:
    return root / "letters" / f"{letter_stem(number)}.md"


def change_word(path: Path, word: str) -> None:
    """Replace the first word after the front matter of `path` by `word`."""
    text = path.read_text(encoding="utf-8")
    found = re.compile(r"\w+").search(text, text.index("\n---\n", 3) + 5)
    assert found, path
    path.write_text(text[: found.start()] + word + text[found.end() :], encoding="utf-8")


def retarget_a_ref(root: Path) -> int:
    """Change the letter a note's cross-reference points to ("letter 65" -> "letter 66").

    Returns the number of the letter whose notes changed."""
    for notes in sorted((root / "notes").glob("*.md"), reverse=True):
        text = notes.read_text(encoding="utf-8")
        match = re.search(r"\b(letter )(\d+)\b", text)
        if match:
            changed = f"{match[1]}{int(match[2]) + 1}"
            notes.write_text(text[: match.start()] + changed + text[match.end() :], "utf-8")
            return int(notes.stem)
    sys.exit("no cross-reference to change in the notes")


def add_letter(root: Path, letters: int) -> int:
    """Add letter `letters + 1`, dated between two letters of the middle; return its number.

    Its text and notes are those of the earlier of the two, with the new number and date."""
    date = re.compile(r"(?m)^date: (\S+)$")

    def day(number: int) -> datetime.date:
        found = date.search(letter_path(root, number).read_text(encoding="utf-8"))
        assert found
        return datetime.date.fromisoformat(found[1])

    model = next(n for n in range(letters // 2, letters) if (day(n + 1) - day(n)).days > 1)
    new, when = letters + 1, day(model) + datetime.timedelta(days=1)
    month = when.strftime("%B")  # the C locale's English month names
    text = letter_path(root, model).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^number: .*$", f"number: {new}", text, count=1)
    text = date.sub(f"date: {when.isoformat()}", text, count=1)
    text = re.sub(r"(?m)^dated: .*$", f"dated: {when.day} {month} {when.year}", text, count=1)
    letter_path(root, new).write_text(text, encoding="utf-8")
    notes = root / "notes" / f"{letter_stem(model)}.md"
    if notes.exists():
        shutil.copyfile(notes, root / "notes" / f"{letter_stem(new)}.md")
    return new


def delete_letter(root: Path, number: int) -> None:
    letter_path(root, number).unlink()
    (root / "notes" / f"{letter_stem(number)}.md").unlink(missing_ok=True)


def free_ports(count: int) -> list[int]:
    """`count` different ports free on 127.0.0.1 (held open together, so none repeats)."""
    with contextlib.ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]


def poll(url: str, needle: bytes, timeout: float) -> bool:
    """Fetch `url` every POLL seconds until the page holds `needle`; False past `timeout`.

    Refused connections and error statuses (a server still starting) count as not yet."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        with (
            contextlib.suppress(OSError, http.client.HTTPException),
            urllib.request.urlopen(url, timeout=5) as response,
        ):
            if needle in response.read():
                return True
        time.sleep(POLL)
    return False


@contextlib.contextmanager
def server(command: list[str], log: Path) -> Iterator[None]:
    """Run `command` in its own process group and end the group at the end, come what may.

    The server gets SIGTERM and 30 seconds to stop; then what is left of the group is killed."""
    with log.open("wb") as output:
        child = subprocess.Popen(command, stdout=output, stderr=output, start_new_session=True)
        try:
            yield
        finally:
            child.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=30)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            child.wait()


def save_to_served(command: list[str], url: str, page: Path, log: Path, start: float) -> Shown:
    """Median seconds from changing a word of `page` to the server at `url` sending it.

    The server, `command` with its output to `log`, has `start` seconds to serve the page."""
    times: list[float | None] = []
    with server(command, log):
        if not poll(url, b"", start):
            return None, f"not served within {start:.0f} s"
        for repeat in range(1, REPEATS + 1):
            time.sleep(1.0)  # the watcher is running and the last change has settled
            word = f"Served{repeat}x"
            change_word(page, word)
            saved = time.perf_counter()
            served = poll(url, word.encode(), SERVE_TIMEOUT)
            times.append(time.perf_counter() - saved if served else None)
    if None in times:
        return None, f"{times.count(None)} of {REPEATS} not served within {SERVE_TIMEOUT:.0f} s"
    median = statistics.median(t for t in times if t is not None)
    return median, f"{median:.3f} s (" + ", ".join(f"{t:.3f}" for t in times if t) + ")"


def served_page(site: Path, number: int) -> str:
    """The URL path of letter `number`'s page, as the built `site` has it."""
    for candidate in (f"letters/{number}.html", f"letters/{number}/index.html"):
        if (site / candidate).exists():
            return candidate.removesuffix("index.html")
    sys.exit(f"no page of letter {number} in {site}")


def measure(work: Path, letters: int) -> tuple[list[Row], Run, Run]:
    """The rows of one size, and the clean builds of epistola and Hugo."""
    root, hugo_site, ours, theirs = clean_builds(work, letters)
    (our_bytes, our_files), (hugo_bytes, hugo_files) = map(
        tree_size, (root / "site", hugo_site / "public")
    )
    rows = [
        Row("clean build", seconds(ours), seconds(theirs), Target(2.0, "", on_ratio=True)),
        Row(
            "peak memory, clean build",
            megabytes(ours.peak_mb),
            megabytes(theirs.peak_mb),
            Target(500, " MB"),
        ),
        Row("site size", megabytes(our_bytes / MB), megabytes(hugo_bytes / MB), Target(300, " MB")),
        Row("site files", (our_files, f"{our_files:,}"), (hugo_files, f"{hugo_files:,}")),
        *browse_rows(root / "site"),
        *picture_rows(root / "site"),
    ]
    edited = letters // 2

    def rebuild(figure: str, changed: int | None, target: Target | None = None) -> None:
        if changed is not None:
            sync_letter(root, hugo_site, changed)
        # A published page that is gone must be dropped from the anchor ledger on purpose.
        options = ["--update-ledger"] if changed and not letter_path(root, changed).exists() else []
        ours = epistola(root, *options)
        rows.append(Row(figure, seconds(ours), seconds(hugo(hugo_site)), target))

    rebuild("rebuild, no change", None, Target(0.3, " s"))
    change_word(letter_path(root, edited), "Edited")
    rebuild("rebuild, one word of one letter", edited, Target(0.5, " s"))
    rebuild("rebuild, note edit (ref target)", retarget_a_ref(root), Target(0.5, " s"))
    added = add_letter(root, letters)
    rebuild("rebuild, letter added", added, Target(1.0, " s"))
    delete_letter(root, added)
    rebuild("rebuild, letter deleted", added)
    url = served_page(root / "site", edited)
    start = 120 + letters * 0.05
    our_serve = [sys.executable, "-m", "epistola", "serve", "--root", str(root)]
    hugo_serve = ["hugo", "server", "--source", str(hugo_site), "--bind", "127.0.0.1"]
    hugo_serve += ["--disableLiveReload", "--cacheDir", str(hugo_site / ".cache")]
    port, hugo_port = free_ports(2)
    rows.append(
        Row(
            f"serve: save -> served (median of {REPEATS})",
            save_to_served(
                [*our_serve, "--port", str(port)],
                f"http://127.0.0.1:{port}/{url}",
                letter_path(root, edited),
                work / f"serve-epistola-{letters}.log",
                start,
            ),
            save_to_served(
                [*hugo_serve, "--port", str(hugo_port)],
                f"http://127.0.0.1:{hugo_port}{hugo_page_path(edited)}",
                hugo_site / "content" / "letters" / f"{edited}.md",
                work / f"serve-hugo-{letters}.log",
                start,
            ),
            Target(0.2, " s"),
        )
    )
    return rows, ours, theirs


def measure_huge(letters: int, base: tuple[Run, Run], work: Path) -> list[Row]:
    """The rows of the huge edition; `base` are the clean builds at a tenth of its size."""
    root, hugo_site, ours, theirs = clean_builds(work, letters)
    edited = letters // 2
    change_word(letter_path(root, edited), "Edited")
    sync_letter(root, hugo_site, edited)
    ours_edit, hugo_edit = epistola(root), hugo(hugo_site)
    growth = ours.wall / base[0].wall, theirs.wall / base[1].wall
    tenth = f"{letters // 10:,}"
    return [
        Row("clean build", seconds(ours), seconds(theirs)),
        Row(
            "peak memory, clean build",
            megabytes(ours.peak_mb),
            megabytes(theirs.peak_mb),
            Target(2048, " MB"),
        ),
        Row(
            f"clean build / clean build of {tenth}",
            (growth[0], f"{growth[0]:.1f}"),
            (growth[1], f"{growth[1]:.1f}"),
            Target(11, ""),
        ),
        Row(
            "rebuild, one word of one letter",
            seconds(ours_edit),
            seconds(hugo_edit),
            Target(2, " s"),
        ),
    ]


def table(title: str, rows: list[Row]) -> str:
    lines = [f"### {title}", "", "| figure | epistola | Hugo | epistola / Hugo | target | |"]
    lines.append("|---|---|---|---|---|---|")
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--huge", action="store_true", help="also 100,000 letters")
    parser.add_argument("--huge-size", type=int, default=100_000, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, default=Path("/tmp/epistola-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    version = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{version.stdout.strip()}\n")
    clean: dict[int, tuple[Run, Run]] = {}
    for letters in args.sizes:
        rows, ours, theirs = measure(args.work, letters)
        clean[letters] = ours, theirs
        print(table(f"{letters:,} letters", rows), flush=True)
    if args.huge:
        tenth = args.huge_size // 10
        if tenth not in clean:
            clean[tenth] = clean_builds(args.work, tenth)[2:]
        rows = measure_huge(args.huge_size, clean[tenth], args.work)
        print(table(f"{args.huge_size:,} letters", rows))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
