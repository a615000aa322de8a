"""Is a quote's source named, only described, or anonymous? What a reader can check depends on it.

- named: a person or body the reader can look up ("Vladimir Putin", "he" when the analysis
  resolved him to a name, "the Pentagon");
- described: a role without a name ("a senior US official", "a spokesperson for the ministry",
  "critics", "Democrats");
- anonymous: explicitly unidentified ("sources said", "people familiar with the matter", or any
  source who spoke "on condition of anonymity").
The analysis has already resolved each speaker to an actor with a spaCy entity type, so a name
is a resolved actor of a naming type; the rest is how English marks the unnamed.
"""

from __future__ import annotations

import re
from typing import Literal

from storyline.model import AnalysedArticle, Quote

SourceKind = Literal["named", "described", "anonymous"]
NAMING_TYPES = frozenset({"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"})

UNNAMED = re.compile(
    r"\b(?:on (?:the )?condition (?:of|that)\b[^.]{0,40}\b(?:anonymity|not be (?:named|identified))"
    r"|(?:declined|asked|requested|wished) (?:not )?(?:to be |to remain |for )?"
    r"(?:named|identified|anonymous|anonymity)"
    r"|anonymous(?:ly)?|anonymity|unnamed|unidentified"
    r"|not (?:authori[sz]ed|permitted|allowed|cleared) to (?:speak|talk|discuss|comment|be named))\b",
    re.I)
# Nouns that stand for a source the reader is not told about at all.
FACELESS = re.compile(
    r"\b(?:sources?|insiders?|someone|somebody|a person|one person|people|persons|individuals?)"
    r"\b[^.]{0,30}\b(?:familiar|close|briefed|knowledgeable|with (?:direct )?knowledge|"
    r"aware|involved|told|who)\b|\b(?:sources?|insiders?)\b", re.I)
# Quantities and indefinite determiners that introduce a description, not a name.
DESCRIBING = re.compile(r"^(?:a|an|one|two|three|four|several|some|many|other|most|few|"
                        r"senior|top|former|unnamed)\b", re.I)
# Nouns that open a sentence capitalised ("Officials said") without naming anyone.
COMMON_SOURCES = frozenset({
    "officials", "aides", "advisers", "advisors", "critics", "analysts", "experts", "observers",
    "residents", "witnesses", "police", "authorities", "investigators", "prosecutors", "lawmakers",
    "officers", "voters", "supporters", "opponents", "polls", "reports", "researchers", "scientists",
    "doctors", "democrats", "republicans", "diplomats", "activists", "protesters", "organizers",
    "spokesman", "spokeswoman", "spokesperson", "others", "many", "some", "both", "all"})
PRONOUNS = frozenset({"he", "she", "him", "her", "they", "we", "i", "you", "it", "who", "which"})
CONTEXT_CHARS = 250  # how far past the speaker an anonymity clause may run ("…, who spoke on …")


def source_kind(speaker: str | None, actor_name: str | None = None, actor_type: str | None = None,
                context: str = "") -> SourceKind | None:
    """How a quote's source is identified; None when the quote gives no source at all.

    `speaker` is the source as written, `actor_name`/`actor_type` what the analysis resolved
    it to (spaCy entity label), `context` the words around it (for "on condition of anonymity").
    """
    if not speaker or not speaker.strip():
        return None
    if UNNAMED.search(speaker) or UNNAMED.search(context) or FACELESS.search(speaker):
        return "anonymous"
    if DESCRIBING.match(speaker.strip()):
        return "described"
    if actor_name and actor_type in NAMING_TYPES:
        return "named"
    if speaker.strip().casefold() in PRONOUNS:
        return "described"  # a pronoun the analysis could not tie to anyone
    return "named" if _has_proper_name(speaker) else "described"


def _has_proper_name(speaker: str) -> bool:
    """A capitalised word before any "for"/"of" ("the Trump campaign"; not "a spokesman for
    Trump"), past the first word, or a lone capitalised word that is not a common source noun."""
    head = re.split(r"\s(?:for|of|at|with|from|in|on|to|who|that|,)\s", speaker + " ", maxsplit=1)[0]
    tokens = re.findall(r"[\w’'.-]+", head)
    if any(t[:1].isupper() for t in tokens[1:]):
        return True
    return len(tokens) == 1 and tokens[0][:1].isupper() and tokens[0].casefold() not in COMMON_SOURCES


def quote_source_kinds(analysed: AnalysedArticle) -> list[SourceKind | None]:
    """`source_kind` of every quote of an analysed article, in order."""
    return [_quote_source_kind(analysed, quote) for quote in analysed.quotes]


def _quote_source_kind(analysed: AnalysedArticle, quote: Quote) -> SourceKind | None:
    if quote.speaker is None:
        return None
    actor = analysed.actors[quote.speaker_actor] if quote.speaker_actor is not None else None
    body = analysed.article.body
    context = body[quote.speaker.start : quote.speaker.end + CONTEXT_CHARS].split(". ")[0]
    return source_kind(quote.speaker.text, actor.name if actor else None,
                       actor.type if actor else None, context)
