"""Store at scale: ingest rate of `Store.save` and search latency (p50/p95) over N articles,
on a real SQLite file and a real Postgres server.

    nice python bench/store_scale.py --articles 100000 --out bench/results/store-scale.json

spaCy runs once, on a sample of PolNeAR training texts (read in place). The N stored
articles are spliced from that sample: the first half of one article's paragraphs followed
by the second half of another's, with every mention, quote and paragraph offset carried
over, under its own URL, outlet and publication date. Each save goes through `Store.save`,
the production code path. Postgres is started with scripts/start-postgres.sh unless --pg
is given. `--max-ingest-s` caps the ingest per backend; the N actually built is reported.
`--sqlite-db PATH` keeps the SQLite store (a --pg database is kept anyway), and
`--measure-only` times the queries on such a kept store again without ingesting.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from _common import run_facts, write_results

from storyline.analyze import analyze_article
from storyline.analyze.nlp import load_nlp
from storyline.config import Settings
from storyline.extract import extract_article
from storyline.model import AnalysedArticle, Article, Failure, Mention, Page, Paragraph, Quote, Span
from storyline.store import Store, open_store

REPO = Path(__file__).resolve().parent.parent
OUTLETS = [f"{name} News" for name in (
    "Capital", "Harbor", "Prairie", "Summit", "Valley", "Lakeside", "Metro", "Coastal", "Frontier", "Union",
    "Pioneer", "Granite", "Riverside", "Northern", "Southern", "Eastern", "Western", "Central", "Liberty", "Civic")]
FIRST_DAY = date(2015, 1, 1)
DAYS = 730
SEARCHES = [
    # names
    "Clinton", "Putin", "Trump", "Obama", "Sanders", "Merkel", "Netanyahu", "Cruz", "Rubio", "Assad",
    # common words
    "said", "president", "government", "people", "campaign", "election", "year", "state", "police", "percent",
    # rarer words
    "refugees", "filibuster", "cybersecurity", "gerrymandering", "impeachment", "tariffs", "pipeline",
    "vaccine", "drought", "subpoena",
    # two words
    "health care", "climate change", "foreign policy", "supreme court", "gun control", "tax cuts",
    "middle east", "border wall", "Islamic State", "White House",
    # phrases and web-search syntax
    '"Hillary Clinton"', '"national security"', '"Republican debate"', '"the American people"',
    '"Planned Parenthood"', "Syria -Russia", "Iran OR Iraq", '"Donald Trump" immigration',
    "Benghazi emails", "Paris attacks",
]
SPEAKERS = ["Trump", "Clinton", "Hillary Clinton", "Obama", "Putin", "Sanders", "Cruz", "Jeb Bush",
            "Carson", "nobody-by-this-name"]
ARTICLE_QUERIES = ["Clinton", "election", "refugees", '"climate change"', "said", "Putin",
                   "impeachment", "tax cuts", "White House", "drought"]


def analysed_sample(texts: Path, sample: int, settings: Settings) -> list[AnalysedArticle]:
    """The first `sample` PolNeAR texts, extracted and analysed once (English only)."""
    nlp = load_nlp(settings.spacy_model)
    analysed = []
    for path in sorted(texts.glob("*.txt"))[:sample]:
        article = extract_article(Page(str(path), path.read_bytes(), content_type="text/plain"),
                                  settings.max_page_bytes)
        if not isinstance(article, Failure) and (article.language or "en") == "en":
            analysed.append(analyze_article(article, nlp))
    return analysed


def spliced(head: AnalysedArticle, tail: AnalysedArticle) -> AnalysedArticle:
    """The first half of `head`'s paragraphs, then the second half of `tail`'s, with the mentions,
    quotes and actors of each part and every offset moved to the new body."""
    hp, tp = head.article.paragraphs, tail.article.paragraphs
    cut_head, cut_tail = hp[(len(hp) - 1) // 2].end, tp[len(tp) // 2].start
    shift = cut_head + 1 - cut_tail
    body = head.article.body[:cut_head] + "\n" + tail.article.body[cut_tail:]
    paragraphs = [p for p in hp if p.end <= cut_head] + [
        Paragraph(p.start + shift, p.end + shift) for p in tp if p.start >= cut_tail]
    actors = head.actors + tail.actors
    mentions = [m for m in head.mentions if m.end <= cut_head] + [
        Mention(m.actor + len(head.actors), m.start + shift, m.end + shift, m.text)
        for m in tail.mentions if m.start >= cut_tail]
    quotes = [q for q in head.quotes if _spans_end(q) <= cut_head] + [
        _moved(q, shift, len(head.actors)) for q in tail.quotes if _spans_start(q) >= cut_tail]
    kept = sorted({m.actor for m in mentions} | {q.speaker_actor for q in quotes if q.speaker_actor is not None})
    index = {old: new for new, old in enumerate(kept)}
    return replace(
        head, article=replace(head.article, body=body, paragraphs=paragraphs),
        actors=[actors[i] for i in kept],
        mentions=[replace(m, actor=index[m.actor]) for m in mentions],
        quotes=[replace(q, speaker_actor=index.get(q.speaker_actor)) for q in quotes],
    )


def _spans(quote: Quote) -> list[Span]:
    return [*quote.content, *(s for s in (quote.cue, quote.speaker) if s is not None)]


def _spans_start(quote: Quote) -> int:
    return min(s.start for s in _spans(quote))


def _spans_end(quote: Quote) -> int:
    return max(s.end for s in _spans(quote))


def _moved(quote: Quote, shift: int, actor_shift: int) -> Quote:
    def move(span: Span | None) -> Span | None:
        return span and Span(span.start + shift, span.end + shift, span.text)

    return replace(quote, content=[move(s) for s in quote.content], cue=move(quote.cue),
                   speaker=move(quote.speaker),
                   speaker_actor=None if quote.speaker_actor is None else quote.speaker_actor + actor_shift)


def derived_articles(sample: list[AnalysedArticle], count: int) -> Iterator[AnalysedArticle]:
    """`count` articles: article i splices sample[i % S] with sample[(i % S + 1 + (i // S) % (S - 1)) % S],
    so the first S × (S - 1) have distinct bodies; outlet and date vary with i."""
    size = len(sample)
    for i in range(count):
        head = i % size
        tail = (head + 1 + (i // size) % (size - 1)) % size
        article = spliced(sample[head], sample[tail])
        outlet = OUTLETS[i % len(OUTLETS)]
        day = FIRST_DAY + timedelta(days=(i * 7919) % DAYS)
        url = f"https://{outlet.split()[0].lower()}.example/{day:%Y/%m}/story-{i}"
        yield replace(article, article=_placed(article.article, url, outlet, day, i))


def _placed(article: Article, url: str, outlet: str, day: date, i: int) -> Article:
    return replace(article, source=url, url=url, canonical_url=url, outlet=outlet,
                   published=day.isoformat(), content_hash=hashlib.sha256(f"store-scale-{i}".encode()).hexdigest())


def ingest(store: Store, articles: Iterator[AnalysedArticle], max_seconds: float, window: int) -> dict:
    """Save articles until they run out or time does; the rate overall and per `window` saves."""
    rates, start = [], time.perf_counter()
    window_start, saved = start, 0
    for analysed in articles:
        store.save(analysed)
        saved += 1
        if saved % window == 0:
            now = time.perf_counter()
            rates.append(round(window / (now - window_start), 1))
            window_start = now
            if now - start > max_seconds:
                break
    elapsed = time.perf_counter() - start
    return {"articles": saved, "elapsed_s": round(elapsed, 1), "articles_per_s": round(saved / elapsed, 1),
            "window": window, "rate_per_window": rates}


def latencies(runs: list[tuple[str, Callable[[], object]]], repeats: int) -> dict:
    """Each call `repeats` times (after one untimed warm-up of them all): ms percentiles and the slowest."""
    for _, call in runs:
        call()
    timed = {label: [] for label, _ in runs}
    for _ in range(repeats):
        for label, call in runs:
            clock = time.perf_counter()
            call()
            timed[label].append(1000 * (time.perf_counter() - clock))
    every = sorted(ms for values in timed.values() for ms in values)
    slowest = sorted(((statistics.median(v), label) for label, v in timed.items()), reverse=True)[:5]
    return {"calls": len(every), "p50_ms": round(_percentile(every, 50), 1),
            "p95_ms": round(_percentile(every, 95), 1), "max_ms": round(every[-1], 1),
            "slowest_median_ms": {label: round(ms, 1) for ms, label in slowest}}


def _percentile(values: list[float], p: int) -> float:
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def measure_backend(url: str, sample: list[AnalysedArticle], args: argparse.Namespace) -> dict:
    store = open_store(url)
    try:
        built = None if args.measure_only else ingest(
            store, derived_articles(sample, args.articles), args.max_ingest_s, args.window)
        searches = [(f"search {q}", lambda q=q: store.search(q)) for q in SEARCHES]
        speakers = [(f"list_quotes {s}", lambda s=s: store.list_quotes(speaker=s)) for s in SPEAKERS]
        listings = [(f"list_articles {q}", lambda q=q: store.list_articles(q=q)) for q in ARTICLE_QUERIES]
        return {"backend": store.backend, "settings": _server_settings(store), "ingest": built, "stats": _totals(store),
                "search": latencies(searches, args.repeats),
                "list_quotes": latencies(speakers, args.repeats),
                "list_articles": latencies(listings, args.repeats)}
    finally:
        store.close()


def _server_settings(store: Store) -> dict:
    """The Postgres settings that decide how much of the store is read from memory."""
    if store.backend != "postgresql":
        return {}
    with store.engine.connect() as conn:
        return {name: conn.exec_driver_sql(f"SHOW {name}").scalar_one() for name in ("shared_buffers", "work_mem")}


def _totals(store: Store) -> dict:
    return store.stats().model_dump(include={"articles", "actors", "quotes", "mentions"})


def postgres_url(given: str | None) -> tuple[str, str | None]:
    """The --pg URL, or a throwaway server's URL and its directory (to stop afterwards)."""
    if given:
        return given, None
    script = REPO / "scripts" / "start-postgres.sh"
    exports = subprocess.run([str(script)], check=True, capture_output=True, text=True).stdout
    found = dict(line.removeprefix("export ").replace("'", "").split("=", 1)
                 for line in exports.splitlines() if line.startswith("export "))
    return found["STORYLINE_TEST_PG"], found["STORYLINE_TEST_PG_DIR"]


def run_backend(name: str, sample: list[AnalysedArticle], args: argparse.Namespace) -> dict:
    if name == "sqlite" and args.sqlite_db:
        result = measure_backend(str(args.sqlite_db), sample, args)
        return result | {"db_mb": round(args.sqlite_db.stat().st_size / 2**20)}
    if name == "sqlite":
        with tempfile.TemporaryDirectory(prefix="storyline-store-scale-") as folder:
            path = Path(folder) / "store.db"
            result = measure_backend(str(path), sample, args)
            return result | {"db_mb": round(sum(f.stat().st_size for f in Path(folder).iterdir()) / 2**20)}
    url, folder = postgres_url(args.pg)
    try:
        return measure_backend(url, sample, args)
    finally:
        if folder:
            subprocess.run([str(REPO / "scripts" / "start-postgres.sh"), "--stop", folder], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles to store per backend")
    parser.add_argument("--sample", type=int, default=320, help="PolNeAR texts analysed by spaCy")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg", help="a Postgres URL to use instead of a throwaway server")
    parser.add_argument("--max-ingest-s", type=float, default=900, help="stop ingesting a backend after this")
    parser.add_argument("--window", type=int, default=1000, help="saves per ingest-rate window")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--sqlite-db", type=Path, help="keep the SQLite store in this file")
    parser.add_argument("--measure-only", action="store_true", help="time the queries on a kept store, no ingest")
    parser.add_argument("--shared", type=Path, default=Settings().shared)
    parser.add_argument("--out", type=Path, default=Path("bench/results/store-scale.json"))
    args = parser.parse_args()
    settings = Settings()
    clock = time.perf_counter()
    texts = args.shared / "data" / "polnear" / "train" / "text"
    sample = [] if args.measure_only else analysed_sample(texts, args.sample, settings)
    if not args.measure_only and not sample:
        parser.error(f"no English PolNeAR texts to build articles from in {texts} (see --shared)")
    result = {**run_facts(), "spacy_model": settings.spacy_model, "sample": len(sample),
              "sample_analysis_s": round(time.perf_counter() - clock, 1), "articles_asked": args.articles,
              "max_ingest_s": args.max_ingest_s, "repeats": args.repeats, "measure_only": args.measure_only,
              "backends": [run_backend(name, sample, args) for name in args.backends.split(",")]}
    print_table(result)
    write_results(args.out, result)


def print_table(result: dict) -> None:
    print(f"{result['sample']} analysed texts ({result['sample_analysis_s']} s), {result['articles_asked']} asked")
    print("backend | articles | ingest/s | first/last window /s | search p50/p95 ms | "
          "list_quotes p50/p95 ms | list_articles p50/p95 ms")
    for run in result["backends"]:
        built = run["ingest"] or {"articles": run["stats"]["articles"], "articles_per_s": "-", "rate_per_window": []}
        rates = built["rate_per_window"] or ["-"]
        cells = [run["backend"], built["articles"], built["articles_per_s"], f"{rates[0]}/{rates[-1]}",
                 *(f"{run[k]['p50_ms']}/{run[k]['p95_ms']}" for k in ("search", "list_quotes", "list_articles"))]
        print(" | ".join(map(str, cells)))
        for kind in ("search", "list_quotes", "list_articles"):
            print(f"  slowest {kind}: {run[kind]['slowest_median_ms']}")


if __name__ == "__main__":
    main()
