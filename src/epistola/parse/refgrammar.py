"""The words editors refer to letters and notes with, in each language an edition may be
in ("letter 27" in English, "Brief 27" in German, "lettre 27" in French).

`refs.py` builds one pattern from a grammar; the edition's `language` in edition.yaml
chooses it (`de-AT` uses German), and a language without a grammar here uses English.
Each field is a regular expression, matched without regard to case.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RefGrammar:
    """The words of the forms of reference in one language."""

    letter: str
    """One letter, before its number (`letter`)."""
    letters: str
    """Several letters, before their numbers (`letters`)."""
    number_sign: str
    """A sign between the word and its number, counted only right before it (`no\\.`)."""
    note: str
    """A note or notes, before their numbers (`notes?|nn?\\.`)."""
    of: str
    """Between notes and their letter ("note 4 *to* letter 27")."""
    here: str
    """After notes of the same letter ("note 3 *above*")."""
    see: tuple[str, ...]
    """Words that make "note 3" after them a note of the same letter ("*see* note 3")."""
    conjunction: str
    """The word that joins the last member of a list ("31 *and* 32")."""
    range_to: str
    """The word of a range in words ("31 *to* 33")."""
    months: str
    """The start of a month's name: "letter 27 June" is a day, not letter 27."""
    relation: str
    """A relative reference; its group `relation` holds the word that says which."""
    next_words: tuple[str, ...]
    """How the words for the next letter begin; any other `relation` is the previous one."""
    starts: str
    """The letters every form starts with, so most positions fail at once."""


ENGLISH = RefGrammar(
    letter=r"letter",
    letters=r"letters",
    number_sign=r"nos?\.",
    note=r"notes?|nn?\.",
    of=r"to|in|of",
    here=r"above|below",
    see=(r"see\s", r"cf\.\s"),
    conjunction=r"and",
    range_to=r"to",
    months=r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b",
    relation=r"\bthe\s+(?P<relation>next|following|previous|preceding)\s+letter\b",
    next_words=("next", "following"),
    starts="nlt",
)
GERMAN = RefGrammar(
    letter=r"Brief",
    letters=r"Briefen?",
    number_sign=r"Nrn?\.",
    note=r"Anmerkung(?:en)?|Anm\.|Fußnoten?",
    of=r"zu|zum|in|im|von|vom",
    here=r"oben|unten",
    see=(r"siehe\s", r"vgl\.\s", r"s\.\s"),
    conjunction=r"und",
    range_to=r"bis",
    months=r"(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)[a-zä]*\b",
    relation=(
        r"\b(?:der|den|dem|des|im|vom|zum)\s+(?P<relation>nächsten?|folgenden?|vorigen?"
        r"|vorhergehenden?|vorangehenden?)\s+Brief(?:e?s)?\b"
    ),
    next_words=("nächst", "folgend"),
    starts="abdfivz",
)
FRENCH = RefGrammar(
    letter=r"lettre",
    letters=r"lettres",
    number_sign=r"n[°º]s?|nos?",
    note=r"notes?|nn?\.",
    of=r"(?:de|à|dans)(?:\s+la)?",
    here=r"ci-dessus|ci-dessous|plus\s+haut|plus\s+bas",
    see=(r"voir\s", r"cf\.\s"),
    conjunction=r"et",
    range_to=r"à",
    months=(
        r"(?:janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec)[a-zéû]*"
        r"(?![\w-])"
    ),
    relation=r"\bla\s+lettre\s+(?P<relation>suivante|précédente|precedente)\b",
    next_words=("suiv",),
    starts="ln",
)
GRAMMARS = {"en": ENGLISH, "de": GERMAN, "fr": FRENCH}


def grammar_for(language: str) -> RefGrammar:
    """The grammar of a BCP 47 language tag (`de-AT` -> German); English if none fits."""
    return GRAMMARS.get(language.split("-")[0].lower(), ENGLISH)
