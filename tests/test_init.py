"""`epistola init`: a new edition that builds at once and says what is left to fill in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import broken_links, parse_page
from epistola.app.init import TITLE_PLACEHOLDER
from epistola.cli import main

FILES = [
    "edition.yaml",
    "letters/001.md",
    "notes/001.md",
    "notes/people.yaml",
    ".gitignore",
    "README.md",
]
FILLED = {
    "title": "Letters of Edith Hale",
    "editors": "A. Editor",
    "source": "The letters in the Hale papers",
    "base_url": "https://letters.example.org/hale/",
    "licence": "CC BY 4.0",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    return code, capsys.readouterr().err.splitlines()


def fill_in(edition: Path) -> None:
    """What an editor does first: put the edition's own values in place of the placeholders."""
    config = edition / "edition.yaml"
    values = yaml.safe_load(config.read_text(encoding="utf-8"))
    values |= {key: [v] if key == "editors" else v for key, v in FILLED.items()}
    config.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")


def test_a_new_edition_builds_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edition = tmp_path / "new"
    code, lines = run(capsys, "init", str(edition))
    assert code == 0, lines
    assert lines[0].endswith(f"new: {', '.join(FILES)}")
    assert sorted(p.relative_to(edition).as_posix() for p in edition.rglob("*")) == sorted(
        [*FILES, "letters", "notes"]
    )
    code, lines = run(capsys, "build", "--root", str(edition))
    assert code == 0, lines
    assert broken_links(edition / "site") == []
    page = parse_page(edition / "site" / "letters" / "1.html")
    assert page.xpath("//sup[@class='marker']/a/@href") == ["#note-1"]
    assert page.xpath("//li[@id='note-1']")
    assert page.xpath("//span[@class='supplied']/text()") == ["[second]"]
    assert page.xpath("//p[@class='dateline']/text()") == ["2 May 1889"]
    assert set(page.xpath("//div[@class='letter-text']//a[@class='person']/@href")) == {
        "../people/hale.html",
        "../people/ward.html",
    }


def test_check_names_each_placeholder_until_it_is_filled_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edition = tmp_path / "new"
    run(capsys, "init", str(edition))
    code, lines = run(capsys, "check", "--strict", "--root", str(edition))
    assert code == 1
    assert lines[:2] == [
        "edition.yaml:3:8: warning: 'title' is still the placeholder"
        f" '{TITLE_PLACEHOLDER}'; replace it with the edition's own value [config.placeholder]",
        "edition.yaml:5:5: warning: 'editors' is still the placeholder '<your name>';"
        " replace it with the edition's own value [config.placeholder]",
    ]
    assert [line.split("'")[1] for line in lines[:-1]] == list(FILLED)
    assert lines[-1] == "checked 1 letter: 5 warnings"
    fill_in(edition)
    code, lines = run(capsys, "check", "--strict", "--root", str(edition))
    assert (code, lines) == (0, ["checked 1 letter: no problems"])


def test_the_title_is_written_as_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = 'Letters: "Home" & #1 \\ abroad'
    code, _ = run(capsys, "init", str(tmp_path / "new"), "--title", title)
    assert code == 0
    config = yaml.safe_load((tmp_path / "new" / "edition.yaml").read_text(encoding="utf-8"))
    assert config["title"] == title
    assert (tmp_path / "new" / "README.md").read_text(encoding="utf-8").startswith(f"# {title}\n")
    code, lines = run(capsys, "check", "--root", str(tmp_path / "new"))
    assert "'title'" not in "\n".join(lines)


def test_the_editor_readme_and_gitignore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "init", str(tmp_path / "new"))
    ignored = (tmp_path / "new" / ".gitignore").read_text(encoding="utf-8").split()
    assert ignored == ["/site/", "/.epistola-cache/"]
    readme = (tmp_path / "new" / "README.md").read_text(encoding="utf-8")
    assert "docs/format.md" in readme and "epistola theme copy" in readme
    people = yaml.safe_load((tmp_path / "new" / "notes" / "people.yaml").read_text("utf-8"))
    assert sorted(people) == ["hale", "ward"]


@pytest.mark.parametrize("present", ["edition.yaml", "letters/001.md", "README.md"])
def test_init_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], present: str
) -> None:
    edition = tmp_path / "old"
    (edition / present).parent.mkdir(parents=True)
    (edition / present).write_text("mine\n", encoding="utf-8")
    code, lines = run(capsys, "init", str(edition))
    assert code == 1
    assert lines[0].startswith("error: ") and "nothing was written" in lines[0]
    assert [p.relative_to(edition).as_posix() for p in edition.rglob("*") if p.is_file()] == [
        present
    ]
    assert (edition / present).read_text(encoding="utf-8") == "mine\n"


def test_init_fills_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code, _ = run(capsys, "init", "--root", str(tmp_path / "empty"))
    assert code == 0
    assert (tmp_path / "empty" / "edition.yaml").is_file()


def test_init_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").write_text("a file\n", encoding="utf-8")
    code, lines = run(capsys, "init", str(tmp_path / "taken"))
    assert (code, lines) == (
        1,
        [f"error: {tmp_path / 'taken'} is a file; choose a new or an empty folder"],
    )
