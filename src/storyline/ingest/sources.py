"""Turn what a user names on the command line into Pages: files, folders, globs, URLs and '-'."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.model import Failure, Page

PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".txt", ".text", ".gz", ".warc"}  # .gz: pages and .warc.gz


def human_size(n_bytes: int) -> str:
    return f"{n_bytes / 1024 / 1024:.1f} MB" if n_bytes >= 1024 * 1024 else f"{n_bytes / 1024:.1f} kB"


def too_large(source: str, size: int, max_bytes: int) -> Failure:
    return Failure(source, "ingest", f"page is {human_size(size)}, over the {human_size(max_bytes)} limit")


def read_pages(sources: Iterable[str], max_bytes: int, allow_private: bool = False) -> Iterator[Page | Failure]:
    """Yield one Page (or a Failure saying why not) per page the sources name, lazily."""
    for source in sources:
        if source == "-":
            yield _read_stdin(max_bytes)
        elif source.startswith(("http://", "https://")):
            yield _fetch_url(source, max_bytes, allow_private)
        else:
            yield from _read_path_source(source, max_bytes)


def _read_path_source(source: str, max_bytes: int) -> Iterator[Page | Failure]:
    path = Path(source).expanduser()
    if path.is_dir():
        files = page_files(path)
        if not files:
            yield Failure(source, "ingest", "folder holds no .html, .htm, .txt or .warc pages")
        for file in files:
            yield from _read_file_pages(file, max_bytes)
    elif path.is_file():
        yield from _read_file_pages(path, max_bytes)
    elif glob.has_magic(source):
        matches = sorted(Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file())
        if not matches:
            yield Failure(source, "ingest", "pattern matches no files")
        for file in matches:
            yield from _read_file_pages(file, max_bytes)
    else:
        yield Failure(source, "ingest", "no such file, folder or URL")


def page_files(folder: Path) -> list[Path]:
    """The pages and crawl archives below a folder, in name order; hidden files are passed over."""
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES and not p.name.startswith("."))


def _read_file_pages(path: Path, max_bytes: int) -> Iterator[Page | Failure]:
    """A crawl archive holds many pages, any other file one."""
    from storyline.ingest.warc import is_warc, iter_warc_pages

    if is_warc(path):
        yield from iter_warc_pages(path, max_bytes)
    else:
        yield read_file(path, max_bytes)


def read_file(path: Path, max_bytes: int) -> Page | Failure:
    """Read one file; gzip-compressed pages (.gz) are decompressed, within the size limit."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return too_large(source, size, max_bytes)
        content = path.read_bytes()
        if path.suffix.lower() == ".gz":
            content = _gunzip(content, max_bytes)
    except (OSError, EOFError) as exc:
        return Failure(source, "ingest", f"cannot read file: {getattr(exc, 'strerror', None) or exc}")
    except ValueError as exc:
        return Failure(source, "ingest", str(exc))
    return Page(source=source, content=content, url=None)


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress without letting a gzip bomb exceed the page size limit."""
    import zlib

    decompressor = zlib.decompressobj(wbits=31)
    try:
        content = decompressor.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise ValueError(f"not a valid gzip file ({exc})") from exc
    if len(content) > max_bytes:
        raise ValueError(f"page is over the {human_size(max_bytes)} limit once decompressed")
    return content


def _read_stdin(max_bytes: int) -> Page | Failure:
    content = sys.stdin.buffer.read(max_bytes + 1)
    if len(content) > max_bytes:
        return too_large("-", len(content), max_bytes)
    return Page(source="-", content=content)


def _fetch_url(url: str, max_bytes: int, allow_private: bool) -> Page | Failure:
    from storyline.ingest.fetch import fetch_page

    return fetch_page(url, max_bytes=max_bytes, allow_private=allow_private)
