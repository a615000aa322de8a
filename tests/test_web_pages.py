"""The web pages in a real browser, used as a journalist would: ingest the sample page, read the
article with its quotes marked, follow a speaker, search, filter and download quotes."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytest.register_assert_rewrite("browser")  # before the import below: browser is also a plugin
from browser import DESKTOP, PHONE, hand_built_article, save_article, screenshot_dir  # noqa: E402

pytest_plugins = ["browser"]  # the live server, the browser and its tabs

PUTIN_SAYS = [
    "We support the proposal for a ceasefire",
    "Our troops are advancing in virtually every sector of the front line",
]
TRUMP_SAYS = "I want peace, but if it’s necessary"
TITLE = "Putin Agrees To US-Proposed Ceasefire"
FOLLOW_UP_SAYS = "We will study the American proposal carefully"


@pytest.fixture(scope="session")
def sample_article(browser, live_server, sample_page_path: Path) -> str:
    """Upload the sample page through the ingest form; the path of its article page."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    tab = context.new_page()
    tab.goto("/ingest")
    tab.get_by_label("Saved pages").set_input_files(str(sample_page_path))
    tab.get_by_role("button", name="Ingest").click()
    outcome = tab.locator("#outcomes li").first
    expect(outcome).not_to_have_attribute("data-status", "waiting", timeout=60_000)
    if outcome.get_attribute("data-status") != "ingested":
        pytest.fail(f"the sample page was not ingested: {outcome.inner_text()}")
    path = outcome.get_by_role("link", name="Open the article").get_attribute("href")
    context.close()
    return path


@pytest.fixture(scope="session")
def follow_up_article(live_server, sample_article) -> str:
    """A dated report from another outlet quoting Putin, saved through the store."""
    return save_article(live_server, hand_built_article(
        "Kremlin studies truce terms",
        [f"“{FOLLOW_UP_SAYS},” Vladimir Putin said on Friday in Moscow.",
         "Officials in Kyiv said they were waiting for a clear answer."],
        {FOLLOW_UP_SAYS: ("Vladimir Putin", "said")},
        roles={"Vladimir Putin": ["Russian President"]},
        outlet="Northern Courier", section="World", published="2025-03-14", language="en",
        url="https://courier.example/world/kremlin-truce-terms",
    ))


def test_ingest_shows_each_outcome_with_its_reason(page):
    page.goto("/ingest")
    page.get_by_label("Page addresses").fill("file:///etc/passwd\nftp://example.com/story")
    page.get_by_role("button", name="Ingest").click()
    outcomes = page.locator("#outcomes li")
    expect(outcomes).to_have_count(2)
    expect(outcomes.first).to_have_attribute("data-status", "failed")
    expect(outcomes.first).to_contain_text("only http:// and https:// addresses")


def test_pages_work_without_javascript(browser, live_server, sample_article):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/ingest")
    tab.get_by_label("Page addresses").fill("ftp://example.com/story")
    tab.get_by_role("button", name="Ingest").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Add pages")
    expect(tab.locator("#outcomes li")).to_have_attribute("data-status", "failed")
    tab.goto("/quotes")
    tab.get_by_label("Speaker").fill("Trump")
    tab.get_by_role("button", name="Show quotes").click()
    expect(tab.locator("#quote-table tbody tr[data-quote]", has_text=TRUMP_SAYS)).to_have_count(1)
    assert set(tab.locator("#quote-table td.speaker").all_inner_texts()) == {"Donald Trump"}
    tab.goto(sample_article)
    quote = tab.locator('mark[data-speaker="Vladimir Putin"]').first
    quote.focus()
    expect(tab.locator(".quote:focus-within .popover")).to_be_visible()
    context.close()


def test_article_marks_each_quote_as_its_speakers(page, sample_article):
    page.goto(sample_article)
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    putin = page.locator('mark[data-speaker="Vladimir Putin"]')
    for words in PUTIN_SAYS:
        expect(putin.filter(has_text=words)).to_have_count(1)
    expect(putin.filter(has_text=TRUMP_SAYS)).to_have_count(0)
    expect(page.locator("mark[data-speaker]", has_text=TRUMP_SAYS)).to_have_attribute("data-speaker", "Donald Trump")
    support = putin.filter(has_text=PUTIN_SAYS[0])
    expect(support).to_have_attribute("title", "Vladimir Putin · said · direct quote")
    support.hover()
    popover = page.locator(".quote:hover .popover").first
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("Vladimir Putin")
    expect(popover).to_contain_text("direct")
    expect(page.locator("#article-actors")).to_contain_text("Russian President")


def test_actor_page_lists_every_quote_across_articles(page, sample_article, follow_up_article):
    page.goto(sample_article)
    said_here = page.locator('mark[id^="q-"][data-speaker="Vladimir Putin"]').count()
    page.locator("#article-actors").get_by_role("link", name="Vladimir Putin").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vladimir Putin")
    quotes = page.locator("#actor-quotes li")
    expect(quotes).to_have_count(said_here + 1)
    for words in PUTIN_SAYS:
        expect(quotes.filter(has_text=words)).to_have_count(1)
    expect(quotes.first).to_contain_text(FOLLOW_UP_SAYS)  # the only dated one comes first
    expect(quotes.first).to_contain_text("Northern Courier")
    expect(page.locator(".timeline svg rect.bar title", has_text="2025-03-14: 1")).to_have_count(1)
    expect(page.locator("#co-mentioned")).to_contain_text("Donald Trump")
    quotes.nth(1).get_by_role("link").click()
    anchor = page.url.split("#", 1)[1]
    expect(page.locator(f"mark#{anchor}")).to_have_attribute("data-speaker", "Vladimir Putin")


def test_search_finds_the_article(page, sample_article):
    page.goto("/")
    page.get_by_label("Words, a name or a phrase").fill("ceasefire")
    page.get_by_label("Words, a name or a phrase").press("Enter")
    hits = page.locator("#article-results li")
    expect(hits.filter(has_text=TITLE)).to_have_count(1)
    hits.filter(has_text=TITLE).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)


def test_search_filters_narrow_every_kind_of_hit(page, sample_article, follow_up_article):
    page.goto("/?q=proposal")
    expect(page.locator("#article-results li")).to_have_count(2)
    page.get_by_text("Filters").click()
    page.get_by_label("Outlet").select_option("Northern Courier")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#article-results li")).to_have_count(1)
    expect(page.locator("#article-results")).to_contain_text("Kremlin studies truce terms")
    expect(page.locator("#quote-results li")).to_have_count(1)
    expect(page.locator("#quote-results")).to_contain_text("Northern Courier")


def test_delete_button_removes_the_article(page, live_server):
    path = save_article(live_server, hand_built_article(
        "Short-lived story", ["“Gone soon,” Ann Lee said."], {"Gone soon": ("Ann Lee", "said")}))
    page.goto(path)
    page.get_by_role("button", name="Delete article").click()
    expect(page).to_have_url(re.compile(re.escape(live_server.url) + r"/\?deleted=\d+$"))
    assert page.dialogs == ["Delete this article, its quotes and mentions?"]
    expect(page.get_by_role("status")).to_contain_text("“Short-lived story”")
    expect(page.get_by_role("status")).to_contain_text("was deleted on")
    expect(page.get_by_role("link", name="Short-lived story")).to_have_count(0)
    assert page.goto(path).status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("Article deleted")


def test_quotes_download_holds_the_rows_shown(page, sample_article):
    page.goto("/quotes")
    page.get_by_label("Speaker").fill("Putin")
    page.get_by_role("button", name="Show quotes").click()
    expect(page).to_have_url(re.compile(r"speaker=Putin"))
    rows = page.locator("#quote-table tbody tr[data-quote]")
    expect(rows.first).to_be_visible()
    shown = [(row.get_attribute("data-quote"), row.locator("td.quote-text a").inner_text())
             for row in rows.all()]
    assert all("Vladimir Putin" == name for name in rows.locator("td.speaker").all_inner_texts())
    download = page.request.get(page.locator("#download-csv").get_attribute("href"))
    assert download.ok and download.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(download.text())))
    assert [(row["quote_id"], row["text"]) for row in table] == shown
    as_json = page.request.get(page.locator("#download-json").get_attribute("href")).json()
    assert [str(item["id"]) for item in as_json["items"]] == [quote_id for quote_id, _ in shown]


PAGES = {
    "home": "/",
    "search": "/?q=ceasefire",
    "quotes": "/quotes",
    "ingest": "/ingest",
}


def test_every_page_fits_desktop_and_phone(page, sample_article, follow_up_article, sample_page_path, tmp_path):
    page.goto(sample_article)
    actor = page.locator("#article-actors").get_by_role("link", name="Vladimir Putin").get_attribute("href")
    folder = screenshot_dir(tmp_path)
    for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        for name, path in {**PAGES, "article": sample_article, "actor": actor}.items():
            page.goto(path)
            assert_fits(page, name)
            assert page.console_errors == [], f"{name}: {page.console_errors}"
            page.screenshot(path=str(folder / f"{name}-{width_name}.png"), full_page=True)
        page.goto("/ingest")
        page.get_by_label("Page addresses").fill("ftp://example.com/story")
        page.get_by_label("Saved pages").set_input_files(str(sample_page_path))
        page.get_by_role("button", name="Ingest").click()
        expect(page.locator("#ingest-count")).to_have_text("2 of 2 done", timeout=30_000)
        assert_fits(page, "ingest results")
        page.screenshot(path=str(folder / f"ingest-results-{width_name}.png"), full_page=True)


def assert_fits(page, name: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways at {page.viewport_size['width']}px"


def test_every_quote_popover_stays_on_a_phone_screen(page, sample_article):
    page.set_viewport_size(PHONE)
    page.goto(sample_article)
    marks = page.locator("mark[data-quote]")
    assert marks.count() >= 5
    for index in range(marks.count()):
        mark = marks.nth(index)
        mark.scroll_into_view_if_needed()
        mark.hover()
        popover = page.locator(".quote:hover .popover").first
        expect(popover).to_be_visible()
        box = popover.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (index, box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (index, box)
