"""A deterministic synthetic edition of N letters in epistola's source format.

    python benchmarks/generate.py OUT_DIR --letters 10000 [--seed 0]

Each letter has a few paragraphs of text naming people of the register, editorial
insertions and numbered points, and most give a place of writing from the register of
places; its notes carry dated events and cross-references to earlier letters and their
notes. Sizes are those of a typical printed edition: about
2 KB of letter text and 1 KB of notes per letter.
"""

from __future__ import annotations

import argparse
import datetime
import random
from pathlib import Path

from epistola.core.dates import MONTHS

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "that",
    "it",
    "was",
    "for",
    "on",
    "with",
    "as",
    "his",
    "he",
    "be",
    "at",
    "by",
    "this",
    "had",
    "not",
    "are",
    "but",
    "from",
    "or",
    "have",
    "an",
    "they",
    "which",
    "one",
    "you",
    "were",
    "her",
    "all",
    "she",
    "there",
    "would",
    "their",
    "we",
    "him",
    "been",
    "has",
    "when",
    "who",
    "will",
    "more",
    "no",
    "if",
    "out",
    "so",
    "said",
    "what",
    "up",
    "its",
    "about",
    "into",
    "than",
    "them",
    "can",
    "only",
    "other",
    "new",
    "some",
    "could",
    "time",
    "these",
    "two",
    "may",
    "then",
    "do",
    "first",
    "any",
    "my",
    "now",
    "such",
    "like",
    "our",
    "over",
    "man",
    "me",
    "even",
    "most",
    "made",
    "after",
    "also",
    "did",
    "many",
    "before",
    "must",
    "through",
    "back",
    "years",
    "where",
    "much",
    "your",
    "way",
    "well",
    "down",
    "should",
    "because",
    "each",
    "just",
    "those",
    "people",
    "how",
    "too",
    "little",
    "state",
    "good",
    "very",
    "make",
    "world",
    "still",
    "own",
    "see",
    "men",
    "work",
    "long",
    "get",
    "here",
    "between",
    "both",
    "life",
    "being",
    "under",
    "never",
    "day",
    "same",
    "another",
    "know",
    "while",
    "last",
    "might",
    "us",
    "great",
    "old",
    "year",
    "off",
    "come",
    "since",
    "against",
    "go",
    "came",
    "right",
    "used",
    "take",
    "three",
    "committee",
    "letter",
    "question",
    "matter",
    "report",
    "plenum",
    "party",
    "comrades",
    "decision",
    "government",
    "telegram",
    "article",
    "council",
    "opposition",
    "resolution",
    "congress",
    "delegation",
    "treaty",
]
FIRST = [
    "Anna",
    "Boris",
    "Clara",
    "Dmitrii",
    "Elena",
    "Fedor",
    "Galina",
    "Ivan",
    "Karl",
    "Lev",
    "Maria",
    "Nikolai",
    "Olga",
    "Pavel",
]
LAST = [
    "Abramov",
    "Belov",
    "Chernov",
    "Danilov",
    "Egorov",
    "Frolov",
    "Gusev",
    "Ilin",
    "Kozlov",
    "Lebedev",
    "Morozov",
    "Novikov",
    "Orlov",
    "Petrov",
    "Romanov",
    "Sokolov",
    "Titov",
    "Usov",
    "Volkov",
    "Zaitsev",
    "Antonov",
    "Bogdanov",
    "Vasiliev",
]


def generate_edition(root: Path, letters: int, *, seed: int = 0) -> Path:
    """Write a complete edition of `letters` letters into `root` and return it."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "letters").mkdir(exist_ok=True)
    (root / "notes").mkdir(exist_ok=True)
    (root / "edition.yaml").write_text(
        "title: A Synthetic Correspondence\neditors: [A. Editor]\nlanguage: en\n"
        "base_url: https://example.org/synthetic/\nlicence: CC BY 4.0\n"
        "licence_url: https://creativecommons.org/licenses/by/4.0/\n"
        "version: 1.0.0\nreleased: 2026-01-01\nsuppress: [note.unused]\n",
        encoding="utf-8",
    )
    people = _people(rng, max(30, letters // 25))
    _write_people(root / "notes" / "people.yaml", people)
    # Places come from a generator of their own, so the letters' texts stay as they were.
    places = _write_places(root / "notes" / "places.yaml", max(10, letters // 200))
    where = random.Random(seed + 1)
    start = datetime.date(1880, 1, 1)
    for number in range(1, letters + 1):
        day = start + datetime.timedelta(days=number * 3 + rng.randrange(3))
        note_count = rng.randrange(0, 8)
        body = _letter(rng, number, day, people, note_count)
        if where.random() < 0.8:
            body = body.replace("\n---\n", f"\nplace: {where.choice(places)}\n---\n", 1)
        notes = _notes(rng, number, day, people, note_count)
        stem = f"{number:03d}"
        (root / "letters" / f"{stem}.md").write_text(body, encoding="utf-8")
        if note_count:
            (root / "notes" / f"{stem}.md").write_text(notes, encoding="utf-8")
    return root


def _people(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """(id, first name, last name), ids unique."""
    found: dict[str, tuple[str, str, str]] = {}
    while len(found) < count:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        suffix = "" if f"{last.lower()}" not in {p[0] for p in found.values()} else str(len(found))
        person_id = f"{last.lower()}{suffix}"
        if person_id not in found:
            surname = last if not suffix else f"{last}-{_roman(len(found))}"
            found[person_id] = (person_id, first, surname)
    return list(found.values())


def _roman(n: int) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    tag = letters[n % len(letters)] + letters[(n // len(letters)) % len(letters)].lower()
    # Past 576 people two letters repeat, and a repeated alias is an error in the register.
    extra = n // len(letters) ** 2
    return tag + (letters[extra - 1].lower() if extra else "")


def _write_people(path: Path, people: list[tuple[str, str, str]]) -> None:
    lines = []
    for i, (person_id, first, last) in enumerate(people):
        lines += [
            f"{person_id}:",
            f"  name: {first} {last}",
            f"  sort: {last}, {first}",
            f"  aliases: [{last}]",
            f"  born: {1840 + i % 40}",
            f"  died: {1900 + i % 50}",
            f"  about: A correspondent of the edition, number {i + 1} of the register.",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_places(path: Path, count: int) -> list[str]:
    """A register of `count` made-up towns, evenly over a grid of coordinates; their ids."""
    ids = [f"town{n}" for n in range(1, count + 1)]
    lines = []
    for n, place_id in enumerate(ids):
        lines += [
            f"{place_id}:",
            f"  name: Town {_roman(n)}",
            f"  about: A place the letters are written from, number {n + 1} of the register.",
            f"  coordinates: [{40 + n % 20}.5, {n // 20 % 40}.25]",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def _sentence(rng: random.Random, people: list[tuple[str, str, str]], words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    if rng.random() < 0.5:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(people)[2])
    if rng.random() < 0.2:
        chosen.insert(rng.randrange(len(chosen)), f"[{rng.choice(WORDS)}]")
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def _letter(
    rng: random.Random,
    number: int,
    day: datetime.date,
    people: list[tuple[str, str, str]],
    note_count: int,
) -> str:
    sender, recipient = rng.sample(people, 2)
    paragraphs = [f"Dear {recipient[1]},"]
    for point in range(rng.randrange(3, 7)):
        sentences = " ".join(_sentence(rng, people, rng.randrange(8, 22)) for _ in range(3))
        paragraphs.append(f"{point + 1}\\) {sentences}")
    # Markers go at the ends of paragraphs chosen in text order, so they follow the notes.
    targets = sorted(rng.randrange(1, len(paragraphs)) for _ in range(note_count))
    for note, target in enumerate(targets, start=1):
        paragraphs[target] += f"[^{note}]"
    paragraphs.append(f"{sender[1][0]}. {sender[2]}")
    paragraphs.append(f"{day.day} {MONTHS[day.month - 1]} {day.year}")
    front = (
        f"---\nnumber: {number}\ndate: {day.isoformat()}\n"
        f"dated: {day.day} {MONTHS[day.month - 1]} {day.year}\n"
        f"from: {sender[0]}\nto: [{recipient[0]}]\n---\n"
    )
    return front + "\n\n".join(paragraphs) + "\n"


def _notes(
    rng: random.Random,
    number: int,
    day: datetime.date,
    people: list[tuple[str, str, str]],
    note_count: int,
) -> str:
    items = []
    for note in range(1, note_count + 1):
        event = day - datetime.timedelta(days=rng.randrange(1, 60))
        first = _sentence(rng, people, rng.randrange(15, 35))
        second = _sentence(rng, people, rng.randrange(10, 25))
        when = f"{event.day} {MONTHS[event.month - 1]} {event.year}"
        text = f"On {when}, {first[0].lower()}{first[1:]} {second}"
        if number > 1 and rng.random() < 0.3:
            text += f" See letter {rng.randrange(1, number)}."
        items.append(f"{note}. {text}")
    return "\n\n".join(items) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate_edition(args.out, args.letters, seed=args.seed)


if __name__ == "__main__":
    main()
