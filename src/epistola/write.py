"""Pages -> disk, so that the site is never half-written.

A first build assembles the site in a sibling folder and swaps it in with renames. A
rebuild stages only the files whose bytes changed, then commits a journal that lists
them and the files to remove, and only then moves them into the site. A build killed
before the commit leaves the old site as it was; one killed after it is finished by the
next run (`recover_interrupted_write`). Files whose bytes did not change are not touched,
so they keep their modification time and `rsync` deploys stay small.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection, Iterable
from pathlib import Path

from epistola.records import Page

JOURNAL = ".journal.json"


def write_site(pages: Iterable[Page], out_dir: Path, *, keep: Collection[str] = ()) -> None:
    """Make `out_dir` hold exactly `pages` plus the files `keep` names, which stay as they are."""
    recover_interrupted_write(out_dir)
    staging = out_dir.with_name(f".{out_dir.name}.new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    if not out_dir.is_dir():
        for page in pages:
            _stage(page, staging)
        staging.rename(out_dir)
        return
    wanted = set(keep)
    changed = []
    for page in pages:
        wanted.add(page.path)
        if not _same(out_dir / page.path, page.content):
            _stage(page, staging)
            changed.append(page.path)
    stale = sorted(set(_files(out_dir)) - wanted)
    journal = {"write": changed, "remove": stale}
    _write_journal(staging, journal)
    _apply(journal, staging, out_dir)


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
    target = staging / page.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(page.content)


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
