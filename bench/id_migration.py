"""Migrations 7 and 8 on a kept store: how long an older SQLite store takes to get never-reused
ids (its tables rebuilt with AUTOINCREMENT) and accent-free name keys, with every row kept.

    python bench/id_migration.py STORE.db --out bench/results/id-migration.json

The store (at schema version 6, e.g. one built by bench/store_scale.py with the code before
migration 7) is copied to a temporary file first and left as it was.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from _common import run_facts, write_results

from storyline.store import open_store
from storyline.store.engine import open_engine
from storyline.store.migrations import LATEST, migrate

TABLES = ("articles", "actors", "actor_aliases", "article_actors", "mentions", "quotes")


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}


def timed_migration(original: Path, folder: Path) -> dict:
    copy = folder / "store.db"
    shutil.copyfile(original, copy)
    before = row_counts(copy)
    with sqlite3.connect(copy) as conn:
        version = conn.execute("SELECT version FROM schema_version").fetchone()[0]
    engine = open_engine(str(copy))
    steps = {}
    for upto in range(version + 1, LATEST + 1):
        started = time.perf_counter()
        migrate(engine, upto=upto)
        steps[f"migration {upto}"] = round(time.perf_counter() - started, 2)
    engine.dispose()
    after = row_counts(copy)
    store = open_store(str(copy))
    store.close()
    return {"from_version": version, "seconds": steps, "rows_before": before, "rows_after": after,
            "rows_kept": before == after, "size_mb": round(original.stat().st_size / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="a SQLite store at schema version 6 (left unchanged)")
    parser.add_argument("--out", type=Path, default=Path("bench/results/id-migration.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = timed_migration(args.store, Path(folder))
    result.update(run_facts())
    print(f"store: {args.store} ({result['size_mb']} MB, schema version {result['from_version']})")
    print(f"{'step':<14} {'seconds':>8}")
    for step, seconds in result["seconds"].items():
        print(f"{step:<14} {seconds:>8.2f}")
    print(f"rows kept: {result['rows_kept']} ({result['rows_after']})")
    write_results(args.out, result)


if __name__ == "__main__":
    main()
