"""Edition + indexes -> Pages, through the Jinja2 templates of the edition's theme."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from epistola import __version__
from epistola.config import Config
from epistola.dates import MONTHS, format_date
from epistola.diagnostics import EpistolaError
from epistola.index import MonthGroup, PersonEntry
from epistola.markdown import REF_CLOSE, REF_MID, REF_OPEN
from epistola.records import Edition, Letter, Location, Page

_PLACEHOLDER = re.compile(f"{REF_OPEN}(\\d+){REF_MID}(.*?){REF_CLOSE}", re.DOTALL)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """The template environment: autoescaped, and loud about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build never sees a template change; serve makes a new one
    )
    env.filters["date_words"] = format_date
    env.filters["month_name"] = lambda month: MONTHS[month - 1]
    return env


def render_site(
    edition: Edition,
    *,
    people: tuple[PersonEntry, ...],
    chronology: tuple[MonthGroup, ...],
    config: Config,
    env: jinja2.Environment,
    wanted: Callable[[str], bool] = lambda path: True,
) -> list[Page]:
    """Every HTML page of the site that is `wanted` (by its path), in a fixed order."""
    common = {
        "config": config,
        "edition": edition,
        "generator": f"epistola {__version__}",
        "html": _html_helpers(edition),
    }
    fixed: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("index.html", "index.html", {}),
        ("people.html", "people/index.html", {"entries": people}),
        ("dates.html", "dates/index.html", {"months": chronology}),
    )
    pages = [_page(env, t, path, common, **more) for t, path, more in fixed if wanted(path)]
    pages += [
        _page(env, "person.html", path, common, entry=entry)
        for entry in people
        if wanted(path := f"people/{entry.person.id}.html")
    ]
    pages += [
        _page(env, "letter.html", letter.page, common, letter=letter, **_neighbours(edition, i))
        for i, letter in enumerate(edition.letters)
        if wanted(letter.page)
    ]
    return pages


def _neighbours(edition: Edition, position: int) -> dict[str, Letter | None]:
    letters = edition.letters
    return {
        "previous": letters[position - 1] if position > 0 else None,
        "next": letters[position + 1] if position + 1 < len(letters) else None,
    }


def _page(
    env: jinja2.Environment, template: str, path: str, common: dict[str, Any], **context: Any
) -> Page:
    root = "../" * path.count("/")
    try:
        html = env.get_template(template).render(**common, **context, root=root, path=path)
    except jinja2.TemplateSyntaxError as exc:
        where = Location(f"templates/{exc.name or template}", exc.lineno or 1, 1)
        raise EpistolaError(f"template error: {exc.message}", where) from None
    except jinja2.TemplateError as exc:
        raise EpistolaError(
            f"template {template}: {exc}", Location(f"templates/{template}", 1)
        ) from None
    return Page(path, html.encode("utf-8"))


def _html_helpers(edition: Edition) -> dict[str, Any]:
    """Functions the templates call to turn parsed HTML into page HTML."""

    def body(letter: Letter) -> Markup:
        return Markup(fill_refs(letter.body_html, letter.number, edition))

    def note(letter: Letter, html: str) -> Markup:
        return Markup(fill_refs(html, letter.number, edition))

    def name(person_id: str) -> str:
        person = edition.people.get(person_id)
        return person.name if person else person_id

    return {"body": body, "note": note, "name": name, "cited_by": _cited_by(edition)}


def _cited_by(edition: Edition) -> Any:
    def cited_by(letter: Letter, note: int | None) -> Iterator[tuple[str, str]]:
        """(href, label) of every place that refers to this letter or note."""
        for place in edition.cited_by.get((letter.number, note), ()):
            where = "the text" if place.anchor.startswith("p") else place.anchor.replace("-", " ")
            href = f"{place.letter}.html#{place.anchor}"
            yield (
                href,
                f"{where} of letter {place.letter}"
                if where == "the text"
                else f"{where} to letter {place.letter}",
            )

    return cited_by


def fill_refs(html: str, letter: int, edition: Edition) -> str:
    """Replace each ref placeholder with a link, or with plain text if it leads outside."""

    def replace(match: re.Match[str]) -> str:
        words = match[2]
        if not words:
            return ""
        target = edition.ref_targets.get((letter, int(match[1])))
        if target is None:
            return f'<span class="ref ref-outside" title="not in this edition">{words}</span>'
        return f'<a class="ref" href="{escape(target)}">{words}</a>'

    return _PLACEHOLDER.sub(replace, html)
