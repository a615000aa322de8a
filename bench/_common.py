"""What the benchmark scripts share, so each says only what it measures: the line that names
the machine a figure was taken on, the results writer, the usual arguments, and the benchmark
pages run through the pipeline's own `process_page` (extraction, analysis, the page budget)."""

from __future__ import annotations

import argparse
import json
import os
import platform
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from storyline.analyze.nlp import load_nlp
from storyline.config import Settings
from storyline.ingest import read_pages
from storyline.model import AnalysedArticle, Failure
from storyline.pipeline import process_page


def machine() -> str:
    """The machine, as BENCHMARKS.md gives it: cores, memory, CPU type and Python."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores, {memory:.0f} GiB, {platform.machine()}, "
            f"Python {platform.python_version()}")


def run_facts() -> dict:
    """When and where a run was measured: machine, load average (other jobs share the
    machine) and the time in UTC."""
    return {"machine": machine(), "load_average": [round(load, 2) for load in os.getloadavg()],
            "date": datetime.now(UTC).isoformat(timespec="minutes")}


def write_results(path: Path, result: dict | list) -> None:
    """The figures as indented JSON at `path`, its folder made if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def arguments(doc: str, out: str, data: bool = True) -> argparse.ArgumentParser:
    """A parser with the script's first docstring line, `--out` (default `out`) and, with
    `data`, `--data` (default: the shared benchmark pages)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    if data:
        parser.add_argument("--data", type=Path, default=Settings().shared / "bench" / "extraction",
                            help="a folder with html/ (default: the shared benchmark pages)")
    parser.add_argument("--out", type=Path, default=Path(out), help=f"where the figures go (default {out})")
    return parser


def analysed_pages(folder: Path, settings: Settings) -> Iterator[AnalysedArticle | Failure]:
    """Every page under `folder` read, extracted and analysed as `ingest` does, in order."""
    nlp = load_nlp(settings.spacy_model)
    for page in read_pages([str(folder)], settings.max_page_bytes):
        yield page if isinstance(page, Failure) else process_page(
            page, nlp, settings.max_page_bytes, settings.page_timeout)
