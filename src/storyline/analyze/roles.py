"""Roles and titles as the article gives them, and the title phrases that stand for a person.

A role comes from the parse around a name: a title chain before it ("Russian President
Vladimir Putin"), or an apposition on either side ("Steve Witkoff, Trump's envoy",
"Trump's envoy, Steve Witkoff"). Later "the Russian president" is then read as Putin.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span, Token

from storyline.analyze.names import PERSON_NOUNS, is_role_noun
from storyline.keys import HONORIFICS
from storyline.model import Actor

NOUNS = frozenset({"NOUN", "PROPN"})
# Labels of modifiers that place a known role holder without changing who it is ("the Vermont
# senator"); nationality and party words (NORP) are left out, they tell people apart.
WHERE_OR_WHO_FOR = frozenset({"GPE", "LOC", "ORG"})
# Words that make another office of the same noun: "the president" is not the vice president.
RANKS = frozenset({"vice", "deputy", "assistant", "associate", "acting", "interim", "former", "ex",
                   "lieutenant", "under", "co", "late"})
MAX_ROLE_TOKENS = 8  # longer "appositions" are misparsed clauses, not titles
LEADING_NOISE = frozenset({"det", "predet", "prep", "cc", "punct", "mark", "advmod"})


def roles_of(name: Span, people: set[int]) -> list[str]:
    """Every title the text attaches to this person's name, as written.

    `people` holds the token indices of (corrected) person names, which are never titles.
    """
    phrases = (_title_before(name), *_appositions(name))
    return [role.text for role in (_as_role(phrase, people) for phrase in phrases if phrase) if role]


def _title_before(name: Span) -> Span | None:
    """'Russian President' in 'Russian President Vladimir Putin': the name's pre-modifiers."""
    doc = name.doc
    start = name.root.left_edge.i
    for token in doc[start:name.start]:
        if token.is_space or (token.is_punct and token.tag_ != "HYPH") or "\n" in token.whitespace_:
            start = token.i + 1  # a title never crosses punctuation or a line break
    while start < name.start and doc[start].dep_ in LEADING_NOISE:
        start += 1
    return doc[start:name.start] if start < name.start else None


def _appositions(name: Span):
    """'X, the former secretary of state' and 'Trump's special envoy, X'.

    Only comma appositions: a parenthesis after a name holds a comment or a party, not a title.
    """
    root = name.root
    # In "Trump and Clinton, the nominee" the parse hangs the apposition on Trump; it is Clinton's.
    owners = (root, root.head) if root.dep_ == "conj" else (root,)
    for owner in owners:
        for child in owner.children:
            if (child.dep_ == "appos" and child.i > root.i and _names_a_person(child) and _after_comma(child)
                    and not any(root.i < other.i < child.i for other in owner.children if other.dep_ == "conj")):
                yield noun_phrase(child)
    head = root.head
    if (root.dep_ == "appos" and head.dep_ != "pobj" and _names_a_person(head) and _after_comma(root)
            and not any(child.dep_ == "appos" for child in root.children)):
        yield noun_phrase(head, exclude=root)  # not "until the election, Minyon Moore, an adviser"


def _names_a_person(noun: Token) -> bool:
    """Appositions also attach events and things ("Trump, the big debate", "C2I, a company");
    a role noun looks like an agent ("adviser", "secretary", "president") or is a title."""
    if noun.pos_ not in NOUNS or noun.ent_type_:
        return False
    return is_role_noun(noun.text) or noun.text.istitle()


def _after_comma(token: Token) -> bool:
    start = token.left_edge.i
    return start > 0 and token.doc[start - 1].text == ","


def noun_phrase(head: Token, exclude: Token | None = None) -> Span:
    """The head noun with its modifiers and an 'of'/'for' complement, never the name itself."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and (doc[start].dep_ in LEADING_NOISE or doc[start].is_space):
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "to") and child.i == end:
            end = child.right_edge.i + 1
    if exclude is not None and start <= exclude.i < end:
        return doc[head.i:head.i]
    return doc[start:end]


def with_determiner(phrase: Span) -> Span:
    """'the Russian president' rather than 'Russian president': definiteness decides lookups."""
    doc = phrase.doc
    if phrase.start and doc[phrase.start - 1].pos_ == "DET":
        return doc[phrase.start - 1:phrase.end]
    return phrase


def _as_role(span: Span, people: set[int]) -> Span | None:
    """A title needs a common noun or a role word that is not itself a name or an honorific."""
    if not 0 < len(span) <= MAX_ROLE_TOKENS or span[-1].tag_ == "POS":
        return None
    word = span.root.lower_
    if span.root.tag_ in ("NNS", "NNPS") or (word.endswith("ing") and word not in PERSON_NOUNS):
        return None  # "two Vermont developers", "fact-checking": not one person's title
    if span.root.i in people:
        return None  # another person's name, not a title; "Trump's envoy", "Trump adviser" are fine
    # A bare proper noun before a name is more often a first name than a title ("Gennifer").
    has_title_noun = any((token.pos_ == "NOUN" or (token.pos_ == "PROPN" and is_role_noun(token.text)))
                         and not token.ent_type_ and token.lower_.rstrip(".") not in HONORIFICS
                         for token in span)
    return span if has_title_noun else None


def role_key(role: str) -> str:
    """Roles compare case-insensitively, with straight apostrophes and no article."""
    words = role.replace("’", "'").lower().split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def role_head(role: str) -> str:
    """The noun a role is about: 'adviser' in 'US National Security Adviser', 'secretary' of state."""
    words = role_key(role).split()
    for index, word in enumerate(words):
        if word in ("of", "for", "to") and index:
            return words[index - 1]
    return words[-1] if words else ""


class RoleIndex:
    """Who each role names in this article; a phrase naming several actors names nobody."""

    def __init__(self, roles_by_actor: dict[int, list[str]]):
        self._by_role: dict[str, set[int]] = defaultdict(set)
        self._by_head: dict[str, list[tuple[int, set[str]]]] = defaultdict(list)
        for actor, roles in roles_by_actor.items():
            for role in roles:
                self._by_role[role_key(role)].add(actor)
                self._by_head[role_head(role)].append((actor, set(role_key(role).split())))

    @classmethod
    def of(cls, actors: list[Actor]) -> RoleIndex:
        return cls({i: actor.roles for i, actor in enumerate(actors) if actor.roles})

    def heads(self) -> set[str]:
        return set(self._by_head)

    def lookup(self, phrase: Span) -> int | None:
        """'the Russian president' by the full role; 'the envoy' or 'the Democratic nominee'
        (of 'Democratic presidential nominee') by a shorter form of one, and 'the Vermont senator'
        with a place or organisation the role leaves out; but not 'a spokesman': an indefinite
        phrase brings in someone new unless it gives the whole role."""
        key = role_key(phrase.text)
        candidates = self._by_role.get(key, set())
        if not candidates and phrase.text.lower().startswith(("the ", "this ")):
            words = [token for token in phrase[1:] if not token.is_punct]
            said = {token.lower_ for token in words}
            candidates = {actor for actor, role_words in self._by_head.get(role_head(phrase.text), [])
                          if not (role_words - said) & RANKS
                          and all(token.lower_ in role_words or token.ent_type_ in WHERE_OR_WHO_FOR
                                  for token in words)}
        return next(iter(candidates)) if len(candidates) == 1 else None


def title_references(doc: Doc, index: RoleIndex, taken: set[int]) -> list[tuple[Span, int]]:
    """'The Russian president', 'the envoy': definite phrases headed by a known role noun.

    `taken` holds tokens already inside a name mention; a role noun there is not a reference.
    """
    heads = index.heads()
    found = []
    for token in doc:
        if token.lower_ not in heads or token.pos_ not in NOUNS or token.i in taken:
            continue
        if token.dep_ == "compound":
            continue  # part of a title chain before a name, already a name mention
        phrase = with_determiner(noun_phrase(token))
        actor = index.lookup(phrase) if phrase[0].lower_ == "the" else None
        if actor is not None:
            found.append((phrase, actor))
    return found
