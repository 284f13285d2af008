"""Where the packaged default theme lives, and its files.

Both the theme (`render.theme`, which renders with it) and the input stamps
(`state.inputs`, which notice when it changed) need them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from epistola.core.diagnostics import EpistolaError


def theme_dir() -> Path:
    """The folder of the packaged default theme."""
    folder = resources.files("epistola") / "theme"
    if not isinstance(folder, Path) or not folder.is_dir():
        raise EpistolaError(f"epistola's default theme is missing ({folder}); reinstall epistola")
    return folder


def theme_sources() -> list[Path]:
    """The packaged theme's files, whose stamps tell a build whether the theme changed
    (an editable install of epistola has its theme in the working tree)."""
    return [path for _, path in sorted(folder_files(theme_dir()).items())]


def folder_files(folder: Path) -> dict[str, Path]:
    """Relative POSIX name -> path of every file under `folder` (none if it is missing)."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
