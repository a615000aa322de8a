"""Full-text search, the only dialect-specific part of the store.

SQLite: FTS5 external-content tables kept in sync by triggers. Postgres: generated tsvector
columns with GIN indexes, queried with `websearch_to_tsquery`. Both answer the same question,
"which rows match, how well, and where", as a Select of (id, score, snippet) — higher score is
better, and the snippet marks hits with MARK_START/MARK_END (see `queries.html_snippet`) —
and "which rows match" alone (`matching`), for counting.

Ranking is bounded: `matches(..., ranked=N, where=...)` scores only the N newest matching
rows (by id) that meet the caller's conditions. A common word ("said") matches nearly every
article, and both bm25 and ts_rank cost something per match (FTS5 reads each match's
positions and column sizes; Postgres reads each row's stored tsvector), so ranking every
match grows with the store. Finding the N newest is cheap on both: FTS5 walks its doclist
backwards by rowid, Postgres walks the primary key backwards or sorts the GIN matches' ids.
"""

from __future__ import annotations

import re

from sqlalchemy import Select, column, func, literal_column, select, table

from .params import InvalidQuery
from .schema import articles, quotes

MARK_START, MARK_END = "\x02", "\x03"
ENGLISH = literal_column("'english'::regconfig")

TABLES = {"articles": articles, "quotes": quotes}
# What each searchable table indexes; the first column is the one snippets come from.
INDEXED = {"articles": ("body", "title", "standfirst"), "quotes": ("text",)}
# Hits in a title count most, then the standfirst, then the body: SQLite bm25 column weights
# in INDEXED order, Postgres setweight labels (A > B > C).
WEIGHTS = {"articles": ((1.0, "C"), (10.0, "A"), (4.0, "B")), "quotes": ((1.0, "A"),)}


class SqliteSearch:
    def ddl(self) -> list[str]:
        statements = []
        for name, cols in INDEXED.items():
            fts, listed = f"{name}_fts", ", ".join(cols)
            new = ", ".join(f"new.{c}" for c in cols)
            old = ", ".join(f"old.{c}" for c in cols)
            delete = f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.id, {old});"
            insert = f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.id, {new});"
            statements += [
                f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content='{name}', content_rowid='id',"
                " tokenize='porter unicode61 remove_diacritics 2')",
                f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {name} BEGIN {insert} END",
                f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {name} BEGIN {delete} END",
                f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {listed} ON {name} BEGIN {delete} {insert} END",
                f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # index rows written before this migration
                f"INSERT INTO {fts}({fts}, rank) VALUES ('rank', 'bm25({', '.join(str(w) for w, _ in WEIGHTS[name])})')",
            ]
        return statements

    def matches(self, table_name: str, q: str, ranked: int, where=()) -> Select:
        fts, whole = self._fts(table_name)
        match = whole.op("MATCH")(fts5_query(q))
        target = TABLES[table_name]
        newest = (select(fts.c.rowid).join(target, target.c.id == fts.c.rowid).where(match, *where)
                  .order_by(fts.c.rowid.desc()).limit(ranked).subquery())
        # the N newest are exactly the matches from the oldest of them on: a rowid range FTS5 serves
        oldest_ranked = select(func.min(newest.c.rowid)).scalar_subquery()
        snippet = func.snippet(whole, 0, MARK_START, MARK_END, "…", 24)
        return select(
            fts.c.rowid.label("id"), (-fts.c.rank).label("score"), snippet.label("snippet")
        ).where(match, fts.c.rowid >= oldest_ranked)

    def matching(self, table_name: str, q: str) -> Select:
        fts, whole = self._fts(table_name)
        return select(fts.c.rowid.label("id")).where(whole.op("MATCH")(fts5_query(q)))

    @staticmethod
    def _fts(table_name: str):
        return table(f"{table_name}_fts", column("rowid"), column("rank")), literal_column(f"{table_name}_fts")


class PostgresSearch:
    def ddl(self) -> list[str]:
        statements = []
        for name, cols in INDEXED.items():
            weighted = " || ".join(
                f"setweight(to_tsvector('english', coalesce({c}, '')), '{label}')"
                for c, (_, label) in zip(cols, WEIGHTS[name])
            )
            statements += [
                f"ALTER TABLE {name} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({weighted}) STORED",
                f"CREATE INDEX ix_{name}_search ON {name} USING GIN (search_vector)",
            ]
        return statements

    def matches(self, table_name: str, q: str, ranked: int, where=()) -> Select:
        target, vector, query = self._parts(table_name, q)
        # the newest matches carry their vector and text along: ranked and headlined without
        # going back to the table
        newest = (select(target.c.id, target.c[INDEXED[table_name][0]].label("text"), vector.label("vector"))
                  .where(vector.op("@@")(query), *where).order_by(target.c.id.desc()).limit(ranked).subquery())
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15"
        return select(
            newest.c.id, func.ts_rank(newest.c.vector, query).label("score"),
            func.ts_headline(ENGLISH, newest.c.text, query, options).label("snippet"),
        )

    def matching(self, table_name: str, q: str) -> Select:
        target, vector, query = self._parts(table_name, q)
        return select(target.c.id).where(vector.op("@@")(query))

    @staticmethod
    def _parts(table_name: str, q: str):
        words(q)  # the same "needs a word" check as SQLite
        target = TABLES[table_name]
        return target, literal_column(f"{table_name}.search_vector"), func.websearch_to_tsquery(ENGLISH, q)


def search_dialect(dialect_name: str) -> SqliteSearch | PostgresSearch:
    return PostgresSearch() if dialect_name == "postgresql" else SqliteSearch()


_TERM = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


def words(q: str) -> list[tuple[bool, str]]:
    """Web-search syntax as (excluded, phrase) pairs: words, "quoted phrases", -excluded, OR."""
    terms = []
    for m in _TERM.finditer(q or ""):
        quoted = m.group(2) is not None
        excluded, phrase = bool(m.group(1) or m.group(3)), (m.group(2) if quoted else m.group(4)).replace('"', " ")
        if phrase == "OR" or any(ch.isalnum() for ch in phrase):
            terms.append((excluded, phrase))
    if not any(phrase != "OR" and not excluded for excluded, phrase in terms):
        raise InvalidQuery("search needs at least one word to look for")
    return terms


def fts5_query(q: str) -> str:
    """Translate web-search syntax into FTS5 syntax, so no user input is an FTS5 syntax error."""
    wanted, unwanted = [], []
    for excluded, phrase in words(q):
        if phrase == "OR":
            if wanted and wanted[-1] != "OR":
                wanted.append("OR")
        elif excluded:
            unwanted.append(f'NOT "{phrase}"')
        else:
            wanted.append(f'"{phrase}"')
    if wanted[-1] == "OR":
        wanted.pop()
    return " ".join(wanted + unwanted)
