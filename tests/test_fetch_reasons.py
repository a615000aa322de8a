"""A URL that cannot be fetched fails with what happened, not "refused by robots.txt": the
robots.txt check used to turn every unreachable host and malformed address into that reason."""

from __future__ import annotations

import socket

import pytest

from storyline.ingest.fetch import Fetcher, fetch_page


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("url, reason", [
    ("https://no-such-host.invalid/story", "cannot resolve no-such-host.invalid"),
    ("http:///story", "not a valid web address (no host name)"),
    ("https://[not-an-address/story", "not a valid web address (Invalid IPv6 URL)"),
    ("ftp://news.example/story", "refused: not an http(s) URL"),
])
def test_each_failure_says_what_happened(url, reason):
    failure = fetch_page(url, max_bytes=1_000_000)
    assert failure.reason.startswith(reason), failure.reason
    assert "robots" not in failure.reason


def test_a_host_that_accepts_no_connection_is_not_a_robots_refusal():
    url = f"http://127.0.0.1:{closed_port()}/story"
    with Fetcher(allow_private=True, retries=0, min_interval=0) as fetcher:
        failure = fetch_page(url, max_bytes=1_000_000, fetcher=fetcher)
    assert failure.reason.startswith("cannot fetch") and "ConnectError" in failure.reason, failure.reason
    assert "refused by robots.txt" not in failure.reason
