"""Edition + indexes -> Pages, through the Jinja2 templates of the theme (see `theme.py`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from epistola import __version__
from epistola.charts import chronology_picture, network_pictures
from epistola.cite import Citations
from epistola.config import Config
from epistola.dates import MONTHS, format_date
from epistola.diagnostics import EpistolaError
from epistola.export.common import authority_records
from epistola.facsimile.site import shown_pages
from epistola.index import Chronology, RegisterEntry, RegisterIndex
from epistola.markdown import REF_CLOSE, REF_MID, REF_OPEN
from epistola.paging import IndexPage
from epistola.pictures import (
    CHRONOLOGY_PAGE,
    MAX_LISTED,
    NETWORK_PAGE,
    LettersPerMonth,
    Network,
)
from epistola.records import Edition, Entry, Letter, LetterHead, Location, Page, Ref
from epistola.registers import KIND
from epistola.theme import make_loader, template_shown

_PLACEHOLDER = re.compile(f"{REF_OPEN}(\\d+){REF_MID}(.*?){REF_CLOSE}", re.DOTALL)
_UNWRITTEN = re.compile(f"(?:{REF_OPEN}\\d+{REF_MID}{REF_CLOSE})+")
_INDEX = re.compile(f"{REF_OPEN}(\\d+)")


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """The template environment: the edition's `templates_dir` over the packaged theme,
    autoescaped, and loud about undefined names."""
    env = jinja2.Environment(
        loader=make_loader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build never sees a template change; serve makes a new one
    )
    env.filters["date_words"] = format_date
    env.filters["month_name"] = lambda month: MONTHS[month - 1]
    env.globals["facsimile_pages"] = shown_pages
    return env


def page_context(edition: Edition, config: Config) -> dict[str, Any]:
    """What every template sees."""
    return {
        "config": config,
        "edition": edition,
        "generator": f"epistola {__version__}",
        "html": _html_helpers(edition),
        "cite": Citations(edition, config),
    }


def render_lists(
    env: jinja2.Environment,
    common: dict[str, Any],
    *,
    index: bool = False,
    register: RegisterIndex | None = None,
    chronology: Chronology | None = None,
    wanted: Callable[[str], bool] = lambda path: True,
    months: LettersPerMonth | None = None,
) -> list[Page]:
    """The list pages asked for: the title page and search page, a register's index, the
    chronology (of these two, the pages `wanted` by path); the chronology's first page
    shows `months` as a picture."""
    pages = []
    if index:
        pages += [
            _page(env, "index.html", "index.html", common),
            _page(env, "search.html", "search/index.html", common),
        ]
    if register is not None:
        template = "people.html" if register.kind.kind == "person" else "register.html"
        pages += [
            _page(env, template, p.path, common, index=register, page=p)
            for p in register.pages
            if wanted(p.path)
        ]
    if chronology is not None:
        for p in (p for p in chronology.pages if wanted(p.path)):
            shown = _month_picture(months if p.path == CHRONOLOGY_PAGE else None)
            pages.append(
                _page(env, "dates.html", p.path, common, index=chronology, page=p, **shown)
            )
    return pages


def render_entry(env: jinja2.Environment, common: dict[str, Any], entry: RegisterEntry) -> Page:
    """The page of one register entry: a person's, a place's, a body's."""
    subject = entry.subject
    template = "person.html" if subject.kind == "person" else "entry.html"
    return _page(env, template, KIND[subject.kind].page(subject.id), common, entry=entry)


def render_browse(
    env: jinja2.Environment,
    common: dict[str, Any],
    template: str,
    page: IndexPage[Any],
    **context: Any,
) -> Page:
    """One page of a browse index (`browse.py`) through `template`, with what else it shows."""
    return _page(env, template, page.path, common, page=page, **context)


def _month_picture(months: LettersPerMonth | None) -> dict[str, Any]:
    """What a page of the chronology shows of letters per month: on the first, all."""
    if months is None or not months.bars:
        return {"months": None, "month_picture": None}
    return {"months": months, "month_picture": chronology_picture(months)}


def render_network(
    env: jinja2.Environment,
    common: dict[str, Any],
    *,
    correspondence: Network,
    named: Network,
) -> Page:
    """The page of the networks: who wrote to whom, who is named with whom."""
    names = {person.id: person.name for person in common["edition"].people.values()}
    wrote, together = network_pictures(correspondence, named, names)
    return _page(
        env,
        "network.html",
        NETWORK_PAGE,
        common,
        correspondence=correspondence,
        named=named,
        pictures={"correspondence": wrote, "named": together},
        listed=MAX_LISTED,
    )


def render_letter(
    env: jinja2.Environment,
    common: dict[str, Any],
    letter: Letter,
    *,
    previous: LetterHead | None,
    following: LetterHead | None,
) -> Page:
    """A letter's page, from its full parse and its place in the edition."""
    return _page(
        env, "letter.html", letter.page, common, letter=letter, previous=previous, next=following
    )


def neighbours(edition: Edition, position: int) -> tuple[LetterHead | None, LetterHead | None]:
    letters = edition.letters
    return (
        letters[position - 1] if position > 0 else None,
        letters[position + 1] if position + 1 < len(letters) else None,
    )


def _page(
    env: jinja2.Environment, template: str, path: str, common: dict[str, Any], **context: Any
) -> Page:
    root = "../" * path.count("/")
    try:
        html = env.get_template(template).render(**common, **context, root=root, path=path)
    except jinja2.TemplateSyntaxError as exc:
        where = Location(template_shown(exc.filename, exc.name or template), exc.lineno or 1, 1)
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

    def name(entry_id: str, kind: str = "person") -> str:
        entry = edition.entry(kind, entry_id)
        return entry.name if entry else entry_id

    return {
        "body": body,
        "note": note,
        "name": name,
        "authority": _authority,
        "cited_by": _cited_by(edition),
    }


_AUTHORITY_LABELS = {"viaf": "VIAF", "gnd": "GND", "wikidata": "Wikidata", "geonames": "GeoNames"}


def _authority(entry: Entry) -> list[tuple[str, str]]:
    """(label, URI) of each authority record of an entry, for its page."""
    return [(_AUTHORITY_LABELS[scheme], uri) for scheme, uri in authority_records(entry)]


def _cited_by(edition: Edition) -> Any:
    def cited_by(letter: Letter | LetterHead, note: int | None) -> Iterator[tuple[str, str]]:
        """(href, label) of every place that refers to this letter or note."""
        for place in edition.cited_by.get((letter.number, note), ()):
            href = f"{place.letter}.html#{place.anchor}"
            if place.anchor.startswith("note-"):
                yield href, f"note {place.anchor.removeprefix('note-')} to letter {place.letter}"
            else:
                yield href, f"paragraph {place.anchor.removeprefix('p')} of letter {place.letter}"

    return cited_by


RefWriter = Callable[[Edition, int, int, str], str]
"""Writes one ref: (edition, letter, index of the ref, its words) -> markup."""


def fill_refs(html: str, letter: int, edition: Edition) -> str:
    """Replace each ref placeholder with a link, or with marked text if it leads outside."""
    return replace_refs(html, letter, edition, _ref_html, ' <span class="ref-members">({})</span>')


def replace_refs(text: str, letter: int, edition: Edition, write: RefWriter, members: str) -> str:
    """Replace each ref placeholder in `text` (HTML or TEI) with what `write` makes of it.

    Members of a range that the editor did not write out ("32" in "letters 31–33") have
    empty placeholders at the end of the phrase; they become a short list of refs there,
    put into `members` in place of `{}`.
    """

    def replace(match: re.Match[str]) -> str:
        return write(edition, letter, int(match[1]), match[2])

    def unwritten(match: re.Match[str]) -> str:
        indexes = [int(i) for i in _INDEX.findall(match[0])]
        links = [write(edition, letter, i, _member_label(edition, letter, i)) for i in indexes]
        return members.format(", ".join(links))

    return _PLACEHOLDER.sub(replace, _UNWRITTEN.sub(unwritten, text))


def _ref_html(edition: Edition, letter: int, index: int, words: str) -> str:
    """One ref as a link to its target, or as text marked as outside the edition."""
    target = edition.ref_targets.get((letter, index))
    if target is None:
        return (
            f'<span class="ref ref-outside" title="not in this edition">{words}'
            '<span class="visually-hidden"> (not in this edition)</span></span>'
        )
    ref = edition.by_number[letter].refs[index]
    label = f' aria-label="{_member_name(ref)}"' if words.isdigit() else ""
    return f'<a class="ref" href="{escape(target)}"{label}>{words}</a>'


def _member_label(edition: Edition, letter: int, index: int) -> str:
    ref = edition.by_number[letter].refs[index]
    return str(ref.note if ref.note is not None else ref.letter)


def _member_name(ref: Ref) -> str:
    """What a bare number in a list of refs stands for ("note 3 to letter 34")."""
    if ref.note is None:
        return f"letter {ref.letter}"
    return f"note {ref.note}" + (f" to letter {ref.letter}" if ref.letter is not None else "")
