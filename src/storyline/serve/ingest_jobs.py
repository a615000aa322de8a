"""Ingest requests run in the background so the ingest page can show each page's outcome as it lands.

One worker thread runs every job, one page at a time: the spaCy pipeline is never used by two
threads at once, and a burst of requests queues instead of starving the server. Finished jobs
are kept (the newest MAX_KEPT) so a polling page can still read them.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from storyline.model import Failure, Stage
from storyline.store import SaveResult

MAX_KEPT = 100
STATUS_LABELS = {"ingested": "Ingested", "unchanged": "Already stored", "new_version": "New version", "failed": "Failed"}


@dataclass(frozen=True)
class Outcome:
    """What happened to one submitted page."""

    source: str
    status: str  # "ingested", "unchanged", "new_version" or "failed"
    article_id: int | None = None
    stage: Stage | None = None
    reason: str | None = None
    title: str | None = None  # the stored article's

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def failed(source: str, stage: Stage, reason: str) -> Outcome:
    return Outcome(source, "failed", stage=stage, reason=reason)


def outcome_of(source: str, result: SaveResult | Failure) -> Outcome:
    """What the sink did with one page."""
    if isinstance(result, Failure):
        return failed(source, result.stage, result.message)
    return Outcome(source, result.outcome, article_id=result.article_id)


Step = tuple[str, Callable[[], Outcome]]  # a page's source and the call that ingests it


def run_step(source: str, ingest: Callable[[], Outcome]) -> Outcome:
    try:
        return ingest()
    except Exception as exc:  # one page's bug must not stop the others or leave a page polling forever
        return failed(source, Stage.INGEST, f"unexpected error: {type(exc).__name__}")


@dataclass
class IngestJob:
    id: str
    sources: list[str]  # what was submitted, in order
    outcomes: list[Outcome] = field(default_factory=list)  # one per finished source, same order

    def progress(self) -> tuple[list[Outcome], list[str]]:
        """The outcomes so far and the sources still waiting, read once so they always add up."""
        finished = list(self.outcomes)
        return finished, self.sources[len(finished):]


class IngestJobs:
    """The ingest jobs of this server process: start them, and look them up by id while they run."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-ingest")

    def start(self, steps: list[Step]) -> IngestJob:
        """Queue the steps and return at once, for a page that polls the job."""
        job = IngestJob(uuid.uuid4().hex, [source for source, _ in steps])
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_KEPT:
                self._jobs.popitem(last=False)
        self._worker.submit(self._run, job, steps)
        return job

    def run(self, steps: list[Step]) -> list[Outcome]:
        """Run the steps on the same worker, after the jobs before them, and wait for the outcomes."""
        job = IngestJob("", [source for source, _ in steps])
        self._worker.submit(self._run, job, steps).result()
        return job.outcomes

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    @staticmethod
    def _run(job: IngestJob, steps: list[Step]) -> None:
        for source, ingest in steps:
            job.outcomes.append(run_step(source, ingest))  # append is atomic: readers see a finished prefix
