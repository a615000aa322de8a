"""Direct quotes: a quoted passage plus the "Putin said" that frames it, before or after.

Only free-standing passages (at a paragraph or sentence start, or after a comma or colon) are
direct quotes; a passage inside a sentence ("called it a “disaster”") is part of a mixed quote,
left to the indirect rules. A passage with no cue of its own continues the quote before it
when that quote is in the same or the previous paragraph: “…,” Putin said. “But …” is one
quote with two content spans, as is a quote running over several paragraphs.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storyline.analyze.cues import SPEECH_VERBS
from storyline.analyze.quote_marks import QuotedPassage, find_quoted_passages, paragraph_bounds, word_count
from storyline.analyze.speakers import speaker_tokens

# Characters after which a quotation mark starts a free-standing quote.
_FREE_BEFORE = set(",:;.?!—–-(\n")
# Longest stretch of text (in tokens) searched for the cue on either side of a passage.
FRAME_TOKENS = 30
# A passage with no cue and no quote before it is still kept when it is at least this long.
MIN_ORPHAN_WORDS = 8


@dataclass
class Attribution:
    """One attribution under construction: content spans, cue tokens and speaker tokens."""

    content: list[tuple[int, int]]
    cue: list[Token] = field(default_factory=list)
    speaker: list[Token] = field(default_factory=list)


def is_free_standing(text: str, passage: QuotedPassage) -> bool:
    before = text[: passage.start].rstrip(" \t")
    return not before or before[-1] in _FREE_BEFORE or word_count(passage.inner(text)) >= 12


def _frame(doc: Doc, first: int, step: int, quoted: set[int]) -> list[Token]:
    """Tokens from `first` walking by `step` until a sentence end, a line break or another quote."""
    tokens = []
    i = first
    while 0 <= i < len(doc) and len(tokens) < FRAME_TOKENS:
        token = doc[i]
        if i in quoted or "\n" in token.text or token.text in (".", "?", "!"):
            break
        tokens.append(token)
        i += step
    return tokens


def _cue_in(frame: list[Token]) -> Token | None:
    """The speech verb in a frame closest to the quote; a lone verb with a subject also counts."""
    verbs = [tok for tok in frame if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS]
    if verbs:
        return verbs[0]
    if len(frame) <= 6:
        return next((tok for tok in frame if tok.pos_ == "VERB" and speaker_tokens(tok)), None)
    return None


def _cue_phrase(doc: Doc, verb: Token) -> list[Token]:
    """The verb, plus a colon right after it ("said:"), which PolNeAR counts as part of the cue."""
    following = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return [verb, following] if following is not None and following.text == ":" else [verb]


def direct_quotes(doc: Doc) -> list[Attribution]:
    """Every direct quote of the text, with continuation passages merged into their quote."""
    text = doc.text
    passages = [p for p in find_quoted_passages(text) if is_free_standing(text, p)]
    spans = [doc.char_span(p.start, p.end, alignment_mode="expand") for p in passages]
    quoted = {tok.i for span in spans if span is not None for tok in span}
    para_starts = [start for start, _ in paragraph_bounds(text)]
    attributions: list[Attribution] = []
    last_para = -10
    for passage, span in zip(passages, spans):
        if span is None:
            continue
        para = bisect.bisect_right(para_starts, passage.start) - 1
        after = _frame(doc, span.end, 1, quoted)
        before = _frame(doc, span.start - 1, -1, quoted)
        cue = _cue_in(after) or _cue_in(before)
        content = (passage.start, passage.end)
        previous = attributions[-1] if attributions else None
        if previous is not None and previous.cue and (cue is None or cue == previous.cue[0]) and para - last_para <= 1:
            previous.content.append(content)
        elif cue is not None:
            speaker = [tok for tok in speaker_tokens(cue) if tok.i not in quoted]
            attributions.append(Attribution([content], _cue_phrase(doc, cue), speaker))
        elif word_count(passage.inner(text)) >= MIN_ORPHAN_WORDS:
            attributions.append(Attribution([content]))
        else:
            continue
        last_para = para
    return attributions
