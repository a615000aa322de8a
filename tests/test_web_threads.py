"""Quote threads in a real browser and over HTTP: the story page's threads (first report, each
outlet's version with its badge and word diff, the agency reprint folded under its original),
wire copy and source share; an article's quote thread line; the thread page; at desktop and
390 px; and the JSON API's answers for threads, wire groups and sources (found, 404, empty)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from serving import get as web_get

pytest.register_assert_rewrite("browser")
from browser import screenshot_dir, serving_ingested, tabs_at_both_widths, width_name  # noqa: E402
from story_pages import RESIGNATION, pages  # noqa: E402
from thread_pages import STRIKE, strike_pages  # noqa: E402

pytest_plugins = ["browser"]
COASTLINE = [outlet for outlet, *_ in STRIKE].index("Coastline News") + 1  # its article id
UNRELATED = len(STRIKE) + 1  # an article whose story shares no quote with another


@pytest.fixture(scope="module")
def strike_server(tmp_path_factory):
    """Seven outlets' reports of one strike (an agency's, a reprint, trims, an elision, an
    alteration, a paraphrase, a speaker shift), then one unrelated article."""
    with serving_ingested(tmp_path_factory.mktemp("threads-web"), [*strike_pages(), pages(RESIGNATION)[0]]) as (
            server, outcomes):
        assert set(outcomes) == {"ingested"}
        yield server


tab = tabs_at_both_widths("strike_server")


def strike_story(url: str) -> int:
    listed = web_get(f"{url}/api/stories").json()["items"]
    return next(s["id"] for s in listed if "Rotterdam" in (s["headline"] or ""))


def test_story_page_shows_quote_threads_wire_copy_and_sources(tab, strike_server, tmp_path):
    tab.goto(f"/stories/{strike_story(strike_server.url)}")
    section = tab.get_by_role("region", name="Quotes across outlets")
    thread = section.locator("article.thread", has_text="pay rise").first
    versions = thread.locator("li.thread-version")
    expect(versions.first).to_have_attribute("data-link", "first")
    expect(versions.first).to_contain_text("AP News")
    expect(thread.locator(".thread-reach")).to_contain_text("In 7 outlets · first: AP News")
    # the agency reprint folds under the agency's version, not as a version of its own
    expect(versions.filter(has=tab.locator("[data-outlet='Harbour Times']"))).to_have_count(0)
    expect(versions.first.locator("details.reprints summary")).to_contain_text("1 reprint of this copy: Harbour Times")
    badges = {outlet: link for outlet, link in [("Coastline News", "trimmed"), ("Daily Ledger", "elided"),
                                                ("Evening Digest", "altered"), ("North Star", "paraphrase")]}
    for outlet, link in badges.items():
        expect(thread.locator(f"li[data-outlet='{outlet}']")).to_have_attribute("data-link", link)
    altered = thread.locator("li[data-outlet='Evening Digest'] blockquote")
    expect(altered.locator("del").first).to_contain_text("members")
    expect(altered.locator("ins")).to_contain_text("workers")
    shifted = thread.locator("li[data-outlet='Morning Post']")
    expect(shifted.locator(".badge-shift")).to_have_text("speaker shift")
    expect(shifted).to_contain_text("Anna Smit")
    # a quote only the reprint repeated waits, folded, after the quotes outlets reported themselves
    expect(tab.locator("#reprinted-only > summary")).to_have_text("3 more quotes carried only by reprints")
    expect(tab.locator("#reprinted-only .badge-first").first).not_to_be_visible()
    expect(section.locator(".source-anonymous").first).to_have_text("anonymous source")
    expect(tab.locator("#story-wire")).to_contain_text("7 outlets, 6 with their own reporting")
    expect(tab.locator("#story-sources dd[data-kind=anonymous]")).to_contain_text("%")
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    section.screenshot(path=str(screenshot_dir(tmp_path) / f"quote-threads-{width_name(tab)}.png"))
    assert tab.console_errors == []


def test_article_quote_thread_line_leads_to_the_thread(tab, tmp_path):
    tab.goto(f"/articles/{COASTLINE}")
    line = tab.locator("#article-threads li", has_text="pay rise").locator(".thread-line")
    expect(line).to_contain_text("also in 6 other outlets; first: AP News")
    tab.locator("section", has=tab.locator("#article-threads")).screenshot(path=str(screenshot_dir(tmp_path) / f"thread-line-{width_name(tab)}.png"))
    line.get_by_role("link", name="also in 6 other outlets").click()
    expect(tab.locator("li.thread-version")).to_have_count(7)  # no story here: nothing is folded
    expect(tab.locator("li.thread-version[data-outlet='Coastline News'] .badge-trimmed")).to_be_visible()
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    tab.goto(f"/articles/{UNRELATED}")
    expect(tab.locator("#article-threads")).to_have_count(0)
    assert tab.console_errors == []


def get(url: str, path: str, status: int = 200):
    response = web_get(url + path)
    assert response.status_code == status, response.text
    return response.json()


def test_api_threads_wire_and_sources_found_missing_and_empty(strike_server):
    url, story = strike_server.url, strike_story(strike_server.url)
    threads = get(url, f"/api/stories/{story}/threads")
    main = next(t for t in threads if "pay rise" in t["first_report"]["text"])
    assert get(url, f"/api/threads/{main['id']}") == main
    assert {q["outlet"]: q["link_kind"] for q in main["quotes"]}["Evening Digest"] == "altered"
    (line,) = [t for t in get(url, f"/api/articles/{COASTLINE}/threads") if t["thread_id"] == main["id"]]
    assert (line["other_outlets"], line["first_outlet"]) == (6, "AP News")
    wire = get(url, f"/api/stories/{story}/wire")
    assert (wire["outlets"], wire["own_reporting"], len(wire["groups"])) == (7, 6, 1)
    assert wire["groups"][0]["original"]["outlet"] == "AP News" and wire["groups"][0]["agency"] == "AP"
    sources = get(url, f"/api/stories/{story}/sources")
    assert sources["counts"]["anonymous"] >= 1 and sources["counts"]["named"] > sources["counts"]["anonymous"]
    assert {o["outlet"] for o in get(url, "/api/sources")} >= {"AP News", "Morning Post"}

    other = next(s["id"] for s in get(url, "/api/stories")["items"] if s["id"] != story)
    assert get(url, f"/api/stories/{other}/threads") == []
    assert get(url, f"/api/articles/{UNRELATED}/threads") == []
    assert get(url, f"/api/stories/{other}/wire")["groups"] == []

    for path, what in [("/api/threads/999", "no quote thread with id 999"), ("/api/stories/999/threads", "no story with id 999"),
                       ("/api/stories/999/wire", "no story with id 999"), ("/api/stories/999/sources", "no story with id 999"),
                       ("/api/articles/999/threads", "no article with id 999")]:
        assert get(url, path, 404) == {"detail": what}
    paths = set(get(url, "/openapi.json")["paths"])
    assert {"/api/threads/{thread_id}", "/api/stories/{story_id}/threads", "/api/stories/{story_id}/wire",
            "/api/stories/{story_id}/sources", "/api/sources", "/api/articles/{article_id}/threads",
            "/api/articles/{article_id}/revisions"} <= paths
