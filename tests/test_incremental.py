"""Incremental builds give the bytes of a clean build, touch only what changed, and a
failed or killed build leaves the previous site usable (issue: incremental builds)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import THEME, copy_sample, letter_source, parse_page
from epistola.cli import main
from epistola.make import lists

SOURCES = ("edition.yaml", "letters", "notes", "templates", "anchors.lock")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def clean_build(root: Path, elsewhere: Path) -> dict[str, bytes]:
    """The site a build from nothing makes of the sources in `root`."""
    if elsewhere.exists():
        shutil.rmtree(elsewhere)
    elsewhere.mkdir()
    for part in SOURCES:
        if (root / part).is_dir():
            shutil.copytree(root / part, elsewhere / part)
        elif (root / part).exists():
            shutil.copy2(root / part, elsewhere / part)
    assert main(["build", "--quiet", "--root", str(elsewhere)]) == 0
    return tree(elsewhere / "site")


def _sample(tmp_path: Path) -> Path:
    (tmp_path / "edition").mkdir()
    return copy_sample(tmp_path / "edition")


def edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"the edit of {path.name} changed nothing"
    path.write_text(changed, encoding="utf-8")
    # Editors save seconds apart; move the clock on so every stamp differs as it would.
    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))


def _rename_person(root: Path, old: str, new: str) -> None:
    _move(root, f"people/{old}.html", f"people/{new}.html")
    _move(root, f"correspondents/{old}/index.html", f"correspondents/{new}/index.html")
    edit(root / "notes" / "people.yaml", lambda t: re.sub(rf"^{old}:", f"{new}:", t, flags=re.M))
    for letter in sorted((root / "letters").glob("*.md")):
        text = letter.read_text(encoding="utf-8")
        if re.search(rf"\b{old}\b", text):
            edit(letter, lambda t: re.sub(rf"\b{old}\b", new, t))


NEW_LETTER = letter_source(
    39,
    "Dear Viacheslav,\n\nSee the previous letter and note 1 to letter 31.[^1]\n",
    date="1927-07-30",
    **{"from": "stalin", "to": "[molotov]"},
)

EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("a letter", lambda r: edit(r / "letters/033.md", lambda t: t + "\nA new closing line.\n")),
    (
        "a note with a cross-reference",
        lambda r: edit(r / "notes/034.md", lambda t: t.rstrip() + " See note 1 to letter 31.\n"),
    ),
    (
        "the cross-reference's target",
        lambda r: edit(r / "notes/034.md", lambda t: t.replace("note 1 to letter 31", "letter 32")),
    ),
    (
        "a register entry",
        lambda r: edit(
            r / "notes/people.yaml", lambda t: t.replace("Viacheslav Molotov", "V. M. Molotov")
        ),
    ),
    (
        "a template of the theme, copied into templates/",
        lambda r: edit(
            override(r, "letter.html"), lambda t: t.replace('Notes") }}</h2>', 'Notes") }}.</h2>')
        ),
    ),
    (
        "the edition's template that extends the theme's",
        lambda r: edit(r / "templates/index.html", lambda t: t.replace("eight letters", "letters")),
    ),
    (
        "a static file added",
        lambda r: _write(r / "templates/static/extra.css", "p { margin: 0 }\n"),
    ),
    (
        "a static file of the theme, copied into templates/",
        lambda r: edit(override(r, "static/style.css"), lambda t: t.replace("38rem", "40rem")),
    ),
    ("an override removed", lambda r: (r / "templates/letter.html").unlink()),
    (
        "a letter's first words and its mentions",
        lambda r: edit(r / "letters/036.md", lambda t: t.replace("To Molotov and", "To Klim and")),
    ),
    (
        "a mention's context",
        lambda r: edit(r / "letters/036.md", lambda t: t.replace("Damn the", "Bless the")),
    ),
    (
        "an authority id in the register (shown in the TEI and CMIF)",
        lambda r: edit(
            r / "notes/people.yaml",
            lambda t: t.replace("borodin:\n", "borodin:\n  viaf: '12345'\n"),
        ),
    ),
    (
        "a date in a note (an event of the chronology)",
        lambda r: edit(
            r / "notes/031.md", lambda t: t.replace("On 24 June 1927", "On 25 June 1927")
        ),
    ),
    ("an added letter", lambda r: _add_letter(r)),
    ("a letter added between two dates", lambda r: _add_letter_between(r)),
    (
        "a register entry's description",
        lambda r: edit(
            r / "notes/people.yaml", lambda t: t.replace("Stalin’s closest ally", "Stalin’s ally")
        ),
    ),
    (
        "a letter's date, which moves it among the others",
        lambda r: edit(r / "letters/035.md", lambda t: t.replace("1927-07-08", "1927-06-26")),
    ),
    (
        "a letter's date, which moves it to a month after a gap (letters per month)",
        lambda r: edit(r / "letters/038.md", lambda t: t.replace("1927-07-16", "1927-10-02")),
    ),
    (
        "a recipient added (a new correspondent, a new tie of correspondents)",
        lambda r: edit(r / "letters/037.md", lambda t: t.replace("[molotov]", "[molotov, rykov]")),
    ),
    (
        "a second writer added (counted for both in the lists and the network)",
        lambda r: edit(
            r / "letters/036.md", lambda t: t.replace("from: stalin", "from: [stalin, rykov]")
        ),
    ),
    (
        "a register of works kept anew, and a work tagged",
        lambda r: (
            _write(r / "notes/works.yaml", "pravda:\n  name: Pravda\n  authors: [stalin]\n"),
            edit(r / "letters/034.md", lambda t: t.rstrip() + "\n\n[The paper]{work=pravda}.\n"),
        ),
    ),
    (
        "a textual note added to the apparatus",
        lambda r: (
            edit(
                r / "letters/033.md",
                lambda t: t.replace("Dear Viacheslav", "Dear Viacheslav[^a]", 1),
            ),
            edit(r / "notes/033.md", lambda t: t + "\n[^a]: Written above the line.\n"),
        ),
    ),
    (
        "a mention added (two people named together anew)",
        lambda r: edit(r / "letters/032.md", lambda t: t + "\nLansbury and Maxton agree.\n"),
    ),
    ("a deleted letter, sent on in moved:", lambda r: _delete_letter(r, "038")),
    (
        "a renamed person id, sent on in moved:",
        lambda r: _rename_person(r, "bukharin", "bukharin_n"),
    ),
    (
        "the register of places: a description and coordinates",
        lambda r: edit(
            r / "notes/places.yaml",
            lambda t: t.replace("coordinates: [55.75222, 37.61556]", "coordinates: [55.75, 37.62]"),
        ),
    ),
    (
        "the register of organizations: an alias added",
        lambda r: edit(
            r / "notes/organizations.yaml",
            lambda t: t.replace("aliases: [Politburo]", "aliases: [Politburo, Political Bureau]"),
        ),
    ),
    (
        "a letter given a place of writing",
        lambda r: edit(
            r / "letters/032.md", lambda t: t.replace("---\n", "---\nplace: moscow\n", 1)
        ),
    ),
    (
        "an organization tagged in a letter",
        lambda r: edit(
            r / "letters/035.md", lambda t: t.rstrip() + "\n\n[The Bureau]{org=politburo} agrees.\n"
        ),
    ),
    ("edition.yaml", lambda r: edit(r / "edition.yaml", lambda t: t + "subtitle: Revised\n")),
    ("the page size, which pages the browse lists", lambda r: _page_size(r, 3)),
    (
        "a letter added, with the chronology and the browse lists paged",
        lambda r: _write(
            r / "letters/041.md",
            letter_source(
                41,
                "Dear Viacheslav,\n\nA late word.\n",
                date="1927-07-20",
                **{"from": "stalin", "to": "[molotov]"},
            ),
        ),
    ),
    (
        "a letter's first words, with the browse lists paged",
        lambda r: edit(r / "letters/037.md", lambda t: t.replace("Dear Viacheslav,", "Dear V.,")),
    ),
]


def _page_size(root: Path, size: int) -> None:
    edit(root / "edition.yaml", lambda t: t + f"index_page_size: {size}\n")


def override(root: Path, name: str) -> Path:
    """The theme's file `name`, copied into the edition's templates/ to be edited there."""
    assert main(["theme", "copy", name, "--root", str(root)]) == 0
    return root / "templates" / name


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _add_letter(root: Path) -> None:
    (root / "letters" / "039.md").write_text(NEW_LETTER, encoding="utf-8")
    (root / "notes" / "039.md").write_text("1. A note of our own.\n", encoding="utf-8")


def _add_letter_between(root: Path) -> None:
    """Letter 40, dated between letters 32 and 33, pointing at its neighbours."""
    text = letter_source(
        40,
        "Dear Viacheslav,\n\nAs I wrote in the previous letter, and see the next letter.\n",
        date="1927-06-25",
        **{"from": "stalin", "to": "[molotov]"},
    )
    (root / "letters" / "040.md").write_text(text, encoding="utf-8")


def _delete_letter(root: Path, stem: str) -> None:
    (root / "letters" / f"{stem}.md").unlink()
    (root / "notes" / f"{stem}.md").unlink()
    # Letter 34 has at least as many notes and paragraphs, so every old anchor lands.
    _move(root, f"letters/{int(stem)}.html", "letters/34.html")


def _move(root: Path, old: str, new: str) -> None:
    """Tell the anchor ledger where a published page went, as an editor must."""
    config = root / "edition.yaml"
    text = config.read_text(encoding="utf-8")
    if "\nmoved:\n" not in text:
        text += "moved:\n"
    edit(config, lambda t: text + f"  {old}: {new}\n")


def test_incremental_builds_equal_clean_builds_after_each_edit(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    for name, change in EDITS:
        change(root)
        assert main(["build", "--quiet", "--root", str(root)]) == 0, name
        incremental = tree(root / "site")
        clean = clean_build(root, tmp_path / "clean")
        assert sorted(incremental) == sorted(clean), f"after editing {name}: other files"
        different = [path for path in clean if clean[path] != incremental[path]]
        assert different == [], f"after editing {name}: other bytes"


def test_a_changed_target_reaches_the_page_that_cites_it(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    edit(root / "notes/034.md", lambda t: t.rstrip() + " See note 1 to letter 31.\n")
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    cited = parse_page(root / "site/letters/31.html")
    assert cited.xpath("//li[@id='note-1']//p[@class='cited-by']/a/@href")[-1].startswith("34.html")


def test_two_clean_builds_are_identical(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    first = clean_build(root, tmp_path / "one")
    assert first == clean_build(root, tmp_path / "two")


def test_an_edit_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    before = mtimes(root / "site")
    edit(root / "letters/035.md", lambda t: t + "\nA new closing line.\n")
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    after = mtimes(root / "site")
    rewritten = sorted(path for path in after if after[path] != before.get(path))
    assert "letters/35.html" in rewritten
    assert "letters/31.html" not in rewritten
    assert "static/style.css" not in rewritten
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    assert mtimes(root / "site") == after


def test_first_words_remake_only_the_browse_pages_that_list_the_letter(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    _page_size(root, 4)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    before = mtimes(root / "site")
    assert {"list/1927.html", "list/1927-2.html", "correspondents/bukharin/index.html"} <= set(
        before
    )
    edit(root / "letters/037.md", lambda t: t.replace("Dear Viacheslav,", "Dear V.,"))
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    after = mtimes(root / "site")
    rewritten = {
        path
        for path in after
        if after[path] != before.get(path) and path.startswith(("list/", "correspondents/"))
    }
    # Letter 37 (Stalin to Molotov, July 1927) is on the second page of 1927 of the list
    # and on the July pages of its writer and its addressee; the filter's data has all.
    assert rewritten == {
        "list/1927-2.html",
        "list/letters.js",
        "correspondents/stalin/1927-2.html",
        "correspondents/molotov/1927-2.html",
    }
    assert "Dear V.," in (root / "site/list/1927-2.html").read_text(encoding="utf-8")


def test_the_networks_are_remade_only_when_what_they_count_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _sample(tmp_path)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    network, chronology = root / "site/network/index.html", root / "site/dates/index.html"
    before = network.stat().st_mtime_ns
    rendered: list[str] = []
    real = lists.named_together
    monkeypatch.setattr(
        lists, "named_together", lambda *a, **k: rendered.append("") or real(*a, **k)
    )
    # New first words: the title page and the chronology show them; the networks do not.
    edit(root / "letters/031.md", lambda t: t.replace("Dear Viacheslav,", "Dear Viacheslav!"))
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    assert rendered == [] and network.stat().st_mtime_ns == before
    assert "Viacheslav!" in chronology.read_text(encoding="utf-8")
    edit(root / "letters/031.md", lambda t: t.replace("[molotov]", "[molotov, rykov]"))
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    assert rendered == [""]
    assert "#letters-rykov.stalin" in network.read_text(encoding="utf-8")


def test_a_failed_build_leaves_the_site_unchanged(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    before, stamps = tree(root / "site"), mtimes(root / "site")
    edit(root / "letters/032.md", lambda t: t.replace("number: 32", "number: [32"))
    edit(root / "letters/033.md", lambda t: t + "\nA change that must not be published.\n")
    assert main(["build", "--quiet", "--root", str(root)]) == 1
    assert tree(root / "site") == before
    assert mtimes(root / "site") == stamps
    assert not (root / ".site.new").exists()


KILLER = """
import os, signal, sys
import epistola.publish.write as write
owner, name = {owner}, {name!r}
real = getattr(owner, name)
calls = 0
def dying(*args, **kwargs):
    global calls
    calls += 1
    if calls == {after}:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(owner, name, dying)
from epistola.cli import main
sys.exit(main(["build", "--quiet", "--root", sys.argv[1]]))
"""


@pytest.mark.parametrize(
    ("owner", "name", "after"),
    [("write", "_stage", 3), ("write", "_write_journal", 1), ("os", "replace", 4)],
    ids=["while staging", "before the commit", "while moving files in"],
)
def test_a_build_killed_while_writing_leaves_a_usable_site(
    tmp_path: Path, owner: str, name: str, after: int
) -> None:
    root = _sample(tmp_path)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    old = tree(root / "site")
    edit(override(root, "base.html"), lambda t: t.replace("</footer>", "<p>New.</p>\n</footer>"))
    script = KILLER.format(owner=owner, name=name, after=after)
    done = subprocess.run(
        [sys.executable, "-c", script, str(root)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == -9, done.stderr
    site = tree(root / "site")
    assert sorted(site) == sorted(old)
    new_pages = [path for path in site if b"<p>New.</p>" in site[path]]
    if owner == "write":  # killed before the commit: the old site, exactly
        assert site == old
    else:
        assert 0 < len(new_pages) < len([path for path in site if path.endswith(".html")])
    for path in site:
        if path.endswith(".html"):
            assert parse_page(root / "site" / path).xpath("//footer")
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")
    assert not (root / ".site.new").exists()


def test_the_published_site_has_no_live_reload(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    assert (THEME / "static/live-reload.js").is_file()
    assert not (root / "site/static/live-reload.js").exists()
    for path in (root / "site").rglob("*.html"):
        assert not parse_page(path).xpath("//script[contains(@src, 'live-reload')]")


def test_a_template_reading_a_new_field_has_its_pages_remade_when_that_field_changes(
    tmp_path: Path,
) -> None:
    """What a page shows is found from what its template read, not from a list kept beside
    the planner: a list that starts showing each letter's number of cross-references is
    remade when a note gains one, though no list showed references before."""
    root = _sample(tmp_path)
    edit(
        override(root, "letters_table.html"),
        lambda t: t.replace(
            "{{ letter.incipit }}</td>",
            "{{ letter.incipit }} ({{ letter.refs | length }} refs)</td>",
        ),
    )
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    listed = root / "site/list/index.html"
    assert "(0 refs)" in listed.read_text(encoding="utf-8")
    edit(
        root / "notes/034.md",
        lambda t: t.replace("“I’ve read it. Bukh.”", "“I’ve read it. Bukh.” See letter 31."),
    )
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")
    row = next(r for r in listed.read_text(encoding="utf-8").split("<tr>") if ">34</a>" in r)
    assert "(1 refs)" in row


def test_the_date_a_page_prints_is_the_release_never_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two builds of the same sources, one through a store that saw other sources and one
    from nothing, on other days and with `SOURCE_DATE_EPOCH` set, give the same bytes."""
    root = _sample(tmp_path)
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    edit(root / "letters/037.md", lambda t: t.replace("Dear Viacheslav,", "Dear V.,"))
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    edit(root / "letters/037.md", lambda t: t.replace("Dear V.,", "Dear Viacheslav,"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    through_the_store = tree(root / "site")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert through_the_store == clean_build(root, tmp_path / "clean")
    sitemap = through_the_store["sitemap.xml"].decode("utf-8")
    assert "<lastmod>2026-11-28</lastmod>" in sitemap  # the sample's `released`


def test_a_letter_page_that_shows_more_of_its_neighbour_follows_the_neighbour(
    tmp_path: Path,
) -> None:
    """A letter's page whose template starts to show the next letter's first words is
    remade when those words change, though the letter itself did not."""
    root = _sample(tmp_path)
    edit(
        override(root, "letter.html"),
        lambda t: t.replace(
            "number=next.number) }} →</a>", "number=next.number) }} →</a> {{ next.incipit }}"
        ),
    )
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    edit(root / "letters/037.md", lambda t: t.replace("Dear Viacheslav,", "Dear V.,"))
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")
    pages = [p for p in (root / "site/letters").glob("*.html") if "Dear V.," in p.read_text()]
    assert len(pages) == 2, "letter 37's own page and that of the letter before it"
