"""The registers as a build reads them: from their files, through the store's copy.

YAML is slow to read, so the registers as last read are kept in the store with the hash
of their texts, and read again only when a text changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from epistola.core.diagnostics import Report
from epistola.core.records import SourceFile
from epistola.core.registers import KINDS, Registers, load_registers, register_source
from epistola.parse.sources import read_source
from epistola.state.fingerprint import code_fingerprint, digest
from epistola.state.store import Store

RegisterTexts = Mapping[str, SourceFile | None]
"""For each kind of register, its file's text (None if the edition keeps none)."""


def register_texts(root: Path, report: Report) -> RegisterTexts:
    """The text of each register file of the edition."""
    texts = {}
    for kind in KINDS:
        path = register_source(root, kind)
        texts[kind.kind] = read_source(root, path, report) if path.exists() else None
    return texts


def read_registers(texts: RegisterTexts, store: Store, report: Report) -> Registers:
    """The registers, read again only when a text changed."""
    key = digest(code_fingerprint(), sorted((k, s.text if s else None) for k, s in texts.items()))
    kept = store.piece("registers")
    if kept is not None and kept[0] == key:
        report.extend(kept[2])
        return dict(kept[1])
    found = Report()
    registers = load_registers(texts, found)
    report.extend(found.diagnostics)
    store.put_piece("registers", (key, registers, tuple(found.diagnostics)))
    return registers
