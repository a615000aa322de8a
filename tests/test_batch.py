"""Batch on Dask: a real WARC through run_batch on a LocalCluster into Parquet shards, a batch
killed with SIGKILL and resumed, and the shards loaded into a store.

Kept small for two shared cores: one worker, a handful of short benchmark pages.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import ExitStack
from pathlib import Path

import psutil
import pyarrow.dataset as ds
import pytest
from crawl_fixtures import benchmark_pages, write_test_warc
from distributed import LocalCluster
from pg import postgres_server, postgres_url  # noqa: F401

from storyline.batch import _connect, run_batch
from storyline.model import AnalysedArticle, Failure
from storyline.shards import MANIFEST, SCHEMAS, Manifest, load_shards, read_shard
from storyline.store import open_store

pytestmark = pytest.mark.slow  # Dask clusters and a killed process


def table_rows(out_dir: Path, table: str) -> list[str]:
    """Rows of one table over every shard, comparable across runs."""
    rows = ds.dataset(out_dir / table, format="parquet").to_table().to_pylist()
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


def all_rows(out_dir: Path) -> dict[str, list[str]]:
    return {table: table_rows(out_dir, table) for table in SCHEMAS}


@pytest.fixture(scope="module")
def cluster():
    """One shared single-worker cluster for the runs that are not about starting one."""
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0") as cluster:
        yield cluster


@pytest.fixture(scope="module")
def pages(shared_dir):
    return benchmark_pages(shared_dir, 4)


@pytest.fixture(scope="module")
def crawl(pages, tmp_path_factory) -> Path:
    return write_test_warc(tmp_path_factory.mktemp("warc") / "crawl.warc.gz", pages[:3])


def test_the_local_cluster_listens_on_this_machine_only():
    """The scheduler, its dashboard and the workers: none listens on 0.0.0.0 (the dashboard did)."""
    before = _listening()
    with ExitStack() as stack:
        _connect(stack, None, 1)
        opened = _listening() - before
    assert opened and {ip for ip, _port in opened} <= {"127.0.0.1", "::1"}, opened


def _listening() -> set[tuple[str, int]]:
    """(address, port) of every socket this process and its children listen on."""
    here = psutil.Process()
    return {tuple(connection.laddr) for process in [here, *here.children(recursive=True)]
            for connection in process.net_connections(kind="inet") if connection.status == psutil.CONN_LISTEN}


def test_warc_and_files_through_a_local_cluster_into_shards(crawl, pages, cluster, tmp_path):
    page_file = pages[3].path  # a plain .html.gz input beside the WARC, read in place
    out = tmp_path / "out"
    report = run_batch([crawl, page_file], out, workers=1, chunk_pages=2, progress=False)

    assert report.counts["pages"] == 6
    assert report.skipped == {"HTTP 404": 1, "not HTML (image/png)": 1}
    assert report.failed == {} and report.counts["articles"] == 4 and report.per_second("articles") > 0
    assert report.dashboard and report.dashboard.startswith("http://127.0.0.1:")  # bokeh serves it
    articles = ds.dataset(out / "articles", format="parquet").to_table().to_pylist()
    assert {a["source"] for a in articles} >= {str(page_file.resolve())}  # batch names inputs by their real path
    assert all(a["fetched_at"] == "2019-11-20T10:00:00Z" for a in articles if a["source"].startswith("warc:"))
    assert len(table_rows(out, "failures")) == 2
    quotes = ds.dataset(out / "quotes", format="parquet").to_table().to_pylist()
    assert quotes and all(q["source"] in {a["source"] for a in articles} for q in quotes)

    again = run_batch([crawl, page_file], out, scheduler=cluster.scheduler_address, chunk_pages=2, progress=False)
    assert ("shards_written" not in again.counts, again.counts["shards_already_done"]) == (True, report.counts["shards_written"])


def finished_lines(out_dir: Path) -> int:
    path = out_dir / MANIFEST
    return path.read_text().count("\n") if path.exists() else 0


BATCH_SCRIPT = textwrap.dedent("""
    import sys
    from storyline.batch import _connect, run_batch
    if __name__ == "__main__":
        run_batch([sys.argv[1]], sys.argv[2], workers=1, chunk_pages=1, progress=False)
""")


def test_killed_batch_resumes_without_loss_or_duplicates(crawl, cluster, tmp_path):
    reference, resumed = tmp_path / "reference", tmp_path / "resumed"
    run_batch([crawl], reference, scheduler=cluster.scheduler_address, chunk_pages=1, progress=False)
    total = len(Manifest.open(reference).entries)

    script = tmp_path / "batch.py"
    script.write_text(BATCH_SCRIPT)
    child = subprocess.Popen([sys.executable, str(script), str(crawl), str(resumed)],
                             start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while finished_lines(resumed) < 1 and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(child.pid, signal.SIGKILL)  # the driver and its workers, mid-run
    child.wait()
    done_at_kill = len(Manifest.open(resumed).entries)
    assert 1 <= done_at_kill < total

    # what a kill can leave: a shard without its manifest line, a line cut short
    (resumed / "articles" / "0000deadbeef0000.parquet").write_bytes(b"partial")
    with open(resumed / MANIFEST, "a") as manifest:
        manifest.write('{"shard": "0000')

    report = run_batch([crawl], resumed, scheduler=cluster.scheduler_address, chunk_pages=1, progress=False)
    assert report.counts["shards_already_done"] == done_at_kill
    assert all_rows(resumed) == all_rows(reference)
    assert len(Manifest.open(resumed).entries) == total


def test_shards_round_trip_and_load_into_both_stores_alike(crawl, cluster, tmp_path, postgres_url):
    out = tmp_path / "out"
    run_batch([crawl], out, scheduler=cluster.scheduler_address, progress=False)
    records = [r for shard in Manifest.open(out).shard_ids() for r in read_shard(out, shard)]
    articles = [r for r in records if isinstance(r, AnalysedArticle)]
    assert len(articles) == 3 and sum(isinstance(r, Failure) for r in records) == 2
    assert any(a.quotes and a.quotes[0].content for a in articles)

    stored = {}
    for backend, url in (("sqlite", str(tmp_path / "storyline.db")), ("postgres", postgres_url)):
        store = open_store(url)
        report = load_shards(out, store)
        assert report.saved == {"ingested": 3} and sum(report.skipped.values()) == 2 and report.failed == {}
        assert load_shards(out, store).saved == {"unchanged": 3}
        stored[backend] = stored_rows(store)
        store.close()
    assert len(stored["sqlite"]["articles"]) == 3 and stored["sqlite"]["quotes"]
    assert stored["sqlite"] == stored["postgres"]


def stored_rows(store) -> dict:
    """What a user reads back, without the moments of ingest that differ by run."""
    def without_times(record) -> dict:
        return record.model_dump(exclude={"ingested_at", "versions"})

    listed = store.list_articles(limit=100).items
    return {
        "articles": [without_times(store.get_article(a.id)) for a in listed],
        "quotes": [without_times(q) for q in store.list_quotes(limit=500).items],
        "actors": store.list_actors(limit=500).items,
        "failures": sorted((f.source, f.reason) for f in store.failures().items),
    }


def test_a_second_batch_on_the_same_folder_is_refused(crawl, tmp_path):
    tmp_path.joinpath(".lock").touch()
    with open(tmp_path / ".lock") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(RuntimeError, match="another batch"):
            run_batch([crawl], tmp_path, workers=1, progress=False)
