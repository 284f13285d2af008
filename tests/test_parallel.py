"""Builds on every core give the bytes of a build in one process, and a long build on a
terminal shows a progress bar unless told to be quiet (issue: incremental builds)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import copy_sample
from epistola.cli import main
from epistola.core import pool
from test_incremental import tree


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _sample(folder: Path) -> Path:
    folder.mkdir()
    return copy_sample(folder)


def test_a_parallel_build_equals_a_serial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _sample(tmp_path / "serial")
    assert main(["build", "--quiet", "--root", str(serial)]) == 0
    monkeypatch.setattr(pool, "MIN_PARALLEL", 1)
    monkeypatch.setattr(pool, "CHUNK", 3)
    monkeypatch.setattr(pool, "workers", lambda: 2)
    parallel = _sample(tmp_path / "parallel")
    assert main(["build", "--quiet", "--root", str(parallel)]) == 0
    assert tree(parallel / "site") == tree(serial / "site")


@pytest.mark.parametrize("quiet", [False, True])
def test_a_progress_bar_shows_on_a_terminal_unless_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: bool
) -> None:
    root = _sample(tmp_path / "edition")
    monkeypatch.setattr(pool, "MIN_PARALLEL", 1)
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["build", "--root", str(root), *(["--quiet"] if quiet else [])]) == 0
    shown = terminal.getvalue()
    assert ("parse: " in shown and "render: " in shown) is not quiet
    assert "built 8 letters" in shown


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _sample(tmp_path / "edition")
    monkeypatch.setattr(pool, "MIN_PARALLEL", 1)
    assert main(["build", "--root", str(root)]) == 0
    assert "parse: " not in capsys.readouterr().err
