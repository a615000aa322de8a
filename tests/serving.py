"""A real uvicorn on 127.0.0.1 in a thread, for the tests that talk HTTP to the app."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import httpx
import uvicorn


@contextmanager
def serving(app):
    """Run `app` on uvicorn in a thread, on a socket bound before start (no free-port race)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{sock.getsockname()[1]}", timeout=20) as client:
            yield client, app
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
