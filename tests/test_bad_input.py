"""Bad input never stops a batch, always leaves a one-line reason, and never touches what is stored."""

from __future__ import annotations

import gzip
import shutil
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.pipeline import Ingester, ingest_bytes, ingest_pages
from storyline.store import open_store

ENGLISH_STORY = (
    "The city council approved the new budget on Monday after a long debate. "
    "Council members said the plan would fund schools, roads and parks for the next two years. "
    "“This is a budget for everyone,” the mayor said at a press conference after the vote.\n\n"
    "Opponents argued that the spending was too high and warned that taxes would rise. "
    "The budget takes effect in January, officials said, and will be reviewed in the summer.\n"
)


@pytest.fixture(scope="module")
def sample_stored(tmp_path_factory, sample_page_path) -> tuple[Path, int]:
    """A store holding the sample page, ingested once for the module; its id."""
    db = tmp_path_factory.mktemp("sample") / "storyline.db"
    store = open_store(str(db))
    report = ingest_pages([str(sample_page_path)], store, Settings(db=str(db)))
    store.close()
    assert report.ingested == 1
    return db, report.article_ids[0]


@pytest.fixture()
def store_with_sample(tmp_path, sample_stored):
    """A copy of `sample_stored` for one test to change."""
    template, sample_id = sample_stored
    db = tmp_path / "storyline.db"
    shutil.copyfile(template, db)
    return open_store(str(db)), Settings(db=str(db)), sample_id


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bad_pages(folder):
    """One file per kind of bad input a user meets, beside one good page."""
    html_head = "<html><head><title>Budget vote</title></head><body><article><p>"
    pages = {
        "empty.txt": b"",
        "blank.html": b"   \n\n \t ",
        "binary.html": bytes(range(256)) * 40,
        "picture.html": b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000,
        # cut off mid-page: what arrived is still an article worth keeping
        "truncated.html": (html_head + ENGLISH_STORY.replace("\n\n", "</p><p>")[:-60]).encode(),
        "no-article.html": b"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
        "malformed.html": b"<html><<<body>>><p>>>>\x00</p><div <div <p",
        "broken.gz": b"\x1f\x8b\x08\x00 this is not gzip",
        "good-latin1.txt": ENGLISH_STORY.replace("“", '"').replace("”", '"').replace("debate", "débat").encode("cp1252"),
    }
    for name, content in pages.items():
        (folder / name).write_bytes(content)
    return pages


@pytest.mark.slow  # waits out fetch retries against a closed port
def test_a_batch_of_bad_pages_goes_on_and_keeps_what_is_stored(store_with_sample, tmp_path):
    store, settings, sample_id = store_with_sample
    before = store.get_article(sample_id)
    folder = tmp_path / "pages"
    folder.mkdir()
    pages = bad_pages(folder)
    url = f"http://127.0.0.1:{closed_port()}/story.html"
    report = ingest_pages([str(folder), url, str(tmp_path / "missing.html")], store, settings, allow_private=True)

    recovered = {"good-latin1.txt", "truncated.html"}
    assert report.ingested == len(recovered), [(f.source, f.reason) for f in report.failures]
    failed = {f.source.rsplit("/", 1)[-1]: f for f in report.failures}
    assert set(failed) == set(pages) - recovered | {"story.html", "missing.html"}
    for failure in report.failures:
        assert failure.reason and "\n" not in failure.reason and "Traceback" not in failure.reason
    assert "no such file" in failed["missing.html"].reason
    assert failed["empty.txt"].stage == "extract" and "empty" in failed["empty.txt"].reason
    assert "binary" in failed["binary.html"].reason or "not text" in failed["binary.html"].reason
    assert "gzip" in failed["broken.gz"].reason
    assert store.get_article(sample_id) == before
    recorded = store.failures(limit=100).items
    assert len(recorded) == len(report.failures)
    assert {r.reason for r in recorded} == {f.message for f in report.failures}


def test_wrong_encoding_is_decoded_not_mangled(store_with_sample):
    store, settings, _ = store_with_sample
    content = ENGLISH_STORY.replace("debate", "débat à l’hôtel de ville").encode("cp1252")
    saved = ingest_bytes("latin.txt", content, Ingester(store, settings))
    assert saved.outcome == "ingested"
    body = store.get_article(saved.article_id).body
    assert "débat à l’hôtel de ville" in body and "\ufffd" not in body


def test_gigantic_page_is_refused_with_its_size(store_with_sample, tmp_path):
    store, settings, _ = store_with_sample
    small_limit = replace(settings, max_page_bytes=100_000)
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body><p>" + b"word " * 50_000 + b"</p></body></html>")
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000 + b"</p>"))
    report = ingest_pages([str(big), str(bomb)], store, small_limit)
    assert report.ingested == 0 and len(report.failures) == 2
    assert "over the 97.7 kB limit" in report.failures[0].reason and "244.2 kB" in report.failures[0].reason
    assert "limit" in report.failures[1].reason


def test_non_english_page_is_stored_but_not_analysed(store_with_sample):
    store, settings, _ = store_with_sample
    german = ("Der Stadtrat hat am Montag nach langer Debatte den neuen Haushalt beschlossen. "
              "Die Mitglieder sagten, der Plan werde Schulen, Straßen und Parks finanzieren. "
              "„Das ist ein Haushalt für alle“, sagte die Bürgermeisterin nach der Abstimmung.\n\n"
              "Kritiker meinten, die Ausgaben seien zu hoch, und warnten vor höheren Steuern.\n")
    saved = ingest_bytes("german.txt", german.encode(), Ingester(store, settings))
    assert saved.outcome == "ingested"
    article = store.get_article(saved.article_id)
    assert article.language == "de"
    assert article.status == "not analysed: language de"
    assert article.quotes == [] and article.actors == []
