"""A letter's images as the TEI `<facsimile>` its `<pb facs>` point into."""

from __future__ import annotations

from epistola.core.records import Letter
from epistola.core.xmlwrite import holder, tag
from epistola.facsimile.iiif import full_path


def facsimile_tei(letter: Letter, base_url: str) -> str | None:
    """`<facsimile>` with a `<surface xml:id="facs-N">` for each image, or None.

    An outside IIIF resource named in the front matter is a `<graphic>` of its own."""
    if letter.facsimile is None:
        return None
    outside = letter.facsimile.outside
    if not letter.facsimile.images:
        if outside is None:
            return None
        return holder("facsimile", [tag("graphic", url=outside, mimeType=_JSON_LD)], 1)
    surfaces = []
    for i, image in enumerate(letter.facsimile.images, 1):
        graphic = tag(
            "graphic",
            url=base_url + full_path(image),
            width=f"{image.width}px",
            height=f"{image.height}px",
        )
        surfaces.append(
            holder(
                "surface",
                [graphic],
                2,
                **{"xml:id": f"facs-{i}", "ulx": "0", "uly": "0"},
                lrx=str(image.width),
                lry=str(image.height),
            )
        )
    if outside is not None:
        surfaces.append(tag("graphic", url=outside, mimeType=_JSON_LD))
    return holder("facsimile", surfaces, 1)


_JSON_LD = "application/ld+json"
"""How a IIIF manifest or image service is served."""
