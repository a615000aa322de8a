"""A long body is analysed in chunks of whole paragraphs, so memory and time stay bounded.

spaCy refuses texts over a million characters, and a Doc's memory, like the cost of the
article-wide steps (actor merging, pronoun antecedents), grows with the text. A news article
fits in one chunk and is analysed as before; a longer body (a transcript, a report, a page
that is one wall of text) is cut at paragraph breaks, else at a space, and the facts of every
chunk are joined with their offsets moved back into the body. Actors merge across chunks by
name and type. Beyond MAX_ANALYSED_CHARS the text is stored but not analysed, and the
article's status says so.
"""

from __future__ import annotations

from storyline.model import Actor, AnalysedArticle, Mention, Quote, Span

# Several times a long-form feature; a chunk's Doc stays a few hundred MB at most.
CHUNK_CHARS = 50_000
# What one page may cost in analysis: twice a long read, about 15 s of spaCy on a busy core.
MAX_ANALYSED_CHARS = 100_000


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks of at most `size` characters covering `text`, cut
    after a line break when there is one, else after a space, else anywhere."""
    bounds, start = [], 0
    while len(text) - start > size:
        limit = start + size
        cut = text.rfind("\n", start, limit)
        if cut <= start:
            cut = max(text.rfind(" ", start, limit), text.rfind("\t", start, limit))
        end = cut + 1 if cut > start else limit
        bounds.append((start, end))
        start = end
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


class ChunkMerger:
    """Collects each chunk's actors, mentions and quotes with offsets into the whole body."""

    def __init__(self) -> None:
        self.actors: list[Actor] = []
        self.mentions: list[Mention] = []
        self.quotes: list[Quote] = []
        self._index: dict[tuple[str, str], int] = {}  # actors of earlier chunks by name and type
        self._pending: dict[tuple[str, str], int] = {}  # the current chunk's

    def add(self, offset: int, actors: list[Actor], mentions: list[Mention], quotes: list[Quote]) -> None:
        """One chunk's facts; an actor already found in an earlier chunk is that actor again."""
        if offset == 0:  # the first chunk (a news article's only one): its facts stand as they are
            self.actors, self.mentions, self.quotes = list(actors), list(mentions), list(quotes)
            for index, actor in enumerate(actors):
                self._index.setdefault((actor.name, actor.type), index)
            return
        moved = [self._actor_index(actor) for actor in actors]
        self._index.update((key, index) for key, index in self._pending.items() if key not in self._index)
        self._pending.clear()
        self.mentions += [Mention(moved[m.actor], m.start + offset, m.end + offset, m.text) for m in mentions]
        for quote in quotes:
            self.quotes.append(Quote(
                kind=quote.kind, text=quote.text, content=[_moved(span, offset) for span in quote.content],
                cue=_moved(quote.cue, offset), speaker=_moved(quote.speaker, offset),
                speaker_actor=None if quote.speaker_actor is None else moved[quote.speaker_actor]))

    def _actor_index(self, actor: Actor) -> int:
        key = (actor.name, actor.type)
        if key not in self._index:  # new to the article (the chunk's own actors stay apart)
            self._pending.setdefault(key, len(self.actors))
            self.actors.append(actor)
            return len(self.actors) - 1
        known = self.actors[self._index[key]]
        known.aliases += [alias for alias in actor.aliases if alias not in known.aliases]
        known.roles += [role for role in actor.roles if role not in known.roles]
        return self._index[key]

    def result(self, analysed: AnalysedArticle) -> AnalysedArticle:
        analysed.actors, analysed.mentions, analysed.quotes = self.actors, self.mentions, self.quotes
        return analysed


def _moved(span: Span | None, offset: int) -> Span | None:
    return None if span is None else Span(span.start + offset, span.end + offset, span.text)
