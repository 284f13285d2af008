"""The Content-Security-Policy in headless Chromium, with the site opened from disk (issue 6).

'self' does not match file:// for every kind of resource in every browser, so this
checks that, under our policy, the pages opened from disk still get their stylesheet
and our own script files, while inline script and event handlers stay dead.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.effectiveDirective + " " + e.blockedURI));
"""
PROBE_SCRIPT = 'document.documentElement.dataset.ownScript = "ran";\n'
PLANTED = (
    '<script src="../static/probe.js"></script>'
    '<script>document.documentElement.dataset.inline = "ran";</script>'
    '<img src="missing.png" onerror="document.documentElement.dataset.handler = \'ran\'">'
)


def open_from_disk(browser: Any, page_path: Path) -> tuple[Any, list[str]]:
    """The page loaded from a file:// URL, and the console errors it caused."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(page_path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, errors


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "letters/31.html",
        "people/index.html",
        "dates/index.html",
        "network/index.html",
    ],
)
def test_pages_from_disk_get_their_stylesheet_and_break_no_rule(
    browser: Any, sample_site: Path, path: str
) -> None:
    page, errors = open_from_disk(browser, sample_site / path)
    # style.css sets the body's margin to 0; the browser's own default is 8px.
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
    assert page.evaluate("window.__violations") == []
    assert errors == []
    page.close()


def test_own_script_files_run_and_inline_script_does_not(
    browser: Any, sample_site: Path, tmp_path: Path
) -> None:
    site = shutil.copytree(sample_site, tmp_path / "site")
    (site / "static" / "probe.js").write_text(PROBE_SCRIPT, encoding="utf-8")
    letter = site / "letters" / "31.html"
    html = letter.read_text(encoding="utf-8")
    letter.write_text(html.replace("</main>", PLANTED + "</main>", 1), encoding="utf-8")
    page, _ = open_from_disk(browser, letter)
    ran = page.evaluate("JSON.stringify(document.documentElement.dataset)")
    assert ran == '{"ownScript":"ran"}'
    violations = page.evaluate("window.__violations")
    assert sorted(v.split()[0] for v in violations) == ["script-src-attr", "script-src-elem"]
    page.close()
