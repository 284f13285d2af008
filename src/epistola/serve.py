"""`epistola serve`: build into a temporary folder, serve it on 127.0.0.1, rebuild on change.

The watcher waits for changes to settle, then rebuilds incrementally with the parses kept
in memory. A rebuild with errors leaves the last good site in place; its diagnostics go
to the terminal and, through a small status file the served pages poll, onto the page.
Only served pages get the polling script; the published build never contains it.
"""

from __future__ import annotations

import http.server
import json
import shutil
import signal
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import watchfiles

from epistola.build import build
from epistola.config import CONFIG_NAME, load_config
from epistola.diagnostics import EpistolaError, Report
from epistola.pool import collector_paused
from epistola.store import Store, build_lock, open_store
from epistola.theme import STATIC, theme_dir, theme_file

LIVE_PREFIX = "/__epistola/"
LIVE_SCRIPT = "live-reload.js"
"""In the theme's `static/`, served to the browser at `/__epistola/live-reload.js` only."""
DEBOUNCE_MS = 100


@dataclass
class LiveState:
    """What the open pages poll: the build they show and the problems of the last rebuild."""

    version: int = 0
    """Goes up with every good build; a page that sees it change reloads."""
    problems: list[str] = field(default_factory=list)
    """The diagnostic lines of the last rebuild if it failed, else empty."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def status(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "problems": self.problems}).encode()


def serve(root: Path, *, port: int) -> int:
    """Serve the edition in `root` until Ctrl-C; returns the exit code."""
    site = Path(tempfile.mkdtemp(prefix="epistola-serve-")) / "site"
    signal.signal(signal.SIGTERM, _stop)  # `kill` stops it as cleanly as Ctrl-C
    state = LiveState()
    with build_lock(root):
        store = open_store(root)
    rebuild(root, site, state, store)
    handler = partial(_Handler, directory=str(site), state=state, theme=root / "templates")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"serving on http://127.0.0.1:{server.server_port}/ (Ctrl-C to stop)", file=sys.stderr)
    try:
        for _ in watchfiles.watch(*_watched(root), debounce=DEBOUNCE_MS, raise_interrupt=False):
            rebuild(root, site, state, store)
    finally:
        server.shutdown()
        server.server_close()
        store.close()
        shutil.rmtree(site.parent, ignore_errors=True)
        print("stopped", file=sys.stderr)
    return 0


def rebuild(root: Path, site: Path, state: LiveState, store: Store) -> bool:
    """Build into `site`; on failure keep what is there and show why. True if it worked."""
    report = Report()
    try:
        config = load_config(root, output_dir=site, report=report)
        report.suppressed = config.suppress
        with build_lock(root), collector_paused():
            result = build(config, report, store=store)
        failed = report.failed()
        problems = report.lines() if failed else []
        summary = f"rebuilt {len(result.edition.letters)} letters: {report.summary()}"
    except EpistolaError as exc:
        problems, summary, failed = [exc.format()], "rebuild failed", True
    except Exception as exc:  # a bug must not stop the server; the editor can keep working
        problems = [f"internal error: {type(exc).__name__}: {exc}"]
        summary, failed = "rebuild failed", True
    for line in problems or report.lines():
        print(line, file=sys.stderr)
    if failed:
        summary += "; still serving the last good site"
    print(summary, file=sys.stderr)
    with state.lock:
        state.problems = problems
        if not failed:
            state.version += 1
    return not failed


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _watched(root: Path) -> list[Path]:
    # the packaged theme too: in an editable install of epistola it is being worked on
    paths = [root / "letters", root / "notes", root / "templates", root / CONFIG_NAME, theme_dir()]
    return [path for path in paths if path.exists()]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, plus the status and script of live reload, and the script in HTML."""

    def __init__(self, *args: Any, state: LiveState, theme: Path, **kwargs: Any) -> None:
        self.state, self.theme = state, theme
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        path = self.path.split("?", 1)[0]
        if path == f"{LIVE_PREFIX}status":
            self._send(self.state.status(), "application/json")
        elif path == f"{LIVE_PREFIX}{LIVE_SCRIPT}":
            script = theme_file(self.theme, f"{STATIC}/{LIVE_SCRIPT}")
            self._send(script.read_bytes() if script else b"", "text/javascript")
        elif path.endswith((".html", "/")):
            self._send_page(path)
        else:
            super().do_GET()

    def _send_page(self, path: str) -> None:
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            self.send_error(404, "no such page")
            return
        tag = f'<script src="{LIVE_PREFIX}{LIVE_SCRIPT}"></script>\n</body>'.encode()
        self._send(file.read_bytes().replace(b"</body>", tag, 1), "text/html; charset=utf-8")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for diagnostics; a line per request would bury them
