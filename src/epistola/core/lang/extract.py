"""The messages of the interface, found in the theme's templates and epistola's code, as
the template of a new catalog: `python -m epistola.core.lang.extract > messages.pot`.

Templates mark their words `_("…")` and `ngettext("…", "…", n)` (Jinja's i18n extension);
the code marks them with `epistola.core.lang`'s `_`, `gettext` and `ngettext`.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from epistola.core.theme_files import theme_dir

_METHODS = [
    ("theme/**.html", "jinja2.ext:babel_extract"),
    ("theme/static/filter.js", "javascript"),
    ("theme/static/search.js", "javascript"),
    ("theme/static/reading.js", "javascript"),
    ("**.py", "python"),
]
_OPTIONS = {"theme/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true"}}
_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def extract_messages() -> Catalog:
    """Every message of the theme and the code, with where it is used."""
    package = theme_dir().parent
    catalog = Catalog(project="epistola", charset="utf-8")
    found = extract_from_dir(package, method_map=_METHODS, options_map=_OPTIONS, keywords=_KEYWORDS)
    for filename, lineno, message, _comments, context in found:
        path = (Path("epistola") / filename).as_posix()
        catalog.add(message, locations=[(path, lineno)], context=context)
    return catalog


def main() -> int:
    """Write the template of a catalog to standard output."""
    out = io.BytesIO()
    write_po(out, extract_messages(), omit_header=False, sort_output=True, width=88)
    sys.stdout.write(out.getvalue().decode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
