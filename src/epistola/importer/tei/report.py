"""The report at the end of `epistola import-tei`, and its exit status.

0: everything was imported; 1: it was written, but something was not imported (the
lines say what, how often and where first) or a ref did not resolve; 2: an error (a file
that could not be read, or files already there), after which the rest was still imported
when it could be.
"""

from __future__ import annotations

import sys

from epistola.core.diagnostics import Report, plural
from epistola.importer.tei import TeiImport

EXIT_IMPORTED, EXIT_LOSSES, EXIT_ERROR = 0, 1, 2


def summary_lines(result: TeiImport, report: Report, into: str) -> list[str]:
    """What the user reads after the diagnostics."""
    if not result.written:
        return [f"import failed: {report.summary()}; nothing was written"]
    lines = [
        f"imported {plural(result.letters, 'letter')}, {plural(result.notes, 'note')},"
        f" {plural(result.refs, 'ref')} and {plural(result.names, 'name')} in the registers"
        f" into {into}: {report.summary()}"
    ]
    if result.unresolved:
        lines.append(f"{plural(result.unresolved, 'ref')} did not resolve (see the warnings above)")
    if result.losses.counts:
        lines.append("not imported:")
        lines += result.losses.lines()
    return lines


def print_summary(result: TeiImport, report: Report, into: str) -> int:
    """Print the summary and return the exit status."""
    for line in summary_lines(result, report, into):
        print(line, file=sys.stderr)
    if report.errors:
        return EXIT_ERROR
    return EXIT_LOSSES if result.losses.counts or result.unresolved else EXIT_IMPORTED
