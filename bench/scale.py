"""Batch at scale: articles/s on Dask with 1 and 2 workers, the analysis cost against a bare
spaCy parse, and peak memory as the corpus grows.

    nice python bench/scale.py --throughput 300 --sizes 1000,3000 --out bench/results/scale.json

The corpus is the 181 benchmark pages and the PolNeAR texts (wrapped in minimal HTML),
repeated under distinct URLs into real WARC.gz files in a temporary folder, 500 records
a file, so the batch reads exactly what it would read from a crawl.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import subprocess
import sys
import tempfile
import threading
import time
from itertools import cycle, islice
from pathlib import Path

import psutil
from warcio.warcwriter import WARCWriter

from _common import run_facts, write_results

from storyline.analyze import analyze_article
from storyline.analyze.nlp import load_nlp
from storyline.batch import run_batch
from storyline.config import Settings
from storyline.extract import extract_article
from storyline.ingest.warc import write_response
from storyline.model import Failure, Page

RECORDS_PER_WARC = 500
CRAWLED = "2026-01-01T00:00:00Z"


def corpus_documents(shared: Path) -> list[tuple[str, bytes]]:
    """(url, html) for every benchmark page and every PolNeAR text."""
    bench = shared / "bench" / "extraction"
    truth = json.loads((bench / "ground-truth.json").read_text())
    docs = [(truth[path.name.removesuffix(".html.gz")]["url"], gzip.decompress(path.read_bytes()))
            for path in sorted((bench / "html").glob("*.html.gz"))]
    for path in sorted((shared / "data" / "polnear" / "train" / "text").glob("*.txt")):
        docs.append((f"https://polnear.example/{path.stem}", _as_html(path.read_text())))
    return docs


def _as_html(text: str) -> bytes:
    title, _, body = text.strip().partition("\n")
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n") if p.strip())
    return (f'<!doctype html><html lang="en"><head><title>{html.escape(title)}</title></head>'
            f"<body><article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>").encode()


def write_corpus(docs: list[tuple[str, bytes]], pages: int, folder: Path) -> list[Path]:
    """`pages` records cycling through the documents, each copy under its own URL."""
    folder.mkdir(parents=True, exist_ok=True)
    records = ((f"{url}{'&' if '?' in url else '?'}copy={n // len(docs)}", body)
               for n, (url, body) in enumerate(islice(cycle(docs), pages)))
    paths = []
    for number in range(0, pages, RECORDS_PER_WARC):
        path = folder / f"corpus-{number // RECORDS_PER_WARC:04d}.warc.gz"
        with open(path, "wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for url, body in islice(records, RECORDS_PER_WARC):
                write_response(writer, url, body, date=CRAWLED)
        paths.append(path)
    return paths


class PeakMemory:
    """Samples the resident memory of this process (the driver) and its children (the workers).

    Every `timeline_s` it also notes the current memory beside the pages the batch has finished
    (from `out_dir`'s manifest), so one long run shows whether memory grows with the corpus; each
    point is appended to `log` as it is taken, so a run stopped early still leaves its curve."""

    def __init__(self, out_dir: Path, log: Path | None = None, every_s: float = 0.25, timeline_s: float = 60):
        self.out_dir, self.log, self.every_s, self.timeline_s = out_dir, log, every_s, timeline_s
        self.driver, self.workers, self.timeline = 0, 0, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me, started, noted = psutil.Process(), time.monotonic(), time.monotonic()
        while not self._stop.wait(self.every_s):
            driver = me.memory_info().rss
            workers = 0
            for child in me.children(recursive=True):
                try:
                    workers += child.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
            self.driver, self.workers = max(self.driver, driver), max(self.workers, workers)
            if time.monotonic() - noted >= self.timeline_s:
                noted = time.monotonic()
                self._note(round(noted - started), driver, workers)

    def _note(self, seconds: int, driver: int, workers: int) -> None:
        point = {"s": seconds, "pages_done": self._pages_done(), "driver_mb": round(driver / 2**20),
                 "workers_mb": round(workers / 2**20)}
        self.timeline.append(point)
        if self.log:
            with open(self.log, "a") as handle:
                handle.write(json.dumps(point) + "\n")

    def _pages_done(self) -> int:
        manifest = self.out_dir / "manifest.jsonl"
        if not manifest.exists():
            return 0
        lines = manifest.read_text().splitlines()
        return sum(json.loads(line)["counts"]["pages"] for line in lines if line.endswith("}"))


def measure_batch(warcs: list[Path], workers: int, chunk_pages: int, memory_log: Path | None = None) -> dict:
    """One batch in a fresh process, so its peak memory is its own."""
    command = [sys.executable, __file__, "--one-batch", str(workers), "--chunk-pages", str(chunk_pages),
               *(["--memory-log", str(memory_log)] if memory_log else []), *map(str, warcs)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def one_batch(warcs: list[str], workers: int, chunk_pages: int, memory_log: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="storyline-scale-out-") as out, PeakMemory(Path(out), memory_log) as memory:
        report = run_batch(warcs, out, workers=workers, chunk_pages=chunk_pages, progress=False)
    return {
        "workers": workers, "pages": report.counts.get("pages", 0), "articles": report.counts.get("articles", 0),
        "analysed": report.counts.get("analysed", 0), "failed": sum(report.failed.values()),
        "skipped": sum(report.skipped.values()), "startup_s": round(report.seconds["startup"], 1),
        "elapsed_s": round(report.seconds["elapsed"], 1), "articles_per_s": round(report.per_second("articles"), 2),
        "peak_driver_mb": round(memory.driver / 2**20), "peak_workers_mb": round(memory.workers / 2**20),
        "top_failures": sorted(report.failed.items(), key=lambda kv: -kv[1])[:3],
        "memory_timeline": memory.timeline,
    }


def analysis_cost(docs: list[tuple[str, bytes]], sample: int, settings: Settings) -> dict:
    """Per article, in one process: extract, the full analysis, and a bare `nlp(body)`."""
    nlp = load_nlp(settings.spacy_model)
    seconds = {"extract": 0.0, "analyze": 0.0, "bare_spacy_parse": 0.0}
    articles = 0
    step = max(1, len(docs) // sample)
    for url, body in docs[::step][:sample]:
        clock = time.perf_counter()
        article = extract_article(Page(url, body, url=url), settings.max_page_bytes)
        seconds["extract"] += (now := time.perf_counter()) - clock
        if isinstance(article, Failure) or (article.language or "en") != "en":
            continue
        articles += 1
        analyze_article(article, nlp)
        seconds["analyze"] += (clock := time.perf_counter()) - now
        nlp(article.body)
        seconds["bare_spacy_parse"] += time.perf_counter() - clock
    per_article = {k: round(1000 * v / max(articles, 1), 1) for k, v in seconds.items()}
    return {"articles": articles, "ms_per_article": per_article,
            "analyze_over_bare_parse": round(seconds["analyze"] / seconds["bare_spacy_parse"], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Settings().shared)
    parser.add_argument("--throughput", type=int, default=300, help="pages for the 1 vs 2 workers runs (0: none)")
    parser.add_argument("--sizes", default="1000,3000", help="corpus sizes for peak memory (2 workers)")
    parser.add_argument("--sample", type=int, default=60, help="articles for the analysis cost")
    parser.add_argument("--chunk-pages", type=int, default=25)
    parser.add_argument("--out", type=Path, default=Path("bench/results/scale.json"))
    parser.add_argument("--memory-log", type=Path, help="append the memory runs' timeline points here as they are taken")
    parser.add_argument("--one-batch", type=int, metavar="WORKERS", help=argparse.SUPPRESS)
    parser.add_argument("warcs", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_batch:
        print(json.dumps(one_batch(args.warcs, args.one_batch, args.chunk_pages, args.memory_log)))
        return
    settings = Settings()
    docs = corpus_documents(args.shared)
    result = {"documents": len(docs), "spacy_model": settings.spacy_model, **run_facts(),
              "chunk_pages": args.chunk_pages}
    runs = []
    with tempfile.TemporaryDirectory(prefix="storyline-scale-warc-") as folder:
        if args.throughput:
            warcs = write_corpus(docs, args.throughput, Path(folder) / "throughput")
            runs += [measure_batch(warcs, workers, args.chunk_pages) | {"purpose": "throughput"}
                     for workers in (1, 2)]
        for size in (int(s) for s in args.sizes.split(",") if s):
            warcs = write_corpus(docs, size, Path(folder) / f"size-{size}")
            runs.append(measure_batch(warcs, 2, args.chunk_pages, args.memory_log) | {"purpose": "memory"})
    result["runs"] = runs
    result["analysis_cost"] = analysis_cost(docs, args.sample, settings)
    print_table(result)
    write_results(args.out, result)


def print_table(result: dict) -> None:
    cost = result["analysis_cost"]
    print(f"analysis cost, ms/article over {cost['articles']} articles: {cost['ms_per_article']}"
          f" -> analysis = {cost['analyze_over_bare_parse']} x a bare spaCy parse")
    columns = ("purpose", "workers", "pages", "articles", "failed", "skipped", "startup_s", "elapsed_s",
               "articles_per_s", "peak_driver_mb", "peak_workers_mb")
    print(" | ".join(columns))
    for run in result["runs"]:
        print(" | ".join(f"{run[c]!s:>{len(c)}}" for c in columns))


if __name__ == "__main__":
    main()
