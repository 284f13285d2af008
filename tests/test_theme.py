"""The packaged theme and an edition's templates/, which overrides it file by file (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import THEME, MakeEdition, letter_source, parse_page
from epistola.cli import main
from epistola.render import theme
from test_incremental import clean_build, edit, tree

LETTERS = {
    "letters/001.md": letter_source(1, "Dear Bob,[^1] see the next letter.\n"),
    "notes/001.md": "1. A note.\n",
    "letters/002.md": letter_source(2, "Dear Alice, as Bob says.\n"),
}


def build(root: Path) -> dict[str, bytes]:
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    return tree(root / "site")


def test_an_edition_without_templates_builds_as_one_with_the_whole_theme(
    make_edition: MakeEdition, tmp_path: Path
) -> None:
    bare = make_edition(LETTERS)
    assert not (bare / "templates").exists()
    full = tmp_path / "full"
    shutil.copytree(bare, full)
    shutil.copytree(THEME, full / "templates")
    assert build(bare) == build(full)


def test_an_override_and_an_added_static_file_take_effect(make_edition: MakeEdition) -> None:
    root = make_edition(LETTERS)
    plain = build(root)
    shutil.rmtree(root / "site")
    (root / "templates" / "static").mkdir(parents=True)
    (root / "templates" / "letter.html").write_text(
        '{% extends "theme/letter.html" %}\n{% block head %}{{ super() }}'
        '<link rel="stylesheet" href="../static/extra.css">{% endblock %}\n',
        encoding="utf-8",
    )
    (root / "templates" / "static" / "extra.css").write_text(".marker { color: red }\n")
    (root / "templates" / "static" / "style.css").write_text("body { margin: 0 }\n")
    site = build(root)
    page = parse_page(root / "site" / "letters" / "1.html")
    assert page.xpath("//head/link[@rel='stylesheet']/@href") == [
        "../static/style.css",
        "../static/reading.css",
        "../static/extra.css",
    ]
    assert page.xpath("//li[@id='note-1']"), "the theme's letter page is still all there"
    assert site["static/extra.css"] == b".marker { color: red }\n"
    assert site["static/style.css"] == b"body { margin: 0 }\n"
    assert site["static/reading.css"] == plain["static/reading.css"]
    assert site["index.html"] == plain["index.html"], "pages not overridden stay as they were"


def test_base_html_of_the_edition_changes_the_pages_of_the_theme(make_edition: MakeEdition) -> None:
    root = make_edition(LETTERS)
    (root / "templates").mkdir()
    (root / "templates" / "base.html").write_text(
        (THEME / "base.html")
        .read_text(encoding="utf-8")
        .replace("</footer>", "<p>Our footer.</p>\n</footer>"),
        encoding="utf-8",
    )
    site = build(root)
    for path in ("index.html", "letters/1.html", "people/alice.html", "search/index.html"):
        assert b"<p>Our footer.</p>" in site[path], path


def test_a_change_to_the_packaged_theme_is_rebuilt(
    make_edition: MakeEdition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In an editable install the packaged theme is a working copy that changes too."""
    packaged = tmp_path / "packaged-theme"
    shutil.copytree(THEME, packaged)
    monkeypatch.setattr(theme, "theme_dir", lambda: packaged)
    root = make_edition(LETTERS)
    build(root)
    edit(packaged / "letter.html", lambda t: t.replace('_("Notes") }}</h2>', '_("Notes") }}.</h2>'))
    site = build(root)
    assert b"Notes.</h2>" in site["letters/1.html"]
    assert site == clean_build(root, tmp_path / "clean")


def test_a_template_error_names_the_edition_file(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_edition(LETTERS)
    (root / "templates").mkdir()
    (root / "templates" / "letter.html").write_text(
        '{% extends "theme/letter.html" %}\n{% block main %}{% if %}{% endblock %}\n',
        encoding="utf-8",
    )
    assert main(["build", "--root", str(root)]) == 1
    assert capsys.readouterr().err.startswith("templates/letter.html:2:1: error: template error:")
    assert not (root / "site").exists()


def test_a_template_error_in_the_packaged_theme_names_its_file(
    make_edition: MakeEdition,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    packaged = tmp_path / "packaged-theme"
    shutil.copytree(THEME, packaged)
    monkeypatch.setattr(theme, "theme_dir", lambda: packaged)
    (packaged / "person.html").write_text("{% block main %}{% endif %}\n", encoding="utf-8")
    root = make_edition(LETTERS)
    assert main(["build", "--root", str(root)]) == 1
    assert capsys.readouterr().err.startswith(f"{packaged}/person.html:1:1: error: template error:")


def test_a_static_link_out_of_the_edition_is_not_published(
    make_edition: MakeEdition, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web\n")
    root = make_edition(LETTERS)
    (root / "templates" / "static").mkdir(parents=True)
    (root / "templates" / "static" / "secret.txt").symlink_to(secret)
    assert "static/secret.txt" not in build(root)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_theme_list_names_every_file_and_what_templates_changes(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_edition({"templates/letter.html": "x", "templates/static/extra.css": "p {}"})
    code, out, err = run(capsys, "theme", "list", "--root", str(root))
    assert code == 0
    packaged = sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*") if p.is_file())
    listed = {line.split()[0]: line for line in out.splitlines()}
    assert sorted(listed) == sorted([*packaged, "static/extra.css"])
    assert listed["letter.html"].endswith("(templates/ changes it)")
    assert listed["static/extra.css"].endswith("(templates/ adds it)")
    assert listed["base.html"] == "base.html"
    assert err == f"{len(packaged) + 1} files, 2 of them from templates/\n"


def test_theme_copy_copies_a_file_once(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_edition({})
    code, _, err = run(
        capsys, "theme", "copy", "letter.html", "static/style.css", "--root", str(root)
    )
    assert code == 0, err
    for name in ("letter.html", "static/style.css"):
        assert (root / "templates" / name).read_bytes() == (THEME / name).read_bytes()
    (root / "templates" / "letter.html").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "theme", "copy", "letter.html", "--root", str(root))
    assert (code, err) == (
        1,
        "templates/letter.html:1:1: error: already exists; not overwritten"
        " (use --force to replace it)\n",
    )
    assert (root / "templates" / "letter.html").read_text(encoding="utf-8") == "mine"
    assert run(capsys, "theme", "copy", "--force", "letter.html", "--root", str(root))[0] == 0
    assert (root / "templates" / "letter.html").read_bytes() == (THEME / "letter.html").read_bytes()


def test_theme_copy_of_a_name_not_in_the_theme_copies_nothing(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_edition({})
    code, _, err = run(capsys, "theme", "copy", "base.html", "lettre.html", "--root", str(root))
    assert code == 1
    assert err == (
        "error: the theme has no file 'lettre.html' (did you mean letter.html?);"
        " 'epistola theme list' lists its files\n"
    )
    assert not (root / "templates").exists()
