"""The IIIF documents of the site: an image's `info.json`, a letter's manifest.

An image's `info.json` (Image API 3.0, level 0) names the tiles and sizes that
`tiles.py` made; its `id` is the published address of the image, `iiif/<digest>`.
A letter's manifest (Presentation 3.0) has a canvas of each image, with its size, its
image as painting annotation and its IIIF service, a thumbnail, and the pages that the
text's page breaks start as ranges, so any IIIF viewer shows the letter page by page.
Both are written as plain JSON, sorted and indented alike in every build.
"""

from __future__ import annotations

import json
import math
from typing import Any

from epistola.core.records import Facsimile, FacsimileImage
from epistola.facsimile.tiles import TILE_SIZE, thumbnail_size

IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
IMAGE_FOLDER = "iiif"
"""The site's folder of images (`iiif/<digest>/`) and manifests (`iiif/<n>/manifest.json`)."""


def image_path(image: FacsimileImage) -> str:
    """The image's folder in the site."""
    return f"{IMAGE_FOLDER}/{image.digest}"


def manifest_path(number: int) -> str:
    """The path of a letter's manifest in the site."""
    return f"{IMAGE_FOLDER}/{number}/manifest.json"


def full_path(image: FacsimileImage) -> str:
    """The whole image at full size, in the site."""
    return f"{image_path(image)}/full/{image.width},{image.height}/0/default.jpg"


def thumbnail_path(image: FacsimileImage) -> str:
    """The image's thumbnail, in the site."""
    w, h = thumbnail_size(image.width, image.height)
    return f"{image_path(image)}/full/{w},{h}/0/default.jpg"


def scale_factors(width: int, height: int) -> list[int]:
    """The scales of the tiles, as libvips makes them: halved until one tile holds all."""
    levels = max(1, math.ceil(math.log2(max(width, height) / TILE_SIZE)) + 1)
    return [2**level for level in range(levels)]


def info_json(image: FacsimileImage, base_url: str) -> dict[str, Any]:
    """The Image API 3.0 level-0 description of one image."""
    thumb = thumbnail_size(image.width, image.height)
    return {
        "@context": IMAGE_CONTEXT,
        "id": base_url + image_path(image),
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": image.width,
        "height": image.height,
        "sizes": [
            {"width": thumb[0], "height": thumb[1]},
            {"width": image.width, "height": image.height},
        ],
        "tiles": [{"width": TILE_SIZE, "scaleFactors": scale_factors(image.width, image.height)}],
    }


def manifest(
    number: int, label: str, facsimile: Facsimile, base_url: str, language: str
) -> dict[str, Any]:
    """The Presentation 3.0 manifest of one letter's images."""
    home = base_url + manifest_path(number)[: -len("manifest.json")]
    canvases = [
        _canvas(i, image, home, base_url, number, len(facsimile.images), language)
        for i, image in enumerate(facsimile.images, 1)
    ]
    document: dict[str, Any] = {
        "@context": PRESENTATION_CONTEXT,
        "id": base_url + manifest_path(number),
        "type": "Manifest",
        "label": {language: [label]},
        "homepage": [
            {
                "id": f"{base_url}letters/{number}.html",
                "type": "Text",
                "label": {language: [label]},
                "format": "text/html",
            }
        ],
        "thumbnail": [_image_resource(facsimile.images[0], base_url, thumbnail=True)],
        "items": canvases,
    }
    ranges = [
        {
            "id": f"{home}range/page-{page}",
            "type": "Range",
            "label": {language: [f"Page {page}"]},
            "items": [{"id": f"{home}canvas/{image}", "type": "Canvas"}],
        }
        for page, image, _ in facsimile.breaks
        if image
    ]
    if ranges:
        document["structures"] = ranges
    return document


def _canvas(
    position: int,
    image: FacsimileImage,
    home: str,
    base_url: str,
    number: int,
    count: int,
    language: str,
) -> dict[str, Any]:
    canvas = f"{home}canvas/{position}"
    return {
        "id": canvas,
        "type": "Canvas",
        "label": {language: [f"Letter {number}, image {position} of {count}"]},
        "width": image.width,
        "height": image.height,
        "thumbnail": [_image_resource(image, base_url, thumbnail=True)],
        "items": [
            {
                "id": f"{canvas}/page",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas}/page/painting",
                        "type": "Annotation",
                        "motivation": "painting",
                        "body": _image_resource(image, base_url, thumbnail=False),
                        "target": canvas,
                    }
                ],
            }
        ],
    }


def _image_resource(image: FacsimileImage, base_url: str, *, thumbnail: bool) -> dict[str, Any]:
    width, height = (
        thumbnail_size(image.width, image.height) if thumbnail else (image.width, image.height)
    )
    path = thumbnail_path(image) if thumbnail else full_path(image)
    return {
        "id": base_url + path,
        "type": "Image",
        "format": "image/jpeg",
        "width": width,
        "height": height,
        "service": [
            {"id": base_url + image_path(image), "type": "ImageService3", "profile": "level0"}
        ],
    }


def to_bytes(document: dict[str, Any]) -> bytes:
    """A IIIF document as the site holds it."""
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
