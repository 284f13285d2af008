"""One page image -> IIIF Image API 3.0 level-0 tiles, made by libvips and kept by digest.

libvips (`dzsave` with the `iiif3` layout) reads the image as a stream and writes the
tiles of every scale in one pass, so a page of 2,500 × 3,500 pixels is tiled in a
fraction of a second in a few tens of megabytes. The folder it makes is the image's
path in the site less its `info.json`, whose `id` is the published address and so is
written with the site (`iiif.py`). Beside the tiles go a thumbnail and the whole image
at full size (`full/<w>,<h>/0/default.jpg`), both listed as `sizes` in the `info.json`,
for readers without JavaScript and for viewers that ask for a size.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TILE_SIZE = 512
"""The width and height of a tile, in pixels of its scale."""
THUMBNAIL_WIDTH = 240
"""The width of a thumbnail, in pixels."""
MAX_PIXELS = 200_000_000
"""The most pixels an image may claim: more is refused unread (a decompression bomb)."""
QUALITY = 85
"""JPEG quality of the tiles."""
DONE = ".done"
"""Written last in a tiled folder: a folder without it was left by a killed build."""


@dataclass(frozen=True, slots=True)
class Header:
    """What an image file says of itself before it is decoded."""

    width: int
    height: int


class ImageError(Exception):
    """An image file that cannot be used; the message says why, for the editor."""


def read_header(path: Path) -> Header:
    """The image's size, from its header; `ImageError` if it is no usable image."""
    import pyvips

    try:
        image = pyvips.Image.new_from_file(str(path), access="sequential")
        width, height = int(image.width), int(image.height)
    except pyvips.Error as error:
        raise ImageError("not a JPEG, PNG or TIFF image that can be read") from error
    if width * height > MAX_PIXELS:
        raise ImageError(
            f"the image claims {width} × {height} pixels, more than the {MAX_PIXELS:,}"
            " a page image may have; scale it down"
        )
    return Header(width, height)


def thumbnail_size(width: int, height: int) -> tuple[int, int]:
    """The size of an image's thumbnail."""
    thumb = min(THUMBNAIL_WIDTH, width)
    return thumb, max(1, round(height * thumb / width))


def tile(path: Path, folder: Path) -> None:
    """Tile the image at `path` into `folder` (made whole or not at all).

    `ImageError` if the image cannot be decoded to its end (a truncated file).
    """
    import pyvips

    if (folder / DONE).is_file():
        return
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        image = pyvips.Image.new_from_file(str(path), access="sequential", fail_on="truncated")
        image = _as_rgb(image)
        suffix = f".jpg[Q={QUALITY},strip]"
        image.dzsave(
            str(partial / "tiles"),
            layout="iiif3",
            tile_size=TILE_SIZE,
            overlap=0,
            suffix=suffix,
            id="tiles",
        )
        _sized(path, partial / "tiles", image.width, image.height, suffix)
    except pyvips.Error as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise ImageError(
            "the image cannot be read to its end (a truncated or damaged file)"
        ) from error
    tiles = partial / "tiles"
    (tiles / "info.json").unlink(missing_ok=True)  # written with the site's address
    (tiles / DONE).touch()
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(tiles, folder)
    shutil.rmtree(partial, ignore_errors=True)


def _as_rgb(image: Any) -> Any:
    """The image as 8-bit sRGB without alpha, which JPEG tiles hold."""
    if image.hasalpha():
        image = image.flatten(background=255)
    if image.interpretation not in ("srgb", "b-w"):
        image = image.colourspace("srgb")
    if image.format != "uchar":
        image = image.cast("uchar")
    return image


def _sized(path: Path, tiles: Path, width: int, height: int, suffix: str) -> None:
    """The thumbnail and the full image, at the paths IIIF gives their sizes."""
    import pyvips

    for w, h in (thumbnail_size(width, height), (width, height)):
        target = tiles / "full" / f"{w},{h}" / "0"
        target.mkdir(parents=True, exist_ok=True)
        image = pyvips.Image.thumbnail(str(path), w, height=h, size="force")
        _as_rgb(image).write_to_file(str(target / "default") + suffix)
