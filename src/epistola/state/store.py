"""The build store, `.epistola-cache/store.sqlite`: what one build leaves for the next.

One SQLite database (the standard library's), updated in place, one transaction a build,
read in part:

- `letters`: each letter file's head (what the rest of the edition needs), keyed by the
  hash of its sources, with the stamps of its files and what parsing reported: a small
  table, read whole by every build;
- `texts`: the rest of each parse, read only for the letters whose outputs are made:
  its facets (mentions, events, anchors), its full parse and its search piece;
- `outputs`: for each output folder, every file written there with the fingerprint of
  what it was made from and the digest of its bytes;
- `pieces`: named state of the edition-wide outputs that are updated in part (the search
  index's routing tables, the register as last read);
- `builds`: for each output folder, the stamp of every input at the last build and what
  it reported, so that a build with nothing to do answers at once.

A store that cannot be read, is locked by another program, or was made by other code is
moved aside and the build is simply full, after a one-line notice.
"""

from __future__ import annotations

import copyreg
import dataclasses
import os
import pickle
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from epistola import __version__
from epistola.core import records
from epistola.core.diagnostics import Diagnostic
from epistola.state.stamps import RACY_NS, Stamp

CACHE_DIR = ".epistola-cache"
STORE_NAME = "store.sqlite"
FORMAT = f"4/{__version__}"
"""The layout of the tables; what is in them is keyed by `code_fingerprint` too."""
BUSY_MS = 2_000
"""How long to wait for another connection's transaction before giving up on the store."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS letters (
    path TEXT PRIMARY KEY, key TEXT NOT NULL, stamps BLOB NOT NULL, head BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS texts (
    path TEXT PRIMARY KEY, facets BLOB NOT NULL, full BLOB NOT NULL, search BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS outputs (
    folder TEXT NOT NULL, path TEXT NOT NULL, fingerprint TEXT NOT NULL,
    digest TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (folder, path)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS outputs_by_kind ON outputs (folder, kind);
CREATE TABLE IF NOT EXISTS pieces (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS builds (folder TEXT PRIMARY KEY, record BLOB NOT NULL);
"""
_PROTOCOL = pickle.HIGHEST_PROTOCOL
def dumps(value: object) -> bytes:
    return pickle.dumps(value, _PROTOCOL)


def loads(blob: bytes) -> Any:
    return pickle.loads(blob)


def pack(value: object) -> bytes:
    """A record for the `texts` table: pickled, then compressed (text shrinks to a third,
    so the store writes and reads a third of the bytes, for little time)."""
    return zlib.compress(pickle.dumps(value, _PROTOCOL), 1)


def unpack(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))


@dataclass(frozen=True, slots=True)
class StoredLetter:
    """A letter file as the last build left it: enough to tell whether it changed."""

    key: str
    stamps: tuple[Stamp | None, Stamp | None]
    head: records.LetterHead
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """The last build into one output folder."""

    inputs: str
    """Fingerprint of every input file's stamp at that build ('' = unknown)."""
    diagnostics: tuple[Diagnostic, ...]
    """What that build reported, shown again when nothing has changed since."""
    letters: int
    """How many letters that build had."""
    site: tuple[tuple[str, int], ...] = ()
    """(folder, mtime) of the site's folders as that build left them."""


class Store:
    """One edition's store. Changes are kept in one transaction until `commit`."""

    def __init__(self, path: Path | None, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.saved_ns = 0
        self.keep_letters = False
        """Keep the letters' heads in memory between builds (`epistola serve`)."""
        self._kept: dict[str, StoredLetter] | None = None
        self._kept_ns = -1
        self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        if self.path is None:
            return _memory()
        try:
            return self._open(self.path)
        except (sqlite3.Error, _ForeignStoreError) as exc:
            if self.readonly:  # `epistola check` writes nothing, not even a new store
                return _memory()
            notice = _set_aside(self.path, exc)
            print(f"epistola: {notice}; building everything", file=sys.stderr)
            try:
                return self._open(self.path)
            except sqlite3.Error:
                return _memory()

    def _open(self, path: Path) -> sqlite3.Connection:
        if self.readonly and not path.exists():
            return _memory()
        path.parent.mkdir(parents=True, exist_ok=True)
        uri = f"file:{path}?mode=ro" if self.readonly else f"file:{path}"
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            if not self.readonly:
                db.execute("PRAGMA page_size=16384")  # before the first table: parses are large
                db.execute("PRAGMA journal_mode=WAL")  # readers (workers) never wait
                db.execute("PRAGMA synchronous=NORMAL")
                db.executescript(_SCHEMA)
            found = dict(db.execute("SELECT name, value FROM meta").fetchall())
            if found.get("format", FORMAT) != FORMAT:
                raise _ForeignStoreError(f"made by another version ({found['format']})")
            if not found and not self.readonly:
                db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))  # autocommit
            self.saved_ns = int(found.get("saved_ns", 0))
        except BaseException:
            db.close()
            raise
        return db

    def commit(self) -> None:
        """Make every change of this build durable at once."""
        if self.readonly:
            return
        self.saved_ns = time.time_ns()
        self._write("INSERT OR REPLACE INTO meta VALUES ('saved_ns', ?)", [(self.saved_ns,)])
        self._db.execute("COMMIT")
        self._kept_ns = self.saved_ns  # the letters kept are those just committed

    def rollback(self) -> None:
        """Forget every change since the last commit."""
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
            self._kept = None

    def reader(self) -> Store:
        """A connection of its own for a worker process; this store itself if in memory."""
        return Store(self.path, readonly=True) if self.path is not None else self

    def close(self) -> None:
        try:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
        finally:
            self._db.close()

    def is_racy(self, stamp: Stamp | None) -> bool:
        """True if a file with this stamp may have changed within the same clock tick."""
        return stamp is not None and stamp[1] >= self.saved_ns - RACY_NS

    # letters

    def letters(self) -> dict[str, StoredLetter]:
        """Every stored letter file by path, without the full parses."""
        row = self._db.execute("SELECT value FROM meta WHERE name = 'saved_ns'").fetchone()
        self.saved_ns = int(row[0]) if row else 0  # another process may have built since
        if self._kept is not None and self._kept_ns == self.saved_ns:
            return dict(self._kept)
        rows = self._db.execute("SELECT path, key, stamps, head FROM letters")
        found = {}
        for path, key, stamps, head in rows:
            head_record, diagnostics = loads(head)
            found[path] = StoredLetter(key, loads(stamps), head_record, diagnostics)
        if self.keep_letters:
            self._kept, self._kept_ns = dict(found), self.saved_ns
        return found

    def put_letter(
        self,
        path: str,
        key: str,
        stamps: tuple[Stamp | None, Stamp | None],
        head: bytes,
        facets: bytes,
        full: bytes,
        search: bytes,
        stored: StoredLetter | None = None,
    ) -> None:
        """Keep a letter's parse; `stored` is its head as `letters` gives it, if at hand."""
        if self._kept is not None:
            if stored is None:
                self._kept = None
            else:
                self._kept[path] = stored
        self._write(
            "INSERT OR REPLACE INTO letters VALUES (?, ?, ?, ?)", [(path, key, dumps(stamps), head)]
        )
        self._write(
            "INSERT OR REPLACE INTO texts VALUES (?, ?, ?, ?)", [(path, facets, full, search)]
        )

    def put_stamps(self, path: str, stamps: tuple[Stamp | None, Stamp | None]) -> None:
        if self._kept is not None and path in self._kept:
            self._kept[path] = dataclasses.replace(self._kept[path], stamps=stamps)
        self._write("UPDATE letters SET stamps = ? WHERE path = ?", [(dumps(stamps), path)])

    def drop_letters(self, paths: Iterable[str]) -> None:
        gone = [(p,) for p in paths]
        for (path,) in gone:
            if self._kept is not None:
                self._kept.pop(path, None)
        self._write("DELETE FROM letters WHERE path = ?", gone)
        self._write("DELETE FROM texts WHERE path = ?", gone)

    def full_letters(self, paths: Iterable[str]) -> Iterator[records.Letter]:
        """The full parses of these letter files, in the order asked."""
        for path in paths:
            row = self._db.execute("SELECT full FROM texts WHERE path = ?", (path,)).fetchone()
            if row is not None:
                yield unpack(row[0])

    def facets(self, paths: Iterable[str] | None = None) -> dict[str, records.LetterFacets]:
        """Letter path -> its facets, for these paths (all if None)."""
        if paths is None:
            rows = self._db.execute("SELECT path, facets FROM texts").fetchall()
        else:
            rows = []
            for path in paths:
                rows += self._db.execute(
                    "SELECT path, facets FROM texts WHERE path = ?", (path,)
                ).fetchall()
        return {path: unpack(blob) for path, blob in rows}

    def search_pieces(self, paths: Iterable[str]) -> dict[str, Any]:
        """Letter path -> its search piece (see `search.letter_piece`)."""
        found = {}
        for path in paths:
            row = self._db.execute("SELECT search FROM texts WHERE path = ?", (path,)).fetchone()
            if row is not None:
                found[path] = unpack(row[0])
        return found

    # outputs

    def previous(self, folder: str) -> PreviousOutputs:
        """What the last build wrote into `folder`, looked up file by file or kind by kind."""
        return PreviousOutputs(self._db, folder)

    def put_outputs(self, folder: str, made: Mapping[str, tuple[str, str, str]]) -> None:
        self._write(
            "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?)",
            [(folder, path, *record) for path, record in made.items()],
        )

    def drop_outputs(self, folder: str, paths: Iterable[str] | None = None) -> None:
        if paths is None:
            self._write("DELETE FROM outputs WHERE folder = ?", [(folder,)])
        else:
            self._write(
                "DELETE FROM outputs WHERE folder = ? AND path = ?", [(folder, p) for p in paths]
            )

    # pieces and build records

    def piece(self, name: str) -> Any:
        row = self._db.execute("SELECT value FROM pieces WHERE name = ?", (name,)).fetchone()
        return None if row is None else loads(row[0])

    def put_piece(self, name: str, value: object) -> None:
        self._write("INSERT OR REPLACE INTO pieces VALUES (?, ?)", [(name, dumps(value))])

    def drop_pieces(self, prefix: str) -> None:
        self._write(
            "DELETE FROM pieces WHERE name >= ? AND name < ?", [(prefix, prefix + "\uffff")]
        )

    def last_build(self, folder: str) -> BuildRecord | None:
        row = self._db.execute("SELECT record FROM builds WHERE folder = ?", (folder,)).fetchone()
        record = None if row is None else loads(row[0])
        return record if isinstance(record, BuildRecord) else None

    def put_build(self, folder: str, record: BuildRecord | None) -> None:
        if record is None:
            self._write("DELETE FROM builds WHERE folder = ?", [(folder,)])
        else:
            self._write("INSERT OR REPLACE INTO builds VALUES (?, ?)", [(folder, dumps(record))])

    def _write(self, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
        """Change the store; a read-only store (`epistola check`) ignores changes.

        The first change opens the transaction that `commit` ends, so that between builds
        (a waiting `serve`) the store is not held.
        """
        if self.readonly:
            return
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
        self._db.executemany(sql, rows)


class PreviousOutputs:
    """The files the last build wrote into one folder: (fingerprint, digest, kind) of each.

    Looked up one path or one kind at a time, so a build that makes three files reads three
    rows, not the records of the whole site."""

    def __init__(self, db: sqlite3.Connection, folder: str) -> None:
        self._db = db
        self._folder = folder
        self._found: dict[str, tuple[str, str, str] | None] = {}
        self._pages: dict[str, str] | None = None

    def __bool__(self) -> bool:
        row = self._db.execute("SELECT 1 FROM outputs WHERE folder = ? LIMIT 1", (self._folder,))
        return row.fetchone() is not None

    def get(self, path: str) -> tuple[str, str, str] | None:
        if path not in self._found:
            row = self._db.execute(
                "SELECT fingerprint, digest, kind FROM outputs WHERE folder = ? AND path = ?",
                (self._folder, path),
            ).fetchone()
            self._found[path] = (row[0], row[1], row[2]) if row else None
        return self._found[path]

    def fingerprint(self, path: str) -> str | None:
        found = self.get(path)
        return found[0] if found else None

    def digest(self, path: str) -> str | None:
        found = self.get(path)
        return found[1] if found else None

    def of_kinds(self, kinds: Iterable[str]) -> dict[str, str]:
        """Path -> kind of every file of these kinds."""
        found: dict[str, str] = {}
        for kind in set(kinds):
            rows = self._db.execute(
                "SELECT path FROM outputs WHERE folder = ? AND kind = ?", (self._folder, kind)
            )
            found.update((path, kind) for (path,) in rows)
        return found

    def pages(self) -> dict[str, str]:
        """Path -> kind of every HTML page (read once)."""
        if self._pages is None:
            rows = self._db.execute(
                "SELECT path, kind FROM outputs WHERE folder = ? AND path LIKE '%.html'",
                (self._folder,),
            )
            self._pages = dict(rows.fetchall())
        return self._pages


class StoredFacets(Mapping[str, records.LetterFacets]):
    """The facets of every letter: those parsed by this build, the rest read from the store
    on first use (a build that remakes no index never reads them)."""

    def __init__(
        self, store: Store, paths: Iterable[str], fresh: Mapping[str, records.LetterFacets]
    ) -> None:
        self._store = store
        self._paths = list(paths)
        self._found = dict(fresh)
        self._complete = False

    def __getitem__(self, path: str) -> records.LetterFacets:
        if path not in self._found and not self._complete:
            stored = self._store.facets()
            self._found = {**stored, **self._found}
            self._complete = True
        return self._found[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


class _ForeignStoreError(Exception):
    """The store was made by other code."""


def _memory() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
    return db


def _set_aside(path: Path, problem: Exception) -> str:
    """Move an unusable store out of the way, so the next build starts a new one."""
    aside = path.with_name(f"{path.name}.unusable-{time.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        with suppress(OSError):
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    reason = "locked by another program" if "locked" in str(problem) else str(problem)
    return f"the build store {path.name} could not be used ({reason}); it was moved to {aside.name}"


def open_store(root: Path, *, readonly: bool = False) -> Store:
    """The store of the edition in `root` (a new, empty one if there is none)."""
    return Store(root / CACHE_DIR / STORE_NAME, readonly=readonly)


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
