"""Indexes in collation order: one collation sorts the entries and files them under
their initials (issue 25, part 2)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pyuca import Collator

from conftest import MINIMAL_PEOPLE, MakeEdition, letter_source, parse_page
from epistola.cli import main
from epistola.core.names.collation import LazyCollator, collation_key, filing_text, initial_of

PEOPLE = (
    MINIMAL_PEOPLE
    + """\
zweig:
  name: Stefan Zweig
  sort: Zweig, Stefan
ostergaard:
  name: Karen Østergaard
  sort: Østergaard, Karen
lukasiewicz:
  name: Jan Łukasiewicz
  sort: Łukasiewicz, Jan
regimentsarzt:
  name: ?? [Regimentsarzt]
olsen:
  name: Regine Olsen
  sort: Olsen, Regine
alte:
  name: »Der Alte«
nagel:
  name: Otto Nagel
  sort: Nagel, Otto
lange:
  name: Helene Lange
  sort: Lange, Helene
aero:
  name: Ærø Bladet
"""
)
IN_ORDER = [
    "Adams, Alice",
    "Ærø Bladet",
    "Brown, Bob",
    "»Der Alte«",
    "Lange, Helene",
    "Łukasiewicz, Jan",
    "Nagel, Otto",
    "Olsen, Regine",
    "Østergaard, Karen",
    "?? [Regimentsarzt]",
    "Zweig, Stefan",
]


def _edition(make_edition: MakeEdition, page_size: int) -> Path:
    config = f"title: T\nbase_url: https://example.org/t/\nindex_page_size: {page_size}\n"
    return make_edition(
        {
            "edition.yaml": config,
            "notes/people.yaml": PEOPLE,
            "letters/001.md": letter_source(1, "Alice wrote to Bob.\n"),
        }
    )


def test_an_index_lists_and_files_names_in_collation_order(make_edition: MakeEdition) -> None:
    root = _edition(make_edition, page_size=300)
    assert main(["build", "--root", str(root)]) == 0
    page = parse_page(root / "site" / "people" / "index.html")
    assert page.xpath("//ul[@class='people-list']/li/a/text()") == IN_ORDER
    jumps = page.xpath("//nav[@class='jump-list']//a/text()")
    assert jumps == ["A", "B", "D", "L", "N", "O", "R", "Z"]
    for initial in jumps:
        (heading,) = page.xpath(f"//*[@id='initial-{initial.lower()}']")
        names = heading.xpath("following-sibling::ul[1]/li/a/text()")
        assert names and all(initial_of(name) == initial for name in names)
    assert page.xpath("//ul[@class='people-list']/li/a/text()")[3:4] == ["»Der Alte«"]


def test_a_split_index_has_its_pages_in_collation_order(make_edition: MakeEdition) -> None:
    root = _edition(make_edition, page_size=2)
    assert main(["build", "--root", str(root)]) == 0
    site = root / "site" / "people"
    index = parse_page(site / "index.html")
    hrefs = index.xpath("//ul[@class='initials']/li/a/@href")
    assert [href.split(".")[0] for href in hrefs] == ["a", "b", "d", "l", "n", "o", "r", "z"]
    listed = []
    for href in hrefs:
        name = href.split("#")[0]
        pages = [site / name, *sorted(site.glob(name.replace(".html", "-*.html")))]
        for path in pages:
            listed += parse_page(path).xpath("//ul[@class='people-list']/li/a/text()")
    assert listed == IN_ORDER


def test_filing_skips_leading_punctuation_and_folds_letters_with_strokes() -> None:
    assert filing_text("?? [Regimentsarzt]") == "Regimentsarzt]"
    assert filing_text("»Der Alte«") == "Der Alte«"
    assert [initial_of(n) for n in ("Łódź", "Øresund", "Æsop", "Émile", "ägypten")] == [
        "L", "O", "A", "E", "A"
    ]  # fmt: skip
    assert [initial_of(n) for n in ("1848", "???", "(3) Müller", "Борис")] == ["#", "#", "#", "Б"]


@settings(deadline=None)  # the first examples load the parser and tables
@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=30))
def test_initials_follow_the_sort_order(names: list[str]) -> None:
    """Sorted names never return to an initial they have left: every group is one run."""
    initials = [initial_of(name) for name in sorted(names, key=collation_key)]
    runs = [initial for i, initial in enumerate(initials) if i == 0 or initials[i - 1] != initial]
    assert len(runs) == len(set(runs))


def test_apostrophes_inside_a_name_are_passed_over() -> None:
    names = ["Trotsky, Leon", "Tomskii, Mikhail", "T’ang Shen-chih", "Tan, Anna", "Tang, Bo"]
    assert sorted(names, key=collation_key) == [
        "Tan, Anna",
        "T’ang Shen-chih",  # a space sorts before a comma, as in "Tang Shen-chih"
        "Tang, Bo",
        "Tomskii, Mikhail",
        "Trotsky, Leon",
    ]


@settings(deadline=None)  # the first examples load the parser and tables
@given(st.text(max_size=12))
def test_the_lazy_table_gives_pyucas_keys(name: str) -> None:
    """Reading the table's rows on demand gives the keys of pyuca's whole table."""
    assert _lazy.sort_key(name) == _whole.sort_key(name)


_lazy = LazyCollator()
_whole = Collator()
