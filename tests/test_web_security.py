"""Hostile pages never run code in a reader's browser: every field is escaped, links are http(s)
only, and the Content-Security-Policy forbids inline script even if escaping failed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytest.register_assert_rewrite("browser")  # before the import below: browser is also a plugin
from browser import hand_built_article, save_article  # noqa: E402

pytest_plugins = ["browser"]  # the live server, the browser and its tabs

PAYLOAD = "<script>window.pwned = 1; document.title = 'pwned'</script>"
IMG_PAYLOAD = '<img src=x onerror="window.pwned = 2">'
EVIL_PAGE = f"""<!doctype html><html><head><title>Harmless looking {PAYLOAD}</title>
<script>window.pwned = 3</script></head><body><article>
<h1>Harmless looking story {IMG_PAYLOAD}</h1>
<p>“Nothing to see here {PAYLOAD},” the minister said on Tuesday in a long statement to reporters.</p>
<p><a href="javascript:window.pwned=4">Read more</a> about the minister and the plan to rebuild the bridge.</p>
<p>The minister said the plan would cost less than expected and be finished by the summer.</p>
</article></body></html>"""


def hostile_article():
    """An analysed article with a payload in every text field the pages show."""
    speaker = f"Mallory {IMG_PAYLOAD}"
    return hand_built_article(
        f"Evil {PAYLOAD}",
        [f"“{PAYLOAD} is what I think,” {speaker} said.", f"A second paragraph {IMG_PAYLOAD}."],
        {f"{PAYLOAD} is what I think": (speaker, "said")},
        roles={speaker: [IMG_PAYLOAD]}, summary=f"Summary {PAYLOAD}", source=f"evil {PAYLOAD}",
        standfirst=f"Standfirst {IMG_PAYLOAD}", url="javascript:window.pwned=5", outlet=f"Outlet {PAYLOAD}",
        section=IMG_PAYLOAD, authors=[PAYLOAD], published="2025-03-14", language="en",
    )


@pytest.fixture(scope="module")
def hostile_article_path(live_server) -> str:
    return save_article(live_server, hostile_article())


def assert_nothing_ran(page) -> None:
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.title() != "pwned"
    assert page.dialogs == []
    assert page.locator('a[href^="javascript:" i]').count() == 0
    assert page.locator("body img").count() == 0


def test_hostile_fields_are_shown_as_text(page, hostile_article_path):
    response = page.goto(hostile_article_path)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Evil {PAYLOAD}")
    expect(page.locator("mark[data-quote]").first).to_contain_text(PAYLOAD)
    expect(page.locator("#original-link")).to_have_count(0)
    assert_nothing_ran(page)
    page.locator("#article-actors a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(IMG_PAYLOAD)
    assert_nothing_ran(page)
    for path in ("/quotes", "/?q=Evil", "/?q=pwned", "/"):
        page.goto(path)
        assert_nothing_ran(page)


def test_hostile_page_pasted_into_ingest_never_runs(page):
    page.goto("/ingest")
    page.get_by_label("Page text or HTML").fill(EVIL_PAGE)
    page.get_by_role("button", name="Ingest").click()
    outcome = page.locator("#outcomes li").first
    expect(outcome).to_be_visible(timeout=60_000)
    assert_nothing_ran(page)
    link = outcome.get_by_role("link", name="Open the article")
    if link.count():
        link.click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_nothing_ran(page)


def test_api_docs_come_from_this_server_under_the_same_policy(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto("/docs")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".opblock-summary-path", has_text="/api/search")).to_be_visible(timeout=20_000)
    expect(page.locator(".opblock-delete")).to_have_count(1)  # the write endpoints are documented too
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
    assert page.console_errors == []
    assert page.request.get("/redoc").status == 404
