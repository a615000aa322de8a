"""Polite, safe HTTP fetching for feeds and URL ingest.

Polite: one request per host per `min_interval` (or the robots.txt crawl delay), robots.txt
obeyed, conditional GETs (ETag / Last-Modified), retries with backoff on transient errors.
Safe: timeouts, a size cap, and no connection to private, loopback, link-local or other
non-public addresses unless allowed. The address check runs in the transport on every
connection, after DNS resolution and before connecting, and the connection goes to the
address that was checked, so redirects and DNS rebinding cannot get around it.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from storyline.errors import one_line
from storyline.config import DEFAULT_MAX_PAGE_BYTES
from storyline.ingest.limits import human_size
from storyline.ingest.urls import is_web_url
from storyline.model import Failure, Page, Stage

USER_AGENT = "StorylineBot/0.1 (+https://github.com/storyline; polite news reader)"
MAX_REDIRECTS = 5
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER_S = 30.0
# All of one fetch (robots.txt, redirects, retries, the body) ends by then: the read timeout
# alone let a server sending a byte every few seconds hold a run for minutes.
FETCH_DEADLINE_S = 60.0
AllowPrivate = bool | list[str]  # True, False, or networks allowed anyway ("127.0.0.1/32")


class FetchError(Exception):
    """A URL that could not be fetched; `refused` when we chose not to (robots, address)."""

    def __init__(self, reason: str, refused: bool = False, unreachable: bool = False):
        super().__init__(reason)
        self.refused = refused
        self.unreachable = unreachable  # the host has no address or accepts no connection


class FetchDeadline(FetchError):
    """The whole fetch took longer than its deadline."""


class AddressGuard:
    """Decides which resolved addresses may be connected to."""

    def __init__(self, allow_private: AllowPrivate = False):
        self.allow_all = allow_private is True
        self.allowed = [ipaddress.ip_network(n) for n in allow_private or []] if not self.allow_all else []

    def permits(self, address: str) -> bool:
        ip = ipaddress.ip_address(address.split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        public = ip.is_global and not ip.is_multicast
        return public or self.allow_all or any(ip in net for net in self.allowed)

    def resolve(self, host: str, port: int) -> list[str]:
        """Every address `host` resolves to, refusing all if any one is not permitted."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(f"cannot resolve {host}: {exc.strerror}", unreachable=True) from exc
        except UnicodeError as exc:  # the IDNA codec refuses it: an empty or over-long label ("..")
            raise FetchError(f"cannot resolve {host}: not a valid host name", unreachable=True) from exc
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        for address in addresses:
            if not self.permits(address):
                raise FetchError(f"refused: {host} resolves to non-public address {address}", refused=True)
        return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses the guard permits, to the very address it checked."""

    def __init__(self, guard: AddressGuard):
        self.guard = guard

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last_error: Exception | None = None
        for address in self.guard.resolve(host, port):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last_error = exc
        raise last_error or httpcore.ConnectError(f"no address for {host}")


def _guarded_transport(guard: AddressGuard) -> httpx.HTTPTransport:
    # httpx has no public hook for the network backend, so the pool is replaced; the TLS
    # handshake still verifies the certificate against the host name, not the address.
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                              network_backend=_GuardedBackend(guard))
    return transport


@dataclass(frozen=True)
class FetchResult:
    url: str  # after redirects
    status: int  # 200, or 304 when the validators matched
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """One polite HTTP client: reuse it for every request of a run so rate limits hold."""

    def __init__(self, *, allow_private: AllowPrivate = False, min_interval: float = 1.0,
                 timeout: float = 15.0, max_bytes: int = DEFAULT_MAX_PAGE_BYTES, retries: int = 2,
                 backoff: float = 1.0, obey_robots: bool = True, user_agent: str = USER_AGENT,
                 deadline: float = FETCH_DEADLINE_S):
        self.min_interval, self.max_bytes, self.retries, self.backoff = min_interval, max_bytes, retries, backoff
        self.timeout, self.deadline = timeout, deadline
        self.obey_robots, self.user_agent = obey_robots, user_agent
        self.client = httpx.Client(transport=_guarded_transport(AddressGuard(allow_private)),
                                   timeout=timeout, headers={"User-Agent": user_agent},
                                   follow_redirects=False)
        self._next_turn: dict[str, float] = {}  # host → earliest time of its next request
        self._robots: dict[str, RobotFileParser] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET `url`, following redirects hop by hop, each hop checked like the first."""
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        ends = time.monotonic() + self.deadline
        for _ in range(MAX_REDIRECTS + 1):
            address = _web_address(url)
            if self.obey_robots and not self._robots_allow(url, ends):
                raise FetchError(f"refused by robots.txt: {url}", refused=True)
            response, content = self._request(url, headers, ends, address)
            if response.is_redirect and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status_code not in (200, 304):
                raise FetchError(f"HTTP {response.status_code} from {url}")
            return FetchResult(url, response.status_code, content, response.headers.get("content-type"),
                               response.headers.get("etag"), response.headers.get("last-modified"),
                               datetime.now(UTC).isoformat(timespec="seconds"))
        raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}")

    def _request(self, url: str, headers: dict[str, str], ends: float,
                 address: httpx.URL | None = None) -> tuple[httpx.Response, bytes]:
        """One hop, retried with exponential backoff on timeouts, resets and 429/5xx, all by `ends`;
        `address` is `url` already parsed, so that httpx need not parse it again."""
        for attempt in range(self.retries + 1):
            self._wait_turn(url)
            timeout = min(self.timeout, self._time_left(url, ends))
            try:
                with self.client.stream("GET", address or url, headers=headers, timeout=timeout) as response:
                    delay = self._retry_delay(response, attempt)
                    if (response.status_code in RETRY_STATUSES and attempt < self.retries
                            and time.monotonic() + delay < ends):
                        time.sleep(delay)
                        continue
                    return response, self._read_capped(response, url, ends)
            except httpx.TransportError as exc:
                self._time_left(url, ends)  # a read cut short by the deadline says so
                delay = self.backoff * 2**attempt
                if attempt == self.retries or time.monotonic() + delay >= ends:
                    raise FetchError(f"cannot fetch {url}: {one_line(exc)}",
                                     unreachable=isinstance(exc, httpx.ConnectError)) from exc
                time.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _time_left(self, url: str, ends: float) -> float:
        left = ends - time.monotonic()
        if left <= 0:
            raise FetchDeadline(f"{url} took longer than the {self.deadline:g} s fetch deadline")
        return left

    def _read_capped(self, response: httpx.Response, url: str, ends: float) -> bytes:
        declared = int(response.headers.get("content-length") or 0)
        too_big = FetchError(f"{url} is over the {human_size(self.max_bytes)} limit")
        if declared > self.max_bytes:
            raise too_big
        parts, size = [], 0
        for part in response.iter_bytes():
            self._time_left(url, ends)
            size += len(part)
            if size > self.max_bytes:
                raise too_big
            parts.append(part)
        return b"".join(parts)

    def _retry_delay(self, response: httpx.Response, attempt: int) -> float:
        """Retry-After when the server says (seconds or a date), capped; else exponential."""
        value = response.headers.get("retry-after", "")
        try:
            delay = float(value)
        except ValueError:
            try:
                delay = (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
            except (TypeError, ValueError):
                delay = self.backoff * 2**attempt
        return min(max(delay, 0.0), MAX_RETRY_AFTER_S)

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        now = time.monotonic()
        turn = max(now, self._next_turn.get(host, now))
        interval = self.min_interval
        robots = self._robots.get(_origin(url))
        if robots is not None:
            interval = max(interval, float(robots.crawl_delay(self.user_agent) or 0))
        self._next_turn[host] = turn + interval
        time.sleep(turn - now)

    def _robots_allow(self, url: str, ends: float) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._fetch_robots(origin, ends)
        return self._robots[origin].can_fetch(self.user_agent, url)

    def _fetch_robots(self, origin: str, ends: float) -> RobotFileParser:
        """RFC 9309: a missing robots.txt allows all; an unreachable or 5xx one disallows all."""
        robots = RobotFileParser(origin + "/robots.txt")
        try:
            response, content = self._request(origin + "/robots.txt", {}, ends)
            status = response.status_code
        except FetchError as exc:
            if exc.refused or exc.unreachable or isinstance(exc, FetchDeadline):  # the page's own fetch would fail the same way
                raise
            status = 503
        if status == 200:
            robots.parse(content.decode("utf-8", "replace").splitlines())
        elif status in (401, 403) or status >= 500:
            robots.disallow_all = True
        else:
            robots.allow_all = True
        return robots


def _web_address(url: str) -> httpx.URL:
    """The URL parsed once for its hop; one that cannot be parsed, names no host or is not
    http(s) fails with that reason."""
    try:
        address = httpx.URL(url)
        urlsplit(url)  # refuses some that httpx takes ("https://[x/"); cached for is_web_url
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"not a valid web address ({exc}): {url}") from exc
    if not address.host:
        raise FetchError(f"not a valid web address (no host name): {url}")
    if not is_web_url(url):
        raise FetchError(f"refused: not an http(s) URL: {url}", refused=True)
    return address


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def fetch_page(url: str, max_bytes: int, allow_private: AllowPrivate = False,
               fetcher: Fetcher | None = None) -> Page | Failure:
    """One URL as a Page, or a Failure saying why not; pass a Fetcher to share rate limits."""
    with nullcontext(fetcher) if fetcher else Fetcher(allow_private=allow_private,
                                                      max_bytes=max_bytes) as client:
        try:
            result = client.get(url)
        except FetchError as exc:
            return Failure(url, Stage.INGEST, str(exc))
    return Page(source=url, content=result.content, url=result.url,
                content_type=result.content_type, fetched_at=result.fetched_at)
