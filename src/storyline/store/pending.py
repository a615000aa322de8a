"""Catching up: the latest articles a cross-article step has not seen, in publication order.

Stories and quote threads both keep a row per article they have seen; `load` (and a rebuild)
runs them over the rest once, oldest first, so they meet articles in the order events happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Column, Connection, func, select

from .schema import articles


def run_pending(store, seen: Column, work: Callable[[Connection, int], object]) -> int:
    """`work(conn, article_id)`, each in its own store write (which waits out an outage), for every latest article
    with no row in `seen`'s table, in publication order (stored time when undated)."""
    time_order = func.coalesce(articles.c.published, articles.c.ingested_at)
    with store.engine.connect() as conn:
        pending = conn.execute(
            select(articles.c.id).where(articles.c.is_latest, ~select(seen).where(seen == articles.c.id).exists())
            .order_by(time_order, articles.c.id)).scalars().all()
    for article_id in pending:
        store.write(work, article_id)
    return len(pending)


@dataclass(frozen=True)
class ArticleStep:
    """A cross-article post-save step (pipeline.POST_SAVE_STEPS): `work(conn, article_id)` in a
    store write for each just-saved article whose page changed, reading its features back from
    the stored rows; `load` calls `catch_up` once after its shards instead, which runs `work`
    over every article with no row in `seen`'s table, in publication order."""

    name: str
    work: Callable[[Connection, int], object]
    seen: Column

    def __call__(self, store, saved, analysed=None) -> object | None:
        if saved.outcome == "unchanged":
            return None
        return store.write(self.work, saved.article_id)

    def catch_up(self, store) -> int:
        return run_pending(store, self.seen, self.work)
