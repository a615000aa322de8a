"""Reading stories: the newest-active list and one story with its articles, actors and quotes.

A merged story's id still answers: `get_story` follows its redirect and says so.
"""

from __future__ import annotations

from sqlalchemy import Connection, distinct, func, select

from storyline.store.records import Page

from .records import StoryDetail, StorySummary
from storyline.store.schema import actors, article_actors, articles, quotes, stories, story_articles

MAIN_ACTORS = 5
LATEST_IN_STORY = (story_articles.c.article_id == articles.c.id) & articles.c.is_latest


def list_stories(conn: Connection, limit: int = 20, offset: int = 0) -> Page[StorySummary]:
    live = stories.c.merged_into.is_(None)
    total = conn.execute(select(func.count()).select_from(stories).where(live)).scalar_one()
    rows = conn.execute(select(stories).where(live).order_by(stories.c.last_seen.desc(), stories.c.id.desc())
                        .limit(limit).offset(offset)).mappings().all()
    return Page[StorySummary](total=total, limit=limit, offset=offset, items=[_summary(conn, row) for row in rows])


def _summary(conn: Connection, row) -> dict:
    """A story's row with its outlets and main actors: the fields of StorySummary."""
    in_story = select(articles.c.id).join(story_articles, LATEST_IN_STORY).where(story_articles.c.story_id == row["id"])
    outlets = conn.execute(select(articles.c.outlet).distinct().where(articles.c.id.in_(in_story),
                                                                     articles.c.outlet.is_not(None))
                           .order_by(articles.c.outlet)).scalars().all()
    named = func.count(distinct(article_actors.c.article_id))
    main = conn.execute(select(actors.c.id, actors.c.name, actors.c.type, named.label("articles"))
                        .join(article_actors, article_actors.c.actor_id == actors.c.id)
                        .where(article_actors.c.article_id.in_(in_story))
                        .group_by(actors.c.id, actors.c.name, actors.c.type, actors.c.quote_count,
                                  actors.c.mention_count)
                        # in as many articles: who is quoted and named most comes first, not "American"
                        .order_by(named.desc(), actors.c.quote_count.desc(), actors.c.mention_count.desc(),
                                  actors.c.name).limit(MAIN_ACTORS)).mappings().all()
    return {"id": row["id"], "headline": row["headline"], "article_count": row["article_count"],
            "first_seen": row["first_seen"], "last_seen": row["last_seen"], "outlets": outlets,
            "main_actors": [dict(actor) for actor in main]}


def resolve(conn: Connection, story_id: int) -> int | None:
    """The live story an id names: itself, or the story it was merged into."""
    merged_into = conn.execute(select(stories.c.id, stories.c.merged_into).where(stories.c.id == story_id)).first()
    if merged_into is None:
        return None
    return merged_into.merged_into or merged_into.id


def get_story(conn: Connection, story_id: int) -> StoryDetail | None:
    """One story: its articles in time order, main actors, and quotes grouped by speaker."""
    live = resolve(conn, story_id)
    if live is None:
        return None
    row = conn.execute(select(stories).where(stories.c.id == live)).mappings().one()
    members = conn.execute(
        select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.url, articles.c.published,
               story_articles.c.seen).join(story_articles, LATEST_IN_STORY)
        .where(story_articles.c.story_id == live).order_by(story_articles.c.seen, articles.c.id)).mappings().all()
    said = conn.execute(
        select(quotes.c.id, quotes.c.article_id, quotes.c.position, quotes.c.kind, quotes.c.text, quotes.c.start_char,
               func.coalesce(actors.c.name, quotes.c.speaker_text).label("speaker"), quotes.c.actor_id)
        .outerjoin(actors, actors.c.id == quotes.c.actor_id)
        .where(quotes.c.article_id.in_([m["id"] for m in members]))
        .order_by(quotes.c.article_id, quotes.c.position)).mappings().all()
    by_speaker: dict[str, dict] = {}
    for quote in said:
        name = quote["speaker"] or "unattributed"
        group = by_speaker.setdefault(name, {"speaker": name, "actor_id": quote["actor_id"], "quotes": []})
        group["quotes"].append({k: quote[k] for k in ("id", "article_id", "position", "kind", "text", "start_char")})
    speakers = sorted(by_speaker.values(), key=lambda g: (-len(g["quotes"]), g["speaker"]))
    return StoryDetail.model_validate({**_summary(conn, row), "requested_id": story_id, "redirected": live != story_id,
                                       "articles": [dict(m) for m in members], "speakers": speakers})


def story_of_article(conn: Connection, article_id: int) -> int | None:
    """The story an article is in (None: not assigned yet)."""
    return conn.execute(select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)).scalar()

