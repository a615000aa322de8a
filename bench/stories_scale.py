"""Story assignment cost as the store grows: the same kind of new articles assigned in stores
of 1,000 and 100,000 articles (the bar: within 1.5x in CPU time).

    python bench/stories_scale.py --sizes 1000 100000 --runs 3 --out bench/results/stories-scale.json

How the stores are built (synthetic, to fill 100,000 articles in minutes, not hours): article
rows and story rows are bulk-inserted as the stories layer would have left them, stories of
1-40 articles (11.5 on average). The articles are, by default (`--builder ecbplus`), real ECB+
articles with each synthetic story's own names and words renamed (bench/ecbplus_stories.py);
with `--builder zipf`, 120 body words, a 9-word headline and 10 actor names drawn from
Zipf-distributed vocabularies (60,000 words, 20,000 names), the story's own 25 words and 6 names
weighted up (its stories share few keys: a new article meets fewer candidates than in real
text). Document frequencies, centroids and the candidate index (16 keys per article) are
computed from the articles (a story's centroid summed over its articles and cut to its heaviest
terms once, not after each article; terms seen in one article only more than PRUNE_AFTER
articles ago left out, as the step prunes them). Each size is filled once (or reused from
--stores); every run takes a fresh copy and sends new articles of the same kind (half continuing
a recent story, half new) through the real sink and post-save steps, timing the stories step
alone, after a warm-up, and counting the candidate stories it scores. Runs alternate between
sizes, so a busy spell on the shared machine hits both.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import pickle
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

from _common import run_facts
from ecbplus_stories import EcbplusDraws, ecbplus_templates

from storyline.model import Actor, AnalysedArticle, Article, Mention, Paragraph
from storyline.pipeline import POST_SAVE_STEPS, store_analysed
from storyline.report import Report
from storyline.store import open_store
from storyline.store import story_vectors
from storyline.store.engine import write_transaction
from storyline.stories.assign import assign_story
from storyline.store.schema import articles, stories, story_articles, story_keys, story_terms
from storyline.stories.features import (FIELDS, ArticleFeatures, article_features, index_keys, sublinear,
                                        unit_vector)
from storyline.stories import index
from storyline.stories.index import ALL_ARTICLES, PRUNE_AFTER
from storyline.stories.scoring import CENTROID_TERMS, StoryState

WORDS, NAMES = 60_000, 20_000
START = datetime(2026, 1, 1, tzinfo=timezone.utc)
WARM_UP = 20  # untimed new articles per run
SCORED: list[int] = []  # the candidate stories scored for the article being assigned


def _counted(find):
    """`index.candidate_stories`, noting how many stories it gave to be scored."""
    def candidates(conn, keys):
        found = find(conn, keys)
        SCORED.append(len(found))
        return found
    return candidates


index.candidate_stories = _counted(index.candidate_stories)


class Draws:
    """Synthetic article text: Zipf-like words and names, a story's own ones favoured."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.words = list(itertools.accumulate(1 / (rank + 1) for rank in range(WORDS)))
        self.names = list(itertools.accumulate(1 / (rank + 1) for rank in range(NAMES)))

    def story_topic(self) -> tuple[list[str], list[str]]:
        return ([f"w{self.rng.randrange(WORDS)}x" for _ in range(25)],
                [f"Nm{self.rng.randrange(NAMES)} Sur{self.rng.randrange(NAMES)}" for _ in range(6)])

    def article(self, topic, source: str, when: datetime) -> AnalysedArticle:
        words, names = topic
        common = self.rng.choices(range(WORDS), cum_weights=self.words, k=120)
        body = [self.rng.choice(words) if self.rng.random() < 0.35 else f"w{rank}x" for rank in common]
        title = " ".join(self.rng.choice(words) for _ in range(9))
        known = self.rng.choices(range(NAMES), cum_weights=self.names, k=10)
        chosen = [self.rng.choice(names) if self.rng.random() < 0.6 else f"Nm{rank} Sur{self.rng.randrange(NAMES)}"
                  for rank in known]
        text = " ".join(body) + ". " + ", ".join(chosen) + "."
        start = len(" ".join(body)) + 2
        actors, mentions = [], []
        for name in dict.fromkeys(chosen):
            at = text.index(name, start)
            mentions.append(Mention(len(actors), at, at + len(name), name))
            actors.append(Actor(name, "PERSON"))
        article = Article(source=source, format="text", title=title, body=text,
                          paragraphs=[Paragraph(0, len(text))], published=when.date().isoformat(),
                          content_hash=source)
        return AnalysedArticle(article, "analysed", actors, mentions, [])


def fill(store, size: int, draws: Draws) -> list:
    """`size` articles' rows and their stories' rows, bulk-inserted; the topics, newest last."""
    topics, rows, members, df, last_seen = [], [], [], Counter(), {}
    states: list[StoryState] = []
    keys: dict[tuple[str, int], str] = {}
    article_id = 0
    while article_id < size:
        topic, story_id = draws.story_topic(), len(topics) + 1
        topics.append(topic)
        state, sums = StoryState(story_id, size=0), {name: Counter() for name in FIELDS}
        for _ in range(min(draws.rng.choice([1, 2, 3, 5, 8, 13, 20, 40]), size - article_id)):
            article_id += 1
            when = START + timedelta(minutes=article_id)
            analysed = draws.article(topic, f"synthetic-{article_id}", when)
            counts = Counter(m.actor for m in analysed.mentions)
            features = article_features(analysed.article.title, analysed.article.body,
                                        [(a.name, a.type, counts[i]) for i, a in enumerate(analysed.actors)])
            df.update(features.terms() | {ALL_ARTICLES})
            total = df[ALL_ARTICLES]
            last_seen.update(dict.fromkeys(features.terms() | {ALL_ARTICLES}, total))
            idf = (lambda t, total=total: math.log((total + 1) / (df[t] + 1)) + 1)  # noqa: E731
            for name in FIELDS:  # as StoryState.add sums them, kept whole until the story is done
                sums[name].update(sublinear(features.counts[name]))
            state.size += 1
            state.first_published = state.first_published or analysed.article.published
            state.last_published = analysed.article.published
            for key in index_keys(features, idf, unit_vector(sublinear(features.counts["body"]), idf)):
                keys[key, story_id] = when.isoformat()
            rows.append(_article_row(analysed, article_id, when))
            members.append({"article_id": article_id, "story_id": story_id, "seen": when.isoformat(), "fit": None})
        state.centroid = {name: dict(sums[name].most_common(CENTROID_TERMS)) for name in FIELDS}
        states.append(state)
    idf = lambda t: math.log((df[ALL_ARTICLES] + 1) / (df[t] + 1)) + 1  # noqa: E731
    nothing_new = ArticleFeatures({name: Counter() for name in FIELDS})
    for state in states:
        state.refresh_norms(nothing_new, idf)

    def insert(conn):
        conn.execute(articles.insert(), rows)
        conn.execute(stories.insert(), [
            {"id": s.id, "headline": None, "first_seen": START.isoformat(), "last_seen": START.isoformat(),
             "first_published": s.first_published, "last_published": s.last_published,
             "article_count": s.size, "vectors": story_vectors.pack(s.centroid, s.norms, s.term_idf)}
            for s in states])
        conn.execute(story_articles.insert(), members)
        conn.execute(story_keys.insert(), [{"key": k, "story_id": s, "last_seen": seen} for (k, s), seen in keys.items()])
        # what the stories step keeps: terms seen once more than PRUNE_AFTER articles ago are gone
        conn.execute(story_terms.insert(), [{"term": t, "documents": n, "last_seen": last_seen[t]} for t, n in df.items()
                                            if n > 1 or last_seen[t] >= df[ALL_ARTICLES] - PRUNE_AFTER])

    write_transaction(store.engine, insert)
    return topics


def _article_row(analysed: AnalysedArticle, article_id: int, when: datetime) -> dict:
    a = analysed.article
    return {"id": article_id, "source": a.source, "canonical_key": a.source, "title": a.title, "body": a.body,
            "paragraphs": [[0, len(a.body)]], "breadcrumbs": [], "authors": [], "categories": [],
            "published": a.published, "status": "analysed", "format": "text", "content_hash": a.source,
            "body_hash": a.source, "version": 1, "is_latest": True, "ingested_at": when.isoformat()}


def filled(size: int, draws, folder: Path, name: str) -> tuple[Path, list]:
    """A store of `size` synthetic articles, built once and copied for every run; one already in
    `folder` under `name` is reused (it depends on the builder, seed and size only)."""
    path, kept = folder / f"{name}-{size}.db", folder / f"{name}-{size}.topics"
    if path.exists() and kept.exists():
        return path, pickle.loads(kept.read_bytes())
    path.unlink(missing_ok=True)
    store = open_store(str(path))
    started = time.perf_counter()
    topics = fill(store, size, draws)
    store.close()
    kept.write_bytes(pickle.dumps(topics))
    print(f"filled {size:,} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return path, topics


def measure(base: Path, topics: list, size: int, new_articles: int, draws, folder: Path) -> dict:
    """One run: a fresh copy of the filled store, WARM_UP untimed articles (imports, statement
    caches), then `new_articles` new ones of which the stories step alone is timed (the threads
    step runs too, untimed, so the store holds what it would)."""
    path = folder / f"run-{os.getpid()}.db"
    shutil.copy(base, path)
    store, report = open_store(str(path)), Report()
    timings, cpu, candidates = [], [], []
    for n in range(WARM_UP + new_articles):
        topic = draws.rng.choice(topics[-200:]) if n % 2 else draws.story_topic()
        analysed = draws.article(topic, f"new-{n}", START + timedelta(minutes=size + n + 1))
        saved = store_analysed(analysed, store, report, steps=())
        SCORED.clear()
        clock, cpu_clock = time.perf_counter(), time.process_time()
        assign_story(store, saved, analysed)
        if n >= WARM_UP:
            timings.append(1000 * (time.perf_counter() - clock))
            cpu.append(1000 * (time.process_time() - cpu_clock))
            candidates.append(sum(SCORED))
        for step in POST_SAVE_STEPS:
            if step is not assign_story:
                step(store, saved, analysed)
    store.close()
    path.unlink()
    return {"cpu_ms_mean": statistics.mean(cpu), "cpu_ms_median": statistics.median(cpu),
            "candidates_mean": statistics.mean(candidates),
            "wall_ms_mean": statistics.mean(timings), "wall_ms_p95": sorted(timings)[int(0.95 * len(timings))]}


def summarise(size: int, runs: list[dict]) -> dict:
    means = [run["cpu_ms_mean"] for run in runs]
    return {"articles": size, "runs": [{k: round(v, 2) for k, v in run.items()} for run in runs],
            "cpu_ms_median_of_runs": round(statistics.median(means), 2),
            "cpu_ms_spread": [round(min(means), 2), round(max(means), 2)],
            "candidates_per_article": round(statistics.mean(run["candidates_mean"] for run in runs), 2),
            "wall_ms_median_of_runs": round(statistics.median(run["wall_ms_mean"] for run in runs), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--new", type=int, default=200, help="new articles timed per run")
    parser.add_argument("--runs", type=int, default=3, help="runs per size, sizes interleaved")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--builder", choices=("ecbplus", "zipf"), default="ecbplus",
                        help="stories of renamed real ECB+ articles, or of Zipf-drawn words and names")
    parser.add_argument("--analysis-cache", type=Path, help="bench/stories.py's cache of ECB+'s analyses (seed 0)")
    parser.add_argument("--stores", type=Path, help="keep the filled stores in this folder and reuse them")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.builder == "ecbplus":
        templates = ecbplus_templates(args.analysis_cache)
        draws = lambda seed: EcbplusDraws(seed, templates)  # noqa: E731
    else:
        draws = Draws
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.stores or Path(tmp)
        stores = {size: filled(size, draws(args.seed), folder, f"{args.builder}-seed{args.seed}") for size in args.sizes}
        runs: dict[int, list] = {size: [] for size in args.sizes}
        for run in range(args.runs):  # interleaved: a busy spell on the machine hits every size
            for size in args.sizes:
                runs[size].append(measure(*stores[size], size, args.new, draws(args.seed + 1 + run), folder))
    results = [summarise(size, runs[size]) for size in args.sizes]
    print(f"builder: {args.builder}\n| store articles | CPU ms per article, median of runs (min-max) | wall ms, median"
          " of runs | candidates scored per article |\n| ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {r['articles']:,} | {r['cpu_ms_median_of_runs']} ({r['cpu_ms_spread'][0]}-{r['cpu_ms_spread'][1]})"
              f" | {r['wall_ms_median_of_runs']} | {r['candidates_per_article']} |")
    small, large = runs[args.sizes[0]], runs[args.sizes[-1]]
    ratio = results[-1]["cpu_ms_median_of_runs"] / results[0]["cpu_ms_median_of_runs"]
    per_run = [b["cpu_ms_mean"] / a["cpu_ms_mean"] for a, b in zip(small, large)]
    print(f"largest / smallest, CPU: {ratio:.2f}x (ratio of medians); per run {min(per_run):.2f}-{max(per_run):.2f}x")
    if args.out:
        args.out.write_text(json.dumps({"results": results, "cpu_ratio_of_medians": round(ratio, 2),
                                        "cpu_ratio_per_run": [round(r, 2) for r in per_run],
                                        "new_articles": args.new, "builder": args.builder, **run_facts()}, indent=1) + "\n")


if __name__ == "__main__":
    sys.exit(main())
