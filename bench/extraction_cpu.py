"""Benchmark: CPU time of Storyline's extraction against trafilatura's, page by page in one process.

Usage: python bench/extraction_cpu.py [--set multisite|zyte] [--data DIR] [--step 2] [--out results.json]

The wall-clock ratio of `bench/extraction.py` moves by ±0.05 between runs on a loaded machine.
Here each page's time is `time.process_time` (CPU time of this process, so other jobs' time is
not counted), the minimum of 3 repeats, with `extract_article` and `trafilatura.extract(html,
include_comments=False)` interleaved (which goes first alternates); the figure is the median
of per-page ratios. `--step N` takes every Nth page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import run_facts, write_results  # noqa: E402
from extraction import SETS, storyline_html, trafilatura_reference  # noqa: E402

REPEATS = 3
DEFAULT_DATA = {"multisite": "extraction-multisite", "zyte": "extraction"}


def cpu_times(pages: list, extractors: list[Callable]) -> list[list[float]]:
    """Per extractor, each page's least CPU time over the repeats."""
    best = [[float("inf")] * len(pages) for _ in extractors]
    for number, page in enumerate(pages):
        for repeat in range(REPEATS):
            order = range(len(extractors)) if (number + repeat) % 2 == 0 else reversed(range(len(extractors)))
            for which in order:
                started = time.process_time()
                extractors[which](page.page_id, page.document, page.url)
                best[which][number] = min(best[which][number], time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="page_set", choices=sorted(SETS), default="multisite")
    parser.add_argument("--data", type=Path, help="the set's folder (default: ../shared/bench/<set's folder>)")
    parser.add_argument("--step", type=int, default=2, help="take every Nth page")
    parser.add_argument("--out", type=Path, help="write the figures as JSON")
    args = parser.parse_args()
    data = args.data or Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / DEFAULT_DATA[args.page_set]
    pages = SETS[args.page_set][0](data)[:: args.step]
    ours, theirs = cpu_times(pages, [storyline_html, trafilatura_reference])
    result = {
        **run_facts(), "set": args.page_set, "pages": len(pages),
        "median_of_page_ratios": statistics.median(o / t for o, t in zip(ours, theirs, strict=True)),
        "storyline_median_ms": statistics.median(ours) * 1000, "trafilatura_median_ms": statistics.median(theirs) * 1000,
    }
    table = Table(title=f"CPU time per page, {args.page_set} set, {len(pages)} pages (minimum of {REPEATS})")
    for column in ("Storyline ms", "trafilatura ms", "ratio of medians", "median of per-page ratios"):
        table.add_column(column, justify="right")
    table.add_row(f"{result['storyline_median_ms']:.1f}", f"{result['trafilatura_median_ms']:.1f}",
                  f"{result['storyline_median_ms'] / result['trafilatura_median_ms']:.3f}",
                  f"{result['median_of_page_ratios']:.3f}")
    Console(width=110).print(table)
    if args.out:
        write_results(args.out, result)


if __name__ == "__main__":
    main()
