"""Ingest throughput: the 181 benchmark pages through extract → analyze → store, one process.

    python bench/ingest.py --data ../shared/bench/extraction --out bench/results/ingest.json

Prints pages/second for the whole pipeline and the time each stage takes, and writes JSON.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from _common import arguments, run_facts, write_results

from storyline.analyze import analyze_article
from storyline.analyze.nlp import load_nlp
from storyline.config import Settings
from storyline.extract import extract_article
from storyline.ingest import read_pages
from storyline.model import Failure
from storyline.pipeline import store_analysed
from storyline.report import Report
from storyline.store import open_store


def measure(data: Path, settings: Settings) -> dict:
    nlp = load_nlp(settings.spacy_model)
    seconds = {"read": 0.0, "extract": 0.0, "analyze": 0.0, "store": 0.0}
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        clock = started
        for page in read_pages([str(data / "html")], settings.max_page_bytes):
            seconds["read"] += (now := time.perf_counter()) - clock
            result = page if isinstance(page, Failure) else extract_article(page, settings.max_page_bytes)
            seconds["extract"] += (clock := time.perf_counter()) - now
            if not isinstance(result, Failure):
                result = analyze_article(result, nlp)
            seconds["analyze"] += (now := time.perf_counter()) - clock
            store_analysed(result, store, report)
            seconds["store"] += (clock := time.perf_counter()) - now
        total = time.perf_counter() - started
    pages = report.total
    return {
        "pages": pages, "stored": report.ingested + report.new_versions + report.unchanged,
        "failed": report.not_stored, "failures": [f"{f.source}: {f.message}" for f in report.failures],
        "seconds": round(total, 2), "pages_per_second": round(pages / total, 2),
        "stage_ms_per_page": {stage: round(1000 * s / pages, 1) for stage, s in seconds.items()},
        "spacy_model": settings.spacy_model, **run_facts(),
    }


def main() -> None:
    args = arguments(__doc__, "bench/results/ingest.json").parse_args()
    result = measure(args.data, Settings())
    print(f"{'pages':>6} {'stored':>6} {'failed':>6} {'seconds':>8} {'pages/s':>8}   ms/page by stage")
    stages = "  ".join(f"{k} {v}" for k, v in result["stage_ms_per_page"].items())
    print(f"{result['pages']:>6} {result['stored']:>6} {result['failed']:>6} {result['seconds']:>8} "
          f"{result['pages_per_second']:>8}   {stages}")
    write_results(args.out, result)


if __name__ == "__main__":
    main()
