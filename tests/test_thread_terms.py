"""The story term index kept whole, on SQLite and on Postgres: a quote that joins a thread in the
story's window is also joined to an older thread of the same quote found only by terms (one
quote, one thread), and a thread is still found by its terms after the quote that filed them
leaves (its article deleted or replaced, its story split)."""

from __future__ import annotations

from cached_ingest import cached_ingest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy import inspect, select, update
from story_pages import FLOOD, FOURTH, RESIGNATION, bridging_page, pages
from thread_story import LATER, VISSER, Story, quote_ids

from storyline.store.migrations import LATEST, migrate
from storyline.store.schema import (quote_links, quotes, schema_version, stories, story_articles, story_quote_terms,
                                    thread_quotes)
from storyline.stories.queries import story_of_article
from storyline.threads.queries import article_quote_threads, get_thread
from storyline.threads.stored import quote_terms, thread_key

# One statement of 24 words; the older thread has its first 16 (no speaker given), a later
# article its last 15 (overlapping by 7: too few to link the two), then one quotes it whole.
WHOLE = ("The port authority said every crane in the northern terminals will be replaced before winter "
         "and the workers will get their night shift back").split()
OPENING, CLOSING = " ".join(WHOLE[:16]), " ".join(WHOLE[9:])
FIRST = ("The dockers will stay out until every port pays the same rate", "direct", VISSER)
OTHER = ("Nobody in this harbour should have to choose between rent and food", "direct", VISSER)
INTERLEAVED = [page for pair in zip(pages(FLOOD), pages(RESIGNATION)) for page in pair]


def thread_articles_of(store, article_id: int) -> list[int]:
    """The articles of the thread of the article's (one) quote, first report first."""
    (summary,) = store.read(article_quote_threads, article_id)
    return [q.article_id for q in store.read(get_thread, summary.thread_id).quotes]


def test_a_quote_that_joins_a_thread_also_joins_an_older_one_found_by_terms(store):
    story = Story(store)
    older = [story.add([(OPENING, "direct", None)]) for _ in range(2)]  # a thread of two, no speaker
    story.fill(LATER)
    closing = story.add([(CLOSING, "direct", VISSER)])
    assert closing not in thread_articles_of(store, older[0])  # 7 shared words do not link them
    whole = story.add([(" ".join(WHOLE), "direct", VISSER)])
    with store.engine.connect() as conn:
        partners = set(conn.execute(select(quote_links.c.quote_a).where(quote_links.c.quote_b.in_(
            quote_ids(store, whole)))).scalars())
    assert quote_ids(store, closing)[0] in partners  # in the window
    assert partners & {q for a in older for q in quote_ids(store, a)}  # past it, through the terms
    assert thread_articles_of(store, whole) == [*older, closing, whole]
    with store.engine.connect() as conn:
        threads = set(conn.execute(select(thread_quotes.c.thread_id).where(
            thread_quotes.c.article_id.in_([*older, closing, whole]))).scalars())
    assert len(threads) == 1 and None not in threads


def index_is_whole(store) -> None:
    """Every story term is filed under the story its quote's article is in, and in each story
    each thread's quotes' terms are filed there by quotes of that thread."""
    with store.engine.connect() as conn:
        members = conn.execute(select(story_articles.c.story_id, thread_quotes.c.thread_id, quotes.c.id, quotes.c.text,
                                      quotes.c.kind)
                               .join(thread_quotes, thread_quotes.c.article_id == story_articles.c.article_id)
                               .join(quotes, quotes.c.id == thread_quotes.c.quote_id)).all()
        filed = conn.execute(select(story_quote_terms.c.story_id, story_quote_terms.c.key, story_quote_terms.c.quote_id,
                                    story_articles.c.story_id.label("home"), thread_quotes.c.thread_id)
                             .join(quotes, quotes.c.id == story_quote_terms.c.quote_id)
                             .join(thread_quotes, thread_quotes.c.quote_id == quotes.c.id)
                             .outerjoin(story_articles, story_articles.c.article_id == quotes.c.article_id)).all()
    assert [row for row in filed if row.story_id != row.home] == []
    held = {(row.story_id, thread_key(row.quote_id, row.thread_id), row.key) for row in filed}
    missing = {(story, thread_key(quote_id, thread), term) for story, thread, quote_id, text, kind in members
               for term in quote_terms(text, kind)} - held
    assert missing == set()


def test_a_thread_is_found_by_its_terms_after_the_quote_that_filed_them_is_deleted(store):
    """The thread's first report filed its terms; its article deleted, its copy files them, and a
    later version past the window (no speaker given: no keys) still joins the thread."""
    story = Story(store)
    first, copy = (story.add([FIRST]) for _ in range(2))
    assert store.delete_article(first)
    index_is_whole(store)
    story.fill(LATER)
    new = story.add([(FIRST[0], "direct", None)])
    assert thread_articles_of(store, new) == [copy, new]


def test_a_new_version_of_the_first_report_keeps_its_thread_found_by_its_terms(store):
    """A page's new version takes the old version's quotes out of the threads: what they filed is
    filed again by the thread's other quotes (here the new version quotes something else)."""
    story = Story(store)
    first, copy = (story.add([FIRST]) for _ in range(2))
    story.replace(first, [OTHER])
    index_is_whole(store)
    story.fill(LATER)
    new = story.add([(FIRST[0], "direct", None)])
    assert thread_articles_of(store, new) == [copy, new]


def test_terms_follow_their_quotes_when_stories_merge_and_split(store):
    """Real pages through the pipeline: two stories, a bridging round-up merges them, at nine
    articles the second look splits them again; each time the index follows its quotes."""
    ids = [saved.article_id for saved in cached_ingest(store, INTERLEAVED + pages(FOURTH))]
    index_is_whole(store)
    bridge = cached_ingest(store, [bridging_page()])[0].article_id
    parts = {store.read(story_of_article, i) for i in ids}
    assert len(parts) == 2 and store.read(story_of_article, bridge) in parts  # merged, then split
    with store.engine.connect() as conn:
        assert set(conn.execute(select(story_quote_terms.c.story_id)).scalars()) == parts
    index_is_whole(store)


def test_migration_22_files_terms_under_their_quotes_stories(store):
    """A store at schema 21 whose story was merged into another (its terms left under it) and that
    had no index of unfiled quotes: migrated, its terms are under the story that absorbed it."""
    story = Story(store)
    first, _ = (story.add([FIRST]) for _ in range(2))
    with store.engine.begin() as conn:
        absorbed = conn.execute(stories.insert().values(first_seen="2026-01-01", last_seen="2026-01-01",
                                                        article_count=0, merged_into=story.id)).inserted_primary_key[0]
        conn.execute(update(story_quote_terms).values(story_id=absorbed))
        conn.exec_driver_sql("DROP INDEX ix_thread_quotes_unfiled")
        conn.execute(update(schema_version).values(version=21))
    assert migrate(store.engine) == LATEST == 22
    index_is_whole(store)
    assert "ix_thread_quotes_unfiled" in {i["name"] for i in inspect(store.engine).get_indexes("thread_quotes")}
