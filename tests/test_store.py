"""The build store and the build lock: a broken store means a full build, never a failure;
two builds never write one site at once (issue: an edit costs what it changes)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import copy_sample
from epistola.cli import main
from epistola.state.lock import build_lock
from epistola.state.store import CACHE_DIR, STORE_NAME
from test_incremental import clean_build, edit, tree


def _built_sample(tmp_path: Path) -> Path:
    (tmp_path / "edition").mkdir()
    root = copy_sample(tmp_path / "edition")
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    return root


def _build(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "epistola", "build", "--quiet", "--root", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_builds_at_once_leave_one_whole_site_with_the_edit(tmp_path: Path) -> None:
    root = _built_sample(tmp_path)
    edit(root / "letters/033.md", lambda t: t + "\nA line both builds must publish.\n")
    first, second = _build(root), _build(root)
    outcomes = [build.communicate(timeout=120) for build in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outcomes
    for _, err in outcomes:
        assert "Traceback" not in err and "internal error" not in err
    assert b"A line both builds must publish." in (root / "site/letters/33.html").read_bytes()
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")


def test_a_build_that_finds_the_lock_taken_waits_or_says_who_holds_it(tmp_path: Path) -> None:
    root = _built_sample(tmp_path)
    edit(root / "letters/033.md", lambda t: t + "\nAnother line.\n")
    with build_lock(root):
        refused = _build(root, "--no-wait")
        _, err = refused.communicate(timeout=60)
        assert refused.returncode == 2
        assert "another build of this edition is running" in err
        assert f"process {os.getpid()}" in err
        waiting = _build(root)
        try:
            waiting.communicate(timeout=3)
            raise AssertionError("the build did not wait for the lock")
        except subprocess.TimeoutExpired:
            pass
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "waiting for the build in process" in err
    assert b"Another line." in (root / "site/letters/33.html").read_bytes()


def test_a_damaged_store_is_put_aside_and_the_build_is_full(tmp_path: Path) -> None:
    root = _built_sample(tmp_path)
    store = root / CACHE_DIR / STORE_NAME
    store.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    edit(root / "letters/034.md", lambda t: t + "\nAn edit after the damage.\n")
    build = _build(root)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 0, err
    notices = [line for line in err.splitlines() if "could not be used" in line]
    assert len(notices) == 1 and "building everything" in notices[0]
    assert list((root / CACHE_DIR).glob(f"{STORE_NAME}.unusable-*"))
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")
    again = _build(root)  # the new store works: no notice the second time
    assert "could not be used" not in again.communicate(timeout=120)[1]


def test_a_store_made_by_another_version_is_put_aside(tmp_path: Path) -> None:
    root = _built_sample(tmp_path)
    store = root / CACHE_DIR / STORE_NAME
    with sqlite3.connect(store) as db:
        db.execute("UPDATE meta SET value = '0/0.0' WHERE name = 'format'")
    build = _build(root)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 0, err
    assert "made by another version" in err
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")


EDIT_RUN = """
import sys
from epistola.cli import main
code = main(["build", "--quiet", "--root", sys.argv[1]])
loaded = [m for m in ("lxml", "epistola.importer", "epistola.app.sitecheck") if m in sys.modules]
print(code, *loaded)
"""


def test_an_edit_loads_neither_lxml_nor_the_importer(tmp_path: Path) -> None:
    root = _built_sample(tmp_path)
    edit(root / "letters/035.md", lambda t: t + "\nA small edit.\n")
    done = subprocess.run(
        [sys.executable, "-c", EDIT_RUN, str(root)], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.split() == ["0"], done.stderr
