"""What in a built page a browser would run: shared by the injection tests."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import lxml.html


def live_script(page: Path) -> list[str]:
    """Anything in `page` that a browser would run: inline or foreign scripts, event
    handler attributes, script URLs, embedded objects."""
    tree = lxml.html.fromstring(page.read_bytes())
    found = [
        f"<script> without a file of ours: {lxml.html.tostring(s)[:80]!r}"
        for s in tree.xpath("//script")
        if not s.get("src") or urlsplit(s.get("src")).scheme or (s.text or "").strip()
    ]
    found += [
        f"{a.getparent().tag} {a.attrname}={a!s:.60}"
        for a in tree.xpath("//@*[starts-with(translate(name(), 'ON', 'on'), 'on')]")
    ]
    found += [
        f"{a.getparent().tag} {a.attrname}={a!s:.60}"
        for a in tree.xpath("//@href | //@src | //@action | //@formaction | //@data")
        if urlsplit(a.strip()).scheme.lower() in ("javascript", "vbscript", "data")
    ]
    found += [e.tag for e in tree.xpath("//iframe | //object | //embed | //base")]
    # Our own search form stays on the site; a form that posts elsewhere does not.
    found += [
        f"form action={form.get('action')}"
        for form in tree.xpath("//form[@action]")
        if urlsplit(form.get("action")).scheme or urlsplit(form.get("action")).netloc
    ]
    return found
