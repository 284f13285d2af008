"""Every page of the sample site passes the W3C Nu HTML checker (npm `vnu-jar`)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from browser.browsing import VNU_JAR


def run_vnu(java: str, pages: list[Path]) -> list[dict[str, str]]:
    """The checker's errors for `pages`, in one JVM run."""
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages: list[dict[str, str]] = json.loads(done.stderr or done.stdout)["messages"]
    return [m for m in messages if m.get("type") == "error"]


def test_every_page_of_the_sample_site_is_valid_html(
    sample_site: Path, java: str, tmp_path: Path
) -> None:
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 20, "the whole site: title, letters, people, chronology, search"
    # A page that must fail proves that the checker really ran over the files.
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></span>", "utf-8")
    errors = run_vnu(java, [*pages, broken])
    by_page: dict[str, list[str]] = {}
    for error in errors:
        by_page.setdefault(Path(error["url"].removeprefix("file:")).name, []).append(
            f"{error['url']}:{error.get('lastLine')}: {error['message']}"
        )
    assert "broken.html" in by_page
    del by_page["broken.html"]
    assert by_page == {}
