"""How two quotes are the same quote: verbatim, trimmed, elided, altered or paraphrased.

This is what a fact-checker asks of two outlets' versions of one quote. Quotes in marks are
compared word by word (`align`); a direct quote against an indirect one is compared by what
it claims (`paraphrase`), since reported speech shifts pronouns and tenses and adds "that".
Speakers are compared apart from the words, so any link can also be a *speaker shift*.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from storyline.keys import bare_name, name_key
from storyline.model import QuoteKind
from storyline.threads.align import ANCHOR_RUN, Alignment, WordEdit, align
from storyline.threads.paraphrase import is_paraphrase
from storyline.threads.words import quoted_text, words

LinkKind = Literal["verbatim", "trimmed", "elided", "altered", "paraphrase"]
LINK_KINDS: tuple[LinkKind, ...] = ("verbatim", "trimmed", "elided", "altered", "paraphrase")


MAX_CHANGED_SHARE = 0.3  # an altered quote changes at most this share of the words it shares


@dataclass(frozen=True)
class Evidence:
    """How many shared words make a link: fewer inside one story, where two outlets quoting
    "like wildfire" quote the same person, than across stories, where "very hard" is a cliché."""

    verbatim: int  # a quote repeated whole
    contained: int  # one quote holds the other (trimmed, elided, altered)
    overlap: int  # each runs on past the other at one end
    changed: int = 0  # words an altered quote may change whatever its length ("as soon/quickly as possible")
    reworded: float = MAX_CHANGED_SHARE  # the share when both quotes open and close with the same run
    # A short part of a longer quote ("do the right thing" in "to do the right thing and open its
    # doors"), shorter than a link across stories needs, is a stock phrase unless both outlets
    # marked the same words as the quote or the words around it agree too.
    fragments_need_context: bool = False


ACROSS_STORIES = Evidence(verbatim=3, contained=5, overlap=8)
SAME_SPEAKER = Evidence(verbatim=3, contained=4, overlap=8)  # across stories, one known speaker
SAME_STORY = Evidence(verbatim=1, contained=2, overlap=8, changed=1, fragments_need_context=True)
# One speaker in one story: a statement may be rendered twice with its middle reworded ("this
# defendant pedaled off" / "the defendant, Jermayne Timmons, pedaled his bike away").
SAME_STORY_SPEAKER = Evidence(verbatim=1, contained=2, overlap=8, changed=1, reworded=0.5)
MIN_UNMARKED_COPY = 5  # an indirect report this long in the quote's own words is a copy, not a paraphrase
CONTEXT_WORDS = 2  # words beside a short fragment, in or out of the marks, that both copies share


@dataclass(frozen=True)
class QuoteText:
    """What matching needs of one quote: its words, its kind, who it is attributed to."""

    text: str
    kind: QuoteKind = "direct"
    speaker: str | None = None  # a speaker key (e.g. the actor's name key), None when unknown


@dataclass(frozen=True)
class QuoteLink:
    kind: LinkKind
    speaker_shift: bool = False  # the same words attributed to someone else
    shared_words: int = 0
    edits: tuple[WordEdit, ...] = ()  # for `altered`: what changed from the first quote to the second


def link_quotes(a: QuoteText, b: QuoteText, *, same_story: bool = False) -> QuoteLink | None:
    """The link from quote a to quote b, or None when they are not the same quote.

    `same_story`: both articles are about one story, so short fragments count (see Evidence)."""
    shift = speaker_shift(a.speaker, b.speaker)
    known_same = bool(a.speaker and b.speaker and not shift)
    if same_story:
        evidence = SAME_STORY_SPEAKER if known_same else SAME_STORY
    else:
        evidence = SAME_SPEAKER if known_same else ACROSS_STORIES
    found = align(_words(a), _words(b))
    kind = _kind(found, evidence) if found else None
    if (kind in ("trimmed", "elided", "altered") and evidence.fragments_need_context
            and found.shared < ACROSS_STORIES.contained and not _same_marks(found, kind)
            and not _in_context(a, b, found)):
        kind = None  # a short part of a longer quote, in other words: a stock phrase
    if (a.kind == "indirect") != (b.kind == "indirect") and not _unmarked_copy(a, b, found, kind):
        # Reported speech that is not simply the same words without marks: compare the claim.
        direct, indirect = (b, a) if a.kind == "indirect" else (a, b)
        shared = is_paraphrase(quoted_text(direct.text, direct.kind), indirect.text)
        return QuoteLink("paraphrase", shift, shared) if shared else None
    if kind is None:
        return None
    edits = tuple(found.edits) if kind == "altered" else ()
    return QuoteLink(kind, shift, found.shared, edits)


def _words(quote: QuoteText) -> list:
    return _compared_words(quote.text, quote.kind)


@lru_cache(maxsize=65536)  # a quote is compared with many candidates, and they with many quotes
def _compared_words(text: str, kind: str) -> list:
    """The words to compare: those in marks; an indirect report loses its leading "that"."""
    found = words(quoted_text(text, kind))
    return found[1:] if kind == "indirect" and found and found[0].text == "that" else found


def _unmarked_copy(a: QuoteText, b: QuoteText, found: Alignment | None, kind: LinkKind | None) -> bool:
    """Is the indirect side just the direct one's words without the marks (all of them inside)?"""
    if kind not in ("verbatim", "trimmed") or found.shared < MIN_UNMARKED_COPY:
        return False
    return found.a_span == (0, found.a_len) if a.kind == "indirect" else found.b_span == (0, found.b_len)


def _same_marks(found: Alignment, kind: LinkKind) -> bool:
    """Did both outlets put the same words in marks (a whole quote or marked stretch each)?"""
    return found.a_held and found.b_held and kind != "altered"


def _in_context(a: QuoteText, b: QuoteText, found: Alignment) -> bool:
    """Do the words around a short fragment agree too ("it had sunk a pirate “mother ship”" /
    "it had sunk a pirate “mother vessel”")? Then two outlets report one statement."""
    whole = align(*(_compared_words(q.text, "indirect") for q in (a, b)))  # all words, marks aside
    return bool(whole) and whole.shared >= found.shared + CONTEXT_WORDS


def _kind(found: Alignment, evidence: Evidence) -> LinkKind | None:
    one_holds_other = found.a_held or found.b_held
    # Within one story a word replaced in place counts towards the words that line up ("mother ship").
    replaced = sum(e.size for e in found.changes if e.op == "replace") if evidence.changed else 0
    in_place = found.shared + replaced
    if in_place < (evidence.contained if one_holds_other else evidence.overlap):
        exact = not found.trimmed and not found.changes and not (found.a_cuts or found.b_cuts)
        return "verbatim" if exact and found.shared >= evidence.verbatim else None
    if found.changes:
        changed = sum(e.size for e in found.changes)
        bracketed = min(found.opening_run, found.closing_run) >= ANCHOR_RUN
        share = evidence.reworded if bracketed else MAX_CHANGED_SHARE
        return "altered" if changed <= max(evidence.changed, share * found.shared) else None
    if found.a_cuts or found.b_cuts:
        return "elided"
    return "trimmed" if found.trimmed else "verbatim"


def speaker_shift(a: str | None, b: str | None) -> bool:
    """Are two known speakers different people? "Trump", "Mr. Trump" and "Donald Trump" are one."""
    if not a or not b:
        return False
    wa, wb = name_key(bare_name(a)).split(), name_key(bare_name(b)).split()
    if wa == wb:
        return False
    shorter, longer = sorted((wa, wb), key=len)
    return not (shorter and shorter[-1] == longer[-1] and set(shorter) <= set(longer))
