"""Crawl data for tests: real WARC archives written with warcio from the benchmark pages in ../shared."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

import py3langid
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest.warc import write_response

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
