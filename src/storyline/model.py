"""Plain typed records that flow through every stage: ingest → extract → analyze → store → serve.

Stages talk only through these records. They carry no behaviour beyond small derived
properties, so any stage can run in a worker process and be tested alone. Every span is a
pair of character offsets into `Article.body` (end exclusive), like spaCy's `Span.start_char`
and `Span.end_char`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Literal, get_args

QuoteKind = Literal["direct", "mixed", "indirect"]
QUOTE_KINDS: tuple[QuoteKind, ...] = get_args(QuoteKind)
ArticleFormat = Literal["html", "text"]


@dataclass(frozen=True)
class Page:
    """Raw bytes as they arrived from a file, a URL, stdin, a feed or a WARC record."""

    source: str  # where it came from: a path, a URL, "-" for stdin, "warc:FILE#offset"
    content: bytes
    url: str | None = None  # the page's own URL when known (fetched URL, WARC target URI)
    content_type: str | None = None  # e.g. "text/html; charset=utf-8" from HTTP headers
    fetched_at: str | None = None  # ISO 8601, when the page was fetched or crawled

    @cached_property  # read before parsing (already stored?) and again by extraction
    def content_hash(self) -> str:
        """sha256 of the raw bytes; line endings do not make another page (a browser sends
        pasted text with CRLF, a file has LF)."""
        content = self.content.replace(b"\r\n", b"\n") if b"\r" in self.content else self.content
        return hashlib.sha256(content).hexdigest()


class Stage(StrEnum):
    """Where a page stopped; the value is what the store and the JSON keep."""

    INGEST = "ingest"
    EXTRACT = "extract"
    ANALYZE = "analyze"
    STORE = "store"
    POST_SAVE = "post_save"  # the article is stored; a step after the save failed


SKIPPED_PREFIX = "skipped: "  # how a skipped page's reason reads once stored or shown


@dataclass(frozen=True)
class Failure:
    """Why one page did not become a stored article. Errors are values at stage boundaries."""

    source: str
    stage: Stage
    reason: str  # one line a user can act on, never a traceback
    skipped: bool = False  # passed over on purpose (HTTP 404, not HTML), not an error

    @property
    def message(self) -> str:
        """The reason as stored and shown: "skipped: HTTP 404" for a skipped page."""
        return SKIPPED_PREFIX + self.reason if self.skipped else self.reason

    @classmethod
    def from_stored(cls, source: str, stage: str, reason: str) -> Failure:
        """The record back from a stored row, whose reason is the `message`."""
        skipped = reason.startswith(SKIPPED_PREFIX)
        return cls(source, Stage(stage), reason.removeprefix(SKIPPED_PREFIX), skipped)


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


@dataclass
class Article:
    """The clean article a page holds, with its metadata; `body` is the text all offsets index."""

    source: str
    format: ArticleFormat
    title: str | None
    body: str
    paragraphs: list[Paragraph]
    standfirst: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None  # the site's name (og:site_name), stored and shown as the outlet
    section: str | None = None
    breadcrumbs: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date (or datetime) of publication
    categories: list[str] = field(default_factory=list)
    dateline: str | None = None  # where the story was filed, as its dateline writes it ("SANTA FE, N.M.")
    agency: str | None = None  # the news agency its dateline credits ("AP", "Reuters", "CNN")
    language: str | None = None  # ISO 639-1 code
    fetched_at: str | None = None
    content_hash: str = ""  # sha256 of the raw page bytes: identical bytes → identical hash

    def paragraph_texts(self) -> list[str]:
        return [self.body[p.start : p.end] for p in self.paragraphs]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Actor:
    """One person, organisation or place as the article refers to it, all aliases merged."""

    name: str  # canonical: the longest proper name the article gives ("Vladimir Putin")
    type: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, ...
    aliases: list[str] = field(default_factory=list)  # every other way the article names it
    roles: list[str] = field(default_factory=list)  # titles as written ("Russian President")


@dataclass(frozen=True)
class Mention:
    actor: int  # index into AnalysedArticle.actors
    start: int
    end: int
    text: str


@dataclass
class Quote:
    """One attribution: who (speaker) said (cue) what (content)."""

    kind: QuoteKind
    text: str  # the content as one string (parts of a split quote joined by a space)
    content: list[Span]  # one span, or several for a quote split by its attribution
    cue: Span | None = None  # "said", "emphasized that", "according to"
    speaker: Span | None = None  # as written: "Putin", "he", "The Russian president"
    speaker_actor: int | None = None  # index into AnalysedArticle.actors, once resolved

    @property
    def start(self) -> int:
        return self.content[0].start


@dataclass
class AnalysedArticle:
    """An article with everything the analysis found in it."""

    article: Article
    status: str  # "analysed" or "not analysed: language xx"
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    summary: str | None = None

    def speaker_name(self, quote: Quote) -> str | None:
        if quote.speaker_actor is None:
            return None
        return self.actors[quote.speaker_actor].name


def speaker_label(name: str | None, as_written: str | None) -> str:
    """How every view names a quote's speaker: the actor's name, else the words as written
    (marked unresolved), else "Unattributed"."""
    if name:
        return name
    return f"{as_written} (unresolved)" if as_written else "Unattributed"
