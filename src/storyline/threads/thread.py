"""Quote threads: every version of one quote across outlets, and who reported it first.

Links join quotes in pairs; a thread is a connected group of them (a trimmed copy of a trimmed
copy is still the same quote). The first report is the earliest publication time; quotes with
none (or one that does not parse) come after dated ones, in the order they were stored.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from storyline.threads.groups import Groups
from storyline.threads.links import QuoteLink

UNKNOWN = (2, 0.0, 0)  # a linked quote with no appearance given sorts last


@dataclass(frozen=True)
class Appearance:
    """One quote where it appeared: its id, and when (ISO 8601 publication time, if known)."""

    quote_id: Hashable
    published: str | None = None
    stored: int = 0  # the order it was stored in: the tie-break, and the clock when undated


@dataclass(frozen=True)
class QuoteThread:
    quotes: tuple[Hashable, ...]  # in order of appearance, first report first
    first_report: Hashable


def quote_threads(appearances: Sequence[Appearance],
                  links: Iterable[tuple[Hashable, Hashable, QuoteLink]]) -> list[QuoteThread]:
    """Group linked quotes into threads (quotes with no link stay out), earliest thread first."""
    linked = Groups()
    for a, b, _ in links:
        linked.join(a, b)
    when = {a.quote_id: appearance_order(a.published, a.stored) for a in appearances}
    threads = [sorted(group, key=lambda q: when.get(q, UNKNOWN)) for group in linked.groups()]
    threads.sort(key=lambda group: when.get(group[0], UNKNOWN))
    return [QuoteThread(tuple(group), group[0]) for group in threads]


def appearance_order(published: str | None, stored: int) -> tuple[int, float, int]:
    """The sort key of "who was first": dated before undated; dates compared as instants
    ("…+02:00" vs "…Z"), naive ones as UTC; the order stored breaks ties and orders the undated."""
    try:
        moment = datetime.fromisoformat(published or "")
    except ValueError:
        return (1, 0.0, stored)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return (0, moment.timestamp(), stored)
