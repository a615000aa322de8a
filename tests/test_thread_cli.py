"""`storyline quotes --thread ID` and the threads in `storyline story ID`, in process, over a
real SQLite store into which seven outlets' reports of one strike were ingested."""

from __future__ import annotations

import json

import pytest
from cached_ingest import cached_ingest
from cli_run import run
from thread_pages import strike_pages

from storyline.store import open_store


@pytest.fixture(scope="module")
def strike_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("thread-cli") / "storyline.db"
    store = open_store(str(path))
    assert {saved.outcome for saved in cached_ingest(store, strike_pages())} == {"ingested"}
    store.close()
    return path


def main_thread(db) -> dict:
    story = json.loads(run("stories", "--json", db=db).stdout)["items"][0]["id"]
    listed = run("story", str(story), db=db).stdout.decode().split("Quotes across outlets")[1]
    thread_id = next(line.split("│")[1].strip() for line in listed.splitlines()
                     if "We will not accept" in line and line.startswith("│"))
    return json.loads(run("quotes", "--thread", thread_id, "--json", db=db).stdout)


def test_a_thread_as_json_and_as_a_table_with_links_and_word_diffs(strike_db):
    thread = main_thread(strike_db)
    assert thread["first_report"]["outlet"] == "AP News" and thread["outlets"] == 7
    assert [q["link_kind"] for q in thread["quotes"]] == [None, "verbatim", "trimmed", "elided", "altered",
                                                           "paraphrase", "trimmed"]
    out = run("quotes", "--thread", str(thread["id"]), db=strike_db).stdout.decode()
    assert out.startswith(f"quote thread {thread['id']}: 7 versions in 7 outlets")
    rows = out.split("├")
    altered = next(row for row in rows if "Evening Digest" in row)
    assert "│ altered " in altered and "[-members-]" in altered and "{+workers+}" in altered
    shifted = next(row for row in rows if "Morning Post" in row)
    assert "Anna Smit" in shifted and "trimmed, speaker" in shifted


def test_a_missing_thread_is_one_line(strike_db):
    missing = run("quotes", "--thread", "999", db=strike_db, check=False)
    assert missing.returncode == 2
    assert missing.stderr.decode().splitlines() == [
        "error: no quote thread with id 999; 'storyline story ID' lists a story's threads"]
