"""Helpers for the browser tests: the tools they need and a page that records what it did.

A missing tool skips its tests locally with the reason; in CI (env CI=true) it fails them,
because there `.ci/run` has installed everything and a skip would hide a broken set-up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
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


@dataclass
class Tab:
    """A browser page plus what it logged and requested while a test used it."""

    page: Any
    """The Playwright page."""
    errors: list[str] = field(default_factory=list)
    """Console errors and uncaught exceptions, as text."""
    requests: list[str] = field(default_factory=list)
    """The URL of every request the page made."""

    def close(self) -> None:
        self.page.context.close()


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


def file_url(path: Path, fragment: str = "") -> str:
    """The file:// URL of a built page, with an optional `#fragment`."""
    return path.resolve().as_uri() + (f"#{fragment}" if fragment else "")


def visit(tab: Tab, site: Path, page: str) -> None:
    """Open `page` of a built site from disk; with a query (a search, a filter of the
    letters list), wait for its results."""
    path, _, query = page.partition("?")
    tab.page.goto(file_url(site / path) + (f"?{query}" if query else ""))
    if query:
        tab.page.wait_for_selector("#search-results li, #filter-results tbody tr")
