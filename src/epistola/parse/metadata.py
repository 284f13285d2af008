"""A letter's front matter -> its metadata, checked key by key. No I/O.

Every problem is reported at the value it concerns (or at the front matter, for a key
that is missing), and a usable value is returned anyway so the other checks go on.
"""

from __future__ import annotations

import difflib
import re
from pathlib import PurePosixPath
from typing import Any

from epistola.core.dates import DateError, parse_date
from epistola.core.diagnostics import Report
from epistola.core.records import EditorialDate, FieldLocations, Location, Metadata
from epistola.core.urls import is_web_url

LETTER_KEYS = (
    "number",
    "date",
    "date_label",
    "dated",
    "from",
    "to",
    "place",
    "language",
    "facsimile",
)
REQUIRED_KEYS = {"number": "31", "date": "1927-06-23", "from": "stalin", "to": "[molotov]"}
"""The keys every letter needs, with an example value for the message when one is missing."""
_UNKNOWN_DATE = parse_date("0001")


def read_metadata(
    path: str, data: dict[str, Any], fields: FieldLocations, report: Report, *, check: bool
) -> Metadata:
    """Check and read the front matter `data` of the letter at `path`.

    `check` is False when the front matter is missing or broken: that is reported
    already, and listing every key as missing too would only bury it.
    """
    for key in data:
        if key not in LETTER_KEYS:
            guess = difflib.get_close_matches(str(key), LETTER_KEYS, n=1)
            hint = f"; did you mean '{guess[0]}'?" if guess else ""
            report.warning(fields.of(str(key)), "meta.unknown-key", f"unknown key '{key}'{hint}")
    if check:
        for key, example in REQUIRED_KEYS.items():
            if key not in data:
                report.error(
                    fields.start or Location(path, 1, 1),
                    "meta.required",
                    f"front matter has no '{key}'; add a line such as '{key}: {example}'",
                )
    return Metadata(
        number=_read_number(path, data, fields, report),
        date=_read_date(data, fields, report),
        date_label=_optional_text(data, "date_label", fields, report),
        dated=_optional_text(data, "dated", fields, report),
        senders=_people(data.get("from"), "from", fields, report),
        recipients=_people(data.get("to"), "to", fields, report),
        place=_entry_id(data.get("place"), "place", fields, report),
        language=_language(data, fields, report),
    )


def outside_facsimile(
    data: dict[str, Any], fields: FieldLocations, report: Report
) -> str | None:
    """The address of an outside IIIF manifest or image service of the letter's images
    (`facsimile:`), if the front matter names one."""
    return _web_address(data, "facsimile", fields, report)


def _web_address(
    data: dict[str, Any], key: str, fields: FieldLocations, report: Report
) -> str | None:
    value = _optional_text(data, key, fields, report)
    if value is not None and not is_web_url(value):
        report.warning(
            fields.of(key),
            "meta.url",
            f"'{key}' must be an http: or https: address such as"
            f" https://example.org/iiif/31/manifest.json, not '{value}'",
        )
        return None
    return value


def _read_number(path: str, data: dict[str, Any], fields: FieldLocations, report: Report) -> int:
    stem = PurePosixPath(path).stem
    number = data.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        if "number" in data:
            report.error(
                fields.of("number"),
                "meta.number",
                "'number' must be a positive whole number such as 31, not"
                + (" empty" if number is None else f" '{number}'"),
            )
        return int(stem) if stem.isdigit() else 0
    if stem != f"{number:03d}" and stem.lstrip("0") != str(number):
        report.error(
            fields.of("number"),
            "meta.number-file",
            f"letter number {number} does not match the file name {PurePosixPath(path).name};"
            f" name the file {number:03d}.md or change the number",
        )
    return number


def _read_date(data: dict[str, Any], fields: FieldLocations, report: Report) -> EditorialDate:
    value = data.get("date")
    if value is None:
        return _UNKNOWN_DATE
    try:
        return parse_date(str(value))  # the YAML loader keeps dates as the editor wrote them
    except DateError as exc:
        report.error(fields.of("date"), "meta.date", str(exc))
        return _UNKNOWN_DATE


def _optional_text(
    data: dict[str, Any], key: str, fields: FieldLocations, report: Report
) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, dict | list):
        report.error(fields.of(key), "meta.type", f"'{key}' must be text, not a list or mapping")
        return None
    return str(value).strip()


_ID_OF = {
    "from": "a person id from notes/people.yaml such as molotov",
    "to": "a person id from notes/people.yaml such as molotov",
    "place": "a place id from notes/places.yaml such as moscow",
}


def _entry_id(value: Any, key: str, fields: FieldLocations, report: Report) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        shown = "a list or mapping" if isinstance(value, list | dict) else f"'{value}'"
        report.error(
            fields.of_item(key, str(value)),
            "meta.type",
            f"'{key}' must be {_ID_OF[key]}, not {shown}",
        )
        return None
    return value.strip()


def _people(value: Any, key: str, fields: FieldLocations, report: Report) -> tuple[str, ...]:
    """`from` or `to`: one person id, or a list of them."""
    items = value if isinstance(value, list) else [value] if value is not None else []
    ids = [_entry_id(item, key, fields, report) for item in items]
    return tuple(i for i in ids if i)


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _language(data: dict[str, Any], fields: FieldLocations, report: Report) -> str | None:
    """The letter's own language, a BCP 47 tag such as `fr` or `de-AT`; None if not given."""
    tag = _optional_text(data, "language", fields, report)
    if tag is not None and not _LANGUAGE_TAG.fullmatch(tag):
        report.warning(
            fields.of("language"),
            "meta.language",
            f"language '{tag}' is not a language tag such as fr, de or de-AT; it is left out",
        )
        return None
    return tag
