"""The anchor ledger: a page or anchor, once published, stays reachable.

`anchors.lock` in the edition folder lists every page path the site has published
(`letters/31.html`) and every note, marker and paragraph anchor on its letter pages
(`letters/31.html#note-2`, `#noteref-2`, `#p3`), one a line, in a fixed order, so that
its diff shows exactly what a change publishes. Each build compares the site it is about
to write with the ledger:

- new pages and anchors are added to it;
- one that is gone is an error, unless `moved:` in `edition.yaml` says where it went. A
  moved page gets a small redirect page at its old path (a meta refresh and a plain link);
  a moved anchor gets an empty element with its old id inside the element it moved to,
  or, if it moved to another page, a short "now at" link where the old id still resolves;
- `epistola build --update-ledger` records the site as it now is, removals included.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from epistola.core.config import CONFIG_NAME, LEDGER_NAME, Config
from epistola.core.diagnostics import EpistolaError, Report
from epistola.core.lang import gettext
from epistola.core.records import Edition, LetterFacets, Location, Page

HEADER = (
    "# The pages and anchors this edition has published, kept by `epistola build`.\n"
    "# Commit this file. An entry that disappears from the site is an error unless\n"
    "# `moved:` in edition.yaml says where it went; `--update-ledger` drops it on purpose.\n"
)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class LedgerCheck:
    """What comparing a site with its ledger gives."""

    redirects: list[Page]
    """Redirect pages for the pages that moved."""
    entries: tuple[str, ...]
    """What the ledger holds after this build, in ledger order."""
    changed: bool
    """True if that differs from the ledger file (or there is none yet)."""

    def text(self) -> str:
        return HEADER + "".join(f"{entry}\n" for entry in self.entries)


@dataclass(frozen=True, slots=True)
class _Moves:
    """The `moved:` table, split into whole pages and single anchors."""

    pages: Mapping[str, str]
    """Old page path -> new page path, maybe with a `#fragment`."""
    anchors: Mapping[str, str]
    """Old `page#anchor` -> new `page#anchor`."""


def check_ledger(
    *,
    published: Iterable[str],
    edition: Edition,
    facets: Mapping[str, LetterFacets],
    config: Config,
    report: Report,
    update: bool = False,
    styled: bool = True,
) -> LedgerCheck:
    """Compare the site about to be written with the ledger; forward what moved.

    `published` are the paths of every page the site will hold.
    """
    recorded = read_ledger(config.root / LEDGER_NAME)
    published = published_anchors(published, edition, facets)
    moves = _read_moves(config, published, report)
    redirects, forwarded = _forward(moves, recorded or {}, published, config, report, styled)
    now = published | forwarded
    if recorded is not None and not update:
        _report_gone(recorded, now, moves, report)
    kept = now if update or recorded is None else now | recorded.keys()
    if recorded is not None and len(kept) == len(recorded) and kept.issuperset(recorded):
        return LedgerCheck(redirects, tuple(recorded), changed=False)  # spares sorting them
    return LedgerCheck(redirects, tuple(sorted(kept, key=ledger_order)), changed=True)


def add_to_ledger(text: str, entries: Iterable[str]) -> str | None:
    """The ledger `text` with `entries` put in their places; None if none is new.

    A build that only publishes new pages and anchors adds them so, without reading the
    rest of the ledger into records or sorting it again.
    """
    lines = text.split("\n")
    header = 0
    while header < len(lines) and lines[header].startswith("#"):
        header += 1
    body = [line for line in lines[header:] if line.strip()]
    known = set(body)
    new = sorted({entry for entry in entries if entry not in known}, key=ledger_order)
    if not new:
        return None
    for entry in new:
        bisect.insort(body, entry, key=ledger_order)
    return "".join(f"{line}\n" for line in (*lines[:header], *body))


def stand_ins_of(
    config: Config, edition: Edition, facets: Mapping[str, LetterFacets]
) -> dict[str, list[tuple[str, str]]]:
    """Page -> (old anchor, where it went) for each anchor that `moved:` sends elsewhere
    and that its page no longer has: each such page gets a stand-in element."""
    moved = [(old, new) for old, new in config.moved if "#" in old]
    if not moved:
        return {}
    anchors = {head.page: set(facets[head.path].anchors) for head in edition.letters}
    found: dict[str, list[tuple[str, str]]] = {}
    for old, new in moved:
        page, _, anchor = old.partition("#")
        if page in anchors and anchor not in anchors[page]:
            found.setdefault(page, []).append((anchor, new))
    for page, items in found.items():  # a note's marker goes where the note went
        for anchor, new in list(items):
            marker = anchor.replace("note-", "noteref-")
            target_page, _, target = new.replace("#note-", "#noteref-").partition("#")
            if (
                anchor.startswith("note-")
                and marker not in anchors[page]
                and target in anchors.get(target_page, ())
                and all(a != marker for a, _ in items)
            ):
                items.append((marker, f"{target_page}#{target}"))
    return found


def save_ledger(root: Path, text: str) -> None:
    """Write `anchors.lock` whole, never half."""
    partial = root / f".{LEDGER_NAME}.new"
    partial.write_text(text, encoding="utf-8")
    partial.replace(root / LEDGER_NAME)


def read_ledger(path: Path) -> dict[str, int] | None:
    """Entry -> its line in the ledger, in file order; None if there is no ledger yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problem = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8"
        raise EpistolaError(f"cannot read the ledger: {problem}", Location(path.name, 1)) from None
    lines = enumerate(text.split("\n"), start=1)
    return {line.strip(): n for n, line in lines if line.strip() and not line.startswith("#")}


def published_anchors(
    paths: Iterable[str], edition: Edition, facets: Mapping[str, LetterFacets]
) -> set[str]:
    """Every HTML page path and every anchor on letter pages.

    Only pages are promised: the exports and downloads of a letter (`tei/31.xml`,
    `letters/31.bib`) follow their letter, and the search index's pieces are named
    after their content. A letter page's anchors are read from its record, which is
    what its HTML ids are made from, so pages kept from the last build need no reading.
    """
    found = {path for path in paths if path.endswith(".html") and not path.startswith("static/")}
    for letter in edition.letters:
        if letter.page in found:
            anchors = facets[letter.path].anchors
            found.update(f"{letter.page}#{anchor}" for anchor in anchors)
    return found


def ledger_order(entry: str) -> str:
    """Numbers in their numeric order, so `#note-2` comes before `#note-10`."""
    return _DIGITS.sub(lambda number: number[0].zfill(12), entry)


def _read_moves(config: Config, published: set[str], report: Report) -> _Moves:
    pages: dict[str, str] = {}
    anchors: dict[str, str] = {}
    for old, new in config.moved:
        where = _moved_location(config.root, old)
        if new.partition("#")[0] not in published or ("#" in new and new not in published):
            report.error(
                where, "ledger.moved-target", f"moved: {old} -> {new}, which is not in the site"
            )
        elif old in published:
            report.warning(
                where,
                "ledger.moved-still-published",
                f"moved: {old} is still published, so the entry does nothing; remove it",
            )
        else:
            (anchors if "#" in old else pages)[old] = new
    # A note's marker goes where the note went, unless the table says otherwise.
    for old, new in list(anchors.items()):
        marker = (old.replace("#note-", "#noteref-"), new.replace("#note-", "#noteref-"))
        if "#note-" in old and marker[1] in published and marker[0] not in published:
            anchors.setdefault(*marker)
    return _Moves(pages, anchors)


def _forward(
    moves: _Moves,
    recorded: Mapping[str, int],
    published: set[str],
    config: Config,
    report: Report,
    styled: bool,
) -> tuple[list[Page], set[str]]:
    """The redirect pages, and the old anchors that redirects and stand-ins keep."""
    forwarded: set[str] = set()
    for old in moves.anchors:
        if old.partition("#")[0] in published:  # else the page is gone too: see below
            forwarded.add(old)
    on_moved_pages: dict[str, list[tuple[str, int]]] = {old: [] for old in moves.pages}
    for entry, line in recorded.items():
        page, _, anchor = entry.partition("#")
        if anchor and page in on_moved_pages:
            on_moved_pages[page].append((anchor, line))
    redirects = []
    for old, new in moves.pages.items():
        links = _redirect_anchors(old, new, on_moved_pages[old], moves, published, report)
        redirects.append(_redirect_page(old, new, links, config, styled=styled))
        forwarded |= {old, *(f"{old}#{anchor}" for anchor, _ in links)}
    return redirects, forwarded


def _redirect_anchors(
    old: str,
    new: str,
    recorded: list[tuple[str, int]],
    moves: _Moves,
    published: set[str],
    report: Report,
) -> list[tuple[str, str]]:
    """(old anchor, new place) for each anchor the ledger knows on a moved page.

    `recorded` holds those anchors with their ledger lines.
    """
    links = []
    new_page = new.partition("#")[0]
    for anchor, line in recorded:
        entry = f"{old}#{anchor}"
        target = moves.anchors.get(entry, f"{new_page}#{anchor}")
        if target in published:
            links.append((anchor, target))
        else:
            report.error(
                Location(LEDGER_NAME, line, 1),
                "ledger.removed",
                f"anchor {entry} was published before and is gone now: {old} moved to"
                f" {new_page}, which has no #{anchor}; say where it went under 'moved:'",
            )
    return sorted(links, key=lambda link: ledger_order(link[0]))


def _report_gone(recorded: Mapping[str, int], now: set[str], moves: _Moves, report: Report) -> None:
    gone = [entry for entry in recorded if entry not in now]
    gone_pages = {entry for entry in gone if "#" not in entry}
    anchors_gone = Counter(entry.partition("#")[0] for entry in gone if "#" in entry)
    for entry in gone:
        page = entry.partition("#")[0]
        if page in moves.pages or ("#" in entry and page in gone_pages):
            continue  # reported with its page, or by _redirect_anchors
        kind = "anchor" if "#" in entry else "page"
        with_anchors = anchors_gone[entry] if kind == "page" else 0
        also = f" (with its {with_anchors} anchors)" if with_anchors else ""
        report.error(
            Location(LEDGER_NAME, recorded[entry], 1),
            "ledger.removed",
            f"{kind} {entry}{also} was published before and is gone now; say where it went"
            " under 'moved:' in edition.yaml, or run 'epistola build --update-ledger'"
            " to drop it on purpose",
        )


def with_stand_ins(page: Page, moved: list[tuple[str, str]]) -> Page:
    """The page with an element for each old anchor that moved, where it moved to."""
    html = page.content
    away = []
    for anchor, new in sorted(moved):
        new_page, _, new_anchor = new.partition("#")
        found = html.find(f' id="{new_anchor}"'.encode()) if new_page == page.path else -1
        if found < 0:
            away.append((anchor, _relative(page.path, new), new))
            continue
        end = html.index(b">", found) + 1
        stand_in = f'<span id="{escape(anchor)}" class="moved-anchor"></span>'.encode()
        html = html[:end] + stand_in + html[end:]
    if away:
        now = str(escape(gettext("This place is now %(link)s.")))
        items = "".join(
            f'<p id="{escape(a)}" class="moved-anchor">'
            + now % {"link": f'<a href="{escape(href)}">{escape(new)}</a>'}
            + "</p>"
            for a, href, new in away
        )
        closing = html.rfind(b"</main>")
        closing = closing if closing >= 0 else html.rfind(b"</body>")
        html = html[:closing] + items.encode() + b"\n" + html[closing:]
    return Page(page.path, html)


def _redirect_page(
    old: str, new: str, anchors: list[tuple[str, str]], config: Config, *, styled: bool
) -> Page:
    """A small page at `old` that sends readers (and old `#anchors`) to `new`."""
    href = escape(_relative(old, new))
    root = "../" * old.count("/")
    style = f'<link rel="stylesheet" href="{root}static/style.css">\n' if styled else ""
    items = "".join(
        f'<li id="{escape(a)}"><a href="{escape(_relative(old, to))}">{escape(to)}</a></li>\n'
        for a, to in anchors
    )
    now = escape(gettext("Its places are now:"))
    places = f"<p>{now}</p>\n<ul>\n{items}</ul>\n" if items else ""
    link = f'<a href="{href}">{escape(new)}</a>'
    moved = str(escape(gettext("%(page)s is now %(link)s."))) % {"page": escape(old), "link": link}
    title = escape(gettext("Moved to %(page)s", page=new))
    heading = escape(gettext("This page has moved"))
    html = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(config.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title} · {escape(config.title)}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        '<meta name="robots" content="noindex">\n'
        f"{style}</head>\n<body>\n<main>\n<h1>{heading}</h1>\n"
        f"<p>{moved}</p>\n"
        f"{places}</main>\n</body>\n</html>\n"
    )
    return Page(old, html.encode("utf-8"))


def _relative(here: str, target: str) -> str:
    """The link from page `here` to `target` (`page#anchor`), relative to `here`'s folder."""
    path, hash_, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(here) or ".") if path != here else ""
    return f"{link}{hash_}{anchor}"


def _moved_location(root: Path, old: str) -> Location:
    """The line of `old` in the `moved:` table, for messages."""
    try:
        lines = (root / CONFIG_NAME).read_text(encoding="utf-8-sig").split("\n")
    except OSError:
        lines = []
    for number, line in enumerate(lines, start=1):
        column = line.find(old)
        if column >= 0 and line.lstrip(" \"'").startswith(old):
            return Location(CONFIG_NAME, number, column + 1)
    return Location(CONFIG_NAME, 1, 1)
