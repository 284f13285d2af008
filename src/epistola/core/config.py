"""`edition.yaml` -> Config: the edition's metadata and where its files are."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from epistola.core.diagnostics import EpistolaError, Report
from epistola.core.names.matching import DEFAULT_MODE, MODES
from epistola.core.records import Location
from epistola.core.urls import is_web_url
from epistola.core.yamlload import TextDateLoader

CONFIG_NAME = "edition.yaml"
LEDGER_NAME = "anchors.lock"
"""The anchor ledger, beside edition.yaml (see `ledger.py`)."""
PLACEHOLDER = re.compile(r"<[^<>]*>")
"""Part of a value such as `<your name>`: left by `epistola init` for the editor to fill in."""
DEFAULT_INDEX_PAGE_SIZE = 300
"""Entries on one page of an index before it is split by initial or year."""
KNOWN_KEYS = frozenset(
    {
        "title",
        "subtitle",
        "editors",
        "publisher",
        "source",
        "language",
        "base_url",
        "licence",
        "licence_url",
        "version",
        "released",
        "suppress",
        "moved",
        "index_page_size",
        "match",
    }
)


@dataclass(frozen=True, slots=True)
class Config:
    """What the edition says about itself, and where its parts live."""

    root: Path
    """The edition folder (holds `edition.yaml`)."""
    title: str
    subtitle: str
    editors: tuple[str, ...]
    publisher: str
    source: str
    """The printed or archival source the edition follows."""
    language: str
    """BCP 47 tag of the letters' language (`en`)."""
    base_url: str
    """The absolute URL the site is published at, ending in `/`."""
    licence: str
    licence_url: str
    version: str
    """The edition's version, shown on every page and in citations."""
    released: str
    """The release date of this version (ISO 8601), shown with the version."""
    suppress: frozenset[str]
    """Diagnostic codes not to report."""
    moved: tuple[tuple[str, str], ...]
    """Old page or anchor -> where it went, for published anchors that moved."""
    output_dir: Path
    index_page_size: int = DEFAULT_INDEX_PAGE_SIZE
    """Entries on one page of the people index or chronology before it is split."""
    match: str = DEFAULT_MODE
    """How the registers' aliases are found in the text, unless an entry says its own way."""

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"


def load_config(root: Path, *, output_dir: Path | None = None, report: Report) -> Config:
    """Read `edition.yaml` in `root`; raise EpistolaError if it cannot be used at all."""
    path = root / CONFIG_NAME
    where = Location(CONFIG_NAME, 1, 1)
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = yaml.load(text, Loader=TextDateLoader)
    except FileNotFoundError:
        raise EpistolaError(f"no {CONFIG_NAME} in {root}: is this an edition folder?") from None
    except UnicodeDecodeError as exc:
        raise EpistolaError(f"{CONFIG_NAME} is not UTF-8 ({exc.reason})", where) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = Location(CONFIG_NAME, mark.line + 1, mark.column + 1)
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise EpistolaError(f"{CONFIG_NAME} is not valid YAML: {problem}", where) from None
    except Exception as exc:  # PyYAML's constructors raise assorted errors for bad tags
        raise EpistolaError(f"{CONFIG_NAME} is not valid YAML: {exc}", where) from None
    if not isinstance(data, dict):
        raise EpistolaError(f"{CONFIG_NAME} must be a mapping of keys to values", where)
    for key in sorted(set(data) - KNOWN_KEYS):
        report.warning(where, "config.unknown-key", f"unknown key '{key}' in {CONFIG_NAME}")
    if not data.get("title"):
        raise EpistolaError(f"{CONFIG_NAME} needs a 'title'", where)
    _report_placeholders(text, report)
    base_url = str(data.get("base_url") or "https://example.org/")
    return Config(
        root=root,
        title=_text(data, "title"),
        subtitle=_text(data, "subtitle"),
        editors=tuple(str(e) for e in _as_list(data.get("editors"))),
        publisher=_text(data, "publisher"),
        source=_text(data, "source"),
        language=_text(data, "language") or "en",
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        licence=_text(data, "licence"),
        licence_url=_web_url(data, "licence_url", where, report),
        version=_text(data, "version") or "0",
        released=_text(data, "released"),
        suppress=frozenset(str(code) for code in _as_list(data.get("suppress"))),
        moved=_moved(data.get("moved"), where, report),
        output_dir=output_dir or root / "site",
        index_page_size=_page_size(data, report),
        match=_match(data, report),
    )


def _report_placeholders(text: str, report: Report) -> None:
    """Warn of every value still written in angle brackets, as `epistola init` leaves them."""
    top = yaml.compose(text, Loader=TextDateLoader)
    for key, value in top.value if isinstance(top, yaml.MappingNode) else ():
        items = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for item in items:
            if isinstance(item, yaml.ScalarNode) and PLACEHOLDER.search(item.value):
                mark = item.start_mark
                report.warning(
                    Location(CONFIG_NAME, mark.line + 1, mark.column + 1),
                    "config.placeholder",
                    f"'{key.value}' is still the placeholder '{item.value.strip()}';"
                    " replace it with the edition's own value",
                )


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def _page_size(data: dict[str, Any], report: Report) -> int:
    value = data.get("index_page_size", DEFAULT_INDEX_PAGE_SIZE)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    report.error(
        Location(CONFIG_NAME, 1, 1),
        "config.index-page-size",
        f"'index_page_size' must be a whole number of entries such as 300, not '{value}'",
    )
    return DEFAULT_INDEX_PAGE_SIZE


def _match(data: dict[str, Any], report: Report) -> str:
    value = str(data.get("match") or DEFAULT_MODE)
    if value in MODES:
        return value
    report.error(
        Location(CONFIG_NAME, 1, 1),
        "config.match",
        f"'match' must be {', '.join(MODES[:-1])} or {MODES[-1]}, not '{value}'",
    )
    return DEFAULT_MODE


def _web_url(data: dict[str, Any], key: str, where: Location, report: Report) -> str:
    """An http(s) address from the config; anything else could run script when clicked."""
    url = _text(data, key)
    if url and not is_web_url(url):
        report.warning(
            where,
            "link.unsafe",
            f"'{key}' must be an http: or https: address, not '{url}'; it is left out",
        )
        return ""
    return url


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _moved(value: object, where: Location, report: Report) -> tuple[tuple[str, str], ...]:
    """The `moved:` table as (old, new) pairs; anything but a mapping is reported."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        report.error(
            where,
            "config.moved",
            f"'moved' in {CONFIG_NAME} must map old paths to new ones,"
            " such as 'letters/27.html: letters/28.html'",
        )
        return ()
    return tuple((str(old).strip(), str(new).strip()) for old, new in value.items())
