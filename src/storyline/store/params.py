"""Checks on the parameters of read queries, so every driver reports bad input the same way."""

from __future__ import annotations

from datetime import date, datetime

from storyline.model import QUOTE_KINDS

MAX_LIMIT = 1000
MAX_INT = 2**31 - 1  # ids and offsets fit a Postgres integer


class InvalidQuery(ValueError):
    """A parameter a caller got wrong; the message says what and how to fix it."""


class SearchTooSlow(InvalidQuery):
    """A search stopped at its time limit (Store.search_time_limit_s)."""


def check_no_nul(*values: object) -> None:
    """Postgres cannot store NUL and FTS5 cannot parse it: refuse it the same way on both."""
    if any(isinstance(v, str) and "\x00" in v for v in values):
        raise InvalidQuery("parameters cannot contain NUL characters")


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if not 0 <= offset <= MAX_INT:
        raise InvalidQuery(f"offset must be between 0 and {MAX_INT}, got {offset}")


def check_kind(kind: str | None) -> None:
    if kind is not None and kind not in QUOTE_KINDS:
        raise InvalidQuery(f"kind must be one of {', '.join(QUOTE_KINDS)}, got {kind!r}")


def date_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """ISO dates or datetimes as text bounds on `published`; a date-only `until` covers its whole day."""
    for name, value in (("since", since), ("until", until)):
        if value is not None and not _is_iso(value):
            raise InvalidQuery(f"{name} must be an ISO 8601 date like 2024-03-01, got {value!r}")
    if until is not None and len(until) == 10:
        until += "~"  # '~' sorts after 'T' and digits: every time on that day is <= it
    return since, until


def _is_iso(value: str) -> bool:
    try:
        (date if len(value) == 10 else datetime).fromisoformat(value)
    except ValueError:
        return False
    return True
