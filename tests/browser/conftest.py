"""Headless Chromium (Debian's system binary, driven by Playwright) and the npm test tools.

A missing tool skips its tests locally with the reason; in CI (env CI=true) it fails them,
because there `.ci/run` has installed everything and a skip would hide a broken set-up.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, Chromium's own background connections fail on a closed network
    # and slow every page down.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"


def require(ok: bool, reason: str) -> None:
    """Skip with `reason` when a tool is missing, except in CI, where that is a failure."""
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    require(CHROMIUM.is_file(), f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright-python is not installed (pip install -e '.[test]')")
        raise
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A browser page plus what it logged and requested while a test used it."""

    page: Any
    """The Playwright page."""
    errors: list[str] = field(default_factory=list)
    """Console errors and uncaught exceptions, as text."""
    requests: list[str] = field(default_factory=list)
    """The URL of every request the page made."""


def open_tab(browser: Any, **context_options: Any) -> Tab:
    """A fresh page in its own context (viewport, colour scheme, JavaScript on or off)."""
    context = browser.new_context(**context_options)
    tab = Tab(context.new_page())
    tab.page.on(
        "console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None
    )
    tab.page.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.page.on("request", lambda request: tab.requests.append(request.url))
    return tab


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    """A page at a laptop's size with JavaScript on; closed after the test."""
    opened = open_tab(browser, viewport={"width": 1280, "height": 900})
    yield opened
    opened.page.context.close()


@pytest.fixture(scope="session")
def java() -> str:
    """The `java` binary, for the Nu HTML checker."""
    found = shutil.which("java")
    require(found is not None, "java is not installed (apt-get install default-jre-headless)")
    require(VNU_JAR.is_file(), f"{VNU_JAR} is missing (run npm ci)")
    assert found is not None
    return found


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, to inject into pages."""
    require(AXE_JS.is_file(), f"{AXE_JS} is missing (run npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


def file_url(path: Path) -> str:
    """The file:// URL of a built page."""
    return path.resolve().as_uri()
