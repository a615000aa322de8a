"""One story's articles written as rows (as the analysis and stories steps leave them) and
threaded by the threads step: what the story-window and term-index tests build on."""

from __future__ import annotations

from sqlalchemy import select

from storyline.keys import name_key, surname_key
from storyline.store.schema import actors, articles, quote_links, quotes, stories, story_articles
from storyline.threads.step import thread_article

VISSER, JANSEN = "Anna Visser", "Pieter Jansen"
LATER = 21  # articles between the first and the new one: past the window, a story of over 20


class Story:
    """One story's articles written as rows (as the analysis and stories steps leave them) and threaded by the step."""

    def __init__(self, store):
        self.store, self.count = store, 0
        with store.engine.begin() as conn:
            self.id = conn.execute(stories.insert().values(first_seen="2026-01-01", last_seen="2026-01-01",
                                                           article_count=0)).inserted_primary_key[0]
            conn.execute(actors.insert(), [{"name": n, "type": "PERSON", "name_key": name_key(n),
                                            "surname_key": surname_key(name_key(n)), "roles": []} for n in (VISSER, JANSEN)])
            self.actor = dict(conn.execute(select(actors.c.name, actors.c.id)).all())

    def add(self, said: list[tuple[str, str, str | None]], in_story: bool = True) -> int:
        n, self.count = self.count, self.count + 1
        return self._store(n, said, in_story=in_story)

    def replace(self, article_id: int, said: list[tuple[str, str, str | None]]) -> int:
        """A new version of the article's page, quoting `said`, threaded as the step threads one."""
        with self.store.engine.begin() as conn:
            n = int(conn.execute(select(articles.c.canonical_key).where(articles.c.id == article_id)).scalar_one()
                    .split("/")[1])
            conn.execute(articles.update().where(articles.c.id == article_id).values(is_latest=False))
            conn.execute(quotes.update().where(quotes.c.article_id == article_id).values(is_latest=False))
        new = self._store(n, said, version=2)
        with self.store.engine.begin() as conn:
            conn.execute(articles.update().where(articles.c.id == article_id).values(superseded_by=new))
        self.store.write(thread_article, new)
        return new

    def _store(self, n: int, said: list[tuple[str, str, str | None]], version: int = 1, in_story: bool = True) -> int:
        published, key = f"2026-01-01T{n // 6:02d}:{n % 6 * 10:02d}:00+00:00", f"story/{n}"
        with self.store.engine.begin() as conn:
            article_id = conn.execute(articles.insert().values(
                source=key, canonical_key=key, body=" ".join(f"“{t},” said {s or 'a spokesman'}." for t, _, s in said),
                paragraphs=[], breadcrumbs=[], authors=[], categories=[], status="analysed", format="text",
                content_hash=f"{key}/{version}", body_hash=f"{key}/{version}", version=version, is_latest=True,
                ingested_at=published, published=published, outlet=f"Outlet {n}")).inserted_primary_key[0]
            conn.execute(quotes.insert(), [{"article_id": article_id, "position": p, "kind": kind, "start_char": 0,
                                            "content": [], "text": text, "actor_id": self.actor.get(speaker),
                                            "speaker_text": speaker, "is_latest": True, "published": published}
                                           for p, (text, kind, speaker) in enumerate(said)])
            if in_story:
                conn.execute(story_articles.insert().values(article_id=article_id, story_id=self.id, seen=published))
        if version == 1:
            self.store.write(thread_article, article_id)
        return article_id

    def fill(self, articles: int) -> None:
        """Articles quoting other things (each committee item its own words), pushing the first out of the window."""
        for n in range(articles):
            self.add([(f"The committee reviewed item {n} of the timetable today", "direct", JANSEN)])


def quote_ids(store, article_id: int) -> list[int]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(quotes.c.id).where(quotes.c.article_id == article_id)
                                 .order_by(quotes.c.position)).scalars())


def links_to(store, article_id: int) -> dict[int, tuple]:
    """The new article's links, by the linked quote: (its partner, kind, speaker shift, same story)."""
    with store.engine.connect() as conn:
        found = conn.execute(select(quote_links).where(quote_links.c.quote_b.in_(quote_ids(store, article_id)))).all()
    return {link.quote_b: (link.quote_a, link.kind, link.speaker_shift, link.same_story) for link in found}
