"""A story's centroid, field lengths and remembered idf packed in one binary value.

Scoring a new article reads the centroids of up to ten candidate stories; as JSON (about 1,200
terms each once stories grow) decoding them was a quarter of the step and grew with the store.
Packed, the terms are one newline-joined text and the numbers little-endian doubles (so every
value reads back exactly), and candidates skip the idf part, which only the joined story needs.

Layout: field count and text length (two uint32), the term count of each field (uint32 each),
the text (field names, then every field's terms), the weights, the idf of each term as stored
beside it, then each field's length.
"""

from __future__ import annotations

import struct

Centroid = dict[str, dict[str, float]]
_HEAD = struct.Struct("<II")


def pack(centroid: Centroid, norms: dict[str, float], term_idf: dict[str, float]) -> bytes:
    """One value for the row; every centroid term needs its idf in `term_idf`."""
    names = list(centroid)
    terms = [term for name in names for term in centroid[name]]
    if any("\n" in term for term in names + terms):
        raise ValueError("a story term holds a newline")
    text = "\n".join(names + terms).encode("utf-8")
    weights = [weight for name in names for weight in centroid[name].values()]
    return b"".join((_HEAD.pack(len(names), len(text)), struct.pack(f"<{len(names)}I", *map(len, centroid.values())),
                     text, struct.pack(f"<{2 * len(terms) + len(names)}d", *weights,
                                       *(term_idf[term] for term in terms), *(norms.get(n, 0.0) for n in names))))


def _read(blob: bytes) -> tuple[list[str], list[int], list[str], int]:
    fields, length = _HEAD.unpack_from(blob)
    counts = struct.unpack_from(f"<{fields}I", blob, _HEAD.size)
    start = _HEAD.size + 4 * fields
    words = bytes(blob[start:start + length]).decode("utf-8").split("\n") if fields else []
    return words[:fields], list(counts), words[fields:], start + length


def unpack(blob: bytes | None) -> tuple[Centroid, dict[str, float]]:
    """The centroid and field lengths (empty for a story with no article yet, or merged away)."""
    if not blob:
        return {}, {}
    names, counts, terms, at = _read(blob)
    weights = struct.unpack_from(f"<{len(terms)}d", blob, at)
    centroid, first = {}, 0
    for name, count in zip(names, counts):
        centroid[name] = dict(zip(terms[first:first + count], weights[first:first + count]))
        first += count
    return centroid, dict(zip(names, struct.unpack_from(f"<{len(names)}d", blob, at + 16 * len(terms))))


def unpack_idf(blob: bytes | None) -> dict[str, float]:
    """Each centroid term's remembered idf."""
    if not blob:
        return {}
    _, _, terms, at = _read(blob)
    return dict(zip(terms, struct.unpack_from(f"<{len(terms)}d", blob, at + 8 * len(terms))))
