"""The theme: the default one packaged with epistola, overridden by the edition's templates/.

Every template and static file is looked up first in the edition's `templates/` folder,
then in the packaged theme, so a file there replaces the theme's file of the same name
and a new file adds to the theme. A template can extend the theme's own version of
itself under the prefix `theme/`: `{% extends "theme/letter.html" %}`. Templates the
theme itself loads (`base.html`, `cite.html`) are looked up the same way, so an edition's
`base.html` changes every page.
"""

from __future__ import annotations

import difflib
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from epistola.core.diagnostics import EpistolaError
from epistola.core.records import Location, Page
from epistola.core.theme_files import folder_files, theme_dir

if TYPE_CHECKING:
    import jinja2

PREFIX = "theme"
"""`{% extends "theme/letter.html" %}` is the packaged letter.html, whatever overrides it."""
STATIC = "static"
SERVE_ONLY = frozenset({"static/live-reload.js"})
"""Theme files that `epistola serve` gives the browser and a published site never holds."""


@dataclass(frozen=True, slots=True)
class ThemeFile:
    """One file of the theme as an edition sees it."""

    name: str
    """Relative POSIX path inside the theme, such as `letter.html` or `static/style.css`."""
    path: Path
    """The file that is used: the edition's override, or else the packaged one."""
    overridden: bool
    """True if the edition's templates/ holds this name (and the theme holds it too)."""
    added: bool
    """True if only the edition's templates/ holds this name."""


def make_loader(templates_dir: Path) -> jinja2.BaseLoader:
    """Templates from `templates_dir` first, then the theme; `theme/NAME` is always the
    theme's own NAME."""
    import jinja2  # only a build that renders needs it; `epistola build` with nothing to do not

    theme = jinja2.FileSystemLoader(theme_dir())
    return jinja2.ChoiceLoader(
        [jinja2.PrefixLoader({PREFIX: theme}), jinja2.FileSystemLoader(templates_dir), theme]
    )


def theme_files(templates_dir: Path) -> list[ThemeFile]:
    """Every file of the theme and of the edition's templates/, sorted by name."""
    packaged, edition = folder_files(theme_dir()), _edition_files(templates_dir)
    return [
        ThemeFile(
            name,
            edition.get(name) or packaged[name],
            overridden=name in edition and name in packaged,
            added=name not in packaged,
        )
        for name in sorted(packaged.keys() | edition.keys())
    ]


def static_pages(templates_dir: Path) -> list[Page]:
    """The theme's static files (CSS, scripts, images) as pages under `static/`,
    the edition's own replacing or adding to the packaged ones."""
    return [
        Page(file.name, file.path.read_bytes())
        for file in theme_files(templates_dir)
        if file.name.startswith(f"{STATIC}/") and file.name not in SERVE_ONLY
    ]


def theme_digest(templates_dir: Path) -> str:
    """A hash of what the pages are rendered with: each theme file's place, name and bytes,
    for the fingerprints of the incremental build (see `plan.py`)."""
    layers = (("theme", folder_files(theme_dir())), ("templates", _edition_files(templates_dir)))
    hashed = hashlib.blake2b(digest_size=16)
    for layer, files in layers:
        for name, path in sorted(files.items()):
            content = path.read_bytes()
            hashed.update(f"{layer}/{name}\0{len(content)}\0".encode())
            hashed.update(content)
    return hashed.hexdigest()


def theme_file(templates_dir: Path, name: str) -> Path | None:
    """The file used for `name`: the edition's override, the packaged file, or None."""
    for file in theme_files(templates_dir):
        if file.name == name:
            return file.path
    return None


def copy_from_theme(
    templates_dir: Path, names: list[str], *, force: bool = False
) -> list[tuple[str, Path]]:
    """Copy the packaged theme's files `names` into `templates_dir`, to be changed there;
    return each name with its copy. Raise EpistolaError, copying nothing, if a name is not
    in the theme or its copy exists already (unless `force`)."""
    packaged = folder_files(theme_dir())
    wanted = [_theme_name(name) for name in names]
    for name in wanted:
        if name not in packaged:
            close = difflib.get_close_matches(name, packaged, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise EpistolaError(
                f"the theme has no file '{name}'{hint}; 'epistola theme list' lists its files"
            )
        if (templates_dir / name).exists() and not force:
            raise EpistolaError(
                "already exists; not overwritten (use --force to replace it)",
                Location(f"{templates_dir.name}/{name}", 1),
            )
    copied = []
    for name in wanted:
        target = templates_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(packaged[name], target)
        copied.append((name, target))
    return copied


def _theme_name(name: str) -> str:
    """A theme file's name as given on the command line, where it may begin with `theme/`
    or `templates/`."""
    name = name.replace("\\", "/").strip("/")
    for prefix in (f"{PREFIX}/", "templates/"):
        name = name.removeprefix(prefix)
    return name


def template_shown(filename: str | None, name: str) -> str:
    """How a message names the template file `filename` (called `name` by Jinja): the
    edition's as `templates/NAME`, a file of the packaged theme by its full path."""
    if filename and Path(filename).is_relative_to(theme_dir()):
        return Path(filename).as_posix()
    return f"templates/{name}"


def _edition_files(templates_dir: Path) -> dict[str, Path]:
    """The edition's templates/; a link that leads out of the edition is not used, as it
    could publish any file of the machine."""
    edition = templates_dir.parent.resolve()
    return {
        name: path
        for name, path in folder_files(templates_dir).items()
        if path.resolve().is_relative_to(edition)
    }
