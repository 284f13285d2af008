"""The template environment that notes what a template reads (see `core.reads`)."""

from __future__ import annotations

from typing import Any

import jinja2


class ReadingEnvironment(jinja2.Environment):
    """A Jinja environment that notes each lookup while `reads` is a set."""

    reads: set[tuple[str, str]] | None = None

    def getattr(self, obj: Any, attribute: str) -> Any:
        if self.reads is not None:
            self.reads.add((type(obj).__name__, attribute))
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if self.reads is not None and isinstance(argument, str):
            self.reads.add((type(obj).__name__, argument))
        return super().getitem(obj, argument)
