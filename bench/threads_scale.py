"""What the `threads` post-save step costs for a new article as its STORY grows (10 → 1,000 articles).

thread_store_cost.py grows the store with stories of 10; here one story grows. The story is
built from the 300 real quotes of bench/data/quote_perturbations.jsonl (PolNeAR and ECB+, read
from ../shared) the way a running story repeats them: article n quotes 6 statements drawn
from the ~40 most recently introduced (two new ones per article, the pool of 300 cycling),
each verbatim (40 %) or changed by one of that quote's own perturbations (re-punctuated,
trimmed, elided, a word replaced, dropped or added, reported as indirect speech), spoken by
its corpus speaker as a stored actor. A body is a real PolNeAR article with the quotes
appended; one article in five is a wire copy of one of the previous 50 (its last paragraph
cut). Articles are stored as rows and threaded by `thread_article` one by one (commits every
50), 10 minutes apart, so the story's threads are the step's own. At each size, PROBES new
articles of the same shape (on the same PROBE_BODIES bodies at every size, none of them a story
article's) are each threaded in a rolled-back transaction (the same store for
every probe), REPEATS times; the CPU time of `thread_article` is reported (the machine is shared:
wall time is noisy), with the links the probes made. The build's threads (as (article, position)
sets) go into the JSON, so two versions of the step can be compared for the same threads.

    python bench/threads_scale.py --shared ../shared --sizes 10,100,1000
    python bench/threads_scale.py --shared ../shared --sizes 10,100,1000 --db postgresql://…/db --out …
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quote_corpus import polnear_texts, text_of  # noqa: E402
from quote_perturbations import apply_change  # noqa: E402
from sqlalchemy import select  # noqa: E402
from thread_store_cost import at_rest  # noqa: E402

from storyline.keys import name_key, surname_key  # noqa: E402
from storyline.store import open_store  # noqa: E402
from storyline.store.schema import (actors, articles, quote_links, quotes, stories, story_articles,  # noqa: E402
                                    thread_quotes)
from storyline.threads.step import thread_article  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "quote_perturbations.jsonl"
QUOTES_PER_ARTICLE = 6
NEW_PER_ARTICLE = 2  # statements a story's article introduces
ACTIVE = 40  # an article quotes among the statements most recently introduced
COPY_SHARE, COPY_BACK = 0.2, 50
VERBATIM_SHARE = 0.4
PROBE_BODIES = 10
CHANGES = ("repunct", "case", "trim", "elide_mark", "elide_silent", "replace", "drop", "add", "indirect")


def statements(shared: Path) -> list[dict]:
    """The real quotes, each with its own perturbations (hard negatives and speaker swaps left out)."""
    out = []
    for row in map(json.loads, DATA.read_text().splitlines()):
        text = text_of(shared, row["corpus"], row["doc"])[slice(*row["span"])]
        changes = [(op, args) for op, args, *_ in row["changes"] if op in CHANGES]
        out.append({"text": text, "speaker": row["speaker"] or "a spokesman", "changes": changes})
    return out


class Story:
    """One growing story: its articles' bodies and quotes drawn as the module docstring says."""

    def __init__(self, store, shared: Path, seed: int):
        self.rng = random.Random(seed)
        self.pool = statements(shared)
        bodies = [t for t in polnear_texts(shared).values() if len(t) > 1500]
        # the probes' bodies are the same at every size and in no article of the story: they were
        # the story's next ones, so their length (the shingling) and whether an earlier article had
        # the same body (at 1,000 the story reuses bodies: a copy found) changed with the size
        self.bodies, self.probe_bodies = bodies[:-PROBE_BODIES], bodies[-PROBE_BODIES:]
        self.store = store
        self.made: list[dict] = []  # every article drawn: {"body", "said": [(text, kind, speaker)]}
        with store.engine.begin() as conn:
            self.story_id = conn.execute(stories.insert().values(
                first_seen="2026-01-01", last_seen="2026-01-01", article_count=0)).inserted_primary_key[0]
            keys = {name_key(s["speaker"]): s["speaker"] for s in self.pool}
            conn.execute(actors.insert(), [{"name": n, "type": "PERSON", "name_key": k, "surname_key": surname_key(k),
                                            "roles": []} for k, n in sorted(keys.items())])
            ids = dict(conn.execute(select(actors.c.name_key, actors.c.id)).all())
            self.actor = {s["speaker"]: ids[name_key(s["speaker"])] for s in self.pool}

    def draw(self, body: str | None = None) -> dict:
        n = len(self.made)
        if self.made and self.rng.random() < COPY_SHARE:
            original = self.rng.choice(self.made[-COPY_BACK:])
            paragraphs = original["body"].split("\n\n")
            article = {"body": "\n\n".join(paragraphs[:-1] or paragraphs), "said": original["said"]}
        else:
            newest = NEW_PER_ARTICLE * (n + 1)
            said = []
            for _ in range(QUOTES_PER_ARTICLE):
                statement = self.pool[self.rng.randrange(max(0, newest - ACTIVE), newest) % len(self.pool)]
                text, kind = statement["text"], "direct"
                if statement["changes"] and self.rng.random() > VERBATIM_SHARE:
                    text, kind = apply_change(text, *self.rng.choice(statement["changes"]))
                said.append((text.strip("“”\"' "), kind, statement["speaker"]))
            body = body or self.bodies[n % len(self.bodies)]
            article = {"body": body + "\n\n" + "\n\n".join(f"“{t},” said {s}." for t, _, s in said), "said": said}
        self.made.append(article)
        return article

    def insert(self, conn, article: dict, n: int) -> int:
        published = f"2026-01-{1 + n // 144:02d}T{n % 144 // 6:02d}:{n % 6 * 10:02d}:00+00:00"
        key = f"story/{self.story_id}/{n}"
        article_id = conn.execute(articles.insert().values(
            source=key, canonical_key=key, body=article["body"], paragraphs=[], breadcrumbs=[], authors=[],
            categories=[], status="analysed", format="text", content_hash=key, body_hash=key, version=1,
            is_latest=True, ingested_at=published, published=published, outlet=f"Outlet {n % 40}")
        ).inserted_primary_key[0]
        conn.execute(quotes.insert(), [{"article_id": article_id, "position": p, "kind": kind, "start_char": 0,
                                        "content": [], "text": text, "actor_id": self.actor[speaker],
                                        "speaker_text": speaker, "is_latest": True, "published": published}
                                       for p, (text, kind, speaker) in enumerate(article["said"])])
        conn.execute(story_articles.insert().values(article_id=article_id, story_id=self.story_id, seen=published))
        return article_id

    def grow(self, size: int, chunk: int = 50) -> None:
        while len(self.made) < size:
            with self.store.engine.begin() as conn:
                for _ in range(min(chunk, size - len(self.made))):
                    n = len(self.made)
                    thread_article(conn, self.insert(conn, self.draw(), n))

    def probe(self, count: int) -> dict:
        """Thread `count` new articles of the story, each rolled back: CPU ms each, links made."""
        state = self.rng.getstate()
        cpu, links = [], 0
        for p in range(count):
            n = len(self.made)
            article = self.draw(self.probe_bodies[p % PROBE_BODIES])
            with self.store.engine.connect() as conn:
                transaction = conn.begin()
                article_id = self.insert(conn, article, n)
                started = time.process_time()
                thread_article(conn, article_id)
                cpu.append(1000 * (time.process_time() - started))
                links += len(conn.execute(select(quote_links.c.quote_a).join(quotes, quotes.c.id == quote_links.c.quote_b)
                                          .where(quotes.c.article_id == article_id)).all())
                transaction.rollback()
            self.made.pop()
        self.rng.setstate(state)  # the next size grows the same story whatever was probed
        return {"cpu_ms": cpu, "links": links}

    def threads(self) -> list[list[tuple[int, int]]]:
        """The story's threads as sorted (article number, quote position) lists: comparable across runs."""
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(thread_quotes.c.thread_id, articles.c.source, quotes.c.position)
                                .join(quotes, quotes.c.id == thread_quotes.c.quote_id)
                                .join(articles, articles.c.id == quotes.c.article_id)
                                .where(thread_quotes.c.thread_id.is_not(None))).all()
        found: dict[int, list] = {}
        for thread_id, source, position in rows:
            found.setdefault(thread_id, []).append((int(source.rsplit("/", 1)[1]), position))
        return sorted(sorted(members) for members in found.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--probes", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--db", default="/tmp/storyline-threads-scale.db", help="SQLite file (replaced) or postgresql:// URL")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "threads-scale.json")
    args = parser.parse_args()
    if "://" not in args.db:
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
    store = open_store(args.db)
    story = Story(store, args.shared, seed=13)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        story.grow(size)
        at_rest(store)
        build_s = time.perf_counter() - started
        runs = [story.probe(args.probes) for _ in range(args.repeats)]
        cpu = [ms for run in runs for ms in run["cpu_ms"]]
        row = {"story_articles": size, "build_s": round(build_s, 1), "cpu_ms_mean": statistics.mean(cpu),
               "cpu_ms_p50": statistics.median(cpu), "cpu_ms_run_means": [statistics.mean(r["cpu_ms"]) for r in runs],
               "probe_links": runs[0]["links"], "threads": len(story.threads())}
        rows.append(row)
        print(json.dumps({k: v for k, v in row.items()}), flush=True)
    print(f"\n{store.backend}, {args.probes} probes x {args.repeats} runs per size\n")
    print("| story articles | step CPU ms mean (p50) | per run | links by the first run's probes | threads |")
    print("| ---: | ---: | --- | ---: | ---: |")
    for row in rows:
        print(f"| {row['story_articles']:,} | {row['cpu_ms_mean']:.1f} ({row['cpu_ms_p50']:.1f}) | "
              f"{' / '.join(f'{m:.1f}' for m in row['cpu_ms_run_means'])} | {row['probe_links']} | {row['threads']} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"backend": store.backend, "sizes": rows, "threads": story.threads()}))
    store.close()


if __name__ == "__main__":
    main()
