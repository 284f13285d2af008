"""What an editor must look at in a dump: words run together, characters mis-encoded.

Nothing is repaired: each finding is a warning at its place in the dump, with the likely
repair in the message. All-lowercase joins ("theletter") are found with an English word
list (pyspellchecker's frequency list) together with the words of the dump itself, so names
the list lacks ("Kuomintang", "Ching-wei") still count as words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from epistola.core.diagnostics import Report
from epistola.core.records import Location
from epistola.importer.dump import Line

_WORD = re.compile(r"[^\W\d_]+")
_NOT_ASCII = re.compile(r"[^\t\x20-\x7e]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_GLUED_SENTENCE = re.compile(r"[a-z]{2,}[.,;:!?][A-Z][a-z]")
_GLUED_QUOTE = re.compile(r"[a-z][\"“”][a-z(]")
_MOJIBAKE = re.compile(r"[ÃÂ][\u0080-\u00bf]|â€[\u0080-\u00bf\u2010-\u203a™œžš]?")
_SHORT_WORDS = frozenset(
    {"a", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my"}
    | {"no", "of", "on", "or", "so", "to", "up", "us", "we"}
)
_NAME_PREFIXES = frozenset({"Mc", "Mac", "De", "Di", "Du", "La", "Le", "Van", "Von", "O"})
_COMMON = 50
"""pyspellchecker's count below which a word is too rare to be half of a split."""
_TYPOGRAPHY = frozenset("‘’“”–—…•·§¶°†‡′″«»€£")
_CODE_PAGES = ("mac_latin2", "mac_roman", "cp852", "cp850", "cp437", "cp1250")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words a split may produce: a general English list and the dump's own words."""

    dump: Counter[str]
    """How often each word (lower-case) stands alone in the dump."""
    hyphenated: frozenset[str]
    """Hyphenated forms in the dump, lower-case ("ching-wei"), to suggest them back."""
    suspects: frozenset[str]
    """The words of the dump, as written, that `is_suspect` finds; each line looks here."""
    splits: dict[str, tuple[str, str] | None] = field(default_factory=dict)
    """What `split` found for each word so far: a long dump repeats its words."""

    @classmethod
    def of(cls, lines: Iterable[Line], names: Iterable[str] = ()) -> Vocabulary:
        """The vocabulary of a dump, with the names of the register ("Maxton") as words."""
        words: Counter[str] = Counter()
        for name in names:
            words.update({word: 2 for word in _WORD.findall(name.lower())})
        hyphenated: set[str] = set()
        seen: set[str] = set()
        for line in lines:
            found = _WORD.findall(line.text)
            seen.update(found)
            words.update(map(str.lower, found))
            if "-" in line.text:
                hyphenated.update(h.lower() for h in re.findall(r"\w+-\w+", line.text))
        vocabulary = cls(words, frozenset(hyphenated), frozenset())
        suspects = frozenset(word for word in seen if vocabulary.is_suspect(word))
        return cls(words, frozenset(hyphenated), suspects)

    def is_suspect(self, word: str) -> bool:
        """True for a word that looks like two run together ("CentralControl", "theletter")."""
        if len(word) < 4:
            return False
        if word[1:].islower():
            return self.split(word) is not None
        return any(_camel_left(word[: join.start()]) for join in _CAMEL.finditer(word))

    def is_word(self, word: str) -> bool:
        """A whole token that needs no splitting."""
        lower = word.lower()
        return self.dump[lower] > 1 or _english().get(lower, 0) > 0

    def is_part(self, part: str) -> bool:
        """A piece that may be one of two words run together."""
        if len(part) <= 2:
            return part in _SHORT_WORDS
        return _english().get(part, 0) >= _COMMON or self.dump[part] > 1

    def split(self, word: str) -> tuple[str, str] | None:
        """The most likely two words `word` was made of, if it is no word itself."""
        if word not in self.splits:
            self.splits[word] = self._split(word)
        return self.splits[word]

    def _split(self, word: str) -> tuple[str, str] | None:
        if len(word) < 5 or self.is_word(word):
            return None
        lower = word.lower()
        splits = [
            (word[:i], word[i:])
            for i in range(1, len(word))
            if self.is_part(lower[:i]) and self.is_part(lower[i:])
        ]
        return max(splits, key=self._likelihood, default=None)

    def _likelihood(self, split: tuple[str, str]) -> int:
        return min(_english().get(p.lower(), 0) + 1000 * self.dump[p.lower()] for p in split)


@cache
def _english() -> dict[str, int]:
    """pyspellchecker's English word counts, loaded once (it takes a few tenths of a second)."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en").word_frequency.dictionary)


def check_line(line: Line, vocabulary: Vocabulary, *, path: str, report: Report) -> None:
    """Report every run-together word and every mis-encoded character of one line."""
    for column, message in [*_run_together(line.text, vocabulary), *_mis_encoded(line.text)]:
        report.warning(Location(path, line.number, column + 1), _code(message), message)


def _code(message: str) -> str:
    return "import.encoding" if "encoded" in message else "import.run-together"


def _run_together(text: str, vocabulary: Vocabulary) -> Iterable[tuple[int, str]]:
    if not vocabulary.suspects.isdisjoint(_WORD.findall(text)):
        for word in _WORD.finditer(text):
            if word[0] not in vocabulary.suspects or _is_contraction(text, word.start()):
                continue
            if word[0][1:].islower():
                yield word.start(), _lowercase_join(word[0], vocabulary)
            else:
                yield word.start(), _camel_join(text, word)
    for regex, what in ((_GLUED_SENTENCE, "punctuation"), (_GLUED_QUOTE, "quotation mark")):
        for match in regex.finditer(text):
            shown = _chunk_at(text, match.start())
            yield match.start(), f"'{shown}': no space after the {what}; a space or dash was lost"


def _is_contraction(text: str, start: int) -> bool:
    """The "t" of "don't" or the "s" of "Stalin's" is a word of its own here."""
    return start > 0 and text[start - 1] in "'’"


def _camel_left(left: str) -> bool:
    """Whether a lower-to-upper join after `left` splits two words ("Central|Control"),
    not a name ("Mac|Donald") or an abbreviation ("RTs|KhIDNI")."""
    return len(left) >= 2 and left not in _NAME_PREFIXES and not any(c.isupper() for c in left[1:])


def _camel_join(text: str, word: re.Match[str]) -> str:
    join = next(j for j in _CAMEL.finditer(word[0]) if _camel_left(word[0][: j.start()]))
    start = text.rfind(" ", 0, word.start()) + 1
    chunk = _chunk_at(text, word.start())
    at = word.start() - start + join.start()
    if chunk[at:].startswith("U.S."):
        return (
            f"'{chunk[:at]}U.S. Ed.': the editors' sign-off runs into the text;"
            f" did you mean '{chunk[:at]}. —U.S. Ed.'?"
        )
    repair = f"{chunk[:at]} {chunk[at:]}"
    return f"'{chunk}' looks like two words run together; did you mean '{repair}'?"


def _lowercase_join(word: str, vocabulary: Vocabulary) -> str:
    split = vocabulary.split(word)
    assert split is not None
    first, second = split
    if f"{first}-{second}".lower() in vocabulary.hyphenated:
        return f"'{word}' looks like a word that lost its hyphen; did you mean '{first}-{second}'?"
    return (
        f"'{word}' looks like two words run together (a lost space or dash);"
        f" did you mean '{first} {second}'?"
    )


def _chunk_at(text: str, at: int) -> str:
    start = text.rfind(" ", 0, at) + 1
    end = text.find(" ", at)
    return text[start : end if end >= 0 else len(text)]


def _mis_encoded(text: str) -> Iterable[tuple[int, str]]:
    for match in _MOJIBAKE.finditer(text):
        yield match.start(), _mojibake_message(match[0])
    reported: set[str] = set()
    for match in _NOT_ASCII.finditer(text):
        at, char = match.start(), match[0]
        if char in reported or not _is_suspect(char):
            continue
        reported.add(char)
        chunk = _chunk_at(text, at)
        likely = _likely_letter(char)
        repair = f"; did you mean '{chunk.replace(char, likely)}'?" if likely else ""
        yield at, f"'{chunk}': '{char}' (U+{ord(char):04X}) looks mis-encoded{repair}"


def _is_suspect(char: str) -> bool:
    if char.isascii() and (char.isprintable() or char == "\t"):
        return False
    category = unicodedata.category(char)
    if char == "\ufffd" or category in ("Cc", "Cf", "Co", "Cs", "Cn"):
        return True
    if ord(char) <= 0xFF or char in _TYPOGRAPHY or category.startswith(("Z", "P", "S")):
        return False
    return category.startswith("L") and unicodedata.name(char, "").startswith("LATIN")


def _likely_letter(char: str) -> str | None:
    """The Latin-1 letter a wrong code page turns into `char` ("Ł" is Mac "ü")."""
    for code_page in _CODE_PAGES:
        try:
            original = char.encode(code_page).decode("cp1252")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if original.isalpha():
            return original
    return None


def _mojibake_message(found: str) -> str:
    try:
        repair = f"; did you mean '{found.encode('cp1252').decode('utf-8')}'?"
    except (UnicodeEncodeError, UnicodeDecodeError):
        repair = ""
    return f"'{found}' looks like UTF-8 text mis-encoded as Windows-1252{repair}"
