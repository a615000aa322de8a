"""Wire copy: article bodies that are copies of one another, and whose reporting a story holds.

A reprint keeps most of the agency's five-word runs even when the outlet cuts the end, adds a
paragraph or rewrites the headline, so bodies are compared as sets of word 5-shingles.
datasketch's MinHash estimates their overlap from 128 hashes; the hashes cut into 32 bands of
4 give band keys a store can index (two bodies sharing any band key are candidates: near
certain from Jaccard 0.6, rare below 0.3), and candidates are confirmed on the exact shingles:
the shorter body must have most of its shingles in the longer one.
"""

from __future__ import annotations

import struct
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.threads.agencies import credited_agency, is_agency_outlet
from storyline.threads.candidates import key64
from storyline.threads.groups import Groups
from storyline.threads.thread import appearance_order
from storyline.threads.words import WORD, normalise

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS, ROWS = 32, 4
MIN_CONTAINED = 0.7  # share of the shorter body's shingles found in the longer one
MIN_SHINGLES = 20  # bodies shorter than this (a caption, a stub) are not grouped


@dataclass(frozen=True)
class WireArticle:
    """What wire detection needs of one stored article."""

    article_id: Hashable
    outlet: str  # site name or host
    body: str
    authors: tuple[str, ...] = ()
    published: str | None = None


@dataclass(frozen=True)
class WireReport:
    outlets: int  # outlets that ran the story
    own_reporting: int  # outlets with an article that is neither a copy nor an agency's credited
    # copy run by someone else (the agency's own site counts as its own reporting)
    copies: tuple[tuple[Hashable, ...], ...]  # groups of near-duplicate bodies, earliest first
    agency: dict[Hashable, str]  # article id → credited agency


def shingles(body: str) -> set[str]:
    tokens = [normalise(m.group()) for m in WORD.finditer(body)]
    return {" ".join(tokens[n : n + SHINGLE_WORDS]) for n in range(len(tokens) - SHINGLE_WORDS + 1)}


def shingle_keys(body_shingles: set[str]) -> set[int]:
    """The shingles as 64-bit keys: what a store keeps per body, so that a candidate body is
    compared without being read and shingled again (two shingles sharing a key: ~1 in 10^13)."""
    return {key64(s.encode()) for s in body_shingles}


def pack_keys(keys: set[int]) -> bytes:
    return struct.pack(f"<{len(keys)}q", *sorted(keys))


def unpack_keys(packed: bytes) -> set[int]:
    return set(struct.unpack(f"<{len(packed) // 8}q", packed))


def band_keys(body_shingles: set[str]) -> list[int]:
    """The LSH band keys of a body (signed 64-bit, band number mixed in): what a store indexes."""
    # imported here: the package imports scipy (seconds), which no ingest worker importing the pipeline needs
    from datasketch import MinHash

    sketch = MinHash(num_perm=PERMUTATIONS, **_scheme())
    sketch.update_batch([s.encode() for s in body_shingles])
    keys = []
    for band in range(BANDS):
        rows = sketch.hashvalues[band * ROWS : (band + 1) * ROWS]
        keys.append(key64(band.to_bytes(2, "big") + rows.tobytes()))
    return keys


@lru_cache(maxsize=1)
def _scheme() -> dict:
    """datasketch's default permutations for PERMUTATIONS hashes and their scheme: drawn once,
    not per body (drawing them was a third of band_keys' time); the same keys either way."""
    from datasketch import MinHash

    default = MinHash(num_perm=PERMUTATIONS)
    return {"permutations": default.permutations, "scheme": default.scheme}


def near_duplicates(a: set, b: set) -> bool:
    """Is most of the shorter body in the longer one? (Sets of shingles, or of their keys.)"""
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= MIN_SHINGLES and len(shorter & longer) >= MIN_CONTAINED * len(shorter)


def copy_groups(bodies: dict[Hashable, set[str]]) -> list[list[Hashable]]:
    """Groups of articles whose bodies are near-duplicates (candidates by band key, then confirmed)."""
    by_key: dict[int, list[Hashable]] = defaultdict(list)
    for article_id, body in bodies.items():
        if len(body) >= MIN_SHINGLES:
            for key in band_keys(body):
                by_key[key].append(article_id)
    copies = Groups(bodies)
    for ids in by_key.values():
        for n, a in enumerate(ids):
            for b in ids[n + 1 :]:
                if not copies.joined(a, b) and near_duplicates(bodies[a], bodies[b]):
                    copies.join(a, b)
    return copies.groups()


def wire_report(articles: Sequence[WireArticle]) -> WireReport:
    """"12 outlets, 4 with their own reporting": copies and agency credits across a story's articles."""
    groups = copy_groups({a.article_id: shingles(a.body) for a in articles})
    agency = {a.article_id: found for a in articles if (found := credited_agency(a.body, a.authors))}
    return copies_report(articles, groups, agency)


def copies_report(articles: Sequence[WireArticle], groups: Sequence[Sequence[Hashable]],
                  agency: dict[Hashable, str]) -> WireReport:
    """The report of copy groups and agency credits already found (a store keeps both): each
    group's original is its earliest article by publication instant, else first listed."""
    order = {a.article_id: appearance_order(a.published, n) for n, a in enumerate(articles)}
    groups = [sorted(g, key=order.__getitem__) for g in groups if len(g) > 1]
    copied = {article_id for group in groups for article_id in group[1:]}
    reprints = {a.article_id for a in articles
                if a.article_id in agency and not is_agency_outlet(a.outlet, agency[a.article_id])}
    own = {a.outlet for a in articles if a.article_id not in copied and a.article_id not in reprints}
    return WireReport(len({a.outlet for a in articles}), len(own),
                      tuple(tuple(g) for g in sorted(groups, key=lambda g: order[g[0]])),
                      {a.article_id: agency[a.article_id] for a in articles if a.article_id in agency})
