"""The stored quotes one article's quotes are compared with: those of its story's newest
articles, its speakers' quotes elsewhere (in other stories or earlier in its own) found
through the key index, and its story's older quotes found through the story's term index
(whatever their speaker), read in a few bounded statements.

`StoredQuote.may_link` is a cheap necessary test for `link_quotes` (a shared content word, or
enough shared claim words for a paraphrase), so only quotes that could link are aligned. Every read is bounded by the article: STORY_WINDOW articles of its
story, MAX_POSTINGS + 1 ids per key (a key held by more says nothing), STORY_POSTINGS + 1 per
story term, MAX_CANDIDATES quotes per quote.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy import Connection, select

from storyline.keys import stem
from storyline.store.postings import postings_of
from storyline.store.schema import (actors, articles, quote_keys, quotes, story_articles, story_quote_terms,
                                    thread_articles, thread_quotes)

from .candidates import MAX_POSTINGS, KeyIndex, key64
from .candidates import quote_keys as keys_of
from .links import QuoteText
from .paraphrase import MIN_SHARED_CLAIM_WORDS, claim_words
from .words import WORD, normalise, quoted_text

STORY_WINDOW = 10  # a new article's quotes are compared with those of its story's newest articles (older: keys, terms)
LINKS_PER_THREAD = 3  # a new quote is compared with (and linked to) at most this many quotes of one thread
MAX_CANDIDATES = 50  # a quote is compared with at most this many of its speaker's quotes, most keys shared first
STORY_POSTINGS = 50  # a term held by more of one story's threads than this says nothing about any of them
# A version of a quote (a fragment, a paraphrase, the same words by another speaker) holds at
# least this share of the shorter one's terms; two statements sharing a word or two do not.
STORY_TERM_SHARE = 0.5


@dataclass
class StoredQuote:
    id: int
    article_id: int
    actor_id: int | None
    quote: QuoteText
    speaker_text: str | None = None
    speaker_span: tuple[int, int] | None = None
    actor_type: str | None = None
    thread_id: int | None = None  # its thread when read (None: linked to nothing yet, or a new quote)

    @cached_property  # may_link reads it once per pair: held on the quote, not looked up each time
    def tokens(self) -> tuple[str, ...]:
        return _tokens(self.quote.text, self.quote.kind)

    @cached_property
    def content(self) -> frozenset[str]:
        """Its tokens that are not stop words."""
        return _content(self.quote.text, self.quote.kind)

    @property
    def keys(self) -> frozenset[int]:
        """Its candidate keys, when its speaker is a known actor (the index is per speaker)."""
        return _keys(self.quote.text, self.quote.kind) if self.actor_id is not None else frozenset()

    @property
    def terms(self) -> frozenset[int]:
        """What the story's index files it under, whoever its speaker (`quote_terms`)."""
        return quote_terms(self.quote.text, self.quote.kind)

    @property
    def thread(self) -> int:
        """Its thread when read (`thread_key`)."""
        return thread_key(self.id, self.thread_id)

    @property
    def claims(self) -> frozenset[str]:
        return claim_words(self.quote.text)

    def may_link(self, other: StoredQuote) -> bool:
        """Could `link_quotes` link the two? Copies share a content word (a word swapped, an
        initialism spelled out or a short stretch of a mixed quote included) or are the same
        words; a paraphrase shares MIN_SHARED_CLAIM_WORDS claim words. A cheap necessary test
        that spares aligning the story's quotes that share nothing but "the" and "of"."""
        if self.tokens == other.tokens or self.content & other.content:
            return True
        one_reported = (self.quote.kind == "indirect") != (other.quote.kind == "indirect")
        return one_reported and len(self.claims & other.claims) >= MIN_SHARED_CLAIM_WORDS


def thread_key(quote_id: int, thread_id: int | None) -> int:
    """A quote's thread, or minus its id when in none: a quote linked to nothing is a thread of
    its own, and no thread id is negative."""
    return thread_id or -quote_id


@lru_cache(maxsize=65536)  # a story's quotes are met again with each article that joins it
def _tokens(text_: str, kind: str) -> tuple[str, ...]:
    """The words `link_quotes` aligns (threads.words): those in marks; an indirect report
    without its leading "that"."""
    found = [normalise(m.group()) for m in WORD.finditer(quoted_text(text_, kind))]
    return tuple(found[1:] if kind == "indirect" and found[:1] == ["that"] else found)


@lru_cache(maxsize=65536)
def _content(text_: str, kind: str) -> frozenset[str]:
    return frozenset(t for t in _tokens(text_, kind) if t not in STOP_WORDS)


@lru_cache(maxsize=65536)
def quote_terms(text_: str, kind: str) -> frozenset[int]:
    """A quote's content words, stemmed as a paraphrase's claim words are, hashed: any version
    of it shares some (a bare fragment "like wildfire" its "wildfire"); a quote of stop words
    only is filed under its whole words."""
    content = _content(text_, kind)
    if content:
        return frozenset(key64(stem(word).encode()) for word in content)
    tokens = _tokens(text_, kind)
    return frozenset({key64(" ".join(tokens).encode())}) if tokens else frozenset()


@lru_cache(maxsize=4096)
def _keys(text_: str, kind: str) -> frozenset[int]:
    return frozenset(keys_of(text_, kind))


def stored_quotes(conn: Connection, where) -> list[StoredQuote]:
    """Quotes as matching reads them, in article order."""
    found = conn.execute(
        select(quotes.c.id, quotes.c.article_id, quotes.c.kind, quotes.c.text, quotes.c.actor_id, quotes.c.speaker_text,
               quotes.c.speaker_start, quotes.c.speaker_end, actors.c.name, actors.c.type, thread_quotes.c.thread_id)
        .outerjoin(actors, actors.c.id == quotes.c.actor_id).outerjoin(thread_quotes, thread_quotes.c.quote_id == quotes.c.id)
        .where(where).order_by(quotes.c.article_id, quotes.c.position)
    ).all()
    return [StoredQuote(q.id, q.article_id, q.actor_id, QuoteText(q.text, q.kind, q.name or q.speaker_text),
                        q.speaker_text, (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None,
                        q.type, q.thread_id) for q in found]


def story_quotes(conn: Connection, story_id: int, article_id: int) -> list[StoredQuote]:
    """The quotes of the story's STORY_WINDOW newest other latest, already threaded articles
    (by the story's time, off its index), however long the story has run. Its older quotes are
    met through their speaker's keys (`speaker_keys`) and the story's terms (`story_terms`)."""
    members = (select(story_articles.c.article_id).join(articles, articles.c.id == story_articles.c.article_id)
               .join(thread_articles, thread_articles.c.article_id == articles.c.id)
               .where(story_articles.c.story_id == story_id, articles.c.is_latest, articles.c.id != article_id)
               .order_by(story_articles.c.seen.desc(), story_articles.c.article_id.desc()).limit(STORY_WINDOW))
    return stored_quotes(conn, quotes.c.article_id.in_(members))


@dataclass
class SpeakerKeys:
    """The article's quotes' keys under their speakers: who holds each (a key held by over
    MAX_POSTINGS quotes is skipped), with the holders' key counts and threads."""
    postings: dict[tuple[int, int], list[int]]
    key_counts: dict[int, int]
    thread_of: dict[int, int]

    def candidates(self, quote: StoredQuote, compared: set[int], linked: Counter) -> list[int]:
        """Its speaker's quotes holding most of its keys (not those `compared` already), most
        shared first, to LINKS_PER_THREAD per thread counting the `linked` ones, MAX_CANDIDATES in all."""
        index = KeyIndex()
        index.postings.update({key: self.postings[(quote.actor_id, key)] for key in quote.keys})
        index.key_counts = self.key_counts
        return _choose(index.candidates(set(quote.keys)), self.thread_of, Counter(linked),
                       lambda i, thread: i in compared)


def _choose(ranked: Iterable[int], thread_of: dict[int, int], per_thread: Counter,
            skip: Callable[[int, int], bool]) -> list[int]:
    """The first MAX_CANDIDATES of `ranked` not to `skip` (given a quote and its thread), at most
    LINKS_PER_THREAD per thread counting `per_thread`'s: a quote repeated all through a story is
    found through a few of its versions."""
    chosen = []
    for i in ranked:
        thread = thread_of.get(i, thread_key(i, None))
        if skip(i, thread) or per_thread[thread] >= LINKS_PER_THREAD:
            continue
        per_thread[thread] += 1
        chosen.append(i)
        if len(chosen) == MAX_CANDIDATES:
            break
    return chosen


def speaker_keys(conn: Connection, own: list[StoredQuote]) -> SpeakerKeys:
    """The postings of the quotes' keys under their speakers, read at once."""
    pairs = sorted({(q.actor_id, key) for q in own for key in q.keys})
    postings = postings_of(conn, quote_keys, "quote_id", pairs, MAX_POSTINGS + 1)
    held = {i for ids in postings.values() if len(ids) <= MAX_POSTINGS for i in ids}
    found = conn.execute(select(thread_quotes.c.quote_id, thread_quotes.c.key_count, thread_quotes.c.thread_id)
                         .where(thread_quotes.c.quote_id.in_(held))).all() if held else []
    return SpeakerKeys(postings, {q.quote_id: q.key_count for q in found},
                       {q.quote_id: thread_key(q.quote_id, q.thread_id) for q in found})


def read_chosen(conn: Connection, chosen: dict[int, list[int]], story_id: int | None = None) -> dict[int, list[StoredQuote]]:
    """Each quote's chosen candidates, read at once: latest versions only (and with `story_id`,
    only those still in that story)."""
    wanted = {i for ids in chosen.values() for i in ids}
    where = quotes.c.id.in_(wanted) & quotes.c.is_latest
    if story_id is not None:
        where &= quotes.c.article_id.in_(select(story_articles.c.article_id).where(story_articles.c.story_id == story_id))
    read = {q.id: q for q in stored_quotes(conn, where)} if wanted else {}
    return {quote_id: [read[i] for i in ids if i in read] for quote_id, ids in chosen.items()}


@dataclass
class StoryTerms:
    """Who holds an article's quotes' terms in its story: the story's quotes older than its window
    found whatever their speaker. A term held by over STORY_POSTINGS quotes is left out."""
    held: dict[int, list[int]]  # term → quotes of the story holding it
    thread_of: dict[int, int]  # holder → its thread (minus its id: in none)
    term_counts: dict[int, int]
    full: frozenset[int]  # terms held by over STORY_POSTINGS quotes

    def candidates(self, quote: StoredQuote, terms: frozenset[int], compared: set[int], linked: set[int]) -> list[int]:
        """The holders of the quote's `terms` (its new ones: `new_terms`) that hold by these alone
        STORY_TERM_SHARE of the shorter one's terms, most first; not those `compared` already nor
        of a thread in `linked`; at most LINKS_PER_THREAD per thread, MAX_CANDIDATES in all."""
        shared = Counter(i for term in terms for i in self.held.get(term, ()))
        whole = len(quote.terms)
        versions = (i for i, count in shared.most_common()
                    if count >= STORY_TERM_SHARE * min(whole, self.term_counts.get(i) or whole))
        return _choose(versions, self.thread_of, Counter(), lambda i, thread: i in compared or thread in linked)

    def unfiled(self, quote: StoredQuote, partners: list[StoredQuote]) -> list[int]:
        """The quote's terms to file: its new terms, but over-full ones."""
        return [term for term in new_terms(quote, partners) if term not in self.full]


def new_terms(quote: StoredQuote, partners: list[StoredQuote]) -> frozenset[int]:
    """The quote's terms none of its `partners` in the story holds: their thread holds the others
    there already, and found through them what it could. A quote linked to nothing: all of them."""
    return quote.terms - frozenset().union(*(p.terms for p in partners))


def story_terms(conn: Connection, looked_up: Iterable[frozenset[int]], story_id: int | None) -> StoryTerms:
    """The story's postings of the terms looked up, read at once (a merged story's were filed
    again under the story that absorbed it)."""
    terms = sorted(frozenset().union(*looked_up))
    if story_id is None or not terms:
        return StoryTerms({}, {}, {}, frozenset())
    postings = postings_of(conn, story_quote_terms, "quote_id", [(story_id, t) for t in terms],
                           STORY_POSTINGS + 1, scope="story_id")
    held = {term: holders for (_, term), holders in postings.items()}
    full = frozenset(term for term, holders in held.items() if len(holders) > STORY_POSTINGS)
    held = {term: holders for term, holders in held.items() if term not in full}
    wanted = {i for holders in held.values() for i in holders}
    found = conn.execute(select(thread_quotes.c.quote_id, thread_quotes.c.thread_id, thread_quotes.c.term_count)
                         .where(thread_quotes.c.quote_id.in_(wanted))).all() if wanted else []
    return StoryTerms(held, {q.quote_id: thread_key(q.quote_id, q.thread_id) for q in found},
                      {q.quote_id: q.term_count for q in found}, full)
