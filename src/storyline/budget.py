"""A time budget per page: one hostile page must never stall a run.

Signals cannot interrupt a page in a worker thread (the web app) or stop C code, so the budget
is cooperative: `page_budget` sets a deadline for the current thread or task, and the stages
call `check_budget` between steps (extraction and analysis, each chunk, each sentence).
Each step is bounded on its own (see `analyze.chunks`), so a page stops soon after its budget.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from storyline.model import Stage

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("page_deadline", default=None)


class PageTimedOut(Exception):
    """The page used up its time budget; `stage` says where it was cut."""

    def __init__(self, seconds: float, stage: Stage):
        super().__init__(f"cut after the page time budget of {seconds:g} s ran out (in {stage.value}); "
                         f"raise it with --page-timeout or STORYLINE_PAGE_TIMEOUT")
        self.stage = stage


@contextmanager
def page_budget(seconds: float | None) -> Iterator[None]:
    """Give the code inside `seconds` of wall time; None or 0 means no budget."""
    token = _deadline.set((time.monotonic() + seconds, seconds) if seconds else None)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_budget(stage: Stage) -> None:
    """Raise PageTimedOut once the current page's budget has run out."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise PageTimedOut(deadline[1], stage)
