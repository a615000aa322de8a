"""Keys that find a quote's other versions among millions without comparing it to each.

A trimmed or elided copy shares a *part* of its original, so similarity of whole quotes
(MinHash-LSH, which estimates Jaccard) misses a short cut of a long quote. Winnowing (Schleimer,
Wilkerson and Aiken, SIGMOD 2003; the fingerprints of MOSS) picks, in every window of W word
shingles, the one with the smallest hash: any run of W + K - 1 = 5 words two quotes share gives
both the same key. Keys are signed 64-bit integers a store indexes as (key, quote id) rows; a
new quote's candidates are the quotes that share most keys of the shorter of the two (one stock
phrase is not enough), and a key held by very many quotes ("thank you very much") is skipped:
the look-up stays flat as the store grows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from hashlib import blake2b

from storyline.threads.words import quoted_text, words

SHINGLE_WORDS = 3  # K
WINDOW = 2  # W: shared runs of K + W - 1 = 4 words always share a key
MAX_POSTINGS = 200  # a key held by more quotes than this says nothing about any one of them
# A copy of a quote, however cut, shares most of the keys of the shorter of the two; a stock
# phrase ("the American people") shares one or two of many.
MIN_KEY_CONTAINMENT = 0.25


def quote_keys(text: str, kind: str = "direct") -> set[int]:
    """The winnowed shingle keys of a quote's words in quotation marks."""
    tokens = [w.text for w in words(quoted_text(text, kind))]
    hashes = [key64(" ".join(tokens[n : n + SHINGLE_WORDS]).encode())
              for n in range(max(1, len(tokens) - SHINGLE_WORDS + 1))] if tokens else []
    if len(hashes) <= WINDOW:
        return set(hashes)
    return {min(hashes[n : n + WINDOW]) for n in range(len(hashes) - WINDOW + 1)}


def key64(data: bytes) -> int:
    """A stable signed 64-bit key of some bytes: what a store's BIGINT key column holds."""
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "big", signed=True)


class KeyIndex:
    """An in-memory (key → quote ids) index: what a store table does, for batches and benchmarks."""

    def __init__(self, max_postings: int = MAX_POSTINGS):
        self.postings: dict[int, list[Hashable]] = defaultdict(list)
        self.key_counts: dict[Hashable, int] = {}  # a store keeps this beside the quote
        self.max_postings = max_postings

    def add(self, quote_id: Hashable, keys: set[int]) -> None:
        self.key_counts[quote_id] = len(keys)
        for key in keys:
            self.postings[key].append(quote_id)

    def candidates(self, keys: set[int]) -> list[Hashable]:
        """Quote ids holding most of the keys of the shorter quote, most shared first;
        over-full keys are skipped."""
        counts: Counter = Counter()
        for key in keys:
            held = self.postings.get(key, ())
            if len(held) <= self.max_postings:
                counts.update(held)
        return [quote_id for quote_id, shared in counts.most_common()
                if shared >= MIN_KEY_CONTAINMENT * min(len(keys), self.key_counts[quote_id])]
