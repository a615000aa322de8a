"""A re-run over pages already stored: a page whose raw bytes are stored is "unchanged" before
any parsing, on SQLite and Postgres (issue 18: 181 stored pages re-analysed in 36.8 s)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401

from storyline.analyze.nlp import ModelNotInstalled
from storyline.config import Settings
from storyline.pipeline import ingest_pages

NOT_INSTALLED = "no_such_spacy_pipeline"  # analysing any page with it fails


def test_stored_bytes_are_unchanged_without_being_analysed(store, db_url, sample_page_path: Path, tmp_path: Path):
    settings = Settings(db=db_url)
    first = ingest_pages([str(sample_page_path)], store, settings)
    assert first.ingested == 1
    crlf = tmp_path / "same-page-with-crlf.html"
    crlf.write_bytes(sample_page_path.read_bytes().replace(b"\n", b"\r\n"))
    again = ingest_pages([str(sample_page_path), str(crlf)], store, replace(settings, spacy_model=NOT_INSTALLED))
    assert (again.unchanged, again.article_ids, again.failed) == (2, first.article_ids * 2, {})
    changed = tmp_path / "changed.html"
    changed.write_bytes(sample_page_path.read_bytes().replace(b"30 days", b"thirty days"))
    with pytest.raises(ModelNotInstalled):  # other bytes are analysed
        ingest_pages([str(changed)], store, replace(settings, spacy_model=NOT_INSTALLED))
