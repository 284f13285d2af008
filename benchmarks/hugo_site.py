"""The same synthetic edition as a Hugo site, for comparing epistola with Hugo.

    python benchmarks/hugo_site.py EDITION_DIR OUT_DIR

Written from an epistola edition (`generate.py`), not made up independently: each
letters/NNN.md becomes content/letters/N.md with the title "Letter N", the letter's date
and its text, followed by its notes (notes/NNN.md, a numbered list `N. text`) as Markdown
footnotes `[^N]: text`, which the letter's markers `[^N]` point to. The theme is three
small layouts: a page with title, date and content (footnotes included), and paginated
lists. The output is the same for the same edition.
"""

from __future__ import annotations

import argparse
import re
import urllib.parse
from pathlib import Path

BASE_URL = "https://example.org/synthetic/"
CONFIG = f"""\
baseURL = "{BASE_URL}"
title = "A Synthetic Correspondence"
languageCode = "en"
disableKinds = ["taxonomy", "term"]
buildFuture = true
paginate = 100
"""
LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body>
</html>
""",
    "single.html": """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ .Content }}
</article>{{ end }}
""",
    "list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate .Pages).Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>, {{ .Date.Format "2006-01-02" }}</li>{{ end }}
</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
""",
}
NUMBER = re.compile(r"(?m)^number: *(\d+) *$")
DATE = re.compile(r"(?m)^date: *(\S+) *$")
NOTE_ITEM = re.compile(r"(?m)^(\d+)\. ")


def hugo_page_path(number: int) -> str:
    """The URL path of letter `number`'s page, as `hugo server` serves it."""
    return f"{urllib.parse.urlsplit(BASE_URL).path}letters/{number}/"


def letter_stem(number: int) -> str:
    """The stem of letter `number`'s files in letters/ and notes/."""
    return f"{number:03d}"


def hugo_page(letter: str, notes: str | None) -> str:
    """The Hugo content file of one letter, from its source and its notes file."""
    _, front, body = letter.split("---\n", 2)
    number, date = NUMBER.search(front), DATE.search(front)
    if number is None or date is None:
        raise ValueError("a letter without number or date")
    page = f'---\ntitle: "Letter {int(number[1])}"\ndate: {date[1]}\n---\n{body}'
    if notes:
        page += "\n" + NOTE_ITEM.sub(r"[^\1]: ", notes)
    return page


def sync_letter(edition: Path, site: Path, number: int) -> Path:
    """Write letter `number` into the Hugo `site` as it is in `edition`, or remove it there."""
    stem = letter_stem(number)
    letter, notes = edition / "letters" / f"{stem}.md", edition / "notes" / f"{stem}.md"
    page = site / "content" / "letters" / f"{number}.md"
    if not letter.exists():
        page.unlink(missing_ok=True)
        return page
    note_text = notes.read_text(encoding="utf-8") if notes.exists() else None
    page.write_text(hugo_page(letter.read_text(encoding="utf-8"), note_text), encoding="utf-8")
    return page


def write_hugo_site(edition: Path, site: Path) -> Path:
    """Write the Hugo site of every letter in `edition` into `site` and return it."""
    (site / "content" / "letters").mkdir(parents=True, exist_ok=True)
    (site / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (site / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    for letter in (edition / "letters").glob("*.md"):
        sync_letter(edition, site, int(letter.stem))
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    write_hugo_site(args.edition, args.out)


if __name__ == "__main__":
    main()
