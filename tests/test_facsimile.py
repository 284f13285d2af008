"""Facsimiles, page breaks and the writer's corrections (issue 23): what the page, the TEI,
the static IIIF files and the diagnostics hold, and that incremental builds equal clean
ones as images come and go."""

from __future__ import annotations

import json
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from iiif_prezi3 import Manifest
from lxml import etree
from PIL import Image

from conftest import letter_source, parse_page
from epistola.cli import main
from epistola.core.diagnostics import Report
from epistola.core.records import FacsimileImage, SourceFile
from epistola.core.registers import build_alias_index
from epistola.facsimile.tiles import DONE
from epistola.parse.letter import parse_letter
from facsimiles import BODY, INK, PAPER, draw_page, facsimile_edition
from test_incremental import edit, tree

TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = facsimile_edition(tmp_path_factory.mktemp("facsimile") / "edition")
    assert main(["build", "--quiet", "--root", str(root)]) == 0
    return root / "site"


def test_the_page_shows_corrections_page_breaks_and_thumbnails(built: Path) -> None:
    page = parse_page(built / "letters" / "1.html")
    text = page.xpath("//div[@class='letter-text']")[0]
    assert text.xpath(".//del[@class='correction']/text()") == ["old"]
    assert text.xpath(".//ins[@class='correction added-above']/text()") == ["new"]
    assert text.xpath(".//ins[@class='correction added-margin']/text()") == [
        "written in the margin"
    ]
    assert text.xpath(".//span[@class='underline']/text()") == ["settled"]
    assert text.xpath(".//span[@class='unclear']/text()") == ["ferry"]
    breaks = text.xpath(".//a[@class='pb']")
    assert [(a.get("id"), a.get("href")) for a in breaks] == [
        ("page-1", "#facsimile-1"),
        ("page-2", "#facsimile-2"),
        ("page-3", "#facsimile-3"),
    ]
    # The switch is a checkbox before the text, so it works without a script.
    switch = page.xpath("//input[@id='show-corrections']")[0]
    assert switch.getnext().tag == "label" and switch.getnext().getnext() is text
    thumbnails = page.xpath("//ol[@class='facsimile-pages']/li/a/img")
    assert [img.get("alt") for img in thumbnails] == [f"Letter 1, page {n} of 3" for n in (1, 2, 3)]
    for img in thumbnails:
        assert (built / "letters" / img.get("src")).is_file()
        assert (built / "letters" / img.getparent().get("href")).is_file()
    plain = parse_page(built / "letters" / "2.html")
    assert not plain.xpath("//*[@class='facsimile'] | //input | //script[contains(@src, 'osd')]")


def test_search_and_reading_text_leave_out_what_was_struck_out() -> None:
    source = SourceFile("letters/001.md", letter_source(1, BODY))
    letter = parse_letter(source, None, aliases=build_alias_index({}), report=Report())
    second = letter.paragraphs[1].text
    assert "old" not in second and "new plan is settled" in second and "ferry" in second


def test_tei_has_pb_del_add_and_facsimile_and_is_valid(built: Path, tei_all: etree.RelaxNG) -> None:
    document = etree.parse(str(built / "tei" / "1.xml"))
    assert tei_all.validate(document), tei_all.error_log
    assert [pb.get("n") for pb in document.iter(f"{TEI}pb")] == ["1", "2", "3"]
    assert [pb.get("facs") for pb in document.iter(f"{TEI}pb")] == [
        "#facs-1",
        "#facs-2",
        "#facs-3",
    ]
    surfaces = document.findall(f"{TEI}facsimile/{TEI}surface")
    assert [s.get("{http://www.w3.org/XML/1998/namespace}id") for s in surfaces] == [
        "facs-1",
        "facs-2",
        "facs-3",
    ]
    assert [d.text for d in document.iter(f"{TEI}del")] == ["old"]
    assert [(a.get("place"), a.text) for a in document.iter(f"{TEI}add")] == [
        ("above", "new"),
        ("margin", "written in the margin"),
    ]
    assert [h.text for h in document.iter(f"{TEI}hi") if h.get("rend") == "underline"] == [
        "settled"
    ]
    assert [u.text for u in document.iter(f"{TEI}unclear")] == ["ferry"]


INFO_REQUIRED = {"@context", "id", "type", "protocol", "profile", "width", "height"}


def _infos(site: Path) -> list[Path]:
    return sorted(site.glob("iiif/*/info.json"))


def test_every_info_json_is_image_api_3_level_0_and_names_only_tiles_that_exist(
    built: Path,
) -> None:
    infos = _infos(built)
    assert len(infos) == 3
    for path in infos:
        info = json.loads(path.read_text(encoding="utf-8"))
        assert info.keys() >= INFO_REQUIRED
        assert info["@context"] == "http://iiif.io/api/image/3/context.json"
        assert info["type"] == "ImageService3" and info["profile"] == "level0"
        assert info["protocol"] == "http://iiif.io/api/image"
        assert info["id"] == f"https://example.org/test/iiif/{path.parent.name}"
        for size in info["sizes"]:
            assert (path.parent / f"full/{size['width']},{size['height']}/0/default.jpg").is_file()
        for url in _tile_urls(info):
            assert (path.parent / url).is_file(), url


def _tile_urls(info: dict[str, object]) -> list[str]:
    """Every tile a level-0 client may ask for, as the Image API's tiling rules name it."""
    width, height = int(info["width"]), int(info["height"])  # type: ignore[call-overload]
    urls = []
    for tiles in info["tiles"]:  # type: ignore[attr-defined]
        size = tiles["width"]
        for factor in tiles["scaleFactors"]:
            region_size = size * factor
            for y in range(0, height, region_size):
                for x in range(0, width, region_size):
                    w, h = min(region_size, width - x), min(region_size, height - y)
                    tile_w, tile_h = -(-w // factor), -(-h // factor)
                    region = "full" if (w, h) == (width, height) else f"{x},{y},{w},{h}"
                    urls.append(f"{region}/{tile_w},{tile_h}/0/default.jpg")
    return urls


def test_tiles_show_the_page_they_were_cut_from(built: Path) -> None:
    manifest = json.loads((built / "iiif" / "1" / "manifest.json").read_text(encoding="utf-8"))
    second = manifest["items"][1]["items"][0]["items"][0]["body"]["service"][0]["id"]
    folder = built / "iiif" / second.rsplit("/", 1)[1]
    with Image.open(folder / "0,0,512,512" / "512,512" / "0" / "default.jpg") as tile:
        rgb = tile.convert("RGB")
        # Page 2's block is 80 pixels wide from x=40: ink inside, paper just after it.
        assert _near(rgb.getpixel((100, 70)), INK)
        assert _near(rgb.getpixel((140, 70)), PAPER)


def _near(pixel: object, colour: tuple[int, int, int]) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) < 30 for a, b in zip(pixel, colour, strict=True))


def test_every_manifest_is_presentation_3_with_canvases_and_ranges(built: Path) -> None:
    data = json.loads((built / "iiif" / "1" / "manifest.json").read_text(encoding="utf-8"))
    Manifest(**data)  # the IIIF community's models check types and required properties
    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert data["type"] == "Manifest" and data["label"] == {"en": ["Letter 1"]}
    assert [(c["width"], c["height"]) for c in data["items"]] == [(900, 1300)] * 3
    for canvas in data["items"]:
        annotation = canvas["items"][0]["items"][0]
        assert annotation["motivation"] == "painting" and annotation["target"] == canvas["id"]
        local = annotation["body"]["id"].removeprefix("https://example.org/test/")
        assert (built / local).is_file()
    ranges = data["structures"]
    assert [r["label"]["en"][0] for r in ranges] == ["Page 1", "Page 2", "Page 3"]
    assert [r["items"][0]["id"] for r in ranges] == [c["id"] for c in data["items"]]


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` × `height` pixels and whose data is tiny."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    data = zlib.compress(b"\0" * 64)
    idat = b"IDAT" + data
    idat_chunk = struct.pack(">I", len(data)) + idat + struct.pack(">I", zlib.crc32(idat))
    end = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat_chunk + end


def test_bad_images_are_reported_where_they_are_and_the_rest_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "{pb 01.jpg}One.\n\n{pb ../../outside.jpg}Two.\n\n{pb 09.jpg}Three.\n\n{pb}Four.\n"
    root = facsimile_edition(tmp_path / "edition", pages=1, body=body)
    folder = root / "facsimiles" / "001"
    (folder / "02.jpg").write_text("not an image at all\n", encoding="utf-8")
    whole = draw_page(tmp_path / "whole.jpg", 3).read_bytes()
    (folder / "03.jpg").write_bytes(whole[: len(whole) // 2])
    (folder / "04.png").write_bytes(_png_header(100_000, 100_000))
    (folder / "05.txt").write_text("a note\n", encoding="utf-8")
    (root / "facsimiles" / "077").mkdir()
    assert main(["build", "--root", str(root)]) == 0
    shown = capsys.readouterr()
    lines = (shown.out + shown.err).splitlines()
    expected = [
        "facsimiles/001/02.jpg:1:1: warning: not a JPEG, PNG or TIFF image",
        "facsimiles/001/03.jpg:1:1: warning: the image cannot be read to its end",
        "facsimiles/001/04.png:1:1: warning: the image claims 100000 × 100000 pixels",
        "facsimiles/001/05.txt:1:1: warning: not named as a JPEG, PNG or TIFF file",
        "facsimiles/077:1:1: warning: 'facsimiles/077/' is named for no letter",
        "letters/001.md:9:1: warning: '../../outside.jpg' is not the name of a file",
        "letters/001.md:11:1: warning: page break names the image '09.jpg'",
        "letters/001.md:13:1: warning: page 4 has no image",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)
    site = root / "site"
    assert len(_infos(site)) == 1
    assert not (tmp_path / "outside.jpg").exists()
    html = parse_page(site / "letters" / "1.html")
    assert len(html.xpath("//ol[@class='facsimile-pages']/li")) == 1


def _build(root: Path) -> None:
    assert main(["build", "--quiet", "--root", str(root)]) == 0


def _later(path: Path) -> None:
    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))


def _add(root: Path) -> None:
    _later(draw_page(root / "facsimiles" / "001" / "04.jpg", 4))


def _replace(root: Path) -> None:
    _later(draw_page(root / "facsimiles" / "001" / "02.jpg", 5))


def _remove(root: Path) -> None:
    (root / "facsimiles" / "001" / "03.jpg").unlink()


def _rename(root: Path) -> None:
    folder = root / "facsimiles" / "001"
    (folder / "01.jpg").rename(folder / "00.jpg")


def _mark(root: Path) -> None:
    edit(root / "letters" / "001.md", lambda t: t.replace("Alice", "{--Yours,--} Alice"))


def _all_gone(root: Path) -> None:
    shutil.rmtree(root / "facsimiles" / "001")


@pytest.mark.parametrize(
    "change",
    [_add, _replace, _remove, _rename, _mark, _all_gone],
    ids=["image added", "image replaced", "image removed", "image renamed", "mark", "all gone"],
)
def test_incremental_build_equals_a_clean_one(tmp_path: Path, change: object) -> None:
    root = facsimile_edition(tmp_path / "edition", pages=3)
    _build(root)
    assert callable(change)
    change(root)
    _build(root)
    after = tree(root / "site")
    clean = clean_build_with_images(root, tmp_path / "clean")
    assert after.keys() == clean.keys()
    assert [p for p in after if after[p] != clean[p]] == []


def clean_build_with_images(root: Path, elsewhere: Path) -> dict[str, bytes]:
    """A build from nothing (no store, no kept tiles) of the sources and images of `root`."""
    shutil.rmtree(elsewhere, ignore_errors=True)
    shutil.copytree(root, elsewhere, ignore=shutil.ignore_patterns("site", ".epistola-cache"))
    _build(elsewhere)
    return tree(elsewhere / "site")


def test_an_edit_of_the_text_tiles_nothing(tmp_path: Path) -> None:
    root = facsimile_edition(tmp_path / "edition", pages=2)
    _build(root)
    cache = root / ".epistola-cache" / "facsimiles"

    def tiled() -> dict[str, int]:
        """Each tiled image's folder and when its tiling ended."""
        return {p.parent.name: p.stat().st_mtime_ns for p in cache.glob(f"*/{DONE}")}

    before = tiled()
    assert len(before) == 2
    _mark(root)
    _build(root)
    assert tiled() == before
    # The same content under a new name is not tiled again either.
    _rename(root)
    _build(root)
    assert tiled() == before


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["{pb}", "{pb 01.jpg}", "{--x--}", "{++y++}", "{above}", "{==z==}", "{??w??}", "{", "}"]
            + ["--", "++", "??", "==", " ", "\n", "\n\n", "word", "[^1]", "[a]", "*"]
        ),
        max_size=30,
    )
)
def test_any_text_with_marks_parses_to_well_formed_html_and_tei(pieces: list[str]) -> None:
    text = "".join(pieces)
    source = SourceFile("letters/001.md", letter_source(1, text or "x"))
    image = FacsimileImage("01.jpg", "0" * 32, 10, 10)
    letter = parse_letter(
        source, None, aliases=build_alias_index({}), report=Report(), images=(image,)
    )
    breaks = letter.facsimile.breaks if letter.facsimile else ()
    pages = [page for page, _, _ in breaks]
    assert pages == sorted(set(pages))
    assert letter.body_html.count('class="pb"') == len(breaks)
    # Marks nest properly or stay text: both forms are well-formed.
    etree.fromstring(f"<body xmlns='{TEI[1:-1]}'>{letter.body_tei}</body>")
    etree.fromstring(f"<div>{letter.body_html}</div>")


def test_the_example_of_the_format_doc_builds(tmp_path: Path) -> None:
    doc = (Path(__file__).parents[1] / "docs" / "format.md").read_text(encoding="utf-8")
    part = doc.split("### The document:", 1)[1].split("\n#", 1)[0]
    example = part.split("```markdown\n", 1)[1].split("```", 1)[0]
    root = facsimile_edition(tmp_path / "edition", pages=0, body=example)
    for page, name in enumerate(["1r.jpg", "1v.jpg"], 1):
        draw_page(root / "facsimiles" / "001" / name, page)
    assert main(["build", "--quiet", "--strict", "--root", str(root)]) == 0
    page = parse_page(root / "site" / "letters" / "1.html")
    marks = page.xpath("//a[@class='pb']")
    assert [(a.get("id"), a.get("href")) for a in marks] == [
        ("page-1", "#facsimile-1"),
        ("page-2", "#facsimile-2"),
    ]
    assert page.xpath("//del[@class='correction']/text()") == ["old"]
    assert page.xpath("//ins[@class='correction added-margin']/text()") == ["for us"]


def test_an_image_removed_between_builds_is_reported_at_the_break_that_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "{pb 01.jpg}One.\n\n{pb 02.jpg}Two.\n"
    root = facsimile_edition(tmp_path / "edition", pages=2, body=body)
    _build(root)
    capsys.readouterr()
    (root / "facsimiles" / "001" / "02.jpg").unlink()
    assert main(["build", "--root", str(root)]) == 0
    shown = capsys.readouterr()
    assert "letters/001.md:9:1: warning: page break names the image '02.jpg'" in shown.err
    html = parse_page(root / "site" / "letters" / "1.html")
    assert html.xpath("//span[@class='pb']/@id") == ["page-2"]  # a break with no image
    assert len(_infos(root / "site")) == 1


def test_an_outside_iiif_manifest_is_linked_from_the_page_and_the_tei(
    make_edition: object, tei_all: etree.RelaxNG
) -> None:
    address = "https://images.example.org/iiif/7/manifest.json"
    assert callable(make_edition)
    root = make_edition(
        {"letters/007.md": letter_source(7, "{pb}Dear Bob,\n", facsimile=address)}
    )
    _build(root)
    html = parse_page(root / "site" / "letters" / "7.html")
    assert html.xpath("//a[@class='facsimile-outside']/@href") == [address]
    assert not html.xpath("//script[contains(@src, 'openseadragon')]")
    document = etree.parse(str(root / "site" / "tei" / "7.xml"))
    assert tei_all.validate(document), tei_all.error_log
    assert [g.get("url") for g in document.iter(f"{TEI}graphic")] == [address]
    assert [pb.get("n") for pb in document.iter(f"{TEI}pb")] == ["1"]
