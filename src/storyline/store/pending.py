"""Catching up: the latest articles a cross-article step has not seen, in publication order.

Stories and quote threads both keep a row per article they have seen; `load` (and a rebuild)
runs them over the rest once, oldest first, so they meet articles in the order events happened.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Column, Connection, func, select

from .engine import write_transaction
from .schema import articles


def run_pending(store, seen: Column, work: Callable[[Connection, int], object]) -> int:
    """`work(conn, article_id)`, each in its own write transaction, for every latest article
    with no row in `seen`'s table, in publication order (stored time when undated)."""
    time_order = func.coalesce(articles.c.published, articles.c.ingested_at)
    with store.engine.connect() as conn:
        pending = conn.execute(
            select(articles.c.id).where(articles.c.is_latest, ~select(seen).where(seen == articles.c.id).exists())
            .order_by(time_order, articles.c.id)).scalars().all()
    for article_id in pending:
        write_transaction(store.engine, lambda conn: work(conn, article_id))
    return len(pending)
