"""A letter's `<text>` -> the Markdown of its body and of its notes.

The body's blocks (`p`, `ab`, `dateline`, `salute`, `signed`, …) become paragraphs; the
notes, whether written where they stand or kept apart and tied to the text by an
`<anchor>` or a pointer (`@target`, `@corresp`), are numbered in reading order, with a
marker `[^N]` at each place. Marks epistola has are mapped to it (`supplied` -> `[…]`,
`hi` -> `*…*`, `lb` -> a line break, `choice` -> the reading with the other one in
brackets); every other element keeps its words and is counted as not imported, except
those whose words are not the letter's (`del`, `gap`, `pb`, …), which are left out and
counted. The Markdown escapes whatever in the words it would otherwise read as a mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from epistola.core.diagnostics import Report
from epistola.core.records import Location
from epistola.importer.tei.names import NameBook, name_kind
from epistola.importer.tei.xml import XML_ID, Losses, line_of, local, tei, words
from epistola.parse.refs import find_refs

BLOCKS = frozenset(
    {
        "p",
        "ab",
        "dateline",
        "salute",
        "signed",
        "head",
        "l",
        "byline",
        "docAuthor",
        "address",
        "trailer",
        "argument",
        "epigraph",
        "item",
        "label",
        "closer",
        "opener",
        "postscript",
        "div",
        "lg",
        "quote",
        "eg",
        "list",
        "floatingText",
        "body",
        "addrLine",
        "cit",
    }
)
"""Elements that stand as blocks of a body (a container of blocks, or a paragraph)."""
_CONTAINERS = frozenset(
    {"div", "opener", "closer", "postscript", "lg", "floatingText", "body", "address", "cit"}
)
_ITALIC = {"italic", "italics", "i", "it", "em", "emph", "underline_italic"}
_BOLD = {"bold", "b", "strong"}
_LEFT_OUT = {
    "del": "words struck out by the writer; left out",
    "gap": "an omission in the transcription; left out",
    "pb": "a page break; left out",
    "cb": "a column break; left out",
    "fw": "a running head or catchword; left out",
    "milestone": "a boundary mark; left out",
    "surplus": "words the editors mark as superfluous; left out",
    "figDesc": "a figure's description; left out",
    "interpGrp": "an interpretation; left out",
    "note": "a note inside a note; left out",
}
_WORDS_KEPT = "kept as plain words, without this markup"
_PLACEHOLDERS = {"", "#", "todo", "xxx", "fixme", "tbd", "?", "...", "…", "n/a", "none", "null"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<&]")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([#>+=|]|-(?=\s|$|-)|~~~|```)")
_RELATIVE = re.compile(r"(?:the\s+)?(?:next|following|previous|preceding)\s+letter", re.IGNORECASE)
_BREAK = "\ufdd0"
"""Stands for a line break (`lb`) until the paragraph is laid out: none is kept at its end."""
_NOT_IN_EDITION = " (not in this edition)"
"""What epistola's own TEI export adds after a ref that leads outside the edition."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where a pointer leads: a letter of the import, or one of its notes."""

    letter: int
    note: int | None = None


Resolver = Callable[[str, int], "Target | str"]
"""(target, this letter) -> its Target, or why it has none (`placeholder`, `missing`,
`external`)."""


@dataclass
class TextContext:
    """What converting a letter's text needs besides the letter."""

    shown: str
    """The file as messages show it."""
    book: NameBook
    losses: Losses
    report: Report
    number: int = 0
    """This letter's number in the edition."""
    resolve: Resolver | None = None
    """None while the import only surveys the files (refs are then kept as words)."""
    refs: int = 0
    """How many refs were written as prose epistola links."""
    unresolved: int = 0


@dataclass(frozen=True, slots=True)
class LetterText:
    """A letter's text as Markdown."""

    paragraphs: tuple[str, ...]
    notes: tuple[tuple[str, ...], ...]
    """Each note's paragraphs, note 1 first."""
    note_ids: dict[str, int]
    """`xml:id` of each note -> its number, for refs to it from other letters."""
    dated: str | None
    """The words of the first `dateline`: the writer's own date."""


@dataclass
class _Notes:
    """The notes of one letter: which element is which note, and where their markers go."""

    elements: list[etree._Element] = field(default_factory=list)
    by_id: dict[str, etree._Element] = field(default_factory=dict)
    anchored: dict[str, list[etree._Element]] = field(default_factory=dict)
    numbers: dict[int, int] = field(default_factory=dict)
    """id() of a note element -> its number."""


def letter_text(letter: etree._Element, context: TextContext) -> LetterText:
    """The body and notes of one letter's `<text>`."""
    text = letter.find(tei("text"))
    if text is None:
        return LetterText((), (), {}, None)
    body = text.find(tei("body"))
    notes = _find_notes(text)
    if body is not None:
        _number_notes(body, notes)
    writer = _Writer(context, notes)
    paragraphs = list(writer.blocks(body)) if body is not None else []
    for part in text:
        if local(part) in ("front", "back"):
            writer.skipped_parts(part)
    ordered = sorted(notes.elements, key=lambda n: notes.numbers[id(n)])
    note_texts = tuple(tuple(writer.note_paragraphs(n)) or ("",) for n in ordered)
    ids = {str(n.get(XML_ID)): notes.numbers[id(n)] for n in ordered if n.get(XML_ID)}
    return LetterText(tuple(p for p in paragraphs if p), note_texts, ids, writer.dated)


def survey_text(letter: etree._Element, book: NameBook) -> dict[str, int]:
    """What the survey needs of a letter's text: the numbers of its notes by `xml:id`, and
    every name it uses noted in `book` (without converting the text)."""
    text = letter.find(tei("text"))
    body = text.find(tei("body")) if text is not None else None
    if text is None or body is None:
        return {}
    notes = _find_notes(text)
    _number_notes(body, notes)
    for part in [body, *notes.elements]:
        for element in part.iter():
            kind = name_kind(element) if isinstance(element.tag, str) else None
            if kind is not None:
                book.note_use(element, kind)
    return {str(n.get(XML_ID)): notes.numbers[id(n)] for n in notes.elements if n.get(XML_ID)}


def _find_notes(text: etree._Element) -> _Notes:
    notes = _Notes()
    for note in text.iter(tei("note")):
        if any(local(a) in ("note", "person", "place", "org") for a in note.iterancestors()):
            continue
        notes.elements.append(note)
        if note.get(XML_ID):
            notes.by_id[str(note.get(XML_ID))] = note
        for pointer in f"{note.get('target', '')} {note.get('corresp', '')}".split():
            if pointer.startswith("#"):
                notes.anchored.setdefault(pointer[1:], []).append(note)
    return notes


def _number_notes(body: etree._Element, notes: _Notes) -> None:
    """Numbers in reading order, unless the notes' own `@n` are 1, 2, 3 … in that order."""
    order: list[etree._Element] = []
    for element in body.iter():
        for note in _markers_at(element, notes):
            if all(note is not seen for seen in order):
                order.append(note)
    order += [n for n in notes.elements if all(n is not seen for seen in order)]
    given = [str(n.get("n", "")) for n in order]
    keep = given == [str(i) for i in range(1, len(order) + 1)]
    for i, note in enumerate(order, start=1):
        notes.numbers[id(note)] = int(given[i - 1]) if keep else i


def _markers_at(element: etree._Element, notes: _Notes) -> list[etree._Element]:
    """The notes whose marker stands at this element of the body."""
    name = local(element)
    if name == "note":
        return [element]
    if name not in ("ref", "ptr") and element.get(XML_ID) is None:
        return []
    found = list(notes.anchored.get(str(element.get(XML_ID, "")), []))
    if name in ("ref", "ptr"):
        target = str(element.get("target", "")).split()
        note = notes.by_id.get(target[0][1:]) if target and target[0].startswith("#") else None
        if note is not None and all(note is not seen for seen in found):
            found.append(note)
    return found


class _Writer:
    def __init__(self, context: TextContext, notes: _Notes) -> None:
        self.context = context
        self.notes = notes
        self.dated: str | None = None
        self.in_note = False

    def _lost(self, element: etree._Element, kind: str, why: str) -> None:
        self.context.losses.add(kind, self.context.shown, line_of(element), why)

    def blocks(self, holder: etree._Element) -> Iterator[str]:
        """The Markdown blocks of a block element: paragraphs, lists, quotes, code."""
        name = local(holder)
        if self._is_container(holder):
            for child in holder:
                if local(child) in BLOCKS:
                    yield from self.blocks(child)
                elif local(child) == "milestone" and not self.in_note:
                    yield "---"  # a section break, as epistola's export writes a rule
                elif local(child):
                    text = self._inline(child)
                    if text.strip():
                        yield _paragraph(text)
        elif name == "list":
            yield self._list(holder)
        elif name == "quote" and any(local(c) in BLOCKS for c in holder):
            inner = "\n\n".join(p for c in holder if local(c) for p in self.blocks(c))
            yield "\n".join(f"> {line}".rstrip() for line in inner.split("\n"))
        elif name == "eg":
            code = "".join(str(text) for text in holder.itertext()).strip("\n")
            yield f"```\n{code}\n```"
        else:
            text = self._content(holder)
            if not self.in_note:
                text += self._markers(holder)
            if name == "dateline" and self.dated is None and not self.in_note:
                self.dated = _plain(holder)
            heading = "# " if name == "head" or holder.get("type") == "heading" else ""
            if text.strip():
                yield heading + _paragraph(text)

    def _list(self, holder: etree._Element) -> str:
        """A list; loose (a blank line between items) when its items hold paragraphs."""
        numbered = holder.get("rend") == "numbered" or holder.get("type") == "ordered"
        items = [c for c in holder if local(c) == "item"]
        loose = any(local(c) in BLOCKS for item in items for c in item)
        out = []
        for i, item in enumerate(items, start=1):
            mark = f"{i}. " if numbered else "- "
            if any(local(c) in BLOCKS for c in item):
                text = "\n\n".join(p for c in item if local(c) for p in self.blocks(c))
            else:
                text = _paragraph(self._content(item))
            indented = "\n".join((" " * len(mark) + line).rstrip() for line in text.split("\n"))
            out.append(mark + indented.lstrip())
        return ("\n\n" if loose else "\n").join(out)

    def _is_container(self, element: etree._Element) -> bool:
        """A block that holds blocks and no words of its own (`body`, `div`, `opener`)."""
        if local(element) not in _CONTAINERS:
            return False
        has_words = (element.text or "").strip() or any((c.tail or "").strip() for c in element)
        return not has_words and any(local(c) in BLOCKS for c in element)

    def note_paragraphs(self, note: etree._Element) -> Iterator[str]:
        self.in_note = True
        if any(local(c) in BLOCKS for c in note):
            for child in note:
                if local(child) in BLOCKS:
                    yield from self.blocks(child)
                elif local(child):
                    text = self._content(child)
                    if text.strip():
                        yield _paragraph(text)
        else:
            yield _paragraph(self._content(note))
        self.in_note = False

    def skipped_parts(self, part: etree._Element) -> None:
        """`<front>` and `<back>`: notes and registers are read elsewhere; the rest is lost."""
        for child in part:
            name = local(child)
            if not name or name in ("listPerson", "listPlace", "listOrg", "note"):
                continue
            if name == "div" and all(local(c) in ("note", "head", "") for c in child):
                continue
            self._lost(child, f"{local(part)}/{name}", "not part of a letter's text or notes")

    def _content(self, element: etree._Element) -> str:
        out = [_escape(element.text or "")]
        for child in element:
            out.append(self._inline(child))
            out.append(_escape(child.tail or ""))
        return "".join(out)

    def _inline(self, element: etree._Element) -> str:
        name = local(element)
        if not name:
            return ""
        markers = "" if self.in_note else self._markers(element)
        if name == "note":
            return markers if not self.in_note else self._left_out(element, name)
        if name in ("anchor",):
            return markers
        if name in ("ref", "ptr"):
            return markers or self._ref(element)
        return self._marked(element, name) + markers

    def _left_out(self, element: etree._Element, name: str) -> str:
        """Nothing of the element's words, but the markers of the notes inside it: a note
        on struck-out words is still the editors'."""
        self._lost(element, name, _LEFT_OUT[name])
        if self.in_note:
            return ""
        return "".join(self._markers(inner) for inner in element.iterdescendants())

    def _markers(self, element: etree._Element) -> str:
        return "".join(f"[^{self.notes.numbers[id(n)]}]" for n in _markers_at(element, self.notes))

    def _marked(self, element: etree._Element, name: str) -> str:
        if name in _LEFT_OUT:
            return self._left_out(element, name)
        kind = name_kind(element)
        if kind is not None:
            return self._name(element, kind)
        if name == "lb":
            return "" if element.get("break") == "no" else _BREAK + "\n"
        if name == "choice":
            return self._choice(element)
        if name == "graphic":
            desc = element.find(tei("desc"))
            alt = _escape(words(desc)) if desc is not None else ""
            return f"![{alt}]({element.get('url', '')})"
        if name == "code":
            return f"`{words(element)}`"
        content = self._content(element)
        if name == "supplied":
            return f"[{content}]"
        if name == "hi" or name == "emph":
            return self._hi(element, content)
        if name not in (
            "abbr",
            "expan",
            "sic",
            "corr",
            "orig",
            "reg",
            "add",
            "ex",
            "seg",
            "s",
            "w",
        ):
            self._lost(element, name, _WORDS_KEPT)
        elif name == "add":
            self._lost(element, name, "an addition by the writer; " + _WORDS_KEPT)
        return f"[{content}]" if name in ("corr", "ex") else content

    def _hi(self, element: etree._Element, content: str) -> str:
        rend = set(str(element.get("rend", "")).lower().replace("(", " ").split())
        if local(element) == "emph":
            rend.add("italic")
        lead, core, trail = _split_space(content)
        if not core:
            return content
        if rend & _BOLD:
            return f"{lead}**{core}**{trail}"
        if rend & _ITALIC:
            return f"{lead}*{core}*{trail}"
        self._lost(element, f"hi[@rend={' '.join(sorted(rend)) or '?'}]", _WORDS_KEPT)
        return content

    def _choice(self, element: etree._Element) -> str:
        """The reading as written, then the editors' one as an insertion: `teh [the]`."""
        parts = {local(c): c for c in element if local(c)}
        for written, editors in (("sic", "corr"), ("abbr", "expan"), ("orig", "reg")):
            if written in parts and editors in parts:
                return f"{self._content(parts[written])} [{self._content(parts[editors])}]"
        return "".join(self._content(c) for c in element if local(c))

    def _name(self, element: etree._Element, kind: str) -> str:
        content = self._content(element)
        book = self.context.book
        use = book.note_use(element, kind)
        if self.context.resolve is None:
            return content
        entry_id = book.resolve(use)
        if entry_id is None:
            return content
        found = book.aliases.finditer(use.words)
        if found == [(0, len(use.words), kind, entry_id)] and content == _escape(use.words):
            return content
        return f"[{content}]{{{kind}={entry_id}}}"

    def _ref(self, element: etree._Element) -> str:
        words = self._content(element)
        target = str(element.get("target", "")).split()
        first = target[0] if target else ""
        context = self.context
        if context.resolve is None:
            return words
        found = context.resolve(first, context.number)
        if isinstance(found, Target):
            context.refs += 1
            return _prose(words, found, context.number)
        if found == "external":
            return f"[{words or _escape(first)}]({first})"
        where = Location(context.shown, line_of(element), 1)
        why = (
            "is empty"
            if not first
            else f"'{first}' is a placeholder"
            if found == "placeholder"
            else f"'{first}' is no letter or note of this import"
        )
        context.unresolved += 1
        context.report.warning(
            where,
            "tei.ref-unresolved",
            f"<{local(element)}> target {why}; its words are kept as text",
        )
        return words


def is_placeholder(target: str) -> bool:
    """A target an encoder left to fill in later."""
    return target.lstrip("#").strip().lower() in _PLACEHOLDERS


def _prose(words: str, target: Target, this: int) -> str:
    """The words, with the phrase epistola's linker reads after them unless they say it."""
    phrase = f"letter {target.letter}"
    if target.note is not None:
        phrase = f"note {target.note} to {phrase}"
    said = find_refs(words)
    if _RELATIVE.fullmatch(words.strip()):
        return words  # "the next letter": the words say it as the edition orders its letters
    if len(said) == 1:
        match = said[0]
        letter = match.letter if match.letter is not None else this
        if (letter, match.note) == (target.letter, target.note) and not match.relation:
            return words
    return f"{words} (see {phrase})" if words.strip() else phrase


def _paragraph(text: str) -> str:
    """Inline Markdown as one paragraph: whitespace as Markdown reads it, line starts that
    would begin a list or a heading escaped."""
    text = text.replace(_NOT_IN_EDITION, "")
    text = re.sub(r"[ \t\r]*\n\s*", "\n", text)
    text = re.sub(r"[ \t\r]+", " ", text).strip().removesuffix(_BREAK).rstrip()
    text = text.replace(_BREAK, "\\")
    return "\n".join(_LINE_START.sub(_escape_start, line) for line in text.split("\n") if line)


def _escape_start(match: re.Match[str]) -> str:
    if match[1]:
        return f"{match[1]}\\{match[2]}"
    return "\\" + match[3]


def _escape(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return text
    return _ENTITY_LIKE.sub(r"\\&", _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def _plain(element: etree._Element) -> str:
    """The words of an element as a reader sees them (what `dated` is compared with)."""
    return words(element)
