"""WARC input: real archives written here with warcio from the benchmark pages in ../shared."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

import py3langid
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest.warc import iter_warc_pages, write_response
from storyline.model import Failure, Page

CRAWLED = "2019-11-20T10:00:00Z"


class BenchPage(NamedTuple):
    path: Path
    url: str
    html: bytes


def benchmark_pages(shared: Path, count: int) -> list[BenchPage]:
    """The `count` smallest English benchmark pages, read in place."""
    bench = shared / "bench" / "extraction"
    truth = json.loads((bench / "ground-truth.json").read_text())
    paths = sorted((bench / "html").glob("*.html.gz"), key=lambda p: p.stat().st_size)
    pages = []
    for path in paths:
        page = truth[path.name.removesuffix(".html.gz")]
        if len(page["articleBody"]) > 1500 and py3langid.classify(page["articleBody"])[0] == "en":
            pages.append(BenchPage(path, page["url"], gzip.decompress(path.read_bytes())))
        if len(pages) == count:
            return pages
    raise AssertionError("not enough English benchmark pages")


def write_test_warc(path: Path, pages: list[BenchPage]) -> Path:
    """A crawl as a crawler writes it: warcinfo, request/response pairs, a 404 and an image."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "storyline tests"}))
        for _, url, html in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b""),
                                                          http_headers=request))
            write_response(writer, url, html, date=CRAWLED)
        write_response(writer, "https://example.org/gone", b"<html>gone</html>", status="404 Not Found",
                       date=CRAWLED)
        write_response(writer, "https://example.org/logo.png", b"\x89PNG\r\n", content_type="image/png",
                       date=CRAWLED)
    return path


@pytest.fixture(scope="module")
def pages(shared_dir) -> list[BenchPage]:
    return benchmark_pages(shared_dir, 3)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_html_200_responses_become_pages(tmp_path, pages, name):
    path = write_test_warc(tmp_path / name, pages)
    items = list(iter_warc_pages(path))
    found = [i for i in items if isinstance(i, Page)]
    assert [(p.url, p.content, p.fetched_at) for p in found] == [(p.url, p.html, CRAWLED) for p in pages]
    assert all(p.source.startswith(f"warc:{path}#") and p.content_type.startswith("text/html")
               for p in found)
    skipped = [i.message for i in items if isinstance(i, Failure)]
    assert skipped == ["skipped: HTTP 404", "skipped: not HTML (image/png)"]


def test_source_offset_points_at_the_record(tmp_path, pages):
    path = write_test_warc(tmp_path / "crawl.warc.gz", pages)
    from warcio.archiveiterator import ArchiveIterator

    for page in (i for i in iter_warc_pages(path) if isinstance(i, Page)):
        with open(path, "rb") as stream:
            stream.seek(int(page.source.rsplit("#", 1)[1]))
            record = next(iter(ArchiveIterator(stream)))
            assert record.rec_headers.get_header("WARC-Target-URI") == page.url


def test_oversized_and_truncated_records_fail_with_a_reason(tmp_path, pages):
    path = write_test_warc(tmp_path / "crawl.warc.gz", pages)
    limit = min(len(p.html) for p in pages) + 1
    reasons = [i.reason for i in iter_warc_pages(path, max_bytes=limit) if isinstance(i, Failure)]
    assert sum("over the" in r for r in reasons) == 2

    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    items = list(iter_warc_pages(cut))
    assert isinstance(items[-1], Failure) and "truncated" in items[-1].reason


def test_html_is_sniffed_when_no_type_is_declared(tmp_path, pages):
    path = tmp_path / "untyped.warc"
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        write_response(writer, pages[0].url, pages[0].html, content_type="")
        write_response(writer, "https://example.org/blob", b"\x00\x01binary", content_type="")
    page, blob = iter_warc_pages(path)
    assert isinstance(page, Page) and page.content == pages[0].html
    assert blob.message == "skipped: not HTML (no content type)"
