"""What the threads' queries return: typed records the CLI, the JSON API and the pages share.

Pydantic models, so the API can answer with them as they are and /docs lists their fields.
Times are ISO 8601 as extracted (`published`); `None` where the article gave none.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from storyline.model import QuoteKind

from .links import LinkKind
from .sources import SourceKind


class Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class WordChange(Record):
    """One change from the first report's words to this quote's: `before` became `after`."""

    op: Literal["replace", "delete", "insert"]  # delete: words only the first report has
    before: list[str]
    after: list[str]


class ThreadQuote(Record):
    """One version of a quote in a thread, with how it differs from the thread's first report."""

    quote_id: int
    article_id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    kind: QuoteKind  # direct / indirect / mixed, as the article quotes it
    text: str
    speaker: str | None  # the resolved actor's name, else the source as written
    actor_id: int | None
    source_kind: SourceKind | None  # named / described / anonymous; None: no source given
    first_report: bool
    link_kind: LinkKind | None  # its link to `linked_to`; None for the first report itself (or
    # a quote whose links went with a deleted article)
    linked_to: int | None  # the first report's quote id, or the quote it is linked through
    speaker_shift: bool  # attributed to someone else than `linked_to` is
    edits: list[WordChange]  # for an altered link: the word diff from `linked_to` to this quote


class QuoteThreadRecord(Record):
    """Every version of one quote across outlets, first report first (then by time)."""

    id: int
    requested_id: int  # the id asked for: a merged thread's id leads here
    redirected: bool
    first_report: ThreadQuote
    quotes: list[ThreadQuote]
    outlets: int  # distinct outlets that ran it


class ArticleQuoteThread(Record):
    """One quote of an article in its thread: "also in 7 outlets; first: Reuters 09:12"."""

    quote_id: int
    thread_id: int
    other_outlets: int  # outlets other than this article's that ran the quote
    versions: int  # quotes in the thread, this one included
    is_first: bool  # this quote is the thread's first report
    first_quote_id: int
    first_article_id: int
    first_outlet: str | None
    first_published: str | None


class CopyArticle(Record):
    article_id: int
    title: str | None
    outlet: str | None
    published: str | None
    agency: str | None  # the agency the article credits (dateline, byline, closing credit)


class CopyGroup(Record):
    """Articles of a story with near-duplicate bodies, the original (earliest) first."""

    original: CopyArticle
    copies: list[CopyArticle]
    agency: str | None  # the agency any of them credits (the original's first)


class StoryWire(Record):
    """Wire copy in a story: "12 outlets, 4 with their own reporting"."""

    story_id: int
    outlets: int
    own_reporting: int  # outlets with an article that is neither a copy nor a credited agency reprint
    groups: list[CopyGroup]
    credited: list[CopyArticle]  # every article that credits an agency, copy or not


class SourceCounts(Record):
    """How a set of quotes' sources are identified."""

    named: int = 0
    described: int = 0
    anonymous: int = 0
    unsourced: int = 0  # quotes with no source at all


class OutletSources(Record):
    outlet: str | None
    counts: SourceCounts


class StorySources(Record):
    """Named / described / anonymous sources of a story's quotes, overall and per outlet."""

    story_id: int
    counts: SourceCounts
    outlets: list[OutletSources]
