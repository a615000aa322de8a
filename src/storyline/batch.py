"""The same stages (extract → analyze) on Dask distributed, written to resumable Parquet shards.

The driver streams the inputs in chunks, keeps a bounded window of chunks in flight and
writes each finished chunk as one shard plus one manifest line, so memory stays flat and a
killed run continues where it stopped. Workers run the plain stage functions over plain
records; spaCy loads once per worker process (`load_nlp` caches it). Page bytes travel from
the driver to the workers, so a real cluster needs no shared file system.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import dask
from distributed import Client, LocalCluster, as_completed
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from storyline.analyze.nlp import load_nlp
from storyline.config import Settings
from storyline.errors import one_line
from storyline.ingest.sources import find_files, read_file
from storyline.ingest.warc import is_warc, iter_warc_pages
from storyline.model import AnalysedArticle, Failure, Page
from storyline.pipeline import process_page
from storyline.report import Report, bump
from storyline.shards import Manifest, write_shard
from storyline.terminal import LiteralConsole

DEFAULT_CHUNK_PAGES = 25
Item = Page | Failure
Result = AnalysedArticle | Failure


def count_results(report: Report, results: Iterable[Result]) -> None:
    """Counts pages and the articles written (analysed, or kept unanalysed: skipped by status)."""
    for result in results:
        report.count("pages")
        if isinstance(result, Failure):
            report.add_failure(result)
            continue
        report.count("articles")
        if result.status.startswith("analysed"):  # in full, or its first characters
            report.count("analysed")
        else:
            bump(report.skipped, result.status)


@dataclass
class Chunk:
    units: list[str]  # what the manifest marks done: "file:PATH" or "warc:PATH#N" (N-th chunk)
    items: list[Item]


def shard_name(units: list[str]) -> str:
    """The same units always make the same shard, so a redone chunk overwrites, never duplicates."""
    # a file name that is not UTF-8 holds lone surrogates: hash its bytes as they are on disk
    return hashlib.sha1("\n".join(units).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path | Failure]:
    """Files, folders (searched for pages and WARCs) and globs → one sorted list of files, and
    a Failure for each input that names none."""
    found: set[Path] = set()
    missing: list[Failure] = []
    for spec in map(str, inputs):
        files = find_files(spec)
        if isinstance(files, Failure):
            missing.append(files)
        else:
            found.update(files)
    return [*missing, *sorted(p.resolve() for p in found)]


def iter_chunks(paths: list[Path | Failure], done: set[str], chunk_pages: int, max_bytes: int) -> Iterator[Chunk]:
    """Stream the inputs as chunks of about `chunk_pages` items, passing over finished units.

    A WARC file is cut into chunks of `chunk_pages` response records, numbered in file
    order; plain files are packed `chunk_pages` to a chunk. Both are stable across runs
    with the same chunk size, which the manifest pins.
    """
    files = Chunk([], [])
    for path in paths:
        if isinstance(path, Path) and is_warc(path):
            yield from _warc_chunks(path, done, chunk_pages, max_bytes)
        elif f"file:{_name(path)}" not in done:
            files.units.append(f"file:{_name(path)}")
            files.items.append(path if isinstance(path, Failure) else read_file(path, max_bytes))
            if len(files.items) >= chunk_pages:
                yield files
                files = Chunk([], [])
    if files.items:
        yield files


def _name(path: Path | Failure) -> str:
    return path.source if isinstance(path, Failure) else str(path)


def _warc_chunks(path: Path, done: set[str], chunk_pages: int, max_bytes: int) -> Iterator[Chunk]:
    items: list[Item] = []
    number = 0
    for item in iter_warc_pages(path, max_bytes):
        items.append(item)
        if len(items) == chunk_pages:
            if f"warc:{path}#{number}" not in done:
                yield Chunk([f"warc:{path}#{number}"], items)
            items, number = [], number + 1
    if items and f"warc:{path}#{number}" not in done:
        yield Chunk([f"warc:{path}#{number}"], items)


def analyse_chunk(items: list[Item], model_name: str, max_bytes: int,
                  page_timeout: float | None = None) -> list[Result]:
    """Runs on a worker: every page through extract → analyze; failures pass through."""
    nlp = load_nlp(model_name)
    return [item if isinstance(item, Failure) else process_page(item, nlp, max_bytes, page_timeout)
            for item in items]


def _load_spacy(model_name: str) -> None:
    """Load the pipeline into a worker's cache; returns nothing, so nothing big travels back."""
    load_nlp(model_name)


def run_batch(inputs: Iterable[str | Path], out_dir: str | Path, workers: int = 2,
              scheduler: str | None = None, settings: Settings | None = None, *,
              chunk_pages: int = DEFAULT_CHUNK_PAGES, window: int | None = None,
              progress: bool = True) -> Report:
    """Analyse every input page into Parquet shards in `out_dir`; re-running resumes.

    Runs on a LocalCluster of `workers` single-threaded processes, or on the cluster at
    `scheduler` ("tcp://host:8786"). At most `window` chunks (default 2 per worker) are in
    flight at once.
    """
    settings = settings or Settings()
    out_dir = Path(out_dir)
    with ExitStack() as stack:
        stack.enter_context(_only_writer(out_dir))
        manifest = Manifest.open(out_dir)
        manifest.repair()
        chunk_pages = manifest.chunk_pages() or chunk_pages
        report = Report(counts={"shards_already_done": len(manifest.entries)})
        chunks = iter_chunks(expand_inputs(inputs), manifest.done_units(), chunk_pages,
                             settings.max_page_bytes)
        started = time.perf_counter()
        # Dask keeps each connection's last 1,000 messages under 1 MB for debugging; a chunk of
        # small pages is such a message, so the driver held up to 1,000 chunks' pages per connection
        stack.enter_context(dask.config.set({"distributed.admin.low-level-log-length": 10}))
        client = _connect(stack, scheduler, workers)
        client.run(_load_spacy, settings.spacy_model)  # fail fast if the model is missing anywhere
        report.dashboard = _dashboard(client)
        report.seconds["startup"] = time.perf_counter() - started  # cluster start, spaCy on every worker
        show = stack.enter_context(_progress(report, progress))
        started = time.perf_counter()
        sent: dict[str, tuple[list[str], int]] = {}  # future key → units, pages (no bytes)

        def submit(chunk: Chunk):
            # pure=False: a fresh task key, and no hashing of the page bytes to make one
            future = client.submit(analyse_chunk, chunk.items, settings.spacy_model,
                                   settings.max_page_bytes, settings.page_timeout, pure=False, retries=1)
            sent[future.key] = (chunk.units, len(chunk.items))
            return future

        window = window or 2 * max(1, sum(client.nthreads().values()))
        in_flight = as_completed([submit(c) for _, c in zip(range(window), chunks)])
        for future in in_flight:
            _collect(future, *sent.pop(future.key), manifest, chunk_pages, report)
            future.release()
            show()
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                in_flight.add(submit(next_chunk))
        report.seconds["elapsed"] = time.perf_counter() - started  # first chunk sent to last shard written
    return report


def _collect(future, units: list[str], pages: int, manifest: Manifest, chunk_pages: int,
             report: Report) -> None:
    """Write a finished chunk as a shard, then mark it done; a lost chunk stays undone."""
    if future.status != "finished":
        bump(report.failed, f"worker: {one_line(future.exception())}", pages)
        report.count("pages", pages)
        return
    results = future.result()
    shard_id = shard_name(units)
    write_shard(manifest.out_dir, shard_id, results)
    chunk = Report()
    count_results(chunk, results)
    report.merge(chunk)
    manifest.append(shard_id, units, chunk_pages, {
        "pages": len(results), "articles": chunk.counts.get("articles", 0),
        "analysed": chunk.counts.get("analysed", 0)})
    report.count("shards_written")


@contextmanager
def _only_writer(out_dir: Path) -> Iterator[None]:
    """One batch per output folder; the lock dies with its process, even on SIGKILL."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"another batch is writing to {out_dir}") from None
        yield


def _connect(stack: ExitStack, scheduler: str | None, workers: int) -> Client:
    if scheduler:
        return stack.enter_context(Client(scheduler))
    # dashboard on a free port (several batches may share one machine), on this machine only
    cluster = stack.enter_context(LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR))
    return stack.enter_context(Client(cluster))


def _dashboard(client: Client) -> str | None:
    """The dashboard link, when the scheduler serves one (it needs bokeh installed)."""
    return client.dashboard_link if "dashboard" in client.scheduler_info().get("services", {}) else None


@contextmanager
def _progress(report: Report, enabled: bool) -> Iterator[Callable[[], None]]:
    """A Rich status line on stderr; yields the function that redraws it."""
    if not enabled:
        yield lambda: None
        return
    console = LiteralConsole(stderr=True)
    if report.dashboard:
        console.print(f"Dask dashboard: {report.dashboard}")
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console) as bar:
        task = bar.add_task("starting")
        yield lambda: bar.update(task, description=(
            f"pages {report.counts.get('pages', 0)} · articles {report.counts.get('articles', 0)} · "
            f"skipped {sum(report.skipped.values())} · failed {sum(report.failed.values())}"))
