"""Cut an article's paragraphs into plain and quoted pieces, so templates can mark every quote.

Works on the store's ArticleDetail: `paragraphs` as (start, end) pairs and quotes whose
`content` spans are character offsets into `body`. The result is plain data; the template
does the escaping, so no HTML is ever built from article text here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.store.records import Quote

SPEAKER_COLOURS = 8  # CSS classes speaker-0 … speaker-7; unresolved speakers get "speaker-none"


@dataclass(frozen=True)
class Segment:
    text: str
    quote: int | None = None  # index into the article's quotes, None for plain text
    anchor: bool = False  # the first piece of its quote: the target of links to #q-<id>


def speaker_classes(quotes: Sequence[Quote]) -> dict[int, str]:
    """A colour class per speaker (global actor id), in order of first quote, cycling the palette."""
    classes: dict[int, str] = {}
    for quote in quotes:
        actor_id = quote.actor_id
        if actor_id is not None and actor_id not in classes:
            classes[actor_id] = f"speaker-{len(classes) % SPEAKER_COLOURS}"
    return classes


def quote_pieces(quotes: Sequence[Quote]) -> list[tuple[int, int, int]]:
    """Every content span as (start, end, quote index), ordered by start."""
    pieces = [(span.start, span.end, index) for index, quote in enumerate(quotes) for span in quote.content]
    return sorted(pieces)


def paragraph_segments(body: str, paragraphs: Sequence[Sequence[int]], quotes: Sequence[Quote]) -> list[list[Segment]]:
    """Each [start, end] paragraph as a list of segments; overlapping spans are trimmed so no text repeats."""
    pieces = quote_pieces(quotes)
    anchored: set[int] = set()
    result = []
    for paragraph_start, paragraph_end in paragraphs:
        segments: list[Segment] = []
        cursor = paragraph_start
        for start, end, index in pieces:
            start, end = max(start, cursor), min(end, paragraph_end)
            if start >= end:
                continue
            if start > cursor:
                segments.append(Segment(body[cursor:start]))
            segments.append(Segment(body[start:end], index, anchor=index not in anchored))
            anchored.add(index)
            cursor = end
        if cursor < paragraph_end:
            segments.append(Segment(body[cursor:paragraph_end]))
        result.append(segments)
    return result
