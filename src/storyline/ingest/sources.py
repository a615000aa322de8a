"""Turn what a user names on the command line into Pages: files, folders, globs, URLs and '-'."""

from __future__ import annotations

import glob
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.ingest.fetch import fetch_page
from storyline.ingest.limits import human_size, too_large
from storyline.ingest.names import path_label
from storyline.ingest.urls import is_web_url
from storyline.ingest.warc import is_warc, iter_warc_pages
from storyline.model import Failure, Page, Stage

# A page compressed in pieces has a few members; thousands are not a page.
MAX_GZIP_MEMBERS = 1000
PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".txt", ".text", ".gz", ".warc"}  # .gz: pages and .warc.gz


def read_pages(sources: Iterable[str], max_bytes: int, allow_private: bool = False) -> Iterator[Page | Failure]:
    """Yield one Page (or a Failure saying why not) per page the sources name, lazily."""
    for source in sources:
        if source == "-":
            yield _read_stdin(max_bytes)
        elif is_web_url(source):
            yield fetch_page(source, max_bytes=max_bytes, allow_private=allow_private)
        else:
            found = find_files(source)
            if isinstance(found, Failure):
                yield found
                continue
            for file in found:
                yield from _read_file_pages(file, max_bytes)


def find_files(source: str) -> list[Path] | Failure:
    """The files a path argument names: itself, the pages and crawl archives below a folder, or
    what a glob matches (folders among the matches searched the same way)."""
    path = Path(source).expanduser()
    if path.is_dir():
        return page_files(path) or Failure(path_label(source), Stage.INGEST,
                                           "folder holds no .html, .htm, .txt or .warc pages")
    if path.is_file():
        return [path]
    if glob.has_magic(source):
        matches = [Path(p) for p in sorted(glob.glob(source, recursive=True))]
        files = [file for match in matches for file in (page_files(match) if match.is_dir() else [match])]
        return files or Failure(path_label(source), Stage.INGEST, "pattern matches no files")
    return Failure(path_label(source), Stage.INGEST, "no such file, folder or URL")


def page_files(folder: Path) -> list[Path]:
    """The pages and crawl archives below a folder, in name order; hidden files are passed over."""
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES and not p.name.startswith("."))


def _read_file_pages(path: Path, max_bytes: int) -> Iterator[Page | Failure]:
    """A crawl archive holds many pages, any other file one."""
    if is_warc(path):
        yield from iter_warc_pages(path, max_bytes)
    else:
        yield read_file(path, max_bytes)


def read_file(path: Path, max_bytes: int) -> Page | Failure:
    """Read one file; gzip-compressed pages (.gz) are decompressed, within the size limit."""
    source = path_label(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return too_large(source, size, max_bytes)
        content = path.read_bytes()
        if path.suffix.lower() == ".gz":
            content = _gunzip(content, max_bytes)
    except (OSError, EOFError) as exc:
        return Failure(source, Stage.INGEST, f"cannot read file: {getattr(exc, 'strerror', None) or exc}")
    except ValueError as exc:
        return Failure(source, Stage.INGEST, str(exc))
    return Page(source=source, content=content, url=None)


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress every member of a gzip file, refusing a damaged or cut-off one, without
    letting a gzip bomb exceed the page size limit."""
    parts: list[bytes] = []
    size = 0
    for _ in range(MAX_GZIP_MEMBERS):
        if not data.strip(b"\0"):  # trailing zero padding is allowed, as gzip(1) allows it
            return b"".join(parts)
        decompressor = zlib.decompressobj(wbits=31)
        try:
            parts.append(decompressor.decompress(data, max_bytes + 1 - size))
        except zlib.error as exc:
            raise ValueError(f"not a valid gzip file ({exc})") from exc
        size += len(parts[-1])
        if size > max_bytes:
            raise ValueError(f"page is over the {human_size(max_bytes)} limit once decompressed")
        if not decompressor.eof:
            raise ValueError("damaged gzip file: the compressed data ends early (cut off in transfer?)")
        data = decompressor.unused_data
    raise ValueError(f"not a page: a gzip file of more than {MAX_GZIP_MEMBERS} members")


def _read_stdin(max_bytes: int) -> Page | Failure:
    content = sys.stdin.buffer.read(max_bytes + 1)
    if len(content) > max_bytes:
        return too_large("-", len(content), max_bytes)
    return Page(source="-", content=content)
