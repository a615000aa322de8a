"""Quote threads on real stores: pages analysed by the real pipeline and stored through its
sink are linked, threaded and grouped as wire copy by the `threads` post-save step, on SQLite
and on Postgres; the typed queries read them back."""

from __future__ import annotations

import random

import pytest
from cached_ingest import cached_analyses, cached_ingest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy import select
from store_fixtures import make_analysed, person
from story_pages import pages
from thread_pages import ALTERED, BUDGET, CONGRESS, MOVED, STRIKE, halves, strike_pages

from storyline.model import AnalysedArticle
from storyline.pipeline import Ingester, ingest_bytes, store_analysed
from storyline.report import Report
from storyline.shards import Manifest, load_shards, write_shard
from storyline.store import open_store
from storyline.store.engine import read_connection
from storyline.store.schema import (quote_keys, quote_links, quote_threads, thread_articles, thread_quotes,
                                    wire_keys)
from storyline.stories.queries import story_of_article
from storyline.threads.queries import (article_quote_threads, get_thread, outlet_sources,
                                       story_sources, story_threads, story_wire)
from storyline.threads.records import OutletSources
from storyline.threads.step import thread_article

OUTLETS = [outlet for outlet, *_ in STRIKE]


def ingest(store, items) -> list[int]:
    return [saved.article_id for saved in cached_ingest(store, items)]


def strike_thread(store, ids, via: int = 0):
    """The thread of the union leader's long quote, read from the story of article `via`."""
    story = store.read(story_of_article, ids[via])
    return next(t for t in store.read(story_threads, story) if "pay rise" in t.first_report.text)


def test_each_link_kind_and_a_speaker_shift_against_the_first_report(store):
    ids = ingest(store, strike_pages())
    thread = strike_thread(store, ids)
    assert thread.first_report.outlet == "AP News" and thread.first_report.first_report
    by_outlet = {q.outlet: q for q in thread.quotes}
    assert set(by_outlet) == set(OUTLETS) and thread.outlets == 7
    kinds = {outlet: (q.link_kind, q.speaker_shift) for outlet, q in by_outlet.items()}
    assert kinds == {"AP News": (None, False), "Harbour Times": ("verbatim", False),
                     "Coastline News": ("trimmed", False), "Daily Ledger": ("elided", False),
                     "Evening Digest": ("altered", False), "North Star": ("paraphrase", False),
                     "Morning Post": ("trimmed", True)}
    altered = by_outlet["Evening Digest"]
    assert [(e.op, e.before, e.after) for e in altered.edits] == [("replace", ["members"], ["workers"])]
    assert altered.linked_to == thread.first_report.quote_id
    assert by_outlet["Morning Post"].speaker == "Anna Smit"
    assert store.read(get_thread, thread.id) == thread.model_copy(update={"requested_id": thread.id})
    (summary,) = store.read(article_quote_threads, ids[OUTLETS.index("Coastline News")])
    assert (summary.thread_id, summary.other_outlets, summary.versions, summary.is_first) == (thread.id, 6, 7, False)
    assert (summary.first_outlet, summary.first_quote_id) == ("AP News", thread.first_report.quote_id)


def test_a_wire_reprint_is_grouped_under_the_agency_original(store):
    ids = ingest(store, strike_pages())
    wire = store.read(story_wire, store.read(story_of_article, ids[0]))
    (group,) = wire.groups
    assert (group.original.outlet, [c.outlet for c in group.copies], group.agency) == ("AP News", ["Harbour Times"], "AP")
    assert (wire.outlets, wire.own_reporting) == (7, 6)  # the reprint is not its own reporting; AP's own copy is
    assert [a.outlet for a in wire.credited] == ["AP News", "Harbour Times"]


def test_an_anonymous_source_is_counted_per_story_and_per_outlet(store):
    ids = ingest(store, strike_pages())
    story = store.read(story_of_article, ids[0])
    anonymous = next(t for t in store.read(story_threads, story) if "collapse" in t.first_report.text)
    assert {q.source_kind for q in anonymous.quotes} == {"anonymous"}
    counts = store.read(story_sources, story)
    agency = next(o.counts for o in counts.outlets if o.outlet == "AP News")
    assert (agency.anonymous, counts.counts.anonymous) == (1, 2)  # the agency's and its reprint's
    assert counts.counts.named >= 7  # de Vries in every outlet
    everywhere = {o.outlet: o.counts for o in store.read(outlet_sources)}
    assert everywhere["AP News"] == agency
    assert store.read(outlet_sources, "AP News") == [OutletSources(outlet="AP News", counts=agency)]


def snapshot(store) -> dict:
    with read_connection(store.engine) as conn:
        return {table.name: sorted(tuple(map(str, row)) for row in conn.execute(select(table)))
                for table in (quote_threads, thread_quotes, quote_keys, quote_links, thread_articles, wire_keys)}


def test_reingesting_changes_nothing(store):
    ids = ingest(store, strike_pages())
    before = snapshot(store)
    assert ingest(store, strike_pages()) == ids
    with store.engine.begin() as conn:
        assert not thread_article(conn, ids[2])  # threading an article twice is a no-op too
    assert snapshot(store) == before


def test_a_new_version_replaces_the_old_versions_links(store):
    ids = ingest(store, strike_pages())
    (name, content), = pages([ALTERED])
    saved = ingest_bytes(name, content.replace(b"our workers", b"our members"), Ingester(store))
    assert saved.outcome == "new_version"
    thread = strike_thread(store, ids)
    by_outlet = {q.outlet: q for q in thread.quotes}
    assert (by_outlet["Evening Digest"].article_id, by_outlet["Evening Digest"].link_kind) == (saved.article_id, "trimmed")
    assert len(thread.quotes) == 7 and ids[OUTLETS.index("Evening Digest")] not in {q.article_id for q in thread.quotes}
    without = content.replace(b'"We will not accept any deal that leaves our workers without a pay rise this year," union'
                              b" leader Pieter de Vries said at a rally on the quay.", b"Union members rallied on the quay.")
    gone = ingest_bytes(name, without, Ingester(store))
    assert gone.outcome == "new_version"
    assert {q.outlet for q in strike_thread(store, ids).quotes} == set(OUTLETS) - {"Evening Digest"}
    with read_connection(store.engine) as conn:
        old_quotes = select(quote_links).where(quote_links.c.quote_b.in_(
            select(thread_quotes.c.quote_id).where(thread_quotes.c.article_id == saved.article_id)))
        assert conn.execute(old_quotes).first() is None
        assert conn.execute(select(thread_articles).where(thread_articles.c.article_id == saved.article_id)).first() is None



def test_deleting_the_first_report_makes_the_next_one_first(store):
    ids = ingest(store, strike_pages())
    assert store.delete_article(ids[0])
    thread = strike_thread(store, ids, via=1)
    assert thread.first_report.outlet == "Harbour Times" and len(thread.quotes) == 6
    (summary,) = store.read(article_quote_threads, ids[OUTLETS.index("Coastline News")])
    assert (summary.first_outlet, summary.versions, summary.other_outlets) == ("Harbour Times", 6, 5)

def test_across_stories_only_the_same_speakers_quotes_are_linked(store):
    ids = ingest(store, strike_pages() + pages([CONGRESS, BUDGET]))
    congress, budget = ids[-2:]
    stories = {store.read(story_of_article, i) for i in (ids[0], congress, budget)}
    assert len(stories) == 3
    thread = strike_thread(store, ids)
    linked = {q.article_id: q for q in thread.quotes}
    assert congress in linked and budget not in linked
    assert (linked[congress].speaker, linked[congress].link_kind) == ("Pieter de Vries", "trimmed")


def test_a_quote_moved_to_another_actor_is_found_under_its_new_speaker(store):
    """"Jansen" of the strike talks was taken for the mayor Pieter Jansen, the only Jansen stored,
    and moves to an actor "Jansen" of its own when Karin Jansen arrives. A month later, in another
    story, "Jansen" says the same words: the two quotes are one thread under their speaker."""
    ids = ingest(store, pages(MOVED))
    talks, congress = ids[1], ids[3]
    assert store.read(story_of_article, talks) != store.read(story_of_article, congress)
    (summary,) = store.read(article_quote_threads, congress)
    thread = store.read(get_thread, summary.thread_id)
    assert {(q.article_id, q.speaker) for q in thread.quotes} == {(talks, "Jansen"), (congress, "Jansen")}


def test_a_quote_that_bridges_two_threads_merges_them_and_the_old_id_redirects(store):
    ids = ingest(store, halves()[:2])
    assert store.read(article_quote_threads, ids[0]) == []  # two halves share no words
    ingest(store, halves()[2:])
    first, second = (store.read(article_quote_threads, i) for i in ids)
    assert first[0].thread_id == second[0].thread_id
    assert first[0].is_first and second[0].versions == 3


def test_a_thread_id_absorbed_in_a_merge_redirects(store):
    """Two threads exist before the bridge when each half is already quoted twice."""
    items = halves()
    ingest(store, [items[0], (items[0][0].replace(".txt", "-2.txt"), items[0][1].replace(b"Harbour Times", b"North Star")),
                   items[1], (items[1][0].replace(".txt", "-2.txt"), items[1][1].replace(b"Coastline News", b"Morning Post"))])
    with read_connection(store.engine) as conn:
        before = sorted(conn.execute(select(quote_threads.c.id)).scalars())
    assert len(before) == 2
    ingest(store, items[2:])
    absorbed = store.read(get_thread, before[1])
    assert absorbed.redirected and absorbed.id == before[0] and len(absorbed.quotes) == 5


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_batch_shards_and_load_give_the_threads_ingest_gives(backend, tmp_path, request):
    items = strike_pages() + pages([CONGRESS, BUDGET])
    ingested = open_store(str(tmp_path / "ingest.db"))
    url = str(tmp_path / "load.db") if backend == "sqlite" else request.getfixturevalue("postgres_url")
    loaded = open_store(url)
    records = cached_analyses(items)
    assert all(isinstance(r, AnalysedArticle) for r in records)
    shards = tmp_path / "shards"
    shards.mkdir()
    for i in (0, 1):  # two shards, each a mix, so load meets them out of order
        write_shard(shards, f"s{i}", records[i::2])
        Manifest(shards).append(f"s{i}", [f"u{i}"], 3, {})
    try:
        for record in records:
            store_analysed(record, ingested, Report())
        report = load_shards(shards, loaded)
        assert report.counts["threads caught up"] == len(items)
        assert threads_by_source(loaded) == threads_by_source(ingested)
        assert len(threads_by_source(loaded)) >= 4
    finally:
        ingested.close()
        loaded.close()


def threads_by_source(store) -> list:
    """Threads as sets of (source, quote position, link kind, speaker shift, diff), copy groups by
    source: ids differ between stores, contents must not."""
    with read_connection(store.engine) as conn:
        sources = dict(conn.exec_driver_sql("SELECT id, source FROM articles").all())
        stories = {story_of_article(conn, i) for i in sources}
        found = set()  # a thread running into two stories is read from both
        for story in stories:
            for thread in story_threads(conn, story):
                found.add(("thread", *sorted((sources[q.article_id], q.text, str(q.link_kind), q.speaker_shift,
                                              str(q.edits)) for q in thread.quotes)))
            for group in story_wire(conn, story).groups:
                found.add(("copies", *sorted(sources[a.article_id] for a in [group.original, *group.copies])))
    return sorted(found)


def test_an_article_with_more_keys_than_one_sqlite_compound_select_holds(store):
    """80 quotes of one speaker: over 500 keys, more per-key reads than SQLite takes in one UNION."""
    speaker = person("Karin Mol", roles=("Finance minister",))
    words = ("schools roads dikes nurses pensions trains ports farmers police courts housing bridges tax rents "
             "wages energy water grants tolls clinics prisons colleges museums parks canals ferries buses "
             "libraries stadiums airports").split()
    said = [(0, " ".join(random.Random(n).sample(words, 20)), "direct") for n in range(80)]
    report = Report()
    first = store_analysed(make_analysed("budget-lines", [speaker], said), store, report)
    again = store_analysed(make_analysed("budget-recap", [speaker], said[7:8], outlet="Kyiv Post",
                                         published="2024-03-02"), store, report)
    assert report.failed == {}
    (summary,) = store.read(article_quote_threads, again.article_id)
    assert summary.first_article_id == first.article_id and summary.versions == 2
