"""A short summary: the page's own standfirst when it has one, else the article's lead.

News leads carry the story by design, so the first one to three real sentences (up to about
60 words) make an honest extractive summary. Bylines, datelines, photo credits and a repeated
headline are not sentences of the story and are skipped.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from storyline.model import Article

MAX_WORDS = 60
ENOUGH_WORDS = 35  # stop adding sentences once the lead says this much
MAX_SENTENCES = 3
MIN_WORDS = 5
# "By Jane Smith", "Updated 5:32 pm", "Photo: AP" — but not a lead that starts "By the end of…".
BYLINE = re.compile(r"^\s*(?:(?:By|BY)\s+[A-Z]|(?i:photo|image|credit|updated|published|posted)\b)")
# "WASHINGTON (Reuters) -", "MOSCOW, March 13 (AP) —", "LONDON —": capitals then a dash.
DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'’]{2,}(?:,[^—–\n]{0,30}?)?\s*(?:\([^)]{1,30}\))?\s*(?:[—–]|\s-)\s*")


def summarize(article: Article, doc: Doc) -> str | None:
    """The standfirst if the page gives one, else an extractive lead; None for an empty body."""
    if article.standfirst and article.standfirst.strip():
        return article.standfirst.strip()
    lead: list[str] = []
    words = 0
    for sentence in _lines_of_sentences(doc):
        text = _story_text(sentence, article.title)
        if text is None:
            continue
        count = len(text.split())
        if lead and words + count > MAX_WORDS:
            break
        lead.append(text)
        words += count
        if words >= ENOUGH_WORDS or len(lead) == MAX_SENTENCES:
            break
    summary = " ".join(lead).split()
    if len(summary) > MAX_WORDS:  # one run-on first sentence
        return " ".join(summary[:MAX_WORDS]).rstrip(",;:") + "…"
    return " ".join(summary) or None


def _lines_of_sentences(doc: Doc):
    """Sentences cut at line breaks: the parser runs a byline or a headline into the lead."""
    for sentence in doc.sents:
        start = sentence.start
        for token in sentence:
            if "\n" in token.text or "\n" in token.whitespace_:
                end = token.i if token.is_space else token.i + 1
                if end > start:
                    yield doc[start:end]
                start = token.i + 1
        if start < sentence.end:
            yield doc[start:sentence.end]


def _story_text(sentence: Span, title: str | None) -> str | None:
    """The sentence without a leading dateline, or None if it is not part of the story."""
    text = " ".join(sentence.text.split())
    if BYLINE.match(text) or (title and _within(text, title)):
        return None
    text = DATELINE.sub("", text, count=1)
    has_verb = any(token.pos_ in ("VERB", "AUX") for token in sentence)
    return text if has_verb and len(text.split()) >= MIN_WORDS else None


def _within(text: str, title: str) -> bool:
    """The headline, or a piece of it the sentence splitter cut off, repeated in the body."""
    def letters(value: str) -> str:
        return re.sub(r"\W+", "", value).lower()

    return letters(text) in letters(title)
