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
    r"\b(?:sources?|someone|somebody|a person|one person|people|persons|individuals?)"
    r"\b[^.]{0,30}\b(?:familiar|close|briefed|knowledgeable|with (?:direct )?knowledge)\b"
    r"|\bsources?\b", re.I)
# Quantities and indefinite determiners that introduce a description, not a name.
DESCRIBING = re.compile(r"^(?:a|an|one|two|three|four|several|some|many|other|most|few|unnamed)\b", re.I)
# A head noun phrase ending in a lowercase plural is a group, however it opens: "White House
# officials", "Clinton aides", "insiders in the next two states".
PLURAL_HEAD = re.compile(r"\b[a-z][\w-]*[^s\W]s$")
HEAD_END = re.compile(r"\s(?:for|of|at|with|from|in|on|to|who|which|that|whose)\s|,|\s[—–]\s")
# Nouns that open a sentence capitalised ("Officials said") without naming anyone.
COMMON_SOURCES = frozenset({
    "officials", "aides", "advisers", "advisors", "critics", "analysts", "experts", "observers",
    "residents", "witnesses", "police", "authorities", "investigators", "prosecutors", "lawmakers",
    "officers", "voters", "supporters", "opponents", "polls", "reports", "researchers", "scientists",
    "doctors", "democrats", "republicans", "diplomats", "activists", "protesters", "organizers",
    "spokesman", "spokeswoman", "spokesperson", "others", "many", "some", "both", "all",
    "republican", "democrat", "candidates", "insiders", "employees"})
# Pronouns that point back to someone the article has identified ("he", "who", "whose");
# "they" is left out: it as often stands for a group the article never names.
ANAPHORS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "we", "our", "you", "it", "its",
                      "who", "whom", "whose", "which", "that"})
GROUP_TYPES = frozenset({"NORP"})  # "Democrats", "Iranians": a group, described
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
    head = HEAD_END.split(speaker.strip() + " ", maxsplit=1)[0].strip()
    if DESCRIBING.match(head) or PLURAL_HEAD.search(head):
        # "Clinton officials": a named person's people, themselves unnamed; but "two members of
        # Congress, Ileana Ros-Lehtinen and Carlos Curbelo," names them in apposition.
        named_after = actor_type == "PERSON" and _in_apposition(speaker, actor_name or "")
        return "named" if named_after else "described"
    if actor_name and actor_type in NAMING_TYPES:
        return "named"
    if actor_type in GROUP_TYPES:
        return "described"
    if speaker.strip().casefold() in ANAPHORS:
        return "named"  # the analysis did not resolve it, but the article did name someone
    return "named" if _has_proper_name(head) or _definite_one(head) else "described"


def _in_apposition(speaker: str, name: str) -> bool:
    """Does the name follow a comma in the source ("…, including Donald J. Trump")?"""
    surname = name.split()[-1] if name.split() else ""
    comma = speaker.find(",")
    return bool(surname) and comma >= 0 and speaker.find(surname, comma) > comma


def _definite_one(head: str) -> bool:
    """"The agency", "the poll", "the Vermont senator": one thing the article has already
    identified (plural heads were described above)."""
    tokens = head.split()
    return len(tokens) >= 2 and tokens[0].casefold() == "the"


def _has_proper_name(head: str) -> bool:
    """A capitalised word past the first ("the Trump campaign"), or a lone capitalised word
    that is not a common source noun ("CNN", not "Officials")."""
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
    return source_kind(quote.speaker.text, actor.name if actor else None, actor.type if actor else None,
                       speaker_context(analysed.article.body, quote.speaker.start, quote.speaker.end))


def speaker_context(body: str, start: int, end: int) -> str:
    """The source as written and the rest of its sentence, up to CONTEXT_CHARS past it: where
    "…, who spoke on condition of anonymity" stands."""
    return body[start : end + CONTEXT_CHARS].split(". ")[0]
