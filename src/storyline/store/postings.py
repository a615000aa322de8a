"""Bounded reads of an inverted index: for each key, the first few ids under it, in one statement.

The cross-article layers (story candidates, quote threads, wire copies) find what an article
meets through key tables; each read here is bounded by the article's keys and a per-key limit,
never by the size of the store.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, Table

UNION_TERMS = 400  # per-key reads in one SQLite statement (it refuses a compound SELECT of over 500 parts)


def postings_of(conn: Connection, table: Table, column: str, keys: list, limit: int,
                recent: Column | None = None, scope: str = "actor_id") -> dict:
    """For each key (a BIGINT, a text, or (scope, BIGINT): actor id for the per-speaker quote
    index, story id for the per-story one), the
    first `limit` ids under it, or with `recent` the `limit` latest by that column, latest first:
    one bounded index read per key, in one statement. Postgres walks the keys as an array joined
    LATERAL; SQLite (no LATERAL) gets UNION ALLs of up to UNION_TERMS per-key reads, sent as driver
    SQL (compiling a hundred-part statement cost more than running it)."""
    if not keys:
        return {}
    per_actor = isinstance(keys[0], tuple)
    order = f" ORDER BY {recent.name} DESC" if recent is not None else ""
    if conn.dialect.name == "postgresql":
        kind = "text" if isinstance(keys[0], str) else "bigint"
        arrays = "unnest(%s::int[], %s::bigint[])" if per_actor else f"unnest(%s::{kind}[])"
        columns = "k(a, k, n)" if per_actor else "k(k, n)"
        where = f't.{scope} = k.a AND t."key" = k.k' if per_actor else 't."key" = k.k'
        params = ([a for a, _ in keys], [k for _, k in keys]) if per_actor else (list(keys),)
        sql = (f"SELECT k.n - 1, p.id FROM {arrays} WITH ORDINALITY AS {columns} CROSS JOIN LATERAL "
               f"(SELECT t.{column} AS id FROM {table.name} t WHERE {where}{order} LIMIT {limit}) p")
        statements = [(sql, params)]
    else:
        statements = [_union(table, column, keys, start, limit, scope if per_actor else None, order)
                      for start in range(0, len(keys), UNION_TERMS)]
    found: dict = {key: [] for key in keys}
    for sql, params in statements:
        for n, held in conn.exec_driver_sql(sql, params):
            found[keys[n]].append(held)
    return found


def _union(table: Table, column: str, keys: list, start: int, limit: int, scope: str | None,
           order: str) -> tuple[str, tuple]:
    parts, flat = [], []
    for n in range(start, min(len(keys), start + UNION_TERMS)):
        where = f'{scope} = ? AND "key" = ?' if scope else '"key" = ?'
        flat += list(keys[n]) if scope else [keys[n]]
        parts.append(f"SELECT * FROM (SELECT {n} AS n, {column} AS id FROM {table.name} WHERE {where}{order}"
                     f" LIMIT {limit}) AS p{n}")
    return " UNION ALL ".join(parts), tuple(flat)
