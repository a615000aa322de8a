"""Exit codes, as a script sees them from real `storyline` processes: 0 every page stored (or
already stored), 1 some failed, 2 usage error, 3 nothing stored; the same for ingest, follow,
batch and load (issue 18: 49 of 88 inputs failed and the run exited 0)."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from serving import serving_site

from storyline.report import ExitCode

pytestmark = pytest.mark.slow  # real `storyline` processes, each loading spaCy

STORYLINE = [sys.executable, "-c", "from storyline.cli import main; main()"]


def storyline(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*STORYLINE, "--db", str(db), *args], capture_output=True, timeout=600,
                          env={**os.environ, "STORYLINE_DEBUG": ""})


@pytest.fixture
def pages(tmp_path: Path, sample_page_path: Path) -> dict[str, str]:
    (tmp_path / "empty.html").write_bytes(b"")
    return {"good": str(sample_page_path), "empty": str(tmp_path / "empty.html"),
            "missing": str(tmp_path / "missing.html")}


def test_ingest_says_what_happened(tmp_path, pages):
    db = tmp_path / "s.db"
    assert storyline("ingest", pages["empty"], pages["missing"], db=db).returncode == ExitCode.NOTHING_STORED
    assert storyline("ingest", pages["good"], pages["empty"], db=db).returncode == ExitCode.SOME_FAILED
    assert storyline("ingest", pages["good"], db=db).returncode == ExitCode.OK  # unchanged is fine
    usage = storyline("ingest", "--no-such-option", pages["good"], db=db)
    assert usage.returncode == ExitCode.USAGE and b"Traceback" not in usage.stderr


def test_batch_and_load_say_what_happened(tmp_path, pages):
    db, shards = tmp_path / "s.db", tmp_path / "shards"
    nothing = storyline("batch", pages["empty"], "--out", str(tmp_path / "none"), "--workers", "1", db=db)
    assert nothing.returncode == ExitCode.NOTHING_STORED, nothing.stderr.decode()
    some = storyline("batch", pages["good"], pages["empty"], "--out", str(shards), "--workers", "1", db=db)
    assert some.returncode == ExitCode.SOME_FAILED, some.stderr.decode()
    assert storyline("load", str(shards), db=db).returncode == ExitCode.SOME_FAILED  # the batch's failure
    assert storyline("load", str(tmp_path / "none"), db=tmp_path / "other.db").returncode == ExitCode.NOTHING_STORED
    assert storyline("load", str(tmp_path / "no-such-folder"), db=db).returncode == ExitCode.USAGE


@contextmanager
def news_site(pages: dict[str, bytes]):
    """A real HTTP server on 127.0.0.1 with a feed listing `pages` (path → body)."""

    class Site(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in pages)
            bodies = {"/feed.xml": f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}'
                                   "</channel></rss>".encode(), "/robots.txt": b"", **pages}
            if self.path not in bodies:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(bodies[self.path])))
            self.end_headers()
            self.wfile.write(bodies[self.path])

    with serving_site(Site) as base:
        yield f"{base}/feed.xml"


def test_follow_says_what_happened(tmp_path, sample_page_path):
    with news_site({"/good.txt": sample_page_path.read_bytes(), "/empty.txt": b""}) as feed:
        some = storyline("follow", "--allow-private", feed, db=tmp_path / "s.db")
    assert some.returncode == ExitCode.SOME_FAILED, some.stderr.decode()
    with news_site({"/empty.txt": b""}) as feed:
        nothing = storyline("follow", "--allow-private", feed, db=tmp_path / "other.db")
    assert nothing.returncode == ExitCode.NOTHING_STORED, nothing.stderr.decode()
