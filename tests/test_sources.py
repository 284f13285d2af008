"""Reading source files: characters no page or export can hold are reported and replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import MakeEdition, letter_source, parse_page
from epistola.cli import main


def test_a_control_character_is_reported_and_kept_out_of_every_page(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_edition(
        {
            "letters/001.md": letter_source(1, "Dear Bob,\n\nA bell\x07 rang\x08 twice.\n"),
        }
    )
    assert main(["build", "--root", str(root)]) == 0
    err = capsys.readouterr().err
    assert (
        "letters/001.md:9:7: warning: control character U+0007 (and 1 more in this file)"
        " cannot be published; it is shown as \ufffd — delete it [source.control-character]"
    ) in err
    assert main(["build", "--root", str(root), "--strict"]) == 1
    site = root / "site"
    text = parse_page(site / "letters" / "1.html").xpath("string(//p[@id='p2'])")
    assert text == "A bell\ufffd rang\ufffd twice."
    tei = etree.parse(str(site / "tei" / "1.xml"))
    assert "\ufffd" in "".join(tei.getroot().itertext())
    for page in site.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".xml", ".json", ".js"):
            data = page.read_bytes()
            assert b"\x07" not in data and b"\x08" not in data, page


def test_crlf_and_a_byte_order_mark_are_accepted_silently(
    make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]
) -> None:
    text = letter_source(1, "Dear Bob,\n\nAll well.\n").replace("\n", "\r\n")
    root = make_edition({"letters/001.md": "\ufeff" + text})
    assert main(["build", "--root", str(root), "--strict"]) == 0
    assert "warning" not in capsys.readouterr().err
    page = parse_page(Path(root, "site", "letters", "1.html"))
    assert page.xpath("string(//p[@id='p2'])") == "All well."
