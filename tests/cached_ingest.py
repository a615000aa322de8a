"""Ingest real pages with each page analysed once per test session.

Many tests store the same pages (the port strike, the story pages) on fresh stores, and spaCy's
parse is most of an ingest's time. `cached_ingest` sends each page through the pipeline's own
`ingest_item`, as an `Ingester` does (the "already stored" check, the sink, the post-save steps),
and only reuses the analysis of a page it has seen: a fresh copy each time, so no test sees what
another did to its records. `cached_analyses` gives the same records, for a batch's shards.
"""

from __future__ import annotations

import copy
from functools import cache

from storyline.config import Settings
from storyline.model import AnalysedArticle, Failure, Page
from storyline.pipeline import analyse_page, ingest_item, submitted_page
from storyline.report import Report
from storyline.store import SaveResult


def cached_ingest(store, items: list[tuple[str, bytes]]) -> list[SaveResult | Failure]:
    """Each (name, bytes) page in turn, as `ingest_bytes` with one `Ingester` would store it."""
    settings, report = Settings(), Report()
    return [ingest_item(submitted_page(name, content, settings.max_page_bytes),
                        lambda page: _analysed_copy(page, settings), store, report)
            for name, content in items]


def cached_analyses(items: list[tuple[str, bytes]]) -> list[AnalysedArticle | Failure]:
    """Each (name, bytes) page as the pipeline's `analyse_page` gives it, for a batch's shards."""
    settings = Settings()
    return [_analysed_copy(Page(name, content), settings) for name, content in items]


def _analysed_copy(page: Page, settings: Settings) -> AnalysedArticle | Failure:
    return copy.deepcopy(_analysed(page.source, page.content, page.url, settings))


@cache
def _analysed(source: str, content: bytes, url: str | None, settings: Settings) -> AnalysedArticle | Failure:
    return analyse_page(Page(source, content, url=url), settings)
