"""Shared fixtures: the sample edition built once, and small editions made from dicts."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import lxml.html
import pytest

from epistola.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLE_PARTS = ("edition.yaml", "letters", "notes", "templates")

MINIMAL_CONFIG = "title: Test Edition\nbase_url: https://example.org/test/\nversion: 1.0\n"
MINIMAL_PEOPLE = """\
alice:
  name: Alice Adams
  sort: Adams, Alice
  aliases: [Alice]
bob:
  name: Bob Brown
  sort: Brown, Bob
  aliases: [Bob, Bobby]
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from the output"
    )


def copy_sample(target: Path) -> Path:
    """A copy of the repository's sample edition in `target` (templates included)."""
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample edition, built once per test session; returns the site folder."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    assert main(["build", "--root", str(root)]) == 0
    return root / "site"


def letter_source(number: int, body: str, **meta: object) -> str:
    """A letter file with sensible front matter, overridable by keyword."""
    fields: dict[str, object] = {
        "number": number,
        "date": f"1927-06-{number % 28 + 1:02d}",
        "from": "alice",
        "to": "[bob]",
    }
    fields.update(meta)
    front = "".join(f"{key}: {value}\n" for key, value in fields.items() if value is not None)
    return f"---\n{front}---\n{textwrap.dedent(body).lstrip()}"


MakeEdition = Callable[[Mapping[str, str]], Path]


@pytest.fixture
def make_edition(tmp_path: Path) -> MakeEdition:
    """Write an edition from {relative path: text}; config, register and templates default."""

    def make(files: Mapping[str, str]) -> Path:
        root = tmp_path / "edition"
        root.mkdir(exist_ok=True)
        shutil.copytree(REPO / "templates", root / "templates", dirs_exist_ok=True)
        defaults = {"edition.yaml": MINIMAL_CONFIG, "notes/people.yaml": MINIMAL_PEOPLE}
        for path, text in {**defaults, **files}.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return root

    return make


def parse_page(path: Path) -> lxml.html.HtmlElement:
    """An HTML page of a built site, parsed."""
    return lxml.html.fromstring(path.read_bytes())
