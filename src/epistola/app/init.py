"""`epistola init`: a new edition that builds at once, to be filled in by its editors.

It holds `edition.yaml` with placeholders in angle brackets (which `epistola check` names
until they are replaced), one example letter with a note, the register with its writer
and addressee, a `.gitignore` and a short README. The theme stays in the package; the
edition's `templates/` is made only when a file of the theme is copied to be changed.
"""

from __future__ import annotations

from pathlib import Path

from epistola.core.config import CONFIG_NAME
from epistola.core.diagnostics import EpistolaError

TITLE_PLACEHOLDER = "<the title of the edition>"

EDITION = """\
# What the edition says about itself: shown on its pages, in citations and in the exports.
# Replace every value in <angle brackets>; `epistola check` names those still left.
title: {title}
editors:
  - <your name>
source: <the printed or archival source the letters are edited from>
language: en
base_url: https://<the address the site will be published at>/
licence: <the licence of the edition, such as CC BY 4.0>
version: 0.1.0
# released: 2026-01-31   (the date of this version, once it is published)
"""

LETTER = """\
---
number: 1
date: 1889-05-02
dated: 2 May 1889
from: hale
to: [ward]
---
Dear Ward,

This is an example letter: replace it with the first letter of the edition.
The raised number at the end of this sentence is the marker of note 1.[^1]
Words in square brackets are the editors' own, as in "the [second] parcel",
and a mention that no alias in the register finds can be tagged with the
person's id, as [my correspondent]{person=ward} is here.

Yours ever,
Edith Hale

2 May 1889
"""

NOTES = """\
1. An editorial note. The notes of a letter are a numbered list in the file of
   the same name in notes/, one item for each marker in the letter. A note can
   name a date, such as 14 May 1889, and the chronology will list it.
"""

PEOPLE = """\
# The register of people. Letters name a person by the id (from: hale, to: [ward],
# [text]{person=ward}); the aliases are the names found in letters and notes.
hale:
  name: Edith Hale
  sort: Hale, Edith
  aliases: [Edith Hale]
  about: The writer of the example letter, made up for it.
ward:
  name: Thomas Ward
  sort: Ward, Thomas
  aliases: [Thomas Ward, Ward]
  about: The addressee of the example letter, made up for it.
"""

GITIGNORE = """\
/site/
/.epistola-cache/
"""

README = """\
# {title}

An edition of letters made with epistola. Its theme (the templates and styles of the
pages) comes with epistola; `templates/` holds only what this edition changes.

| file | what |
|---|---|
| `edition.yaml` | the edition's title, editors, source, address and licence |
| `letters/001.md` | one letter: its metadata between `---` lines, then its text |
| `notes/001.md` | the editorial notes of letter 1, a numbered list |
| `notes/people.yaml` | the register of people |
| `templates/` | (made when you need it) your changes to the theme |

```sh
epistola serve          # see the edition at http://127.0.0.1:8000/ while you work
epistola new 2          # start letters/002.md and notes/002.md
epistola check          # report every problem, write nothing
epistola build          # write the site into site/
```

Every file and mark of the sources (markers such as `[^1]`, insertions in square
brackets, tags, cross-references such as "note 2 to letter 31", the register, every
key of `edition.yaml`) is described in epistola's format reference, `docs/format.md`
in epistola's source. `epistola theme list` shows the files of the theme, and
`epistola theme copy letter.html` copies one into `templates/` for you to change.
Commit `anchors.lock` after each build: it keeps published links from breaking.
"""


def init_edition(folder: Path, *, title: str | None) -> list[Path]:
    """Write a new edition into `folder` (made if missing); return the files, in order.

    Raises EpistolaError, writing nothing, if `folder` is an edition already or holds
    any of the files.
    """
    files = _files(title.strip() if title and title.strip() else None)
    if folder.exists() and not folder.is_dir():
        raise EpistolaError(f"{folder} is a file; choose a new or an empty folder")
    if (folder / CONFIG_NAME).exists():
        raise EpistolaError(f"{folder} is an edition already ({CONFIG_NAME}); nothing was written")
    there = [name for name in files if (folder / name).exists()]
    if there:
        raise EpistolaError(
            f"{folder} already holds {', '.join(there)}; nothing was written,"
            " so choose a new or an empty folder"
        )
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _files(title: str | None) -> dict[str, str]:
    return {
        CONFIG_NAME: EDITION.format(title=_yaml_text(title) if title else TITLE_PLACEHOLDER),
        "letters/001.md": LETTER,
        "notes/001.md": NOTES,
        "notes/people.yaml": PEOPLE,
        ".gitignore": GITIGNORE,
        "README.md": README.format(title=title or "A new edition"),
    }


def _yaml_text(text: str) -> str:
    """`text` as a YAML scalar on one line: quoted, so that no character means more."""
    escaped = " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
