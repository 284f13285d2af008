"""The static search index: script files that work served and from `file://`, updated in part.

Browsers refuse `fetch` on `file://`, so every part of the index is a script that hands
its data to `EpistolaSearch` (templates/static/search.js); MiniSearch ranks the matches.
The index is split so that an edition of 100,000 letters never loads as one file:

- `search/index/shard-N.js`: the documents (one per paragraph and per note) of the
  letters numbered `N * SHARD_LETTERS` to `N * SHARD_LETTERS + SHARD_LETTERS - 1`. A
  shard's bounds are fixed by letter numbers, so adding or removing a letter changes its
  own shard and no other. The browser indexes a shard only when a query needs it.
- `search/index/terms-HEX.js`: for every word starting with the same two letters (HEX is
  their UTF-8 in hex), the shards that hold it, as runs `[first, count, first, count…]`.
  A query loads one such file per word and then only the shards that hold every word.
- `search/index/manifest.js`: the shards and which terms files exist.

Each letter's documents and words are made once, when it is parsed (`letter_piece`), and
kept in the store. A build remakes the shards of the letters it parsed anew, compares each
shard's words with those it had, and rewrites only the terms files of words that came or
went. Words are cut and folded here exactly as search.js cuts and folds them: lower case,
accents removed, runs of letters and digits.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from epistola.core.lang import _, date_words, joined
from epistola.core.records import Edition, LetterHead, Page
from epistola.parse.search import PREFIX_LENGTH, shard_of
from epistola.render.stemming import SearchStemmer
from epistola.state.store import Store

INDEX_DIR = "search/index"
MANIFEST = f"{INDEX_DIR}/manifest.js"


class IndexState:
    """What the index held after the last build, read from the store only where needed:
    the words of each shard and, for each prefix, which shards hold each word."""

    def __init__(self, store: Store | None) -> None:
        self._store = store
        known = store.piece("search:manifest") if store else None
        self.shards: set[int] = set(known[0]) if known else set()
        self.prefixes: set[str] = set(known[1]) if known else set()
        self._words: dict[int, frozenset[str]] = {}
        self._terms: dict[str, dict[str, list[int]]] = {}

    def shard_words(self, shard: int) -> frozenset[str]:
        if shard not in self._words:
            found = self._store.piece(f"search:shard:{shard}") if self._store else None
            self._words[shard] = found or frozenset()
        return self._words[shard]

    def table(self, prefix: str) -> dict[str, list[int]]:
        if prefix not in self._terms:
            found = self._store.piece(f"search:terms:{prefix}") if self._store else None
            self._terms[prefix] = found or {}
        return self._terms[prefix]

    def remember(self, shard: int, now: frozenset[str]) -> None:
        self._words[shard] = now

    def paths(self) -> set[str]:
        """Every file of the index as it now stands."""
        found = {MANIFEST} | {f"{INDEX_DIR}/shard-{shard}.js" for shard in self.shards}
        return found | {f"{INDEX_DIR}/terms-{_hex(prefix)}.js" for prefix in self.prefixes}

    def save(self, store: Store) -> None:
        """Write back what this build changed."""
        for shard, found in self._words.items():
            if shard in self.shards:
                store.put_piece(f"search:shard:{shard}", found)
            else:
                store.drop_pieces(f"search:shard:{shard}")
        for prefix, table in self._terms.items():
            if table:
                store.put_piece(f"search:terms:{prefix}", table)
            else:
                store.drop_pieces(f"search:terms:{prefix}")
        store.put_piece("search:manifest", (sorted(self.shards), sorted(self.prefixes)))


def search_pages(
    edition: Edition,
    *,
    shards: Iterable[int] | None,
    pieces: Callable[[Iterable[str]], Mapping[str, tuple[str, list[str]]]],
    state: IndexState,
    stemmer: SearchStemmer | None = None,
) -> list[Page]:
    """The shards named (all if None), the terms files their words reach, and the manifest.

    `pieces` gives the stored piece of each letter path; `state` is updated in place.
    With a `stemmer`, words are routed by their stems, and the manifest names it for the
    search page, which stems the same way.
    """
    members: defaultdict[int, list[LetterHead]] = defaultdict(list)
    for letter in edition.letters:
        members[shard_of(letter.number)].append(letter)
    wanted = set(members) | state.shards if shards is None else set(shards)
    pages = []
    touched: set[str] = set()
    for shard in sorted(wanted):
        letters = sorted(members.get(shard, ()), key=lambda head: head.number)
        found = pieces([head.path for head in letters])
        docs: list[str] = []
        shard_words: set[str] = set()
        for head in letters:
            if head.path in found:
                encoded, letter_words = found[head.path]
                if encoded:
                    docs.append(encoded)
                shard_words.update(_stems(letter_words, stemmer))
        before = state.shard_words(shard)
        now = frozenset(shard_words)
        state.remember(shard, now)
        if letters:
            state.shards.add(shard)
            pages.append(_shard_page(edition, shard, letters, docs))
        else:
            state.shards.discard(shard)
        touched |= _reroute(state, shard, before, now)
    for prefix in sorted(touched):
        if state.table(prefix):
            state.prefixes.add(prefix)
            pages.append(_terms_page(prefix, state.table(prefix)))
        else:
            state.prefixes.discard(prefix)
    manifest: dict[str, object] = {
        "shards": sorted(state.shards),
        "buckets": [_hex(b) for b in sorted(state.prefixes)],
    }
    if stemmer is not None:
        manifest["stemmer"] = stemmer.script_class
    pages.append(_script("manifest", "manifest", [manifest]))
    return pages


def _stems(found: list[str], stemmer: SearchStemmer | None) -> Iterable[str]:
    """The words of a letter as the index routes them: as they are, or their stems."""
    if stemmer is None:
        return found
    return (stem for stem in map(stemmer.stem, found) if len(stem) >= PREFIX_LENGTH)


def _reroute(
    state: IndexState, shard: int, before: frozenset[str], now: frozenset[str]
) -> set[str]:
    """Add and remove `shard` in the tables of the words that came and went; the prefixes."""
    touched = set()
    for word in before - now:
        prefix = word[:PREFIX_LENGTH]
        table = state.table(prefix)
        found = table.get(word, [])
        if shard in found:
            found.remove(shard)
            if not found:
                del table[word]
            touched.add(prefix)
    for word in now - before:
        prefix = word[:PREFIX_LENGTH]
        found = state.table(prefix).setdefault(word, [])
        if shard not in found:
            found.append(shard)
            found.sort()
            touched.add(prefix)
    return touched


def _shard_page(edition: Edition, shard: int, letters: list[LetterHead], docs: list[str]) -> Page:
    heads = {str(head.number): [head.page, _heading(edition, head)] for head in letters}
    data = (
        '{"letters":'
        + json.dumps(heads, ensure_ascii=False, separators=(",", ":"))
        + ',"docs":['
        + ",".join(docs)
        + "]}"
    )
    return Page(
        f"{INDEX_DIR}/shard-{shard}.js", f"EpistolaSearch.shard({shard},{data});\n".encode()
    )


def _terms_page(prefix: str, table: dict[str, list[int]]) -> Page:
    runs = {word: _runs(found) for word, found in sorted(table.items())}
    return _script(f"terms-{_hex(prefix)}", "terms", [_hex(prefix), runs])


def _heading(edition: Edition, letter: LetterHead) -> str:
    """`23 June 1927, Joseph Stalin to Viacheslav Molotov`, shown with each result."""

    def name(person_id: str) -> str:
        person = edition.people.get(person_id)
        return person.name if person else person_id

    return _(
        "%(date)s, %(writer)s to %(addressees)s",
        date=letter.date_label or date_words(letter.date),
        writer=joined([name(s) for s in letter.senders]),
        addressees=joined([name(r) for r in letter.recipients]),
    )


def _runs(numbers: list[int]) -> list[int]:
    """Sorted shard numbers as `[first, count, …]`: common words fill long runs."""
    runs: list[int] = []
    for n in numbers:
        if runs and runs[-2] + runs[-1] == n:
            runs[-1] += 1
        else:
            runs += [n, 1]
    return runs


def _hex(prefix: str) -> str:
    return prefix.encode("utf-8").hex()


def _script(name: str, kind: str, args: list[object]) -> Page:
    data = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    return Page(f"{INDEX_DIR}/{name}.js", f"EpistolaSearch.{kind}({data});\n".encode())
