"""Direct quotes: a quoted passage plus the "Putin said" that frames it, before or after.

Only free-standing passages (at a paragraph or sentence start, or after a comma or colon) are
direct quotes; a passage inside a sentence ("called it a “disaster”") is part of a mixed quote,
left to the indirect rules. The cue is a speech verb next to the passage, a colon label
("Trump: “…”") or a dash signature ("“…” ― Albert Einstein"). A passage with no cue of its own
continues the quote just before it: “…,” Putin said. “But …” is one quote with two content
spans, as is a quote running over several paragraphs.
"""

from __future__ import annotations

import bisect
import itertools
import re

from spacy.tokens import Doc, Token

from storyline.analyze.attribution.content_model import SPEECH_VERBS
from storyline.analyze.attribution.cue_model import is_cue
from storyline.analyze.attribution.quote_marks import (QUOTE_CHARS, QuotedPassage, find_quoted_passages,
                                                       paragraph_bounds)
from storyline.analyze.attribution.speakers import nearest_name, speaker_tokens
from storyline.analyze.attribution.types import Attribution

# Characters after which a quotation mark starts a free-standing quote.
_FREE_BEFORE = set(",:;.?!—–-(\n")
# Longest label before a colon that introduces what the label's bearer said.
MAX_LABEL_TOKENS = 5
SPEAKER_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
# Marks that put a signature after a quote.
DASHES = {"—", "―", "–", "-", "--"}
# Longest stretch of text (in tokens) searched for the cue on either side of a passage.
FRAME_TOKENS = 30
# Words allowed between a quote and its continuation in the next paragraph.
MAX_WORDS_BETWEEN_PARAGRAPHS = 10


def is_free_standing(text: str, passage: QuotedPassage) -> bool:
    """A passage that starts a sentence (or follows a comma or colon) and does not run on into
    the writer's words: in “I held and hugged” grieving families, the quote is only a part."""
    before = text[: passage.start].rstrip(" \t\xa0")
    after = text[passage.end : passage.end + 2].lstrip(" ")
    runs_on = passage.inner(text)[-1:].isalnum() and after[:1].isalpha()
    return (not before or before[-1] in _FREE_BEFORE) and not runs_on


def _continues_sentence(text: str, passage: QuotedPassage, cue_after: bool) -> bool:
    """A passage after a comma that starts in lower case ("…, he said, “we've long anticipated.”")
    or has its cue after it ("Because of X, “she needs him,” Kunin said") completes a sentence
    the writer began: PolNeAR annotates the whole sentence as one mixed quote."""
    after_comma = text[: passage.start].rstrip(" \t\xa0").endswith(",")
    return after_comma and (passage.inner(text)[:1].islower() or cue_after)


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


def _colon_before_paragraph(doc: Doc, start: int) -> int:
    """Where to look back from for the cue of a quote at token `start`: the token before it, or
    the colon closing the previous paragraph ("He declared:\n\n“…”"), which introduces it."""
    i = start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i if i >= 0 and i < start - 1 and doc[i].text == ":" else start - 1


def _cue_in(frame: list[Token]) -> Token | None:
    """The speech verb in a frame closest to the quote; a lone verb with a subject also counts."""
    verbs = [tok for tok in frame
             if tok.pos_ == "VERB" and (tok.lemma_.lower() in SPEECH_VERBS or is_cue(tok))]
    if verbs:
        return verbs[0]
    if len(frame) <= 6:
        return next((tok for tok in frame if tok.pos_ == "VERB" and speaker_tokens(tok)), None)
    return None


def _colon_label(doc: Doc, before: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """"Trump: “…”" or "More from the report: “…”": the colon is the cue, the noun phrase
    before it the speaker."""
    if not before or before[0].text != ":" or len(before) > 8:
        return None
    nouns = [tok for tok in before[1:] if tok.pos_ in ("PROPN", "NOUN", "PRON")]
    if not nouns:
        return None
    head = nouns[0]
    return [before[0]], [tok for tok in before[1:] if tok.i <= head.i][::-1]


def _byline(before: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """"POLLS TOO EARLY - Mark Blumenthal: “…”" (newsletters): the name between a spaced dash and
    the colon is the speaker, whatever verbs the headline before it holds."""
    if not before or before[0].text != ":":
        return None
    dash = next((i for i, tok in enumerate(before[1:MAX_LABEL_TOKENS + 2], 1)
                 if tok.text in DASHES and tok.whitespace_), None)
    name = before[1:dash][::-1] if dash else []
    if any(tok.pos_ == "PROPN" for tok in name) and not any(tok.pos_ in ("VERB", "AUX") for tok in name):
        return [before[0]], name
    return None


def _signature(after: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """"“…” ― Sonya Herridge": a dash after the quote is the cue, the name after it the speaker."""
    if not after or after[0].text not in DASHES:
        return None
    speaker = nearest_name(after[0], after[1:6])
    return ([after[0]], speaker) if speaker else None


def _cue_phrase(doc: Doc, verb: Token) -> list[Token]:
    """The verb, plus a colon right after it ("said:"), which PolNeAR counts as part of the cue."""
    following = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return [verb, following] if following is not None and following.text == ":" else [verb]


def direct_quotes(doc: Doc) -> list[Attribution]:
    """Every direct quote of the text; a passage split by its own cue is one quote, and a passage
    with no cue of its own is returned without one, for `attach_continuations` to place."""
    text = doc.text
    passages, spans = [], []
    for passage in find_quoted_passages(text):
        span = doc.char_span(passage.start, passage.end, alignment_mode="expand")
        if span is not None and is_free_standing(text, passage):
            passages.append(passage)
            spans.append(span)
    quoted = {tok.i for span in spans for tok in span}
    attributions: list[Attribution] = []
    for passage, span in zip(passages, spans):
        after = _frame(doc, span.end, 1, quoted)
        before = _frame(doc, _colon_before_paragraph(doc, span.start), -1, quoted)
        # A quote closed by a full stop ends its sentence: what follows is not its attribution.
        ends_sentence = passage.inner(text).endswith(".")
        byline = _byline(before)
        cue = None if byline else (None if ends_sentence else _cue_in(after)) or _cue_in(before)
        content = (passage.start, passage.end)
        previous = attributions[-1] if attributions else None
        if cue is not None and previous is not None and previous.cue and cue == previous.cue[0]:
            previous.content.append(content)
        elif _continues_sentence(text, passage, cue_after=cue is not None and cue in after):
            continue  # part of a mixed quote, not one of its own
        elif cue is not None:
            anchor = next((c for c in cue.children if c.lower_ == "to"), cue) if cue.lower_ == "according" else cue
            speaker = [tok for tok in speaker_tokens(anchor, quoted) if tok.i not in quoted]
            speaker = speaker or nearest_name(cue, after if cue in after else before)
            attributions.append(Attribution([content], _cue_phrase(doc, cue), speaker))
        elif label := byline or _colon_label(doc, before) or _signature(after):
            attributions.append(Attribution([content], *label))
        else:
            attributions.append(Attribution([content]))
    return attributions


def labelled_statements(doc: Doc) -> list[Attribution]:
    """Paragraphs written as "Clinton: Time for a new strategy." or "RAMOS: Did you lie?"
    (headlines, transcripts): the short label naming someone speaks the rest of the paragraph."""
    attributions, text = [], doc.text
    for start, end in paragraph_bounds(text):
        paragraph = doc.char_span(start, end, alignment_mode="expand")
        if paragraph is None:
            continue
        colon = next((tok for tok in paragraph[:MAX_LABEL_TOKENS + 1] if tok.text == ":"), None)
        if colon is None or colon.i == paragraph.start:
            continue
        label = list(doc[paragraph.start : colon.i])
        rest = text[colon.idx + 1 : end].strip().rstrip(".")
        # "Q:" and "A:" mark turns of an interview without naming anyone; "DEAR ABBY:" greets.
        names_someone = any(tok.ent_type_ in SPEAKER_ENTITIES or (tok.is_alpha and tok.is_upper and len(tok) > 1)
                            for tok in label) and label[0].lower_ != "dear"
        has_verb = any(tok.pos_ in ("VERB", "AUX") for tok in label)
        if not names_someone or has_verb or not rest or rest[0] in QUOTE_CHARS:
            continue  # a quoted passage after the colon is a direct quote, found above
        content_start = text.index(rest, colon.idx + 1)
        attributions.append(Attribution([(content_start, content_start + len(rest))], [colon], label))
    return attributions


def attach_continuations(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """Join each cue-less passage to the attribution just before it (see `_may_continue`); one
    with nothing to join is dropped: a quote nobody is said to have said tells no one anything."""
    para_starts = [start for start, _ in paragraph_bounds(text)]

    def paragraph(offset: int) -> int:
        return bisect.bisect_right(para_starts, offset) - 1

    kept: list[Attribution] = []
    for attribution in sorted(attributions, key=lambda a: a.content[0][0]):
        if attribution.cue:
            kept.append(attribution)
            continue
        start, end = attribution.content[0]
        near = [a for a in kept if a.cue and a.content[-1][1] <= start
                and _may_continue(text, a, start, paragraph)]
        # A direct quote nearby is the likelier owner than reported speech in between.
        direct = [a for a in near if text[a.content[0][0]] in QUOTE_CHARS]
        previous = max(direct or near, key=lambda a: a.content[-1][1], default=None)
        if previous is not None:
            previous.content.append((start, end))
    return kept


def _may_continue(text: str, previous: Attribution, start: int, paragraph) -> bool:
    """A passage continues a quote in its own paragraph, or in the previous one when little more
    than the attribution stands between them ("…,” she said." however long her title): after
    more of the writer's own words, PolNeAR annotators mostly started a new attribution."""
    previous_end = previous.content[-1][1]
    gap = paragraph(start) - paragraph(previous_end)
    if gap != 1:
        return gap == 0
    # Counted only as far as the rules look: each passage is weighed against many quotes.
    between = text[previous_end:start]
    only_attribution = previous_end <= previous.cue[0].idx and _matches(SENTENCE_END, between, 2) <= 1
    few_words = _matches(WORD, between, MAX_WORDS_BETWEEN_PARAGRAPHS + 1) <= MAX_WORDS_BETWEEN_PARAGRAPHS
    return few_words or only_attribution


SENTENCE_END = re.compile(r"[.!?](?=\s)")
WORD = re.compile(r"\w+")


def _matches(pattern: re.Pattern, text: str, limit: int) -> int:
    """How many times `pattern` occurs in `text`, counting no further than `limit`."""
    return sum(1 for _ in itertools.islice(pattern.finditer(text), limit))
