"""Small editions in German and French, for the tests of the interface's language."""

from __future__ import annotations

from pathlib import Path

from conftest import write_edition
from epistola.cli import main

PEOPLE = """\
weber:
  name: Clara Weber
  sort: Weber, Clara
  aliases: [Clara Weber]
  born: 1860
  died: 1931
  about: Lehrerin in Jena.
roux:
  name: Henri Roux
  sort: Roux, Henri
  aliases: [Henri Roux]
  about: Botaniker in Lyon.
brandt:
  name: Paul Brandt
  sort: Brandt, Paul
  aliases: [Paul Brandt]
"""
PLACES = """\
jena:
  name: Jena
  aliases: [Jena]
  about: Stadt an der Saale.
"""


def letters(*, language: str, extra: str = "") -> dict[str, str]:
    """Four letters whose dates are a day, a span of days, about a month and an uncertain
    day; the second goes to two people and says that it is in French, and the first is
    written at a place."""
    return {
        "edition.yaml": (
            f"title: Briefe aus Jena\nlanguage: {language}\neditors:\n  - Anna Muster\n"
            "  - Ben Beispiel\nbase_url: https://example.org/jena/\nversion: 1.0\n"
            f"released: 2026-03-01\n{extra}"
        ),
        "notes/people.yaml": PEOPLE,
        "notes/places.yaml": PLACES,
        "letters/001.md": (
            "---\nnumber: 1\ndate: 1899-01-04\nfrom: weber\nto: [roux]\nplace: jena\n---\n"
            "Lieber Herr Roux,\n\nder Winter ist streng, und die Pflanzen warten.[^1]\n\n"
            "Ihre Clara Weber\n"
        ),
        "notes/001.md": "1. Gemeint sind die Farne des Gartens.\n",
        "letters/002.md": (
            "---\nnumber: 2\ndate: 1899-07-01/1899-07-07\nfrom: roux\nto: [weber, brandt]\n"
            "language: fr\n---\nChère Madame,\n\nles graines sont parties hier.\n\nHenri Roux\n"
        ),
        "letters/003.md": (
            "---\nnumber: 3\ndate: 1899-09~\nfrom: weber\nto: [roux]\n---\n"
            "Lieber Herr Roux,\n\ndie Samen sind gekommen, und Paul Brandt lässt grüßen.\n"
        ),
        "letters/004.md": (
            "---\nnumber: 4\ndate: 1900-02-11?\nfrom: roux\nto: [weber]\n---\n"
            "Chère Madame,\n\nmerci pour les nouvelles de Clara Weber.\n"
        ),
    }


def build_edition(root: Path, files: dict[str, str]) -> Path:
    """Write the edition into `root`, build it, and return its site folder."""
    write_edition(root, files)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    return root / "site"
