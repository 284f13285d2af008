"""The build date comes from SOURCE_DATE_EPOCH or the edition, never from the clock."""

from __future__ import annotations

import datetime

import pytest

from epistola.clock import build_date
from epistola.diagnostics import EpistolaError


def test_source_date_epoch_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date("2026-01-01") == datetime.date(2023, 11, 14)


def test_without_it_the_release_date_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date("2026-01-01") == datetime.date(2026, 1, 1)
    assert build_date("") is None
    assert build_date("soon") is None


def test_a_malformed_epoch_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(EpistolaError, match="SOURCE_DATE_EPOCH must be whole seconds"):
        build_date()
