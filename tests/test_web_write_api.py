"""The write endpoints without a browser, over a real uvicorn on 127.0.0.1: JSON answers, the
no-JavaScript form post, the token and same-origin guards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from serving import serving

pytest.register_assert_rewrite("browser")
from browser import hand_built_article  # noqa: E402
from storyline.config import Settings  # noqa: E402
from storyline.serve.app import create_app  # noqa: E402

NOT_A_WEB_ADDRESS = "file:///etc/passwd"


@contextmanager
def client(db: Path, host: str = "127.0.0.1") -> Iterator[tuple[httpx.Client, FastAPI]]:
    """The app as `storyline serve --host HOST` builds it (the guards depend on the host it
    was started for) over the store `db`, served on 127.0.0.1."""
    with serving(create_app(Settings(db=str(db)), host=host)) as (web, app):
        yield web, app


def test_ingest_answers_json_with_each_outcome(fresh_sqlite):
    with client(fresh_sqlite) as (web, _):
        response = web.post("/api/ingest", data={"urls": f"{NOT_A_WEB_ADDRESS}\n\nftp://example.com/a"})
    assert response.status_code == 200
    outcomes = response.json()["outcomes"]
    assert [(o["source"], o["status"], o["stage"]) for o in outcomes] == [
        (NOT_A_WEB_ADDRESS, "failed", "ingest"), ("ftp://example.com/a", "failed", "ingest"),
    ]
    assert "only http:// and https://" in outcomes[0]["reason"]


def test_ingest_without_anything_is_a_400_with_a_reason(fresh_sqlite):
    with client(fresh_sqlite) as (web, _):
        response = web.post("/api/ingest", data={"urls": "  \n", "text": "  "})
    assert response.status_code == 400
    assert "Nothing to ingest" in response.json()["detail"]


def test_plain_form_post_gets_the_whole_page_back(fresh_sqlite):
    with client(fresh_sqlite) as (web, _):
        response = web.post("/api/ingest", data={"urls": NOT_A_WEB_ADDRESS}, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "<h1>Add pages</h1>" in response.text and 'data-status="failed"' in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_delete_removes_the_article_and_its_page(fresh_sqlite):
    with client(fresh_sqlite) as (web, app):
        article = hand_built_article("Doomed", ["“Bye,” Ann Lee said."], {"Bye": ("Ann Lee", "said")})
        saved = app.state.store.save(article)
        assert web.get(f"/articles/{saved.article_id}").status_code == 200
        assert web.delete(f"/api/articles/{saved.article_id}").json() == {"deleted": saved.article_id}
        page = web.get(f"/articles/{saved.article_id}")
        assert page.status_code == 410 and f"“Doomed” (article {saved.article_id}) was deleted on" in page.text
        assert "Bye" not in page.text
        for path in ("", "/revisions", "/threads"):  # every view of the article says it is gone
            api = web.get(f"/api/articles/{saved.article_id}{path}")
            assert api.status_code == 410 and "was deleted" in api.json()["detail"], path
        assert web.delete(f"/api/articles/{saved.article_id}").status_code == 404
        assert web.get(f"/articles/{saved.article_id + 1}").status_code == 404  # never stored: not gone
        assert web.get(f"/api/articles/{saved.article_id + 1}/threads").status_code == 404


def test_writes_need_the_token_beyond_localhost(fresh_sqlite, monkeypatch):
    monkeypatch.setenv("STORYLINE_TOKEN", "s3cret")
    with client(fresh_sqlite, host="0.0.0.0") as (web, _):
        assert web.post("/api/ingest", data={"urls": NOT_A_WEB_ADDRESS}).status_code == 401
        assert web.delete("/api/articles/1").status_code == 401
        assert 'id="token"' in web.get("/ingest").text
        allowed = web.post("/api/ingest", data={"urls": NOT_A_WEB_ADDRESS},
                           headers={"Authorization": "Bearer s3cret"})
        assert allowed.status_code == 200


def test_refused_pages_are_listed_with_their_reason_on_the_ingest_page(fresh_sqlite):
    with client(fresh_sqlite) as (web, _):
        private = "http://127.0.0.1:9/secret"
        [outcome] = web.post("/api/ingest", data={"urls": private}).json()["outcomes"]
        assert outcome["status"] == "failed" and "non-public" in outcome["reason"]
        page = web.get("/ingest").text
        assert 'id="recent-failures"' in page and private in page and "non-public" in page


def test_writes_sent_from_another_sites_page_are_refused(fresh_sqlite):
    with client(fresh_sqlite) as (web, _):
        for origin in ("http://evil.example", "null"):
            refused = web.post("/api/ingest", data={"urls": NOT_A_WEB_ADDRESS}, headers={"Origin": origin})
            assert refused.status_code == 403
            assert web.delete("/api/articles/1", headers={"Origin": origin}).status_code == 403
        own_origin = str(web.base_url).rstrip("/")
        same_site = web.post("/api/ingest", data={"urls": NOT_A_WEB_ADDRESS}, headers={"Origin": own_origin})
        assert same_site.status_code == 200


def test_a_rebound_host_name_can_neither_read_nor_write(fresh_sqlite):
    """DNS rebinding: a page at rebind.example whose name now points at 127.0.0.1 sends its own
    Host and a matching Origin; only this machine's names (and the allow-list) are answered."""
    with client(fresh_sqlite) as (web, app):
        saved = app.state.store.save(hand_built_article("Kept", ["“Stay,” Ann Lee said."], {"Stay": ("Ann Lee", "said")}))
        port = web.base_url.port
        rebound = {"Host": f"rebind.example:{port}", "Origin": f"http://rebind.example:{port}"}
        assert web.delete(f"/api/articles/{saved.article_id}", headers=rebound).status_code == 400
        assert web.post("/api/ingest", data={"urls": NOT_A_WEB_ADDRESS}, headers=rebound).status_code == 400
        for path in ("/api/stats", f"/articles/{saved.article_id}", "/"):
            assert web.get(path, headers={"Host": f"rebind.example:{port}"}).status_code == 400
        assert web.get(f"/articles/{saved.article_id}").status_code == 200  # still there
        for host in (f"localhost:{port}", f"[::1]:{port}", "127.0.0.1"):
            assert web.get("/api/stats", headers={"Host": host}).status_code == 200


def test_allowed_host_names_are_answered(fresh_sqlite, monkeypatch):
    monkeypatch.setenv("STORYLINE_ALLOWED_HOSTS", "storyline.test, news.internal")
    with serving(create_app(Settings(db=str(fresh_sqlite)))) as (web, _):
        assert web.get("/api/stats", headers={"Host": f"news.internal:{web.base_url.port}"}).status_code == 200
        assert web.get("/api/stats", headers={"Host": "storyline.test"}).status_code == 200
        assert web.get("/api/stats", headers={"Host": "other.test"}).status_code == 400


def test_the_same_text_pasted_with_other_line_endings_is_stored_once(fresh_sqlite, sample_page_path):
    text = sample_page_path.read_text(encoding="utf-8").replace("\r\n", "\n")
    with client(fresh_sqlite) as (web, app):
        [first] = web.post("/api/ingest", data={"text": text.replace("\n", "\r\n")}).json()["outcomes"]
        [again] = web.post("/api/ingest", data={"text": text}).json()["outcomes"]
        assert (first["status"], again["status"]) == ("ingested", "unchanged")
        assert again["article_id"] == first["article_id"] and app.state.store.stats().articles == 1
        assert first["title"].startswith("Putin Agrees") and first["source"].startswith("pasted:")
        page = web.post("/api/ingest", data={"text": text}, headers={"Accept": "text/html"}).text
        assert "Putin Agrees" in page  # the ingest result names the article, not only pasted:…


def test_the_failures_list_never_shows_credentials(fresh_sqlite):
    with client(fresh_sqlite) as (web, _):
        secret = "https://editor:hunter2@no-such-host.invalid/story"
        [outcome] = web.post("/api/ingest", data={"urls": secret}).json()["outcomes"]
        assert outcome["status"] == "failed"
        listed = web.get("/api/failures").json()["items"]
        assert [f["source"] for f in listed] == ["https://***@no-such-host.invalid/story"]
        assert "hunter2" not in web.get("/api/failures").text and "hunter2" not in web.get("/ingest").text


def test_pages_answer_head_and_bad_parameters_with_a_page(fresh_sqlite):
    with client(fresh_sqlite) as (web, app):
        saved = app.state.store.save(hand_built_article(
            "Filed", ["“Here,” Ann Lee said."], {"Here": ("Ann Lee", "said")}, source="/srv/newsroom/inbox/filed.html"))
        for path in ("/", "/quotes", f"/articles/{saved.article_id}", "/api/stats"):
            head = web.head(path)
            assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 0, path
        article = web.get(f"/articles/{saved.article_id}").text
        assert "<dd>filed.html</dd>" in article and "/srv/newsroom" not in article
        for path in ("/quotes?offset=abc", "/quotes?actor_id=-4", "/articles/abc", "/?deleted=x"):
            page = web.get(path)
            assert page.status_code == 400 and page.headers["content-type"].startswith("text/html"), path
            assert "<h1>Bad address</h1>" in page.text and "default-src 'self'" in page.headers["content-security-policy"]
        assert web.get("/api/quotes?offset=abc").status_code == 422  # the API keeps its JSON errors


def test_a_delete_says_so_on_the_page_it_leads_to(fresh_sqlite):
    with client(fresh_sqlite) as (web, app):
        saved = app.state.store.save(hand_built_article("Short-lived", ["“Bye,” Ann Lee said."], {"Bye": ("Ann Lee", "said")}))
        deleted = web.delete(f"/api/articles/{saved.article_id}", headers={"HX-Request": "true"})
        assert deleted.headers["HX-Redirect"] == f"/?deleted={saved.article_id}"
        home = web.get(deleted.headers["HX-Redirect"]).text
        assert f"“Short-lived” (article {saved.article_id}) was deleted on" in home
