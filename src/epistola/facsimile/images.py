"""`facsimiles/<letter>/` -> each letter's page images, checked and tiled once per content.

A letter's images are the JPEG, PNG and TIFF files in the folder named like its file
(`facsimiles/031/` for `letters/031.md`), in the order of their names. Each file is
known by the digest of its bytes: a file whose stamp did not change is not read again,
and content already tiled (under any name, for any letter) is not tiled again, so an
edit of a letter's text, or a renamed image, tiles nothing.

What cannot be used is reported at the file and left out; the rest of the edition
builds: a file that is no image, a truncated one, one claiming more pixels than a page
could have, a link or a folder among the images, a folder with no letter.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from epistola.core.diagnostics import Report
from epistola.core.records import FacsimileImage, Location
from epistola.facsimile.tiles import DONE, ImageError, read_header, tile
from epistola.parse.sources import find_letter_files
from epistola.state.fingerprint import bytes_digest
from epistola.state.stamps import Stamp, stamp_of
from epistola.state.store import CACHE_DIR, Store

FOLDER = "facsimiles"
"""The edition's folder of page images, one folder a letter inside."""
SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff"})
"""The kinds of image file taken, by name."""
TILES = "facsimiles"
"""The folder of tiled images in `.epistola-cache/`, one folder a digest."""


@dataclass(frozen=True, slots=True)
class _Known:
    """What the last build learnt of one file: its stamp, and its image or its problem."""

    stamp: Stamp
    image: FacsimileImage | None
    problem: str | None


def tiles_folder(root: Path, digest: str) -> Path:
    """Where the tiles of the image with `digest` are kept."""
    return root / CACHE_DIR / TILES / digest


def find_facsimiles(
    root: Path,
    *,
    store: Store,
    report: Report,
    make_tiles: bool = True,
) -> dict[str, tuple[FacsimileImage, ...]]:
    """The usable images of each letter (by file stem) that has any; report the rest.

    With `make_tiles` (a build, not a check) every usable image is tiled, so that a
    damaged one is found out.
    """
    found: dict[str, tuple[FacsimileImage, ...]] = {}
    entries = _entries(root / FOLDER)
    letters = {path.stem for path in find_letter_files(root)} if entries else set()
    for entry in entries:
        where = f"{FOLDER}/{entry.name}"
        if not entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith("."):
                _skip(report, where, "a file beside the letters' folders of facsimiles")
            continue
        if entry.name not in letters:
            report.warning(
                Location(where, 1),
                "facsimile.no-letter",
                f"'{where}/' is named for no letter: there is no letters/{entry.name}.md",
            )
            continue
        images = []
        for image in _entries(Path(entry.path)):
            known = _image(root, image, f"{where}/{image.name}", store, report, make_tiles)
            if known is not None:
                images.append(known)
        if images:
            found[entry.name] = tuple(images)
    return found


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        return sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return []


def _image(
    root: Path,
    entry: os.DirEntry[str],
    where: str,
    store: Store,
    report: Report,
    make_tiles: bool,
) -> FacsimileImage | None:
    if entry.name.startswith("."):
        return None
    if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
        _skip(report, where, "a link or a folder, not an image file")
        return None
    if Path(entry.name).suffix.lower() not in SUFFIXES:
        _skip(report, where, "not named as a JPEG, PNG or TIFF file (.jpg, .png, .tif)")
        return None
    stamp = stamp_of(entry.path)
    known = store.piece(f"facsimile:{where}")
    if not (isinstance(known, _Known) and known.stamp == stamp and not store.is_racy(stamp)):
        known = _check(root, Path(entry.path), entry.name, stamp, store, make_tiles)
        if make_tiles or known.problem is None:
            store.put_piece(f"facsimile:{where}", known)
    if known.problem is not None:
        _skip(report, where, known.problem)
        return None
    image = known.image
    if make_tiles and image is not None and not (tiles_folder(root, image.digest) / DONE).is_file():
        known = _check(root, Path(entry.path), entry.name, stamp, store, make_tiles)  # cache gone
        if known.problem is not None:
            _skip(report, where, known.problem)
            return None
    return known.image


def _check(
    root: Path, path: Path, name: str, stamp: Stamp | None, store: Store, make_tiles: bool
) -> _Known:
    """Read, check and (for a build) tile one image file."""
    try:
        content = path.read_bytes()
    except OSError as error:
        return _Known(stamp or (0, 0, 0), None, f"cannot be read ({error.strerror})")
    digest = bytes_digest(content)
    del content
    try:
        header = read_header(path)
        if make_tiles:
            tile(path, tiles_folder(root, digest))
    except ImageError as problem:
        return _Known(stamp or (0, 0, 0), None, str(problem))
    image = FacsimileImage(name, digest, header.width, header.height)
    return _Known(stamp or (0, 0, 0), image, None)


def _skip(report: Report, where: str, why: str) -> None:
    report.warning(Location(where, 1), "facsimile.image", f"{why}; left out of the facsimile")
