"""Who a cue's speaker is: the span as written, then the actor it refers to.

The span comes from the parse (subject, passive agent, possessor, "according to" object). The
actor comes from `actor_for_span` for names and titles ("the Russian president"); pronouns,
which name nobody, are resolved here to the person the text was last talking about, because
"He proposed that …" nearly always continues the subject of the sentences before it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from storyline.analyze.attribution.content_model import RAISING_VERBS
from storyline.model import Actor, Mention

PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "them", "their", "we", "our"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
SENTENCE_ENDS = {".", "!", "?"}
# Words that open a sentence and never continue a name: "While", "The", "He", "But", "So".
CLAUSE_STARTS = {"SCONJ", "DET", "PRON", "CCONJ", "ADV"}
GROUP_TYPES = {"ORG", "NORP", "GPE"}
EXPLETIVE_VERBS = {"be", "seem", "appear", "remain"}
# A cue in one of these relations shares its head's subject: "backed X but insisted on Y",
# "was hopeful that", "has been a critic of".
CLIMB_DEPS = ("conj", "xcomp", "advcl", "acomp", "attr", "dobj", "pobj", "pcomp", "prep", "acl")
# How far back (in sentences) a pronoun may look for its antecedent.
ANTECEDENT_WINDOW = 4


def clean(tokens: list[Token]) -> list[Token]:
    """Drop punctuation and spaces at the edges of a speaker span."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _noun_phrase(token: Token) -> list[Token]:
    if token.lower_ in RELATIVE_PRONOUNS:
        return [token]  # "Putin, who said …": the source as written is "who"; resolution finds Putin
    tokens = list(token.subtree)
    return clean(within_one_block(tokens, cue_after=token.head.i > tokens[-1].i))


def within_one_block(tokens: list[Token], cue_after: bool) -> list[Token]:
    """The phrase's part next to its cue: a source never runs across a line break ("7 p.m.\n\n
    Donald Trump said", a shop widget fused into the text), a bar ("… | Lawmakers spar"), a
    sentence's end, nor into a bracket left open ("The Eagles (6-5")."""
    breaks = [at for at, tok in enumerate(tokens) if _breaks(tok) or "\n" in tok.whitespace_]
    if breaks and cue_after:  # the cue follows: the last block
        tokens = tokens[breaks[-1] + 1:]
    elif breaks:  # the cue comes first ("said … Trump"): the first block
        tokens = tokens[:breaks[0] + (0 if _breaks(tokens[breaks[0]]) else 1)]
    opened = next((at for at, tok in enumerate(tokens) if tok.text == "("
                   and not any(t.text == ")" for t in tokens[at:])), None)
    return tokens[:opened] if opened else tokens


def _breaks(token: Token) -> bool:
    """A line break, a bar, or a full stop before a capitalised word that starts a clause, not a
    name (the parse ran two sentences into one: "The group state that … PS4 Pro. While Chromecast
    users …"; but "Lt. Gen. Michael Flynn" is one name)."""
    return "\n" in token.text or token.text == "|" or (
        token.text in SENTENCE_ENDS and token.i + 1 < len(token.doc) and token.nbor().is_title
        and token.nbor().pos_ in CLAUSE_STARTS)


def _modified_noun(clause: Token) -> list[Token]:
    """"A super PAC supporting Rubio": the noun a participle clause hangs from, without the clause."""
    inside = {tok.i for tok in clause.subtree}
    return clean([tok for tok in clause.head.subtree if tok.i not in inside and tok.i < clause.i])


def _relative_antecedent(pronoun: Token) -> list[Token]:
    return _modified_noun(pronoun.head) if pronoun.head.dep_ == "relcl" else []


def speaker_tokens(anchor: Token, excluded: frozenset[int] = frozenset()) -> list[Token]:
    """The source noun phrase for a cue anchored at `anchor`; empty when the source is implicit.
    Tokens in `excluded` (a quote's own words, misparsed as the subject) are never the source."""
    if anchor.pos_ == "ADP":  # "according to X", "in a Fox poll"
        return next((_noun_phrase(c) for c in anchor.children if c.dep_ == "pobj"), [])
    if anchor.lemma_ in RAISING_VERBS or _is_bare_participle(anchor):
        return []  # "They appear to …", "Asked whether …, Reid said": PolNeAR gives no source
    seen = set()
    while anchor.i not in seen:
        seen.add(anchor.i)
        children = [child for child in anchor.children if child.i not in excluded]
        for child in children:
            if child.dep_ == "agent":
                objects = [grand for grand in child.children if grand.dep_ == "pobj"]
                if objects:
                    return _noun_phrase(objects[0])
        for child in children:
            if child.dep_ in ("nsubj", "poss") and not _is_expletive(child):
                return _noun_phrase(child)
            if child.dep_ == "nsubjpass":
                return []
        if anchor.dep_ == "acl" and anchor.tag_ == "VBG":
            return _modified_noun(anchor)
        if anchor.dep_ == "acl" and anchor.tag_ == "VBN":
            return []  # "a developer known to be bullish": passive, and no agent was found above
        if anchor.dep_ in CLIMB_DEPS and anchor.head != anchor:
            anchor = anchor.head
        elif anchor.dep_ == "relcl":
            return _noun_phrase(anchor.head)
        else:
            break
    return []


def nearest_name(cue: Token, frame: list[Token]) -> list[Token]:
    """When the parse gives a cue no subject, the name or pronoun closest to it in the frame;
    none when that name runs on past the frame ("revealed at ‘2018 Welcome Daehak-ro Festival’":
    "Welcome" is a word of an event's name)."""
    names = [tok for tok in frame if tok.pos_ in ("PROPN", "PRON") and tok != cue]
    if not names:
        return []
    name = min(names, key=lambda tok: abs(tok.i - cue.i))
    while name.dep_ == "compound":
        if name.head not in frame:
            return []
        name = name.head
    return [tok for tok in name.subtree if tok in frame]


def _is_bare_participle(verb: Token) -> bool:
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for child in verb.children)


def _is_expletive(subject: Token) -> bool:
    """"There is concern", "it seems that": a subject that names nobody (PolNeAR leaves these out);
    "It added that" is different: there "it" is the company or paper just named."""
    lower = subject.lower_
    return lower == "there" or (lower == "it" and subject.head.lemma_ in EXPLETIVE_VERBS)


def _antecedent(doc: Doc, pronoun: Token, actors: list[Actor], mentions: list[Mention]) -> int | None:
    """The actor a pronoun most likely refers to: the nearest earlier subject of a fitting type."""
    wanted = GROUP_TYPES if pronoun.lower_ in GROUP_PRONOUNS else {"PERSON"}
    sentences = [sent for sent in doc.sents if sent.start <= pronoun.i][-ANTECEDENT_WINDOW:]
    for sent in reversed(sentences):
        candidates = [m for m in mentions if sent.start_char <= m.start < min(sent.end_char, pronoun.idx)]
        fitting = [m for m in candidates if actors[m.actor].type in wanted]
        if not fitting:
            continue
        subjects = [m for m in fitting if _is_subject(doc.char_span(m.start, m.end, alignment_mode="expand"))]
        # The sentence's first subject is its topic; without one, the closest mention wins.
        return subjects[0].actor if subjects else fitting[-1].actor
    return None


def _is_subject(span: Span | None) -> bool:
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def resolve_speaker(doc: Doc, tokens: list[Token], actors: list[Actor], mentions: list[Mention],
                    named: Callable[[list[Token]], int | None]) -> int | None:
    """The actor index a speaker span refers to, following pronouns back to their antecedent;
    `named` gives the actor a phrase names (`actor_for_span`, looked up once per phrase)."""
    if not tokens:
        return None
    actor = named(tokens)
    if actor is not None:
        return actor
    head = doc[tokens[0].i : tokens[-1].i + 1].root
    if head.lower_ in RELATIVE_PRONOUNS:
        return resolve_speaker(doc, _relative_antecedent(head), actors, mentions, named)
    if head.lower_ in PERSONAL_PRONOUNS | GROUP_PRONOUNS:
        return _antecedent(doc, head, actors, mentions)
    return None
