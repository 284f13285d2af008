"""How an entry's aliases are matched in the text: the three modes of `match:`.

- `anywhere` (the default): wherever the alias stands as whole words, with its capitals as
  written, also as part of a hyphenated compound ("Tagebuch-Notiz") or after an elided
  article ("l'Humanité").
- `exact`: only where the alias stands as a word of its own: a hyphen or an apostrophe
  that joins it to another word makes that word something else.
- `tagged`: never by alias; only where the text tags the entry (`[words]{org=id}`).

An entry's `match:` in its register wins over the edition's `match:` in edition.yaml.
"""

from __future__ import annotations

ANYWHERE = "anywhere"
EXACT = "exact"
TAGGED = "tagged"
MODES = (ANYWHERE, EXACT, TAGGED)
DEFAULT_MODE = ANYWHERE

_JOINERS = frozenset("-\u2010\u2011'\u2019")
"""Hyphens and apostrophes: between two letters they make one word of two."""


def stands_alone(text: str, start: int, end: int) -> bool:
    """True if `text[start:end]` is not joined to a word before or after it."""
    joined_before = start >= 2 and text[start - 1] in _JOINERS and text[start - 2].isalnum()
    joined_after = (
        end + 1 < len(text)
        and text[end] in _JOINERS - {"'", "\u2019"}  # "Hale's" is still Hale
        and text[end + 1].isalnum()
    )
    return not (joined_before or joined_after)
