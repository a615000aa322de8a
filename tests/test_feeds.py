"""Feed following and polite fetching against a real HTTP server on 127.0.0.1.

Item URLs on 10.x and 169.254.x are only ever refused: the address check runs after
resolution and before connecting, so no packet goes there.
"""

from __future__ import annotations

import gzip
import time
from http.server import BaseHTTPRequestHandler

import pytest
from serving import serving_site

from storyline.config import Settings
from storyline.ingest.feeds import follow_feeds, parse_listing
from storyline.ingest.fetch import Fetcher, FetchError, fetch_page
from storyline.model import Page

LOOPBACK = ["127.0.0.1/32"]
ARTICLE = b"<html><head><title>%s</title></head><body><article><p>%s said hello.</p></article></body></html>"


class Site:
    """What the test server serves; tests change it between runs."""

    def __init__(self):
        self.items: list[str] = []
        self.version = 1
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.flaky_left = 1
        self.base = ""

    def rss(self) -> bytes:
        entries = "".join(f"<item><title>{u}</title><link>{u}</link></item>" for u in self.items)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                f"{entries}</channel></rss>").encode()


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            site.requests.append((self.path, dict(self.headers)))
            if self.path == "/robots.txt":
                return self.reply(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if self.path == "/feed.xml":
                etag = f'"v{site.version}"'
                if self.headers.get("If-None-Match") == etag:
                    return self.reply(304, b"", "application/rss+xml", etag)
                return self.reply(200, site.rss(), "application/rss+xml", etag)
            if self.path == "/sitemap.xml":
                urls = "".join(f"<url><loc>{site.base}/news/{n}.html</loc><news:news><news:title>n"
                               f"</news:title></news:news></url>" for n in (1, 2))
                return self.reply(200, (
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                    'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                    f"{urls}</urlset>").encode(), "application/xml")
            if self.path == "/to-metadata":
                self.send_response(302)
                self.send_header("Location", "http://169.254.169.254/latest/meta-data")
                self.end_headers()
                return None
            if self.path == "/flaky" and site.flaky_left:
                site.flaky_left -= 1
                return self.reply(503, b"busy", "text/plain")
            if self.path == "/big":
                return self.reply(200, b"x" * 5000, "text/plain")
            name = self.path.encode()
            return self.reply(200, ARTICLE % (name, name), "text/html; charset=utf-8")

        def reply(self, status: int, body: bytes, content_type: str, etag: str | None = None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def site():
    site = Site()
    with serving_site(make_handler(site)) as site.base:
        yield site


@pytest.fixture
def fetcher():
    with Fetcher(allow_private=LOOPBACK, min_interval=0, retries=1, backoff=0) as fetcher:
        yield fetcher


def follow(site: Site, fetcher: Fetcher, tmp_path, path: str = "/feed.xml"):
    pages: list[Page] = []
    report = follow_feeds([site.base + path], pages.append, Settings(),
                          state_path=tmp_path / "feeds.sqlite", fetcher=fetcher)
    return report, pages


def test_second_run_fetches_only_new_items_and_honours_etag(site, fetcher, tmp_path):
    site.items = [f"{site.base}/a/1.html", f"{site.base}/a/2.html"]
    report, pages = follow(site, fetcher, tmp_path)
    assert (report.counts["new"], report.counts["fetched"]) == (2, 2)
    assert {p.url for p in pages} == set(site.items)
    assert b"/a/1.html said hello" in pages[0].content and pages[0].fetched_at

    report, pages = follow(site, fetcher, tmp_path)  # unchanged feed: one 304, nothing fetched
    assert report.counts["not_modified"] == 1 and pages == []
    feed_requests = [h for path, h in site.requests if path == "/feed.xml"]
    assert feed_requests[-1].get("If-None-Match") == '"v1"'

    site.items.append(f"{site.base}/a/3.html")
    site.version = 2
    report, pages = follow(site, fetcher, tmp_path)
    assert (report.counts["items"], report.counts["new"], report.counts["fetched"]) == (3, 1, 1)
    assert [p.url for p in pages] == [f"{site.base}/a/3.html"]


def test_private_item_addresses_refused_without_a_connection(site, fetcher, tmp_path):
    site.items = ["http://10.20.30.40/secret.html", "http://169.254.169.254/latest/meta-data",
                  f"{site.base}/to-metadata", f"{site.base}/private/x.html", f"{site.base}/ok.html"]
    report, pages = follow(site, fetcher, tmp_path)
    assert [p.url for p in pages] == [f"{site.base}/ok.html"]
    refused = " ".join(report.skipped)
    assert sum(report.skipped.values()) == 4
    assert "10.20.30.40" in refused and "169.254.169.254" in refused and "robots.txt" in refused


def test_loopback_feed_refused_unless_allowed(site, tmp_path):
    pages: list[Page] = []
    report = follow_feeds([site.base + "/feed.xml"], pages.append, Settings(),
                          state_path=tmp_path / "feeds.sqlite")
    assert list(report.skipped) == ["refused: 127.0.0.1 resolves to non-public address 127.0.0.1"]
    assert site.requests == [] and pages == []


def test_news_sitemap_items_are_followed(site, fetcher, tmp_path):
    report, pages = follow(site, fetcher, tmp_path, "/sitemap.xml")
    assert sorted(p.url for p in pages) == [f"{site.base}/news/1.html", f"{site.base}/news/2.html"]


def test_fetcher_retries_rate_limits_and_caps_size(site):
    with Fetcher(allow_private=LOOPBACK, min_interval=0.1, retries=1, backoff=0,
                 max_bytes=1000) as fetcher:
        started = time.monotonic()
        assert fetcher.get(site.base + "/flaky").status == 200  # robots, 503, 200: three turns
        assert time.monotonic() - started >= 0.2
        with pytest.raises(FetchError, match="over the"):
            fetcher.get(site.base + "/big")


def test_fetch_page_gives_a_failure_not_an_exception():
    failure = fetch_page("http://169.254.169.254/latest/meta-data", max_bytes=1000)
    assert failure.stage == "ingest" and failure.reason.startswith("refused")


def test_atom_and_sitemap_index_listings():
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b'<entry><title>e</title><link href="https://example.org/e1"/></entry></feed>')
    assert parse_listing(atom, 10_000).item_urls == ["https://example.org/e1"]
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>https://example.org/news.xml</loc></sitemap></sitemapindex>")
    assert parse_listing(index, 10_000).child_sitemaps == ["https://example.org/news.xml"]
    assert parse_listing(gzip.compress(index), 10_000).child_sitemaps == ["https://example.org/news.xml"]
