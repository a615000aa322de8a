"""The pipeline ingest → extract → analyze → store, as used by the CLI and the web app.

Each page either becomes a stored article or a Failure with a one-line reason; one bad page
never stops a batch, and a failure never touches what is already stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.language import Language

from storyline.analyze import analyze_article
from storyline.analyze.nlp import load_nlp
from storyline.config import Settings
from storyline.extract import extract_article
from storyline.ingest import read_pages
from storyline.ingest.sources import too_large
from storyline.model import AnalysedArticle, Failure, Page


@dataclass
class IngestReport:
    ingested: int = 0
    unchanged: int = 0
    new_versions: int = 0
    failed: list[Failure] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.ingested + self.unchanged + self.new_versions + len(self.failed)


def process_page(page: Page, nlp: Language, max_bytes: int) -> AnalysedArticle | Failure:
    """Extract and analyse one page: a pure function of the page, safe to run in a worker."""
    try:
        article = extract_article(page, max_bytes=max_bytes)
    except Exception as exc:  # an extractor bug on one page must not end the batch
        return Failure(page.source, "extract", f"extraction failed unexpectedly: {_describe(exc)}")
    if isinstance(article, Failure):
        return article
    try:
        return analyze_article(article, nlp)
    except Exception as exc:
        return Failure(page.source, "analyze", f"analysis failed unexpectedly: {_describe(exc)}")


def store_result(result: AnalysedArticle | Failure, store, report: IngestReport) -> None:
    """Save an analysed article, or record the failure; either way count it in the report."""
    if isinstance(result, AnalysedArticle):
        try:
            saved = store.save(result)
        except Exception as exc:  # the store rolls the transaction back; say why and go on
            result = Failure(result.article.source, "store", f"could not be stored: {_describe(exc)}")
        else:
            report.article_ids.append(saved.article_id)
            if saved.outcome == "unchanged":
                report.unchanged += 1
            elif saved.outcome == "new_version":
                report.new_versions += 1
            else:
                report.ingested += 1
            return
    report.failed.append(result)
    try:
        store.record_failure(result)
    except Exception:  # the failure is still in the report the user sees
        pass


class Ingester:
    """Process and store pages one at a time, counting every outcome in one report.

    The CLI, the web app and feed following all ingest through this one object."""

    def __init__(self, store, settings: Settings | None = None):
        self.store = store
        self.settings = settings or Settings()
        self.nlp = load_nlp(self.settings.spacy_model)
        self.report = IngestReport()

    def __call__(self, item: Page | Failure) -> AnalysedArticle | Failure:
        result = item if isinstance(item, Failure) else process_page(item, self.nlp, self.settings.max_page_bytes)
        store_result(result, self.store, self.report)
        return result


def ingest_pages(
    sources: Iterable[str],
    store,
    settings: Settings | None = None,
    on_page: Callable[[Page | Failure], None] | None = None,
    allow_private: bool = False,
) -> IngestReport:
    """Read, extract, analyse and store every page the sources name."""
    ingest = Ingester(store, settings)
    for item in read_pages(sources, ingest.settings.max_page_bytes, allow_private=allow_private):
        ingest(item)
        if on_page:
            on_page(item)
    return ingest.report


def ingest_bytes(name: str, content: bytes, store, settings: Settings | None = None,
                 url: str | None = None) -> IngestReport:
    """Ingest one pasted or uploaded page."""
    ingest = Ingester(store, settings)
    limit = ingest.settings.max_page_bytes
    ingest(too_large(name, len(content), limit) if len(content) > limit else Page(source=name, content=content, url=url))
    return ingest.report


def _describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
