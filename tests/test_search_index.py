"""The static search index: shards of documents and the terms files that route to them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import MakeEdition, letter_source
from epistola.cli import main
from epistola.parse.search import SHARD_LETTERS, words
from epistola.render.search import INDEX_DIR

CALL = re.compile(r"^EpistolaSearch\.(\w+)\((.*)\);\n$", re.DOTALL)


def read_call(path: Path) -> tuple[str, list[object]]:
    """The function a script file of the index calls, and its arguments."""
    match = CALL.match(path.read_text(encoding="utf-8"))
    assert match, f"{path} is not one EpistolaSearch call"
    return match[1], json.loads(f"[{match[2]}]")


def load_index(site: Path) -> tuple[dict[str, object], dict[int, dict], dict[str, dict]]:
    index = site / INDEX_DIR
    kind, (manifest,) = read_call(index / "manifest.js")
    assert kind == "manifest"
    shards = {}
    for number in manifest["shards"]:
        kind, (n, data) = read_call(index / f"shard-{number}.js")
        assert (kind, n) == ("shard", number)
        shards[number] = data
    terms = {}
    for bucket in manifest["buckets"]:
        kind, (hex_, table) = read_call(index / f"terms-{bucket}.js")
        assert (kind, hex_) == ("terms", bucket)
        terms[bucket] = table
    return manifest, shards, terms


def shards_of(runs: list[int]) -> set[int]:
    return {
        n
        for first, count in zip(runs[::2], runs[1::2], strict=True)
        for n in range(first, first + count)
    }


def test_words_are_folded_as_the_browser_folds_them() -> None:
    assert words("Feng [Yü-hsiang], T’ang Shen-chih; 1905–1917") == [
        "feng",
        "yu",
        "hsiang",
        "t",
        "ang",
        "shen",
        "chih",
        "1905",
        "1917",
    ]


@given(st.text())
def test_words_never_fail_and_are_lower_case_runs(text: str) -> None:
    for word in words(text):
        assert word and word == word.lower() and "_" not in word and " " not in word


def test_the_sample_index_routes_every_word_to_the_shards_that_hold_it(sample_site: Path) -> None:
    manifest, shards, terms = load_index(sample_site)
    assert len(manifest["shards"]) == len(shards) > 1, "the sample is cut into several shards"
    where: dict[str, set[int]] = {}
    for number, data in shards.items():
        for _letter, _anchor, text in data["docs"]:
            for word in words(text):
                where.setdefault(word, set()).add(number)
    routed = {word: shards_of(runs) for table in terms.values() for word, runs in table.items()}
    assert routed == {word: found for word, found in where.items() if len(word) >= 2}
    borodin = shards_of(terms[b"borodin"[:2].hex()]["borodin"])
    letters = {doc[0] for n in borodin for doc in shards[n]["docs"] if "Borodin" in doc[2]}
    assert letters == {33, 36}


def test_shards_hold_paragraphs_and_notes_with_their_anchors(sample_site: Path) -> None:
    _, shards, _ = load_index(sample_site)
    docs = {(doc[0], doc[1]): doc[2] for data in shards.values() for doc in data["docs"]}
    assert "Borodin" in docs[(36, "p4")]
    assert "Borodin" in docs[(33, "note-3")]
    heads = {k: v for data in shards.values() for k, v in data["letters"].items()}
    assert heads["36"] == [
        "letters/36.html",
        "9 July 1927, Joseph Stalin to Viacheslav Molotov and Nikolai Bukharin",
    ]
    for number, data in shards.items():  # a shard's bounds are fixed by letter numbers
        bounds = range(number * SHARD_LETTERS, (number + 1) * SHARD_LETTERS)
        assert {doc[0] for doc in data["docs"]} <= set(bounds)
        assert {int(n) for n in data["letters"]} <= set(bounds)


def test_a_large_edition_loads_in_many_small_pieces(make_edition: MakeEdition) -> None:
    body = "Dear Bob, the harvest in {n} was good and Alice sends her regards.\n"
    files = {
        f"letters/{n:03d}.md": letter_source(n, body.format(n=f"province{n}") * 20)
        for n in range(1, 121)
    }
    root = make_edition(files)
    assert main(["build", "--root", str(root)]) == 0
    manifest, shards, terms = load_index(root / "site")
    assert len(manifest["shards"]) >= 10
    sizes = [p.stat().st_size for p in (root / "site" / INDEX_DIR).glob("*.js")]
    assert max(sizes) < 20_000
    # A rare word routes to one shard, a common one to every shard in a single run.
    assert len(shards_of(terms[b"pr".hex()]["province77"])) == 1
    assert terms[b"ha".hex()]["harvest"] == [0, len(manifest["shards"])]


def test_a_new_letter_changes_its_own_shard_and_no_other(make_edition: MakeEdition) -> None:
    body = "Dear Bob, the harvest in {n} was good.\n"
    files = {
        f"letters/{n:03d}.md": letter_source(
            n, body.format(n=f"province{n}"), date=f"1927-01-{n:02d}"
        )
        for n in range(1, 25)
        if n != 13
    }
    root = make_edition(files)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    index = root / "site" / INDEX_DIR
    before = {p.name: p.read_bytes() for p in index.glob("shard-*.js")}
    (root / "letters" / "013.md").write_text(
        letter_source(13, body.format(n="province13"), date="1927-01-13"), encoding="utf-8"
    )
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    after = {p.name: p.read_bytes() for p in index.glob("shard-*.js")}
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {f"shard-{13 // SHARD_LETTERS}.js"}
    manifest, shards, terms = load_index(root / "site")
    assert shards_of(terms[b"pr".hex()]["province13"]) == {13 // SHARD_LETTERS}
