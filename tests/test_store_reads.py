"""How many reads the cross-article pages cost: a story page (timeline, quote threads, wire copy,
sources) reads on one connection, one snapshot, as do its JSON endpoints; an article's quote
threads read each thread's quotes once. On SQLite and on Postgres."""

from __future__ import annotations

import dataclasses

import pytest
from cached_ingest import cached_ingest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from serving import serving
from sqlalchemy import event
from thread_pages import strike_pages

from storyline.config import Settings
from storyline.serve.app import create_app
from storyline.stories.queries import story_of_article
from storyline.threads.queries import article_quote_threads, get_thread, story_threads


class Counted:
    """Connections checked out of an engine's pool and queries run on it, as they happen."""

    def __init__(self, engine):
        self.connections, self.queries = 0, []
        event.listen(engine, "checkout", self._checkout)
        event.listen(engine, "before_cursor_execute", lambda _c, _r, sql, *_: self.queries.append(sql))

    def _checkout(self, *_) -> None:
        self.connections += 1

    @property
    def selects(self) -> int:
        """The queries that read (SQLite's BEGIN does not)."""
        return sum(sql.lstrip().upper().startswith("SELECT") for sql in self.queries)

    def reset(self) -> None:
        self.connections, self.queries = 0, []


@pytest.fixture
def strike(store):
    """The port strike's seven outlets, stored through the pipeline's sink: (store, story id)."""
    ids = [saved.article_id for saved in cached_ingest(store, strike_pages())]
    return store, store.read(story_of_article, ids[0])


def test_a_story_page_and_each_story_endpoint_read_on_one_connection(strike, db_url):
    store, story = strike
    threads = store.read(story_threads, story)
    assert threads  # the page has quote threads, wire copy and sources to show
    app = create_app(dataclasses.replace(Settings(), db=db_url))
    counted = Counted(app.state.store.engine)
    with serving(app) as (client, _):
        for path in (f"/stories/{story}", f"/api/stories/{story}", f"/api/stories/{story}/threads",
                     f"/api/stories/{story}/wire", f"/api/stories/{story}/sources"):
            counted.reset()
            response = client.get(path)
            assert (path, response.status_code, counted.connections) == (path, 200, 1)
        page = client.get(f"/stories/{story}").text
    assert all(f"/threads/{thread.id}" in page for thread in threads)
    assert "7 outlets, 6 with their own reporting" in page


def test_an_articles_quote_threads_read_all_their_quotes_in_one_query(strike):
    store, _ = strike
    found, counted = {}, Counted(store.engine)
    for article_id in range(1, len(strike_pages()) + 1):
        counted.reset()
        found[article_id] = (store.read(article_quote_threads, article_id), counted.selects)
    article_id, (lines, selects) = max(found.items(), key=lambda item: len(item[1][0]))
    assert len({line.thread_id for line in lines}) >= 2
    assert selects == 2  # the article's threaded quotes, then every quote of those threads
    outlet = store.get_article(article_id).outlet
    for line in lines:  # what each thread, read alone, says
        thread = store.read(get_thread, line.thread_id)
        assert (line.versions, line.first_quote_id, line.first_outlet, line.is_first) == (
            len(thread.quotes), thread.first_report.quote_id, thread.first_report.outlet,
            thread.first_report.quote_id == line.quote_id)
        assert line.other_outlets == len({q.outlet for q in thread.quotes} - {outlet})
