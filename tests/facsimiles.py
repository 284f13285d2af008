"""Page images drawn for the tests, and a small edition with facsimiles.

A page is light paper with dark lines of "text" (bars), and a large dark number block
in its top left corner whose width tells the page: so a tile can be checked by pixel.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from conftest import letter_source, write_edition

PAPER = (236, 228, 208)
INK = (40, 30, 20)


def draw_page(path: Path, page: int, size: tuple[int, int] = (900, 1300)) -> Path:
    """A page image with lines of text and a block `page` × 40 pixels wide at (40, 40)."""
    width, height = size
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 40 + page * 40, 100), fill=INK)
    for y in range(160, height - 60, 48):
        draw.rectangle((60, y, width - 60 - (y * 7) % 200, y + 14), fill=INK)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=92) if path.suffix == ".jpg" else image.save(path)
    return path


BODY = """\
{pb}Dear Bob,

The {--old--}{++new++}{above} plan is {==settled==}; the {??ferry??} leaves at noon.{pb}
We go on the second page.

{pb}A third page, {++written in the margin++}{margin}.

Alice
"""


def facsimile_edition(root: Path, pages: int = 3, *, body: str = BODY) -> Path:
    """An edition of two letters: letter 1 with `pages` page images and marks, letter 2
    with neither."""
    write_edition(
        root,
        {
            "letters/001.md": letter_source(1, body),
            "letters/002.md": letter_source(2, "Dear Bob,\n\nA plain letter.\n"),
        },
    )
    for page in range(1, pages + 1):
        draw_page(root / "facsimiles" / "001" / f"{page:02d}.jpg", page)
    return root
