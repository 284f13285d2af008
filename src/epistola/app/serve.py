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
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import watchfiles

from epistola.build import build
from epistola.core.config import CONFIG_NAME, load_config
from epistola.core.diagnostics import EpistolaError, Report
from epistola.core.pool import collector_paused
from epistola.core.theme_files import theme_dir
from epistola.render.theme import STATIC, theme_file
from epistola.state.inputs import Inputs, read_inputs
from epistola.state.lock import build_lock
from epistola.state.stamps import stamp_of
from epistola.state.store import Store, open_store

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
    store.keep_letters = True  # the edition stays in memory between rebuilds
    inputs = read_inputs(root)
    rebuild(root, site, state, store, inputs)
    handler = partial(_Handler, directory=str(site), state=state, theme=root / "templates")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"serving on http://127.0.0.1:{server.server_port}/ (Ctrl-C to stop)", file=sys.stderr)
    try:
        watching = watchfiles.watch(*_watched(root), debounce=DEBOUNCE_MS, raise_interrupt=False)
        for changes in watching:
            changed = sorted({Path(path) for _, path in changes})
            inputs = _restamp(root, inputs, changed)
            rebuild(root, site, state, store, inputs, changed)
    finally:
        server.shutdown()
        server.server_close()
        store.close()
        shutil.rmtree(site.parent, ignore_errors=True)
        print("stopped", file=sys.stderr)
    return 0


def rebuild(
    root: Path,
    site: Path,
    state: LiveState,
    store: Store,
    inputs: Inputs | None = None,
    changed: Sequence[Path] = (),
) -> bool:
    """Build into `site`; on failure keep what is there and show why. True if it worked.

    `inputs` are the stamps of the input files, brought up to date from what the watcher
    saw change, so a rebuild needs no `stat` of every source.
    """
    report = Report()
    started = time.perf_counter()
    try:
        config = load_config(root, output_dir=site, report=report)
        report.suppressed = config.suppress
        with build_lock(root), collector_paused():
            result = build(config, report, store=store, inputs=inputs)
        failed = report.failed()
        problems = report.lines() if failed else []
        seconds = time.perf_counter() - started
        what = _shown(root, changed) or f"{len(result.edition.letters)} letters"
        files = "file" if result.written == 1 else "files"
        summary = f"{what}: {result.written} {files} in {seconds:.2f} s; {report.summary()}"
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


def _restamp(root: Path, inputs: Inputs, changed: Sequence[Path]) -> Inputs:
    """`inputs` with the stamps of the `changed` files taken again (and the time moved on,
    so that a file saved just now counts as changed, not as trusted)."""
    for path in changed:
        try:
            name = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue  # the packaged theme: its stamps are taken again below
        stamp = stamp_of(path)
        if stamp is None:
            inputs.stamps.pop(name, None)
        elif path.is_file():
            inputs.stamps[name] = stamp
        else:
            return read_inputs(root)  # a folder came or went: take every stamp again
    if any(not path.resolve().is_relative_to(root.resolve()) for path in changed):
        return read_inputs(root)
    return Inputs(dict(sorted(inputs.stamps.items())), time.time_ns())


def _shown(root: Path, changed: Sequence[Path]) -> str:
    """The changed files as the editor knows them: `letters/033.md, notes/033.md`."""
    names = []
    for path in changed:
        try:
            names.append(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            names.append(path.name)
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _watched(root: Path) -> list[Path]:
    # the packaged theme too: in an editable install of epistola it is being worked on
    paths = [root / "letters", root / "notes", root / "templates", root / CONFIG_NAME, theme_dir()]
    paths.append(root / "facsimiles")
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
