"""One mechanism by which a page is made: a keyed step, kept when what it read is unchanged.

A step is a file of the site (its path is its key) made by one template from a context of
plain records. The first time, it is rendered while the environment notes what the
template read (`render.reads`); the page's fingerprint is the common fingerprint (code,
theme, registers, settings) with its context reduced to those reads. Next build the step
is planned again, its context made again, and reduced by the reads noted last time: an
equal fingerprint means an equal page, so it is neither rendered nor written (early
cutoff). A template changed to read something new changes the common fingerprint, every
step is rendered, and the new reads are noted: no list of what a page shows is kept by
hand anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from epistola.core.reads import Reads, Shown
from epistola.core.records import Page
from epistola.render.pages import render_page
from epistola.render.reads import ReadingEnvironment
from epistola.state.fingerprint import digest

FROM_LETTERS = frozenset({"letters", "by_number", "ref_targets", "cited_by", "referrers"})
"""What the edition holds that comes from its letters; the rest (its registers) is in the
common fingerprint."""


@dataclass(frozen=True, slots=True)
class Step:
    """One output: the file at `path`, made by `template` from `context`."""

    path: str
    kind: str
    """Its family (`letter-list`, `chronology`, …): what the build records it under."""
    template: str
    context: Mapping[str, Any]
    """What the template is given besides what every page is given."""
    made_from: object = None
    """For a page whose context is costly to make: the plain values it is computed from,
    fingerprinted instead of the context, which is then made (`make`) only if they changed."""
    make: Callable[[], Mapping[str, Any]] | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a step: its page if it was rendered, else None (kept as it was)."""

    path: str
    kind: str
    fingerprint: str
    page: Page | None
    reads: Reads


@dataclass
class StepRunner:
    """Runs steps against what the last build made from them."""

    env: ReadingEnvironment
    common: dict[str, Any]
    """What every template is given."""
    common_print: str
    """The fingerprint of what every page is made with."""
    previous: Callable[[str], str | None]
    """The fingerprint of the last build's file at a path, if any."""
    reads_before: Mapping[str, Reads]
    """What each step's template read when it was last rendered."""
    full: bool
    shown: Shown = field(default_factory=Shown)

    def run(self, steps: Iterable[Step]) -> Iterator[Outcome]:
        for step in steps:
            reads = self.reads_before.get(step.path)
            if reads is not None and not self.full:
                fingerprint = self.fingerprint(step, reads)
                if self.previous(step.path) == fingerprint:
                    yield Outcome(step.path, step.kind, fingerprint, None, reads)
                    continue
            yield self.render(step)

    def render(self, step: Step) -> Outcome:
        context = step.make() if step.make is not None else step.context
        self.env.reads = set()
        try:
            page = render_page(self.env, step.template, step.path, self.common, **context)
            reads = frozenset(self.env.reads)
        finally:
            self.env.reads = None
        return Outcome(step.path, step.kind, self.fingerprint(step, reads), page, reads)

    def fingerprint(self, step: Step, reads: Reads) -> str:
        """The common fingerprint, the template, and what the step's template read of its
        context and of the edition."""
        if step.make is not None:
            shown: object = step.made_from
        else:
            shown = self.shown.of(step.context, reads)
        read = sorted({name for kind, name in reads if kind == "Edition"} & FROM_LETTERS)
        edition = self.shown.of(
            {name: getattr(self.common["edition"], name) for name in read}, reads
        )
        return digest(self.common_print, step.template, shown, sorted(reads), edition)
