"""Outlet names: a declared site name that names nothing gives way to the page's host, and the
spellings of one outlet are one outlet in the store, whichever page came first."""

from __future__ import annotations

import pytest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy import text
from store_fixtures import make_analysed, person

from storyline.extract import extract_article
from storyline.model import Page
from storyline.store import open_store
from storyline.store.migrations import MIGRATIONS, _outlet_spellings

STORY = (
    "<p>The harbour bridge reopened on Monday after three months of repairs, and commuters said "
    "the new cycle lanes were a welcome change from the detours they had endured since spring.</p>"
    "<p>City engineers said the steel deck had been replaced in sections so that ferries could keep "
    "running underneath, and that the work finished a week ahead of the schedule agreed in June.</p>"
)


def outlet_of(site_name: str | None, url: str) -> str | None:
    meta = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    html = (f'<html><head><title>Bridge reopens</title>{meta}<meta property="og:url" content="{url}">'
            f"</head><body><nav><a href='/'>Home</a></nav><article><h1>Bridge reopens</h1>{STORY}</article>"
            f"<footer>Contact us</footer></body></html>")
    article = extract_article(Page(source="page.html", content=html.encode(), url=url))
    return article.outlet


@pytest.mark.parametrize("declared, url, shown", [
    ("Hosted", "https://hosted.ap.org/article/123/bridge-reopens", "hosted.ap.org"),
    ("Copyright 2014", "https://www.jaraguadosul.sc.gov.br/noticia/ponte", "jaraguadosul.sc.gov.br"),
    ("Experience", "https://www.expapp.com/news/bridge", "expapp.com"),
    ("https://www.hawaiinewsnow.com", "https://www.hawaiinewsnow.com/2024/bridge/", "hawaiinewsnow.com"),
    (None, "https://www.jpost.com/world/bridge-123", "jpost.com"),
    ("Wday_", "https://www.wday.ru/novosti/most/", "Wday"),
    # names that are the site's own stay as declared
    ("Wired", "https://www.wired.com/story/bridge", "Wired"),
    ("BarronsOnline", "https://www.barrons.com/articles/bridge", "BarronsOnline"),
    ("ProFootballTalk", "https://profootballtalk.nbcsports.com/2024/bridge", "ProFootballTalk"),
    ("The Spokesman-Review", "https://www.spokesman.com/stories/2024/bridge/", "The Spokesman-Review"),
    ("Inexhibit magazine", "https://www.inexhibit.com/case-studies/bridge/", "Inexhibit magazine"),
])
def test_a_site_name_that_names_nothing_gives_way_to_the_host(declared, url, shown):
    assert outlet_of(declared, url) == shown


def test_the_spellings_of_one_outlet_are_one_outlet_in_either_order(store):
    for slug, outlet in (("a", "Inexhibitmagazine"), ("b", "Inexhibit magazine"), ("c", "inexhibit-magazine"),
                         ("d", "Inexhibit"), ("e", "Inexhibitmagazine")):
        store.save(make_analysed(slug, [person("Ada Lovelace")], [(0, f"Words {slug}", "direct")], outlet=outlet))
    outlets = {o.outlet: o.articles for o in store.stats().outlets}
    assert outlets == {"Inexhibit magazine": 4, "Inexhibit": 1}
    assert len(store.list_articles(outlet="Inexhibit magazine").items) == 4


def save(store, slug: str, outlet: str) -> int:
    return store.save(make_analysed(slug, [person("Ada Lovelace")], [(0, f"Words {slug}", "direct")],
                                    outlet=outlet)).article_id


def outlets_of(store) -> dict[str, int]:
    return {o.outlet: o.articles for o in store.stats().outlets}


def test_a_spelling_no_article_holds_any_more_settles_nothing(store):
    gone = save(store, "a", "Inexhibit magazine")
    store.delete_article(gone)
    save(store, "b", "inexhibit-magazine")  # the deleted article's spelling is not the outlet's
    assert outlets_of(store) == {"inexhibit-magazine": 1}
    save(store, "c", "Inexhibit magazine")  # a better spelling still renames the stored one
    assert outlets_of(store) == {"Inexhibit magazine": 2}


def test_spellings_that_open_with_another_character_are_one_outlet(store):
    for slug, outlet in (("a", "Elan Valley News"), ("b", "élan valley news"), ("c", "@elanvalleynews")):
        save(store, slug, outlet)
    assert outlets_of(store) == {"Elan Valley News": 3}


def test_a_store_from_before_the_spellings_table_settles_as_before(store, db_url):
    for slug, outlet in (("a", "Inexhibitmagazine"), ("b", "Harbour Times")):
        save(store, slug, outlet)
    before = MIGRATIONS.index(_outlet_spellings)  # the schema version without the table
    store.write(lambda conn: (conn.execute(text("DROP TABLE outlet_spellings")),
                              conn.execute(text("UPDATE schema_version SET version = :v"), {"v": before})))
    store.close()
    reopened = open_store(db_url)  # migrated: the table filled from the stored outlets
    try:
        save(reopened, "c", "Inexhibit magazine")
        save(reopened, "d", "harbour-times")
        assert outlets_of(reopened) == {"Inexhibit magazine": 2, "Harbour Times": 2}
    finally:
        reopened.close()
