"""The stories pages in a real browser: the list, a story's timeline and voices, the link from an
article, the redirect of a merged story's id, at desktop and phone widths; and the JSON API."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from serving import get as web_get

pytest.register_assert_rewrite("browser")
from browser import screenshot_dir, serving_ingested, tabs_at_both_widths, width_name  # noqa: E402
from story_pages import FLOOD, RESIGNATION, pages  # noqa: E402

pytest_plugins = ["browser"]


@pytest.fixture(scope="module")
def story_server(tmp_path_factory):
    """A server over a store holding three outlets' reports of two events, ingested in turn."""
    ordered = [p for pair in zip(pages(FLOOD), pages(RESIGNATION)) for p in pair]
    with serving_ingested(tmp_path_factory.mktemp("stories-web"), ordered) as (server, outcomes):
        assert set(outcomes) == {"ingested"}
        yield server


tab = tabs_at_both_widths("story_server")


def test_stories_list_story_page_and_article_link(tab, tmp_path):
    width = width_name(tab)
    folder = screenshot_dir(tmp_path)
    tab.goto("/")
    expect(tab.locator("#active-stories li")).to_have_count(2)
    tab.get_by_role("link", name="Stories", exact=True).click()
    items = tab.locator("#story-list li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Coastline News, Daily Ledger, Harbour Times")
    tab.screenshot(path=str(folder / f"stories-{width}.png"), full_page=True)

    tab.locator("#story-list li", has_text="Storm Elin").get_by_role("link").first.click()
    expect(tab.locator("#story-timeline li")).to_have_count(3)
    expect(tab.locator("#story-outlets > li")).to_have_count(3)
    speakers = tab.locator("#story-speakers .speaker-name")
    expect(speakers.filter(has_text="Marta Quintela")).to_have_count(1)
    tab.screenshot(path=str(folder / f"story-{width}.png"), full_page=True)
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll

    story_url = tab.url
    tab.locator("#story-speakers a", has_text="In context").first.click()
    expect(tab.locator("mark[id^='q-']").first).to_be_visible()
    tab.locator("#story-link").click()
    assert tab.url == story_url
    assert tab.console_errors == []


def test_api_lists_stories_and_a_missing_story_is_404(story_server):
    listed = web_get(f"{story_server.url}/api/stories").json()
    assert listed["total"] == 2
    one = web_get(f"{story_server.url}/api/stories/{listed['items'][0]['id']}").json()
    assert len(one["articles"]) == 3 and not one["redirected"]
    assert web_get(f"{story_server.url}/api/stories/999").status_code == 404
    paths = web_get(f"{story_server.url}/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}"} <= set(paths)
