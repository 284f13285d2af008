"""The page images of the letters: found, checked, tiled once, published as static IIIF.

- `images.py`: `facsimiles/<letter>/` -> the letter's images (name, digest, size), each
  checked and tiled once per content; what is wrong with a file is reported at it.
- `tiles.py`: one image -> IIIF Image API 3.0 level-0 tiles, a thumbnail and the full
  image, kept in `.epistola-cache/facsimiles/<digest>/`.
- `iiif.py`: the `info.json` of an image and the Presentation 3.0 manifest of a letter.
- `site.py`: the site's files of the images: the kept tiles, and an `info.json` each.
"""
