"""What the `threads` post-save step costs per new article as the STORE grows (1,000 → 100,000).

A synthetic store is built by bulk rows (save() per article would take hours at 100,000): each
article has 5 quotes drawn from a bigram model of the corpus texts (quote_match_cost.py), each
spoken by an actor drawn from a Zipf law over articles/5 actors (a few speakers are quoted
everywhere, as in news), with the step's rows: source kind, winnowed keys under the speaker,
a threaded marker, 32 random body band keys (unrelated bodies share none) and a story of 10
articles. The store grows in place from one size to the next. Then each of 40 probe articles
(8 real PolNeAR quotes, speakers from the same law) is inserted with a trimmed copy of its
first quote stored earlier under the same speaker, put in a synthetic story, and threaded by
`thread_article` inside a transaction that is rolled back: the same store for every probe.
Reported per size: ms per article p50 / p95, the probe speakers' stored quotes, planted copies
linked; and the analysis time of real articles (process_page) measured in the same run.

    python bench/thread_store_cost.py --shared ../shared --sizes 1000,10000,100000
    python bench/thread_store_cost.py --shared ../shared --sizes 1000 --repeats 5   # before/after a change
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from quote_corpus import ecb_texts, polnear_texts
from quote_match_cost import _bigrams, _probe_quotes, _synthetic_quote
from sqlalchemy import func, select

from storyline.analyze.nlp import load_nlp
from storyline.config import Settings
from storyline.model import Page
from storyline.pipeline import process_page
from storyline.store import open_store
from storyline.store.schema import (actors, articles, quote_keys, quote_links, quotes, stories, story_articles,
                                    story_quote_terms, thread_articles, thread_quotes, wire_keys)
from storyline.threads.candidates import quote_keys as keys_of
from storyline.threads.step import thread_article
from storyline.threads.stored import quote_terms
from storyline.threads.wire import BANDS

QUOTES_PER_ARTICLE = 5
ARTICLES_PER_ACTOR = 5
STORY_SIZE = 10
ZIPF = 1.1
CHUNK = 5000


def _speaker_draw(actor_count: int, rng: random.Random):
    weights = [1 / (rank + 1) ** ZIPF for rank in range(actor_count)]
    return lambda k: rng.choices(range(1, actor_count + 1), weights=weights, k=k)


def _article_row(n: int, body: str, published: str) -> dict:
    return {"source": f"synthetic/{n}", "canonical_key": f"synthetic/{n}", "body": body, "paragraphs": [],
            "breadcrumbs": [], "authors": [], "categories": [], "status": "analysed", "format": "text",
            "content_hash": f"c{n}", "body_hash": f"b{n}", "version": 1, "is_latest": True,
            "ingested_at": "2026-01-01T00:00:00+00:00", "published": published, "outlet": f"Outlet {n % 50}"}


def _published(rng: random.Random) -> str:
    return f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00+00:00"


def grow(store, start: int, end: int, following, starts, rng: random.Random) -> None:
    """Add synthetic articles start..end-1 (with their quotes, keys and step rows)."""
    actor_count = max(1, end // ARTICLES_PER_ACTOR)
    with store.engine.begin() as conn:
        have = conn.execute(select(func.count()).select_from(actors)).scalar_one()
        if actor_count > have:
            conn.execute(actors.insert(), [{"name": f"Speaker {i}", "type": "PERSON", "name_key": f"speaker {i}",
                                            "surname_key": str(i), "roles": []} for i in range(have + 1, actor_count + 1)])
    speaker = _speaker_draw(actor_count, rng)
    for first in range(start, end, CHUNK):
        batch = range(first, min(end, first + CHUNK))
        with store.engine.begin() as conn:
            rows = [_article_row(n, _synthetic_quote(following, starts, rng), _published(rng)) for n in batch]
            ids = [conn.execute(articles.insert().values(**row)).inserted_primary_key[0] for row in rows]
            said = []
            for article_id, row, who in zip(ids, rows, [speaker(QUOTES_PER_ARTICLE) for _ in ids]):
                said += [{"article_id": article_id, "position": p, "kind": "direct", "start_char": 0, "content": [],
                          "text": _synthetic_quote(following, starts, rng).strip("“”."), "actor_id": who[p],
                          "speaker_text": f"Speaker {who[p]}", "is_latest": True, "published": row["published"]}
                         for p in range(QUOTES_PER_ARTICLE)]
            conn.execute(quotes.insert(), said)
            stored = conn.execute(select(quotes.c.id, quotes.c.text, quotes.c.actor_id, quotes.c.article_id)
                                  .where(quotes.c.article_id.in_(ids))).all()
            _step_rows(conn, stored, ids, rng)


def _step_rows(conn, stored, ids: list[int], rng: random.Random) -> None:
    """The rows the threads step leaves for each article: as if each had been threaded."""
    keyed = [(q, keys_of(q.text)) for q in stored]
    conn.execute(thread_quotes.insert(), [{"quote_id": q.id, "article_id": q.article_id, "source_kind": "named",
                                           "key_count": len(keys), "term_count": len(quote_terms(q.text, "direct"))}
                                          for q, keys in keyed])
    conn.execute(quote_keys.insert(), [{"actor_id": q.actor_id, "key": k, "quote_id": q.id}
                                       for q, keys in keyed for k in keys])
    conn.execute(thread_articles.insert(), [{"article_id": i} for i in ids])
    conn.execute(wire_keys.insert(), [{"key": rng.getrandbits(63), "article_id": i} for i in ids for _ in range(BANDS)])
    for n in range(0, len(ids), STORY_SIZE):
        group = ids[n : n + STORY_SIZE]
        story = conn.execute(stories.insert().values(first_seen="2025", last_seen="2025",
                                                     article_count=len(group))).inserted_primary_key[0]
        conn.execute(story_articles.insert(), [{"article_id": i, "story_id": story, "seen": "2025"} for i in group])
        members = set(group)  # its quotes' terms, each quote its own thread (unrelated synthetic quotes)
        conn.execute(story_quote_terms.insert(), [{"story_id": story, "key": t, "quote_id": q.id} for q, _ in keyed
                                                  if q.article_id in members for t in quote_terms(q.text, "direct")])


def at_rest(store) -> None:
    """The store as it stands between bursts of writes: SQLite's write-ahead log checkpointed
    (it holds the whole bulk build otherwise, and every read consults it), Postgres' planner
    statistics gathered (autovacuum's ANALYZE)."""
    with store.engine.connect() as conn:
        if store.backend == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            conn.commit()
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")


def probe(store, probes: list[list[str]], actor_count: int, rng: random.Random) -> dict:
    """Thread each probe article in a rolled-back transaction: its time and whether it found its copy."""
    speaker = _speaker_draw(actor_count, rng)
    timings, cpu_times, found, spoken = [], [], 0, []
    with store.engine.connect() as conn:
        story_ids = conn.execute(select(stories.c.id)).scalars().all()
    for n, quoted in enumerate(probes):
        who = speaker(len(quoted))
        with store.engine.connect() as conn:
            transaction = conn.begin()
            copy = " ".join(quoted[0].strip("“”\"' ").split()[2:])
            planted = _insert_article(conn, f"planted/{n}", [copy], [who[0]], rng)
            _step_rows(conn, conn.execute(select(quotes.c.id, quotes.c.text, quotes.c.actor_id, quotes.c.article_id)
                                          .where(quotes.c.article_id == planted)).all(), [planted], rng)
            article_id = _insert_article(conn, f"probe/{n}", [q.strip("“”\"' ") for q in quoted], who, rng)
            conn.execute(story_articles.insert().values(article_id=article_id, story_id=rng.choice(story_ids), seen="2026"))
            spoken.append(conn.execute(select(func.count()).select_from(quotes).where(quotes.c.actor_id == who[0])).scalar_one())
            started, cpu = time.perf_counter(), time.process_time()
            thread_article(conn, article_id)
            timings.append(1000 * (time.perf_counter() - started))
            cpu_times.append(1000 * (time.process_time() - cpu))
            first = conn.execute(select(quotes.c.id).where(quotes.c.article_id == article_id, quotes.c.position == 0)).scalar()
            found += conn.execute(select(quote_links).where(quote_links.c.quote_b == first, quote_links.c.quote_a.in_(
                select(quotes.c.id).where(quotes.c.article_id == planted)))).first() is not None
            transaction.rollback()
    timings.sort()
    return {"ms_per_article_p50": statistics.median(timings), "ms_per_article_p95": timings[int(0.95 * (len(timings) - 1))],
            "cpu_ms_per_article_p50": statistics.median(cpu_times), "cpu_ms_per_article_mean": statistics.mean(cpu_times),
            "probe_speaker_quotes_median": statistics.median(spoken), "planted_found": found, "planted": len(probes)}


def _insert_article(conn, source: str, said: list[str], who: list[int], rng: random.Random) -> int:
    row = _article_row(0, " ".join(f"“{q},” said Speaker {w}." for q, w in zip(said, who)), _published(rng))
    row.update(source=source, canonical_key=source, content_hash=source, body_hash=source)
    article_id = conn.execute(articles.insert().values(**row)).inserted_primary_key[0]
    conn.execute(quotes.insert(), [{"article_id": article_id, "position": p, "kind": "direct", "start_char": 0,
                                    "content": [], "text": q, "actor_id": w, "speaker_text": f"Speaker {w}",
                                    "is_latest": True, "published": row["published"]} for p, (q, w) in enumerate(zip(said, who))])
    return article_id


def analysis_ms(shared: Path, count: int = 20) -> dict[str, tuple[float, float]]:
    """Median wall and CPU ms to extract and analyse one real article (the pipeline's
    per-article work): the first `count` ECB+ documents (short) and PolNeAR train articles."""
    nlp = load_nlp(Settings().spacy_model)
    process_page(Page(source="warm.txt", content=next(iter(ecb_texts(shared).values())).encode()), nlp, 1 << 20)
    out = {}
    for corpus, texts in (("ecbplus", ecb_texts(shared)), ("polnear", polnear_texts(shared))):
        times, cpu_times = [], []
        for n, text_ in enumerate(list(texts.values())[:count]):
            started, cpu = time.perf_counter(), time.process_time()
            process_page(Page(source=f"{corpus}{n}.txt", content=text_.encode()), nlp, 1 << 20)
            times.append(1000 * (time.perf_counter() - started))
            cpu_times.append(1000 * (time.process_time() - cpu))
        out[corpus] = (statistics.median(times), statistics.median(cpu_times))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--db", default="/tmp/storyline-thread-cost.db", help="SQLite file (replaced) or postgresql:// URL")
    parser.add_argument("--repeats", type=int, default=1, help="probe rounds per size: the first gives the "
                        "percentiles (cold caches), all give repeats_cpu_ms_mean, steadier for before/after")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "thread-store-cost.json")
    args = parser.parse_args()
    if "://" not in args.db:
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
    rng = random.Random(14)
    corpus = list(polnear_texts(args.shared).values()) + list(ecb_texts(args.shared).values())
    following = _bigrams(corpus)
    starts = [w for w in following if w[:1].isupper()]
    probes = _probe_quotes(args.shared, rng)
    store = open_store(args.db)
    results, size = [], 0
    for target in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        grow(store, size, target, following, starts, rng)
        size = target
        at_rest(store)
        build_s = round(time.perf_counter() - started, 1)
        runs = [probe(store, probes, max(1, size // ARTICLES_PER_ACTOR), random.Random(15)) for _ in range(args.repeats)]
        row = {"articles": size, "build_s": build_s, **runs[0],
               "repeats_cpu_ms_mean": statistics.mean(run["cpu_ms_per_article_mean"] for run in runs)}
        results.append(row)
        print(json.dumps(row), flush=True)
    analysis = analysis_ms(args.shared)
    print("\nanalysis per article, wall / CPU ms p50: " + ", ".join(
        f"{corpus} {wall:.0f} / {cpu:.0f}" for corpus, (wall, cpu) in analysis.items()))
    print("\n| store | wall p50 / p95 ms per article | CPU p50 ms | probe speaker's quotes (median) | planted found | "
          "CPU share of analysis (ECB+ / PolNeAR) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in results:
        shares = " / ".join(f"{100 * row['cpu_ms_per_article_p50'] / cpu:.1f} %" for _, cpu in analysis.values())
        print(f"| {row['articles']:,} | {row['ms_per_article_p50']:.1f} / {row['ms_per_article_p95']:.1f} | "
              f"{row['cpu_ms_per_article_p50']:.1f} | {row['probe_speaker_quotes_median']:,} | "
              f"{row['planted_found']} / {row['planted']} | {shares} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"backend": store.backend, "analysis_wall_cpu_ms_p50": analysis,
                                        "sizes": results}, indent=1))
    store.close()


if __name__ == "__main__":
    main()
