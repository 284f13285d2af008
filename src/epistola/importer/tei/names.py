"""People, places and bodies: the TEI's registers and the names its texts tag, -> registers.

Entries come from `listPerson`, `listPlace` and `listOrg` wherever they stand (a register
file of their own, a letter's `<back>` or `standOff`). A name in a text points to one by
`@ref` (`#id`, `file.xml#id`, or a URI the entry lists, such as its GND record) or by
`@key`, or names it by its words only. A name no entry answers to gets an entry of its
own. An entry's aliases are those its register declares (`persName type="alias"`), or
else the capitalised forms the texts tag it with, less any form two entries share.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from epistola.core.records import Entry, Location
from epistola.core.registers import KIND, KINDS, AliasIndex, build_alias_index
from epistola.importer.files import _scalar as _yaml_scalar
from epistola.importer.tei.xml import XML_ID, Losses, line_of, local, tei, words

NAME_ELEMENTS = {"persName": "person", "placeName": "place", "orgName": "org"}
"""The TEI names of the texts, by the register they point into."""
ENTRY_ELEMENTS = {"person": "person", "place": "place", "org": "org"}
_RS_TYPES = {"person": "person", "place": "place", "org": "org", "organization": "org"}

AUTHORITY_PATTERNS = {
    "gnd": re.compile(r"d-nb\.info/gnd/([0-9X-]+)"),
    "viaf": re.compile(r"viaf\.org/viaf/(\d+)"),
    "wikidata": re.compile(r"wikidata\.org/(?:entity|wiki)/(Q\d+)"),
    "geonames": re.compile(r"geonames\.org/(\d+)"),
}
"""How the URI of a record in each authority file shows its id."""
_SCHEME_TYPES = {"gnd": "gnd", "viaf": "viaf", "wikidata": "wikidata", "geonames": "geonames"}
_ENTRY_PAGE = re.compile(r"/(?:people|places|organizations)/[^/]+\.html$")
"""The address of an entry's page in an epistola site, which its TEI lists as an idno."""


def name_kind(element: etree._Element) -> str | None:
    """The register a name element of a text points into, or None if it is no name."""
    name = local(element)
    if name == "rs":
        return _RS_TYPES.get(str(element.get("type", "")).lower())
    return NAME_ELEMENTS.get(name)


@dataclass
class _Draft:
    """An entry while the import gathers it."""

    kind: str
    id: str
    name: str
    sort: str = ""
    declared: list[str] | None = None
    about: str = ""
    authority: dict[str, str] = field(default_factory=dict)
    born: int | None = None
    died: int | None = None
    coordinates: tuple[float, float] | None = None
    forms: Counter[str] = field(default_factory=Counter)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NameUse:
    """How a text names an entry: what `resolve` looks it up by."""

    kind: str
    ref: str
    key: str
    words: str


class NameBook:
    """The registers as the import finds them, and which entry each name of a text means."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, _Draft]] = {kind.kind: {} for kind in KINDS}
        self._by_ref: dict[tuple[str, str], str] = {}
        self._by_words: dict[tuple[str, str], str] = {}
        self._uses: set[NameUse] = set()
        self._in_text: set[NameUse] = set()
        self._resolved: dict[NameUse, str | None] = {}
        self.aliases: AliasIndex = AliasIndex(None, {})

    def add_list(self, holder: etree._Element, shown: str, losses: Losses) -> None:
        """Every entry of the `listPerson`, `listPlace` and `listOrg` inside `holder`."""
        for element in holder.iter(tei("person"), tei("place"), tei("org")):
            self._add_entry(element, ENTRY_ELEMENTS[local(element)], shown, losses)

    def _add_entry(self, element: etree._Element, kind: str, shown: str, losses: Losses) -> None:
        xml_id = str(element.get(XML_ID) or "")
        if xml_id and (kind, "#" + xml_id) in self._by_ref:
            return  # the same entry again, as every letter's standOff lists it
        tei_name = KIND[kind].tei_name
        names = [n for n in element if local(n) == tei_name]
        plain = [n for n in names if n.get("type") not in ("sort", "alias")]
        main = _name_of(plain[0]) if plain else (xml_id or kind)
        if not xml_id and (kind, main) in self._by_words:
            return  # the same entry again, known by its name alone
        draft = _Draft(kind, self._new_id(kind, xml_id.removeprefix(f"{kind}-") or main), main)
        for n in names:
            if n.get("type") == "sort":
                draft.sort = words(n)
            elif n.get("type") == "alias":
                draft.declared = [*(draft.declared or []), words(n)]
        if plain and not draft.sort:
            draft.sort = _sort_of(plain[0])
        self._read_parts(element, draft, shown, losses)
        self.entries[kind][draft.id] = draft
        if xml_id:
            self._by_ref[(kind, "#" + xml_id)] = draft.id
            self._by_ref[(kind, xml_id)] = draft.id
        self._by_words.setdefault((kind, main), draft.id)

    def _read_parts(
        self, element: etree._Element, draft: _Draft, shown: str, losses: Losses
    ) -> None:
        for part in element.iter():
            name = local(part)
            if name == "idno" or (part is element and part.get("ref")):
                text = words(part) if name == "idno" else str(part.get("ref"))
                for uri in text.split():
                    self._authority(draft, uri, str(part.get("type", "")), shown, part, losses)
            elif name == "note" and not draft.about:
                draft.about = words(part)
            elif name in ("birth", "death"):
                year = _year(part)
                if name == "birth":
                    draft.born = year
                else:
                    draft.died = year
            elif name == "geo":
                numbers = words(part).replace(",", " ").split()
                try:
                    draft.coordinates = (float(numbers[0]), float(numbers[1]))
                except (IndexError, ValueError):
                    losses.add(
                        "geo", shown, line_of(part), "coordinates not as 'lat lon'; left out"
                    )

    def _authority(
        self,
        draft: _Draft,
        value: str,
        scheme_type: str,
        shown: str,
        part: etree._Element,
        losses: Losses,
    ) -> None:
        self._by_ref[(draft.kind, value)] = draft.id
        if _ENTRY_PAGE.search(value):
            # An entry of an epistola edition: its TEI lists every alias it has, if any.
            draft.declared = draft.declared or []
            return
        scheme, record = _authority_of(value, scheme_type)
        if scheme and scheme in KIND[draft.kind].authority:
            draft.authority.setdefault(scheme, record)
            self._by_ref[(draft.kind, f"{scheme}:{record}")] = draft.id
        else:
            what = f"idno[{scheme or scheme_type or 'unknown'}]"
            why = f"{KIND[draft.kind].plural} keep no such record; left out"
            losses.add(what, shown, line_of(part), why)

    def _new_id(self, kind: str, wanted: str) -> str:
        base = slug(wanted) or kind
        entry_id, n = base, 1
        while entry_id in self.entries[kind]:
            n += 1
            entry_id = f"{base}-{n}"
        return entry_id

    def note_use(self, element: etree._Element, kind: str, *, in_text: bool = True) -> NameUse:
        """Remember how a text (or, not `in_text`, a header) names an entry, for `settle`:
        only the forms a text uses become aliases."""
        ref, key = str(element.get("ref", "")), str(element.get("key", ""))
        use = NameUse(kind, ref, key, words(element))
        self._uses.add(use)
        if in_text:
            self._in_text.add(use)
        return use

    def settle(self) -> None:
        """Resolve every name used; make entries for the names no register has; aliases."""
        # Names with a pointer first, so a name by its words only ("Lucy") finds the entry
        # another place points to with the same words.
        for use in sorted(
            self._uses, key=lambda u: (not (u.ref or u.key), u.kind, u.ref, u.key, u.words)
        ):
            found = self.resolve(use)
            if found is not None and (use.ref or use.key):
                self._by_words.setdefault((use.kind, use.words), found)
            if found is None and use.words:
                found = self._made_for(use)
            if found is not None and use in self._in_text:
                self.entries[use.kind][found].forms[use.words] += 1
            self._resolved[use] = found
        owners: dict[str, set[tuple[str, str]]] = {}
        for kind, drafts in self.entries.items():
            for draft in drafts.values():
                chosen = draft.declared if draft.declared is not None else _capitalised(draft.forms)
                for alias in chosen:
                    owners.setdefault(alias, set()).add((kind, draft.id))
        for drafts in self.entries.values():
            for draft in drafts.values():
                chosen = draft.declared if draft.declared is not None else _capitalised(draft.forms)
                draft.aliases = tuple(a for a in chosen if len(owners[a]) == 1)
        self.aliases = build_alias_index(self.registers())

    def resolve(self, use: NameUse) -> str | None:
        """The id of the entry a name means, or None."""
        if use in self._resolved:
            return self._resolved[use]
        for token in [*use.ref.split(), use.key]:
            if not token:
                continue
            for candidate in (token, "#" + token.partition("#")[2], _scheme_key(token)):
                found = self._by_ref.get((use.kind, candidate))
                if found:
                    return found
        return self._by_words.get((use.kind, use.words))

    def _made_for(self, use: NameUse) -> str:
        draft = _Draft(use.kind, self._new_id(use.kind, use.words), use.words, sort=use.words)
        for token in use.ref.split():
            scheme, record = _authority_of(token, "")
            if scheme in KIND[use.kind].authority:
                draft.authority.setdefault(scheme, record)
            self._by_ref[(use.kind, token)] = draft.id
        self.entries[use.kind][draft.id] = draft
        self._by_words[(use.kind, use.words)] = draft.id
        return draft.id

    def registers(self) -> dict[str, dict[str, Entry]]:
        """The entries as epistola's records (for the alias index)."""
        where = Location("", 1, 1)
        return {
            kind: {
                d.id: Entry(
                    d.id, kind, d.name, d.sort or d.name, d.aliases, d.about, d.authority, where
                )
                for d in drafts.values()
            }
            for kind, drafts in self.entries.items()
        }

    def register_files(self) -> dict[str, str]:
        """{path: YAML text} of each register that has entries."""
        files = {}
        for kind in KINDS:
            drafts = sorted(self.entries[kind.kind].values(), key=lambda d: d.id)
            if drafts:
                files[kind.path] = "\n".join(_entry_yaml(d) for d in drafts)
        return files


def _entry_yaml(draft: _Draft) -> str:
    fields: list[tuple[str, str | None]] = [("name", yaml_scalar(draft.name))]
    if draft.sort and draft.sort != draft.name:
        fields.append(("sort", yaml_scalar(draft.sort)))
    if draft.aliases:
        fields.append(("aliases", "[" + ", ".join(_flow(a) for a in draft.aliases) + "]"))
    for key, year in (("born", draft.born), ("died", draft.died)):
        if year is not None:
            fields.append((key, str(year)))
    if draft.about:
        fields.append(("about", yaml_scalar(draft.about)))
    for scheme in KIND[draft.kind].authority:
        if scheme in draft.authority:
            fields.append((scheme, _flow(draft.authority[scheme])))
    if draft.coordinates:
        fields.append(("coordinates", f"[{draft.coordinates[0]}, {draft.coordinates[1]}]"))
    return f"{draft.id}:\n" + "".join(f"  {key}: {value}\n" for key, value in fields if value)


_PLAIN = re.compile(r"(?:\d{1,4} )?[^\W\d_][\w .,()’'-]*[\w.)]|[^\W\d_]")
"""Words YAML reads as text when written bare: a name, a sentence, "2 May 1889"."""
_NOT_TEXT = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def yaml_scalar(value: str | None) -> str | None:
    """A YAML scalar for `value`: words as they are, anything else quoted where YAML needs it
    (the common case decided without the YAML library, which is slow at it)."""
    if value is not None and _PLAIN.fullmatch(value) and value.lower() not in _NOT_TEXT:
        return value
    return _yaml_scalar(value)


def _flow(value: str) -> str:
    """A scalar that reads back as this string inside `[...]` too."""
    plain = yaml_scalar(value) or "''"
    if plain.isdigit() or any(c in plain for c in ",[]{}#&*!|>'\"%@`") or plain != value:
        return "'" + value.replace("'", "''") + "'"
    return plain


def _capitalised(forms: Counter[str]) -> list[str]:
    """The forms of a name that may find it in other texts: those that start with a
    capital (a tagged "he" or "the city" must not)."""
    return sorted(form for form in forms if form[:1].isupper())


def _authority_of(value: str, scheme_type: str) -> tuple[str, str]:
    for scheme, pattern in AUTHORITY_PATTERNS.items():
        match = pattern.search(value)
        if match:
            return scheme, match[1]
    scheme = _SCHEME_TYPES.get(scheme_type.lower(), "")
    return (scheme, value) if scheme and "/" not in value else ("", value)


def _scheme_key(token: str) -> str:
    scheme, record = _authority_of(token, "")
    return f"{scheme}:{record}" if scheme else token


def _name_of(element: etree._Element) -> str:
    """A name as the pages show it: "Forename Surname" from its parts, or its words."""
    fore = [words(p) for p in element if local(p) == "forename"]
    sur = [words(p) for p in element if local(p) == "surname"]
    return " ".join([*fore, *sur]) if fore and sur else words(element)


def _sort_of(element: etree._Element) -> str:
    fore = [words(p) for p in element if local(p) == "forename"]
    sur = [words(p) for p in element if local(p) == "surname"]
    return f"{' '.join(sur)}, {' '.join(fore)}" if fore and sur else ""


def _year(element: etree._Element) -> int | None:
    value = str(element.get("when") or element.get("notBefore") or element.get("from") or "")
    match = re.match(r"-?\d{4}", value)
    return int(match[0]) if match else None


def slug(text: str) -> str:
    """An id of lower-case letters, digits, '-' and '_' made from any words."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9_]+", "-", folded).strip("-_")
