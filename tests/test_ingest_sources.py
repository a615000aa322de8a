"""What `storyline ingest` accepts: files, folders, globs, gzip pages and crawl archives."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from warcio.warcwriter import WARCWriter

from storyline.batch import expand_inputs, iter_chunks
from storyline.config import Settings
from storyline.ingest import read_pages
from storyline.ingest.warc import write_response
from storyline.model import Failure, Page
from storyline.pipeline import ingest_pages
from storyline.store import open_store

LIMIT = 5 * 1024 * 1024


def benchmark_page(shared_dir, index: int) -> tuple[str, bytes]:
    root = shared_dir / "bench" / "extraction"
    truth = json.loads((root / "ground-truth.json").read_text("utf8"))
    page_id = sorted(truth)[index]
    return truth[page_id]["url"], gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())


def test_folders_globs_and_gzip_pages(tmp_path, sample_page_path, shared_dir):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_bytes(sample_page_path.read_bytes())
    (tmp_path / "a" / "notes.md").write_text("not a page")
    (tmp_path / "a" / "page.html.gz").write_bytes(gzip.compress(benchmark_page(shared_dir, 0)[1]))
    pages = list(read_pages([str(tmp_path / "a"), str(tmp_path / "a" / "*.txt"), str(tmp_path / "none*.html")], LIMIT))
    assert [type(p) for p in pages] == [Page, Page, Page, Failure]
    assert pages[0].source.endswith("page.html.gz") and pages[0].content.startswith(b"<")
    assert pages[-1].reason == "pattern matches no files"


def test_a_crawl_archive_is_ingested_page_by_page(tmp_path, shared_dir):
    archive = tmp_path / "crawl.warc.gz"
    with archive.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for index in (1, 2):
            url, html = benchmark_page(shared_dir, index)
            write_response(writer, url, html, date="2019-11-20T10:00:00Z")
        write_response(writer, "https://example.org/gone", b"<html>gone</html>", status="404 Not Found")
    store = open_store(str(tmp_path / "s.db"))
    report = ingest_pages([str(archive)], store, Settings(db="unused"))
    assert report.ingested == 2
    assert len(report.failures) == 1 and "404" in report.failures[0].reason
    urls = {store.get_article(i).url for i in report.article_ids}
    assert urls == {benchmark_page(shared_dir, i)[0] for i in (1, 2)}


def test_ingest_and_batch_read_path_arguments_alike(tmp_path, sample_page_path):
    """One reader of path arguments: what names no page is a Failure with the same reason in both."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_bytes(sample_page_path.read_bytes())
    (tmp_path / "empty").mkdir()
    specs = [str(tmp_path / "a"), str(tmp_path / "*"), str(tmp_path / "missing.html"), str(tmp_path / "empty")]
    read = [(p.source, p.reason) if isinstance(p, Failure) else p.source for p in read_pages(specs, LIMIT)]
    story = str(tmp_path / "a" / "story.txt")
    missing = (str(tmp_path / "missing.html"), "no such file, folder or URL")
    empty = (str(tmp_path / "empty"), "folder holds no .html, .htm, .txt or .warc pages")
    assert read == [story, story, missing, empty]  # a glob's folders are searched like a folder
    inputs = expand_inputs(specs)
    assert [(f.source, f.reason) for f in inputs if isinstance(f, Failure)] == [missing, empty]
    assert [str(p) for p in inputs if not isinstance(p, Failure)] == [str(Path(story).resolve())]  # once
    (chunk,) = iter_chunks(inputs, set(), 25, LIMIT)
    assert chunk.units[:2] == [f"file:{missing[0]}", f"file:{empty[0]}"] and chunk.items[:2] == inputs[:2]
