"""The JSON API served by a real uvicorn on 127.0.0.1, over a real SQLite file and a real Postgres:
every endpoint, CSV download, 404s, and bad parameters as 4xx JSON, never 500."""

from __future__ import annotations

import csv
import io
from contextlib import ExitStack

import pytest
from fastapi import Depends
from pg import fresh_database, postgres_server  # noqa: F401
from serving import serving
from store_fixtures import make_analysed, person, seed_newsroom

from storyline.config import Settings
from storyline.model import Failure
from storyline.serve.api import require_write_token
from storyline.serve.app import create_app
from storyline.store import open_store


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def api(request, tmp_path_factory):
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = str(tmp_path_factory.mktemp("api") / "storyline.db")
        else:
            url = stack.enter_context(fresh_database(request.getfixturevalue("postgres_server")))
        seeded = open_store(url)
        seed_newsroom(seeded)
        seeded.save(make_analysed("prank", [person("Mallory Prank")], [(0, "=1+2 is a formula", "direct")],
                                  published="2024-02-01"))
        seeded.record_failure(Failure(source="broken.html", stage="extract", reason="no article text found"))
        seeded.close()
        client, _app = stack.enter_context(serving(create_app(Settings(db=url))))
        yield client


def get_ok(client: httpx.Client, url: str, **params):
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_articles_with_filters_and_pages(api):
    assert get_ok(api, "/api/articles")["total"] == 4
    assert [a["title"] for a in get_ok(api, "/api/articles", outlet="Kyiv Post")["items"]] == [
        "Story grain", "Story sanctions"]
    page = get_ok(api, "/api/articles", limit=1, offset=1, since="2024-03-01", until="2024-03-05")
    assert (page["total"], page["items"][0]["title"]) == (2, "Story ceasefire")
    hits = get_ok(api, "/api/articles", q="grain deal")
    assert hits["items"][0]["title"] == "Story grain" and "<mark>" in hits["items"][0]["snippet"]
    assert hits["total_exact"] is True and page["total_exact"] is True  # false past the store's COUNTED matches


def test_a_capped_full_text_total_reaches_the_api(api, monkeypatch):
    import storyline.store.queries as queries

    monkeypatch.setattr(queries, "COUNTED", 1)
    page = get_ok(api, "/api/articles", q="putin", limit=1)
    assert (page["total"], page["total_exact"], len(page["items"])) == (1, False, 1)


def test_one_article_in_full(api):
    first = get_ok(api, "/api/articles", section="Economy")["items"][0]
    article = get_ok(api, f"/api/articles/{first['id']}")
    assert [q["speaker_name"] for q in article["quotes"]] == ["Vladimir Putin", "Ursula von der Leyen"]
    assert article["actors"][0]["name_in_article"] == "Putin"
    assert article["body"][article["mentions"][0]["start"]:article["mentions"][0]["end"]] == "Putin"


def test_quotes_by_speaker_alias_and_as_csv(api):
    assert get_ok(api, "/api/quotes", speaker="mr putin")["total"] == 3
    assert get_ok(api, "/api/quotes", speaker="putin", kind="direct", outlet="Kyiv Post")["total"] == 1
    response = api.get("/api/quotes", params={"format": "csv", "limit": 100})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="quotes.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 6 and rows[0]["speaker_name"] == "Vladimir Putin"
    assert rows[-1]["text"] == "'=1+2 is a formula"  # not run as a formula by a spreadsheet


def test_quotes_by_surname_and_words_and_actors_by_name(api):
    assert get_ok(api, "/api/quotes", speaker="PUTIN")["total"] == 3
    assert get_ok(api, "/api/quotes", speaker="von der leyen")["total"] == 1
    found = get_ok(api, "/api/quotes", q="sanctions", speaker="putin")
    assert [q["text"] for q in found["items"]] == ["Sanctions will fail"]
    assert get_ok(api, "/api/quotes", q="sanctions")["total"] == 2
    assert [a["name"] for a in get_ok(api, "/api/actors", name="leyen")["items"]] == ["Ursula von der Leyen"]
    assert get_ok(api, "/api/actors", name="nobody at all")["items"] == []
    page = api.get("/quotes", params={"q": "grain"})
    assert page.status_code == 200 and "the grain deal is over" in page.text and "Sanctions will fail" not in page.text
    assert 'href="/api/quotes?q=grain&amp;limit=50&amp;offset=0&amp;format=csv"' in page.text


def test_empty_parameters_from_a_form_mean_no_filter(api):
    everything = get_ok(api, "/api/quotes?speaker=&since=&until=&outlet=&kind=&actor_id=&limit=&offset=&format=")
    assert everything["total"] == 6 and everything["limit"] == 50


def test_actors_and_one_actor(api):
    actors = get_ok(api, "/api/actors")["items"]
    assert (actors[0]["name"], actors[0]["quote_count"]) == ("Vladimir Putin", 3)
    assert [a["name"] for a in get_ok(api, "/api/actors", type="ORG")["items"]] == ["United Nations"]
    putin = get_ok(api, f"/api/actors/{actors[0]['id']}")
    assert len(putin["quotes"]) == 3 and putin["co_mentioned"]


def test_search_finds_articles_quotes_and_actors(api):
    found = get_ok(api, "/api/search", q="sanctions")
    assert [a["title"] for a in found["articles"]] == ["Story sanctions"] and len(found["quotes"]) == 2
    assert all("<mark>" in hit["snippet"] for hit in found["articles"] + found["quotes"])
    quoted = get_ok(api, "/api/search", q="\"grain deal\"")
    assert [q["text"] for q in quoted["quotes"]] == ["the grain deal is over"]
    people = get_ok(api, "/api/search", q="putin")["actors"]
    assert [(a["name"], a["aliases"]) for a in people] == [("Vladimir Putin", ["Mr Putin", "Putin"])]
    by_alias = get_ok(api, "/api/search", q="Mr Putin")["actors"]
    assert [a["name"] for a in by_alias] == ["Vladimir Putin"]


def test_failures_stats_and_docs(api):
    assert [f["reason"] for f in get_ok(api, "/api/failures")["items"]] == ["no article text found"]
    stats = get_ok(api, "/api/stats")
    assert (stats["articles"], stats["failures"]) == (4, 1)
    paths = get_ok(api, "/openapi.json")["paths"]
    assert "/api/quotes" in paths and "post" in paths["/api/ingest"] and "delete" in paths["/api/articles/{article_id}"]
    assert api.get("/docs").status_code == 200


@pytest.mark.parametrize("url", ["/api/articles/999999", "/api/actors/999999"])
def test_unknown_ids_are_404(api, url):
    response = api.get(url)
    assert response.status_code == 404 and "no " in response.json()["detail"]


@pytest.mark.parametrize("url", [
    "/api/articles?limit=0", "/api/articles?limit=abc", "/api/articles?offset=-3", "/api/articles?since=yesterday",
    "/api/articles?until=2024-02-30", "/api/articles?offset=99999999999999999999", "/api/articles?q=%22%22",
    "/api/articles/abc", "/api/articles/0", "/api/articles/99999999999999999999", "/api/actors/-1",
    "/api/quotes?kind=shouted", "/api/quotes?format=xml", "/api/quotes?actor_id=x", "/api/quotes?since=03/01/2024",
    "/api/search", "/api/search?q=", "/api/search?q=!!!", "/api/search?q=a&limit=1000",
    "/api/quotes?speaker=%00", "/api/articles?outlet=a%00b", "/api/search?q=a%00b", "/api/failures?limit=-1",
    "/api/search?q=" + "x" * 5_000, "/api/articles?q=" + "word+" * 200, "/api/search?q=" + "+".join("ab" * 40),
])
def test_bad_parameters_are_4xx_json_never_500(api, url):
    response = api.get(url)
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert response.json()["detail"]


def test_write_token_is_needed_only_beyond_localhost(fresh_sqlite, monkeypatch):
    monkeypatch.setenv("STORYLINE_TOKEN", "s3cret")
    app = create_app(Settings(db=str(fresh_sqlite)), host="0.0.0.0")
    app.add_api_route("/api/probe", lambda: {"ok": True}, methods=["POST"],
                      dependencies=[Depends(require_write_token)])
    with serving(app) as (client, app):
        assert client.post("/api/probe").status_code == 401
        assert client.post("/api/probe", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.post("/api/probe", headers={"Authorization": "Bearer s3cret"}).json() == {"ok": True}
        app.state.write_token = None  # listening outside with no token set: writes are refused
        assert client.post("/api/probe", headers={"Authorization": "Bearer s3cret"}).status_code == 403
        app.state.host = "127.0.0.1"
        assert client.post("/api/probe").status_code == 200


def test_a_search_past_its_time_limit_is_a_503_with_a_reason(fresh_sqlite):
    with serving(create_app(Settings(db=str(fresh_sqlite)))) as (client, app):
        app.state.store.save(make_analysed("grain", [person("Vladimir Putin")], [(0, "the grain deal is over", "direct")]))
        app.state.store.search_time_limit_s = 0
        for path in ("/api/search?q=grain", "/api/articles?q=grain"):
            response = client.get(path)
            assert response.status_code == 503 and "stopped after" in response.json()["detail"]
        page = client.get("/", params={"q": "grain"})
        assert page.status_code == 200 and "stopped after" in page.text
        assert client.get("/", params={"q": "word " * 200}).status_code == 200
        assert "at most 500 characters" in client.get("/", params={"q": "word " * 200}).text
