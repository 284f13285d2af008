"""The site checker: the sample site's links all resolve; a broken site's are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MakeEdition, broken_links, letter_source
from epistola.cli import main

BROKEN_PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title>
<link rel="stylesheet" href="../static/missing.css">
</head><body>
<p><a href="31.html#note-1">fine</a> <a href="31.html#note-9">no such note</a></p>
<p><a href="#p1">no such paragraph here</a> <a href="#">top</a></p>
<p><a href="../people/nobody.html">nobody</a> <a href="/index.html">absolute</a></p>
<p><a href="../../outside.html">outside</a> <a href="https://example.org/x">external</a>
<a href="mailto:editor@example.org">mail</a> <a href="../index.html">home</a></p>
<p><a href="../people/">people folder</a> <img src="../static/style.css#x" alt=""></p>
</body></html>
"""


def test_every_link_of_the_sample_site_resolves(sample_site: Path) -> None:
    assert broken_links(sample_site) == []


@pytest.fixture
def small_site(make_edition: MakeEdition) -> Path:
    root = make_edition(
        {
            "letters/031.md": letter_source(31, "Dear Bob,[^1] see letter 32.\n"),
            "notes/031.md": "1. A note.\n",
            "letters/032.md": letter_source(32, "Dear Alice.\n"),
        }
    )
    assert main(["build", "--root", str(root)]) == 0
    return root


def test_a_broken_site_fails_with_one_line_per_broken_link(
    small_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (small_site / "site" / "letters" / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    expected = [
        "site/letters/broken.html:3:30: error: link to ../static/missing.css does not resolve"
        " [site.broken-link]",
        "site/letters/broken.html:5:47: error: link to 31.html#note-9 does not resolve"
        " [site.broken-link]",
        "site/letters/broken.html:6:13: error: link to #p1 does not resolve [site.broken-link]",
        "site/letters/broken.html:7:13: error: link to ../people/nobody.html does not resolve"
        " [site.broken-link]",
        "site/letters/broken.html:7:56: error: link to /index.html starts at the server root;"
        " make it relative [site.absolute-link]",
        "site/letters/broken.html:8:13: error: link to ../../outside.html does not resolve"
        " [site.broken-link]",
    ]
    lines = broken_links(small_site / "site")
    assert lines == expected
    assert main(["check", "--site", "--root", str(small_site)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if line.startswith("site/")] == lines


def test_check_site_passes_on_a_good_site_and_needs_a_built_one(
    small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--site", "--root", str(small_site)]) == 0
    assert "checked " in capsys.readouterr().err
    assert main(["check", "--site", str(tmp_path / "nothing"), "--root", str(small_site)]) == 1
    assert "no built site in" in capsys.readouterr().err
