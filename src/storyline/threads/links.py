"""How two quotes are the same quote: verbatim, trimmed, elided, altered or paraphrased.

This is what a fact-checker asks of two outlets' versions of one quote. Quotes in marks are
compared word by word (`align`); a direct quote against an indirect one is compared by what
it claims (`paraphrase`), since reported speech shifts pronouns and tenses and adds "that".
Speakers are compared apart from the words, so any link can also be a *speaker shift*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from storyline.model import QuoteKind
from storyline.threads.align import Alignment, WordEdit, align
from storyline.threads.paraphrase import is_paraphrase
from storyline.threads.words import quoted_text, words

LinkKind = Literal["verbatim", "trimmed", "elided", "altered", "paraphrase"]
LINK_KINDS: tuple[LinkKind, ...] = ("verbatim", "trimmed", "elided", "altered", "paraphrase")

MIN_VERBATIM = 3  # "I don't know" is a quote; "No" or "thank you" in two places is not a link
MIN_CONTAINED = 5  # shared words when one quote holds the other (trimmed, elided, altered)
MIN_OVERLAP = 8  # shared words when each runs on past the other at one end
MAX_CHANGED_SHARE = 0.3  # an altered quote changes at most this share of the words it shares


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


def link_quotes(a: QuoteText, b: QuoteText) -> QuoteLink | None:
    """The link from quote a to quote b, or None when they are not the same quote."""
    shift = speaker_shift(a.speaker, b.speaker)
    if (a.kind == "indirect") != (b.kind == "indirect"):
        direct, indirect = (b, a) if a.kind == "indirect" else (a, b)
        shared = is_paraphrase(quoted_text(direct.text, direct.kind), indirect.text)
        return QuoteLink("paraphrase", shift, shared) if shared else None
    found = align(words(quoted_text(a.text, a.kind)), words(quoted_text(b.text, b.kind)))
    kind = _kind(found) if found else None
    if kind is None:
        return None
    edits = tuple(found.edits) if kind == "altered" else ()
    return QuoteLink(kind, shift, found.shared, edits)


def _kind(found: Alignment) -> LinkKind | None:
    one_holds_other = (found.a_span == (0, found.a_len)) or (found.b_span == (0, found.b_len))
    if found.shared < (MIN_CONTAINED if one_holds_other else MIN_OVERLAP):
        exact = not found.trimmed and not found.edits and not (found.a_cuts or found.b_cuts)
        return "verbatim" if exact and found.shared >= MIN_VERBATIM else None
    if found.edits:
        changed = sum(max(len(e.before), len(e.after)) for e in found.edits)
        return "altered" if changed <= MAX_CHANGED_SHARE * found.shared else None
    if found.a_cuts or found.b_cuts:
        return "elided"
    return "trimmed" if found.trimmed else "verbatim"


def speaker_shift(a: str | None, b: str | None) -> bool:
    """Are two known speakers different people? "Trump" and "Donald Trump" are the same one."""
    if not a or not b:
        return False
    wa, wb = a.casefold().split(), b.casefold().split()
    if wa == wb:
        return False
    shorter, longer = sorted((wa, wb), key=len)
    return not (shorter and shorter[-1] == longer[-1] and set(shorter) <= set(longer))
