"""Pages -> disk, so that the site is never half-written.

A first build assembles the site in a sibling folder and swaps it in with renames. A
rebuild stages only the files whose bytes changed, then commits a journal that lists
them and the files to remove, and only then moves them into the site. A build killed
before the commit leaves the old site as it was; one killed after it is finished by the
next run (`recover_interrupted_write`). Files whose bytes did not change are not touched,
so they keep their modification time and `rsync` deploys stay small.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Collection
from pathlib import Path

from epistola.core.records import Page

JOURNAL = ".journal.json"


class SiteWriter:
    """Takes the site's files one by one as they are made, and puts them in at the end.

    Each file goes to a staging folder beside the site at once, so the build never holds
    the site in memory. A file whose bytes are those the last build wrote (by digest, or
    by reading the file when the digest is not known) is not staged: it keeps its
    modification time. `commit` swaps the staging folder in (a first build) or commits a
    journal and moves the staged files in (a rebuild).
    """

    def __init__(self, out_dir: Path, *, previous: Callable[[str], str | None], full: bool) -> None:
        self.out_dir = out_dir
        self.previous = previous
        self.full = full
        recover_interrupted_write(out_dir)
        self.staging = out_dir.with_name(f".{out_dir.name}.new")
        _MADE_FOLDERS.clear()
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        self.first = not out_dir.is_dir()
        self.changed: list[str] = []
        self.wanted: set[str] = set()

    def add(self, page: Page) -> str:
        """Stage `page` if its bytes changed; return their digest."""
        known = None if self.first else self.previous(page.path)
        content_digest, staged = self.stage(page, known)
        self.record(page.path, staged=staged)
        return content_digest

    def stage(self, page: Page, known: str | None) -> tuple[str, bool]:
        """Stage `page` unless its bytes are those of the site's file (whose digest, if
        known, is `known`): (the digest of its bytes, True if staged). It touches only that
        file, so workers stage the files they make; the build `record`s them."""
        content_digest = hashlib.blake2b(page.content, digest_size=16).hexdigest()
        if not self.first:
            if known == content_digest and (self.out_dir / page.path).is_file():
                return content_digest, False
            if known is None and _same(self.out_dir / page.path, page.content):
                return content_digest, False
        _stage(page, self.staging)
        return content_digest, True

    def record(self, path: str, *, staged: bool) -> None:
        """Count `path` as part of the new site (and as staged, if it was)."""
        self.wanted.add(path)
        if staged:
            self.changed.append(path)

    def commit(self, *, remove: Collection[str] = ()) -> None:
        """Put the staged files in and remove `remove` (a full build: every file not made)."""
        if self.first:
            self.staging.rename(self.out_dir)
            return
        stale = set(remove)
        if self.full:
            stale |= set(_files(self.out_dir)) - self.wanted
        journal = {"write": self.changed, "remove": sorted(stale - self.wanted)}
        _write_journal(self.staging, journal)
        _apply(journal, self.staging, self.out_dir)

    def discard(self) -> None:
        """Forget everything staged: the site stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)


def recover_interrupted_write(out_dir: Path) -> None:
    """Finish a write whose journal was committed; forget one that never got that far."""
    staging = out_dir.with_name(f".{out_dir.name}.new")
    retired = out_dir.with_name(f".{out_dir.name}.old")
    if not out_dir.exists() and retired.exists():  # left by the earlier swap-in-two-renames
        retired.rename(out_dir)
    if not staging.exists():
        return
    try:
        journal = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        shutil.rmtree(staging)
        return
    _apply(journal, staging, out_dir)


def _stage(page: Page, staging: Path) -> None:
    folder, _, name = f"{staging}/{page.path}".rpartition("/")
    if folder not in _MADE_FOLDERS:  # a build stages thousands of files into a few folders
        os.makedirs(folder, exist_ok=True)
        _MADE_FOLDERS.add(folder)
    with open(f"{folder}/{name}", "wb") as file:
        file.write(page.content)


_MADE_FOLDERS: set[str] = set()


def _same(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def _write_journal(staging: Path, journal: dict[str, list[str]]) -> None:
    """The commit point: once the journal is there under its name, the write will happen.

    Not synced to disk: this guards against a killed build, not a power cut, and a sync
    costs seconds on a busy disk. A damaged journal is discarded like a missing one.
    """
    temporary = staging / f"{JOURNAL}.tmp"
    temporary.write_text(json.dumps(journal), encoding="utf-8")
    temporary.rename(staging / JOURNAL)


def _apply(journal: dict[str, list[str]], staging: Path, out_dir: Path) -> None:
    """Move the staged files in and remove the stale ones; safe to run again if killed."""
    for path in journal["write"]:
        source, target = staging / path, out_dir / path
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    for path in journal["remove"]:
        (out_dir / path).unlink(missing_ok=True)
        _remove_empty_parents(out_dir / path, out_dir)
    shutil.rmtree(staging)


def _remove_empty_parents(path: Path, top: Path) -> None:
    folder = path.parent
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _files(folder: Path, prefix: str = "") -> list[str]:
    found = []
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            found += _files(Path(entry.path), f"{prefix}{entry.name}/")
        else:
            found.append(f"{prefix}{entry.name}")
    return found


def output_problem(root: Path, out_dir: Path) -> str | None:
    """Why `out_dir` must not be replaced by a site (it holds sources or other files)."""
    root, out = root.resolve(), out_dir.resolve()
    if root.is_relative_to(out):
        return f"the output folder {out} holds the edition itself; choose another one"
    for part in ("letters", "notes", "templates"):
        if out.is_relative_to(root / part):
            return f"the output folder {out} is inside the edition's {part}/; choose another one"
    if out.exists() and not out.is_dir():
        return f"the output folder {out} is a file; choose a folder"
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        return (
            f"the output folder {out} holds files but no site; building would delete"
            " them, so choose an empty or a new folder"
        )
    return None
