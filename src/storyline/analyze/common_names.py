"""Names made of common words that the NER model calls people ("Magic Box", "Fact Checker").

A small model tags most runs of capitalised words as a person. A person's name has a given name
("Walter Reed") or something in the text that treats it as a person: a title or an apposition
("philosopher Marshall McLuhan", "the Mexican billionaire Carlos Slim"), an honorific, other
people it is listed with ("Oscar Robertson, Russell Westbrook and Magic Johnson"), a role it is
named to ("Chad Wolf has been named acting secretary"), "he", "she", "his" or "her" right after
it, or a verb of saying it is the bare subject of ("Woods said"). A "person" whose every word is an
English common noun or adjective (the lemmatizer's own word index) and that has none of these
is no person: where it acts ("according to The Washington Post's Fact Checker", "sacked by
Manchester United") it is an organisation; elsewhere it is a thing and no actor.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.lookups import Table
from spacy.tokens import Doc, Span, Token

from storyline.analyze.names import is_role_noun
from storyline.analyze.roles import roles_of
from storyline.keys import HONORIFICS, bare_name, is_given_name

# Where the lemmatizer's word index is kept on the vocabulary (`keep_word_index`).
WORD_INDEX = "storyline_word_index"
WORD_CLASSES = ("noun", "adj")
PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
# Where a name acts as a source or an agent does.
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
SPEECH_VERBS = frozenset({"say", "tell", "add", "explain", "insist", "ask", "reply", "recall"})
ACTING_PREPOSITIONS = frozenset({"by", "to", "from"})  # "sacked by X", "according to X", "a letter from X"


def keep_word_index(nlp: Language) -> None:
    """Put the rule lemmatizer's index of English nouns and adjectives on the vocabulary, where
    analysis finds it through any doc; a pipeline without one leaves every name as it is."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    nlp.vocab.lookups.add_table(WORD_INDEX, {word: True for kind in WORD_CLASSES for word in index.get(kind, ())})


def without_common_word_people(spans: list[Span]) -> list[Span]:
    """The spans with every "person" of common words and no person context (nor its surname alone)
    an organisation where it acts, and dropped elsewhere."""
    if not spans or not spans[0].doc.vocab.lookups.has_table(WORD_INDEX):
        return spans
    words = spans[0].doc.vocab.lookups.get_table(WORD_INDEX)
    people = {i for span in spans if span.label_ == "PERSON" for i in range(span.start, span.end)}
    named: dict[str, list[Span]] = {}  # a name → its spans, and those of its surname alone
    for span in spans:
        if span.label_ == "PERSON":
            named.setdefault(bare_name(span.text), []).append(span)
    for name in [name for name in named if " " in name]:
        named[name] = named[name] + named.get(name.split()[-1], [])
    not_people = {name for name, uses in named.items() if _of_common_words(name, words)
                  and not any(_person_context(span, people) for span in uses) and not _speaks(spans[0].doc, name)}
    not_people |= {name.split()[-1] for name in not_people}
    fixed = []
    for span in spans:
        if span.label_ != "PERSON" or bare_name(span.text) not in not_people:
            fixed.append(span)
        elif _acts(span.root):
            fixed.append(Span(span.doc, span.start, span.end, label="ORG"))
    return fixed


def _of_common_words(name: str, words: Table) -> bool:
    """Two or more capitalised words, each a common noun or adjective, none a given name."""
    parts = name.split()
    return len(parts) > 1 and all(part.isalpha() and part.istitle() and part.lower() in words
                                  and not is_given_name(part) for part in parts)


def _person_context(span: Span, people: set[int]) -> bool:
    root = span.root
    before = span.doc[span.start - 1] if span.start else None
    return (bool(roles_of(span, people))
            or (before is not None and (before.lower_.rstrip(".") in HONORIFICS
                                        or (before.pos_ == "NOUN" and is_role_noun(before.lower_))))
            or any(token.ent_type_ == "PERSON" and token not in span for token in _listed_with(root))
            or any(child.dep_ in ("attr", "oprd") and is_role_noun(child.lemma_) for child in root.head.children)
            or _followed_by_pronoun(span))


def _listed_with(root: Token) -> list[Token]:
    """The names in a list or apposition with this one ("Oscar Robertson, Russell Westbrook")."""
    near = [*root.conjuncts, *(child for child in root.children if child.dep_ in ("appos", "conj"))]
    if root.dep_ in ("appos", "conj"):
        near.append(root.head)
    return near


def _followed_by_pronoun(span: Span) -> bool:
    """"he", "she", "his" or "her" in the rest of its sentence or in the next one, before another
    person ("… Marshall McLuhan. He wrote …", "Tiger Woods won the Masters. It was his fifth …")."""
    end = span.doc[span.sent.end].sent.end if span.sent.end < len(span.doc) else span.sent.end
    for token in span.doc[span.end:end]:
        if token.ent_type_ == "PERSON":
            return False
        if token.lower_ in PERSON_PRONOUNS:
            return True
    return False


def _speaks(doc: Doc, name: str) -> bool:
    """Its surname, bare, is somewhere the subject of a verb of saying ("Woods said"; not "the
    Fact Checker said"), tagged a person or not."""
    surname = name.split()[-1]
    return any(token.text == surname and token.dep_ == "nsubj" and token.head.lemma_ in SPEECH_VERBS
               and not any(child.dep_ == "det" for child in token.children) for token in doc)


def _acts(root: Token) -> bool:
    """The subject or possessor of a clause, or the object of "by", "according to", "from"."""
    return root.dep_ in ACTING_DEPS or (root.dep_ == "pobj" and root.head.lower_ in ACTING_PREPOSITIONS)
