"""The Store: one object the CLI, batch runner, JSON API and web pages all share.

Each write is one transaction (all or nothing, retried if another writer raced it or the
database could not be reached for a moment); each read
runs on one connection, so its several queries see one consistent snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from storyline.model import AnalysedArticle, Failure

from . import actor_queries, actor_rows, queries, records, save, versions
from .engine import open_engine, read_connection, time_limited, unreachable, write_transaction
from .migrations import current_version, migrate
from .params import check_no_nul
from .search import search

T = TypeVar("T")
DEFAULT_OUTAGE_WAIT_S = 30.0
SEARCH_TIME_LIMIT_S = 10.0  # every full-text search; past it the search fails with SearchTooSlow


class Store:
    # Seconds a write waits out an unreachable database; once one has waited in vain, the
    # next writes try once each until one gets through (a run over a dead store ends soon).
    outage_wait: float = DEFAULT_OUTAGE_WAIT_S
    _gave_up = False

    def __init__(self, url_or_path: str, outage_wait: float = DEFAULT_OUTAGE_WAIT_S):
        self.search_time_limit_s = SEARCH_TIME_LIMIT_S
        self.engine = open_engine(url_or_path)
        self.backend = self.engine.dialect.name  # "sqlite" or "postgresql"
        self.outage_wait = outage_wait
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def read(self, query: Callable[..., T], *args, searching: bool = False, **kwargs) -> T:
        """`query(conn, *args, **kwargs)` on one read connection (one snapshot): how the store's
        own reads and features above it (stories) read. One that searches full text stops at
        the search time limit."""
        check_no_nul(*args, *kwargs.values())
        limit_s = self.search_time_limit_s if searching else None
        with read_connection(self.engine) as conn, time_limited(conn, limit_s):
            return query(conn, *args, **kwargs)

    def write(self, work: Callable[..., T], *args) -> T:
        """`work(conn, *args)` in one write transaction that waits out an unreachable database:
        how the store's own writes and features above it (stories) write."""
        wait = 0.0 if self._gave_up else self.outage_wait
        try:
            done = write_transaction(self.engine, lambda conn: work(conn, *args), outage_wait=wait)
        except DBAPIError as exc:
            self._gave_up = unreachable(exc, self.backend)
            raise
        self._gave_up = False
        return done

    # writes
    def save(self, analysed: AnalysedArticle) -> save.SaveResult:
        return self.write(save.save_article, analysed)

    def delete_article(self, article_id: int) -> bool:
        return self.write(save.delete_article, article_id)

    def record_failure(self, failure: Failure) -> int:
        return self.write(save.record_failure, failure)

    # reads
    def schema_version(self) -> int:
        return self.read(current_version)

    def failures(self, limit: int = 100, offset: int = 0, stage: str | None = None) -> records.Page[records.Failure]:
        return self.read(queries.list_failures, limit=limit, offset=offset, stage=stage)

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
                      section: str | None = None, since: str | None = None, until: str | None = None,
                      q: str | None = None) -> records.Page[records.ArticleSummary]:
        return self.read(queries.list_articles, limit=limit, offset=offset, outlet=outlet, section=section,
                         since=since, until=until, q=q, searching=bool(q))

    def get_article(self, article_id: int) -> records.ArticleDetail | None:
        return self.read(queries.get_article, article_id)

    def article_title(self, article_id: int) -> str | None:
        """Only the title (None when untitled or gone): what an ingest result shows."""
        return self.read(queries.article_title, article_id)

    def article_versions(self, article_id: int) -> list[dict] | None:
        """Every version of this article's page in full, oldest first; None if there is no such article."""
        return self.read(versions.article_versions, article_id)

    def article_with_bytes(self, content_hash: str) -> int | None:
        """The article stored from these raw bytes (Page.content_hash), if any."""
        return self.read(queries.article_with_bytes, content_hash)

    def deleted_article(self, article_id: int) -> records.DeletedArticle | None:
        return self.read(queries.deleted_article, article_id)

    def list_quotes(self, speaker: str | None = None, actor_id: int | None = None, since: str | None = None,
                    until: str | None = None, outlet: str | None = None, kind: str | None = None,
                    q: str | None = None, limit: int = 50, offset: int = 0) -> records.Page[records.Quote]:
        return self.read(queries.list_quotes, speaker=speaker, actor_id=actor_id, since=since, until=until,
                         outlet=outlet, kind=kind, q=q or None, limit=limit, offset=offset, searching=bool(q))

    def list_actors(self, type: str | None = None, name: str | None = None, limit: int = 50,
                    offset: int = 0) -> records.Page[records.ActorSummary]:
        return self.read(actor_queries.list_actors, type=type, name=name or None, limit=limit, offset=offset)

    def get_actor(self, actor_id: int) -> records.ActorDetail | None:
        return self.read(actor_queries.get_actor, actor_id)

    def actor_redirect(self, actor_id: int) -> int | None:
        """The actor an absorbed actor's rows moved into (its old links lead there)."""
        return self.read(actor_rows.redirect_of, actor_id)

    def search(self, q: str, limit: int = 20) -> records.SearchResults:
        return self.read(search, q, limit=limit, searching=True)

    def stats(self) -> records.Stats:
        return self.read(queries.stats)


def open_store(url_or_path: str, outage_wait: float = DEFAULT_OUTAGE_WAIT_S) -> Store:
    """A path or sqlite:///... URL opens (or creates) a SQLite file; postgresql://... a Postgres
    database. Either way the schema is migrated to the latest version first. Writes wait out
    an unreachable database for up to `outage_wait` seconds."""
    return Store(url_or_path, outage_wait)

