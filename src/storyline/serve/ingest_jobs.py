"""Web ingests run apart from the threads that answer reads, in a bounded queue.

Analysis is CPU work that holds the GIL: run on the server's own threads, a burst of ingests
made every read wait (60 concurrent POST /api/ingest: GET /api/stats took 34.5 s). Here each
page is extracted and analysed in a worker process (`Settings.ingest_workers`, default 1, each
loading the spaCy pipeline once), while a runner thread per worker reads the page (a fetch
waits on the network, not on the GIL) and stores the result through the pipeline's sink. The
queue holds at most `Settings.ingest_queue` pages; a request that would overflow it is refused
(QueueFull, with an estimate of when to retry), so a burst costs neither memory nor the
readers' time. Finished jobs are kept (the newest MAX_KEPT) so a polling page can still read them.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import partial

from storyline.config import Settings
from storyline.errors import one_line
from storyline.model import AnalysedArticle, Failure, Page, Stage
from storyline.pipeline import analyse_page, ingest_item
from storyline.report import Report
from storyline.store import SaveResult

MAX_KEPT = 100
FIRST_GUESS_S = 5.0  # seconds per page, until pages have been timed
MAX_RETRY_AFTER_S = 600
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


def titled(outcome: Outcome, store) -> Outcome:
    """The outcome with its article's title, which says more than `pasted:bbdad329…`."""
    return replace(outcome, title=store.article_title(outcome.article_id)) if outcome.article_id else outcome


Step = tuple[str, Callable[[], Page | Failure]]  # a page's source and the call that reads it (fetch, bytes)


class QueueFull(Exception):
    """The queue cannot take a request's pages now; try again in `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"the ingest queue is full; try again in {retry_after} s")
        self.retry_after = retry_after


@dataclass
class IngestJob:
    id: str
    sources: list[str]  # what was submitted, in order
    outcomes: list[Outcome] = field(default_factory=list)  # one per finished source, same order
    finished: Future | None = None  # done once every source has its outcome

    def progress(self) -> tuple[list[Outcome], list[str]]:
        """The outcomes so far and the sources still waiting, read once so they always add up."""
        finished = list(self.outcomes)
        return finished, self.sources[len(finished):]

    async def outcomes_when_done(self) -> list[Outcome]:
        """Wait for every outcome without holding a thread."""
        await asyncio.wrap_future(self.finished)
        return self.outcomes


class IngestJobs:
    """The ingest jobs of this server process: queue them, run them, look them up by id.

    The runner threads and worker processes start with the first job, sized by its settings."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()
        self._runners: ThreadPoolExecutor | None = None
        self._analysers: ProcessPoolExecutor | None = None
        self._workers = 1
        self.queued = 0  # pages submitted and not yet finished, over every job
        self._seconds_per_page = FIRST_GUESS_S

    def start(self, steps: list[Step], store, settings: Settings) -> IngestJob:
        """Queue the steps and return at once; QueueFull when the queue cannot take them all."""
        with self._lock:
            if self.queued + len(steps) > settings.ingest_queue:
                raise QueueFull(self._retry_after())
            if self._runners is None:
                self._workers = settings.ingest_workers
                self._runners = ThreadPoolExecutor(self._workers, thread_name_prefix="storyline-ingest")
                self._analysers = _worker_processes(self._workers)
            self.queued += len(steps)
            job = IngestJob(uuid.uuid4().hex, [source for source, _ in steps])
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_KEPT:
                self._jobs.popitem(last=False)
        job.finished = self._runners.submit(self._run, job, steps, store, settings)
        return job

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _retry_after(self) -> int:
        """Seconds until the pages queued now are likely done, from how long pages have taken."""
        seconds = self.queued * self._seconds_per_page / self._workers
        return min(max(math.ceil(seconds), 1), MAX_RETRY_AFTER_S)

    def _run(self, job: IngestJob, steps: list[Step], store, settings: Settings) -> None:
        for source, read in steps:
            began = time.monotonic()
            job.outcomes.append(self._ingest(source, read, store, settings))  # append is atomic: readers see a prefix
            with self._lock:
                self.queued -= 1
                self._seconds_per_page += (time.monotonic() - began - self._seconds_per_page) / 5

    def _ingest(self, source: str, read: Callable[[], Page | Failure], store, settings: Settings) -> Outcome:
        try:
            saved = ingest_item(read(), partial(self._analyse, settings=settings), store, Report())
            return titled(outcome_of(source, saved), store)
        except Exception as exc:  # one page's bug must not stop the others or leave a page polling forever
            return failed(source, Stage.INGEST, f"unexpected error: {one_line(exc)}")

    def _analyse(self, page: Page, settings: Settings) -> AnalysedArticle | Failure:
        """In a worker process. A worker that dies (killed, out of memory) is replaced and the
        page tried once more on the new one, since it may have died before the page reached it;
        a page that two workers die on fails alone."""
        for _ in range(2):
            analysers = self._analysers
            try:
                return analysers.submit(analyse_page, page, settings).result()
            except BrokenProcessPool:
                self._replace(analysers)
        return Failure(page.source, Stage.ANALYZE, "the analysis worker stopped while reading this page "
                                                   "(out of memory?); the next pages get a new one")

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._analysers is broken:  # not yet replaced by another runner
                broken.shutdown(wait=False, cancel_futures=True)
                self._analysers = _worker_processes(self._workers)


def _worker_processes(workers: int) -> ProcessPoolExecutor:
    """Started fresh (spawn), not forked from a server that runs threads."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
