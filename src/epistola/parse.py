"""One letter file and its notes file -> Letter. No I/O, no knowledge of other letters.

Markdown is parsed once here and rendered to HTML at once; the tokens are not kept.
Cross-references stay as placeholders in that HTML until `link.py` knows the edition.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from epistola.dates import DateError, parse_date
from epistola.diagnostics import Report
from epistola.frontmatter import split_front_matter
from epistola.markdown import make_parser
from epistola.people import AliasIndex
from epistola.records import (
    EditorialDate,
    FieldLocations,
    Letter,
    Location,
    Marker,
    Mention,
    Note,
    Paragraph,
    Ref,
    SourceFile,
)
from epistola.refs import find_refs

LETTER_KEYS = ("number", "date", "date_label", "dated", "from", "to", "place")
REQUIRED_KEYS = ("number", "date", "from", "to")
CONTEXT_CHARS = 60
"""How much text either side of a mention is kept for the people index."""
_UNKNOWN_DATE = parse_date("0001")

_md: MarkdownIt | None = None


def parser() -> MarkdownIt:
    """The shared Markdown parser (built once per process)."""
    global _md
    if _md is None:
        _md = make_parser()
    return _md


def parse_letter(
    source: SourceFile, notes: SourceFile | None, *, aliases: AliasIndex, report: Report
) -> Letter:
    """Read a letter and its notes; report every problem and return what could be read."""
    front = split_front_matter(source, report)
    meta = _read_metadata(source.path, front.data, front.fields, report)
    found = _Found()
    body = _Scanner(source, front.body_line, aliases, found, report)
    body_html, paragraphs = body.render_body(front.body, dated=meta.dated)
    note_records = (
        _Scanner(notes, 1, aliases, found, report).render_notes(notes.text) if notes else ()
    )
    return Letter(
        number=meta.number,
        path=source.path,
        notes_path=notes.path if notes else None,
        date=meta.date,
        date_label=meta.date_label,
        dated=meta.dated,
        sender=meta.sender,
        recipients=meta.recipients,
        place=meta.place,
        body_html=body_html,
        paragraphs=paragraphs,
        notes=note_records,
        markers=tuple(found.markers),
        mentions=tuple(found.mentions),
        refs=tuple(found.refs),
        fields=front.fields,
    )


@dataclass
class _Metadata:
    number: int
    date: EditorialDate
    date_label: str | None
    dated: str | None
    sender: str
    recipients: tuple[str, ...]
    place: str | None


def _read_metadata(
    path: str, data: dict[str, Any], fields: FieldLocations, report: Report
) -> _Metadata:
    start = fields.start or Location(path, 1, 1)
    for key in data:
        if key not in LETTER_KEYS:
            guess = difflib.get_close_matches(str(key), LETTER_KEYS, n=1)
            hint = f"; did you mean '{guess[0]}'?" if guess else ""
            report.warning(fields.of(str(key)), "meta.unknown-key", f"unknown key '{key}'{hint}")
    if data or fields.by_key:
        for key in REQUIRED_KEYS:
            if key not in data:
                report.error(start, "meta.required", f"front matter has no '{key}'")
    stem = PurePosixPath(path).stem
    number = data.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        if "number" in data:
            report.error(
                fields.of("number"),
                "meta.number",
                f"'number' must be a positive whole number such as 31, not '{number}'",
            )
        number = int(stem) if stem.isdigit() else 0
    elif stem != f"{number:03d}" and stem.lstrip("0") != str(number):
        report.error(
            fields.of("number"),
            "meta.number-file",
            f"letter number {number} does not match the file name; name it {number:03d}.md",
        )
    return _Metadata(
        number=number,
        date=_read_date(data, fields, report),
        date_label=_optional_text(data, "date_label", fields, report),
        dated=_optional_text(data, "dated", fields, report),
        sender=_person_id(data.get("from"), "from", fields, report) or "",
        recipients=_recipients(data.get("to"), fields, report),
        place=_optional_text(data, "place", fields, report),
    )


def _read_date(data: dict[str, Any], fields: FieldLocations, report: Report) -> EditorialDate:
    value = data.get("date")
    if value is None:
        return _UNKNOWN_DATE
    try:
        # YAML reads 1927-06-23 as a date object; EDTF wants the text the editor wrote.
        return parse_date(value.isoformat() if hasattr(value, "isoformat") else str(value))
    except DateError as exc:
        report.error(fields.of("date"), "meta.date", str(exc))
        return _UNKNOWN_DATE


def _optional_text(
    data: dict[str, Any], key: str, fields: FieldLocations, report: Report
) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, dict | list):
        report.error(fields.of(key), "meta.type", f"'{key}' must be text, not a list or mapping")
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value).strip()


def _person_id(value: Any, key: str, fields: FieldLocations, report: Report) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        report.error(
            fields.of(key),
            "meta.type",
            f"'{key}' must be a person id such as molotov, not '{value}'",
        )
        return None
    return value.strip()


def _recipients(value: Any, fields: FieldLocations, report: Report) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    ids = [_person_id(item, "to", fields, report) for item in items]
    return tuple(i for i in ids if i)


@dataclass
class _Found:
    """What the scan of a letter and its notes collects, in order."""

    markers: list[Marker] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    marker_counts: Counter[int] = field(default_factory=Counter)
    """How often each note number has been marked so far, to name repeats."""


class _PlainText:
    """The plain text of one block, built piece by piece, with its length kept."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def append(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)


class _Scanner:
    """Walks the tokens of one file: anchors, markers, mentions, refs, then HTML."""

    def __init__(
        self,
        source: SourceFile,
        first_line: int,
        aliases: AliasIndex,
        found: _Found,
        report: Report,
    ) -> None:
        self.source = source
        self.lines = source.text.split("\n")
        self.first_line = first_line
        self.aliases = aliases
        self.found = found
        self.report = report

    def render_body(self, text: str, *, dated: str | None) -> tuple[str, tuple[Paragraph, ...]]:
        tokens = parser().parse(text)
        paragraphs: list[Paragraph] = []
        seen_markers: set[int] = set()
        for i, token in enumerate(tokens):
            if token.type != "paragraph_open":
                continue
            anchor = f"p{len(paragraphs) + 1}"
            token.hidden = False  # tight lists would drop the <p> and with it the anchor
            token.attrSet("id", anchor)
            plain = self._scan_inline(tokens[i + 1], anchor, seen_markers)
            is_dateline = dated is not None and plain.strip() == dated.strip()
            if is_dateline:
                token.attrSet("class", "dateline")
            paragraphs.append(Paragraph(anchor, plain, is_dateline))
        for token in tokens:
            if token.type == "paragraph_close":
                token.hidden = False
        return parser().renderer.render(tokens, parser().options, {}), tuple(paragraphs)

    def render_notes(self, text: str) -> tuple[Note, ...]:
        tokens = parser().parse(text)
        notes: list[Note] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.type == "list_item_open" and token.level == 1 and token.markup in ".)":
                end = _closing(tokens, i)
                notes.append(self._note(token, tokens[i + 1 : end]))
                i = end + 1
                continue
            if token.level == 0 and token.nesting >= 0 and token.type != "ordered_list_open":
                self.report.error(
                    self._location(token.map[0] if token.map else 0, ""),
                    "notes.stray",
                    "text outside the numbered list of notes; indent it under its note"
                    " or give it a number",
                )
                i = _closing(tokens, i) + 1 if token.nesting == 1 else i + 1
                continue
            i += 1
        self._check_numbers(notes)
        return tuple(notes)

    def _note(self, item: Token, tokens: list[Token]) -> Note:
        number = int(item.info) if item.info.isdigit() else 0
        anchor = f"note-{number}"
        texts = [self._scan_inline(t, anchor, None) for t in tokens if t.type == "inline"]
        html = parser().renderer.render(tokens, parser().options, {})
        line = item.map[0] if item.map else 0
        return Note(number, html, " ".join(texts), self._location(line, ""))

    def _check_numbers(self, notes: list[Note]) -> None:
        expected = 1
        for note in notes:
            if note.number != expected:
                problem = "repeats" if note.number < expected else "skips"
                self.report.error(
                    note.location,
                    "notes.numbering",
                    f"note {note.number} {problem} the sequence: expected note {expected}",
                )
            expected = note.number + 1

    def _scan_inline(self, inline: Token, anchor: str, seen_markers: set[int] | None) -> str:
        """Find markers, refs and mentions in one block; return its plain text."""
        line = inline.map[0] if inline.map else 0
        plain = _PlainText()
        pending: list[tuple[int, int, Mention]] = []
        children: list[Token] = []
        skip_depth = 0
        for child in inline.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
                plain.append(" ")
            elif child.type == "note_marker":
                self._marker(child, anchor, line, seen_markers)
            elif child.type in ("link_open", "person_open"):
                skip_depth += 1
                if child.type == "person_open":
                    mention = self._explicit_mention(child, line, anchor)
                    pending.append((plain.length, 0, mention))
            elif child.type in ("link_close", "person_close"):
                skip_depth -= 1
                if child.type == "person_close" and pending and pending[-1][2].explicit:
                    start, _, mention = pending[-1]
                    pending[-1] = (start, plain.length - start, mention)
            elif child.type == "text" and skip_depth == 0:
                children += self._split_text(child, line, anchor, plain, pending)
                continue
            elif child.type in ("text", "code_inline"):
                plain.append(child.content)
            children.append(child)
        inline.children = children
        text = "".join(plain.parts)
        for start, length, mention in pending:
            self.found.mentions.append(_with_context(mention, text, start, length))
        return text

    def _marker(self, token: Token, anchor: str, line: int, seen: set[int] | None) -> None:
        number = token.meta["number"]
        where = self._location(line, token.content)
        if seen is None:
            self.report.error(where, "note.marker-in-note", "a note cannot hold a note marker")
            return
        token.meta["anchor"] = (
            f"noteref-{number}"
            if number not in seen
            else f"noteref-{number}-{self.found.marker_counts[number] + 1}"
        )
        seen.add(number)
        self.found.marker_counts[number] += 1
        self.found.markers.append(Marker(number, token.meta["anchor"], anchor, where))

    def _explicit_mention(self, token: Token, line: int, anchor: str) -> Mention:
        person = token.meta["person"]
        where = self._location(line, "{person=" + person + "}")
        return Mention(person, "", anchor, "", "", where, explicit=True)

    def _split_text(
        self,
        token: Token,
        line: int,
        anchor: str,
        plain: _PlainText,
        pending: list[tuple[int, int, Mention]],
    ) -> list[Token]:
        """Cut a text token around the refs and names it holds."""
        text = token.content
        spans: list[tuple[int, int, str, Any]] = []
        for ref in find_refs(text):
            spans.append((ref.start, ref.end, "ref", ref))
        taken = [(s, e) for s, e, _, _ in spans]
        for start, end, person in self.aliases.finditer(text):
            if not any(s < end and start < e for s, e in taken):
                spans.append((start, end, "person", person))
        spans.sort(key=lambda span: (span[0], span[1]))
        out: list[Token] = []
        offset = plain.length
        pos = 0
        for start, end, kind, what in spans:
            if start > pos:
                out.append(_text(text[pos:start]))
            words = text[start:end]
            where = self._location(line, words or text)
            if kind == "ref":
                index = len(self.found.refs)
                self.found.refs.append(
                    Ref(index, words, what.letter, what.note, anchor, where, what.relation)
                )
                out += [_token("ref_open", {"index": index}), _text(words), _token("ref_close", {})]
            else:
                mention = Mention(what, words, anchor, "", "", where)
                pending.append((offset + start, end - start, mention))
                out += [_token("person_open", {"person": what}), _text(words)]
                out.append(_token("person_close", {}))
            pos = max(pos, end)
        if pos < len(text):
            out.append(_text(text[pos:]))
        plain.append(text)
        return out

    def _location(self, line: int, words: str) -> Location:
        """The location of `words` on body line `line` (0-based), found in the source line."""
        file_line = self.first_line + line
        source_line = self.lines[file_line - 1] if 0 < file_line <= len(self.lines) else ""
        column = source_line.find(words) + 1 if words else 0
        if column <= 0:
            column = len(source_line) - len(source_line.lstrip()) + 1
        return Location(self.source.path, file_line, column)


def _closing(tokens: list[Token], start: int) -> int:
    """The index of the token that closes `tokens[start]`."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _token(kind: str, meta: dict[str, Any]) -> Token:
    token = Token(kind, "a", 1 if kind.endswith("open") else -1)
    token.meta = meta
    return token


_WORDS_BEFORE = re.compile(r"^\S*\s")


def _with_context(mention: Mention, text: str, start: int, length: int) -> Mention:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[start + length : start + length + CONTEXT_CHARS]
    if start > CONTEXT_CHARS:
        before = "…" + _WORDS_BEFORE.sub("", before, count=1)
    if start + length + CONTEXT_CHARS < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    words = mention.text or text[start : start + length]
    return Mention(
        mention.person_id,
        words,
        mention.anchor,
        before,
        after,
        mention.location,
        mention.explicit,
    )
