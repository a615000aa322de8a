"""How well an article fits a story, and whether it joins it: a few named, interpretable weights.

The fit is a weighted mean of four cosines between the article and the story's centroid,
each over TF-IDF vectors with the store's document frequencies as they are when the article
arrives: the body's words, the actors' names, the lead's words (the body's first ones, where a
report says which event it is about: two events of one kind share a body's vocabulary more
than their leads do), and the headlines (counted only when both sides have one). When both the
article and the story carry publication dates, the fit decays with the days between the
article and the story's dated span. An undated article is not
decayed by the time it was stored: a store filled from an archive would otherwise split every
story between its dated and its undated articles (stored time still orders and lists stories).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from .features import FIELDS, ArticleFeatures, sublinear, unit_vector

# The weight of each field's cosine in the fit.
WEIGHTS = {"body": 0.35, "actors": 0.3, "lead": 0.2, "title": 0.15}
# An article joins the best story whose fit reaches this; below it, it starts a new one.
JOIN_AT = 0.25
# An article that fits a second story this well bridges the two: they merge.
MERGE_AT = 0.5
# Dated articles: no decay within this many days of the story's span, then a half-life.
GRACE_DAYS = 7.0
HALF_LIFE_DAYS = 30.0
# A story's centroid keeps this many terms per field (its heaviest): a bounded row per story.
CENTROID_TERMS = 400


@dataclass
class StoryState:
    """A story as matching needs it: centroid term weights per field and its dated span."""

    id: int
    centroid: dict[str, dict[str, float]] = field(default_factory=lambda: {f: {} for f in FIELDS})
    # Each field's TF-IDF length, with the document frequencies of when the story last changed:
    # a fit then needs the frequencies of the article's own terms only.
    norms: dict[str, float] = field(default_factory=dict)
    # The idf each centroid term had when an article last brought it: lengths are refreshed from
    # it and the new article's terms, never by reading every centroid term's frequency.
    term_idf: dict[str, float] = field(default_factory=dict)
    first_published: str | None = None
    last_published: str | None = None
    size: int = 0

    def add(self, features: ArticleFeatures, published: str | None) -> None:
        """Fold an article in: each article adds its sublinear term frequencies."""
        for name in FIELDS:
            self.centroid[name] = _heaviest(Counter(self.centroid.get(name, {})) + Counter(sublinear(features.counts[name])))
        if published:
            self.first_published = min(filter(None, (self.first_published, published)))
            self.last_published = max(filter(None, (self.last_published, published)))
        self.size += 1

    def refresh_norms(self, features: ArticleFeatures, idf) -> None:
        """Lengths after `features` joined: its terms at today's idf, the others at their last."""
        remembered = {**self.term_idf, **{term: idf(term) for term in features.terms()}}
        kept = {t for name in FIELDS for t in self.centroid.get(name, {})}
        self.term_idf = {t: remembered.get(t) or idf(t) for t in kept}
        self.norms = {name: math.sqrt(sum((w * self.term_idf[t]) ** 2 for t, w in self.centroid.get(name, {}).items()))
                      for name in FIELDS}

    def remove(self, features: ArticleFeatures) -> None:
        """Take an article out (a split moved it): its sublinear term frequencies leave the centroid."""
        for name in FIELDS:
            left = Counter(self.centroid.get(name, {}))
            left.subtract(sublinear(features.counts[name]))
            self.centroid[name] = {t: w for t, w in left.items() if w > 1e-9}
        self.size -= 1

    def absorb(self, other: StoryState) -> None:
        """Merge another story's centroid and span into this one."""
        for name in FIELDS:
            self.centroid[name] = _heaviest(Counter(self.centroid.get(name, {})) + Counter(other.centroid.get(name, {})))
        dates = [d for d in (self.first_published, self.last_published, other.first_published,
                             other.last_published) if d]
        self.first_published, self.last_published = (min(dates), max(dates)) if dates else (None, None)
        self.size += other.size
        self.term_idf = {**other.term_idf, **self.term_idf}


def _heaviest(sums: Counter) -> dict[str, float]:
    return dict(sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS])


def article_vectors(features: ArticleFeatures, idf) -> dict[str, dict[str, float]]:
    return {name: unit_vector(sublinear(features.counts[name]), idf) for name in FIELDS}


def fit(vectors: dict[str, dict[str, float]], story: StoryState, idf, published: str | None) -> float:
    """The weighted mean of the field cosines both sides have, times the time decay."""
    total = weight = 0.0
    for name, w in WEIGHTS.items():
        mine, theirs, norm = vectors[name], story.centroid.get(name), story.norms.get(name)
        if not mine or not theirs or not norm:
            continue
        # shared terms only: the others add exactly 0.0, and idf is not computed for them
        total += w * sum(v * theirs[t] * idf(t) for t, v in mine.items() if t in theirs) / norm
        weight += w
    return (total / weight if weight else 0.0) * time_decay(published, story)


def similarity(a: dict[str, dict[str, float]], b: dict[str, dict[str, float]]) -> float:
    """Two articles' unit vectors compared as an article is with a story: the weighted mean of the
    field cosines both sides have."""
    total = weight = 0.0
    for name, w in WEIGHTS.items():
        mine, theirs = a[name], b[name]
        if mine and theirs:
            if len(mine) > len(theirs):
                mine, theirs = theirs, mine
            total += w * sum(v * theirs.get(t, 0.0) for t, v in mine.items())
            weight += w
    return total / weight if weight else 0.0


def time_decay(published: str | None, story: StoryState) -> float:
    """1 within the grace days of the story's dated span, halving every HALF_LIFE_DAYS beyond."""
    if not published or not story.first_published:
        return 1.0
    day, first, last = (_day(d) for d in (published, story.first_published, story.last_published))
    if day is None or first is None or last is None:
        return 1.0
    gap = max(first - day, day - last, 0.0) - GRACE_DAYS
    return 0.5 ** (gap / HALF_LIFE_DAYS) if gap > 0 else 1.0


def _day(iso: str) -> float | None:
    """Days since the epoch of an ISO 8601 date or datetime (its date part); None for January 1st,
    which is what date extraction gives when a page names only a year."""
    if iso[4:10] == "-01-01":
        return None
    try:
        return datetime.fromisoformat(iso[:10]).timestamp() / 86400
    except ValueError:
        return None
