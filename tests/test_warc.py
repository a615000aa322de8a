"""WARC input: real archives (tests/crawl_fixtures.py) read record by record into Pages and Failures."""

from __future__ import annotations

import pytest
from crawl_fixtures import CRAWLED, BenchPage, benchmark_pages, write_test_warc
from warcio.warcwriter import WARCWriter

from storyline.ingest.warc import iter_warc_pages, write_response
from storyline.model import Failure, Page


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
