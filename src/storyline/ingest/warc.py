"""WARC / WARC.gz input: crawl archives streamed record by record into Pages.

Only HTTP responses with status 200 and an HTML body become Pages; every other response
record becomes a Failure marked `skipped`, so a batch can report why it passed over a
record without mixing it up with real errors. Requests, metadata and
warcinfo records are not pages and are passed over silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import one_line
from storyline.ingest.limits import too_large
from storyline.ingest.names import path_label
from storyline.model import Failure, Page, Stage

HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def iter_warc_pages(path: str | Path, max_bytes: int | None = None) -> Iterator[Page | Failure]:
    """Yield one Page (or Failure) per response record, reading one record at a time.

    `max_bytes` bounds the memory one record may take: a larger body fails, unread.
    """
    name = path_label(path)
    offset = 0
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                # the start of this record; get_record_offset() would read past its body
                offset = records.offset
                if record.rec_type != "response":
                    continue
                yield _page_or_skip(record, f"warc:{name}#{offset}", max_bytes)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        # A truncated or corrupt archive: keep what was read, report where it broke.
        yield Failure(f"warc:{name}#{offset}", Stage.INGEST, f"unreadable WARC: {one_line(exc)}")


def _page_or_skip(record, source: str, max_bytes: int | None) -> Page | Failure:
    http = record.http_headers
    if http is None:
        return Failure(source, Stage.INGEST, "response without HTTP headers", skipped=True)
    status = http.get_statuscode()
    if status != "200":
        return Failure(source, Stage.INGEST, f"HTTP {status}", skipped=True)
    content_type = http.get_header("Content-Type")
    not_html = Failure(source, Stage.INGEST, f"not HTML ({content_type or 'no content type'})", skipped=True)
    if content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return not_html  # images and videos are passed over unread
    body = _read_at_most(record.content_stream(), max_bytes)
    if max_bytes is not None and len(body) > max_bytes:
        return too_large(source, record.length, max_bytes)
    if getattr(record.raw_stream, "limit", 0) > 0:  # the archive ended inside this record
        return Failure(source, Stage.INGEST, "truncated WARC record")
    if not content_type and not body[:512].lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return not_html
    return Page(
        source=source,
        content=body,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        content_type=content_type,
        fetched_at=record.rec_headers.get_header("WARC-Date"),
    )


def _read_at_most(stream, max_bytes: int | None) -> bytes:
    """warcio's readers return short reads, so read in a loop, stopping one byte past the limit."""
    if max_bytes is None:
        return stream.read()
    parts, size = [], 0
    while size <= max_bytes and (part := stream.read(max_bytes + 1 - size)):
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def write_response(writer, url: str, body: bytes, *, status: str = "200 OK",
                   content_type: str = "text/html; charset=utf-8", date: str | None = None) -> None:
    """Append one HTTP response record to a `warcio.WARCWriter`: for tests, benchmarks, archiving."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date} if date else None
    record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http,
                                       warc_headers_dict=warc_headers)
    writer.write_record(record)
