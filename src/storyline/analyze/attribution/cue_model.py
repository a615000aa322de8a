"""A small learned model that says whether a word is an attribution cue.

PolNeAR attributes far more than speech: "backed", "opposed", "hopes", "signed", "her view".
No hand lexicon covers that tail, so a logistic regression over parse features (lemma,
dependents, subject type) trained on the PolNeAR train split decides; the lexicon in `content_model`
is one of its features. The weights ship as a plain JSON map from feature to weight, so
scoring needs no machine-learning library (`weights`): retrain with `scripts/train_attribution.py`.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.analyze.attribution.content_model import CONSTRUCTION_CUES, SPEECH_NOUNS, SPEECH_VERBS
from storyline.analyze.attribution.weights import decides, probability

CUE_MODEL = "cue_model"
CANDIDATE_POS = {"VERB", "NOUN", "ADJ"}
COMPLEMENT_DEPS = ("ccomp", "xcomp", "dobj", "prep", "acl", "attr", "acomp", "oprd", "dative", "agent", "poss")


def is_candidate(token: Token) -> bool:
    return token.pos_ in CANDIDATE_POS or token.lower_ == "according"


def cue_features(token: Token) -> list[str]:
    """Parse facts about a candidate cue, as feature names."""
    lemma = token.lemma_.lower()
    children = list(token.children)
    deps = sorted({c.dep_ for c in children if c.dep_ in COMPLEMENT_DEPS})
    preps = sorted({c.lower_ for c in children if c.dep_ == "prep"})
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    features = [
        f"lemma={lemma}", f"pos={token.pos_}", f"tag={token.tag_}", f"dep={token.dep_}",
        f"lemma|dep={lemma}|{token.dep_}", f"head={token.head.lemma_.lower()}",
        f"head_pos={token.head.pos_}", f"lexicon={lemma in SPEECH_VERBS or lemma in SPEECH_NOUNS}",
        f"next={token.nbor(1).lower_ if token.i + 1 < len(token.doc) else '<end>'}",
        f"lemma|next={lemma}|{token.nbor(1).lower_ if token.i + 1 < len(token.doc) else '<end>'}",
    ]
    features += [f"child={dep}" for dep in deps] + [f"lemma|child={lemma}|{dep}" for dep in deps]
    features += [f"prep={p}" for p in preps] + [f"lemma|prep={lemma}|{p}" for p in preps]
    features += [f"pos|child={token.pos_}|{dep}" for dep in deps]
    if subject is not None:
        features += [f"subj_ent={subject.ent_type_ or subject.pos_}", f"subj_dep={subject.dep_}",
                     f"lemma|subj={lemma}|{subject.ent_type_ or subject.pos_}"]
    else:
        features.append("no_subject")
    if any(c.dep_ == "neg" for c in children):
        features.append("negated")
    if any(g.lower_ == "that" and g.dep_ == "mark" for c in children if c.dep_ == "ccomp" for g in c.children):
        features.append("that_clause")
    # Light verbs are cues only with the right object: "made the case", not "made a dent".
    features += [f"lemma|obj={lemma}|{c.lemma_.lower()}" for c in children if c.dep_ == "dobj"]
    previous = token.nbor(-1).lower_ if token.i > 0 else "<start>"
    features += [f"prev={previous}", f"lemma|prev={lemma}|{previous}"]
    ancestors = list(token.ancestors)
    features.append(f"depth={min(len(ancestors), 3)}")
    # A word inside what another cue reports is not annotated (PolNeAR keeps the outermost only).
    if any(a.lemma_.lower() in SPEECH_VERBS for a in ancestors):
        features.append("under_speech_verb")
    return features


def cue_probability(token: Token) -> float:
    return probability(CUE_MODEL, cue_features(token))


def is_cue(token: Token) -> bool:
    """The model decides, except for words whose construction makes them cues ("reportedly",
    "in a poll"): `find_cue` checks the construction."""
    return token.lower_ in CONSTRUCTION_CUES or (is_candidate(token) and decides(CUE_MODEL, cue_features(token)))
