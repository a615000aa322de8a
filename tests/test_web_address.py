"""One parser decides "is this a web address" for the command line and the web app alike: the
scheme in any case, and never a server file read through an address field (issue 18, item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import run
from serving import serving

from storyline.config import Settings
from storyline.ingest.urls import is_web_url
from storyline.serve.app import create_app
from storyline.store import open_store

SECRET = b"<html><head><title>Server secret</title></head><body><p>" + b"The server's own file. " * 40 + b"</p></body></html>"
# With a folder named "HTTP:" in the working folder, this names ./some/file.html as a path.
SNEAKY = "HTTP://../some/file.html"


@pytest.mark.parametrize("text, web", [
    ("https://example.com/a", True), ("HTTP://example.com/a", True), ("hTTpS://example.com", True),
    (SNEAKY, True),  # a web address with a strange host: fetched (and failing), never read from disk
    ("HTTP:/example.com/a", False), ("http://", False), ("file:///etc/passwd", False),
    ("ftp://example.com/a", False), ("example.com/a", False), ("http://[::1", False),
])
def test_a_web_address_is_http_or_https_in_any_case_with_a_host(text, web):
    assert is_web_url(text) is web


@pytest.fixture
def working_folder(tmp_path: Path, monkeypatch) -> Path:
    """A working folder holding a folder named 'HTTP:' and a page at some/file.html."""
    (tmp_path / "HTTP:").mkdir()
    (tmp_path / "some").mkdir()
    (tmp_path / "some" / "file.html").write_bytes(SECRET)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_command_line_reads_an_upper_case_address_as_an_address(working_folder):
    db = working_folder / "s.db"
    result = run("ingest", SNEAKY, db=db, check=False)
    assert "ingested 0" in result.stdout.decode(), result.stdout.decode()
    assert SNEAKY in result.stderr.decode()
    store = open_store(str(db))
    assert store.stats().articles == 0
    store.close()


def test_the_web_app_never_reads_a_server_file_from_an_address(working_folder):
    app = create_app(Settings(db=str(working_folder / "web.db")))
    with serving(app) as (web, _):
        for address in (SNEAKY, "Http:some/file.html", "HTTP:/../some/file.html", "some/file.html"):
            [outcome] = web.post("/api/ingest", data={"urls": address}).json()["outcomes"]
            assert outcome["status"] == "failed", address
        assert web.get("/api/stats").json()["articles"] == 0
