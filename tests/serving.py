"""Real HTTP servers on 127.0.0.1 in a thread: uvicorn for the tests that talk to the app, and a
plain http.server site for the tests that fetch from one."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import uvicorn

# httpx reads the CA bundle for every new client (25 ms; about 90 clients a run): the test
# clients speak plain HTTP to 127.0.0.1, so they share one TLS context.
TLS = httpx.create_ssl_context()


def get(url: str, **kwargs) -> httpx.Response:
    """`httpx.get` with the shared TLS context."""
    return httpx.get(url, verify=TLS, **kwargs)


class _Server(uvicorn.Server):
    """uvicorn's server, looking for `should_exit` every 10 ms instead of every 100 ms: a test
    that starts a server waits that long for it to stop."""

    async def main_loop(self) -> None:
        counter = 0
        while not await self.on_tick(counter):
            counter += 1
            await asyncio.sleep(0.01)


@contextmanager
def serving(app):
    """Run `app` on uvicorn in a thread, on a socket bound before start (no free-port race)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = _Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.002)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{sock.getsockname()[1]}", timeout=20, verify=TLS) as client:
            yield client, app
    finally:
        # Not joined: every uvicorn shutdown first pauses 0.1 s (then closes the app and its
        # store, and the socket), and no test uses a server or its app after leaving this block.
        server.should_exit = True


@contextmanager
def serving_site(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` on 127.0.0.1 and yield the base URL. The server polls for shutdown every
    10 ms: at http.server's default of half a second, every test would wait that long to end."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
