"""Story clustering: JSON-lines articles through the ingest path into a fresh store, scored.

    python bench/stories.py --docs /tmp/ecbplus-seed0.jsonl --out /tmp/clusters.json \\
        --json bench/results/stories-ecbplus-seed0.json

Each line is `{"doc_id", "text", "title"?, "published"?, "outlet"?, "url"?, "story"?}`. Lines are
taken in file order, or by `published` when every line has one. Each article goes through the
same code as `storyline ingest`: text-page extraction, analysis, the pipeline's sink into a
fresh temporary SQLite store (or --db), then the post-save steps (the story step timed alone). A given
title, date, outlet or URL stands in for what extraction found. Writes `{doc_id: story_id}`;
when lines carry `story`, prints BCubed and pairwise P/R/F1 (an article the pipeline refused
counts as a story of its own), the story count, and per-article costs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))
from _common import run_facts  # noqa: E402
from story_metrics import bcubed, pairwise  # noqa: E402

from storyline.analyze import analyze_article  # noqa: E402
from storyline.analyze.nlp import load_nlp  # noqa: E402
from storyline.config import Settings  # noqa: E402
from storyline.extract import extract_article  # noqa: E402
from storyline.model import AnalysedArticle, Failure, Page  # noqa: E402
from storyline.pipeline import POST_SAVE_STEPS, store_analysed  # noqa: E402
from storyline.report import Report  # noqa: E402
from storyline.store import open_store  # noqa: E402
from storyline.store.schema import articles, story_articles  # noqa: E402


def read_docs(path: Path) -> list[dict]:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if docs and all(doc.get("published") for doc in docs):
        docs.sort(key=lambda doc: doc["published"])  # stable: file order among equal dates
    return docs


def analyse(doc: dict, nlp, settings: Settings) -> AnalysedArticle | Failure:
    """Extraction and analysis as `storyline ingest` runs them, with the line's metadata."""
    page = Page(source=doc["doc_id"], content=doc["text"].encode("utf-8"), url=doc.get("url"))
    article = extract_article(page, settings.max_page_bytes)
    if isinstance(article, Failure):
        return article
    for name, key in (("title", "title"), ("published", "published"), ("outlet", "outlet")):
        if doc.get(key):
            setattr(article, name, doc[key])
    return analyze_article(article, nlp)


class AnalysisCache:
    """Analysed articles kept in a pickle file between tuning runs, with the wall and CPU seconds
    their analysis took (the first run's: never report a cached run's analysis cost as new)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.items = pickle.loads(path.read_bytes()) if path and path.exists() else {}

    def get(self, doc: dict, compute):
        key = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
        if key not in self.items:
            started, cpu = time.perf_counter(), time.process_time()
            self.items[key] = (compute(), time.perf_counter() - started, time.process_time() - cpu)
        return self.items[key]

    def save(self) -> None:
        if self.path:
            self.path.write_bytes(pickle.dumps(self.items))


def run(docs: list[dict], db: str, settings: Settings, cache: AnalysisCache) -> dict:
    nlp = load_nlp(settings.spacy_model)
    store = open_store(db)
    seconds = {"analysis": 0.0, "save": 0.0, "stories": 0.0}
    cpu_seconds = {"analysis": 0.0, "stories": 0.0}  # CPU time: what a loaded machine's wall time hides
    refused, report = {}, Report()
    for doc in docs:
        result, analysis_s, analysis_cpu = cache.get(doc, lambda: analyse(doc, nlp, settings))
        seconds["analysis"] += analysis_s
        cpu_seconds["analysis"] += analysis_cpu
        if isinstance(result, Failure):
            refused[doc["doc_id"]] = result.reason
            continue
        started = time.perf_counter()
        saved = store_analysed(result, store, report, steps=())  # the sink, its steps timed apart
        seconds["save"] += time.perf_counter() - started
        if isinstance(saved, Failure):
            refused[doc["doc_id"]] = saved.reason
            continue
        for step in POST_SAVE_STEPS:  # each timed apart: story assignment is "stories", quote threads follow
            wall, cpu = time.perf_counter(), time.process_time()
            step(store, saved, result)
            seconds[step.name] = seconds.get(step.name, 0.0) + time.perf_counter() - wall
            cpu_seconds[step.name] = cpu_seconds.get(step.name, 0.0) + time.process_time() - cpu
    with store.engine.connect() as conn:
        clusters = {source: story for source, story in conn.execute(
            select(articles.c.source, story_articles.c.story_id)
            .join(story_articles, story_articles.c.article_id == articles.c.id))}
    store.close()
    cache.save()
    return {"clusters": clusters, "refused": refused, "seconds": seconds, "cpu_seconds": cpu_seconds}


def report(docs: list[dict], outcome: dict) -> dict:
    clusters, n = outcome["clusters"], len(docs)
    ms = {stage: round(1000 * s / n, 2) for stage, s in outcome["seconds"].items()}
    cpu_ms = {stage: round(1000 * s / n, 2) for stage, s in outcome["cpu_seconds"].items()}
    summary = {"articles": n, "stored": len(clusters), "refused": outcome["refused"],
               "stories": len(set(clusters.values())), "ms_per_article": ms, "cpu_ms_per_article": cpu_ms,
               "stories_share_of_analysis": round(ms["stories"] / ms["analysis"], 4) if ms["analysis"] else None,
               "stories_cpu_share_of_analysis":
                   round(cpu_ms["stories"] / cpu_ms["analysis"], 4) if cpu_ms["analysis"] else None}
    if all("story" in doc for doc in docs):
        gold = {doc["doc_id"]: str(doc["story"]) for doc in docs}
        predicted = {doc_id: str(clusters.get(doc_id, f"refused:{doc_id}")) for doc_id in gold}
        summary["gold_stories"] = len(set(gold.values()))
        for name, score in (("bcubed", bcubed), ("pairwise", pairwise)):
            p, r, f = score(predicted, gold)
            summary[name] = {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1)}
    return summary


def print_table(summary: dict) -> None:
    print("| measure | value |\n| --- | ---: |")
    for name in ("bcubed", "pairwise"):
        if name in summary:
            s = summary[name]
            print(f"| {name} P / R / F1 | {s['p']} / {s['r']} / **{s['f1']}** |")
    print(f"| stories (gold) | {summary['stories']} ({summary.get('gold_stories', '-')}) |")
    print(f"| articles stored / refused | {summary['stored']} / {len(summary['refused'])} |")
    ms = summary["ms_per_article"]
    print(f"| ms per article: analysis / save / story assignment | {ms['analysis']} / {ms['save']} / {ms['stories']} |")
    others = {stage: v for stage, v in ms.items() if stage not in ("analysis", "save", "stories")}
    if others:
        print(f"| ms per article, other post-save steps | {', '.join(f'{k} {v}' for k, v in others.items())} |")
    print(f"| story assignment / analysis | {100 * (summary['stories_share_of_analysis'] or 0):.1f} % |")
    cpu = summary["cpu_ms_per_article"]
    print(f"| CPU ms per article: analysis / story assignment | {cpu['analysis']} / {cpu['stories']}"
          f" ({100 * (summary['stories_cpu_share_of_analysis'] or 0):.1f} %) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, required=True, help="JSON lines, one article each")
    parser.add_argument("--out", type=Path, required=True, help="where {doc_id: story_id} goes")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--db", help="a store URL or path to fill instead of a fresh temporary SQLite file")
    parser.add_argument("--analysis-cache", type=Path, help="pickle of analysed articles, for tuning runs")
    args = parser.parse_args()
    docs = read_docs(args.docs)
    with tempfile.TemporaryDirectory() as tmp:
        outcome = run(docs, args.db or str(Path(tmp) / "stories.db"), Settings(), AnalysisCache(args.analysis_cache))
    args.out.write_text(json.dumps(outcome["clusters"], indent=1))
    summary = report(docs, outcome)
    summary |= {"docs": str(args.docs), **run_facts()}
    print_table(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n")


if __name__ == "__main__":
    main()
