"""The same articles give the same actors whatever order they arrive in: one by one (ingest) in
every order, and written to shards in one order then loaded (batch + load), on both stores."""

from __future__ import annotations

import shutil
from itertools import permutations
from pathlib import Path

import pytest
from pg import fresh_database, postgres_server  # noqa: F401
from sqlalchemy import select
from store_fixtures import make_analysed, person

from storyline.shards import Manifest, load_shards, write_shard
from storyline.store import open_store
from storyline.store.schema import actors, article_actors, articles

WILLIAMS = {"w": person("Williams"), "jw": person("John Williams", "Williams"),
            "sw": person("Serena Williams", "Williams")}
DEMPSEYS = {"od": person("Owen Dempsey"), "ojd": person("Owen John Dempsey", "Dempsey"),
            "opd": person("Owen Paul Dempsey", "Dempsey")}


def articles_of(family: dict) -> dict:
    return {slug: make_analysed(slug, [actor], [(0, f"Words of {slug}", "direct")]) for slug, actor in family.items()}


def who_is_who(store) -> dict[str, frozenset[str]]:
    """Each actor's name → the articles naming it (the partition a reader sees)."""
    query = (select(actors.c.name, articles.c.source).join(article_actors, article_actors.c.actor_id == actors.c.id)
             .join(articles, articles.c.id == article_actors.c.article_id))
    with store.engine.connect() as conn:
        found: dict[str, set[str]] = {}
        for name, source in conn.execute(query):
            found.setdefault(name, set()).add(Path(source).stem)
    return {name: frozenset(slugs) for name, slugs in found.items()}


def quotes_by_actor(store) -> dict[str, int]:
    return {a.name: a.quote_count for a in store.list_actors(limit=50).items}


@pytest.fixture(params=["sqlite", "postgres"])
def new_store(request, tmp_path):
    """A factory of empty stores of one kind (each permutation needs its own)."""
    opened, closers = [], []

    def make():
        if request.param == "sqlite":  # a copy of the migrated template (conftest.py)
            url = str(shutil.copyfile(request.getfixturevalue("migrated_sqlite"), tmp_path / f"s{len(opened)}.db"))
        else:
            context = fresh_database(request.getfixturevalue("postgres_server"))
            url = context.__enter__()
            closers.append(context)
        opened.append(open_store(url))
        return opened[-1]

    yield make
    for store in opened:
        store.close()
    for context in closers:
        context.__exit__(None, None, None)


@pytest.mark.parametrize("family, expected", [
    (WILLIAMS, {"John Williams": {"jw"}, "Serena Williams": {"sw"}, "Williams": {"w"}}),
    (DEMPSEYS, {"Owen John Dempsey": {"ojd"}, "Owen Paul Dempsey": {"opd"}, "Owen Dempsey": {"od"}}),
])
def test_a_short_name_shared_by_two_people_is_its_own_actor_in_every_order(new_store, family, expected):
    saved = articles_of(family)
    for order in permutations(saved):
        store = new_store()
        for slug in order:
            store.save(saved[slug])
        assert who_is_who(store) == {name: frozenset(slugs) for name, slugs in expected.items()}, order
        assert quotes_by_actor(store) == dict.fromkeys(expected, 1), order


def test_a_lone_name_that_is_one_surname_and_two_first_names_goes_to_the_one_in_context(new_store):
    """"Warren" after Elizabeth Warren, Warren Buffett and Warren Beatty (in any order) may name
    any of them: beside the Senate and Massachusetts it names the senator, alone none of them."""
    senate = [person("Senate", type="ORG"), person("Massachusetts", type="GPE")]
    saved = {slug: make_analysed(slug, actors, [(0, f"Words of {slug}", "direct")]) for slug, actors in {
        "ew": [person("Elizabeth Warren", "Warren"), *senate], "wb": [person("Warren Buffett")],
        "wbe": [person("Warren Beatty")], "w-senate": [person("Warren"), *senate], "w": [person("Warren")]}.items()}
    for order in permutations(["ew", "wb", "wbe"]):
        store = new_store()
        for slug in [*order, "w-senate", "w"]:
            store.save(saved[slug])
        found = who_is_who(store)
        assert (found["Elizabeth Warren"], found["Warren"]) == ({"ew", "w-senate"}, {"w"}), order


def test_a_short_name_joins_the_one_full_name_before_or_after_it(new_store):
    saved = articles_of({"w": WILLIAMS["w"], "jw": WILLIAMS["jw"], "od": DEMPSEYS["od"], "ojd": DEMPSEYS["ojd"]})
    for order in (["w", "jw", "od", "ojd"], ["ojd", "jw", "od", "w"]):
        store = new_store()
        for slug in order:
            store.save(saved[slug])
        assert who_is_who(store) == {"John Williams": {"w", "jw"}, "Owen John Dempsey": {"od", "ojd"}}
        assert quotes_by_actor(store) == {"John Williams": 2, "Owen John Dempsey": 2}


def test_ingest_and_batch_plus_load_in_the_other_order_give_the_same_actors(new_store, tmp_path):
    saved = articles_of({**WILLIAMS, **DEMPSEYS})
    ingested = new_store()
    for slug in saved:
        ingested.save(saved[slug])
    out = tmp_path / "shards"
    out.mkdir()
    for number, slug in enumerate(reversed(list(saved))):  # one shard per page, the other way round
        write_shard(out, f"{number:04d}", [saved[slug]])
        Manifest(out).append(f"{number:04d}", [slug], 1, {"ingested": 1})
    loaded = new_store()
    assert load_shards(out, loaded).saved == {"ingested": len(saved)}
    assert who_is_who(loaded) == who_is_who(ingested)
    assert quotes_by_actor(loaded) == quotes_by_actor(ingested)
    assert len(who_is_who(loaded)) == 6


def test_an_actor_s_type_is_the_vote_of_its_articles_in_any_order(new_store):
    saved = {"table": make_analysed("table", [person("Chile", type="FAC")], [(0, "A sports table", "direct")]),
             "news": make_analysed("news", [person("Chile", type="GPE")], [(0, "A country", "direct")]),
             "talks": make_analysed("talks", [person("Chile", type="GPE")], [(0, "Talks", "direct")])}
    for order in (["table", "news", "talks"], ["news", "table", "talks"], ["table", "news"], ["news", "table"]):
        store = new_store()
        for slug in order:
            store.save(saved[slug])
        found = [(a.name, a.type, a.article_count) for a in store.list_actors(limit=50).items]
        assert found == [("Chile", "GPE", len(order))], order



SHOW = [person("Doctor Who", type="ORG"), person("Cardiff", type="GPE")]


def test_a_first_name_joins_the_one_person_of_that_name_in_context_in_any_order(new_store):
    """"Matt" beside the show's other actors is Matt Smith whether "Matt" or the full name is
    stored first; Matt Lucas elsewhere stays apart, and "Anna" with no context stays alone."""
    saved = {slug: make_analysed(slug, found, [(0, f"Words of {slug}", "direct")]) for slug, found in [
        ("tv-1", [person("Matt Smith"), *SHOW]), ("tv-2", [person("Matt"), *SHOW]), ("tv-3", [person("Matt Lucas")]),
        ("tv-4", [person("Matt"), *SHOW]), ("book-1", [person("Anna Karenina")]), ("book-2", [person("Anna")])]}
    expected = {"Matt Smith": {"tv-1", "tv-2", "tv-4"}, "Doctor Who": {"tv-1", "tv-2", "tv-4"},
                "Cardiff": {"tv-1", "tv-2", "tv-4"}, "Matt Lucas": {"tv-3"}, "Anna Karenina": {"book-1"},
                "Anna": {"book-2"}}
    for order in (list(saved), list(saved)[::-1], ["tv-2", "book-2", "tv-3", "tv-1", "book-1", "tv-4"]):
        store = new_store()
        for slug in order:
            store.save(saved[slug])
        assert who_is_who(store) == {name: frozenset(slugs) for name, slugs in expected.items()}, order
        assert quotes_by_actor(store)["Matt Smith"] == 3, order


CLINIC = [person("Royal Infirmary", type="ORG"), person("Edinburgh", type="GPE")]
RUGBY = [person("Cardiff Blues", type="ORG"), person("Welsh Rugby Union", type="ORG")]


def test_a_first_name_two_people_share_goes_to_the_one_in_context_whoever_came_first(new_store):
    """Owen Dempsey (a doctor) and Owen Smith (a rugby player) are both stored: a lone "Owen" is
    the one whose other actors stand beside it, and stays its own actor when none do, whichever
    "Owen" article or full name was stored first."""
    saved = {slug: make_analysed(slug, found, [(0, f"Words of {slug}", "direct")]) for slug, found in [
        ("lung-1", [person("Owen Dempsey"), *CLINIC]), ("rugby-1", [person("Owen Smith"), *RUGBY]),
        ("rugby-2", [person("Owen"), *RUGBY]), ("lung-2", [person("Owen"), *CLINIC]),
        ("note", [person("Owen"), person("Glasgow", type="GPE")]), ("lung-3", [person("Owen"), *CLINIC])]}
    expected = {"Owen Dempsey": {"lung-1", "lung-2", "lung-3"}, "Owen Smith": {"rugby-1", "rugby-2"},
                "Owen": {"note"}, "Royal Infirmary": {"lung-1", "lung-2", "lung-3"}, "Edinburgh": {"lung-1", "lung-2", "lung-3"},
                "Cardiff Blues": {"rugby-1", "rugby-2"}, "Welsh Rugby Union": {"rugby-1", "rugby-2"}, "Glasgow": {"note"}}
    for order in (list(saved), ["rugby-1", "lung-1", "lung-2", "note", "rugby-2", "lung-3"],
                  ["lung-1", "rugby-2", "lung-2", "note", "rugby-1", "lung-3"], list(saved)[::-1],
                  ["note", "lung-2", "rugby-2", "lung-1", "lung-3", "rugby-1"]):
        store = new_store()
        for slug in order:
            store.save(saved[slug])
        assert who_is_who(store) == {name: frozenset(slugs) for name, slugs in expected.items()}, order
        assert quotes_by_actor(store)["Owen Smith"] == 2, order
