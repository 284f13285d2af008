"""The inputs of a build, by stamp: what `epistola build` compares to know it has nothing to do.

This module loads neither the parser nor the templates, so a build with nothing to do
answers from the stamps of the sources and of the site's folders alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from epistola.core.config import CONFIG_NAME, LEDGER_NAME, Config
from epistola.core.diagnostics import Report
from epistola.core.theme_files import theme_sources
from epistola.state.fingerprint import code_fingerprint, digest
from epistola.state.stamps import RACY_NS, Stamp, stamp_of
from epistola.state.store import open_store

INPUT_FOLDERS = ("letters", "notes", "templates", "facsimiles")
"""Folders of the edition whose files are inputs of the build."""


@dataclass
class Inputs:
    """The stamps of every input file, taken once per build, and their fingerprint."""

    stamps: dict[str, Stamp | None]
    taken_ns: int
    _fingerprints: dict[bytes, str] = field(default_factory=dict)

    def fingerprint(self, root: Path) -> str:
        """The fingerprint of the inputs as stamped, with the ledger as it is now; '' if a
        file changed too recently before the stamps were taken to be trusted."""
        if any(s and s[1] >= self.taken_ns - RACY_NS for s in self.stamps.values()):
            return ""
        # The anchor ledger decides what a redirect page lists. The build itself rewrites
        # it, so it counts by its content: a build that only recorded new anchors is up to
        # date afterwards.
        try:
            ledger = (root / LEDGER_NAME).read_bytes()
        except OSError:
            ledger = b""
        if ledger not in self._fingerprints:
            self._fingerprints[ledger] = digest(
                code_fingerprint(), str(root), tuple(self.stamps.items()), ledger
            )
        return self._fingerprints[ledger]


def read_inputs(root: Path) -> Inputs:
    """Stamp every input file: the settings files beside `edition.yaml`, then the files of
    `letters/`, `notes/` and `templates/`."""
    taken_ns = time.time_ns()
    settings = sorted({CONFIG_NAME, *(p.name for p in root.glob("*.y*ml"))})
    stamps: dict[str, Stamp | None] = {name: stamp_of(root / name) for name in settings}
    for folder in INPUT_FOLDERS:
        stamps.update(sorted(_walk(root / folder, f"{folder}/")))
    stamps.update((str(path), stamp_of(path)) for path in theme_sources())
    return Inputs(stamps, taken_ns)


def site_stamps(out_dir: Path, folders: Iterable[str] | None = None) -> tuple[tuple[str, int], ...]:
    """The modification time of every folder of the site (or of the `folders` named).

    A file added to or removed from a folder changes the folder's time, so comparing these
    finds a site that was changed by hand without a `stat` of each of its files; naming
    the folders spares even listing them.
    """
    if folders is None:
        folders = [os.path.relpath(folder, out_dir) for folder, _, _ in os.walk(out_dir)]
    found = []
    for folder in folders:
        with suppress(OSError):
            found.append((folder, os.stat(out_dir / folder).st_mtime_ns))
    return tuple(sorted(found))


def _walk(folder: Path, prefix: str) -> list[tuple[str, Stamp | None]]:
    found: list[tuple[str, Stamp | None]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            found += _walk(Path(entry.path), f"{prefix}{entry.name}/")
        else:
            found.append((f"{prefix}{entry.name}", stamp_of(entry.path)))
    return found


def up_to_date(config: Config, report: Report, inputs: Inputs) -> int | None:
    """If no input changed since the last build into the same folder (as `inputs` stamps
    them), and that folder's files are where the build left them: report what that build
    reported and return its number of letters."""
    store = open_store(config.root, readonly=True)
    try:
        previous = store.last_build(str(config.output_dir))
    finally:
        store.close()
    if previous is None or not previous.inputs:
        return None
    if previous.inputs != inputs.fingerprint(config.root):
        return None
    folders = [folder for folder, _ in previous.site]
    if not previous.site or previous.site != site_stamps(config.output_dir, folders):
        return None
    report.extend(previous.diagnostics)
    return previous.letters
