"""Problems found in the sources: collected by every stage, printed once, sorted."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from epistola.core.records import Location


class Severity(enum.Enum):
    """How bad a problem is: errors fail the build, warnings only under --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, at one place in the sources."""

    location: Location
    severity: Severity
    code: str
    """`area.kind`, e.g. `note.missing`; users can suppress a kind by its code."""
    message: str
    """Lower-case; says what was found and what was expected."""
    related: tuple[tuple[Location, str], ...] = ()
    """Other places that explain this one ("first used here")."""

    def format(self) -> str:
        """The lines a user sees: `path:line:col: severity: message [code]`."""
        lines = [f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"]
        lines += [f"  {where}: note: {what}" for where, what in self.related]
        return "\n".join(lines)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        where = self.location
        return (where.path, where.line, where.column, self.code, self.message)


class EpistolaError(Exception):
    """A problem after which the build cannot go on (unreadable config, broken template)."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def format(self) -> str:
        """As a diagnostic line."""
        where = f"{self.location}: " if self.location else ""
        return f"{where}error: {self.message}"


@dataclass
class Report:
    """The diagnostics of one run. Stages add to it and carry on."""

    suppressed: frozenset[str] = frozenset()
    """Codes the edition has chosen not to hear about."""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, code: str, message: str, **kw: object) -> None:
        """Record an error at `location`."""
        self._add(location, Severity.ERROR, code, message, kw)

    def warning(self, location: Location, code: str, message: str, **kw: object) -> None:
        """Record a warning at `location`."""
        self._add(location, Severity.WARNING, code, message, kw)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Take over diagnostics found elsewhere (a cached parse, a worker process)."""
        for diagnostic in diagnostics:
            if diagnostic.code not in self.suppressed:
                self.diagnostics.append(diagnostic)

    def _add(
        self, location: Location, severity: Severity, code: str, message: str, kw: dict[str, object]
    ) -> None:
        if code in self.suppressed:
            return
        related = kw.get("related", ())
        assert isinstance(related, tuple)
        self.diagnostics.append(Diagnostic(location, severity, code, message, related))

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    def failed(self, *, strict: bool = False) -> bool:
        """True if the run must fail: any error, or any warning under --strict."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def lines(self) -> list[str]:
        """Every diagnostic formatted, sorted by place, each distinct one once."""
        seen: set[str] = set()
        out: list[str] = []
        for diagnostic in sorted(self.diagnostics, key=Diagnostic.sort_key):
            text = diagnostic.format()
            if text not in seen:
                seen.add(text)
                out.append(text)
        return out

    def summary(self) -> str:
        """`3 errors, 1 warning`, or `no problems`."""
        parts = []
        if self.errors:
            parts.append(plural(self.errors, "error"))
        if self.warnings:
            parts.append(plural(self.warnings, "warning"))
        return ", ".join(parts) if parts else "no problems"


def plural(count: int, noun: str) -> str:
    """`1 letter`, `2 letters`."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
