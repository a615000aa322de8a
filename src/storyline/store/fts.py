"""Full-text search, the only dialect-specific part of the store.

SQLite: FTS5 external-content tables kept in sync by triggers. Postgres: generated tsvector
columns with GIN indexes, queried with `websearch_to_tsquery`. Both answer the same question,
"which rows match and how well" as a Select of (id, score) — higher score is better —,
"which rows match" alone (`matching`), for counting, and "where" (`snippets`): the snippets of
a few given rows, with the hits marked by MARK_START/MARK_END (see `queries.html_snippet`).
Snippets are made for the page shown only, never for every ranked candidate: both
`snippet()` and `ts_headline` re-read and re-tokenize the whole text, so making 500 of them
cost more than finding and ranking the matches.

Ranking is bounded: `matches(..., ranked=N, where=...)` scores only the N newest matching
rows (by id) that meet the caller's conditions. A common word ("said") matches nearly every
article, and both bm25 and ts_rank cost something per match (FTS5 reads each match's
positions and column sizes; Postgres reads each row's stored tsvector), so ranking every
match grows with the store. Finding the N newest is cheap on both: FTS5 walks its doclist
backwards by rowid, Postgres walks the primary key backwards or sorts the GIN matches' ids.
"""

from __future__ import annotations

import re

from sqlalchemy import ARRAY, Select, Text, column, func, literal_column, select, table

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
            statements += [
                f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content='{name}', content_rowid='id',"
                " tokenize='porter unicode61 remove_diacritics 2')",
                *self.triggers(name),
                f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # index rows written before this migration
                f"INSERT INTO {fts}({fts}, rank) VALUES ('rank', 'bm25({', '.join(str(w) for w, _ in WEIGHTS[name])})')",
            ]
        return statements

    @staticmethod
    def triggers(name: str) -> list[str]:
        """The triggers that keep `name`'s FTS5 index in step with its rows."""
        cols = INDEXED[name]
        fts, listed = f"{name}_fts", ", ".join(cols)
        new = ", ".join(f"new.{c}" for c in cols)
        old = ", ".join(f"old.{c}" for c in cols)
        delete = f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.id, {old});"
        insert = f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.id, {new});"
        return [
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {name} BEGIN {insert} END",
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {name} BEGIN {delete} END",
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {listed} ON {name} BEGIN {delete} {insert} END",
        ]

    def vectors_in_the_row(self) -> list[str]:
        return []  # FTS5 keeps its index apart from the rows

    def matches(self, table_name: str, q: str, ranked: int, where=()) -> Select:
        fts, whole = self._fts(table_name)
        match = whole.op("MATCH")(fts5_query(q))
        target = TABLES[table_name]
        newest = (select(fts.c.rowid).join(target, target.c.id == fts.c.rowid).where(match, *where)
                  .order_by(fts.c.rowid.desc()).limit(ranked).subquery())
        # the N newest are exactly the matches from the oldest of them on: a rowid range FTS5 serves
        oldest_ranked = select(func.min(newest.c.rowid)).scalar_subquery()
        return select(fts.c.rowid.label("id"), (-fts.c.rank).label("score")).where(match, fts.c.rowid >= oldest_ranked)

    def matching(self, table_name: str, q: str, where=()) -> Select:
        fts, whole = self._fts(table_name)
        target = TABLES[table_name]
        return (select(target.c.id).select_from(fts).join(target, target.c.id == fts.c.rowid)
                .where(whole.op("MATCH")(fts5_query(q)), *where))

    def snippets(self, table_name: str, q: str, ids: list[int]) -> Select:
        # FTS5 takes "MATCH and rowid = ?" once per id: it never walks the whole doclist
        fts, whole = self._fts(table_name)
        snippet = func.snippet(whole, 0, MARK_START, MARK_END, "…", 24)
        return select(fts.c.rowid.label("id"), snippet.label("snippet")).where(
            whole.op("MATCH")(fts5_query(q)), fts.c.rowid.in_(ids))

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

    def vectors_in_the_row(self) -> list[str]:
        """An article's vector (about 4 kB compressed) in its row instead of out of line (TOAST),
        and the rows already stored rewritten to match. Finding a query's newest matches checks
        vectors row by row, newest first; a TOAST fetch per row nearly doubled that walk (a
        phrase over 17,800 articles: about 75 ms, 40-50 ms in the row). A vector too large for a
        page still goes out of line."""
        return [
            "ALTER TABLE articles ALTER COLUMN search_vector SET STORAGE MAIN",
            # out of line only when the row would outgrow a page: at the default target (2 kB) a
            # row holding its vector also sent its url, title and every other short text to TOAST
            "ALTER TABLE articles SET (toast_tuple_target = 8160)",
            "UPDATE articles SET title = title",  # recomputes the generated vector
        ]

    def matches(self, table_name: str, q: str, ranked: int, where=()) -> Select:
        target, vector, query = self._parts(table_name, q)
        # the newest matches carry their vector along: ranked without going back to the table
        newest = (select(target.c.id, vector.label("vector")).where(vector.op("@@")(query), *where)
                  .order_by(target.c.id.desc()).limit(ranked).subquery())
        return select(newest.c.id, func.ts_rank(newest.c.vector, query).label("score"))

    def matching(self, table_name: str, q: str, where=()) -> Select:
        target, vector, query = self._parts(table_name, q)
        return select(target.c.id).where(vector.op("@@")(query), *where)

    def snippets(self, table_name: str, q: str, ids: list[int]) -> Select:
        target, _, query = self._parts(table_name, q)
        # MaxFragments=1: the fragment-based headline, one passage around the hits; the default
        # (cover-based) one took 2-3 times as long on articles with many hits
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, MaxFragments=1"
        text = target.c[INDEXED[table_name][0]]
        if table_name == "articles":  # a quote is short: its whole text
            text = _around_a_hit(text, q)
        return select(target.c.id, func.ts_headline(ENGLISH, text, query, options).label("snippet")).where(
            target.c.id.in_(ids))

    @staticmethod
    def _parts(table_name: str, q: str):
        words(q)  # the same "needs a word" check as SQLite
        target = TABLES[table_name]
        return target, literal_column(f"{table_name}.search_vector"), func.websearch_to_tsquery(ENGLISH, q)


def _around_a_hit(text, q: str, before: int = 300, length: int = 1000):
    """The `length` characters of `text` from `before` ahead of the first place a wanted word's
    stem occurs (from the start when none does). ts_headline parses all the text it is given,
    about 3 ms for a 20,000-character article, and its passage is at most 35 words, so it is
    given a window round a hit instead. The stem (less a final "i": Snowball writes "policy"
    as "polici") is found by plain substring search, so the window may land on a longer word
    that merely starts with it; the headline then still comes from that window, unmarked."""
    wanted = " ".join(phrase for excluded, phrase in words(q) if not excluded and phrase != "OR")
    stems = func.tsvector_to_array(func.to_tsvector(ENGLISH, wanted), type_=ARRAY(Text))
    at = func.strpos(func.lower(text), func.rtrim(stems[1], "i"))
    return func.substr(text, func.greatest(at - before, 1), length)


def search_dialect(dialect_name: str) -> SqliteSearch | PostgresSearch:
    return PostgresSearch() if dialect_name == "postgresql" else SqliteSearch()


_TERM = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
# Longer searches are refused: a 3,000-word query took 15-29 s, a 50,000-character word failed
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32


def words(q: str) -> list[tuple[bool, str]]:
    """Web-search syntax as (excluded, phrase) pairs: words, "quoted phrases", -excluded, OR."""
    if len(q or "") > MAX_QUERY_CHARS:
        raise InvalidQuery(f"a search can be at most {MAX_QUERY_CHARS} characters long, this one has {len(q)}")
    terms = []
    for m in _TERM.finditer(q or ""):
        quoted = m.group(2) is not None
        excluded, phrase = bool(m.group(1) or m.group(3)), (m.group(2) if quoted else m.group(4)).replace('"', " ")
        if phrase == "OR" or any(ch.isalnum() for ch in phrase):
            terms.append((excluded, phrase))
    if not any(phrase != "OR" and not excluded for excluded, phrase in terms):
        raise InvalidQuery("search needs at least one word to look for")
    if len(terms) > MAX_QUERY_TERMS:
        raise InvalidQuery(f"a search can have at most {MAX_QUERY_TERMS} words or phrases, this one has {len(terms)}")
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
