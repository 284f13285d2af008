"""Fingerprints: short, stable hashes of plain values, of bytes, and of epistola's code."""

from __future__ import annotations

import hashlib
from pathlib import Path

from epistola import __version__

_CODE: list[str] = []


def code_fingerprint() -> str:
    """epistola's version and the hash of its own source files: state made by other code,
    even by an unreleased change, is not used."""
    if not _CODE:
        package = Path(__file__).parent.parent  # the whole epistola package
        files = sorted(p for p in package.rglob("*") if p.suffix in {".py", ".json"})
        _CODE.append(digest(__version__, *(p.read_bytes() for p in files)))
    return _CODE[0]


def digest(*parts: object) -> str:
    """A short, stable hash of plain values (strings, numbers, tuples of them)."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def bytes_digest(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=16).hexdigest()
