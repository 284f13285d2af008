"""The catalogs of the interface's words: gettext `.po` files, compiled as they are read.

A catalog is `messages/LANG.po` in the theme, or in the edition's `templates/` (which
wins, as for templates): `de.po`, `fr.po`, `de_AT.po`. Its `msgid`s are the theme's
English words; a message without a translation (or marked fuzzy) stays English. Babel
reads and compiles it, so a catalog is edited as text and never compiled by hand.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from epistola.core.diagnostics import EpistolaError, Report
from epistola.core.records import Location
from epistola.core.theme_files import theme_dir

MESSAGES = "messages"
"""The folder of the catalogs, in the theme and in an edition's `templates/`."""


def catalog_names(tag: str) -> list[str]:
    """The file names a catalog of `tag` may have, the most specific first:
    `de-AT` -> `de_AT.po`, `de.po`."""
    parts = tag.replace("-", "_").split("_")
    names = ["_".join([parts[0].lower(), *parts[1:]])]
    if len(parts) > 1:
        names.append(parts[0].lower())
    return [f"{name}.po" for name in names]


def find_catalog(tag: str, templates_dir: Path) -> Path | None:
    """The catalog of `tag`: the edition's, else the theme's; None if neither has one."""
    for name in catalog_names(tag):
        for folder in (templates_dir / MESSAGES, theme_dir() / MESSAGES):
            if (folder / name).is_file():
                return folder / name
    return None


def read_catalog(path: Path) -> Catalog:
    """A `.po` file as Babel's catalog; raise EpistolaError, with its line, if it is not one."""
    try:
        with path.open("rb") as file:
            return read_po(file, abort_invalid=True)
    except PoFileError as exc:
        raise EpistolaError(f"not a gettext catalog: {exc}", Location(str(path), 1)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EpistolaError(f"cannot read the catalog: {exc}", Location(str(path), 1)) from None


def load_catalog(path: Path, root: Path, report: Report) -> gettext.GNUTranslations:
    """The translations of the catalog at `path`; a translation whose `%(name)s` places
    differ from its message's is reported (as a warning at its line) and not used."""
    catalog = read_catalog(path)
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    for message, errors in list(catalog.check()):
        message_id = message.id[0] if isinstance(message.id, tuple) else message.id
        for error in errors:
            report.warning(
                Location(shown, message.lineno or 1),
                "messages.format",
                f"the translation of '{message_id}' does not fit its message: {error};"
                " the English words are used",
            )
        del catalog[message.id]
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
