"""The wheel holds everything a build needs: installed into a new virtual environment, its
`epistola init` and `epistola build` make the same site as the working tree (issue 15).

Offline and quick: the wheel is built without build isolation (this environment's
setuptools), installed without its dependencies, and the new environment finds those in
this one's site-packages through a `.pth` file written after the install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, THEME, broken_links
from epistola.cli import main
from test_incremental import tree

pytestmark = pytest.mark.slow
TITLE = "Letters of Edith Hale"


def run(*command: str | Path, cwd: Path) -> str:
    """Run a command outside this interpreter, with nothing of the working tree on its path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env | {"PYTHONNOUSERSITE": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip wheel` makes of a clean copy of the project's sources."""
    work = tmp_path_factory.mktemp("wheel")
    project = work / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, project / name)
    ignored = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(REPO / "src", project / "src", ignore=ignored)
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input")
    run(
        *pip,
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-q",
        "-w",
        work,
        project,
        cwd=work,
    )
    [built] = work.glob("epistola-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path) -> Path:
    """A new virtual environment with the wheel installed; the dependencies are this one's."""
    env = wheel.parent / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", env, cwd=wheel.parent)
    python = env / "bin" / "python"
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input")
    run(*pip, "--python", python, "install", "--no-deps", "--no-index", "-q", wheel, cwd=env)
    purelib = run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=env
    )
    ours = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    Path(purelib.strip(), "epistola-dependencies.pth").write_text("\n".join(ours) + "\n")
    return env


def test_the_wheel_holds_the_theme_and_the_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {
        f"epistola/theme/{p.relative_to(THEME).as_posix()}" for p in THEME.rglob("*") if p.is_file()
    }
    assert theme <= names
    assert {"epistola/export/edition.schema.json", "epistola/py.typed"} <= names
    assert not [name for name in names if name.startswith(("templates/", "tests/"))]


def test_a_new_edition_from_the_installed_wheel_builds(venv: Path, tmp_path: Path) -> None:
    epistola = venv / "bin" / "epistola"
    where = run(
        venv / "bin" / "python", "-c", "import epistola; print(epistola.__file__)", cwd=tmp_path
    )
    assert Path(where.strip()).is_relative_to(venv), "the wheel, not the working tree, is used"
    run(epistola, "init", "hale", "--title", TITLE, cwd=tmp_path)
    run(epistola, "build", "--root", "hale", cwd=tmp_path)
    output = run(epistola, "check", "--site", "--root", "hale", cwd=tmp_path)
    assert "checked 1 letter" in output
    site = tmp_path / "hale" / "site"
    assert broken_links(site) == []
    assert TITLE in (site / "index.html").read_text(encoding="utf-8")
    schema = REPO / "src" / "epistola" / "export" / "edition.schema.json"
    assert (site / "data" / "edition.schema.json").read_bytes() == schema.read_bytes()
    listed = run(epistola, "theme", "list", "--root", "hale", cwd=tmp_path)
    assert "letter.html" in listed.split()

    # the working tree builds the same sources into the same site
    shutil.copytree(
        tmp_path / "hale", tmp_path / "here", ignore=shutil.ignore_patterns("site", ".*")
    )
    assert main(["build", "--quiet", "--root", str(tmp_path / "here")]) == 0
    assert tree(tmp_path / "here" / "site") == tree(site)
