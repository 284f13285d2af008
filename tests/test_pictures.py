"""The pictures of issue 17: their figures are the records', their marks link to the
letters behind them, and they stay small (letters per month on the chronology; who wrote
to whom and who is named with whom on network/index.html)."""

from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from conftest import (
    REPO,
    MakeEdition,
    benchmark_generator,
    copy_sample,
    letter_source,
    parse_page,
)
from epistola.build import BuildResult, build
from epistola.cli import main
from epistola.core.config import load_config
from epistola.core.diagnostics import Report
from epistola.core.records import Edition, EditorialDate, LetterHead, Location
from epistola.views.index import build_chronology
from epistola.views.pictures import (
    MAX_BARS,
    MAX_LISTED,
    MAX_PEOPLE,
    MAX_TIES,
    Network,
    correspondents,
    letters_per_month,
    month_links,
    named_together,
)
from sitelinks import broken_links
from test_incremental import clean_build, edit, tree

SVG = re.compile(rb"<svg\b.*?</svg>", re.DOTALL)
MAX_PICTURE_BYTES = 200_000


def edition_of(root: Path) -> BuildResult:
    """The linked edition of the sources in `root` and each letter's facets, as a build
    sees them (nothing written)."""
    report = Report()
    config = load_config(root, report=report)
    return build(config, report, write_output=False)


@pytest.fixture(scope="module")
def sample() -> BuildResult:
    return edition_of(REPO)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """400 synthetic letters over about three years, among 30 people."""
    root = benchmark_generator().generate_edition(tmp_path_factory.mktemp("pictures"), 400, seed=3)
    return edition_of(Path(root))


def pictures_of(page: Path) -> list[etree._Element]:
    """The inline SVG pictures of a built page, each read as XML on its own."""
    return [etree.fromstring(svg) for svg in SVG.findall(page.read_bytes())]


def svg_links(svg: etree._Element) -> list[tuple[str, str]]:
    """(href, title) of every mark of a picture."""
    return [(a.get("href") or "", a.findtext("title") or "") for a in svg.iter("{*}a", "a")]


def _month(letter: LetterHead) -> tuple[int, int]:
    return (letter.date.earliest.year, letter.date.earliest.month)


# --- figures against records -----------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_the_letters_of_a_month_are_exactly_the_letters_dated_in_it(
    which: str, request: pytest.FixtureRequest
) -> None:
    built: BuildResult = request.getfixturevalue(which)
    edition = built.edition
    chronology = build_chronology(edition, built.facets)
    figure = letters_per_month(edition, month_links(chronology))
    by_month: dict[tuple[int, int], set[int]] = {}
    for letter in edition.letters:
        by_month.setdefault(_month(letter), set()).add(letter.number)
    counted = {(m.year, m.month): set(m.letters) for m in figure.months if m.letters}
    assert counted == by_month
    # every month of the span is there once, in order, the empty ones too
    keys = [m.year * 12 + m.month for m in figure.months]
    assert keys == list(range(keys[0], keys[-1] + 1))
    assert figure.total == len(edition.letters)
    assert figure.months_per_bar == 1 and len(figure.bars) == len(figure.months)
    headings = {(g.year, g.month): g.anchor for g in chronology.months}
    for bar in figure.bars:
        (month,) = bar.months
        if month.letters:
            assert bar.href is not None
            assert bar.href.endswith("#" + headings[(month.year, month.month)])
        else:
            assert bar.href is None


@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_a_tie_of_correspondents_weighs_the_letters_between_the_two(
    which: str, request: pytest.FixtureRequest
) -> None:
    edition = request.getfixturevalue(which).edition
    between: dict[tuple[str, str], list[int]] = {}
    for letter in edition.letters:
        for sender in letter.senders:
            for recipient in letter.recipients:
                pair = tuple(sorted((sender, recipient)))
                between.setdefault(pair, []).append(letter.number)  # type: ignore[arg-type]
    network = correspondents(edition)
    assert_strongest(network, {pair: tuple(numbers) for pair, numbers in between.items()})
    part_of = Counter(p for x in edition.letters for p in {*x.senders, *x.recipients})
    assert {n.person: n.letters for n in network.nodes} == {
        n.person: part_of[n.person] for n in network.nodes
    }


@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_a_tie_of_people_named_together_weighs_the_letters_naming_both(
    which: str, request: pytest.FixtureRequest
) -> None:
    built: BuildResult = request.getfixturevalue(which)
    edition = built.edition
    naming: dict[tuple[str, str], list[int]] = {}
    for letter in edition.letters:
        named = {m.entry_id for m in built.facets[letter.path].mentions if m.kind == "person"}
        for pair in itertools.combinations(sorted(named), 2):
            naming.setdefault(pair, []).append(letter.number)
    network = named_together(edition, built.facets)
    assert_strongest(network, {pair: tuple(numbers) for pair, numbers in naming.items()})


def assert_strongest(network: Network, expected: dict[tuple[str, str], tuple[int, ...]]) -> None:
    """The network's ties carry exactly the expected letters, and none left out is
    stronger than one shown, unless it would bring in one person too many."""
    assert network.ties, "the edition has ties to show"
    for tie in network.ties:
        assert tie.letters == expected[tie.people]
        assert tie.weight == len(expected[tie.people])
    assert network.all_ties == len(expected)
    assert len(network.ties) == min(MAX_TIES, len(expected)) or len(network.nodes) == MAX_PEOPLE
    shown = {tie.people for tie in network.ties}
    people = {person for tie in network.ties for person in tie.people}
    assert {node.person for node in network.nodes} == people
    weakest = min(tie.weight for tie in network.ties)
    for pair, letters in expected.items():
        if pair not in shown and len(letters) > weakest:
            assert len(people | set(pair)) > MAX_PEOPLE, pair
    weights = [tie.weight for tie in network.ties]
    assert weights == sorted(weights, reverse=True)


def _head(number: int, date: str, sender: str = "a", to: tuple[str, ...] = ("b",)) -> LetterHead:
    day = datetime.date.fromisoformat(date)
    return LetterHead(
        number=number,
        path=f"letters/{number:03d}.md",
        notes_path=None,
        date=EditorialDate(date, day, day),
        date_label=None,
        dated=None,
        senders=(sender,),
        recipients=to,
        place=None,
        language=None,
        incipit="",
        note_numbers=(),
        refs=(),
        number_location=Location(f"letters/{number:03d}.md", 2),
        key=str(number),
    )


def _edition(*letters: LetterHead) -> Edition:
    return Edition(letters, {}, {}, {}, {x.number: x for x in letters})


@pytest.mark.parametrize(
    ("last", "per_bar", "label"),
    [
        ("1919-12-31", 1, "January 1900"),
        ("1920-01-01", 3, "January–March 1900"),
        ("1959-12-31", 3, "January–March 1900"),
        ("1960-01-01", 12, "1900"),
        ("2139-12-31", 12, "1900"),
        ("2140-01-01", 60, "1900–1904"),
    ],
)
def test_a_long_span_gets_a_bar_a_quarter_a_year_or_more(
    last: str, per_bar: int, label: str
) -> None:
    edition = _edition(_head(1, "1900-01-15"), _head(2, "1900-02-01"), _head(3, last))
    figure = letters_per_month(edition, {(1900, 1): "index.html#y1900-01"})
    assert figure.months_per_bar == per_bar
    assert len(figure.bars) <= MAX_BARS
    assert figure.bars[0].label == label
    assert figure.bars[0].href == "index.html#y1900-01"
    assert sum(bar.count for bar in figure.bars) == 3
    assert [b.months[0] for b in figure.bars] == [
        m
        for m in figure.months
        if (m.year * 12 + m.month - 1) % per_bar == 0 or m is figure.months[0]
    ]
    assert sum(len(bar.months) for bar in figure.bars) == len(figure.months)


def test_a_letter_to_several_people_ties_its_writer_to_each() -> None:
    edition = _edition(
        _head(1, "1900-01-01", "a", ("b", "c")),
        _head(2, "1900-01-02", "b", ("a",)),
        _head(3, "1900-01-03", "c", ("c",)),  # to oneself: no tie
    )
    network = correspondents(edition)
    assert [(t.people, t.letters) for t in network.ties] == [
        (("a", "b"), (1, 2)),
        (("a", "c"), (1,)),
    ]
    assert network.all_people == 3


def test_a_network_keeps_to_its_strongest_ties_among_few_people() -> None:
    letters = [
        _head(n, "1900-01-01", f"p{n % 50:02d}", (f"p{(n * 7) % 50:02d}",)) for n in range(1, 600)
    ]
    network = correspondents(_edition(*letters))
    assert len(network.ties) <= MAX_TIES
    assert len(network.nodes) <= MAX_PEOPLE
    assert network.all_ties > len(network.ties)
    assert network == correspondents(_edition(*letters)), "the same figures every time"


# --- the pictures on their pages -------------------------------------------------------


def test_each_bar_counts_the_letters_the_chronology_lists_under_its_month(
    sample_site: Path,
) -> None:
    page = sample_site / "dates" / "index.html"
    (svg,) = pictures_of(page)
    assert svg.get("role") == "group"
    assert svg.findtext("{*}title") and svg.findtext("{*}desc")
    assert svg.get("aria-labelledby") == "months-title"
    html = parse_page(page)
    marks = svg_links(svg)
    assert [title.split(":")[0] for _, title in marks] == ["June 1927", "July 1927"]
    for href, title in marks:
        assert href.startswith("index.html#y1927-")
        (heading,) = html.xpath(f"//h3[@id='{href.split('#')[1]}']")
        listed = heading.xpath("following-sibling::ul[1]/li[@class='letter']")
        assert title.endswith(f": {len(listed)} letters")
    rows = html.xpath("//details[@class='figures']//tbody/tr")
    assert [(r.xpath("string(th)"), r.xpath("string(td)")) for r in rows] == [
        ("June 1927", "3"),
        ("July 1927", "5"),
    ]
    assert broken_links([page]) == []


def test_each_tie_links_to_its_row_and_the_row_to_exactly_its_letters(
    sample_site: Path,
) -> None:
    page = sample_site / "network" / "index.html"
    wrote, named = pictures_of(page)
    html = parse_page(page)
    for svg, prefix in ((wrote, "letters"), (named, "named")):
        listed = letters_on_person_pages(sample_site, prefix)
        ties = [(href, title) for href, title in svg_links(svg) if href.startswith("#")]
        people = [href for href, _ in svg_links(svg) if href.startswith("../people/")]
        assert ties and people
        for href, title in ties:
            assert href.startswith(f"#{prefix}-")
            (row,) = html.xpath(f"//tr[@id='{href[1:]}']")
            letters = row.xpath("td[last()]//a/@href")
            weight = row.xpath("string(td[1])")
            assert re.findall(r"\d+", title.split(": ")[1]) == [str(len(letters))] == [weight]
            first, second = href[len(prefix) + 2 :].split(".")
            assert set(letters) == behind(listed, first, second), href
    # Stalin wrote all eight letters to Molotov, and two of them to Bukharin too.
    assert [(href, title.split(": ")[1]) for href, title in svg_links(wrote)[:2]] == [
        ("#letters-molotov.stalin", "8 letters between them"),
        ("#letters-bukharin.stalin", "2 letters between them"),
    ]
    assert broken_links([page]) == []


def letters_on_person_pages(site: Path, prefix: str) -> dict[str, dict[str, set[str]]]:
    """Person id -> list -> the letters their page lists there: as written (`from`) and
    received (`to`) for the correspondents, as naming them (`named`) for the other."""
    lists = {"from": "//ul[@class='letters-from']", "to": "//ul[@class='letters-to']"}
    if prefix == "named":
        lists = {"named": "//ul[@class='mentions']/preceding-sibling::h3[1]"}
    found = {}
    for page in (site / "people").glob("*.html"):
        html = parse_page(page)
        found[page.stem] = {
            name: set(html.xpath(f"{xpath}//a/@href")) for name, xpath in lists.items()
        }
    return found


def behind(listed: dict[str, dict[str, set[str]]], first: str, second: str) -> set[str]:
    """The letters between two people, or naming both, as their pages list them."""
    one, other = listed[first], listed[second]
    if "named" in one:
        return one["named"] & other["named"]
    return (one["from"] & other["to"]) | (other["from"] & one["to"])


def test_the_network_page_is_linked_from_every_page(sample_site: Path) -> None:
    for path in ("index.html", "letters/31.html", "people/index.html"):
        hrefs = parse_page(sample_site / path).xpath("//nav[@aria-label='Edition']//a/@href")
        assert any(href.endswith("network/index.html") for href in hrefs), path


def test_a_paged_chronology_shows_the_picture_on_its_first_page_and_keeps_it_true(
    tmp_path: Path,
) -> None:
    (tmp_path / "edition").mkdir()
    root = copy_sample(tmp_path / "edition")
    edit(root / "edition.yaml", lambda t: t + "index_page_size: 6\n")
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    first = root / "site" / "dates" / "index.html"
    (svg,) = pictures_of(first)
    hrefs = [href for href, _ in svg_links(svg)]
    assert hrefs and all(re.fullmatch(r"1927(-\d)?\.html#y1927-\d\d", href) for href in hrefs)
    assert broken_links([first]) == []
    # Letter 35 moves from July to June: the first page's bars change with it.
    edit(root / "letters/035.md", lambda t: t.replace("1927-07-08", "1927-06-26"))
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    (svg,) = pictures_of(first)
    assert [title for _, title in svg_links(svg)] == [
        "June 1927: 4 letters",
        "July 1927: 4 letters",
    ]
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")


# --- at 10,000 letters -----------------------------------------------------------------


@pytest.mark.slow
def test_at_ten_thousand_letters_each_picture_stays_small_and_true(synthetic_site: Path) -> None:
    chronology, network = synthetic_site / "dates/index.html", synthetic_site / "network/index.html"
    pictures = {"months": pictures_of(chronology), "networks": pictures_of(network)}
    assert [len(found) for found in pictures.values()] == [1, 2]
    for svg in [*pictures["months"], *pictures["networks"]]:
        assert len(etree.tostring(svg)) < MAX_PICTURE_BYTES
    # A bar a year: its count is the letters the sources date in that year.
    years = Counter(
        int(re.search(r"^date: (\d{4})", path.read_text(encoding="utf-8"), re.M)[1])  # type: ignore[index]
        for path in (synthetic_site.parent / "letters").glob("*.md")
    )
    (months,) = pictures["months"]
    bars = {title.split(":")[0]: title for _, title in svg_links(months)}
    assert len(bars) == len(years) <= MAX_BARS
    for year, count in years.items():
        assert bars[str(year)] == f"{year}: {count:,} letters"
    (wrote, named) = pictures["networks"]
    assert len(svg_links(wrote)) <= MAX_TIES + MAX_PEOPLE
    assert "strongest" in (wrote.findtext("{*}desc") or "")
    assert broken_links([chronology, network]) == []


def test_a_row_lists_at_most_fifty_letters_and_says_where_the_rest_are(
    make_edition: MakeEdition,
) -> None:
    letters = {
        f"letters/{n:03d}.md": letter_source(
            n,
            "Dear Bob, Alice writes again.\n",
            date=f"1927-{(n - 1) // 28 + 1:02d}-{(n - 1) % 28 + 1:02d}",
        )
        for n in range(1, 61)
    }
    root = make_edition(letters)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    html = parse_page(root / "site" / "network" / "index.html")
    (row,) = html.xpath("//tr[@id='letters-alice.bob']")
    assert row.xpath("string(td[1])") == "60"
    links = row.xpath("td[last()]//a/@href")
    assert links == [f"../letters/{n}.html" for n in range(1, MAX_LISTED + 1)], "edition order"
    assert "the first 50; the pages of both list them all" in row.xpath("string(td[last()])")
