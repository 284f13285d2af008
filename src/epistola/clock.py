"""The one date a build may print (a sitemap's `lastmod`, an export's publication date).

Two builds of the same sources must give the same bytes, so the date never comes from the
clock: it is `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention), else the
edition's `released` date, else there is none and the page leaves it out.
"""

from __future__ import annotations

import datetime
import os

from epistola.diagnostics import EpistolaError


def build_date(released: str = "") -> datetime.date | None:
    """The date to print as this build's; `released` is `edition.yaml`'s `released`."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise EpistolaError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, such as 1700000000,"
                f" not '{epoch}'"
            ) from None
        return datetime.datetime.fromtimestamp(seconds, datetime.UTC).date()
    try:
        return datetime.date.fromisoformat(released[:10]) if released else None
    except ValueError:
        return None
