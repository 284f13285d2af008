"""Shared fixtures: the sample edition built once, and small editions made from dicts."""

from __future__ import annotations

import difflib
import importlib.util
import shutil
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType

import lxml.html
import pytest
from lxml import etree

from epistola.app.sitecheck import check_site
from epistola.cli import main
from epistola.core.diagnostics import Report

REPO = Path(__file__).resolve().parent.parent
SAMPLE_PARTS = ("edition.yaml", "letters", "notes", "templates")
THEME = REPO / "src" / "epistola" / "theme"
"""The packaged default theme, in the source tree."""

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
    """A copy of the repository's sample edition in `target` (its templates/ included)."""
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


SHAPES = REPO / "tests" / "editions" / "shapes"
"""A small edition of the shapes real letters have: two writers, works and events, the
apparatus, a letterhead and an envelope, inline styles."""


@pytest.fixture(scope="session")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition of `SHAPES`, built once per test session; returns the site folder."""
    root = tmp_path_factory.mktemp("shapes") / "edition"
    shutil.copytree(SHAPES, root)
    assert main(["build", "--root", str(root)]) == 0
    return root / "site"


SYNTHETIC_LETTERS = 10_000
"""The size of the synthetic edition of the scale tests."""


def benchmark_generator() -> ModuleType:
    """benchmarks/generate.py, which writes synthetic editions."""
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    return generate


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark generator's edition of 10,000 letters, built once per session."""
    root = benchmark_generator().generate_edition(
        tmp_path_factory.mktemp("synthetic"), SYNTHETIC_LETTERS, seed=0
    )
    assert main(["build", "--root", str(root)]) == 0
    return Path(root) / "site"


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
    """Write an edition from {relative path: text}; config and register default, and the
    packaged theme renders it unless the files hold templates."""

    def make(files: Mapping[str, str]) -> Path:
        return write_edition(tmp_path / "edition", files)

    return make


def write_edition(root: Path, files: Mapping[str, str]) -> Path:
    """`make_edition` for any folder, e.g. one made by a module-scoped fixture."""
    root.mkdir(exist_ok=True)
    defaults = {"edition.yaml": MINIMAL_CONFIG, "notes/people.yaml": MINIMAL_PEOPLE}
    for path, text in {**defaults, **files}.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def parse_page(path: Path) -> lxml.html.HtmlElement:
    """An HTML page of a built site, parsed."""
    return lxml.html.fromstring(path.read_bytes())


SCHEMAS = REPO / "tests" / "schemas"
"""The official TEI and CMIF schemas, kept in the repository (see its README.md)."""


def schema_file(name: str) -> Path:
    """A schema from tests/schemas; a missing one fails the test, here and in CI alike."""
    path = SCHEMAS / name
    if not path.is_file():
        pytest.fail(f"{path} is missing: the export tests need tests/schemas/{name}")
    return path


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """TEI P5 tei_all as RELAX NG, compiled once per session (it takes about 15 s)."""
    return etree.RelaxNG(file=str(schema_file("tei_all.rng")))


@pytest.fixture(scope="session")
def cmif_schema() -> etree.RelaxNG:
    """correspSearch's CMIF 1.1 RELAX NG."""
    return etree.RelaxNG(file=str(schema_file("cmi-customization.rng")))


def broken_links(site: Path) -> list[str]:
    """Every link of a built site that does not resolve, as diagnostic lines; [] is good."""
    report = Report()
    check_site(site, report, shown_as="site")
    return report.lines()


def assert_golden(
    golden: Path, actual: str, request: pytest.FixtureRequest, *, shown_as: str
) -> None:
    """`actual` must equal the reviewed file `golden`; `pytest --update-golden` rewrites it."""
    if request.config.getoption("--update-golden"):
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            str(golden.relative_to(REPO)),
            shown_as,
        )
    )
    assert not diff, f"{shown_as} differs from its golden file (--update-golden rewrites):\n{diff}"
