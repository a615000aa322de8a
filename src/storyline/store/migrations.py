"""Ordered schema migrations: opening a store brings any older database up to date.

`schema_version` holds the number of migrations applied. Each migration is a function of a
connection, run inside the same transaction as the version bump, so a crash leaves the
database at the previous version. Add new migrations at the end; never edit an applied one
(a column added later is an ALTER TABLE in a new migration, not an edit to migration 1).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from sqlalchemy import Connection, Engine, bindparam, func, inspect, select, text
from sqlalchemy.schema import CreateColumn, CreateIndex, CreateTable

from storyline.keys import name_key, speaker_key, surname_key

from . import story_vectors
from .counts import COUNTS, recount
from .engine import MIGRATION_LOCK, serialised, write_transaction
from .fts import INDEXED, SqliteSearch, search_dialect
from .outlets import outlet_spelling_rows
from .save import failure_key, without_credentials
from .schema import (actor_aliases, actors, article_actors, articles, failures, metadata, outlet_spellings,
                     quote_keys, quotes, schema_version, stories, story_quote_terms, story_terms)
from .story_quote_filing import file_under_their_story

CORE_TABLES = ("articles", "actors", "actor_aliases", "article_actors", "mentions", "quotes", "failures")


def _create_core_tables(conn: Connection) -> None:
    metadata.create_all(conn, tables=[metadata.tables[name] for name in CORE_TABLES])


def _add_full_text_search(conn: Connection) -> None:
    for statement in search_dialect(conn.dialect.name).ddl():
        conn.exec_driver_sql(statement)


def _add_missing_columns(conn: Connection, table_name: str, names: tuple[str, ...]) -> None:
    """ALTER TABLE ... ADD COLUMN for each of `names` the table lacks (a store created by
    migration 1 after the column joined schema.py already has it)."""
    have = {c["name"] for c in inspect(conn).get_columns(table_name)}
    table = metadata.tables[table_name]
    for name in names:
        if name not in have:
            column = CreateColumn(table.c[name]).compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE {table_name} ADD COLUMN {column}")


def _keep_counts_at_write_time(conn: Connection) -> None:
    """Per-actor counts kept in `actors`, and the quotes' copy of their article's is_latest and
    published with the speaker indexes, backfilled from the rows already stored; an index on
    a story's versions."""
    _add_missing_columns(conn, "actors", COUNTS)
    _add_missing_columns(conn, "quotes", ("is_latest", "published"))
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_quotes_actor")  # superseded by ix_quotes_actor_newest
    _create_missing_indexes(conn, ("articles", "actors", "quotes"))
    of_article = articles.c.id == quotes.c.article_id
    conn.execute(quotes.update().values(
        is_latest=select(articles.c.is_latest).where(of_article).scalar_subquery(),
        published=select(articles.c.published).where(of_article).scalar_subquery(),
    ))
    recount(conn)


def _create_missing_indexes(conn: Connection, table_names: tuple[str, ...]) -> None:
    """schema.py's indexes on these tables, except those on a column a later migration adds."""
    for table_name in table_names:
        have = {c["name"] for c in inspect(conn).get_columns(table_name)}
        for index in metadata.tables[table_name].indexes:
            if {c.name for c in index.columns} <= have:
                conn.execute(CreateIndex(index, if_not_exists=True))


def _speaker_indexes_in_newest_first_order(conn: Connection) -> None:
    """Migration 3's speaker indexes (ascending published) replaced by ones in list_quotes'
    newest-first order, so a speaker's first page is read off the index without sorting."""
    for old in ("ix_quotes_actor_latest", "ix_quotes_speaker_text"):
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {old}")
    _create_missing_indexes(conn, ("quotes",))


def _speaker_key_column(conn: Connection) -> None:
    """quotes.speaker_key, the lower-cased speaker as written, replaces the index on
    lower(speaker_text): Postgres cannot answer an index-only scan from an expression index, so
    a much-quoted name's as-written branch visited every such row. Rows already stored get SQL's
    lower() (ASCII only on SQLite, as list_quotes compared them until now)."""
    _add_missing_columns(conn, "quotes", ("speaker_key",))
    conn.execute(quotes.update().where(quotes.c.speaker_text.is_not(None))
                 .values(speaker_key=func.lower(func.trim(quotes.c.speaker_text))))
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_quotes_speaker_newest")
    _create_missing_indexes(conn, ("quotes",))


def _dateline_columns(conn: Connection) -> None:
    """articles.dateline and articles.agency: the place and agency a story's dateline gives,
    taken off its text at extraction. Articles stored before have none (re-ingest to fill them)."""
    _add_missing_columns(conn, "articles", ("dateline", "agency"))


def _article_search_vectors_in_the_row(conn: Connection) -> None:
    """Postgres keeps an article's search vector in its row (see `PostgresSearch.vectors_in_the_row`)."""
    for statement in search_dialect(conn.dialect.name).vectors_in_the_row():
        conn.exec_driver_sql(statement)


def _ids_never_reused(conn: Connection) -> None:
    """Article, quote and actor ids are permalinks, so a deleted one is never given again: the
    deleted_articles table (their pages answer 410 Gone), and on SQLite, tables rebuilt with
    AUTOINCREMENT (a plain rowid table gives the highest deleted id to the next row). Postgres
    sequences never go back."""
    metadata.tables["deleted_articles"].create(conn, checkfirst=True)
    if conn.dialect.name == "sqlite" and "AUTOINCREMENT" not in _sqlite_table_sql(conn, "articles"):
        rebuild_sqlite_tables(conn)


def _accent_free_name_keys(conn: Connection) -> None:
    """Actor, alias and speaker keys stored before name_key and speaker_key took accents off
    ("marković" → "markovic"), made again. An actor whose new key another actor of its type
    already holds keeps its old one (the two are not merged here); an alias that becomes a
    second copy of one of its actor's aliases goes."""
    rows = conn.execute(select(actors.c.id, actors.c.name_key, actors.c.type)).all()
    taken = {(key, type_) for _, key, type_ in rows}
    for actor_id, key, type_ in rows:
        new = name_key(key)
        if new != key and (new, type_) not in taken:
            taken.add((new, type_))
            conn.execute(actors.update().where(actors.c.id == actor_id)
                         .values(name_key=new, surname_key=surname_key(new)))
    aliases = conn.execute(select(actor_aliases.c.actor_id, actor_aliases.c.alias_key)).all()
    held = set(aliases)
    for actor_id, key in aliases:
        new = name_key(key)
        if new != key:
            alias = actor_aliases.c.actor_id == actor_id, actor_aliases.c.alias_key == key
            if (actor_id, new) in held:
                conn.execute(actor_aliases.delete().where(*alias))
            else:
                held.add((actor_id, new))
                conn.execute(actor_aliases.update().where(*alias).values(alias_key=new))
    spoken = conn.execute(select(quotes.c.id, quotes.c.speaker_text, quotes.c.speaker_key)
                          .where(quotes.c.speaker_text.is_not(None)))
    changed = [{"q_id": i, "q_key": speaker_key(text)} for i, text, key in spoken if speaker_key(text) != key]
    if changed:
        conn.execute(quotes.update().where(quotes.c.id == bindparam("q_id")).values(speaker_key=bindparam("q_key")),
                     changed)


def _one_failure_row_per_page_and_reason(conn: Connection) -> None:
    """failures gain a count, a last-seen time and the key that makes one row per page and
    reason; the rows re-runs and re-loads had added are merged into one each."""
    _add_missing_columns(conn, "failures", ("last_seen", "count", "failure_key"))
    rows = conn.execute(select(failures.c.id, failures.c.source, failures.c.stage, failures.c.reason, failures.c.at)
                        .order_by(failures.c.id)).mappings()
    same: dict[str, list] = {}
    for row in rows:
        key = failure_key(without_credentials(row["source"]), row["stage"], without_credentials(row["reason"]))
        same.setdefault(key, []).append(row)
    for key, group in same.items():
        seen = [row["at"] for row in group]
        conn.execute(failures.update().where(failures.c.id == group[0]["id"])
                     .values(failure_key=key, count=len(group), at=min(seen), last_seen=max(seen)))
        if len(group) > 1:
            conn.execute(failures.delete().where(failures.c.id.in_([row["id"] for row in group[1:]])))
    _create_missing_indexes(conn, ("failures",))
STORY_TABLES = ("stories", "story_articles", "story_keys", "story_terms")


def _story_tables(conn: Connection) -> None:
    """The cross-article layer's tables (storyline.stories); stories are assigned from here on,
    and `storyline stories --recluster` assigns the articles stored before."""
    metadata.create_all(conn, tables=[metadata.tables[name] for name in STORY_TABLES])


def _article_actor_types(conn: Connection) -> None:
    """article_actors.type: the type each article gave an actor, so that an actor's type is the
    vote of all its articles, not the first one's. Links stored before take their actor's type."""
    _add_missing_columns(conn, "article_actors", ("type",))
    typed = select(actors.c.type).where(actors.c.id == article_actors.c.actor_id).scalar_subquery()
    conn.execute(article_actors.update().where(article_actors.c.type.is_(None)).values(type=typed))


def _failures_without_credentials(conn: Connection) -> None:
    """Failure rows stored before record_failure left user names and passwords out of URLs,
    redacted once here, so the public list need not redact on every read. Their keys are
    already those of the redacted text (migration 10), so no two rows become one."""
    rows = conn.execute(select(failures.c.id, failures.c.source, failures.c.reason)
                        .where(failures.c.source.contains("@") | failures.c.reason.contains("@"))).all()
    for failure_id, source, reason in rows:
        redacted = {"source": without_credentials(source), "reason": without_credentials(reason)}
        if redacted != {"source": source, "reason": reason}:
            conn.execute(failures.update().where(failures.c.id == failure_id).values(**redacted))


THREAD_TABLES = ("quote_threads", "thread_quotes", "quote_keys", "quote_links", "thread_articles", "wire_keys")


def _thread_tables(conn: Connection) -> None:
    """The quote threads' tables (storyline.threads); articles are threaded as they are stored
    from here on; the threads step's `catch_up` (run by `load`) threads those stored before."""
    metadata.create_all(conn, tables=[metadata.tables[name] for name in THREAD_TABLES])


def _packed_story_vectors(conn: Connection) -> None:
    """stories.vectors (story_vectors.pack) in place of the JSON centroid, norms and term_idf:
    decoding candidates' JSON centroids grew with the store. Each row is packed from its JSON."""
    have = {c["name"] for c in inspect(conn).get_columns("stories")}
    if "centroid" not in have:  # created by migration 11 after this change: nothing to convert
        return
    _add_missing_columns(conn, "stories", ("vectors",))
    rows = conn.execute(text("SELECT id, centroid, norms, term_idf FROM stories WHERE merged_into IS NULL")).all()
    for story_id, *values in rows:
        centroid, norms, term_idf = (json.loads(v) if isinstance(v, str) else v for v in values)
        if any(centroid.values()):
            conn.execute(stories.update().where(stories.c.id == story_id)
                         .values(vectors=story_vectors.pack(centroid, norms, term_idf)))
    for name in ("centroid", "norms", "term_idf"):
        conn.exec_driver_sql(f"ALTER TABLE stories DROP COLUMN {name}")


def _story_terms_last_seen(conn: Connection) -> None:
    """story_terms.last_seen, so that terms seen once long ago can be pruned; the terms counted
    before count as seen now (they age from here), and the partial index that finds the oldest."""
    _add_missing_columns(conn, "story_terms", ("last_seen",))
    now = select(story_terms.c.documents).where(story_terms.c.term == "").scalar_subquery()  # all articles
    conn.execute(story_terms.update().values(last_seen=func.coalesce(now, 0)))
    _create_missing_indexes(conn, ("story_terms",))


def _actor_redirects(conn: Connection) -> None:
    """actor_redirects: an absorbed actor's old id leads to the actor that took its rows."""
    metadata.create_all(conn, tables=[metadata.tables["actor_redirects"]])


def _outlet_spellings(conn: Connection) -> None:
    """outlet_spellings, filled from the outlets stored so far: a save looked for its outlet's
    other spellings by reading every article whose outlet opened with the same letter."""
    metadata.create_all(conn, tables=[outlet_spellings])
    conn.execute(outlet_spellings.delete())  # a store taken back to an earlier version keeps the table
    stored = conn.execute(select(articles.c.outlet).distinct()).scalars().all()
    if rows := outlet_spelling_rows(stored):
        conn.execute(outlet_spellings.insert(), rows)


def _stored_body_shingles(conn: Connection) -> None:
    """thread_articles.shingles: a body's shingle keys, kept so that a wire candidate is not
    shingled again by every article that meets it (older rows are filled when first met)."""
    _add_missing_columns(conn, "thread_articles", ("shingles",))


ACTORS_PER_READ = 5000


def _keys_that_follow_renames_and_moves(conn: Connection) -> None:
    """Rows store/actors.py left stale before it kept them up: a renamed actor kept its old
    name's surname key (a later surname-only mention did not find it), and a quote whose link
    moved to another actor kept its thread keys under the old one (never a thread candidate
    under its new speaker). Surname keys are Python's, so actors are read in chunks by id."""
    last = 0
    while rows := conn.execute(select(actors.c.id, actors.c.name_key, actors.c.surname_key).where(actors.c.id > last)
                               .order_by(actors.c.id).limit(ACTORS_PER_READ)).all():
        stale = [{"a_id": i, "a_key": surname_key(key)} for i, key, old in rows if surname_key(key) != old]
        if stale:
            conn.execute(actors.update().where(actors.c.id == bindparam("a_id"))
                         .values(surname_key=bindparam("a_key")), stale)
        last = rows[-1].id
    # all of a quote's keys move together, so filing them under its speaker meets no twin row
    conn.execute(quote_keys.update().where(quote_keys.c.quote_id == quotes.c.id,
                                           quote_keys.c.actor_id != quotes.c.actor_id)
                 .values(actor_id=quotes.c.actor_id))


def _story_quote_terms(conn: Connection) -> None:
    """story_quote_terms and thread_quotes.term_count, so a quote older than its story's window is
    found whatever its speaker (threads.stored.story_terms); the quotes threaded before are filed
    by the threads step's catch-up (`load`: their terms are the threads layer's). quote_threads'
    count and first report go: nothing read them, and a deleted article left them wrong."""
    metadata.create_all(conn, tables=[story_quote_terms])
    _add_missing_columns(conn, "thread_quotes", ("term_count",))
    have = {c["name"] for c in inspect(conn).get_columns("quote_threads")}
    for name in ("quote_count", "first_quote_id"):
        if name in have:
            conn.exec_driver_sql(f"ALTER TABLE quote_threads DROP COLUMN {name}")


def _story_quote_terms_follow_their_quotes(conn: Connection) -> None:
    """Story terms filed under the story their quote's article is in (those of a merged story, or
    moved by a split, had stayed under the old story), and an index of the quotes the catch-up
    has still to file, so it reads only those."""
    file_under_their_story(conn)
    _create_missing_indexes(conn, ("thread_quotes",))


MIGRATIONS: list[Callable[[Connection], None]] = [
    _create_core_tables, _add_full_text_search, _keep_counts_at_write_time, _speaker_indexes_in_newest_first_order,
    _speaker_key_column, _article_search_vectors_in_the_row, _ids_never_reused,
    _accent_free_name_keys, _dateline_columns, _one_failure_row_per_page_and_reason, _story_tables,
    _article_actor_types, _failures_without_credentials, _thread_tables, _packed_story_vectors,
    _story_terms_last_seen, _actor_redirects, _outlet_spellings, _stored_body_shingles,
    _keys_that_follow_renames_and_moves, _story_quote_terms, _story_quote_terms_follow_their_quotes]
LATEST = len(MIGRATIONS)


def _sqlite_table_sql(conn: Connection, name: str) -> str:
    return conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :n"), {"n": name}).scalar_one()


# Every table in a foreign key with articles or actors: dropping an old parent table would
# cascade into any child still pointing at it, and SQLite cannot turn foreign keys off inside
# the migration's transaction, so children are rebuilt with their parents.
REBUILT = ("articles", "actors", "actor_aliases", "article_actors", "mentions", "quotes")


def rebuild_sqlite_tables(conn: Connection) -> None:
    """schema.py's current definition of the REBUILT tables (AUTOINCREMENT), same rows, same ids:
    new tables that refer to each other, the rows copied, the old tables dropped, the new ones
    renamed (SQLite rewrites the references), then indexes and full-text triggers made again.
    The FTS5 indexes stay valid: they are keyed by the ids, which do not change."""
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # a newer version's id is copied later
    renamed = re.compile(r"\b(CREATE TABLE|REFERENCES) (" + "|".join(REBUILT) + r") ")
    for name in REBUILT:
        ddl = str(CreateTable(metadata.tables[name]).compile(dialect=conn.dialect))
        conn.exec_driver_sql(renamed.sub(r"\1 \2_new ", ddl))
        listed = ", ".join(c["name"] for c in inspect(conn).get_columns(name))
        conn.exec_driver_sql(f"INSERT INTO {name}_new ({listed}) SELECT {listed} FROM {name}")
    # dropping a table deletes its rows first, and each deleted article looks for rows pointing
    # at it through superseded_by: unindexed, that scan per row took 4 minutes for 10,000 articles
    conn.exec_driver_sql("CREATE INDEX ix_articles_superseded_before_rebuild ON articles (superseded_by)")
    for name in reversed(REBUILT):  # children first: nothing old points at a table when it goes
        conn.exec_driver_sql(f"DROP TABLE {name}")
    for name in REBUILT:
        conn.exec_driver_sql(f"ALTER TABLE {name}_new RENAME TO {name}")
    _create_missing_indexes(conn, REBUILT)
    for name in INDEXED:
        for statement in SqliteSearch.triggers(name):
            conn.exec_driver_sql(statement)


def migrate(engine: Engine, upto: int = LATEST) -> int:
    """Apply the migrations not yet applied (up to `upto`); return the resulting version."""

    def run(conn: Connection) -> int:
        serialised(conn, MIGRATION_LOCK)  # two processes opening a new database at once
        if not inspect(conn).has_table("schema_version"):
            schema_version.create(conn)
            conn.execute(schema_version.insert().values(version=0))
        current = conn.execute(select(schema_version.c.version)).scalar_one()
        for migration in MIGRATIONS[current:upto]:
            migration(conn)
        if upto > current:
            conn.execute(schema_version.update().values(version=upto))
        return max(current, upto)

    return write_transaction(engine, run)


def current_version(conn: Connection) -> int:
    return conn.execute(select(schema_version.c.version)).scalar_one()
