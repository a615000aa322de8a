"""What the store is asked per ingest and per page: SQL statements and connections, counted.

    python bench/store_reads.py --out bench/results/store-reads.json
    python bench/store_reads.py --db postgresql://... --out /tmp/store-reads-pg.json

Two ECB+ stories (default 1ecb and 1ecbplus: two celebrities' rehab stays, 39 articles) are
ingested in doc id order through the pipeline's sink (`store_analysed`: save, stories,
threads), each article given one of five outlet names in turn, into a fresh store served by
the web app in process (FastAPI's TestClient). Counted through SQLAlchemy's engine events:
statements executed and pool connections checked out, per ingested article (mean and max),
then per request for the largest story's page and JSON, and the page of the article with the
most threaded quotes. Last, `settled_outlet` (the outlet-name check of every save) is timed on
synthetic stores of --outlet-sizes articles, 20 per outlet, whose outlets all share a first letter, built at
schema 17 by bulk rows and then migrated (so a later migration fills what it adds).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import event, func, select

sys.path.insert(0, str(Path(__file__).parent))
from _common import run_facts, write_results  # noqa: E402
from stories import analyse  # noqa: E402
from thread_store_cost import _article_row  # noqa: E402

from storyline.analyze.nlp import load_nlp  # noqa: E402
from storyline.config import Settings  # noqa: E402
from storyline.model import Failure  # noqa: E402
from storyline.pipeline import store_analysed  # noqa: E402
from storyline.report import Report  # noqa: E402
from storyline.serve.app import create_app  # noqa: E402
from storyline.store import open_store  # noqa: E402
from storyline.store.engine import open_engine  # noqa: E402
from storyline.store.migrations import migrate  # noqa: E402
from storyline.store.outlets import settled_outlet  # noqa: E402
from storyline.store.schema import articles, story_articles, thread_quotes  # noqa: E402

OUTLETS = ("Daily Planet", "Gotham Gazette", "Metro Herald", "Coast Courier", "Valley Voice")
BULK_SCHEMA = 17  # the schema the synthetic outlet stores are built at, before any later migration
CALLS = 25


class Counted:
    """Statements and connection checkouts on an engine since the last `take`."""

    def __init__(self, engine):
        self.statements = self.connections = 0
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "checkout", self._checkout)

    def _statement(self, *_args) -> None:
        self.statements += 1

    def _checkout(self, *_args) -> None:
        self.connections += 1

    def take(self) -> tuple[int, int]:
        taken = (self.statements, self.connections)
        self.statements = self.connections = 0
        return taken


def ingest_and_serve(docs: list[dict], db: str) -> dict:
    settings = dataclasses.replace(Settings(), db=db)
    nlp = load_nlp(settings.spacy_model)
    analysed = [analyse(doc, nlp, settings) for doc in docs]
    app = create_app(settings)
    store = app.state.store
    counted = Counted(store.engine)
    per_article, report = [], Report()
    for result in analysed:
        if isinstance(result, Failure):
            continue
        counted.take()
        store_analysed(result, store, report)
        per_article.append(counted.take())
    story_id, article_id = store.read(_largest_story_and_most_threaded_article)
    requests = {}
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for path in (f"/stories/{story_id}", f"/api/stories/{story_id}", f"/api/stories/{story_id}/threads",
                     f"/api/stories/{story_id}/wire", f"/api/stories/{story_id}/sources", f"/articles/{article_id}",
                     f"/api/articles/{article_id}/threads"):
            counted.take()
            status = client.get(path).status_code
            statements, connections = counted.take()
            requests[path] = {"status": status, "statements": statements, "connections": connections}
    statements = [s for s, _ in per_article]
    connections = [c for _, c in per_article]
    return {"articles": len(per_article), "story_id": story_id, "article_id": article_id,
            "ingest": {"statements_mean": round(statistics.mean(statements), 1), "statements_max": max(statements),
                       "connections_mean": round(statistics.mean(connections), 2),
                       "connections_max": max(connections)},
            "requests": requests}


def _largest_story_and_most_threaded_article(conn) -> tuple[int, int]:
    story = conn.execute(select(story_articles.c.story_id).group_by(story_articles.c.story_id)
                         .order_by(func.count().desc(), story_articles.c.story_id).limit(1)).scalar_one()
    article = conn.execute(select(thread_quotes.c.article_id).where(thread_quotes.c.thread_id.is_not(None))
                           .group_by(thread_quotes.c.article_id)
                           .order_by(func.count().desc(), thread_quotes.c.article_id).limit(1)).scalar()
    return story, article or 1


def settled_outlet_ms(size: int, folder: Path) -> dict:
    """ms per settled_outlet call on a store of `size` articles, 20 per outlet ("Outlet N"): a
    store that grows gains outlets too."""
    path = folder / f"outlets-{size}.db"
    engine = open_engine(str(path))
    migrate(engine, upto=BULK_SCHEMA)
    with engine.begin() as conn:
        for first in range(0, size, 5000):
            rows = [{**_article_row(n, "Body.", "2025-01-01"), "outlet": f"Outlet {n % (size // 20)}"}
                    for n in range(first, min(size, first + 5000))]
            conn.execute(articles.insert(), rows)
    engine.dispose()
    store = open_store(str(path))
    timings = Counter()
    for name, outlet in (("known spelling", "Outlet 7"), ("new spelling", "OUTLET-7"), ("new outlet", "Outlet X")):
        seconds = []
        for _ in range(CALLS):
            with store.engine.connect() as conn, conn.begin() as transaction:
                started = time.perf_counter()
                settled_outlet(conn, outlet)
                seconds.append(time.perf_counter() - started)
                transaction.rollback()  # the same store for every call
        timings[name] = round(1000 * statistics.median(seconds), 3)
    store.close()
    return {"articles": size, "ms_median": dict(timings)}


def print_table(result: dict) -> None:
    ingest = result["ingest"]
    print(f"| per ingested article ({result['articles']}) | statements mean / max | connections mean / max |")
    print("| --- | ---: | ---: |")
    print(f"| save + stories + threads | {ingest['statements_mean']} / {ingest['statements_max']} "
          f"| {ingest['connections_mean']} / {ingest['connections_max']} |\n")
    print("| request | status | statements | connections |\n| --- | ---: | ---: | ---: |")
    for path, counts in result["requests"].items():
        print(f"| {path} | {counts['status']} | {counts['statements']} | {counts['connections']} |")
    print("\n| store articles | settled_outlet ms: known / new spelling / new outlet |\n| ---: | --- |")
    for row in result["settled_outlet"]:
        ms = row["ms_median"]
        print(f"| {row['articles']} | {ms['known spelling']} / {ms['new spelling']} / {ms['new outlet']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="the shared data folder (default ../shared)")
    parser.add_argument("--stories", default="1ecb,1ecbplus", help="ECB+ stories to ingest, comma-separated")
    parser.add_argument("--db", help="a store URL to fill instead of a fresh temporary SQLite file")
    parser.add_argument("--outlet-sizes", default="1000,50000", help="synthetic store sizes for settled_outlet")
    parser.add_argument("--out", type=Path, default=Path("bench/results/store-reads.json"))
    args = parser.parse_args()
    corpus = (args.shared or Settings().shared) / "data" / "ecbplus" / "docs.jsonl"
    wanted = set(args.stories.split(","))
    docs = sorted((doc for doc in map(json.loads, corpus.read_text(encoding="utf-8").splitlines())
                   if doc["story"] in wanted), key=lambda doc: doc["doc_id"])
    for n, doc in enumerate(docs):
        doc["outlet"] = OUTLETS[n % len(OUTLETS)]
    with tempfile.TemporaryDirectory() as tmp:
        result = ingest_and_serve(docs, args.db or str(Path(tmp) / "reads.db"))
        result["settled_outlet"] = [settled_outlet_ms(int(size), Path(tmp)) for size in args.outlet_sizes.split(",")]
    result |= {"code": str(Path(create_app.__code__.co_filename).parents[2]), **run_facts()}
    print_table(result)
    write_results(args.out, result)


if __name__ == "__main__":
    main()
