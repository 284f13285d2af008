"""Pages -> disk, so that the site is never half-written.

The new site is assembled in a sibling folder and swapped in with renames. Files whose
bytes did not change are hard-linked from the old site rather than written, so they
keep their modification time and `rsync` deploys stay small.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from epistola.records import Page


def write_site(pages: Iterable[Page], out_dir: Path) -> None:
    """Replace `out_dir` with exactly `pages`, swapping it in at the end."""
    recover_interrupted_swap(out_dir)
    staging = out_dir.with_name(f".{out_dir.name}.new")
    retired = out_dir.with_name(f".{out_dir.name}.old")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    made: set[Path] = set()
    for page in pages:
        target = staging / page.path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        _place(page.content, out_dir / page.path, target)
    if out_dir.exists():
        out_dir.rename(retired)
    staging.rename(out_dir)
    if retired.exists():
        shutil.rmtree(retired)


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


def _place(content: bytes, old: Path, new: Path) -> None:
    try:
        if old.stat().st_size == len(content) and old.read_bytes() == content:
            os.link(old, new)
            return
    except OSError:
        pass  # no old file, or a file system without hard links: write it
    new.write_bytes(content)


def recover_interrupted_swap(out_dir: Path) -> None:
    """If a build was killed between the two renames, put the old site back."""
    retired = out_dir.with_name(f".{out_dir.name}.old")
    if not out_dir.exists() and retired.exists():
        retired.rename(out_dir)


def static_pages(static_dir: Path) -> list[Page]:
    """The theme's static files (CSS, scripts, fonts) as pages under `static/`."""
    if not static_dir.is_dir():
        return []
    edition = static_dir.parent.parent.resolve()
    # A link that leads out of the edition is not published: it could expose any file.
    files = sorted(
        p for p in static_dir.rglob("*") if p.is_file() and p.resolve().is_relative_to(edition)
    )
    return [Page(f"static/{p.relative_to(static_dir).as_posix()}", p.read_bytes()) for p in files]
