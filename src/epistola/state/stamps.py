"""Stamps: what tells a build, without reading a file, that the file was not touched."""

from __future__ import annotations

import os
from pathlib import Path

Stamp = tuple[int, int, int]
"""(size, mtime in ns, inode) of a file: equal stamps mean the file was not touched."""
RACY_NS = 2_000_000_000
"""A file changed this close to the moment its stamp was taken may change again unseen."""


def stamp_of(path: Path | str) -> Stamp | None:
    """The stamp of a file, or None if there is no such file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)
