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
from storyline.threads.queries import story_threads


class Counted:
    """Connections checked out of an engine's pool and statements run on it, as they happen."""

    def __init__(self, engine):
        self.connections = self.statements = 0
        event.listen(engine, "checkout", lambda *_: self._add("connections"))
        event.listen(engine, "before_cursor_execute", lambda *_: self._add("statements"))

    def _add(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)

    def reset(self) -> None:
        self.connections = self.statements = 0


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
