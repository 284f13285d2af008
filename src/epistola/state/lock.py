"""The edition's build lock: two builds never write one store or site at once."""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from epistola.state.store import CACHE_DIR


class BuildLockedError(Exception):
    """Another process is building this edition."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"another build of this edition is running (process {holder})")
        self.holder = holder


@contextmanager
def build_lock(root: Path, *, wait: bool = True) -> Iterator[None]:
    """Hold the edition's build lock: two builds never write one store or site at once.

    Without `wait`, a build that finds the lock taken raises `BuildLockedError` at once;
    with it, it says whom it waits for and waits. The lock is the operating system's,
    so a killed build never leaves it taken.
    """
    folder = root / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / "build.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            if not wait:
                raise BuildLockedError(holder) from None
            print(f"epistola: waiting for the build in process {holder} to end", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock
