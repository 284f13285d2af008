"""One rendered letter page pinned byte for byte (tests/golden/letters-33.html).

Letter 33 has everything a letter page shows: two recipients, the writer's wrong
dateline, editorial insertions, names, a ref out of the edition and a backlink.
A change to the theme or the pipeline that alters it shows up here as a diff to review
by eye; `pytest --update-golden` rewrites the file on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_golden

GOLDEN = Path(__file__).parent / "golden" / "letters-33.html"


def test_letter_33_renders_as_reviewed(sample_site: Path, request: pytest.FixtureRequest) -> None:
    built = (sample_site / "letters" / "33.html").read_text(encoding="utf-8")
    assert_golden(GOLDEN, built, request, shown_as="site/letters/33.html")
