"""Find and read the edition's source files. No interpretation happens here."""

from __future__ import annotations

import os
import re
from pathlib import Path

from epistola.core.diagnostics import Report
from epistola.core.records import Location, SourceFile

# Noncharacters that the parser uses as placeholders in rendered HTML; they never occur
# in real text, so any that a source holds are replaced rather than trusted.
PLACEHOLDER_CHARS = {0xFDD0: "\ufffd", 0xFDD1: "\ufffd", 0xFDD2: "\ufffd"}
# Characters that HTML forbids and XML cannot hold at all (tab and newline aside).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def read_source(root: Path, path: Path, report: Report) -> SourceFile | None:
    """Read one file as UTF-8; report and skip it if that is impossible."""
    relative = path.relative_to(root).as_posix()
    try:
        # resolve() follows a link anywhere on the way, the file's own or a folder's.
        if not path.resolve().is_relative_to(root.resolve()):
            report.error(
                Location(relative, 1, 1),
                "source.symlink",
                "this file is a link that leads out of the edition; copy the file in instead",
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        report.error(Location(relative, 1, 1), "source.unreadable", f"cannot read: {exc.strerror}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.error(
            _byte_location(relative, data, exc.start),
            "source.encoding",
            f"byte 0x{data[exc.start]:02x}{_guess(data[exc.start])} is not UTF-8;"
            " save the file as UTF-8",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(PLACEHOLDER_CHARS)
    return SourceFile(relative, _without_control_characters(relative, text, report))


def _without_control_characters(path: str, text: str, report: Report) -> str:
    """Replace characters no page or export may hold with U+FFFD, and say where they were."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return text
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    count = len(_FORBIDDEN.findall(text))
    more = f" (and {count - 1} more in this file)" if count > 1 else ""
    report.warning(
        Location(path, line, column),
        "source.control-character",
        f"control character U+{ord(found[0]):04X}{more} cannot be published;"
        " it is shown as \ufffd — delete it",
    )
    return _FORBIDDEN.sub("\ufffd", text)


def _byte_location(path: str, data: bytes, offset: int) -> Location:
    """The line and (character) column of byte `offset`, counting lines as reading does."""
    before = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line_start = before.rfind(b"\n") + 1
    text = before[line_start:].decode("utf-8", errors="replace").removeprefix("\ufeff")
    return Location(path, before.count(b"\n") + 1, len(text) + 1)


def _guess(byte: int) -> str:
    """What the byte would be in Windows-1252, the usual culprit, if it is a letter there."""
    try:
        char = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f" ('{char}' in Windows-1252)" if char.isprintable() and not char.isspace() else ""


def find_letter_files(root: Path) -> list[Path]:
    """The letter sources, sorted by name so every build reads them in the same order."""
    return _markdown_files(root / "letters")


def find_notes_files(root: Path) -> list[Path]:
    """The notes sources (`notes/NNN.md`), sorted by name."""
    return _markdown_files(root / "notes")


def _markdown_files(folder: Path) -> list[Path]:
    # os.scandir and plain names: sorting 10,000 Path objects alone takes a tenth of a second.
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if e.name.endswith(".md") and e.name[0] != ".")
    return [folder / name for name in names]
