"""The people index and the chronology of the sample edition, and their pages (issue 9)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html

from conftest import REPO, MakeEdition, letter_source, parse_page
from epistola.cli import main
from epistola.core.names.collation import collation_key
from sitelinks import broken_links


def element(page: Path, anchor: str) -> lxml.html.HtmlElement:
    (found,) = parse_page(page).xpath(f"//*[@id='{anchor}']")
    return found


def mention_items(site: Path, person: str) -> list[lxml.html.HtmlElement]:
    return list(parse_page(site / "people" / f"{person}.html").xpath("//ul[@class='mentions']/li"))


def text(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


# --- people ----------------------------------------------------------------------------


def test_klim_in_letter_36_is_listed_with_context_and_its_paragraph(sample_site: Path) -> None:
    page = parse_page(sample_site / "people" / "voroshilov.html")
    (heading,) = page.xpath("//h3[a/@href='../letters/36.html']")
    items = heading.xpath("following-sibling::ul[1]/li[mark='Klim']")
    assert len(items) == 2, "Klim is named twice in the text of letter 36"
    for item in items:
        (href,) = item.xpath("a/@href")
        assert re.fullmatch(r"\.\./letters/36\.html#p\d+", href)
        assert item.get("class") == "in-text"
        before, after = (
            item.xpath("mark/preceding-sibling::text()")[-1],
            item.xpath("mark/following-sibling::text()")[0],
        )
        assert len(before.split()) >= 3 and len(after.split()) >= 3
        paragraph = element(sample_site / "letters" / "36.html", href.split("#")[1])
        assert "Klim" in text(paragraph)
        assert before.lstrip(": …").strip() in text(paragraph)
    assert "Klim" in page.xpath("//p[@class='names-used']/span[@class='name']/text()")


def test_borodin_is_listed_wherever_the_sources_name_him(sample_site: Path) -> None:
    named = sum(
        len(re.findall(r"\bBorodin\b", path.read_text(encoding="utf-8")))
        for folder in ("letters", "notes")
        for path in (REPO / folder).glob("0*.md")
    )
    items = mention_items(sample_site, "borodin")
    assert len(items) == named
    kinds = {item.get("class") for item in items}
    assert kinds == {"in-text", "in-note"}
    for item in items:
        (href,) = item.xpath("a/@href")
        page, anchor = href.split("#")
        target = element(sample_site / "people" / page, anchor)
        assert "Borodin" in text(target)
        label = text(item.xpath("a")[0])
        if item.get("class") == "in-note":
            assert anchor.startswith("note-") and label == f"in note {anchor[5:]}"
            assert target.tag == "li" and target.getparent().getparent().get("class") == "notes"
        else:
            assert anchor.startswith("p") and label.startswith("in the text")
            assert target.tag == "p"
        assert item.xpath("mark/text()") == ["Borodin"]


def test_the_people_index_is_sorted_with_dates_descriptions_and_counts(sample_site: Path) -> None:
    page = parse_page(sample_site / "people" / "index.html")
    items = page.xpath("//ul[@class='people-list']/li")
    sorts = [item.xpath("string(a)") for item in items]
    assert sorts == sorted(sorts, key=collation_key) and len(sorts) > 25
    voroshilov = items[sorts.index("Voroshilov, Kliment")]
    assert "(1881–1969)" in text(voroshilov)
    assert "People’s Commissar for Military and Naval Affairs" in text(voroshilov)
    for item in items:
        person = item.xpath("a/@href")[0].removesuffix(".html")
        named = len(mention_items(sample_site, person))
        count = item.xpath("string(span[@class='count'])")
        expected = "named once" if named == 1 else f"named {named} times" if named else "not named"
        assert count == f"({expected})", person


def test_the_a_to_z_list_leads_to_each_initial(sample_site: Path) -> None:
    index = sample_site / "people" / "index.html"
    page = parse_page(index)
    jumps = page.xpath("//nav[@class='jump-list']//a")
    assert [a.text for a in jumps][:3] == ["A", "B", "C"]
    for a in jumps:
        heading = element(index, a.get("href").split("#")[1])
        assert heading.text == a.text
        names = heading.xpath("following-sibling::ul[1]/li/a/text()")
        assert names and all(n.upper().startswith(a.text) for n in names)
    assert broken_links([index]) == []


def test_a_person_page_lists_letters_from_and_to(sample_site: Path) -> None:
    molotov = parse_page(sample_site / "people" / "molotov.html")
    assert molotov.xpath("//ul[@class='letters-to']/li/a/text()") == [
        f"Letter {n}" for n in range(31, 39)
    ]
    stalin = parse_page(sample_site / "people" / "stalin.html")
    assert len(stalin.xpath("//ul[@class='letters-from']/li")) == 8


# --- chronology ------------------------------------------------------------------------

EVENTS = {
    # (letter, note): the dates in words of the events its note names
    (31, 1): ["13–14 June 1927", "24 June 1927", "26 June 1927"],
    (33, 2): ["24 June 1927", "9 June 1927"],
    (33, 3): ["10 June 1927", "21 June 1927"],
    (33, 5): ["12 April 1927"],
    (34, 1): ["Early July 1927"],
    (34, 2): ["28 June 1927"],
    (34, 4): ["28 June 1927"],
    (34, 5): ["Autumn 1927"],
    (34, 6): ["29 July 1927"],
    (34, 7): ["30 June 1927"],
}
MONTH_OF = {"April": "04", "June": "06", "July": "07", "Autumn": "09"}


def chronology_items(site: Path) -> list[lxml.html.HtmlElement]:
    return list(parse_page(site / "dates" / "index.html").xpath("//ul[@class='chronology']/li"))


def test_events_of_the_notes_of_letters_31_33_34_stand_at_their_dates(sample_site: Path) -> None:
    found: dict[tuple[int, int], list[str]] = {}
    for item in chronology_items(sample_site):
        if item.get("class") != "event":
            continue
        (href,) = item.xpath("a/@href")
        letter, note = re.fullmatch(r"\.\./letters/(\d+)\.html#note-(\d+)", href).groups()
        label = item.xpath("string(span[@class='date'])")
        found.setdefault((int(letter), int(note)), []).append(label)
        month = item.xpath("../preceding-sibling::h3[1]/@id")[0]
        assert (
            month == f"y1927-{MONTH_OF.get(label.split()[-2], '')}"
            or label.split()[-2] not in MONTH_OF
        )
        note_li = element(sample_site / "letters" / f"{letter}.html", f"note-{note}")
        assert text(item.xpath("span[@class='event-text']")[0]) in text(note_li)
    for key, labels in EVENTS.items():
        assert sorted(found.get(key, [])) == sorted(labels), key


def test_the_writers_own_wrong_dates_are_not_events(sample_site: Path) -> None:
    labels = [i.xpath("string(span[@class='date'])") for i in chronology_items(sample_site)]
    assert not [label for label in labels if "1926" in label]


def test_entries_are_in_date_order_and_letter_34_stands_between_33_and_35(
    sample_site: Path,
) -> None:
    items = chronology_items(sample_site)
    labels = [i.xpath("string(span[@class='date'])") for i in items]
    letters = [i.xpath("string(a)") for i in items]
    at = {name: n for n, name in enumerate(letters) if name.startswith("Letter")}
    assert at["Letter 33"] < at["Letter 34"] < at["Letter 35"]
    assert labels.index("30 June 1927") < at["Letter 34"] < labels.index("10 July 1927")
    letter_34 = items[at["Letter 34"]]
    assert letter_34.xpath("string(span[@class='date'])") == "Early July 1927"
    assert "uncertain" in letter_34.xpath("string(span[@class='uncertain'])")
    assert not items[at["Letter 35"]].xpath("span[@class='uncertain']")


def test_the_chronology_links_all_lead_somewhere(sample_site: Path) -> None:
    assert broken_links([sample_site / "dates" / "index.html"]) == []
    headings = parse_page(sample_site / "dates" / "index.html").xpath("//h3/text()")
    assert headings == ["April 1927", "June 1927", "July 1927", "August 1927", "September 1927"]


# --- pages -----------------------------------------------------------------------------

PEOPLE = "".join(
    f"{key}:\n  name: {name}\n  sort: {sort}\n  aliases: [{alias}]\n"
    for key, name, sort, alias in [
        ("alice", "Alice Adams", "Adams, Alice", "Alice"),
        ("abel", "Abel Arden", "Arden, Abel", "Abel"),
        ("amos", "Amos Avery", "Avery, Amos", "Amos"),
        ("bob", "Bob Brown", "Brown, Bob", "Bob"),
        ("eve", "Ève Émery", "Émery, Ève", "Ève"),
    ]
)


def small_edition(make_edition: MakeEdition, page_size: int) -> Path:
    files = {
        "edition.yaml": f"title: Paged\nindex_page_size: {page_size}\n",
        "notes/people.yaml": PEOPLE,
    }
    for n, date in enumerate(["1925-03-02", "1925-03-09", "1926-05-01", "1927-01-10"], 1):
        files[f"letters/{n:03d}.md"] = letter_source(n, "Alice wrote to Bob.[^1]\n", date=date)
        files[f"notes/{n:03d}.md"] = f"1. On {n} June 1930, Amos met Bob.\n"
    return make_edition(files)


def test_a_long_index_is_split_by_initial_and_by_year(make_edition: MakeEdition) -> None:
    root = small_edition(make_edition, page_size=2)
    assert main(["build", "--root", str(root)]) == 0
    site = root / "site"
    people = parse_page(site / "people" / "index.html")
    assert people.xpath("//ul[@class='initials']/li/a/@href") == [
        "a.html#initial-a",
        "b.html#initial-b",
        "e.html#initial-e",
    ]
    assert not people.xpath("//ul[@class='people-list']")
    a_pages = [parse_page(site / "people" / name) for name in ("a.html", "a-2.html")]
    assert [p.xpath("//ul[@class='people-list']/li/a/text()") for p in a_pages] == [
        ["Adams, Alice", "Arden, Abel"],
        ["Avery, Amos"],
    ]
    assert a_pages[1].xpath("//h2/text()") == ["A (continued)"]
    assert parse_page(site / "people" / "e.html").xpath(
        "//ul[@class='people-list']/li/a/text()"
    ) == ["Émery, Ève"]
    dates = parse_page(site / "dates" / "index.html")
    assert dates.xpath("//ul[@class='years']/li/a[1]/text()") == ["1925", "1926", "1927", "1930"]
    pages = sorted((site / "dates").glob("*.html")) + sorted((site / "people").glob("*.html"))
    for page in pages:
        assert (
            len(parse_page(page).xpath("//ul[@class='chronology' or @class='people-list']/li")) <= 2
        )
    assert {p.name for p in (site / "dates").glob("*.html")} == {
        "index.html",
        "1925.html",
        "1926.html",
        "1927.html",
        "1930.html",
        "1930-2.html",
    }
    assert broken_links(pages) == []


def test_a_short_index_stays_on_one_page(make_edition: MakeEdition) -> None:
    root = small_edition(make_edition, page_size=100)
    assert main(["build", "--root", str(root)]) == 0
    assert sorted(p.name for p in (root / "site" / "dates").iterdir()) == ["index.html"]
    assert (
        len(
            parse_page(root / "site" / "dates" / "index.html").xpath("//ul[@class='chronology']/li")
        )
        == 8
    )


def test_a_page_size_that_is_not_a_number_is_reported(make_edition: MakeEdition, capsys) -> None:  # type: ignore[no-untyped-def]
    root = small_edition(make_edition, page_size=0)
    assert main(["check", "--root", str(root)]) == 1
    assert (
        "edition.yaml:1:1: error: 'index_page_size' must be a whole number of entries such as 300,"
        " not '0' [config.index-page-size]"
    ) in capsys.readouterr().err.splitlines()
