"""Stories on real stores: pages ingested through the real pipeline join their stories as they
are saved, on SQLite and on Postgres."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace

import pytest
from cached_ingest import cached_analyses, cached_ingest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from serving import serving
from story_pages import FLOOD, FLOOD_LATER, FLOOD_SHELTERS, FOURTH, OTHER_FLOOD, RESIGNATION, bridging_page, pages

from storyline.config import Settings
from storyline.export import export_store
from storyline.model import AnalysedArticle
from storyline.pipeline import Ingester, ingest_bytes
from storyline.serve.app import create_app
from storyline.shards import Manifest, load_shards, write_shard
from storyline.store import open_store
from storyline.stories import recluster
from storyline.stories.queries import get_story, list_stories, story_of_article

INTERLEAVED = [page for pair in zip(pages(FLOOD), pages(RESIGNATION)) for page in pair]


def ingest_all(store, items) -> list[int]:
    return [saved.article_id for saved in cached_ingest(store, items)]


def partition(store, article_ids) -> list[set[int]]:
    """The stories as sets of article positions (ids differ between stores, groups must not)."""
    groups = defaultdict(set)
    for position, article_id in enumerate(article_ids):
        groups[store.read(story_of_article, article_id)].add(position)
    return sorted(groups.values(), key=min)


def test_three_outlets_two_events_make_two_stories_and_reingest_changes_nothing(store, tmp_path):
    ids = ingest_all(store, INTERLEAVED)
    assert partition(store, ids) == [{0, 2, 4}, {1, 3, 5}]
    listed = store.read(list_stories)
    assert listed.total == 2
    assert all(item.outlets == ["Coastline News", "Daily Ledger", "Harbour Times"] for item in listed.items)
    before = listed.items
    again = ingest_all(store, INTERLEAVED)
    assert again == ids
    assert store.read(list_stories).items == before
    names = {actor.name for item in before for actor in item.main_actors}
    assert {"Marta Quintela", "Helga Kessler"} <= names
    export_store(store, tmp_path / "out.jsonl", "jsonl")
    exported = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert {a["story_id"] for a in exported} == {item.id for item in before}


def test_story_page_has_articles_by_time_and_quotes_by_speaker(store):
    ids = ingest_all(store, pages(RESIGNATION))
    story = store.read(get_story, store.read(story_of_article, ids[0]))
    assert [a.id for a in story.articles] == ids
    speakers = {group.speaker: group for group in story.speakers}
    assert {"Helga Kessler", "Jonas Albrecht", "Udo Brandt"} <= set(speakers)
    assert all(q.article_id in ids for group in story.speakers for q in group.quotes)


def test_a_bridging_article_merges_two_stories_and_the_old_id_redirects(store, db_url):
    ids = ingest_all(store, INTERLEAVED)
    first, second = (store.read(story_of_article, ids[i]) for i in (0, 1))
    bridge = ingest_all(store, [bridging_page()])[0]
    merged = store.read(story_of_article, bridge)
    assert {store.read(story_of_article, i) for i in ids} == {merged}
    absorbed = ({first, second} - {merged}).pop()
    redirected = store.read(get_story, absorbed)
    assert redirected.id == merged and redirected.redirected
    assert store.read(list_stories).total == 1
    with serving(create_app(replace(Settings(), db=db_url))) as (client, _app):
        page = client.get(f"/stories/{absorbed}")
        assert page.status_code == 303 and page.headers["location"] == f"/stories/{merged}"
        assert client.get(f"/api/stories/{absorbed}").json()["id"] == merged


def test_a_story_holding_two_events_is_split_and_each_part_lists_its_own_articles(store):
    """The bridging round-up merges the two stories; at nine articles the second look splits them again."""
    ids = ingest_all(store, INTERLEAVED + pages(FOURTH))
    assert partition(store, ids) == [{0, 2, 4, 6}, {1, 3, 5, 7}]
    first, second = (store.read(story_of_article, ids[i]) for i in (0, 1))
    bridge = ingest_all(store, [bridging_page()])[0]
    assert partition(store, ids) == [{0, 2, 4, 6}, {1, 3, 5, 7}]
    parts = {store.read(story_of_article, ids[i]) for i in (0, 1)}
    assert store.read(story_of_article, bridge) in parts
    listed = store.read(list_stories)
    assert listed.total == 2 and sum(item.article_count for item in listed.items) == 9
    for part in parts:
        story = store.read(get_story, part)
        members = {a.id for a in story.articles}
        assert story.article_count == len(members) and story.headline == story.articles[0].title
    survivor = ({first, second} & parts).pop()
    absorbed = ({first, second} - {survivor}).pop()
    assert store.read(get_story, absorbed).id == survivor  # the merge's redirect is kept


def test_a_grown_story_adopts_its_events_stray_but_not_a_sibling_events_story(store, db_url):
    """The shelters report fits the flood's first article below the join and starts a story; at
    eight articles, the flood's story (now about the shelters too) takes it in, not the Manaus flood."""
    early = ingest_all(store, pages(FLOOD[:1] + [FLOOD_SHELTERS, OTHER_FLOOD] + FLOOD[1:] + FLOOD_LATER[:4]))
    stray, sibling = early[1], early[2]
    assert partition(store, early) == [{0, 3, 4, 5, 6, 7, 8}, {1}, {2}]
    stray_story = store.read(story_of_article, stray)
    last = ingest_all(store, pages(FLOOD_LATER[4:]))[0]
    flood = store.read(story_of_article, last)
    assert partition(store, early + [last]) == [{0, 1, 3, 4, 5, 6, 7, 8, 9}, {2}]
    assert store.read(story_of_article, stray) == flood != store.read(story_of_article, sibling)
    story = store.read(get_story, flood)
    assert story.article_count == 9 and {a.id for a in story.articles} == set(early + [last]) - {sibling}
    assert store.read(get_story, stray_story).id == flood  # the adopted story's permalink redirects
    assert store.read(list_stories).total == 2
    assert recluster(store) == 10 and partition(store, early + [last]) == [{0, 1, 3, 4, 5, 6, 7, 8, 9}, {2}]


def test_a_new_version_of_a_page_stays_in_its_story(store):
    name, content = pages(FLOOD)[0]
    first = ingest_all(store, [(name, content)])[0]
    story = store.read(story_of_article, first)
    saved = ingest_bytes(name, content.replace(b"600 residents", b"700 residents"), Ingester(store))
    assert saved.outcome == "new_version"
    assert store.read(story_of_article, saved.article_id) == story
    assert store.read(get_story, story).article_count == 1


def test_recluster_rebuilds_the_same_stories(store):
    ids = ingest_all(store, INTERLEAVED)
    before = partition(store, ids)
    assert recluster(store) == len(ids)
    assert partition(store, ids) == before


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_batch_shards_and_load_give_the_stories_ingest_gives(backend, tmp_path, request):
    url = str(tmp_path / "load.db") if backend == "sqlite" else request.getfixturevalue("postgres_url")
    records = cached_analyses(INTERLEAVED)
    assert all(isinstance(r, AnalysedArticle) for r in records)
    shards = tmp_path / "shards"
    shards.mkdir()
    for i in (0, 1):  # two shards, each one outlet-mix, so load sees them out of order
        write_shard(shards, f"s{i}", records[i::2])
        Manifest(shards).append(f"s{i}", [f"u{i}"], 3, {})
    loaded = open_store(url)
    try:
        report = load_shards(shards, loaded)
        assert report.counts["stories caught up"] == 6
        by_source = dict(loaded.read(lambda conn: conn.exec_driver_sql("SELECT source, id FROM articles").all()))
        assert partition(loaded, [by_source[name] for name, _ in INTERLEAVED]) == [{0, 2, 4}, {1, 3, 5}]
    finally:
        loaded.close()


def test_a_storys_main_actors_are_the_most_quoted_first(store, sample_page_path):
    """All of the sample's actors are in its one article: the quoted leaders lead, not 'American'."""
    ingest_all(store, [(sample_page_path.name, sample_page_path.read_bytes())])
    (item,) = store.read(list_stories).items
    assert [actor.name for actor in item.main_actors[:2]] == ["Vladimir Putin", "Donald Trump"]
