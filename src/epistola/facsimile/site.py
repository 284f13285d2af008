"""The site's files of the page images, and what a letter's page and exports need of them.

Each image is published once, at `iiif/<digest>/`, however many letters show it: its
kept tiles as they are, and an `info.json` with the site's address. The files of an
image are of the kind `facsimile`; an image a build keeps (same digest, same address)
is neither read nor written again: its files count as made with the last build's
digests. An image no letter shows any more is removed with its files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from epistola.core.records import FacsimileImage, Letter, Page
from epistola.facsimile.iiif import (
    full_path,
    image_path,
    info_json,
    manifest,
    manifest_path,
    thumbnail_path,
    to_bytes,
)
from epistola.facsimile.images import tiles_folder
from epistola.facsimile.tiles import DONE, thumbnail_size
from epistola.state.fingerprint import digest
from epistola.state.store import PreviousOutputs

KIND = "facsimile"
"""The kind, in the store's outputs, of every file of a published image."""

Add = Callable[[Page], str]
"""Stage a file if its bytes changed; the digest of its bytes."""
Keep = Callable[[str, tuple[str, str, str]], None]
"""Count a file of the last build as made again, unchanged."""


def image_files(
    root: Path,
    images: Iterable[FacsimileImage],
    *,
    base_url: str,
    previous: PreviousOutputs,
    full: bool,
    add: Add,
    keep: Keep,
) -> dict[str, tuple[str, str, str]]:
    """Publish each image once; path -> (fingerprint, digest, kind) of every file."""
    made: dict[str, tuple[str, str, str]] = {}
    for image in {image.digest: image for image in images}.values():
        fingerprint = digest(image.digest, base_url)
        info = f"{image_path(image)}/info.json"
        known = None if full else previous.get(info)
        if known is not None and known[0] == fingerprint:
            for path in _tile_paths(root, image):
                kept = previous.get(path)
                if kept is None:
                    break
                keep(path, kept)
                made[path] = kept
            else:
                keep(info, known)
                made[info] = known
                continue
        info_page = Page(info, to_bytes(info_json(image, base_url)))
        made[info] = (fingerprint, add(info_page), KIND)
        folder = tiles_folder(root, image.digest)
        for path in _tile_paths(root, image):
            content = (folder / path[len(image_path(image)) + 1 :]).read_bytes()
            made[path] = (fingerprint, add(Page(path, content)), KIND)
    return made


def _tile_paths(root: Path, image: FacsimileImage) -> list[str]:
    """The site's paths of the kept files of an image, sorted."""
    folder = tiles_folder(root, image.digest)
    found = []
    for parent, _, files in os.walk(folder):
        inside = os.path.relpath(parent, folder).replace(os.sep, "/")
        prefix = image_path(image) + ("" if inside == "." else f"/{inside}")
        found += [f"{prefix}/{name}" for name in files if name != DONE]
    return sorted(found)


def manifest_page(letter: Letter, *, base_url: str, language: str) -> list[Page]:
    """A letter's IIIF manifest, if it has images."""
    if letter.facsimile is None or not letter.facsimile.images:
        return []
    label = f"Letter {letter.number}"
    document = manifest(letter.number, label, letter.facsimile, base_url, language)
    return [Page(manifest_path(letter.number), to_bytes(document))]


@dataclass(frozen=True, slots=True)
class ShownPage:
    """One image as the letter's page shows it."""

    number: int
    """Its place among the letter's images, from 1."""
    description: str
    """`Letter 33, page 2 of 4`: its text alternative."""
    thumbnail: str
    """Relative to the letter's page."""
    thumbnail_width: int
    thumbnail_height: int
    full: str
    """The whole image, relative to the letter's page."""
    tiles: str
    """Its tile source for the viewer, as JSON: the `info.json` with a relative `id`."""


def shown_pages(letter: Letter) -> list[ShownPage]:
    """The images of a letter's page, in order."""
    if letter.facsimile is None:
        return []
    images = letter.facsimile.images
    pages = []
    for i, image in enumerate(images, 1):
        source: dict[str, Any] = info_json(image, "../")
        del source["sizes"]  # OpenSeadragon takes a short list of sizes for its levels
        pages.append(
            ShownPage(
                i,
                f"Letter {letter.number}, page {i} of {len(images)}",
                f"../{thumbnail_path(image)}",
                *thumbnail_size(image.width, image.height),
                f"../{full_path(image)}",
                json.dumps(source, sort_keys=True),
            )
        )
    return pages


def wanted_images(found: Mapping[str, tuple[FacsimileImage, ...]]) -> list[FacsimileImage]:
    """Every image of the edition, once, in a fixed order."""
    unique = {image.digest: image for images in found.values() for image in images}
    return [unique[key] for key in sorted(unique)]
