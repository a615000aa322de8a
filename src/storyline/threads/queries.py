"""Reading quote threads, wire copy and source kinds: typed records (records.py) for the CLI,
the JSON API and the pages. Each takes a read connection (one snapshot); `Store.read` runs
one on a store. Quotes of a page's older versions are never shown: the step takes them out.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import Connection, func, select

from storyline.store.schema import (actors, articles, quote_links, quote_threads, quotes, story_articles,
                                    thread_articles, thread_quotes)
from storyline.stories.queries import resolve as resolve_story

from .links import QuoteText, link_quotes
from .records import (ArticleQuoteThread, CopyArticle, CopyGroup, OutletSources, QuoteThreadRecord, SourceCounts,
                      StorySources, StoryWire, ThreadQuote, WordChange)
from .thread import appearance_order
from .wire import WireArticle, copies_report

FLIPPED = {"replace": "replace", "delete": "insert", "insert": "delete"}



def get_thread(conn: Connection, thread_id: int) -> QuoteThreadRecord | None:
    """One thread by id (a merged thread's id answers with the thread it joined), or None."""
    row = conn.execute(select(quote_threads.c.id, quote_threads.c.merged_into)
                       .where(quote_threads.c.id == thread_id)).first()
    if row is None:
        return None
    live = row.merged_into or row.id
    members = _members(conn, thread_quotes.c.thread_id == live)
    return _thread(conn, live, thread_id, members) if len(members) > 1 else None


def story_threads(conn: Connection, story_id: int) -> list[QuoteThreadRecord] | None:
    """The threads of a story's quotes (a thread may run on into other stories), earliest first
    report first; None when there is no such story."""
    live = resolve_story(conn, story_id)
    if live is None:
        return None
    in_story = (select(thread_quotes.c.thread_id).distinct()
                .join(story_articles, story_articles.c.article_id == thread_quotes.c.article_id)
                .where(story_articles.c.story_id == live, thread_quotes.c.thread_id.is_not(None)))
    found = [get_thread(conn, thread_id) for thread_id in conn.execute(in_story).scalars().all()]
    return sorted((t for t in found if t), key=lambda t: appearance_order(t.first_report.published,
                                                                          t.first_report.quote_id))


def article_quote_threads(conn: Connection, article_id: int) -> list[ArticleQuoteThread]:
    """Each threaded quote of an article, in article order, with its thread's reach and first report."""
    mine = conn.execute(select(thread_quotes.c.quote_id, thread_quotes.c.thread_id, articles.c.outlet)
                        .join(quotes, quotes.c.id == thread_quotes.c.quote_id)
                        .join(articles, articles.c.id == thread_quotes.c.article_id)
                        .where(thread_quotes.c.article_id == article_id, thread_quotes.c.thread_id.is_not(None))
                        .order_by(quotes.c.position)).all()
    if not mine:
        return []
    by_thread = defaultdict(list)  # each thread's quotes, read once for all of the article's threads
    for member in _members(conn, thread_quotes.c.thread_id.in_({thread_id for _, thread_id, _ in mine})):
        by_thread[member["thread_id"]].append(member)
    out = []
    for quote_id, thread_id, outlet in mine:
        members = by_thread[thread_id]
        if len(members) < 2:
            continue  # the others' articles were deleted
        first = min(members, key=_appearance)
        out.append(ArticleQuoteThread(
            quote_id=quote_id, thread_id=thread_id, other_outlets=len({m["outlet"] for m in members} - {outlet}),
            versions=len(members), is_first=first["quote_id"] == quote_id, first_quote_id=first["quote_id"],
            first_article_id=first["article_id"], first_outlet=first["outlet"], first_published=first["published"]))
    return out


def story_wire(conn: Connection, story_id: int) -> StoryWire | None:
    """A story's copy groups with their agency, and how many outlets did their own reporting."""
    live = resolve_story(conn, story_id)
    if live is None:
        return None
    found = conn.execute(
        select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published, thread_articles.c.agency,
               thread_articles.c.copy_group)
        .join(story_articles, story_articles.c.article_id == articles.c.id)
        .outerjoin(thread_articles, thread_articles.c.article_id == articles.c.id)
        .where(story_articles.c.story_id == live, articles.c.is_latest).order_by(story_articles.c.seen, articles.c.id)
    ).all()
    listed = {a.id: CopyArticle(article_id=a.id, title=a.title, outlet=a.outlet, published=a.published,
                                agency=a.agency) for a in found}
    grouped = defaultdict(list)
    for a in found:
        if a.copy_group is not None:
            grouped[a.copy_group].append(a.id)
    report = copies_report([WireArticle(a.id, a.outlet or "", "", published=a.published) for a in found],
                           list(grouped.values()), {a.id: a.agency for a in found if a.agency})
    groups = [CopyGroup(original=listed[g[0]], copies=[listed[i] for i in g[1:]],
                        agency=next((listed[i].agency for i in g if listed[i].agency), None)) for g in report.copies]
    return StoryWire(story_id=live, outlets=report.outlets, own_reporting=report.own_reporting, groups=groups,
                     credited=[listed[i] for i in listed if i in report.agency])


def story_sources(conn: Connection, story_id: int) -> StorySources | None:
    """Named / described / anonymous counts of a story's quotes, overall and per outlet."""
    live = resolve_story(conn, story_id)
    if live is None:
        return None
    in_story = select(story_articles.c.article_id).where(story_articles.c.story_id == live)
    by_outlet = _source_counts(conn, articles.c.id.in_(in_story))
    return StorySources(story_id=live, counts=_total(by_outlet), outlets=by_outlet)


def outlet_sources(conn: Connection, outlet: str | None = None) -> list[OutletSources]:
    """Named / described / anonymous counts of every outlet's quotes (latest versions), most
    quotes first; of one outlet's only when `outlet` is given."""
    return _source_counts(conn, articles.c.outlet == outlet if outlet is not None else articles.c.is_latest)


def _source_counts(conn: Connection, where) -> list[OutletSources]:
    counted = conn.execute(select(articles.c.outlet, thread_quotes.c.source_kind, func.count())
                           .join(thread_quotes, thread_quotes.c.article_id == articles.c.id)
                           .where(where, articles.c.is_latest)
                           .group_by(articles.c.outlet, thread_quotes.c.source_kind)).all()
    per: dict[str | None, Counter] = defaultdict(Counter)
    for outlet, kind, count in counted:
        per[outlet][kind or "unsourced"] += count
    ranked = sorted(per.items(), key=lambda item: (-sum(item[1].values()), item[0] or ""))
    return [OutletSources(outlet=outlet, counts=SourceCounts(**counts)) for outlet, counts in ranked]


def _total(outlets: list[OutletSources]) -> SourceCounts:
    total: Counter = Counter()
    for item in outlets:
        total.update(item.counts.model_dump())
    return SourceCounts(**total)


def _members(conn: Connection, where) -> list[dict]:
    """The quotes of the threads `where` picks, with their articles (ThreadQuote's fields and thread_id)."""
    return [dict(m) for m in conn.execute(
        select(quotes.c.id.label("quote_id"), thread_quotes.c.thread_id, quotes.c.article_id, quotes.c.kind,
               quotes.c.text, quotes.c.actor_id,
               func.coalesce(actors.c.name, quotes.c.speaker_text).label("speaker"), thread_quotes.c.source_kind,
               articles.c.title, articles.c.outlet, articles.c.url, articles.c.published)
        .join(thread_quotes, thread_quotes.c.quote_id == quotes.c.id)
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(actors, actors.c.id == quotes.c.actor_id).where(where)).mappings()]


def _appearance(member: dict) -> tuple:
    return appearance_order(member["published"], member["quote_id"])


def _thread(conn: Connection, live: int, requested: int, members: list[dict]) -> QuoteThreadRecord:
    """The thread's quotes, first report first (found again from the quotes: its stored
    first report may be a deleted article's), each with its link from the first report."""
    members.sort(key=_appearance)
    ids = [m["quote_id"] for m in members]
    stored = {}
    for link in conn.execute(select(quote_links).where(quote_links.c.quote_a.in_(ids),
                                                       quote_links.c.quote_b.in_(ids))).mappings():
        stored[(link["quote_a"], link["quote_b"])] = link
    first = members[0]
    shown = [ThreadQuote(**first, first_report=True, link_kind=None, linked_to=None, speaker_shift=False, edits=[])]
    for m in members[1:]:
        shown.append(ThreadQuote(**m, first_report=False, **_link_to_first(first, m, stored, ids)))
    return QuoteThreadRecord(id=live, requested_id=requested, redirected=live != requested, first_report=shown[0],
                             quotes=shown, outlets=len({m["outlet"] for m in members}))


def _link_to_first(first: dict, quote: dict, stored: dict, order: list[int]) -> dict:
    """The quote's link from the first report: stored either way round, else aligned now (as in
    one story), else the stored link through which it joined, to its earliest partner."""
    a, b = first["quote_id"], quote["quote_id"]
    if (a, b) in stored:
        return _shown(stored[(a, b)], a, flip=False)
    if (b, a) in stored:
        return _shown(stored[(b, a)], a, flip=True)
    found = link_quotes(_text(first), _text(quote), same_story=True)
    if found is not None:
        return {"link_kind": found.kind, "linked_to": a, "speaker_shift": found.speaker_shift,
                "edits": [WordChange(op=e.op, before=list(e.before), after=list(e.after)) for e in found.edits]}
    partners = [(pair, link) for pair, link in stored.items() if b in pair]
    if not partners:  # its links went with a deleted article
        return {"link_kind": None, "linked_to": None, "speaker_shift": False, "edits": []}
    pair, link = min(partners, key=lambda item: order.index(item[0][0] if item[0][1] == b else item[0][1]))
    partner = pair[0] if pair[1] == b else pair[1]
    return _shown(link, partner, flip=pair[0] == b)


def _shown(link, partner: int, *, flip: bool) -> dict:
    edits = [WordChange(op=FLIPPED[e["op"]], before=e["after"], after=e["before"]) if flip
             else WordChange(op=e["op"], before=e["before"], after=e["after"]) for e in link["edits"]]
    return {"link_kind": link["kind"], "linked_to": partner, "speaker_shift": link["speaker_shift"], "edits": edits}


def _text(member: dict) -> QuoteText:
    return QuoteText(member["text"], member["kind"], member["speaker"])
