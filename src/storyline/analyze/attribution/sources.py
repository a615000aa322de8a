"""Who can be a source: a person, an organisation, a described person, a place for its
government, or a document that speaks for one; and which verbs never report anything.

The cue and speaker models learned from PolNeAR, whose texts are politics: on product
reviews and sports pages they let "The 16-inch MacBook Pro features …" or "The ceasefire
proposal aims to …" through as attributions. A subject that is a thing says nothing: the speaker
model's best other phrase that may speak takes its place, and failing one the attribution is
dropped rather than shown with a thing for its speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.analyze.names import is_role_noun
from storyline.analyze.things import is_thing_name

# Entity types that never speak (a place does, for its government: GPE stays).
# "Twelve percent" and "the two" are people, as in "Twelve percent say …".
THING_ENTITIES = frozenset({"EVENT", "LAW", "FAC", "LOC", "DATE", "TIME", "MONEY", "QUANTITY",
                            "LANGUAGE"})
# Common nouns for groups and bodies that speak as one.
GROUP_NOUNS = frozenset("""
    government administration ministry department agency company firm business campaign committee council
    court commission party team group police army military navy office board union bank network
    newspaper paper magazine outlet website site station channel organization organisation association
    coalition family couple duo trio public people staff crew panel jury parliament congress senate house
    legislature state city county country nation authority regime cabinet community industry market school
    university college institute hospital club league federation alliance movement church bureau service
    force side camp majority minority opposition society household audience crowd electorate base
    lab laboratory center centre foundation charity fund brand label studio publisher platform
    museum institution utility chorus
""".split())
# Documents and records that speak for whoever issued them ("the report said").
DOCUMENT_NOUNS = frozenset("""
    report study poll survey statement letter memo document data record filing lawsuit suit complaint ruling
    decision order analysis research review article story book email message tweet post video ad
    advertisement release transcript testimony interview speech note bill law constitution guidance
    guideline page account source evidence figure number estimate projection model forecast finding result
    census audit investigation inquiry indictment affidavit memoir blog column editorial op-ed
    assessment summary notice announcement petition motion brief opinion verdict warrant
    proclamation resolution manifesto spot clip film footage recording piece program programme show
    database journal slide publication statistic version average rule submission
""".split())
PEOPLE_NOUNS = frozenset("""
    people person man woman child kid boy girl guy someone everyone anyone nobody somebody everybody one
    individual adult resident voter student parent patient doctor expert source insider witness
    fan friend relative neighbor neighbour victim survivor mom dad sibling guest ex
""".split())
# Role words ending in "-al" (most "-al" nouns are acts: "proposal", "approval", "deal", "trial").
AL_PEOPLE = frozenset("""
    official general rival liberal radical principal individual criminal cardinal admiral marshal
    corporal professional intellectual
""".split())


def may_speak(head: Token, named: bool) -> bool:
    """Whether the head word of a speaker phrase can name a source; `named`: the article's
    actors include the name at the head (a name the actor analysis refused is a thing)."""
    if head.pos_ in ("PRON", "NUM") or head.ent_type_ == "CARDINAL":
        return True  # "she", "the two", "one of the family's attorneys", "dozens of papers"
    if is_thing_name(head):
        return False
    if named:
        return True
    if head.ent_type_ in THING_ENTITIES or head.ent_type_ in ("PERSON", "ORG"):
        return False  # a thing's name, or a name the actor analysis refused as one
    if head.pos_ != "NOUN" or _looks_like_a_name(head) or _names_someone_beside(head):
        return True  # a place, a group, or a name the NER model does not know
    return any(_names_speakers(word) for word in (head.lemma_.lower(), head.lower_))


def _looks_like_a_name(head: Token) -> bool:
    """Capitalised inside a sentence ("a Wines spokesman") or inside the word ("RealClearPolitics")."""
    return (head.is_title and not head.is_sent_start) or any(ch.isupper() for ch in head.text[1:-1])


def _names_someone_beside(head: Token) -> bool:
    """"the election, Minyon Moore, a senior adviser", "Trump avoids" (a headline's verb taken for
    a noun): the parse hung the name off the head word."""
    return any(child.dep_ in ("appos", "compound") and child.ent_type_ in ("PERSON", "ORG")
               for child in head.children)


def _names_speakers(word: str) -> bool:
    if word.endswith("al"):
        return word in AL_PEOPLE or word in GROUP_NOUNS or word in DOCUMENT_NOUNS
    return word in GROUP_NOUNS or word in DOCUMENT_NOUNS or word in PEOPLE_NOUNS or is_role_noun(word)


def reports_nothing(cue: Token) -> bool:
    """Verbs the cue model takes for cues that report no words or thought: "voted", "welcomed the
    freeze" (an act, not a claim). PolNeAR annotates "is expected to" and "the bloc aims to" as
    attributions; they stay (dropping them cost PolNeAR dev three right speakers), and "The
    ceasefire proposal aims to" goes for its subject, a thing."""
    lemma = cue.lemma_.lower()
    if lemma == "vote":
        return True
    return lemma == "welcome" and not any(child.dep_ in ("ccomp", "xcomp") for child in cue.children)
