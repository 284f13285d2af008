"""The build cache in `.epistola-cache/`: parsed letters, and what each page was made from.

Two pickles, each replaced whole by a rename so a killed build never leaves half of one:
`letters.pickle` holds every parsed letter keyed by the hash of its sources, and
`pages-<out>.pickle` holds, for one output folder, the fingerprint of each page and the
stamp of the file written for it. A cache that cannot be read is simply not used.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from epistola import __version__, records
from epistola.diagnostics import Diagnostic
from epistola.records import Letter

CACHE_DIR = ".epistola-cache"
FORMAT = f"2/{__version__}"
"""The layout of the cache files; what is in them is keyed by `code_fingerprint` too."""
RACY_NS = 2_000_000_000
"""A file changed this close to the moment its stamp was taken may change again unseen."""

_PROTOCOL = pickle.HIGHEST_PROTOCOL
Stamp = tuple[int, int, int]
"""(size, mtime in ns, inode) of a file: equal stamps mean the file was not touched."""


_CODE: list[str] = []


def code_fingerprint() -> str:
    """epistola's version and the hash of its own source files: a cache made by other code,
    even by an unreleased change, is not used."""
    if not _CODE:
        package = Path(__file__).parent
        files = sorted(package.rglob("*.py"))
        _CODE.append(digest(__version__, *(p.read_bytes() for p in files)))
    return _CODE[0]


def stamp_of(path: Path | str) -> Stamp | None:
    """The stamp of a file, or None if there is no such file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def digest(*parts: object) -> str:
    """A short, stable hash of plain values (strings, numbers, tuples of them)."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class ParsedLetter:
    """One letter as parse made it, with what it was made from."""

    key: str
    """Hash of the letter's and notes' text and of what parsing depends on besides."""
    stamps: tuple[Stamp | None, Stamp | None]
    """The stamps of the letter and notes files when they were read."""
    letter: Letter
    diagnostics: tuple[Diagnostic, ...]
    """What parsing reported about this letter."""


@dataclass
class PageCache:
    """What the last written build put into one output folder."""

    fingerprints: dict[str, str] = field(default_factory=dict)
    """Page path -> fingerprint of everything the page was made from."""
    stamps: dict[str, Stamp] = field(default_factory=dict)
    """Page path -> stamp of the file written for it."""
    inputs: str = ""
    """Fingerprint of every input file's stamp at that build ('' = unknown)."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """What that build reported, shown again when nothing has changed since."""
    letters: int = 0
    """How many letters that build had."""
    facets: dict[str, dict[str, str]] = field(default_factory=dict)
    """Letter key -> digests of what index and person pages show of it (see `depends`)."""


@dataclass
class BuildCache:
    """The cache of one edition, loaded at the start of a build and saved at its end."""

    folder: Path
    letters: dict[str, ParsedLetter] = field(default_factory=dict)
    """Letter source path -> its parse."""
    saved_ns: int = 0
    """When `letters` was saved: stamps taken near that time are not trusted."""
    letters_loaded: bool = False
    blobs: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Letter path -> (key, pickled letter and diagnostics) as read from disk, so that
    saving pickles only the letters that changed."""
    save_deferred: bool = False
    """Keep the letters in memory only, until `save_letters(..., now=True)`: a running
    `serve` rebuilds often and saves once, when it stops."""
    retain_new_blobs: bool = False
    """Keep the blobs of newly parsed letters too (a long-running `serve` saves often; a
    one-off build would only hold them in memory)."""

    def load_letters(self) -> dict[str, ParsedLetter]:
        """The parsed letters, read from disk on first use."""
        if not self.letters_loaded:
            self.letters_loaded = True
            try:
                self._read_letters(self.folder / "letters.pickle")
            except Exception:  # a missing, damaged or foreign cache is the same as none
                self.letters, self.blobs = {}, {}
        return self.letters

    def _read_letters(self, path: Path) -> None:
        with path.open("rb") as file:
            unpickler = pickle.Unpickler(file)
            version, saved_ns, count = unpickler.load()
            if version != FORMAT:
                return
            for _ in range(count):
                letter_path, key, stamps, blob = unpickler.load()
                self.blobs[letter_path] = (key, blob)
                self.letters[letter_path] = ParsedLetter(key, stamps, *pickle.loads(blob))
            self.saved_ns = saved_ns

    def save_letters(self, letters: dict[str, ParsedLetter], *, now: bool = False) -> None:
        """Keep exactly these parses for the next build (written one by one, so that a large
        edition's letters are never all in memory twice)."""
        self.letters, self.letters_loaded = letters, True
        if self.save_deferred and not now:
            return
        self.saved_ns = time.time_ns()
        target = self.folder / "letters.pickle"
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        with temporary.open("wb") as file:
            pickler = pickle.Pickler(file, _PROTOCOL)
            pickler.dump((FORMAT, self.saved_ns, len(letters)))
            for path, entry in letters.items():
                pickler.dump((path, entry.key, entry.stamps, self._blob(entry)))
                pickler.clear_memo()
        os.replace(temporary, target)

    def _blob(self, entry: ParsedLetter) -> bytes:
        known = self.blobs.get(entry.letter.path)
        if known is not None and known[0] == entry.key:
            return known[1]
        blob = pickle.dumps((entry.letter, entry.diagnostics), _PROTOCOL)
        if self.retain_new_blobs:
            self.blobs[entry.letter.path] = (entry.key, blob)
        return blob

    def load_pages(self, out_dir: Path) -> PageCache:
        """The page records of the last build written into `out_dir` (empty if none)."""
        loaded = _load(self._pages_file(out_dir))
        return loaded if isinstance(loaded, PageCache) else PageCache()

    def save_pages(self, out_dir: Path, pages: PageCache) -> None:
        _save(self._pages_file(out_dir), pages)

    def forget_pages(self, out_dir: Path) -> None:
        """Drop the page records before the output changes, so a kill cannot leave them stale."""
        self._pages_file(out_dir).unlink(missing_ok=True)

    def is_racy(self, stamp: Stamp | None) -> bool:
        """True if a file with this stamp may have changed within the same clock tick."""
        return stamp is not None and stamp[1] >= self.saved_ns - RACY_NS

    def _pages_file(self, out_dir: Path) -> Path:
        return self.folder / f"pages-{digest(str(out_dir.resolve()))}.pickle"


def open_cache(root: Path) -> BuildCache:
    """The cache of the edition in `root` (nothing is read until it is needed)."""
    return BuildCache(root / CACHE_DIR)


def _load(path: Path) -> object:
    try:
        with path.open("rb") as file:
            version, value = pickle.load(file)
    except Exception:  # a missing, damaged or foreign cache is the same as none
        return None
    return value if version == FORMAT else None


def _save(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as file:
        pickle.dump((FORMAT, value), file, protocol=_PROTOCOL)
    os.replace(temporary, path)


def _reduce_record(record: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    """Pickle a frozen record as its class and field values: loading calls the class, about
    a third faster than the dataclass default, which sets each field through Python."""
    cls = type(record)
    return (cls, tuple(getattr(record, name) for name in _field_names(cls)))


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


_FIELDS: dict[type[Any], tuple[str, ...]] = {}


for _record in vars(records).values():
    if isinstance(_record, type) and dataclasses.is_dataclass(_record):
        copyreg.pickle(_record, _reduce_record)
copyreg.pickle(Diagnostic, _reduce_record)
