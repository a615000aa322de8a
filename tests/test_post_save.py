"""Post-save steps run once for every stored article, whichever driver stored it (ingest, follow,
the web app, load), and a step that raises leaves the article stored and a failure recorded."""

from __future__ import annotations

from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

import pytest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from serving import serving, serving_site
from sqlalchemy import text

from storyline.config import Settings
from storyline.ingest.feeds import follow_feeds
from storyline.ingest.fetch import Fetcher
from storyline.model import Failure, Page, Stage
from storyline.pipeline import POST_SAVE_STEPS, Ingester, ingest_pages, process_page
from storyline.serve.app import create_app
from storyline.shards import Manifest, load_shards, write_shard
from storyline.store import open_store


@dataclass
class LogStep:
    """A real step: writes each article it is given to a table of its own, in its own transaction."""

    name: str = "log"

    def __call__(self, store, saved, analysed) -> None:
        with store.engine.begin() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS post_save_log (article_id INTEGER, outcome TEXT, source TEXT)"))
            conn.execute(text("INSERT INTO post_save_log VALUES (:id, :outcome, :source)"),
                         {"id": saved.article_id, "outcome": saved.outcome, "source": analysed.article.source})


@dataclass
class BrokenStep:
    name: str = "broken"

    def __call__(self, store, saved, analysed) -> None:
        raise RuntimeError(f"cannot thread article {saved.article_id}\nsecond line")


def logged(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text("SELECT article_id, outcome, source FROM post_save_log"))]


@pytest.fixture
def register():
    """Register steps for one test, in order; they are taken out again after it."""
    registered: list = []

    def add(*steps) -> None:
        POST_SAVE_STEPS.extend(steps)
        registered.extend(steps)

    yield add
    for step in registered:
        POST_SAVE_STEPS.remove(step)


def test_ingest_runs_each_step_once_per_stored_article(store, register, sample_page_path, tmp_path):
    register(LogStep())
    page = tmp_path / "page.txt"
    page.write_bytes(sample_page_path.read_bytes())
    first = ingest_pages([str(page)], store, Settings(db="unused"))
    (article_id,) = first.article_ids
    identical = ingest_pages([str(page)], store, Settings(db="unused"))
    page.write_bytes(sample_page_path.read_bytes() + b"\n\n")  # other bytes, the same text
    again = ingest_pages([str(page), str(tmp_path / "missing.html")], store, Settings(db="unused"))
    assert (identical.unchanged, again.unchanged) == (1, 1)
    # the very same bytes are not analysed again, so no step runs for them; other bytes are
    assert logged(store) == [(article_id, "ingested", str(page)), (article_id, "unchanged", str(page))]
    assert again.failed == {"ingest: no such file, folder or URL": 1}  # a failed page runs no step


def test_a_raising_step_keeps_the_article_and_records_why(store, register, sample_page_path):
    register(BrokenStep(), LogStep())
    report = ingest_pages([str(sample_page_path)], store, Settings(db="unused"))
    (article_id,) = report.article_ids
    assert report.saved == {"ingested": 1}
    assert store.get_article(article_id).title
    reason = f"broken failed: RuntimeError: cannot thread article {article_id}"
    assert report.failed == {f"post_save: {reason}": 1}
    recorded = store.failures(stage="post_save").items
    assert [(r.source, r.reason) for r in recorded] == [(str(sample_page_path), reason)]
    assert logged(store) == [(article_id, "ingested", str(sample_page_path))]  # the next step still ran


def test_load_runs_each_step_once_per_stored_article(tmp_path, register, sample_page_path, nlp):
    register(LogStep())
    page = Page(source=str(sample_page_path), content=sample_page_path.read_bytes())
    analysed = process_page(page, nlp, Settings().max_page_bytes)
    write_shard(tmp_path, "s1", [analysed, Failure("gone.html", Stage.INGEST, "HTTP 404", skipped=True)])
    Manifest(tmp_path).append("s1", ["file:x"], 25, {})
    loaded = open_store(str(tmp_path / "loaded.db"))
    report = load_shards(tmp_path, loaded)
    assert report.saved == {"ingested": 1} and report.skipped == {"HTTP 404": 1}
    assert logged(loaded) == [(report.article_ids[0], "ingested", str(sample_page_path))]
    loaded.close()


class _Site(BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, bytes]] = {}

    def do_GET(self):
        content_type, body = self.pages.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_follow_runs_each_step_once_per_stored_article(tmp_path, register, sample_page_path):
    register(LogStep())
    settings = Settings(db=str(tmp_path / "storyline.db"))
    store = open_store(settings.db)
    ingest = Ingester(store, settings)
    with serving_site(_Site) as base, \
            Fetcher(allow_private=["127.0.0.1/32"], min_interval=0, retries=0, backoff=0) as fetcher:
        feed = f"<rss><channel><title>t</title><item><title>a</title><link>{base}/a.txt</link></item></channel></rss>"
        _Site.pages = {"/feed.xml": ("application/rss+xml", feed.encode()),
                       "/a.txt": ("text/plain; charset=utf-8", sample_page_path.read_bytes())}
        report = follow_feeds([f"{base}/feed.xml"], ingest, settings, state_path=tmp_path / "feeds.sqlite",
                              fetcher=fetcher, report=ingest.report)
    assert report.saved == {"ingested": 1} and report.counts["fetched"] == 1
    assert logged(store) == [(report.article_ids[0], "ingested", f"{base}/a.txt")]
    store.close()


def test_web_ingest_runs_each_step_once_per_stored_article(tmp_path, register, sample_page_path):
    register(LogStep())
    with serving(create_app(Settings(db=str(tmp_path / "storyline.db")))) as (web, app):
        response = web.post("/api/ingest", data={"text": sample_page_path.read_text(encoding="utf-8")})
        (outcome,) = response.json()["outcomes"]
        assert outcome["status"] == "ingested"
        assert logged(app.state.store) == [(outcome["article_id"], "ingested", outcome["source"])]
