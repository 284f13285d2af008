"""Very large files work, and their cost grows in proportion to their size (issue 6).

The editions come from benchmarks/large_inputs.py, which times bigger ones by hand.
Growth is measured in CPU time, which other processes on the machine disturb far less
than wall time: four times the input must cost well under sixteen times the time.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType

import pytest

from conftest import REPO, broken_links, parse_page
from epistola.cli import main


def _benchmarks() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "large_inputs", REPO / "benchmarks" / "large_inputs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


large = _benchmarks()


def cpu_seconds(root: Path) -> float:
    started = time.process_time()
    assert main(["check", "--root", str(root)]) == 0
    return time.process_time() - started


def test_thousands_of_notes(tmp_path: Path) -> None:
    root = large.write_edition(tmp_path / "notes", large.many_notes(3000))
    assert main(["build", "--root", str(root)]) == 0
    page = parse_page(root / "site" / "letters" / "1.html")
    assert len(page.xpath("//section[@role='doc-endnotes']//li")) == 3000
    assert len(page.xpath("//a[@role='doc-noteref']")) == 3000
    assert broken_links(root / "site") == []


def test_a_letter_of_a_megabyte(tmp_path: Path) -> None:
    root = large.write_edition(tmp_path / "big", large.many_megabytes(1))
    assert main(["build", "--root", str(root)]) == 0
    page = parse_page(root / "site" / "letters" / "1.html")
    paragraphs = page.xpath("//div[@class='letter-text']/p")
    assert len(paragraphs) > 2500
    assert paragraphs[-1].xpath(".//a[@role='doc-noteref']/@href") == ["#note-1"]


@pytest.mark.parametrize(
    "make", [large.many_notes, large.many_megabytes], ids=["notes", "megabytes"]
)
def test_cost_grows_in_proportion(tmp_path: Path, make: object) -> None:
    sizes = (600, 2400) if make is large.many_notes else (0.06, 0.24)
    small, big = (
        large.write_edition(tmp_path / str(size), make(size))  # type: ignore[operator]
        for size in sizes
    )
    cpu_seconds(small)  # warm up: imports, template compilation
    ratio = cpu_seconds(big) / max(cpu_seconds(small), 1e-3)
    assert ratio < 8, f"4x the input took {ratio:.1f}x the time"
