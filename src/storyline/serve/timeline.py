"""Geometry for the server-rendered SVG timeline of quotes per day (no chart library, no JS).

Counts are bucketed per day; a story spanning months falls back to weeks, then months, so
the chart stays readable at phone width. The template draws the bars and labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH, HEIGHT = 640, 140  # viewBox units; the SVG scales to its container
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 2, 2, 6  # labels are HTML under the chart: readable at any width
MAX_DAILY_BARS, MAX_WEEKLY_BARS = 92, 104
MAX_BAR_WIDTH = 36  # a lone bar stays a bar, not a block
MIN_DAYS = 7  # a story of a day or two is shown within its week


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "2025-03-13", "week of 2025-03-10" or "2025-03"
    count: int


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    unit: str  # "day", "week" or "month"
    peak: int
    first: str
    last: str
    undated: int
    width: int = WIDTH
    height: int = HEIGHT
    left: int = MARGIN_LEFT
    baseline: int = HEIGHT - MARGIN_BOTTOM


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or datetime, or None when missing or malformed."""
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _bucket(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _next(bucket: date, unit: str) -> date:
    if unit == "week":
        return bucket + timedelta(days=7)
    if unit == "month":
        return (bucket + timedelta(days=32)).replace(day=1)
    return bucket + timedelta(days=1)


def _label(bucket: date, unit: str) -> str:
    if unit == "week":
        return f"week of {bucket.isoformat()}"
    if unit == "month":
        return bucket.isoformat()[:7]
    return bucket.isoformat()


def quote_timeline(dates: Iterable[str | None]) -> Timeline | None:
    """Bars for quotes per day (or week, or month) from each quote's date; None if none is dated."""
    values = list(dates)
    days = [day for day in (parse_day(value) for value in values) if day]
    if not days:
        return None
    first, last = min(days), max(days)
    span = (last - first).days + 1
    if span < MIN_DAYS:
        first -= timedelta(days=(MIN_DAYS - span) // 2)
        last = first + timedelta(days=MIN_DAYS - 1)
        span = MIN_DAYS
    unit = "day" if span <= MAX_DAILY_BARS else "week" if span <= MAX_WEEKLY_BARS * 7 else "month"
    counts = Counter(_bucket(day, unit) for day in days)
    buckets = []
    bucket = _bucket(first, unit)
    while bucket <= last:
        buckets.append(bucket)
        bucket = _next(bucket, unit)
    peak = max(counts.values())
    plot_width = WIDTH - MARGIN_LEFT
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = plot_width / len(buckets)
    bars = []
    bar_width = min(max(slot * 0.8, 1), MAX_BAR_WIDTH)
    for position, bucket in enumerate(buckets):
        count = counts.get(bucket, 0)
        height = plot_height * count / peak
        bars.append(Bar(
            x=round(MARGIN_LEFT + position * slot + (slot - bar_width) / 2, 2),
            y=round(HEIGHT - MARGIN_BOTTOM - height, 2),
            width=round(bar_width, 2),
            height=round(height, 2),
            label=_label(bucket, unit),
            count=count,
        ))
    return Timeline(bars, unit, peak, _label(buckets[0], unit), _label(buckets[-1], unit),
                    undated=len(values) - len(days))
