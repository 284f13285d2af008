"""One letter file and its notes file -> Letter. No I/O, no knowledge of other letters.

Markdown is parsed once here and the tokens are written at once as HTML (for the pages)
and as TEI (for the export); the tokens are not kept. Cross-references stay as
placeholders in both until `link.py` knows the edition.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from epistola.core.diagnostics import Report
from epistola.core.records import (
    ApparatusMarker,
    ApparatusNote,
    Facsimile,
    FacsimileImage,
    Letter,
    Location,
    Marker,
    Mention,
    Note,
    Paragraph,
    Ref,
    SourceFile,
    metadata_of,
)
from epistola.core.registers import AliasIndex
from epistola.core.urls import unsafe_scheme
from epistola.parse.apparatus import ApparatusSource, split_apparatus
from epistola.parse.corrections import check_places, number_pages
from epistola.parse.frontmatter import split_front_matter
from epistola.parse.letter_parts import (
    is_part_close,
    misplaced_message,
    part_of,
    without_misplaced_parts,
)
from epistola.parse.markdown import make_parser
from epistola.parse.markdown_styles import unknown_style_message, unknown_styles
from epistola.parse.markdown_tei import body_tei, note_tei
from epistola.parse.metadata import outside_facsimile, read_metadata
from epistola.parse.refs import find_refs

CONTEXT_CHARS = 60
"""How much text either side of a mention is kept for the people index."""

_md: MarkdownIt | None = None


def parser() -> MarkdownIt:
    """The shared Markdown parser (built once per process)."""
    global _md
    if _md is None:
        _md = make_parser()
    return _md


def parse_letter(
    source: SourceFile,
    notes: SourceFile | None,
    *,
    aliases: AliasIndex,
    report: Report,
    language: str = "en",
    images: tuple[FacsimileImage, ...] = (),
) -> Letter:
    """Read a letter and its notes; report every problem and return what could be read.
    Cross-references are read by the grammar of `language` (`refgrammar.py`); `images` are
    the letter's page images, in order, which its page breaks name."""
    front = split_front_matter(source, report)
    meta = read_metadata(source.path, front.data, front.fields, report, check=front.readable)
    outside = outside_facsimile(front.data, front.fields, report)
    found = _Found()
    body = _Scanner(source, front.body_line, aliases, found, report, language)
    body_html, body_tei, paragraphs, breaks = body.render_body(
        front.body, dated=meta.dated, images=images
    )
    numbered, lettered = split_apparatus(notes.text) if notes else ("", ())
    note_records = (
        _Scanner(notes, 1, aliases, found, report, language).render_notes(numbered)
        if notes
        else ()
    )
    apparatus = tuple(
        _Scanner(notes, entry.line, aliases, found, report, language).render_apparatus_note(entry)
        for entry in lettered
        if notes
    )
    return Letter(
        **metadata_of(meta),
        path=source.path,
        notes_path=notes.path if notes else None,
        body_html=body_html,
        body_tei=body_tei,
        paragraphs=paragraphs,
        notes=note_records,
        markers=tuple(found.markers),
        mentions=tuple(found.mentions),
        refs=tuple(found.refs),
        fields=front.fields,
        apparatus=apparatus,
        apparatus_markers=tuple(found.apparatus_markers),
        facsimile=(
            Facsimile(images, breaks, outside) if images or breaks or outside else None
        ),
    )


@dataclass
class _Found:
    """What the scan of a letter and its notes collects, in order."""

    markers: list[Marker] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    apparatus_markers: list[ApparatusMarker] = field(default_factory=list)


class _Scanner:
    """Walks the tokens of one file: anchors, markers, mentions, refs, then HTML and TEI."""

    def __init__(
        self,
        source: SourceFile,
        first_line: int,
        aliases: AliasIndex,
        found: _Found,
        report: Report,
        language: str,
    ) -> None:
        self.source = source
        self.language = language
        self.lines = source.text.split("\n")
        self.first_line = first_line
        self.aliases = aliases
        self.found = found
        self.report = report
        self._breaks_of: Token | None = None
        self._breaks: list[int] = []

    def render_body(
        self, text: str, *, dated: str | None, images: tuple[FacsimileImage, ...]
    ) -> tuple[str, str, tuple[Paragraph, ...], tuple[tuple[int, int, str], ...]]:
        """The text as HTML and as TEI, its paragraphs and its page breaks."""
        tokens = self._parse(text, in_text=True)
        paragraphs: list[Paragraph] = []
        seen_markers: dict[int, int] = {}
        part = ""
        for i, token in enumerate(tokens):
            part = part_of(token) or ("" if is_part_close(token) else part)
            if token.type != "paragraph_open":
                continue
            anchor = f"p{len(paragraphs) + 1}"
            token.hidden = False  # tight lists would drop the <p> and with it the anchor
            token.attrSet("id", anchor)
            plain = self._scan_inline(tokens[i + 1], anchor, seen_markers)
            is_dateline = dated is not None and plain.strip() == dated.strip()
            if is_dateline:
                token.attrSet("class", "dateline")
            paragraphs.append(Paragraph(anchor, plain, is_dateline, part))
        for token in tokens:
            if token.type == "paragraph_close":
                token.hidden = False
        names = [image.name for image in images]
        breaks = number_pages(tokens, names, self._location_at, self.report.warning)
        check_places(tokens, self._location_at, self.report.warning)
        html = parser().renderer.render(tokens, parser().options, {})
        return html, body_tei(tokens), tuple(paragraphs), breaks

    def render_notes(self, text: str) -> tuple[Note, ...]:
        tokens = self._parse(text, in_text=False)
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
        return Note(number, html, note_tei(tokens), " ".join(texts), self._location(line, ""))

    def render_apparatus_note(self, entry: ApparatusSource) -> ApparatusNote:
        """One note of the apparatus, its text parsed from the line it starts on."""
        tokens = self._parse(entry.text, in_text=False)
        anchor = f"app-{entry.label}"
        texts = [self._scan_inline(t, anchor, None) for t in tokens if t.type == "inline"]
        html = parser().renderer.render(tokens, parser().options, {})
        where = Location(self.source.path, entry.line, 1)
        return ApparatusNote(entry.label, html, note_tei(tokens), " ".join(texts), where)

    def _parse(self, text: str, *, in_text: bool) -> list[Token]:
        """The tokens of `text`, with every part that stands where it cannot reported."""
        tokens, misplaced = without_misplaced_parts(parser().parse(text), in_text=in_text)
        for token in misplaced:
            where = self._location(token.map[0] if token.map else 0, ":::")
            self.report.error(where, "part.misplaced", misplaced_message(token))
        return tokens

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

    def _scan_inline(self, inline: Token, anchor: str, seen_markers: dict[int, int] | None) -> str:
        """Find markers, refs, mentions and unsafe links in one block; return its plain text."""
        line = inline.map[0] if inline.map else 0
        plain = _Plain()
        pending: list[tuple[int, int, Mention]] = []
        children: list[Token] = []
        refused: list[bool] = []
        # Text and soft breaks outside links are scanned as one run, so that a ref or a
        # name the editor wrapped onto the next line ("note 4 to letter\n27") is found.
        run: list[str] = []
        run_line = line
        skip_depth = 0
        not_names = 0  # inside `[words]{-}`, where no alias is looked for
        for child in [*(inline.children or []), None]:
            if child is not None and skip_depth == 0 and child.type in ("text", "softbreak"):
                run_line = run_line if run else line
                run.append(child.content if child.type == "text" else "\n")
                if child.type == "softbreak":
                    line += 1
                continue
            if run:
                children += self._split_text(
                    "".join(run), run_line, anchor, plain, pending, names=not not_names
                )
                run = []
            if child is None:
                break
            if child.type in ("softbreak", "hardbreak"):
                line += 1
                plain.add(" ")
            elif child.type == "note_marker":
                self._marker(child, anchor, self._location_at(inline, child), seen_markers)
            elif child.type in ("not_name_open", "not_name_close"):
                not_names += 1 if child.type == "not_name_open" else -1
            elif child.type == "apparatus_marker":
                self._apparatus_marker(child, anchor, inline, seen_markers)
            elif child.type == "style_open" and unknown_styles(child):
                where = self._location_at(inline, child, offset=child.meta["tag"])
                self.report.warning(where, "style.unknown", unknown_style_message(child))
            elif child.type in ("link_open", "mention_open"):
                skip_depth += 1
                if child.type == "mention_open":
                    mention = self._explicit_mention(child, inline, anchor)
                    pending.append((plain.length, 0, mention))
                else:
                    refused.append(self._refuse_unsafe(child, "href", inline))
                    if refused[-1]:
                        continue
            elif child.type in ("link_close", "mention_close"):
                skip_depth -= 1
                if child.type == "mention_close" and pending and pending[-1][2].explicit:
                    start, _, mention = pending[-1]
                    pending[-1] = (start, plain.length - start, mention)
                elif child.type == "link_close" and refused and refused.pop():
                    continue
            elif child.type == "image" and self._refuse_unsafe(child, "src", inline):
                child = _text(child.content)
            elif child.type in ("text", "code_inline"):
                plain.add(child.content)
            children.append(child)
        inline.children = children
        text = plain.text()
        for start, length, mention in pending:
            self.found.mentions.append(_with_context(mention, text, start, length))
        return text

    def _refuse_unsafe(self, token: Token, attribute: str, inline: Token) -> bool:
        """Report a link or image whose URL could run script; True if it must go."""
        url = str(token.attrGet(attribute) or "")
        scheme = unsafe_scheme(url)
        if scheme is None:
            return False
        what = "image" if attribute == "src" else "link"
        self.report.warning(
            self._location_at(inline, token),
            "link.unsafe",
            f"{what} to a '{scheme}:' URL refused, its text is shown without the {what};"
            " use an http: or https: address, or a relative path",
        )
        return True

    def _marker(
        self, token: Token, anchor: str, where: Location, seen: dict[int, int] | None
    ) -> None:
        number = token.meta["number"]
        if seen is None:
            self.report.error(
                where,
                "note.marker-in-note",
                f"a note cannot hold a note marker such as [^{number}]; write 'note {number}"
                " above' to refer to another note",
            )
            return
        seen[number] = seen.get(number, 0) + 1
        repeat = seen[number]
        token.meta["anchor"] = f"noteref-{number}" + (f"-{repeat}" if repeat > 1 else "")
        self.found.markers.append(Marker(number, token.meta["anchor"], anchor, where))

    def _apparatus_marker(
        self, token: Token, anchor: str, inline: Token, seen: dict[int, int] | None
    ) -> None:
        label, where = token.meta["label"], self._location_at(inline, token)
        if seen is None:
            self.report.error(
                where,
                "note.marker-in-note",
                f"a note cannot hold a marker such as [^{label}]; mark the text, not the note",
            )
            return
        count = 1 + sum(m.label == label for m in self.found.apparatus_markers)
        token.meta["anchor"] = f"appref-{label}" + (f"-{count}" if count > 1 else "")
        marker = ApparatusMarker(label, token.meta["anchor"], anchor, where)
        self.found.apparatus_markers.append(marker)

    def _explicit_mention(self, token: Token, inline: Token, anchor: str) -> Mention:
        kind, entry_id = token.meta["kind"], token.meta["id"]
        where = self._location_at(inline, token)
        tag = inline.content.find(f"{{{kind}=", token.meta.get("offset", 0))
        if tag >= 0:
            where = self._location_at(inline, token, offset=tag)
        return Mention(entry_id, "", anchor, "", "", where, explicit=True, kind=kind)

    def _split_text(
        self,
        text: str,
        line: int,
        anchor: str,
        plain: _Plain,
        pending: list[tuple[int, int, Mention]],
        *,
        names: bool = True,
    ) -> list[Token]:
        """Cut a run of text (soft breaks as `\\n`) around the refs and names it holds
        (its refs only, if not `names`)."""
        spans: list[tuple[int, int, str, Any]] = []
        for ref in find_refs(text, self.language):
            spans.append((ref.start, ref.end, "ref", ref))
        taken = [(s, e) for s, e, _, _ in spans]
        for start, end, kind, entry_id in self.aliases.finditer(text) if names else ():
            if not any(s < end and start < e for s, e in taken):
                spans.append((start, end, kind, entry_id))
        spans.sort(key=lambda span: (span[0], span[1]))
        out: list[Token] = []
        offset = plain.length
        pos = 0
        for start, end, kind, what in spans:
            if start > pos:
                out.append(_text(text[pos:start]))
            words = text[start:end]
            # A range member that is not written out is found by its phrase.
            first_words = (words or getattr(what, "phrase", "")).split("\n", 1)[0]
            where = self._location(line + text.count("\n", 0, start), first_words)
            if kind == "ref":
                index = len(self.found.refs)
                self.found.refs.append(
                    Ref(
                        index,
                        " ".join(words.split()),
                        what.letter,
                        what.note,
                        anchor,
                        where,
                        what.relation,
                        what.phrase,
                    )
                )
                if what.doubt:
                    self.report.warning(where, "ref.ambiguous", what.doubt)
                out += [_token("ref_open", {"index": index}), _text(words), _token("ref_close", {})]
            else:
                mention = Mention(what, " ".join(words.split()), anchor, "", "", where, kind=kind)
                pending.append((offset + start, end - start, mention))
                out += [_token("mention_open", {"kind": kind, "id": what}), _text(words)]
                out.append(_token("mention_close", {}))
            pos = max(pos, end)
        if pos < len(text):
            out.append(_text(text[pos:]))
        plain.add(text.replace("\n", " "))
        return out

    def _location_at(self, inline: Token, token: Token, *, offset: int | None = None) -> Location:
        """The location of `token` (or of `offset`) in the source, from its offset in `inline`.

        The block parser strips indentation and list or quote markers from each line, so
        the line of the inline text is looked up in the source line to find its column.
        """
        content = inline.content
        at = token.meta.get("offset", 0) if offset is None else offset
        at = min(max(at, 0), len(content))
        breaks = self._line_breaks(inline)
        index = bisect.bisect_left(breaks, at)  # lines of the block before `at`
        line_start = breaks[index - 1] + 1 if index else 0
        line_end = breaks[index] if index < len(breaks) else len(content)
        piece = content[line_start:line_end]
        first = inline.map[0] if inline.map else 0
        file_line = self.first_line + first + index
        source_line = self.lines[file_line - 1] if 0 < file_line <= len(self.lines) else ""
        indent = source_line.find(piece) if piece else -1
        if indent < 0:
            return self._location(file_line - self.first_line, "")
        return Location(self.source.path, file_line, indent + at - line_start + 1)

    def _line_breaks(self, inline: Token) -> list[int]:
        """The offsets of the newlines in `inline`, kept for the block being scanned."""
        if self._breaks_of is not inline:
            content = inline.content
            self._breaks = [m.start() for m in _NEWLINE.finditer(content)]
            self._breaks_of = inline
        return self._breaks

    def _location(self, line: int, words: str) -> Location:
        """The location of `words` on body line `line` (0-based), found in the source line."""
        file_line = self.first_line + line
        source_line = self.lines[file_line - 1] if 0 < file_line <= len(self.lines) else ""
        column = source_line.find(words) + 1 if words else 0
        if column <= 0:
            column = len(source_line) - len(source_line.lstrip()) + 1
        return Location(self.source.path, file_line, column)


class _Plain:
    """The plain text of a block, built piece by piece; keeps its length at hand."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def text(self) -> str:
        return "".join(self.parts)


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


_NEWLINE = re.compile("\n")
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
        mention.entry_id,
        words,
        mention.anchor,
        before,
        after,
        mention.location,
        mention.explicit,
        mention.kind,
    )
