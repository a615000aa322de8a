"""Beyond the story's window, on SQLite and on Postgres: a story of more than STORY_WINDOW
articles, whose first article's quotes come back in a new one with no known speaker, credited
to someone else, as a short fragment, and as a paraphrase. None of the four shares keys with
the first under one speaker, so only the story's term index finds them."""

from __future__ import annotations

from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy import inspect, select, update
from thread_story import JANSEN, LATER, VISSER, Story, links_to, quote_ids

from storyline.store.engine import open_engine
from storyline.store.migrations import LATEST, migrate
from storyline.store.schema import story_quote_terms, thread_quotes
from storyline.threads.queries import article_quote_threads, get_thread
from storyline.threads.filing import file_older_quotes
from storyline.threads.step import thread_step
from storyline.threads.stored import STORY_WINDOW

FIRST = [  # (words, kind, speaker) in the story's first article
    ("The dockers will stay out until every port pays the same rate", "direct", VISSER),
    ("Nobody in this harbour should have to choose between rent and food", "direct", VISSER),
    ("This walkout will spread like wildfire through the northern terminals", "direct", VISSER),
    ("I will not sign any agreement that cuts the night shift allowance", "direct", VISSER),
]
AGAIN = [  # the same, in the new article: kind of link expected, speaker shift
    (("The dockers will stay out until every port pays the same rate", "direct", None), "verbatim", False),
    (("Nobody in this harbour should have to choose between rent and food", "direct", JANSEN), "verbatim", True),
    (("like wildfire", "direct", VISSER), "trimmed", False),
    (("that she would refuse any agreement cutting the allowance for night shifts", "indirect", VISSER),
     "paraphrase", False),
]


def test_quotes_beyond_the_window_are_found_whatever_their_speaker(store):
    assert LATER >= STORY_WINDOW
    story = Story(store)
    first = story.add(FIRST)
    story.fill(LATER)
    new = story.add([said for said, _, _ in AGAIN])
    expected = {b: (a, kind, shift, True) for a, b, (_, kind, shift) in zip(quote_ids(store, first),
                                                                            quote_ids(store, new), AGAIN)}
    assert links_to(store, new) == expected
    for quote_id in quote_ids(store, new):
        thread = store.read(get_thread, next(t.thread_id for t in store.read(article_quote_threads, new)
                                             if t.quote_id == quote_id))
        assert [q.article_id for q in thread.quotes] == [first, new]


def test_a_story_files_a_term_once_per_thread(store):
    """The first statement repeated in 30 articles: its words are filed by its first report only,
    so the story's postings grow with its threads, not with its repeats."""
    story = Story(store)
    for _ in range(30):
        story.add([FIRST[0]])
    with store.engine.connect() as conn:
        filed = set(conn.execute(select(story_quote_terms.c.quote_id)).scalars())
    assert len(filed) == 1


def test_quotes_threaded_before_the_term_index_are_filed_by_the_catch_up(store):
    """A store whose quotes were threaded before migration 21 (no term count, nothing filed):
    `load`'s catch-up files them once, and a new article then finds them beyond the window."""
    story = Story(store)
    first = story.add(FIRST)
    story.fill(LATER)
    story.add(FIRST, in_story=False)
    with store.engine.begin() as conn:
        conn.execute(story_quote_terms.delete())
        conn.execute(update(thread_quotes).values(term_count=None))
    assert thread_step.catch_up(store) == 0  # no article was left unthreaded
    with store.engine.connect() as conn:
        assert conn.execute(select(thread_quotes.c.quote_id).where(thread_quotes.c.term_count.is_(None))).first() is None
    assert store.write(file_older_quotes) == 0  # the next catch-up reads none again (the one in no story neither)
    new = story.add([said for said, _, _ in AGAIN])
    assert {a for a, *_ in links_to(store, new).values()} == set(quote_ids(store, first))


def test_threads_read_right_after_a_delete(store):
    """No stored count or first report to drift: after the first report's article is deleted,
    a thread's reads show the versions left and the earliest of them as its first report."""
    story = Story(store)
    first, second, third = (story.add([FIRST[0]]) for _ in range(3))
    assert {c["name"] for c in inspect(store.engine).get_columns("quote_threads")} == {"id", "merged_into"}
    store.delete_article(first)
    (summary,) = store.read(article_quote_threads, third)
    thread = store.read(get_thread, summary.thread_id)
    assert (summary.versions, summary.first_article_id, summary.is_first) == (2, second, False)
    assert [q.article_id for q in thread.quotes] == [second, third]
    assert thread.first_report.article_id == second


def test_migration_21_keeps_threads_and_drops_their_counts(db_url):
    """A store at schema 20 (quote_threads with its count and first report) holding a thread and a
    merged one: migrated, both keep their ids and redirect, the two columns are gone."""
    engine = open_engine(db_url)
    try:
        migrate(engine, upto=20)  # its tables come from today's schema.py: the old columns are put back
        with engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE quote_threads ADD COLUMN first_quote_id INTEGER")
            conn.exec_driver_sql("ALTER TABLE quote_threads ADD COLUMN quote_count INTEGER NOT NULL DEFAULT 0")
            conn.exec_driver_sql("INSERT INTO quote_threads (first_quote_id, quote_count) VALUES (NULL, 2)")
            conn.exec_driver_sql("INSERT INTO quote_threads (first_quote_id, quote_count, merged_into) VALUES (NULL, 0, 1)")
        assert migrate(engine) == LATEST
        columns = inspect(engine)
        assert {c["name"] for c in columns.get_columns("quote_threads")} == {"id", "merged_into"}
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT id, merged_into FROM quote_threads ORDER BY id").all() == [(1, None), (2, 1)]
    finally:
        engine.dispose()
