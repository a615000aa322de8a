"""The tables, in SQLAlchemy Core, shared by SQLite and Postgres (see docs/SCHEMA.md).

Offsets are character offsets into `articles.body`. List-valued fields that are only ever
read whole (paragraphs, authors, roles, spans) are JSON; everything that is filtered or
joined on is a column. Full-text search lives in `fts.py`, the one dialect-specific part.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    literal_column,
    text,
)

from storyline.model import QUOTE_KINDS

metadata = MetaData()


def _table_with_id(name: str, *columns, **options) -> Table:
    """A table whose rows are named by an integer `id` (articles, actors, stories...): the
    permalinks and the targets of the other tables' references."""
    return Table(name, metadata, Column("id", Integer, primary_key=True), *columns, **options)


schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

articles = _table_with_id(
    "articles",
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("canonical_url", Text),
    # the page key (save.page_key): canonical_url, else url, else source; its rows are the page's versions
    Column("canonical_key", Text, nullable=False),
    Column("title", Text),
    Column("standfirst", Text),
    Column("summary", Text),
    Column("body", Text, nullable=False),
    Column("paragraphs", JSON, nullable=False),  # [[start, end], ...]
    Column("outlet", Text),
    Column("section", Text),
    Column("breadcrumbs", JSON, nullable=False),
    Column("authors", JSON, nullable=False),
    Column("published", Text),  # ISO 8601 as extracted; compared as text
    Column("categories", JSON, nullable=False),
    Column("dateline", Text),  # Article.dateline: the place the story was filed from
    Column("agency", Text),  # Article.agency: the news agency its dateline credits
    Column("language", Text),
    Column("status", Text, nullable=False),
    Column("format", Text, nullable=False),
    Column("content_hash", Text, nullable=False, unique=True),  # raw page bytes
    Column("body_hash", Text, nullable=False),  # clean body: same text, other markup
    Column("version", Integer, nullable=False),
    Column("is_latest", Boolean, nullable=False),
    Column("superseded_by", Integer, ForeignKey("articles.id", ondelete="SET NULL")),
    Column("fetched_at", Text),
    Column("ingested_at", Text, nullable=False),
    CheckConstraint("format IN ('html', 'text')", name="ck_articles_format"),
    sqlite_autoincrement=True,  # ids are permalinks: never given again after a delete (migration 7)
)
# One latest version per page: two writers cannot both add "the" new version.
Index(
    "ux_articles_latest",
    articles.c.canonical_key,
    unique=True,
    sqlite_where=text("is_latest"),
    postgresql_where=text("is_latest"),
)
# A page's versions (the index keeps its first name). The partial index above cannot serve
# "canonical_key = ? AND is_latest" on SQLite (SQLAlchemy writes the flag as "is_latest = 1",
# which SQLite does not match to the index's "WHERE is_latest"), so without this every save
# scanned all articles.
Index("ix_articles_story", articles.c.canonical_key, articles.c.version)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)

# Every outlet spelling stored on an article, under its keys.outlet_key: how a save finds the
# other spellings of its outlet without reading the articles (store/outlets.py).
outlet_spellings = Table(
    "outlet_spellings",
    metadata,
    Column("name", Text, primary_key=True),
    Column("key", Text, nullable=False),
)
Index("ix_outlet_spellings_key", outlet_spellings.c.key)

actors = _table_with_id(
    "actors",
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("name_key", Text, nullable=False),  # normalised name: the merge key
    # last word of name_key (an actor renamed before migration 20 had kept its old name's)
    Column("surname_key", Text, nullable=False),
    Column("roles", JSON, nullable=False),
    # Over the latest versions of articles, kept by save/delete_article (store/counts.py):
    # quotes spoken, mentions, and articles naming the actor (0: listed nowhere).
    Column("quote_count", Integer, nullable=False, server_default="0"),
    Column("mention_count", Integer, nullable=False, server_default="0"),
    Column("article_count", Integer, nullable=False, server_default="0"),
    UniqueConstraint("name_key", "type", name="ux_actors_name_type"),
    sqlite_autoincrement=True,
)
Index("ix_actors_surname", actors.c.surname_key, actors.c.type)
Index("ix_actors_most_quoted", actors.c.quote_count, actors.c.mention_count)

actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("alias_key", Text, nullable=False),
    UniqueConstraint("actor_id", "alias_key", name="ux_actor_aliases"),
)
Index("ix_actor_aliases_key", actor_aliases.c.alias_key)

# An actor whose rows moved into another (actor_rows.absorb: an article showed two stored names
# are one actor) leaves its id here, so a link to its old page leads to the actor that holds
# them. No foreign key: the target may later go too (a deleted article), and then it is 404.
actor_redirects = Table(
    "actor_redirects",
    metadata,
    Column("actor_id", Integer, primary_key=True, autoincrement=False),
    Column("into_id", Integer, nullable=False),
)

# How one article names a global actor: the article's own name, aliases and roles.
article_actors = Table(
    "article_actors",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),  # index in AnalysedArticle.actors
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("type", Text),  # the type this article gave the actor: the actor's type is their vote (migration 11)
)
Index("ix_article_actors_actor", article_actors.c.actor_id)

mentions = _table_with_id(
    "mentions",
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_mentions_article", mentions.c.article_id)
Index("ix_mentions_actor", mentions.c.actor_id)

quotes = _table_with_id(
    "quotes",
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("content", JSON, nullable=False),  # [{"start", "end", "text"}, ...]
    Column("start_char", Integer, nullable=False),
    Column("cue", JSON),  # {"start", "end", "text"} or null
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_text", Text),
    Column("speaker_key", Text),  # speaker_text lower-cased: what list_quotes(speaker=...) matches
    Column("actor_id", Integer, ForeignKey("actors.id")),
    # Copies of the article's is_latest and published, so a speaker's quotes are found, counted
    # and ordered newest first from one index, without visiting every article.
    Column("is_latest", Boolean, nullable=False, server_default=text("true")),
    Column("published", Text),
    CheckConstraint(f"kind IN ({', '.join(map(repr, QUOTE_KINDS))})", name="ck_quotes_kind"),
    sqlite_autoincrement=True,
)
Index("ix_quotes_article", quotes.c.article_id)
# A speaker's quotes in latest articles, newest first, straight from an index on both backends
# (NULLS LAST is spelt as a leading "published IS NULL" so one definition serves both), with
# the columns the count and the page need (index-only).
def newest_first(columns) -> tuple:
    """Quotes newest first, then in article order, over `columns` (quotes.c or a subquery's .c)."""
    return columns.published.is_(None), columns.published.desc(), columns.article_id.desc(), columns.position


Index("ix_quotes_actor_newest", quotes.c.actor_id, quotes.c.is_latest, *newest_first(quotes.c), quotes.c.id)
# on a plain column, not lower(speaker_text): Postgres answers an index-only scan from it
Index("ix_quotes_speaker_key_newest", quotes.c.speaker_key, quotes.c.is_latest, *newest_first(quotes.c),
      quotes.c.id, quotes.c.actor_id)

# Ids of deleted articles: their pages answer 410 Gone instead of 404.
deleted_articles = Table(
    "deleted_articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("title", Text),
    Column("deleted_at", Text, nullable=False),
)

failures = _table_with_id(
    "failures",
    Column("source", Text, nullable=False),
    Column("stage", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", Text, nullable=False),  # first seen
    # One row per page and reason (migration 10): a re-run bumps `count` and `last_seen`.
    Column("last_seen", Text),
    Column("count", Integer, nullable=False, server_default="1"),
    Column("failure_key", Text),  # save.failure_key: a hash of source, stage and reason
)
Index("ux_failures_key", failures.c.failure_key, unique=True)

# Stories: the cross-article layer (storyline.stories) keeps its rows here. A story's centroid
# holds its heaviest term weights per field; a merged story keeps its row with `merged_into`
# set, so its id (a permalink) still leads to the story that absorbed it.
stories = _table_with_id(
    "stories",
    Column("headline", Text),
    Column("first_seen", Text, nullable=False),  # article time: published, else when stored
    Column("last_seen", Text, nullable=False),
    Column("first_published", Text),  # the span of its articles' publication dates, when known
    Column("last_published", Text),
    Column("article_count", Integer, nullable=False),
    # story_vectors.pack: per field ("title"|"body"|"actors") {term: weight}, each field's TF-IDF
    # length when the story last changed, and the idf each centroid term had when last seen;
    # null while a story has no article and once merged away
    Column("vectors", LargeBinary),
    Column("merged_into", Integer, ForeignKey("stories.id")),
    sqlite_autoincrement=True,  # story ids are permalinks too
)
Index("ix_stories_active", stories.c.merged_into, stories.c.last_seen)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False),
    Column("seen", Text, nullable=False),  # the article's time, as first_seen/last_seen count it
    Column("fit", Float),  # how well it fitted the story it joined (null: it started the story)
)
Index("ix_story_articles_story", story_articles.c.story_id, story_articles.c.seen)

# The candidate index: a story is found through the rarest actors and heaviest words of its
# articles, most recently active first, so a new article reads a bounded set of stories.
story_keys = Table(
    "story_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), primary_key=True),
    Column("last_seen", Text, nullable=False),
)
Index("ix_story_keys_recent", story_keys.c.key, story_keys.c.last_seen)
Index("ix_story_keys_story", story_keys.c.story_id)  # a merge moves a story's keys

# Document frequencies over the stored articles, counted as each arrives (no look-ahead).
story_terms = Table(
    "story_terms",
    metadata,
    Column("term", Text, primary_key=True),
    Column("documents", Integer, nullable=False),
    # the article count when an article last held the term: one-off terms are pruned by age
    Column("last_seen", Integer, nullable=False, server_default="0"),
)
Index("ix_story_terms_once", story_terms.c.last_seen, sqlite_where=story_terms.c.documents == literal_column("1"),
      postgresql_where=story_terms.c.documents == literal_column("1"))

# Quote threads: the cross-article layer (storyline.threads) keeps its rows here. A thread is a
# connected group of linked quotes; a merged thread keeps its row with `merged_into` set, so its
# id still leads to the thread that absorbed it.
# A thread's members are its thread_quotes rows (its count and first report are read from them).
quote_threads = _table_with_id(
    "quote_threads",
    Column("merged_into", Integer, ForeignKey("quote_threads.id")),
    sqlite_autoincrement=True,  # thread ids are permalinks
)

# Per quote, what the threads step found: how its source is identified, how many candidate
# keys it holds (the look-up compares shares of them), and its thread (null: linked to none).
thread_quotes = Table(
    "thread_quotes",
    metadata,
    Column("quote_id", Integer, ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("source_kind", Text),  # named / described / anonymous; null: no source given
    Column("key_count", Integer, nullable=False),
    Column("term_count", Integer),  # how many story terms it holds (null: threaded before migration 21)
    Column("thread_id", Integer, ForeignKey("quote_threads.id")),
    CheckConstraint("source_kind IN ('named', 'described', 'anonymous')", name="ck_thread_quotes_source"),
)
Index("ix_thread_quotes_article", thread_quotes.c.article_id)
Index("ix_thread_quotes_thread", thread_quotes.c.thread_id)
# The quotes the story term index has not filed yet (threaded before migration 21): the catch-up
# reads them off this index, which holds nothing once they are filed.
Index("ix_thread_quotes_unfiled", thread_quotes.c.quote_id, sqlite_where=thread_quotes.c.term_count.is_(None),
      postgresql_where=thread_quotes.c.term_count.is_(None))

# The candidate index across stories: a quote's winnowed shingle keys under its speaker, so a
# new quote is looked up among its own speaker's quotes only (threads.candidates.quote_keys).
# A quote moved to another actor takes its keys along (those moved before migration 20 had kept them).
quote_keys = Table(
    "quote_keys",
    metadata,
    Column("actor_id", Integer, primary_key=True),
    Column("key", BigInteger, primary_key=True),
    Column("quote_id", Integer, ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_quote_keys_quote", quote_keys.c.quote_id)

# The index within a story: a quote's words (threads.stored.quote_terms) under its story, so a
# quote older than the story's window is found whatever its speaker; a term a quote's thread
# already holds in the story is not filed again (the postings grow with threads, not repeats).
story_quote_terms = Table(
    "story_quote_terms",
    metadata,
    Column("story_id", Integer, primary_key=True),
    Column("key", BigInteger, primary_key=True),  # a term
    Column("quote_id", Integer, ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_story_quote_terms_quote", story_quote_terms.c.quote_id)

# Two versions of one quote: `quote_b` was linked when stored, to the earlier-stored `quote_a`;
# `edits` is the word diff from a to b ([{"op", "before", "after"}], altered links only).
quote_links = Table(
    "quote_links",
    metadata,
    Column("quote_a", Integer, ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True),
    Column("quote_b", Integer, ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", Text, nullable=False),
    Column("speaker_shift", Boolean, nullable=False),
    Column("shared_words", Integer, nullable=False),
    Column("edits", JSON, nullable=False),
    Column("same_story", Boolean, nullable=False),
)
Index("ix_quote_links_b", quote_links.c.quote_b)

# Per article the threads step has seen: the agency it credits, and its group of near-duplicate
# bodies (wire copies; the group is named by its earliest-stored article, null: no copy found).
thread_articles = Table(
    "thread_articles",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("agency", Text),
    Column("copy_group", Integer),
    # its body's shingle keys (threads.wire.pack_keys; empty: too short to group; null: threaded
    # before migration 19, found again from the body when met)
    Column("shingles", LargeBinary),
)
Index("ix_thread_articles_group", thread_articles.c.copy_group)

# Body band keys (threads.wire.band_keys): two articles sharing one are compared as copies.
wire_keys = Table(
    "wire_keys",
    metadata,
    Column("key", BigInteger, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_wire_keys_article", wire_keys.c.article_id)
