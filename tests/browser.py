"""Browser-test fixtures: Debian's Chromium driven by Playwright against a real uvicorn server
on 127.0.0.1 (tests/serving.py) and a real SQLite file, so the tests use Storyline as a person would.

Playwright's own browser download is never used; scripts/install-browser.sh installs
/usr/bin/chromium when it is missing. Without a browser the tests skip, or fail under CI.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from serving import serving

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class LiveServer:
    url: str
    db: Path


def chromium_or_skip() -> Path:
    """/usr/bin/chromium, installed by scripts/install-browser.sh if need be."""
    if not CHROMIUM.exists():
        subprocess.run(["sh", str(REPO / "scripts" / "install-browser.sh")], check=False)
    if not CHROMIUM.exists():
        message = f"browser tests need Chromium at {CHROMIUM}: run scripts/install-browser.sh (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@contextmanager
def serving_folder(folder: Path) -> Iterator[LiveServer]:
    """The web app on uvicorn on 127.0.0.1 (in a thread of this process) over folder/storyline.db
    (made if missing), until exit. Run as a local user: no write token, whatever the environment."""
    from storyline.config import Settings
    from storyline.serve.app import create_app

    db = folder / "storyline.db"
    app = create_app(replace(Settings(), db=str(db)))
    app.state.write_token = None
    with serving(app) as (client, _app):
        yield LiveServer(str(client.base_url).rstrip("/"), db)


@contextmanager
def serving_ingested(folder: Path, pages: list[tuple[str, bytes]]) -> Iterator[tuple[LiveServer, list[str]]]:
    """`serving_folder` over a store into which `pages` ((name, bytes)) were first ingested in
    turn, as a user would (analysed once a session: tests/cached_ingest.py); with each page's
    outcome ("ingested", "new_version", ...)."""
    from cached_ingest import cached_ingest

    from storyline.store import open_store

    store = open_store(str(folder / "storyline.db"))
    try:
        outcomes = [saved.outcome for saved in cached_ingest(store, pages)]
    finally:
        store.close()
    with serving_folder(folder) as server:
        yield server, outcomes


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serving_folder(tmp_path_factory.mktemp("web")) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server: LiveServer):
    """A fresh desktop-sized tab on the live server. Dialogs (alert, confirm) are accepted and their
    messages kept in `page.dialogs`; console errors, such as CSP violations, in `page.console_errors`."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    tab = context.new_page()
    tab.dialogs, tab.console_errors = [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.accept()))
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    yield tab
    context.close()


@contextmanager
def tab_on(browser, server: LiveServer, viewport: dict):
    """A tab on `server` at `viewport` size; console errors are kept in its `console_errors`."""
    context = browser.new_context(base_url=server.url, viewport=viewport)
    opened = context.new_page()
    opened.console_errors = []
    opened.on("console", lambda message: message.type == "error" and opened.console_errors.append(message.text))
    try:
        yield opened
    finally:
        context.close()


def tabs_at_both_widths(server_fixture: str):
    """A `tab` fixture: each test runs in a desktop tab and in a 390 px phone tab on the live
    server that the fixture named `server_fixture` gives."""
    @pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
    def tab(request, browser):
        with tab_on(browser, request.getfixturevalue(server_fixture), request.param) as opened:
            yield opened
    return tab


def width_name(tab) -> str:
    """"phone" or "desktop", for screenshot names."""
    return "phone" if tab.viewport_size["width"] < 500 else "desktop"


def screenshot_dir(tmp_path: Path) -> Path:
    """docs/screenshots when STORYLINE_SCREENSHOTS=1 (to refresh the docs), else a temporary folder."""
    if os.environ.get("STORYLINE_SCREENSHOTS"):
        folder = REPO / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path


def hand_built_article(title: str, paragraphs: list[str], quotes: dict[str, tuple[str, str]],
                       roles: dict[str, list[str]] | None = None, summary: str | None = None, **fields):
    """An analysed article made by hand, to save straight into the store: `quotes` maps each quoted
    passage to (speaker's name, cue word), both of which must appear in the paragraphs after it."""
    from storyline.model import Actor, AnalysedArticle, Article, Mention, Paragraph, Quote, Span

    body = "\n\n".join(paragraphs)
    starts = [sum(len(p) + 2 for p in paragraphs[:i]) for i in range(len(paragraphs))]

    def span(words: str, after: int = 0) -> Span:
        start = body.index(words, after)
        return Span(start, start + len(words), words)

    speakers: dict[str, int] = {}
    said = []
    for words, (speaker, cue) in quotes.items():
        content = span(words)
        said.append(Quote("direct", words, [content], cue=span(cue, content.end), speaker=span(speaker, content.end),
                          speaker_actor=speakers.setdefault(speaker, len(speakers))))
    actors = [Actor(name, "PERSON", roles=(roles or {}).get(name, [])) for name in speakers]
    mentions = [Mention(index, found.start, found.end, found.text)
                for name, index in speakers.items() for found in [span(name)]]
    article = Article(source=fields.pop("source", title), format="text", title=title, body=body,
                      paragraphs=[Paragraph(s, s + len(p)) for s, p in zip(starts, paragraphs)],
                      content_hash=f"hand-built {title}", **fields)
    return AnalysedArticle(article, "analysed", actors, mentions, said, summary=summary)


def save_article(live_server: LiveServer, analysed) -> str:
    """Save through the store into the live server's database; the path of the article page."""
    from storyline.store import open_store

    store = open_store(str(live_server.db))
    try:
        return f"/articles/{store.save(analysed).article_id}"
    finally:
        store.close()
