"""Which URLs a source may link to: nothing that runs script or smuggles in a document."""

from __future__ import annotations

import re
from urllib.parse import unquote

UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
"""Schemes refused in links and images of letters and notes."""

_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_scheme(url: str) -> str | None:
    """The scheme of `url` if it is one we refuse, else None.

    Browsers skip whitespace and control characters inside a scheme ("java\\tscript:"),
    so those are removed before looking, after undoing any percent-encoding.
    """
    cleaned = _IGNORED_BY_BROWSERS.sub("", unquote(url)).lower()
    match = _SCHEME.match(cleaned)
    if match and match[1] in UNSAFE_SCHEMES:
        return match[1]
    return None


def is_web_url(url: str) -> bool:
    """True for an absolute http: or https: address."""
    return url.strip().lower().startswith(("http://", "https://"))
