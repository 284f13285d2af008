"""Imported letters -> `letters/NNN.md` and `notes/NNN.md`, written only if all can be."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from epistola.core.diagnostics import Report
from epistola.core.records import Location
from epistola.importer.letter import ImportedNote


@dataclass(frozen=True, slots=True)
class ImportedLetter:
    """A letter ready to be written as epistola sources."""

    number: int
    """From the heading."""
    date: str
    """The editors' date as EDTF (or a placeholder the build will refuse)."""
    date_label: str | None
    """The editors' own words for the date, when the EDTF alone says them badly."""
    dated: str | None
    """The writer's own date."""
    sender: str
    """A person id, or the placeholder."""
    recipients: tuple[str, ...]
    """Person ids, or the placeholder."""
    paragraphs: tuple[str, ...]
    """The text as Markdown paragraphs."""
    notes: tuple[ImportedNote, ...]
    """The notes; no notes file is written when there are none."""


def render_files(letters: Sequence[ImportedLetter]) -> dict[str, str]:
    """{path relative to the edition: text} for every letter and notes file."""
    files: dict[str, str] = {}
    for letter in letters:
        stem = f"{letter.number:03d}"
        files[f"letters/{stem}.md"] = _letter_file(letter)
        if letter.notes:
            files[f"notes/{stem}.md"] = _notes_file(letter.notes)
    return files


def _letter_file(letter: ImportedLetter) -> str:
    fields = [
        ("number", str(letter.number)),
        ("date", letter.date),
        ("date_label", _scalar(letter.date_label)),
        ("dated", _scalar(letter.dated)),
        ("from", letter.sender),
        ("to", f"[{', '.join(letter.recipients)}]"),
    ]
    front = "".join(f"{key}: {value}\n" for key, value in fields if value is not None)
    return f"---\n{front}---\n" + "\n\n".join(letter.paragraphs) + "\n"


def _notes_file(notes: Sequence[ImportedNote]) -> str:
    items = []
    for note in notes:
        label = f"{note.number}. "
        indent = " " * len(label)
        first, *rest = note.paragraphs or ("",)
        items.append("\n\n".join([label + first, *(indent + p for p in rest)]))
    return "\n\n".join(items) + "\n"


def _scalar(value: str | None) -> str | None:
    """A YAML scalar that reads back as the same string (quoted only where it must be)."""
    if value is None:
        return None
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n").removesuffix("\n...")


def write_files(into: Path, files: Mapping[str, str], *, force: bool, report: Report) -> bool:
    """Write every file, or none if any exists (without `force`); True if written."""
    if not force:
        for relative in sorted(files):
            if (into / relative).exists():
                report.error(
                    Location(shown_path(into / relative), 1, 1),
                    "import.exists",
                    "already exists; not overwritten (use --force to replace it)",
                )
    if report.errors:
        return False
    for relative, text in files.items():
        _write_atomically(into / relative, text)
    return True


def _write_atomically(path: Path, text: str) -> None:
    """A reader never sees a half-written file, even if the import is interrupted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the sources from other users
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def shown_path(path: Path) -> str:
    """The path as the user will recognise it: relative to the working folder if inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
