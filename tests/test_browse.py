"""The browse pages (issue 17): a light title page, the letters list by year and month,
the correspondents and each one's letters, and the filter's data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MakeEdition, letter_source, parse_page
from epistola.cli import main
from epistola.views.browse import FILTER_FIELDS
from sitelinks import broken_links

PEOPLE = "".join(
    f"{key}:\n  name: {name}\n  sort: {sort}\n  aliases: [{name}]\n"
    for key, name, sort in [
        ("alice", "Alice Adams", "Adams, Alice"),
        ("bob", "Bob Brown", "Brown, Bob"),
        ("carol", "Carol Clark", "Clark, Carol"),
        ("dan", "Dan Dole", "Dole, Dan"),
    ]
)
LETTERS = [  # number, date, from, to, place of writing
    (1, "1925-03-02", "alice", "[bob]", "paris"),
    (2, "1925-03-09", "bob", "[alice]", None),
    (3, "1926-05-01", "alice", "[bob, carol]", "paris"),
    (4, "1927-01-10", "carol", "[alice]", "rome"),
    (5, "1927-01-12", "alice", "[bob]", "paris"),
    (6, "1927-02-01", "alice", "[bob]", None),
]
PLACES = "paris:\n  name: Paris\nrome:\n  name: Rome\nlyon:\n  name: Lyon\n"


def filter_data(site: Path) -> dict[str, list[object]]:
    """list/letters.js read back as the JSON it hands to the filter."""
    text = (site / "list" / "letters.js").read_text(encoding="utf-8")
    assert text.startswith("EpistolaFilter.letters(") and text.endswith(");\n")
    data: dict[str, list[object]] = json.loads(text.removeprefix("EpistolaFilter.letters(")[:-3])
    return data


@pytest.fixture
def paged(make_edition: MakeEdition) -> Path:
    """Six letters of three years among four people (Dan writes none), two to a page."""
    files = {
        "edition.yaml": "title: Paged\nbase_url: https://example.org/\nindex_page_size: 2\n",
        "notes/people.yaml": PEOPLE,
        "notes/places.yaml": PLACES,
    }
    for number, date, sender, to, place in LETTERS:
        body = f"Dear friend number {number},\n\nThe news.\n"
        files[f"letters/{number:03d}.md"] = letter_source(
            number, body, date=date, place=place, **{"from": sender, "to": to}
        )
    root = make_edition(files)
    assert main(["build", "--root", str(root)]) == 0
    return root


def test_the_title_page_lists_the_ways_in_and_no_letter(sample_site: Path) -> None:
    page = parse_page(sample_site / "index.html")
    assert page.xpath("//table") == []
    assert page.xpath("//ul[@class='ways-in']/li/a/@href") == [
        "list/index.html",
        "correspondents/index.html",
        "people/index.html",
        "places/index.html",
        "organizations/index.html",
        "dates/index.html",
        "network/index.html",
        "search/index.html",
    ]
    assert page.xpath("string(//p[@class='edition-extent'])").startswith("8 letters of 1927")
    assert "eight letters" in page.xpath("string(//p[@class='intro'])"), "the sample's own intro"
    nav = parse_page(sample_site / "letters" / "33.html").xpath("//nav[@aria-label='Edition']//a")
    assert [a.text for a in nav][:2] == ["Letters", "Correspondents"]
    assert nav[0].get("href") == "../list/index.html"


def test_the_list_shows_every_letter_by_month(sample_site: Path) -> None:
    page = parse_page(sample_site / "list" / "index.html")
    assert page.xpath("//div[@id='letter-list']//h3/text()") == ["June 1927", "July 1927"]
    rows = page.xpath("//div[@id='letter-list']//tbody/tr")
    assert [row.xpath("string(td[1])") for row in rows] == [str(n) for n in range(31, 39)]
    assert rows[2].xpath("string(td[3])") == "Joseph Stalin → Viacheslav Molotov, Nikolai Bukharin"
    assert rows[5].xpath("string(td[4])") == "To Molotov and Bukharin,"
    form = page.xpath("//form[@id='letter-filter']")[0]
    assert form.get("hidden") is not None, "without the script the form stays hidden"
    assert page.xpath("//*[@id='filter-status']/@aria-live") == ["polite"]
    scripts = page.xpath("//script/@src")
    assert scripts == ["../static/words.js", "../static/filter.js"], "no data until it is used"
    assert broken_links([sample_site / "list" / "index.html"]) == []


def test_the_correspondents_have_their_counts_and_their_letters(sample_site: Path) -> None:
    page = parse_page(sample_site / "correspondents" / "index.html")
    items = page.xpath("//ul[@class='correspondents-list']/li")
    assert [" ".join(item.text_content().split()[:6]) for item in items] == [
        "Bukharin, Nikolai: 0 sent, 2 received",
        "Molotov, Viacheslav: 0 sent, 8 received",
        "Stalin, Joseph: 8 sent, 0 received",
    ]
    assert items[0].xpath(".//a/@href") == ["bukharin/index.html", "../people/bukharin.html"]
    own = parse_page(sample_site / "correspondents" / "bukharin" / "index.html")
    rows = own.xpath("//tbody/tr")
    assert [(r.xpath("string(td[1])"), r.xpath("string(td[3])")) for r in rows] == [
        ("33", "from Joseph Stalin (also to Viacheslav Molotov)"),
        ("36", "from Joseph Stalin (also to Viacheslav Molotov)"),
    ]
    stalin = parse_page(sample_site / "correspondents" / "stalin" / "index.html")
    assert stalin.xpath("string(//tbody/tr[1]/td[3])") == "to Viacheslav Molotov"
    person = parse_page(sample_site / "people" / "bukharin.html")
    assert person.xpath("//p[@class='correspondence-link']/a/@href") == [
        "../correspondents/bukharin/index.html"
    ]
    pages = [sample_site / "correspondents" / "index.html", *sample_site.glob("correspondents/*/*")]
    assert broken_links(pages) == []


def test_the_filter_data_names_its_columns_and_each_correspondent_once(sample_site: Path) -> None:
    data = filter_data(sample_site)
    assert data["fields"] == list(FILTER_FIELDS) == [
        "number", "date", "label", "from", "to", "incipit", "place"
    ]
    assert data["names"] == ["Nikolai Bukharin", "Viacheslav Molotov", "Joseph Stalin"]
    assert data["places"] == [], "no letter of the sample states where it was written"
    assert data["letters"][2] == [33, "1927-06-27", "27 June 1927", 2, [1, 0],
                                  "Dear Viacheslav and Nikolai,", None]
    assert data["letters"][3][1:3] == ["1927-07-01", "Early July 1927"]
    assert [row[0] for row in data["letters"]] == list(range(31, 39))  # type: ignore[index]


def test_long_lists_are_paged_by_year_and_initial_outside_letters(paged: Path) -> None:
    site = paged / "site"
    assert sorted(p.name for p in (site / "list").glob("*.html")) == [
        "1925.html", "1926.html", "1927-2.html", "1927.html", "index.html"
    ]
    assert sorted(p.name for p in (site / "letters").glob("*.html")) == [
        f"{n}.html" for n in range(1, 7)
    ]
    years = parse_page(site / "list" / "index.html").xpath("//ul[@class='years']/li")
    assert [" ".join(y.text_content().split()[:2]) for y in years] == [
        "1925 (2):", "1926 (1):", "1927 (3):"
    ]
    page = parse_page(site / "list" / "1927-2.html")
    assert page.xpath("//h1/text()") == ["Letters: 1927, February"]
    assert page.xpath("//tbody/tr/td[1]/a/text()") == ["6"]
    assert page.xpath("//a[@rel='prev']/@href") == ["1927.html"]
    index = parse_page(site / "correspondents" / "index.html")
    assert index.xpath("//ul[@class='initials']/li/a/@href") == [
        "a.html#initial-a", "b.html#initial-b", "c.html#initial-c"
    ]
    alice = sorted(p.name for p in (site / "correspondents" / "alice").glob("*.html"))
    assert alice == ["1925.html", "1926.html", "1927-2.html", "1927.html", "index.html"]
    assert not (site / "correspondents" / "dan").exists(), "Dan wrote and received nothing"
    pages = [*site.glob("list/*.html"), *site.glob("correspondents/**/*.html")]
    assert broken_links(pages) == []
    assert len(filter_data(site)["letters"]) == 6


def test_check_knows_the_browse_pages_the_ledger_holds(paged: Path) -> None:
    ledger = (paged / "anchors.lock").read_text(encoding="utf-8").splitlines()
    assert {"list/1927-2.html", "correspondents/alice/1927-2.html", "correspondents/c.html"} <= set(
        ledger
    )
    assert main(["check", "--strict", "--root", str(paged)]) == 0


def test_the_places_of_writing_list_the_letters_written_at_each(paged: Path) -> None:
    site = paged / "site"
    index = parse_page(site / "places-of-writing" / "index.html")
    items = index.xpath("//ul[@class='places-of-writing']/li")
    assert [" ".join(item.text_content().split()[:3]) for item in items] == [
        "Paris: 3 letters",
        "Rome: one letter",
    ], "Lyon, where no letter was written, is not a place of writing"
    written = {
        place: [n for n, _, _, _, at in LETTERS if at == place] for place in ("paris", "rome")
    }
    for place, numbers in written.items():
        folder = site / "places-of-writing" / place
        listed = [
            int(number)
            for page in sorted(folder.glob("*.html"))
            for number in parse_page(page).xpath("//tbody/tr/td[1]/a/text()")
        ]
        assert sorted(listed) == numbers, place
    assert sorted(p.name for p in (site / "places-of-writing" / "paris").glob("*.html")) == [
        "1925.html", "1926.html", "1927.html", "index.html"
    ], "three letters, two to a page: a page a year"
    about = parse_page(site / "places" / "paris.html")
    assert about.xpath("string(//p[@class='letters-at'])").startswith("3 letters written here")
    data = filter_data(site)
    assert data["places"] == [["paris", "Paris"], ["rome", "Rome"]]
    at = [row[-1] for row in data["letters"]]  # type: ignore[index]
    assert at == [0, None, 0, 1, 0, None]
    pages = [site / "places-of-writing" / "index.html", *site.glob("places-of-writing/*/*")]
    assert broken_links(pages) == []
