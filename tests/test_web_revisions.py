"""The revision view in a real browser: a page ingested twice with edits shows, on its article
page, its versions and what changed (headline, paragraphs, quotes) with the word diff marked,
readable at desktop and phone widths; and the same changes from the JSON API."""

from __future__ import annotations

import json

import pytest
from cli_run import run
from playwright.sync_api import expect
from serving import get as web_get

pytest.register_assert_rewrite("browser")
from browser import screenshot_dir, serving_ingested, tabs_at_both_widths, width_name  # noqa: E402
from revision_pages import FIRST, NAME, SECOND, version  # noqa: E402
from story_pages import FLOOD, pages  # noqa: E402

pytest_plugins = ["browser"]


@pytest.fixture(scope="module")
def revised_server(tmp_path_factory):
    """A server over a store with a page stored twice (articles 1 and 2) and one stored once (3)."""
    stored = [(NAME, version(FIRST)), (NAME, version(SECOND)), pages(FLOOD[1:2])[0]]
    with serving_ingested(tmp_path_factory.mktemp("revisions-web"), stored) as (server, outcomes):
        assert outcomes == ["ingested", "new_version", "ingested"]
        yield server


tab = tabs_at_both_widths("revised_server")


def test_revision_view_shows_what_changed_with_the_word_diff(tab, tmp_path):
    width = width_name(tab)
    tab.goto("/articles/2")
    section = tab.get_by_role("region", name="What changed")
    expect(section.locator("#version-list li")).to_have_count(2)
    change = section.locator("details#revision-2")
    expect(change).to_have_attribute("open", "")
    expect(change.locator("summary")).to_contain_text(
        "headline; paragraphs: 3 edited, 2 added, 1 removed; quotes: 2 altered, 2 added, 1 removed")
    expect(change.locator("[data-change=headline] ins")).to_have_text("[added: hundreds evacuated]")
    edited = change.locator("li[data-change=edited]", has_text="residents from their homes")
    expect(edited.locator("del")).to_contain_text("600")
    expect(edited.locator("ins")).to_contain_text("800")
    expect(change.locator("li[data-change=removed]", has_text="until Wednesday")).to_have_count(2)  # ¶ and quote
    shifted = change.locator("li[data-change=altered]", has_text="The warehouses along the river are lost")
    expect(shifted).to_contain_text("Paulo Reis")
    expect(shifted).to_contain_text("Rafael Antunes")
    trimmed = change.locator("li[data-change=altered]", has_text="We have never seen the harbour")
    expect(trimmed.locator(".pill", has_text="trimmed")).to_be_visible()
    expect(trimmed.locator("del")).to_contain_text("asking everyone near the river to leave tonight")
    # struck through and underlined, not told by colour alone
    assert edited.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    assert edited.locator("ins").evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    section.screenshot(path=str(screenshot_dir(tmp_path) / f"revisions-{width}.png"))

    section.get_by_role("link", name="Version 1").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Storm Elin floods Porto Velho harbour")
    expect(tab.locator("details#revision-2")).to_have_attribute("open", "")  # version 1's change is its next one
    assert tab.console_errors == []


def test_a_page_stored_once_has_no_revision_view(tab):
    tab.goto("/articles/3")
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    expect(tab.locator("#revisions")).to_have_count(0)


def test_api_gives_the_revisions_of_either_version_and_404_for_none(revised_server):
    url = revised_server.url
    both = [web_get(f"{url}/api/articles/{n}/revisions").json() for n in (1, 2)]
    assert [b["article_id"] for b in both] == [1, 2]
    assert both[0]["revisions"] == both[1]["revisions"] and len(both[0]["revisions"]) == 1
    assert [v["version"] for v in both[0]["versions"]] == [1, 2]
    once = web_get(f"{url}/api/articles/3/revisions").json()
    assert (len(once["versions"]), once["revisions"]) == (1, [])
    missing = web_get(f"{url}/api/articles/99/revisions")
    assert (missing.status_code, missing.json()) == (404, {"detail": "no article with id 99"})
    assert "/api/articles/{article_id}/revisions" in web_get(f"{url}/openapi.json").json()["paths"]


def test_storyline_diff_json_is_the_apis_answer(revised_server):
    """One record from the comparison to both: the CLI's JSON is the API's, field for field."""
    for article in (1, 2, 3):
        printed = json.loads(run("diff", str(article), "--json", db=revised_server.db).stdout)
        assert printed == web_get(f"{revised_server.url}/api/articles/{article}/revisions").json()
