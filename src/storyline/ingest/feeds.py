"""Follow RSS/Atom feeds and news sitemaps: fetch new items only, politely, and hand them on.

What was seen lives in a small SQLite state file of its own (next to the database by
default), so following stays independent of the store: items go to an `ingest_page`
callback. A feed is fetched with its last ETag / Last-Modified, so an unchanged feed
costs one 304; an item URL is fetched once, ever, unless fetching or ingesting it failed.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing, nullcontext
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import feedparser
from lxml import etree

from storyline.config import Settings
from storyline.errors import one_line
from storyline.ingest.fetch import AllowPrivate, Fetcher, FetchError
from storyline.model import Failure, Page, Stage
from storyline.report import Report

SITEMAP_ROOTS = {"urlset", "sitemapindex"}
MAX_CHILD_SITEMAPS = 50  # a sitemap index can list thousands; news ones list a few
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class FeedListing:
    item_urls: list[str]
    child_sitemaps: list[str]


class FeedState:
    """Seen item URLs and each feed's validators, in a SQLite file of their own."""

    def __init__(self, path: str | Path):
        self.db = sqlite3.connect(path)
        self.db.executescript("""
            CREATE TABLE IF NOT EXISTS feed (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,
                                             checked_at TEXT);
            CREATE TABLE IF NOT EXISTS seen_item (url TEXT PRIMARY KEY, feed TEXT, seen_at TEXT);
        """)

    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        row = self.db.execute("SELECT etag, last_modified FROM feed WHERE url = ?", (feed_url,)).fetchone()
        return row or (None, None)

    def remember_feed(self, feed_url: str, etag: str | None, last_modified: str | None) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO feed VALUES (?, ?, ?, ?)",
                            (feed_url, etag, last_modified, _now()))

    def is_seen(self, item_url: str) -> bool:
        return self.db.execute("SELECT 1 FROM seen_item WHERE url = ?", (item_url,)).fetchone() is not None

    def mark_seen(self, item_url: str, feed_url: str) -> None:
        with self.db:
            self.db.execute("INSERT OR IGNORE INTO seen_item VALUES (?, ?, ?)", (item_url, feed_url, _now()))

    def close(self) -> None:
        self.db.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_state_path(settings: Settings) -> Path:
    """`storyline.feeds.sqlite` beside an SQLite database; in the working folder for Postgres."""
    if "://" in settings.db and not settings.db.startswith("sqlite"):
        return Path("storyline.feeds.sqlite")
    db_path = Path(settings.db.split("///")[-1])
    return db_path.with_name(db_path.stem + ".feeds.sqlite")


def parse_listing(content: bytes, max_bytes: int) -> FeedListing:
    """Item URLs of an RSS/Atom feed or a (news) sitemap; a sitemap index lists child sitemaps."""
    if content[:2] == b"\x1f\x8b":  # sitemap.xml.gz; bounded against gzip bombs
        try:
            content = zlib.decompressobj(wbits=31).decompress(content, max_bytes)
        except zlib.error as exc:
            raise FetchError(f"not a valid gzip file ({exc})") from exc
    root = _xml_root(content)
    if root is not None and etree.QName(root).localname in SITEMAP_ROOTS:
        locs = [loc.text.strip() for loc in root.iter("{*}loc") if loc.text and loc.text.strip()]
        if etree.QName(root).localname == "sitemapindex":
            return FeedListing([], locs[:MAX_CHILD_SITEMAPS])
        return FeedListing(locs, [])
    parsed = feedparser.parse(content)
    if parsed.bozo and not parsed.entries:
        raise FetchError(f"not a feed or sitemap ({type(parsed.bozo_exception).__name__})")
    return FeedListing([entry.link for entry in parsed.entries if entry.get("link")], [])


def _xml_root(content: bytes):
    try:
        return etree.fromstring(content, SAFE_XML)
    except etree.XMLSyntaxError:
        return None  # feedparser copes with broken feeds better


def follow_feeds(urls: Iterable[str], ingest_page: Callable[[Page], object],
                 settings: Settings | None = None, allow_private: AllowPrivate = False, *,
                 state_path: str | Path | None = None, fetcher: Fetcher | None = None,
                 report: Report | None = None) -> Report:
    """Fetch every new item the feeds list and hand it to `ingest_page`.

    The report counts feeds, not_modified (answered 304), items (listed this run), new (not
    seen before) and fetched (handed on); pass the ingester's report to have one for the run.

    `allow_private` lets the fetcher reach non-public addresses: True for all, or a list
    of networks ("127.0.0.1/32"). An item whose ingest returns a Failure is seen all the
    same (fetching it again would not help). When an item fails to fetch or its ingest
    raises, the feed's validators are not kept, so the next run reads the feed again and
    retries just that item.
    """
    settings = settings or Settings()
    report = report if report is not None else Report()
    client = nullcontext(fetcher) if fetcher else Fetcher(allow_private=allow_private,
                                                          max_bytes=settings.max_page_bytes)
    with closing(FeedState(state_path or default_state_path(settings))) as state, client as fetcher:
        run = _Run(fetcher, state, ingest_page, report, settings.max_page_bytes)
        for url in urls:
            _follow(url, run, depth=0)
    return report


@dataclass
class _Run:
    fetcher: Fetcher
    state: FeedState
    ingest_page: Callable[[Page], object]
    report: Report
    max_bytes: int


def _follow(feed_url: str, run: _Run, depth: int) -> bool:
    """Follow one feed; True when every new item was settled and the feed may be skipped if unchanged."""
    run.report.count("feeds")
    try:
        result = run.fetcher.get(feed_url, *run.state.validators(feed_url))
        if result.not_modified:
            run.report.count("not_modified")
            return True
        listing = parse_listing(result.content, run.max_bytes)
    except FetchError as exc:
        _count_error(run.report, feed_url, exc)
        return False
    settled = all([_follow(child, run, depth + 1) for child in listing.child_sitemaps if depth == 0])
    run.report.count("items", len(listing.item_urls))
    for item_url in dict.fromkeys(listing.item_urls):
        if not run.state.is_seen(item_url):
            run.report.count("new")
            settled &= _ingest_item(item_url, feed_url, run)
    if settled:
        run.state.remember_feed(feed_url, result.etag, result.last_modified)
    return settled


def _ingest_item(item_url: str, feed_url: str, run: _Run) -> bool:
    """Fetch and ingest one item; False when it is worth another try next run."""
    try:
        result = run.fetcher.get(item_url)
    except FetchError as exc:
        _count_error(run.report, item_url, exc)
        return exc.refused
    page = Page(source=item_url, content=result.content, url=result.url,
                content_type=result.content_type, fetched_at=result.fetched_at)
    run.report.count("fetched")
    try:
        run.ingest_page(page)  # a Failure it returns is its own to record: the item is seen all the same
    except Exception as exc:  # say why and go on; the item is tried again next run
        run.report.add_failure(Failure(item_url, Stage.INGEST, one_line(exc)))
        return False
    run.state.mark_seen(item_url, feed_url)
    return True


def _count_error(report: Report, url: str, exc: FetchError) -> None:
    """A refused fetch (robots.txt, a non-public address) is skipped on purpose, not failed."""
    report.add_failure(Failure(url, Stage.INGEST, str(exc), skipped=exc.refused))
