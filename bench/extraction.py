"""Benchmark: Storyline's article extraction against trafilatura on the Zyte benchmark pages.

Usage: python bench/extraction.py --data ../shared/bench/extraction [--mode html|text] [--out results.json]

Both systems run on the same page one after the other, so machine load hits them alike.
`--mode text` renders each page with inscriptis (the text a person sees, line structure kept)
and gives Storyline only that text (rendering is not timed); trafilatura stays on the HTML
as the reference row. A failure is an exception or an empty article body.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import trafilatura
from inscriptis import get_text
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring_extraction import PageScore, score_page, summarise  # noqa: E402

from storyline.extract import extract_article  # noqa: E402
from storyline.model import Article, Page  # noqa: E402

Extractor = Callable[[str, str, str], str | None]  # (page id, html, url) -> article body


def storyline_html(page_id: str, html: str, url: str) -> str | None:
    page = Page(source=page_id, content=html.encode("utf-8"), url=url, content_type="text/html; charset=utf-8")
    result = extract_article(page)
    return result.body if isinstance(result, Article) else None


def storyline_text(page_id: str, text: str, url: str) -> str | None:
    page = Page(source=page_id, content=text.encode("utf-8"), url=url, content_type="text/plain; charset=utf-8")
    result = extract_article(page)
    return result.body if isinstance(result, Article) else None


def trafilatura_reference(page_id: str, html: str, url: str) -> str | None:
    return trafilatura.extract(html, include_comments=False)


def load_pages(data: Path) -> dict[str, tuple[str, str, str]]:
    """Page id → (html, url, true article body)."""
    truth = json.loads((data / "ground-truth.json").read_text("utf8"))
    pages = {}
    for page_id, item in truth.items():
        with gzip.open(data / "html" / f"{page_id}.html.gz", "rt", encoding="utf8") as handle:
            pages[page_id] = (handle.read(), item.get("url", ""), item["articleBody"])
    return pages


def run(pages: dict[str, tuple[str, str, str]], systems: dict[str, tuple[Extractor, str]]) -> dict:
    """Run every system on every page; `systems` maps a name to (extractor, input kind)."""
    rendered = {}
    if any(kind == "text" for _, kind in systems.values()):
        rendered = {page_id: get_text(html) for page_id, (html, _, _) in pages.items()}
    scores: dict[str, list[PageScore]] = {name: [] for name in systems}
    timings: dict[str, list[float]] = {name: [] for name in systems}
    failures: dict[str, list[str]] = {name: [] for name in systems}
    for page_id, (html, url, truth) in pages.items():
        for name, (extract, kind) in systems.items():
            document = rendered[page_id] if kind == "text" else html
            started = time.perf_counter()
            try:
                body = extract(page_id, document, url)
            except Exception:  # noqa: BLE001 - a crash is a failure to count, not to stop on
                body = None
            timings[name].append(time.perf_counter() - started)
            if not body:
                failures[name].append(page_id)
            scores[name].append(score_page(truth, body))
    report = {}
    for name in systems:
        summary = summarise(scores[name])
        report[name] = {
            **asdict(summary),
            "failures": len(failures[name]),
            "failed_pages": failures[name],
            "median_ms": statistics.median(timings[name]) * 1000,
            "pages": {page_id: asdict(score) for page_id, score in zip(pages, scores[name])},
        }
    return report


def print_table(report: dict, mode: str, page_count: int) -> None:
    table = Table(title=f"Article extraction, {page_count} pages, mode={mode}")
    for column in ("system", "precision", "recall", "F1", "accuracy", "failures", "median ms/page"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name, row in report.items():
        table.add_row(
            name,
            f"{row['precision']:.4f}",
            f"{row['recall']:.4f}",
            f"{row['f1']:.4f}",
            f"{row['accuracy']:.3f}",
            str(row["failures"]),
            f"{row['median_ms']:.1f}",
        )
    Console(width=110).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with html/ and ground-truth.json")
    parser.add_argument("--mode", choices=["html", "text"], default="html")
    parser.add_argument("--out", type=Path, help="write the full results (with per-page scores) as JSON")
    args = parser.parse_args()
    pages = load_pages(args.data)
    storyline = (storyline_html, "html") if args.mode == "html" else (storyline_text, "text")
    systems = {f"storyline ({args.mode})": storyline, "trafilatura (html)": (trafilatura_reference, "html")}
    report = run(pages, systems)
    print_table(report, args.mode, len(pages))
    if args.out:
        args.out.write_text(json.dumps({"mode": args.mode, "pages": len(pages), "systems": report}, indent=1))


if __name__ == "__main__":
    main()
