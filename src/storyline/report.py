"""One report for every driver (ingest, follow, the web app, batch, load): what a run did.

Every page lands in one place: stored (counted by save outcome), skipped on purpose (by
reason: not HTML, HTTP 404, another language) or failed (by "stage: reason"); a post-save
step that fails is a `post_save` failure beside its stored article. Drivers add
their own tallies to `counts` (feeds fetched, shards written), so the CLI prints any run the
same way and a new driver needs no report type of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from storyline.model import Failure

MAX_LISTED_FAILURES = 1000  # failures kept whole for the user to read; all are counted


class ExitCode(IntEnum):
    """What a run's exit status tells a script or a cron job (README, "Exit codes")."""

    OK = 0  # every page stored, already stored, or passed over on purpose (HTTP 404, not HTML)
    SOME_FAILED = 1  # some pages failed (each with a reason and a failure row); the others were stored
    USAGE = 2  # the run could not start: bad arguments, an unusable store, a missing spaCy model
    NOTHING_STORED = 3  # pages failed and none was stored
    BUG = 4  # an unexpected error: STORYLINE_DEBUG=1 shows the traceback


@dataclass
class Report:
    saved: dict[str, int] = field(default_factory=dict)  # stored articles by outcome: ingested, new_version, unchanged
    skipped: dict[str, int] = field(default_factory=dict)  # pages passed over on purpose, by reason
    failed: dict[str, int] = field(default_factory=dict)  # by "stage: reason"
    failures: list[Failure] = field(default_factory=list)  # the first MAX_LISTED_FAILURES, skipped ones too
    article_ids: list[int] = field(default_factory=list)  # every stored article, in order
    counts: dict[str, int] = field(default_factory=dict)  # the driver's own: feeds, items, shards, articles …
    seconds: dict[str, float] = field(default_factory=dict)  # the driver's timings: startup, elapsed
    dashboard: str | None = None  # a batch's Dask dashboard

    @property
    def ingested(self) -> int:
        return self.saved.get("ingested", 0)

    @property
    def new_versions(self) -> int:
        return self.saved.get("new_version", 0)

    @property
    def unchanged(self) -> int:
        return self.saved.get("unchanged", 0)

    @property
    def not_stored(self) -> int:
        """Pages skipped or failed, and post-save steps that failed (their article is stored,
        and counted in `saved` too)."""
        return sum(self.skipped.values()) + sum(self.failed.values())

    @property
    def total(self) -> int:
        """Every outcome counted: stored articles, skipped and failed pages, failed post-save steps."""
        return sum(self.saved.values()) + self.not_stored

    def exit_code(self, done: int | None = None) -> ExitCode:
        """OK, SOME_FAILED or NOTHING_STORED; `done` counts the pages that became articles
        (default: the stored ones; a batch passes the articles it wrote)."""
        if not self.failed:
            return ExitCode.OK
        done = sum(self.saved.values()) if done is None else done
        return ExitCode.SOME_FAILED if done else ExitCode.NOTHING_STORED

    def add_saved(self, outcome: str, article_id: int) -> None:
        bump(self.saved, outcome)
        self.article_ids.append(article_id)

    def add_failure(self, failure: Failure) -> None:
        if failure.skipped:
            bump(self.skipped, failure.reason)
        else:
            bump(self.failed, f"{failure.stage}: {failure.reason}")
        if len(self.failures) < MAX_LISTED_FAILURES:
            self.failures.append(failure)

    def count(self, name: str, by: int = 1) -> None:
        bump(self.counts, name, by)

    def merge(self, other: Report) -> None:
        """Add another report's pages and counts to this one (a batch adds each chunk's)."""
        for mine, theirs in ((self.saved, other.saved), (self.skipped, other.skipped),
                             (self.failed, other.failed), (self.counts, other.counts)):
            for key, value in theirs.items():
                bump(mine, key, value)
        self.failures.extend(other.failures[: MAX_LISTED_FAILURES - len(self.failures)])
        self.article_ids.extend(other.article_ids)

    def per_second(self, name: str) -> float:
        """A count over the elapsed time, e.g. articles per second."""
        elapsed = self.seconds.get("elapsed", 0.0)
        return self.counts.get(name, 0) / elapsed if elapsed else 0.0

    def rows(self) -> list[tuple[str, str]]:
        """The report as (name, value) lines, for a table; empty parts are left out."""
        rows = [(name, _joined(value)) for name, value in
                (("saved", self.saved), ("skipped", self.skipped), ("failed", self.failed), ("counts", self.counts))]
        rows += [(f"{name} s", f"{value:.2f}") for name, value in self.seconds.items()]
        return [(name, value) for name, value in rows if value] + (
            [("dashboard", self.dashboard)] if self.dashboard else [])


def bump(counts: dict[str, int], key: str, by: int = 1) -> None:
    counts[key] = counts.get(key, 0) + by


def _joined(counts: dict[str, int]) -> str:
    return ", ".join(f"{key}: {value}" for key, value in counts.items())
