"""Writing an analysed article: idempotent, versioned, and all inside the caller's transaction.

The same page twice is "unchanged" (same raw-bytes hash, or same page key and same clean
body). A changed body at the same page key is a "new_version": the old row stays, marked
superseded, and listings show only the latest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal

from sqlalchemy import Connection, select

from storyline.keys import speaker_key
from storyline.model import AnalysedArticle, Article, Failure, Span

from .actors import resolve_actors
from .outlets import settled_outlet
from .counts import add_to_counts, mark_latest
from .schema import actors, article_actors, articles, deleted_articles, failures, mentions, quotes
from .story_quote_filing import file_again_for

SaveOutcome = Literal["ingested", "unchanged", "new_version"]


@dataclass(frozen=True)
class SaveResult:
    outcome: SaveOutcome
    article_id: int


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_key(article: Article) -> str:
    """What makes two articles versions of one page: canonical URL, else URL, else source."""
    return article.canonical_url or article.url or article.source


def save_article(conn: Connection, analysed: AnalysedArticle) -> SaveResult:
    analysed = without_nul(analysed)
    article = analysed.article
    body_hash = sha256(article.body)
    content_hash = article.content_hash or body_hash
    same_bytes = conn.execute(select(articles.c.id).where(articles.c.content_hash == content_hash)).first()
    if same_bytes is not None:
        return SaveResult("unchanged", same_bytes.id)
    key = page_key(article)
    latest = conn.execute(
        select(articles.c.id, articles.c.body_hash, articles.c.version).where(
            articles.c.canonical_key == key, articles.c.is_latest
        )
    ).first()
    if latest is not None and latest.body_hash == body_hash:
        return SaveResult("unchanged", latest.id)
    if latest is not None:  # make room in the one-latest-per-page index first
        mark_latest(conn, latest.id, False)
    article_id = conn.execute(
        articles.insert().values(
            **{**_article_row(analysed), "outlet": settled_outlet(conn, article.outlet)},
            canonical_key=key,
            content_hash=content_hash,
            body_hash=body_hash,
            version=latest.version + 1 if latest else 1,
            is_latest=True,
        )
    ).inserted_primary_key[0]
    if latest is not None:
        conn.execute(articles.update().where(articles.c.id == latest.id).values(superseded_by=article_id))
    _save_analysis(conn, article_id, analysed)
    add_to_counts(conn, article_id, 1)
    return SaveResult("new_version" if latest else "ingested", article_id)


def without_nul(value):
    """The record with every NUL character as U+FFFD: Postgres text cannot hold NUL, and one
    character for one keeps every offset valid."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{f.name: without_nul(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value


def _article_row(analysed: AnalysedArticle) -> dict:
    a = analysed.article
    return {
        "source": a.source,
        "url": a.url,
        "canonical_url": a.canonical_url,
        "title": a.title,
        "standfirst": a.standfirst,
        "summary": analysed.summary,
        "body": a.body,
        "paragraphs": [[p.start, p.end] for p in a.paragraphs],
        "outlet": a.outlet,
        "section": a.section,
        "breadcrumbs": list(a.breadcrumbs),
        "authors": list(a.authors),
        "published": a.published,
        "categories": list(a.categories),
        "dateline": a.dateline,
        "agency": a.agency,
        "language": a.language,
        "status": analysed.status,
        "format": a.format,
        "fetched_at": a.fetched_at,
        "ingested_at": now_iso(),
    }


def _save_analysis(conn: Connection, article_id: int, analysed: AnalysedArticle) -> None:
    actor_ids = resolve_actors(conn, analysed.actors)
    if analysed.actors:
        conn.execute(
            article_actors.insert(),
            [
                {"article_id": article_id, "position": i, "actor_id": actor_ids[i], "name": actor.name,
                 "aliases": list(actor.aliases), "roles": list(actor.roles), "type": actor.type}
                for i, actor in enumerate(analysed.actors)
            ],
        )
    if analysed.mentions:
        conn.execute(
            mentions.insert(),
            [
                {"article_id": article_id, "actor_id": actor_ids[m.actor], "start_char": m.start,
                 "end_char": m.end, "text": m.text}
                for m in analysed.mentions
            ],
        )
    if analysed.quotes:
        published = analysed.article.published
        conn.execute(quotes.insert(), [_quote_row(article_id, published, i, q, actor_ids)
                                       for i, q in enumerate(analysed.quotes)])


def _quote_row(article_id: int, published: str | None, position: int, quote, actor_ids: list[int]) -> dict:
    speaker = quote.speaker
    return {
        "article_id": article_id,
        "is_latest": True,
        "published": published,
        "position": position,
        "kind": quote.kind,
        "text": quote.text,
        "content": [_span(s) for s in quote.content],
        "start_char": quote.start,
        "cue": _span(quote.cue) if quote.cue else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_text": speaker.text if speaker else None,
        "speaker_key": speaker_key(speaker.text) if speaker else None,
        "actor_id": actor_ids[quote.speaker_actor] if quote.speaker_actor is not None else None,
    }


def _span(span: Span) -> dict:
    return {"start": span.start, "end": span.end, "text": span.text}


def delete_article(conn: Connection, article_id: int) -> bool:
    """Delete one version; if it was the latest, the previous version becomes the latest again.
    Actors no article names any more go too."""
    row = conn.execute(
        select(articles.c.canonical_key, articles.c.is_latest, articles.c.title).where(articles.c.id == article_id)
    ).first()
    if row is None:
        return False
    named = select(article_actors.c.actor_id).where(article_actors.c.article_id == article_id)
    its_actors = set(conn.execute(named).scalars())
    if row.is_latest:
        add_to_counts(conn, article_id, -1)
    file_again_for(conn, article_id)  # the story terms its quotes filed for their threads
    conn.execute(articles.delete().where(articles.c.id == article_id))
    conn.execute(deleted_articles.insert().values(id=article_id, title=row.title, deleted_at=now_iso()))
    if row.is_latest:
        previous = conn.execute(
            select(articles.c.id).where(articles.c.canonical_key == row.canonical_key)
            .order_by(articles.c.version.desc()).limit(1)
        ).scalar()
        if previous is not None:
            mark_latest(conn, previous, True)
            conn.execute(articles.update().where(articles.c.id == previous).values(superseded_by=None))
    still_named = select(article_actors.c.actor_id).where(article_actors.c.actor_id == actors.c.id).exists()
    conn.execute(actors.delete().where(actors.c.id.in_(its_actors), ~still_named))
    return True


def failure_key(source: str, stage: str, reason: str) -> str:
    """What makes two failures one row: the same page failing at the same stage for the same reason."""
    return hashlib.sha256("\0".join((source, stage, reason)).encode("utf-8", "surrogatepass")).hexdigest()


def record_failure(conn: Connection, failure: Failure) -> int:
    """One row per page and reason: seen again, its count and last-seen time go up. Any user
    name and password in its URLs are left out (the list is public)."""
    source, stage, reason, now = (without_credentials(failure.source), str(failure.stage),
                                  without_credentials(failure.message), now_iso())
    key = failure_key(source, stage, reason)
    known = conn.execute(select(failures.c.id).where(failures.c.failure_key == key)).scalar()
    if known is not None:
        conn.execute(failures.update().where(failures.c.id == known)
                     .values(count=failures.c.count + 1, last_seen=now))
        return known
    return conn.execute(
        failures.insert().values(source=source, stage=stage, reason=reason, at=now, last_seen=now,
                                 count=1, failure_key=key)
    ).inserted_primary_key[0]


_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]*@")


def without_credentials(text: str) -> str:
    """`https://user:secret@host/x` as `https://***@host/x`, wherever a URL is in the text."""
    return _CREDENTIALS.sub(r"\1***@", text)
