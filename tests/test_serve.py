"""`epistola serve` serves the edition, rebuilds after a change, keeps the last good site
when a rebuild fails, and stops cleanly on Ctrl-C (issue: incremental builds)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import lxml.html
import pytest

from conftest import copy_sample

WAIT = 90.0
"""Seconds to wait for a build to show; generous, since CI machines may be busy."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bytes(response.read())
    except (urllib.error.URLError, OSError):
        return None


def wait_for(what: str, check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    root = tmp_path / "edition"
    root.mkdir()
    copy_sample(root)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "epistola", "serve", "--root", str(root), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for("the first build", lambda: fetch(base + "letters/31.html") is not None)
        yield root, base, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _text(page: bytes | None) -> str:
    return "" if page is None else lxml.html.fromstring(page).text_content()


def test_serve_rebuilds_after_a_letter_changes(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    root, base, _ = served
    page = fetch(base + "letters/31.html")
    assert lxml.html.fromstring(page).xpath("//script[@src='/__epistola/live-reload.js']")
    letter = root / "letters" / "031.md"
    letter.write_text(letter.read_text(encoding="utf-8") + "\nA freshly added line.\n")
    wait_for(
        "the change", lambda: "A freshly added line." in _text(fetch(base + "letters/31.html"))
    )
    status = json.loads(fetch(base + "__epistola/status") or b"{}")
    assert status["version"] >= 2 and status["problems"] == []


def test_a_failed_rebuild_keeps_the_last_good_site_and_shows_why(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    root, base, _ = served
    letter = root / "letters" / "032.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("number: 32", "number: -3"))

    def problems() -> list[str]:
        return list(json.loads(fetch(base + "__epistola/status") or b"{}").get("problems", []))

    wait_for("the problem to show", lambda: bool(problems()))
    assert any("[meta.number]" in line and "letters/032.md:" in line for line in problems())
    assert "Letter 32" in _text(fetch(base + "letters/32.html"))
    script = fetch(base + "__epistola/live-reload.js") or b""
    assert b"/__epistola/status" in script


def test_serve_stops_cleanly_on_ctrl_c(served: tuple[Path, str, subprocess.Popen[str]]) -> None:
    _, base, process = served
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    assert "Traceback" not in errors
    assert fetch(base + "index.html") is None


def test_the_terminal_says_what_a_rebuild_made_and_how_fast(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    root, base, process = served
    letter = root / "letters" / "033.md"
    letter.write_text(letter.read_text(encoding="utf-8") + "\nA line to count.\n")
    wait_for("the change", lambda: "A line to count." in _text(fetch(base + "letters/33.html")))
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=30)
    lines = [line for line in errors.splitlines() if line.startswith("letters/033.md: ")]
    assert lines, errors
    # the page, its TEI, its JSON record, its citations and the search shard: a few files
    written = int(lines[-1].split()[1])
    assert 2 <= written <= 12, lines[-1]
    assert " files in " in lines[-1] and lines[-1].split(" in ")[1].endswith(" s; 1 warning")
