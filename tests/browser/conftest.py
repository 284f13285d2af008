"""Fixtures for the browser tests: one headless Chromium per session, a fresh tab per test."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser.browsing import AXE_JS, CHROMIUM, CHROMIUM_ARGS, VNU_JAR, Tab, open_tab, require


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright."""
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


@pytest.fixture(params=["light", "dark"])
def schemed_tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[Tab]:
    """A tab as `tab` gives, once in the light and once in the dark colour scheme."""
    opened = open_tab(
        browser, viewport={"width": 1280, "height": 900}, color_scheme=request.param
    )
    yield opened
    opened.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    """A page at a laptop's size with JavaScript on; closed after the test."""
    opened = open_tab(browser, viewport={"width": 1280, "height": 900})
    yield opened
    opened.close()


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


@pytest.fixture
def served(sample_site: Path) -> Iterator[str]:
    """The sample site on a web server at 127.0.0.1, under a sub-path like a real host."""
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(sample_site.parent)
    )
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{sample_site.name}/"
    server.shutdown()
    server.server_close()
