"""Bad input: every problem of the broken edition gives exact lines, the right exit code,
and leaves the previous site exactly as it was (issue 6).

Each folder of tests/editions/broken/ is one problem, named for it, holding the one or two
files that show it; `base/` supplies the rest of a small edition. The lines users see for
all of them are in expected-diagnostics.txt (`pytest --update-golden` rewrites it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, assert_golden
from epistola.cli import main

BROKEN = REPO / "tests" / "editions" / "broken"
GOLDEN = BROKEN / "expected-diagnostics.txt"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir() and p.name != "base")

WARNS = (
    "front-matter-unknown-key",
    "note-without-marker",
    "link-unsafe",
    "places-unknown-key",
    "style-unknown",
)
ACCEPTED = (
    "byte-order-mark-accepted",
    "crlf-line-endings-accepted",
    "raw-html-shown-as-text",
    "to-single-id-accepted",
)
PREVIOUS_SITE = {
    "index.html": b"<!DOCTYPE html><title>previous</title><p>the site as it was",
    "letters/1.html": b"<!DOCTYPE html><title>previous letter</title>",
    "static/style.css": b"body { color: black }\n",
}


def broken_edition(tmp_path: Path, case: str) -> Path:
    """The case's files over the base edition, with a previous site in `site/`."""
    root = tmp_path / "broken" / case
    shutil.copytree(BROKEN / case, root, symlinks=True)  # the symlink case must stay one
    shutil.copy2(BROKEN / "outside.md", root.parent / "outside.md")
    shutil.copytree(BROKEN / "base", root, dirs_exist_ok=True, copy_function=_copy_if_absent)
    for path, content in PREVIOUS_SITE.items():
        (root / "site" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "site" / path).write_bytes(content)
    return root


def _copy_if_absent(source: str, target: str) -> object:
    return None if Path(target).exists() else shutil.copy2(source, target)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (symlinks as their target)."""
    return {
        p.relative_to(folder).as_posix(): (
            f"-> {p.readlink()}".encode() if p.is_symlink() else p.read_bytes()
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


def expected_exit(case: str, *, strict: bool) -> int:
    if case in ACCEPTED:
        return 0
    if case in WARNS:
        return 1 if strict else 0
    return 1


def test_every_case_is_classified() -> None:
    """A new case folder must say whether it is an error, a warning or accepted input."""
    assert set(WARNS) | set(ACCEPTED) <= set(CASES)
    assert len(CASES) >= 30


def test_diagnostics_match_the_golden_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    transcript: list[str] = []
    for case in CASES:
        root = broken_edition(tmp_path / case, case)
        code = main(["check", "--root", str(root)])
        transcript.append(f"== {case}: epistola check (exit {code})")
        transcript += capsys.readouterr().err.splitlines()
    actual = "\n".join(transcript) + "\n"
    assert_golden(GOLDEN, actual, request, shown_as="what epistola check printed")


@pytest.mark.parametrize("case", CASES)
def test_exit_code_and_previous_site(tmp_path: Path, case: str) -> None:
    root = broken_edition(tmp_path, case)
    before = snapshot(root / "site")
    assert main(["build", "--strict", "--root", str(root)]) == expected_exit(case, strict=True)
    if expected_exit(case, strict=True):
        assert snapshot(root / "site") == before
    code = main(["build", "--root", str(root)])
    assert code == expected_exit(case, strict=False)
    if code:
        assert snapshot(root / "site") == before
        assert not list(root.parent.glob(".site.*")), "no staging folder is left behind"
    else:
        index = (root / "site" / "index.html").read_bytes()
        assert b"Broken Edition" in index and index != before["index.html"]
        assert (root / "site" / "letters" / "1.html").is_file()


@pytest.mark.parametrize("case", CASES)
def test_check_writes_nothing(tmp_path: Path, case: str) -> None:
    root = broken_edition(tmp_path, case)
    shutil.rmtree(root / "site")
    before = snapshot(root.parent)
    main(["check", "--strict", "--root", str(root)])
    assert snapshot(root.parent) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["build", "--no-such-option"],
        ["build", "--out"],
        ["check", "extra-argument"],
        ["publish"],
        [],
    ],
)
def test_usage_errors_exit_2_and_keep_the_site(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    root = broken_edition(tmp_path, "to-single-id-accepted")
    before = snapshot(root / "site")
    assert main([*argv, "--root", str(root)] if argv else argv) == 2
    assert "usage: epistola" in capsys.readouterr().err
    assert snapshot(root / "site") == before


@pytest.mark.parametrize("out", [".", "..", "letters/site", "notes", "stranger"])
def test_an_output_folder_that_holds_other_files_is_refused(
    tmp_path: Path, out: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = broken_edition(tmp_path, "to-single-id-accepted")
    (root / "stranger").mkdir()
    (root / "stranger" / "thesis.txt").write_text("years of work\n", encoding="utf-8")
    before = snapshot(root.parent)
    assert main(["build", "--root", str(root), "--out", str(root / out)]) == 2
    assert "epistola build: error: the output folder" in capsys.readouterr().err
    assert snapshot(root.parent) == before
