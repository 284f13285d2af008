"""What a build made: every file with its fingerprint, digest and kind.

The store keeps it for the next build (`outputs`), which uses it to keep what is
unchanged and to find the files it no longer has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from epistola.core.reads import Reads
from epistola.core.records import Page
from epistola.core.registers import KINDS
from epistola.publish.write import SiteWriter

LETTER_KIND = "letter:"
"""The kind of the files made from one letter (`letter:31`): its page and its exports."""
BROWSE_KINDS = (
    "letter-list",
    "correspondents",
    "correspondence",
    "places-of-writing",
    "written-at",
)
"""The kinds of the browse pages (`views/browse.py`)."""
WHOLE_KINDS = frozenset(
    {
        "index",
        "chronology",
        "export",
        "sitemap",
        "ledger",
        "letter-filter",
        *(f"{k.kind}-index" for k in KINDS),
        *BROWSE_KINDS,
    }
)
"""Kinds made whole or not at all: a file of such a kind that a build that made the kind
did not make is gone."""


@dataclass
class Made:
    """What the make stage made, and what the publish stage added."""

    files: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Path -> (fingerprint, digest of the bytes, kind) of every file made or kept."""
    reads: dict[str, tuple[str, Reads]] = field(default_factory=dict)
    """Path -> its kind and what its template read, for every step made or kept."""
    search_paths: set[str] = field(default_factory=set)
    """The files of the search index once made."""
    ledger_checked: bool = False
    """True once the whole ledger was checked, so its redirect pages were made anew."""

    def add(self, writer: SiteWriter, page: Page, kind: str, fingerprint: str = "") -> None:
        self.files[page.path] = (fingerprint, writer.add(page), kind)
