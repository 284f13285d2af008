"""The command line: `epistola build | check | serve | init | new | theme | import | import-tei`.

Each command returns an exit code.
"""

from __future__ import annotations

import argparse
import gc
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from epistola import __version__
from epistola.app.init import init_edition
from epistola.core.config import CONFIG_NAME, Config, load_config
from epistola.core.diagnostics import EpistolaError, Report, plural
from epistola.core.pool import collector_paused
from epistola.publish.write import output_problem
from epistola.render.theme import copy_from_theme, theme_files

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 = success, 1 = problems in the sources, 2 = usage or internal error."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    try:
        return int(args.run(args))
    except EpistolaError as exc:
        print(exc.format(), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("interrupted; the previous site is unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:
        if getattr(args, "traceback", False):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc} (run with --traceback)", file=sys.stderr
        )
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="epistola", description=__doc__)
    parser.add_argument("--version", action="version", version=f"epistola {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str, group: Any = commands) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = group.add_parser(name, help=help, description=help)
        sub.add_argument("--root", type=Path, default=Path("."), help="edition folder (default: .)")
        sub.add_argument("--traceback", action="store_true", help="show internal errors in full")
        return sub

    sub = command("build", "build the site into site/ (or --out)")
    sub.add_argument("--out", type=Path, help="output folder (default: ROOT/site)")
    sub.add_argument("--strict", action="store_true", help="fail on warnings too")
    sub.add_argument(
        "--update-ledger",
        action="store_true",
        help="record the anchors as they now are in anchors.lock, removals included",
    )
    sub.add_argument("--quiet", action="store_true", help="no progress bar (shown on a terminal)")
    sub.add_argument(
        "--no-wait",
        action="store_true",
        help="if another build of the edition is running, exit at once (code 2) instead of waiting",
    )
    sub.set_defaults(run=cmd_build)
    sub = command("check", "report every problem in the sources; write nothing")
    sub.add_argument("--strict", action="store_true", help="fail on warnings too")
    sub.add_argument(
        "--site",
        nargs="?",
        const="",
        metavar="DIR",
        help="also check that every link of the built site resolves (default DIR: ROOT/site)",
    )
    sub.set_defaults(run=cmd_check)
    sub = command("serve", "build, serve on 127.0.0.1, rebuild on change and reload the page")
    sub.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    sub.set_defaults(run=cmd_serve)
    sub = command("init", "start a new edition in DIR, one that builds at once")
    sub.add_argument(
        "dir", type=Path, nargs="?", default=Path("."), help="the new edition's folder (default: .)"
    )
    sub.add_argument("--title", help="the edition's title (default: a placeholder to fill in)")
    sub.set_defaults(run=cmd_init)
    theme = commands.add_parser(
        "theme", help="list the theme's files, or copy one into templates/ to change it"
    )
    actions = theme.add_subparsers(dest="action", required=True)
    sub = command("list", "list the theme's files and which of them templates/ changes", actions)
    sub.set_defaults(run=cmd_theme_list)
    sub = command("copy", "copy files of the theme into templates/, to be changed there", actions)
    sub.add_argument(
        "names", nargs="+", metavar="NAME", help="such as letter.html or static/style.css"
    )
    sub.add_argument("--force", action="store_true", help="replace a file already in templates/")
    sub.set_defaults(run=cmd_theme_copy)
    sub = command("new", "create letters/NNN.md and notes/NNN.md for a new letter")
    sub.add_argument("number", type=int, help="the new letter's number")
    sub.set_defaults(run=cmd_new)
    sub = command("import", "turn a plain-text dump of letters and notes into sources")
    sub.add_argument("file", type=Path, help="the dump, a UTF-8 text file")
    sub.add_argument("--into", type=Path, help="edition folder to write into (default: ROOT)")
    sub.add_argument("--force", action="store_true", help="overwrite existing sources")
    sub.set_defaults(run=cmd_import)
    sub = command("import-tei", "turn TEI P5 letters and their registers into a new edition")
    sub.add_argument("sources", nargs="+", metavar="SOURCE", help="TEI files, folders or globs")
    sub.add_argument("--into", type=Path, required=True, help="folder of the new edition")
    sub.set_defaults(run=cmd_import_tei)
    return parser


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    root = args.root.resolve()
    report = Report()
    config = load_config(root, output_dir=args.out and args.out.resolve(), report=report)
    report.suppressed = config.suppress
    problem = output_problem(root, config.output_dir)
    if problem:
        print(f"epistola build: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from epistola.state.lock import BuildLockedError, build_lock

    try:
        with build_lock(root, wait=not args.no_wait):
            letters = _build(config, report, args)
    except BuildLockedError as exc:
        print(f"epistola build: error: {exc}; try again when it ends", file=sys.stderr)
        return EXIT_USAGE
    failed = _print_report(report, strict=args.strict)
    seconds = time.perf_counter() - started
    if failed:
        print(f"build failed: {report.summary()}; the site was not written", file=sys.stderr)
        return EXIT_PROBLEMS
    print(
        f"built {plural(letters, 'letter')} into"
        f" {_shown(config.output_dir)} in {seconds:.2f} s: {report.summary()}",
        file=sys.stderr,
    )
    return EXIT_OK


def _build(config: Config, report: Report, args: argparse.Namespace) -> int:
    """Build, unless nothing changed since the last build; the number of letters."""
    from epistola.state.inputs import (  # stamps only: no parser, no templates
        read_inputs,
        up_to_date,
    )

    inputs = read_inputs(config.root)
    letters = None if args.update_ledger else up_to_date(config, report, inputs)
    if letters is not None:
        return letters
    from epistola.build import build  # the parser and templates load only when needed

    progress = not args.quiet and sys.stderr.isatty()
    with collector_paused():
        result = build(
            config,
            report,
            strict=args.strict,
            progress=progress,
            update_ledger=args.update_ledger,
            inputs=inputs,
        )
        # The process ends soon: spare it a last pass of the collector over every record.
        gc.freeze()
    return len(result.edition.letters)


def cmd_check(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    report = Report()
    config = load_config(root, report=report)
    report.suppressed = config.suppress
    from epistola.build import build

    result = build(config, report, write_output=False)
    if args.site is not None:
        _check_site(Path(args.site).resolve() if args.site else config.output_dir, root, report)
    failed = _print_report(report, strict=args.strict)
    print(
        f"checked {plural(len(result.edition.letters), 'letter')}: {report.summary()}",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from epistola.app.serve import serve  # the watcher and server are only needed here

    return serve(args.root.resolve(), port=args.port)


def cmd_new(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    stem = f"{args.number:03d}"
    letter, notes = root / "letters" / f"{stem}.md", root / "notes" / f"{stem}.md"
    for path in (letter, notes):
        if path.exists():
            print(
                f"{path.relative_to(root)}: error: already exists; not overwritten", file=sys.stderr
            )
            return EXIT_PROBLEMS
    letter.parent.mkdir(parents=True, exist_ok=True)
    notes.parent.mkdir(parents=True, exist_ok=True)
    letter.write_text(
        f"---\nnumber: {args.number}\ndate: YYYY-MM-DD\nfrom: PERSON-ID\nto: [PERSON-ID]\n---\n"
        "The text of the letter, with a marker for each note.[^1]\n",
        encoding="utf-8",
    )
    notes.write_text("1. The first editorial note.\n", encoding="utf-8")
    print(f"created {letter.relative_to(root)} and {notes.relative_to(root)}", file=sys.stderr)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    folder = (args.root / args.dir).resolve()
    written = init_edition(folder, title=args.title)
    shown = _shown(folder)
    names = ", ".join(path.relative_to(folder).as_posix() for path in written)
    print(f"created a new edition in {shown}: {names}", file=sys.stderr)
    print(
        f"next: replace the <placeholders> in {Path(shown, CONFIG_NAME)}, and"
        f" 'epistola serve --root {shlex.quote(shown)}' shows the edition as you work",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_theme_list(args: argparse.Namespace) -> int:
    templates = args.root.resolve() / "templates"
    files = theme_files(templates)
    width = max(len(file.name) for file in files)
    for file in files:
        mark = "  (templates/ adds it)" if file.added else ""
        mark = "  (templates/ changes it)" if file.overridden else mark
        print(f"{file.name:<{width}}{mark}".rstrip())
    changed = sum(file.overridden or file.added for file in files)
    print(f"{plural(len(files), 'file')}, {changed} of them from templates/", file=sys.stderr)
    return EXIT_OK


def cmd_theme_copy(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    for name, target in copy_from_theme(root / "templates", args.names, force=args.force):
        print(f"copied the theme's {name} to {_shown(target)}: change it there", file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    into = (args.into or args.root).resolve()
    report = Report()
    from epistola.importer import import_dump  # its word list loads only for this command

    letters = import_dump(args.file, into, force=args.force, report=report)
    failed = _print_report(report, strict=False)
    if failed:
        print(f"import failed: {report.summary()}; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    print(
        f"imported {plural(len(letters), 'letter')} into {_shown(into)}: {report.summary()}",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_import_tei(args: argparse.Namespace) -> int:
    from epistola.importer.tei import import_tei  # lxml loads only for this command
    from epistola.importer.tei.report import print_summary

    report = Report()
    result = import_tei(args.sources, args.into.resolve(), report=report)
    _print_report(report, strict=False)
    return print_summary(result, report, _shown(args.into.resolve()))


def _check_site(site: Path, root: Path, report: Report) -> None:
    shown = site.relative_to(root).as_posix() if site.is_relative_to(root) else _shown(site)
    if not (site / "index.html").is_file():
        raise EpistolaError(f"no built site in {shown}; run 'epistola build' first")
    from epistola.app.sitecheck import check_site  # lxml loads only for this check

    links = check_site(site, report, shown_as=shown)
    print(f"checked {plural(links, 'link')} in {shown}", file=sys.stderr)


def _print_report(report: Report, *, strict: bool) -> bool:
    for line in report.lines():
        print(line, file=sys.stderr)
    return report.failed(strict=strict)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
