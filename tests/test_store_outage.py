"""A Postgres outage mid-ingest, against the real Postgres of pg.py behind a TCP proxy on
127.0.0.1 that can refuse and cut connections as a restarting server does: a write waits the
outage out for a bounded time, then the page fails with its reason and the run says so in its
exit code (issue 18: 31 pages "could not be stored ... Connection refused", exit 0)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest
from pg import postgres_server, postgres_url  # noqa: F401
from serving import serving_site
from sqlalchemy import make_url

from storyline.model import Page, Stage
from storyline.pipeline import process_page, store_analysed
from storyline.report import ExitCode, Report
from storyline.store import open_store
from storyline.stories import assign_story


class Proxy:
    """Forwards 127.0.0.1:port to the database; `down()` cuts every open connection and then
    accepts and drops each new one (counted), `up()` forwards again, `close()` closes the port."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.is_up = True
        self.dropped = 0
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            if not self.is_up:
                self.dropped += 1
                client.close()
                continue
            server = socket.create_connection(self.target)
            self.open += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def down(self) -> None:
        self.is_up = False
        for conn in self.open:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.open.clear()

    def up(self) -> None:
        self.is_up = True

    def close(self) -> None:
        self.down()
        self.listener.close()

    def url(self, database_url: str) -> str:
        return make_url(database_url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)


@pytest.fixture
def proxy(postgres_url):
    url = make_url(postgres_url)
    opened = Proxy((url.host or "127.0.0.1", url.port or 5432))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def analysed(nlp, sample_page_path):
    """Two analysed pages, made once: the tests are about storing them."""
    content = sample_page_path.read_bytes()
    return [process_page(Page(f"page-{n}.txt", content + b"\n" * n), nlp, 10**7) for n in (1, 2)]


def wait_for(condition, what: str) -> None:
    """Poll until `condition()` holds; this bounds the wait, it asserts no speed."""
    ends = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < ends, f"never happened: {what}"
        time.sleep(0.05)


def test_a_short_outage_mid_ingest_is_waited_out(proxy, postgres_url, analysed):
    store = open_store(proxy.url(postgres_url), outage_wait=60)
    report = Report()
    proxy.down()
    saving = threading.Thread(target=store_analysed, args=(analysed[0], store, report))
    saving.start()
    wait_for(lambda: proxy.dropped >= 2, "the write tried twice while the database was down")
    assert saving.is_alive() and report.total == 0  # still waiting, nothing failed
    proxy.up()
    saving.join()
    assert (report.saved, report.failed) == ({"ingested": 1}, {})
    assert store.stats().articles == 1
    store.close()


def test_the_stories_step_waits_out_an_outage_as_a_save_does(proxy, postgres_url, analysed):
    store = open_store(proxy.url(postgres_url), outage_wait=60)
    saved = store.save(analysed[0])
    proxy.down()
    assigning = threading.Thread(target=assign_story, args=(store, saved, analysed[0]))
    assigning.start()
    wait_for(lambda: proxy.dropped >= 2, "the step's write tried twice while the database was down")
    assert assigning.is_alive()  # still waiting, not failed
    proxy.up()
    assigning.join()
    assert store.get_article(saved.article_id).story_id is not None
    store.close()


def test_a_long_outage_fails_the_page_after_the_bounded_wait(proxy, postgres_url, analysed):
    store = open_store(proxy.url(postgres_url), outage_wait=1.5)
    report = Report()
    proxy.close()  # the port refuses connections, as a stopped server's does
    failure = store_analysed(analysed[0], store, report)
    assert failure.stage == Stage.STORE and failure.reason.startswith("could not be stored: OperationalError")
    assert "\n" not in failure.reason
    assert report.exit_code() == ExitCode.NOTHING_STORED
    store.close()


def test_once_a_wait_was_in_vain_the_next_page_tries_once(proxy, postgres_url, analysed):
    store = open_store(proxy.url(postgres_url), outage_wait=1.5)
    report = Report()
    proxy.down()
    store_analysed(analysed[0], store, report)
    first_page_tries = proxy.dropped
    store_analysed(analysed[1], store, report)
    assert first_page_tries > proxy.dropped - first_page_tries >= 1
    assert sum(report.failed.values()) == 2
    proxy.up()  # back: the next write goes through, and waits out outages again
    saved = store_analysed(analysed[0], store, report)
    assert saved.outcome == "ingested"
    store.close()


def test_storyline_ingest_exits_1_when_the_database_goes_away_mid_run(proxy, postgres_url, sample_page_path):
    """`storyline ingest URL URL`: the second page's fetch takes the database down (the site's
    handler closes the proxy), so the first page is stored, the second fails after the bounded
    wait, and the exit code says some pages failed."""
    page = sample_page_path.read_bytes()

    class Site(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == "/second.txt":
                proxy.close()
            body = page + self.path.encode() if self.path.endswith(".txt") else b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    db = proxy.url(postgres_url)
    open_store(db).close()  # the schema, made while the database is there
    with serving_site(Site) as base:
        run = subprocess.run([sys.executable, "-c", "from storyline.cli import main; main()", "--db", db, "ingest",
                              "--allow-private", f"{base}/first.txt", f"{base}/second.txt"], capture_output=True,
                             timeout=300, env={**os.environ, "STORYLINE_DEBUG": "", "STORYLINE_STORE_OUTAGE_WAIT": "1"})
    assert run.returncode == ExitCode.SOME_FAILED, run.stderr.decode()
    assert "ingested 1" in run.stdout.decode() and "could not be stored" in run.stderr.decode()
    stored = open_store(postgres_url)
    assert stored.stats().articles == 1
    stored.close()
