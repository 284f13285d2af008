"""Edition + indexes -> Pages, through the Jinja2 templates of the theme (see `theme.py`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from epistola import __version__
from epistola.core.config import Config
from epistola.core.diagnostics import EpistolaError
from epistola.core.lang import _, current, date_words, month_name, month_year, number
from epistola.core.lang import joined as lang_joined
from epistola.core.lang.scripts import script_words
from epistola.core.records import Edition, Entry, Letter, LetterHead, Location, Page, Ref
from epistola.core.registers import authority_records
from epistola.facsimile.site import shown_pages
from epistola.parse.markdown import REF_CLOSE, REF_MID, REF_OPEN
from epistola.render.cite import Citations
from epistola.render.reads import ReadingEnvironment
from epistola.render.stemming import search_stemmer
from epistola.render.theme import make_loader, template_shown, theme_file

_PLACEHOLDER = re.compile(f"{REF_OPEN}(\\d+){REF_MID}(.*?){REF_CLOSE}", re.DOTALL)
_UNWRITTEN = re.compile(f"(?:{REF_OPEN}\\d+{REF_MID}{REF_CLOSE})+")
_INDEX = re.compile(f"{REF_OPEN}(\\d+)")


def make_environment(templates_dir: Path) -> ReadingEnvironment:
    """The template environment: the edition's `templates_dir` over the packaged theme,
    autoescaped, and loud about undefined names."""
    env = ReadingEnvironment(
        loader=make_loader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build never sees a template change; serve makes a new one
    )
    env.filters["date_words"] = date_words
    env.filters["month_name"] = month_name
    env.filters["number"] = number
    env.globals["month_year"] = month_year
    env.globals["english_code"] = english_code

    @functools.cache
    def script(name: str) -> Path | None:
        return theme_file(templates_dir, f"static/{name}")

    env.globals["script_words"] = lambda name: script_words(current(), script(name))
    env.globals["stemmer_scripts"] = lambda: _stemmer_scripts(templates_dir)
    # the words of the language being spoken when a page is rendered (see epistola.core.lang)
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: current().translations.gettext(message),
        ngettext=lambda one, many, n: current().translations.ngettext(one, many, n),
        newstyle=True,
    )
    env.globals["facsimile_pages"] = shown_pages
    return env


def _stemmer_scripts(templates_dir: Path) -> tuple[str, ...]:
    """The scripts of the search's stemmer in the current language (none for English)."""
    stemmer = search_stemmer(current(), templates_dir)
    return stemmer.scripts if stemmer else ()


def english_code(text: str) -> Markup:
    """Code the format spells in English (a citation key), marked as English on a page in
    another language, so that a screen reader speaks it as such."""
    english = current().locale.language == "en"
    return Markup("<code{}>{}</code>").format(Markup("" if english else ' lang="en"'), text)


def page_context(edition: Edition, config: Config) -> dict[str, Any]:
    """What every template sees."""
    return {
        "config": config,
        "edition": edition,
        "generator": f"epistola {__version__}",
        "html": _html_helpers(edition),
        "cite": Citations(edition, config),
    }


def render_letter(
    env: jinja2.Environment,
    common: dict[str, Any],
    letter: Letter,
    *,
    previous: LetterHead | None,
    following: LetterHead | None,
) -> Page:
    """A letter's page, from its full parse and its place in the edition."""
    return render_page(
        env, "letter.html", letter.page, common, letter=letter, previous=previous, next=following
    )


def render_page(
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
        return Markup(_marker_labels(fill_refs(letter.body_html, letter.number, edition)))

    def note(letter: Letter, html: str) -> Markup:
        return Markup(fill_refs(html, letter.number, edition))

    def name(entry_id: str, kind: str = "person") -> str:
        entry = edition.entry(kind, entry_id)
        return entry.name if entry else entry_id

    works_of: dict[str, list[Entry]] = {}
    for work in edition.registers.get("work", {}).values():
        for author in work.authors:
            works_of.setdefault(author, []).append(work)

    def works(person_id: str) -> list[Entry]:
        """The works of the register that `person_id` wrote, in the register's order."""
        return works_of.get(person_id, [])
    def lang_of(letter: Letter | LetterHead) -> Markup:
        """` lang="…"` for a letter whose text is in another language than the page's."""
        if letter.language and letter.language.lower() != current().tag.lower():
            return Markup(' lang="{}"').format(letter.language)
        return Markup("")

    def joined(entry_ids: list[str], kind: str = "person") -> str:
        return lang_joined([name(entry_id, kind) for entry_id in entry_ids])

    return {
        "body": body,
        "note": note,
        "name": name,
        "works": works,
        "joined": joined,
        "lang_of": lang_of,
        "authority": _authority,
        "cited_by": _cited_by(edition),
    }


_MARKER_LABEL = re.compile(r' role="doc-noteref" aria-label="note (\d+)"')
"""The name of a note's marker as the parse writes it (markdown.py), in English."""


def _marker_labels(html: str) -> str:
    """The text with its markers named in the page's language (`aria-label="Anmerkung 3"`);
    the parse is kept once for every language, so it names them in English."""
    if current().translations.gettext("note %(note)s") == "note %(note)s":
        return html
    return _MARKER_LABEL.sub(
        lambda m: f' role="doc-noteref" aria-label="{escape(_("note %(note)s", note=m[1]))}"',
        html,
    )


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
                number = place.anchor.removeprefix("note-")
                yield (
                    href,
                    _("note %(note)s to letter %(letter)s", note=number, letter=place.letter),
                )
            else:
                paragraph = place.anchor.removeprefix("p")
                yield (
                    href,
                    _(
                        "paragraph %(paragraph)s of letter %(letter)s",
                        paragraph=paragraph,
                        letter=place.letter,
                    ),
                )

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
        outside = escape(_("not in this edition"))
        return (
            f'<span class="ref ref-outside" title="{outside}">{words}'
            f'<span class="visually-hidden"> ({outside})</span></span>'
        )
    ref = edition.by_number[letter].refs[index]
    label = f' aria-label="{escape(_member_name(ref))}"' if words.isdigit() else ""
    return f'<a class="ref" href="{escape(target)}"{label}>{words}</a>'


def _member_label(edition: Edition, letter: int, index: int) -> str:
    ref = edition.by_number[letter].refs[index]
    return str(ref.note if ref.note is not None else ref.letter)


def _member_name(ref: Ref) -> str:
    """What a bare number in a list of refs stands for ("note 3 to letter 34")."""
    if ref.note is None:
        return _("letter %(letter)s", letter=ref.letter)
    if ref.letter is None:
        return _("note %(note)s", note=ref.note)
    return _("note %(note)s to letter %(letter)s", note=ref.note, letter=ref.letter)
