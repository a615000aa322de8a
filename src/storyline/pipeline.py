"""The pipeline ingest → extract → analyze → store, and the one sink every driver stores through.

Each page either becomes a stored article or a Failure with a one-line reason; one bad page
never stops a batch, and a failure never touches what is already stored. `store_analysed`
is the sink: the CLI, feed following, the web app and `load` (batch shards) all save
through it, so the post-save steps in POST_SAVE_STEPS run once for every stored article,
whichever driver stored it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Protocol

from spacy.language import Language

from storyline.analyze import analyze_article
from storyline.analyze.nlp import load_nlp
from storyline.budget import PageTimedOut, check_budget, page_budget
from storyline.config import Settings
from storyline.errors import one_line
from storyline.extract import extract_article
from storyline.ingest import read_pages
from storyline.ingest.limits import too_large
from storyline.model import AnalysedArticle, Failure, Page, Stage
from storyline.report import Report
from storyline.store import SaveResult
from storyline.stories import assign_story
from storyline.threads.step import thread_step


class PostSaveStep(Protocol):
    """Runs after an article is saved (outcome ingested/new_version/unchanged), outside the save's
    transaction; not again for a page whose very bytes are stored (see `ingest_item`)."""

    name: str

    def __call__(self, store, saved: SaveResult, analysed: AnalysedArticle) -> None: ...


# The cross-article features (stories, quote threads) register here, in the order they run.
# A step with a `catch_up(store) -> int` is run by `load` once after its shards instead, so it
# meets the loaded articles in publication order (stories).
POST_SAVE_STEPS: list[PostSaveStep] = [assign_story, thread_step]  # threads read the story


def process_page(page: Page, nlp: Language, max_bytes: int,
                 timeout: float | None = None) -> AnalysedArticle | Failure:
    """Extract and analyse one page within `timeout` seconds: a pure function of the page,
    safe to run in a worker."""
    with page_budget(timeout):
        article = extract_article(page, max_bytes=max_bytes)  # a Failure, never an exception
        if isinstance(article, Failure):
            return article
        try:
            check_budget(Stage.EXTRACT)
            return analyze_article(article, nlp)
        except PageTimedOut as exc:
            return Failure(page.source, exc.stage, str(exc))
        except Exception as exc:
            return Failure(page.source, Stage.ANALYZE, f"analysis failed unexpectedly: {one_line(exc)}")


def store_analysed(result: AnalysedArticle | Failure, store, report: Report,
                   steps: Iterable[PostSaveStep] | None = None) -> SaveResult | Failure:
    """The sink: save an analysed article and run the post-save steps on it (`steps`, default
    POST_SAVE_STEPS), or record the failure; either way count it in the report."""
    if isinstance(result, AnalysedArticle):
        try:
            saved = store.save(result)
        except Exception as exc:  # the store rolls the transaction back; say why and go on
            result = Failure(result.article.source, Stage.STORE, f"could not be stored: {one_line(exc)}")
        else:
            report.add_saved(saved.outcome, saved.article_id)
            _after_save(store, saved, result, report, POST_SAVE_STEPS if steps is None else steps)
            return saved
    _record(store, result, report)
    return result


def _after_save(store, saved: SaveResult, analysed: AnalysedArticle, report: Report,
                steps: Iterable[PostSaveStep]) -> None:
    """Every post-save step in order; one that raises is recorded and the others still run."""
    for step in steps:
        try:
            step(store, saved, analysed)
        except Exception as exc:  # the article is stored; only this step's work is missing
            reason = f"{step.name} failed: {one_line(exc)}"
            _record(store, Failure(analysed.article.source, Stage.POST_SAVE, reason), report)


def _record(store, failure: Failure, report: Report) -> None:
    report.add_failure(failure)
    try:
        store.record_failure(failure)
    except Exception:  # the failure is still in the report the user sees
        pass


class Ingester:
    """Process and store pages one at a time, counting every outcome in one report.

    The CLI and feed following ingest through this object; the web app's jobs call
    `ingest_item` themselves, with analysis in worker processes (serve/ingest_jobs.py)."""

    def __init__(self, store, settings: Settings | None = None):
        self.store = store
        self.settings = settings or Settings()
        self.report = Report()

    def __call__(self, item: Page | Failure) -> SaveResult | Failure:
        return ingest_item(item, partial(analyse_page, settings=self.settings), self.store, self.report)


def analyse_page(page: Page, settings: Settings) -> AnalysedArticle | Failure:
    """`process_page` with the settings' spaCy pipeline, loaded at the first page of each process."""
    return process_page(page, load_nlp(settings.spacy_model), settings.max_page_bytes, settings.page_timeout)


def ingest_item(item: Page | Failure, analyse: Callable[[Page], AnalysedArticle | Failure], store,
                report: Report) -> SaveResult | Failure:
    """One page through the pipeline into the sink. A page whose raw bytes are stored already
    is "unchanged" before any parsing (a re-run over stored pages re-analysed every one); the
    post-save steps ran when it was stored."""
    if isinstance(item, Failure):
        return store_analysed(item, store, report)
    known = _stored_from(item, store)
    if known is not None:
        report.add_saved("unchanged", known)
        return SaveResult("unchanged", known)
    return store_analysed(analyse(item), store, report)


def _stored_from(page: Page, store) -> int | None:
    try:
        return store.article_with_bytes(page.content_hash)
    except Exception:  # only a shortcut: the save says what is wrong with the store
        return None


def ingest_pages(
    sources: Iterable[str],
    store,
    settings: Settings | None = None,
    on_page: Callable[[Page | Failure], None] | None = None,
    allow_private: bool = False,
) -> Report:
    """Read, extract, analyse and store every page the sources name."""
    ingest = Ingester(store, settings)
    for item in read_pages(sources, ingest.settings.max_page_bytes, allow_private=allow_private):
        ingest(item)
        if on_page:
            on_page(item)
    return ingest.report


def ingest_bytes(name: str, content: bytes, ingest: Ingester, url: str | None = None) -> SaveResult | Failure:
    """Ingest one pasted or uploaded page."""
    return ingest(submitted_page(name, content, ingest.settings.max_page_bytes, url))


def submitted_page(name: str, content: bytes, max_bytes: int, url: str | None = None) -> Page | Failure:
    """A pasted or uploaded page, or the failure of one over the size limit."""
    return too_large(name, len(content), max_bytes) if len(content) > max_bytes else Page(name, content, url=url)
