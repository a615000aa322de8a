"""Who can be a source: a person, an organisation, a described person, a place for its
government, or a document that speaks for one; and which verbs never report anything.

The cue and speaker models learned from PolNeAR, whose texts are politics: on product
reviews and sports pages they let "The 16-inch MacBook Pro features …" or "The ceasefire
proposal aims to …" through as attributions. A subject that is a thing says nothing: the speaker
model's best other phrase that may speak takes its place, and failing one the attribution is
dropped rather than shown with a thing for its speaker. A cue that is no verb of saying ("offer",
"allowed") asks more of its source: a numbered product or an unknown capitalised word does not act.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.analyze.attribution.content_model import CUE_PREPOSITIONS, SPEECH_NOUNS, SPEECH_VERBS
from storyline.analyze.names import is_role_noun
from storyline.analyze.things import MODEL_NUMBER, is_thing_name

# Entity types that never speak (a place does, for its government: GPE stays).
# "Twelve percent" and "the two" are people, as in "Twelve percent say …".
THING_ENTITIES = frozenset({"EVENT", "LAW", "FAC", "LOC", "DATE", "TIME", "MONEY", "QUANTITY",
                            "LANGUAGE"})
# Entity types of those who act and speak.
AGENT_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
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


def may_speak(head: Token, actor_type: str | None) -> bool:
    """Whether the head word of a speaker phrase can name a source; `actor_type`: the type of the
    article's actor named at the head, None when no actor is (a name the actor analysis refused
    is a thing)."""
    if head.pos_ in ("PRON", "NUM") or head.ent_type_ == "CARDINAL":
        return True  # "she", "the two", "one of the family's attorneys", "dozens of papers"
    if len(head.text) == 1 and head.is_alpha:
        return False  # "Q", "A": interview labels, not names
    if is_thing_name(head):
        return False
    if actor_type is not None:
        return actor_type != "LOC"  # "Earth", "Southern California": no government speaks for them
    if head.ent_type_ in THING_ENTITIES or head.ent_type_ in ("PERSON", "ORG"):
        return False  # a thing's name, or a name the actor analysis refused as one
    if head.pos_ != "NOUN" or _looks_like_a_name(head) or _names_someone_beside(head):
        return True  # a place, a group, or a name the NER model does not know
    return any(_names_speakers(word) for word in (head.lemma_.lower(), head.lower_))


def _looks_like_a_name(head: Token) -> bool:
    """Capitalised inside a sentence ("a Wines spokesman") or inside the word ("RealClearPolitics");
    a line's first word is capitalised anyway ("Courses on writing a book", a list item)."""
    starts_line = head.i == 0 or "\n" in head.doc[head.i - 1].text + head.doc[head.i - 1].whitespace_
    return (head.is_title and not head.is_sent_start and not starts_line) or any(ch.isupper() for ch in head.text[1:-1])


def _names_someone_beside(head: Token) -> bool:
    """"the election, Minyon Moore, a senior adviser", "Trump avoids" (a headline's verb taken for
    a noun): the parse hung the name off the head word."""
    return any(child.dep_ in ("appos", "compound") and child.ent_type_ in ("PERSON", "ORG")
               for child in head.children)


def _names_speakers(word: str) -> bool:
    if word.endswith("al"):
        return word in AL_PEOPLE or word in GROUP_NOUNS or word in DOCUMENT_NOUNS
    return word in GROUP_NOUNS or word in DOCUMENT_NOUNS or word in PEOPLE_NOUNS or is_role_noun(word)


def acts_unsaid(head: Token, actor_type: str | None) -> bool:
    """Whether a speaker phrase's head may be the subject of a cue that is no verb of saying
    ("backed", "allows", "features"): any source but a numbered name ("The Series 3 features",
    "TNG50 allowed", "The A350 order") or one capitalised word that is neither an actor of the
    article, nor tagged as one, nor a word for people ("Courses", "Bankruptcy"), nor a document
    with its determiner ("Version tested: PC" is a label)."""
    if actor_type in AGENT_ENTITIES:
        return True
    if _is_numbered(head):
        return False
    if actor_type is not None or head.pos_ != "PROPN" or head.ent_type_ in AGENT_ENTITIES:
        return True
    return (head.is_lower or head.is_upper or _acts_capitalised(head)
            or any(child.dep_ == "compound" and child.pos_ == "PROPN" for child in head.children))


def _acts_capitalised(head: Token) -> bool:
    """A capitalised word for people or a body acts bare ("Police allowed"); a document only as
    a document ("The Report allows"): a bare one is a label ("Version tested: PC")."""
    word = head.lower_
    if word in DOCUMENT_NOUNS and word not in GROUP_NOUNS and word not in PEOPLE_NOUNS:
        return any(child.dep_ in ("det", "poss") for child in head.children)
    return _names_speakers(word)


def _is_numbered(head: Token) -> bool:
    """A model or product number: letters and digits in one word ("TNG50", "A350 order",
    "4Motion") or a number after the name ("Series 3"); not a count, a time or a year before it
    ("40 percent", "12:30 p.m. Hillary Clinton", "The 1951 Refugee Convention")."""
    parts = [head, *(child for child in head.children if child.dep_ in ("compound", "nummod"))]
    return any(MODEL_NUMBER.match(part.text) or (part.i > head.i and part.like_num) for part in parts)


def reports_words(cue: Token) -> bool:
    """A verb or noun of saying or thinking ("said", "warned", "hopes", "according to"), which any
    source may be the subject of; other cues ("offer", "features", "allowed") need an agent."""
    lemma = cue.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma in SPEECH_NOUNS or lemma in CUE_PREPOSITIONS or cue.lower_ == "according"


def reports_nothing(cue: Token) -> bool:
    """Verbs the cue model takes for cues that report no words or thought: "voted", "welcomed the
    freeze" (an act, not a claim). PolNeAR annotates "is expected to" and "the bloc aims to" as
    attributions; they stay (dropping them cost PolNeAR dev three right speakers), and "The
    ceasefire proposal aims to" goes for its subject, a thing."""
    lemma = cue.lemma_.lower()
    if lemma == "vote":
        return True
    return lemma == "welcome" and not any(child.dep_ in ("ccomp", "xcomp") for child in cue.children)
