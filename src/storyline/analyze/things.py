"""Names the article itself uses as things, not as people or organisations.

A small NER model tags "the Moon", "the Davis Cup" and "The Fact Checker" as people and
"MacBook Pro" as an organisation. The grammar around each mention says otherwise: nobody
writes "the" right before a person's name ("the Obama administration" has it before the noun
the name modifies), and an organisation is never counted or measured ("a MacBook Pro", "the
16-inch MacBook Pro"). One such use anywhere in the article settles the name for the whole
article: it names a thing, which is no actor and cannot speak. So does a one-word name that the
article capitalises only to start a sentence and writes in lower case elsewhere ("Plague is
caused …", "the plague spread") or tags a plural noun ("Challenges include …"), and a "person"
with a model number ("802.11ax Wi-Fi").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from storyline.analyze.names import is_role_noun
from storyline.keys import bare_name

# Letters and digits mixed in one word: "A350", "TNG50", "4Motion", "802.11ax"; not an ordinal
# or a decade ("2nd", "1990s").
MODEL_NUMBER = re.compile(r"^(?!\d+(?:st|nd|rd|th|s)$)(?=.*[A-Za-z])(?=.*\d)[A-Za-z\d.-]+$")
# Labels of names that may be actors; a name under any other label is some event, work or law.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Words that count or pick out one of many: "a MacBook Pro", "every iPhone".
COUNTING = frozenset({"a", "an", "another", "every", "each", "any"})
# A name that modifies another noun ("the Obama administration", "a Google spokesperson")
# lends the determiner to that noun.
MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})


def without_things(spans: list[Span]) -> list[Span]:
    """The spans less every name the article uses as a thing: measured once ("the 16-inch
    MacBook Pro"), or always behind a determiner a name does not take ("the Moon", "a Senate
    that could …") and never bare."""
    measured, behind_determiner, bare = set(), set(), set()
    for span in spans:
        if span.label_ in ("PERSON", "ORG") and span.root.dep_ not in MODIFIER_DEPS:
            key = bare_name(span.text)
            (measured if _is_measured(span) else behind_determiner if _has_determiner(span) else bare).add(key)
    behind_determiner |= _people_named_as_events(spans)
    things = measured | (behind_determiner - bare)
    common = _common_words(spans)
    return [span for span in spans if bare_name(span.text) not in things and span.text not in common
            and not _is_numbered_person(span)]


def _people_named_as_events(spans: list[Span]) -> set[str]:
    """"People" the model also tags as an event or a work behind "the" ("revamped Davis Cup format"
    as a person, "in the Davis Cup" as an event): the determiner tells, whatever the label."""
    people = {bare_name(span.text) for span in spans if span.label_ == "PERSON"}
    if not people:
        return set()
    return {bare_name(ent.text) for ent in spans[0].doc.ents
            if ent.label_ not in ACTOR_LABELS and ent[0].lower_ in DEFINITE and bare_name(ent.text) in people}


def _common_words(spans: list[Span]) -> set[str]:
    """One-word people and organisations only ever capitalised at a sentence start, and written
    in lower case elsewhere in the article or tagged a plural noun that names no people there
    ("Challenges include", not "Scholars debated")."""
    words = {span.text for span in spans if len(span) == 1 and span.label_ in ("PERSON", "ORG") and span.text.istitle()}
    if not words:
        return set()
    lowered = {word.lower(): word for word in words}
    mid_sentence, common_use = set(), set()
    for token in spans[0].doc:
        if token.lower_ not in lowered:
            continue
        if token.is_lower or (token.is_sent_start and token.tag_ == "NNS" and not is_role_noun(token.lemma_)):
            common_use.add(lowered[token.lower_])
        elif not token.is_sent_start:
            mid_sentence.add(lowered[token.lower_])
    return common_use - mid_sentence


def _is_numbered_person(span: Span) -> bool:
    """People have no letters and digits in one word of their name: "802.11ax Wi-Fi", "TNG50"."""
    return span.label_ == "PERSON" and any(MODEL_NUMBER.search(token.text) for token in span)


def is_thing_name(token: Token) -> bool:
    """Whether the name this token stands in is measured right here ("The 16-inch MacBook Pro
    features …"): a thing, whatever the rest of the article does with the name."""
    return any(token in ent and ent.label_ in ("PERSON", "ORG") and _is_measured(ent) for ent in token.sent.ents)


def _has_determiner(span: Span) -> bool:
    if span.root.tag_ == "NNPS":
        return False  # "the Clintons", "the Browns": a family or a team
    determiner = _determiner_before(span)
    return determiner in COUNTING or (span.label_ == "PERSON" and determiner in DEFINITE)


def _is_measured(span: Span) -> bool:
    return any(_is_measure(child) for child in span.root.lefts if child.i < span.start)


def _determiner_before(span: Span) -> str | None:
    """The determiner right before the name, as its own word ("the" in "the Moon")."""
    if span.start == 0:
        return None
    before = span.doc[span.start - 1]
    return before.lower_ if before.pos_ == "DET" and before.head.i in range(span.start, span.end) else None


def _is_measure(token: Token) -> bool:
    """"16-inch", "12.9-inch", "two": a count or a measure right before the name (not a time
    or a date: "7:45 a.m. Hillary Clinton", "9/11 widow Terry Strada")."""
    return token.ent_type_ == "QUANTITY" or (token.pos_ == "NUM" and token.ent_type_ in ("", "CARDINAL"))
