"""The anchor ledger: published pages and anchors stay, move with a redirect, or go on purpose."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import (
    MINIMAL_CONFIG,
    REPO,
    MakeEdition,
    broken_links,
    copy_sample,
    letter_source,
    parse_page,
)
from epistola.cli import main
from epistola.publish.ledger import HEADER, LEDGER_NAME, ledger_order

VNU_JAR = Path(
    os.environ.get("VNU_JAR", REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
)


def letter_files(number: int, notes: int) -> dict[str, str]:
    body = " ".join(f"Point {n}.[^{n}]" for n in range(1, notes + 1)) + "\n\nJ. Smith\n"
    return {
        f"letters/{number:03d}.md": letter_source(number, body),
        f"notes/{number:03d}.md": "".join(f"{n}. Comment {n}.\n\n" for n in range(1, notes + 1)),
    }


@pytest.fixture
def edition(make_edition: MakeEdition) -> Path:
    """Letters 31 (ten notes), 32 and 33 (one note each), built once: the ledger exists."""
    root = make_edition({**letter_files(31, 10), **letter_files(32, 1), **letter_files(33, 1)})
    assert main(["build", "--root", str(root)]) == 0
    return root


def ledger_lines(root: Path) -> list[str]:
    return (root / LEDGER_NAME).read_text(encoding="utf-8").split("\n")


def line_of(root: Path, entry: str) -> int:
    return ledger_lines(root).index(entry) + 1


def errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": error: " in line]


def set_moved(root: Path, moved: str) -> None:
    (root / "edition.yaml").write_text(MINIMAL_CONFIG + "moved:\n" + moved, encoding="utf-8")


def remove_letter(root: Path, number: int) -> None:
    (root / "letters" / f"{number:03d}.md").unlink()
    (root / "notes" / f"{number:03d}.md").unlink()


def test_a_first_build_writes_every_page_and_anchor_in_order(edition: Path) -> None:
    lines = ledger_lines(edition)
    assert "\n".join(lines[:3]) + "\n" == HEADER
    entries = [line for line in lines[3:] if line]
    assert entries == sorted(entries, key=ledger_order)
    assert entries.index("letters/31.html#note-2") < entries.index("letters/31.html#note-10")
    assert {"index.html", "letters/33.html", "letters/33.html#noteref-1"} <= set(entries)
    assert {f"letters/31.html#p{n}" for n in (1, 2)} <= set(entries)
    assert not [e for e in entries if e.startswith("static/")]
    site_pages = {
        p.relative_to(edition / "site").as_posix() for p in edition.rglob("site/**/*.html")
    }
    assert {e for e in entries if "#" not in e} == site_pages


def test_a_build_that_changes_nothing_leaves_the_ledger_alone(edition: Path) -> None:
    before = (edition / LEDGER_NAME).read_bytes()
    assert main(["build", "--root", str(edition)]) == 0
    assert (edition / LEDGER_NAME).read_bytes() == before


def test_a_new_letter_is_added_to_the_ledger(edition: Path) -> None:
    for path, text in letter_files(34, 1).items():
        (edition / path).write_text(text, encoding="utf-8")
    assert main(["build", "--root", str(edition)]) == 0
    assert {"letters/34.html", "letters/34.html#note-1"} <= set(ledger_lines(edition))


def test_a_removed_note_is_an_error_naming_its_anchors(
    edition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site_before = (edition / "site" / "letters" / "31.html").read_bytes()
    files = letter_files(31, 9)
    for path, text in files.items():
        (edition / path).write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(edition)]) == 1
    gone = ("letters/31.html#note-10", "letters/31.html#noteref-10")
    assert errors(capsys.readouterr().err) == [
        f"anchors.lock:{line_of(edition, entry)}:1: error: anchor {entry} was published before"
        " and is gone now; say where it went under 'moved:' in edition.yaml, or run"
        " 'epistola build --update-ledger' to drop it on purpose [ledger.removed]"
        for entry in gone
    ]
    assert (edition / "site" / "letters" / "31.html").read_bytes() == site_before
    assert main(["check", "--root", str(edition)]) == 1
    assert len(errors(capsys.readouterr().err)) == 2


def test_a_removed_letter_is_one_error_for_its_page(
    edition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remove_letter(edition, 33)
    capsys.readouterr()
    assert main(["build", "--root", str(edition)]) == 1
    line = line_of(edition, "letters/33.html")
    assert errors(capsys.readouterr().err) == [
        f"anchors.lock:{line}:1: error: page letters/33.html (with its 4 anchors) was published"
        " before and is gone now; say where it went under 'moved:' in edition.yaml, or run"
        " 'epistola build --update-ledger' to drop it on purpose [ledger.removed]"
    ]
    assert (edition / "site" / "letters" / "33.html").is_file()


def test_update_ledger_accepts_a_removal_on_purpose(edition: Path) -> None:
    remove_letter(edition, 33)
    assert main(["build", "--update-ledger", "--root", str(edition)]) == 0
    assert not [line for line in ledger_lines(edition) if line.startswith("letters/33.html")]
    assert not (edition / "site" / "letters" / "33.html").exists()
    assert main(["build", "--root", str(edition)]) == 0


def require_vnu() -> None:
    if VNU_JAR.is_file() and shutil.which("java"):
        return
    reason = f"the Nu HTML checker ({VNU_JAR}) or java is missing"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must install it")
    pytest.skip(reason)


def assert_valid_html(*pages: Path) -> None:
    """The W3C Nu checker finds no error in `pages`."""
    require_vnu()
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", *map(str, pages)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_a_moved_letter_leaves_a_redirect_that_resolves(edition: Path) -> None:
    remove_letter(edition, 33)
    for path, text in letter_files(35, 1).items():
        (edition / path).write_text(text, encoding="utf-8")
    set_moved(edition, "  letters/33.html: letters/35.html\n")
    assert main(["build", "--root", str(edition)]) == 0
    redirect = edition / "site" / "letters" / "33.html"
    page = parse_page(redirect)
    assert page.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=35.html"]
    assert page.xpath("//main//p/a/@href") == ["35.html"]
    assert page.xpath("//li[@id='note-1']/a/@href") == ["35.html#note-1"]
    assert page.xpath("//li[@id='p1']/a/@href") == ["35.html#p1"]
    assert broken_links(edition / "site") == []
    assert "letters/33.html#note-1" in ledger_lines(edition)
    assert "letters/35.html#note-1" in ledger_lines(edition)
    assert_valid_html(redirect)


def test_a_moved_note_keeps_its_old_anchor_next_to_the_new_one(edition: Path) -> None:
    for path, text in letter_files(31, 9).items():
        (edition / path).write_text(text, encoding="utf-8")
    set_moved(
        edition,
        "  letters/31.html#note-10: letters/31.html#note-9\n"
        "  letters/31.html#noteref-10: letters/32.html#p1\n",
    )
    assert main(["build", "--root", str(edition)]) == 0
    page = parse_page(edition / "site" / "letters" / "31.html")
    assert page.xpath("//li[@id='note-9']/span[@id='note-10']/@class") == ["moved-anchor"]
    assert page.xpath("//p[@id='noteref-10']/a/@href") == ["32.html#p1"]
    assert broken_links(edition / "site") == []
    assert_valid_html(edition / "site" / "letters" / "31.html")


def test_a_move_to_nowhere_is_an_error_in_edition_yaml(
    edition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remove_letter(edition, 33)
    set_moved(edition, "  letters/33.html: letters/36.html\n")
    capsys.readouterr()
    assert main(["build", "--root", str(edition)]) == 1
    line = MINIMAL_CONFIG.count("\n") + 2
    assert (
        f"edition.yaml:{line}:3: error: moved: letters/33.html -> letters/36.html,"
        " which is not in the site [ledger.moved-target]"
    ) in errors(capsys.readouterr().err)


def test_the_sample_editions_ledger_is_committed_and_current(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    shutil.copy2(REPO / LEDGER_NAME, root / LEDGER_NAME)
    committed = set(ledger_lines(root))
    assert main(["build", "--root", str(root)]) == 0  # nothing it lists has gone
    letters = {e for e in ledger_lines(root) if e.startswith("letters/")}
    assert letters <= committed, "run `make site` and commit anchors.lock"
    assert "letters/33.html#note-3" in committed


def test_a_moved_note_takes_its_marker_along(edition: Path) -> None:
    for path, text in letter_files(31, 9).items():
        (edition / path).write_text(text, encoding="utf-8")
    set_moved(edition, "  letters/31.html#note-10: letters/31.html#note-9\n")
    assert main(["build", "--root", str(edition)]) == 0
    page = parse_page(edition / "site" / "letters" / "31.html")
    assert page.xpath("//a[@id='noteref-9']/span/@id") == ["noteref-10"]
    assert {"letters/31.html#note-10", "letters/31.html#noteref-10"} <= set(ledger_lines(edition))
    assert broken_links(edition / "site") == []


def test_a_moved_table_that_is_not_a_mapping_is_an_error(
    edition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (edition / "edition.yaml").write_text(MINIMAL_CONFIG + "moved: [letters/33.html]\n")
    capsys.readouterr()
    assert main(["check", "--root", str(edition)]) == 1
    assert errors(capsys.readouterr().err) == [
        "edition.yaml:1:1: error: 'moved' in edition.yaml must map old paths to new ones,"
        " such as 'letters/27.html: letters/28.html' [config.moved]"
    ]
