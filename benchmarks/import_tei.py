"""Time `epistola import-tei` on N synthetic TEI letters of about 10 KB, with registers.

    python benchmarks/import_tei.py [LETTERS]     (default 5,000)

The letters are written the way TEI editions commonly are: one file a letter, the facts in
`correspDesc`, names pointing by `@ref` into register files of their own, notes inline and
at the back tied to anchors, refs to earlier letters and their notes by file name. The
import runs as its own process; the figures are its wall and CPU time and its peak memory
(on a shared machine the CPU time is the steadier figure).
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_TEXT = (
    "the of and to in that it was for on with as his he be at by this had not are but from"
    " or have an they which one you were her all she there would their we him been has when"
    " who will more no if out so said what up its about into than them can only other new"
    " some could time these two may then do first any my now such like our over man me"
)
WORDS = [word for word in _TEXT.split(" ") if word]
PEOPLE, PLACES = 300, 60
HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L{n:05d}">
 <teiHeader>
  <fileDesc>
   <titleStmt><title>Letter {n}</title><title type="edition">A Synthetic TEI Edition</title>
    <editor>A. Editor</editor></titleStmt>
   <publicationStmt><publisher>Benchmarks</publisher></publicationStmt>
   <sourceDesc><bibl>Generated</bibl></sourceDesc>
  </fileDesc>
  <profileDesc>
   <correspDesc>
    <correspAction type="sent"><persName ref="persons.xml#P{sender}">Person {sender}</persName>
     <placeName ref="places.xml#G{place}">Town {place}</placeName>
     <date when="{date}">{date}</date></correspAction>
    <correspAction type="received">
     <persName ref="persons.xml#P{to}">Person {to}</persName></correspAction>
   </correspDesc>
  </profileDesc>
 </teiHeader>
 <text>
  <body>
"""


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randrange(10, 25))]
    at = rng.randrange(len(words))
    if rng.random() < 0.6:
        who = rng.randrange(1, PEOPLE + 1)
        words[at] = f'<persName ref="persons.xml#P{who}">Surname{who}</persName>'
    elif rng.random() < 0.3:
        words[at] = f'<hi rend="italic">{words[at]}</hi> <supplied>{rng.choice(WORDS)}</supplied>'
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def letter(n: int, rng: random.Random) -> str:
    """One letter of about 10 KB."""
    sender, to = rng.sample(range(1, PEOPLE + 1), 2)
    date = f"{1850 + n // 400}-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
    out = [HEADER.format(n=n, sender=sender, to=to, place=rng.randrange(1, PLACES + 1), date=date)]
    back = []
    size = len(out[0])
    paragraph = 0
    while size < 8_500:
        paragraph += 1
        text = " ".join(_sentence(rng) for _ in range(4))
        if rng.random() < 0.3:
            name = f'<persName ref="persons.xml#P{sender}">Surname{sender}</persName>'
            text += f"<note>An inline note naming {name}.</note>"
        if rng.random() < 0.3:
            text += f'<anchor xml:id="a{paragraph}"/>'
            cited = (
                f'see <ref target="L{rng.randrange(1, n):05d}.xml">that letter</ref>'
                if n > 1
                else "see above"
            )
            note = f'<note xml:id="n{paragraph}" target="#a{paragraph}">'
            back.append(f"{note}{_sentence(rng)} Also {cited}.</note>")
        out.append(f"   <p>{text}</p>\n")
        size += len(out[-1])
    out.append('  </body>\n  <back><div type="notes">\n' + "\n".join(back) + "\n  </div></back>\n")
    out.append(" </text>\n</TEI>\n")
    return "".join(out)


def registers(folder: Path) -> None:
    people = "".join(
        f'<person xml:id="P{i}"><persName><forename>Name{i}</forename>'
        f" <surname>Surname{i}</surname></persName>"
        f'<idno type="URI">http://d-nb.info/gnd/{100000 + i}</idno></person>\n'
        for i in range(1, PEOPLE + 1)
    )
    places = "".join(
        f'<place xml:id="G{i}"><placeName>Town {i}</placeName><location><geo>{40 + i % 20}.5'
        f" {i % 40}.25</geo></location>"
        f'<idno type="URI">http://www.geonames.org/{200000 + i}</idno></place>\n'
        for i in range(1, PLACES + 1)
    )
    ns = 'xmlns="http://www.tei-c.org/ns/1.0"'
    (folder / "persons.xml").write_text(f"<listPerson {ns}>\n{people}</listPerson>\n", "utf-8")
    (folder / "places.xml").write_text(f"<listPlace {ns}>\n{places}</listPlace>\n", "utf-8")


def main() -> None:
    letters = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "tei"
        folder.mkdir()
        registers(folder)
        total = 0
        for n in range(1, letters + 1):
            text = letter(n, rng)
            total += len(text.encode("utf-8"))
            (folder / f"L{n:05d}.xml").write_text(text, "utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "epistola",
                "import-tei",
                str(folder),
                "--into",
                f"{temporary}/ed",
            ],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = usage.ru_maxrss / 1024
        cpu = usage.ru_utime + usage.ru_stime
        summary = [line for line in done.stderr.splitlines() if line.startswith("imported")]
        print(f"{letters:,} TEI letters, {total / letters / 1024:.1f} KB each on average")
        print(
            f"import-tei: {seconds:.1f} s ({cpu:.1f} s of CPU), peak memory {peak:.0f} MB,"
            f" exit {done.returncode}"
        )
        print(*(summary or done.stderr.splitlines()[-5:]), sep="\n")


if __name__ == "__main__":
    main()
