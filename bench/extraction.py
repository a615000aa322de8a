"""Benchmark: Storyline's article extraction against trafilatura, on two sets of real pages.

Usage: python bench/extraction.py --data ../shared/bench/extraction [--mode html|text] [--out results.json]
       python bench/extraction.py --set multisite --data ../shared/bench/extraction-multisite [--out ...]

`--set zyte` (default): the Zyte article benchmark, whole article bodies scored by shingles.
`--set multisite`: trafilatura's own evaluation pages (many sites and languages), scored by
snippets that must or must not appear; both systems get the raw saved bytes with no charset
hint, so decoding is part of the task.
Both systems run on the same page one after the other (which one goes first alternates), so
machine load hits them alike. `--mode text` renders each page with inscriptis (the text a
person sees, line structure kept) and gives Storyline only that text (rendering is not
timed); trafilatura stays on the HTML as the reference row. A failure is an exception or an
empty article body.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import trafilatura
from inscriptis import get_text
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring_extraction import score_page, score_snippets, summarise, summarise_snippets  # noqa: E402

from storyline.extract import extract_article  # noqa: E402
from storyline.model import Article, Page  # noqa: E402

Document = str | bytes  # decoded HTML (zyte set) or the raw saved bytes (multisite set)
Extractor = Callable[[str, Document, str], str | None]  # (page id, document, url) -> article body


@dataclass(frozen=True)
class BenchPage:
    page_id: str
    document: Document
    url: str
    judge: Callable[[str | None], object]  # article body -> this page's score


def storyline_html(page_id: str, html: Document, url: str) -> str | None:
    return _article_text(extract_article(storyline_page(page_id, html, url)))


def storyline_page(page_id: str, html: Document, url: str) -> Page:
    """The page as Storyline is handed it: raw bytes as saved (no charset hint), or decoded HTML."""
    if isinstance(html, bytes):
        return Page(source=page_id, content=html, url=url or None)
    return Page(source=page_id, content=html.encode("utf-8"), url=url, content_type="text/html; charset=utf-8")


def storyline_text(page_id: str, text: Document, url: str) -> str | None:
    page = Page(source=page_id, content=str(text).encode("utf-8"), url=url, content_type="text/plain; charset=utf-8")
    return _article_text(extract_article(page))


def _article_text(result: Article | object) -> str | None:
    """The body, after the dateline Storyline keeps as metadata ("WASHINGTON (Reuters)"): the
    benchmarks' truths open with it, and their scoring reads words, not punctuation."""
    if not isinstance(result, Article):
        return None
    return " ".join(part for part in (result.dateline, result.agency, result.body) if part)


def trafilatura_reference(page_id: str, html: Document, url: str) -> str | None:
    return trafilatura.extract(html, include_comments=False)


def load_zyte(data: Path) -> list[BenchPage]:
    """The Zyte pages with their true article bodies."""
    truth = json.loads((data / "ground-truth.json").read_text("utf8"))
    pages = []
    for page_id, item in truth.items():
        with gzip.open(data / "html" / f"{page_id}.html.gz", "rt", encoding="utf8") as handle:
            body = item["articleBody"]
            pages.append(BenchPage(page_id, handle.read(), item.get("url", ""), lambda found, body=body: score_page(body, found)))
    return pages


def load_multisite(data: Path) -> list[BenchPage]:
    """trafilatura's evaluation pages, raw bytes, with their wanted and unwanted snippets."""
    pages = []
    for key, item in json.loads((data / "evaldata-dev.json").read_text("utf8")).items():
        raw = gzip.decompress((data / "html" / f"{item['file']}.gz").read_bytes())
        url = key if key.startswith("http") else ""
        wanted, unwanted = item.get("with", []), item.get("without", [])
        judge = lambda found, w=wanted, u=unwanted: score_snippets(w, u, found)  # noqa: E731
        pages.append(BenchPage(key, raw, url, judge))
    return pages


SETS = {"zyte": (load_zyte, summarise), "multisite": (load_multisite, summarise_snippets)}


def run(pages: list[BenchPage], systems: dict[str, tuple[Extractor, str]], summarise_set: Callable) -> dict:
    """Run every system on every page; `systems` maps a name to (extractor, input kind)."""
    rendered = {p.page_id: get_text(p.document) for p in pages} if any(k == "text" for _, k in systems.values()) else {}
    scores: dict[str, list] = {name: [] for name in systems}
    timings: dict[str, list[float]] = {name: [] for name in systems}
    failures: dict[str, list[str]] = {name: [] for name in systems}
    for number, page in enumerate(pages):
        order = list(systems) if number % 2 == 0 else list(reversed(systems))
        for name in order:
            extract, kind = systems[name]
            document = rendered[page.page_id] if kind == "text" else page.document
            started = time.perf_counter()
            try:
                body = extract(page.page_id, document, page.url)
            except Exception:  # noqa: BLE001 - a crash is a failure to count, not to stop on
                body = None
            timings[name].append(time.perf_counter() - started)
            if not body:
                failures[name].append(page.page_id)
            scores[name].append(page.judge(body))
    report = {}
    for name in systems:
        report[name] = {
            **asdict(summarise_set(scores[name])),
            "failures": len(failures[name]),
            "failed_pages": failures[name],
            "median_ms": statistics.median(timings[name]) * 1000,
            "pages": {page.page_id: asdict(score) for page, score in zip(pages, scores[name], strict=True)},
        }
    return report


def print_table(report: dict, title: str) -> None:
    table = Table(title=title)
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
    parser.add_argument("--data", type=Path, required=True, help="the set's folder (html/ and its truth file)")
    parser.add_argument("--set", dest="page_set", choices=sorted(SETS), default="zyte")
    parser.add_argument("--mode", choices=["html", "text"], default="html")
    parser.add_argument("--out", type=Path, help="write the full results (with per-page scores) as JSON")
    args = parser.parse_args()
    if args.mode == "text" and args.page_set != "zyte":
        parser.error("--mode text runs on the zyte set only")
    load, summarise_set = SETS[args.page_set]
    pages = load(args.data)
    storyline = (storyline_html, "html") if args.mode == "html" else (storyline_text, "text")
    systems = {f"storyline ({args.mode})": storyline, "trafilatura (html)": (trafilatura_reference, "html")}
    report = run(pages, systems, summarise_set)
    ratio = report[f"storyline ({args.mode})"]["median_ms"] / report["trafilatura (html)"]["median_ms"]
    print_table(report, f"Article extraction, {args.page_set} set, {len(pages)} pages, mode={args.mode}")
    print(f"median time ratio storyline / trafilatura: {ratio:.2f}")
    if args.out:
        result = {"set": args.page_set, "mode": args.mode, "pages": len(pages), "time_ratio": ratio, "systems": report}
        args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
