"""A small learned model that picks each attribution's speaker among the noun phrases near its cue.

The parse rules in `speakers` give one answer (the cue's subject, passive agent, possessor …),
but parses go wrong and PolNeAR's sources follow conventions no rule states ("who" in a
relative clause, no source for "is expected to"). So every noun-phrase head in the cue's
sentence, the rules' choice and "no speaker" are candidates; a logistic regression trained on
PolNeAR train scores each by parse facts (its path to the cue, side, distance, entity type,
whether the rules chose it) and the best one wins. Weights ship as JSON like the cue model's;
`scripts/train_attribution.py --model speaker` retrains them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.analyze.attribution.quote_marks import QUOTE_CHARS
from storyline.analyze.attribution.speakers import clean, within_one_block
from storyline.analyze.attribution.types import Attribution
from storyline.analyze.attribution.weights import probability

SPEAKER_MODEL = "speaker_model"
HEAD_POS = {"PROPN", "NOUN", "PRON"}
MODIFIER_DEPS = {"compound", "amod", "det", "nummod", "npadvmod", "quantmod"}
# Candidates stand at most this many tokens from the cue: a speaker further away in the same
# sentence is rare, and the cap keeps the cost per cue constant in a sentence of any length.
MAX_CANDIDATE_DISTANCE = 40


@dataclass
class Candidate:
    """One possible speaker: its tokens (empty for "no speaker") and the facts that score it."""

    tokens: list[Token]
    features: list[str]


def _distance_bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else ">10"


def _path(cue_chain: dict[int, int], head: Token) -> str:
    """Steps up from the cue (`cue_chain`: the index of it and each ancestor → steps from the
    cue) to the lowest common ancestor, then down to the head, capped."""
    for down, token in enumerate((head, *head.ancestors)):
        if token.i in cue_chain:
            return f"{min(cue_chain[token.i], 3)}/{min(down, 3)}"
    return "none"


def _noun_phrase(head: Token, excluded: set[int]) -> list[Token]:
    """The head with everything it governs to its left ("Gary Johnson's doctor"), as a reader
    would name the speaker, less any words of the quote itself."""
    return [tok for tok in head.doc[head.left_edge.i : head.i + 1] if tok.i not in excluded]


def _head_features(cue: Token, cue_chain: dict[int, int], head: Token, prefix: str) -> list[str]:
    """Where a candidate's head stands from the cue (`cue_chain`: see `_path`): path in the
    tree, side, distance, type."""
    side = "before" if head.i < cue.i else "after"
    path = _path(cue_chain, head)
    is_subject = head.dep_ in ("nsubj", "nsubjpass") and head.head.i in cue_chain
    cue_lemma = cue.lemma_.lower()
    features = [
        f"dep={head.dep_}", f"pos={head.pos_}", f"ent={head.ent_type_ or '-'}", f"side={side}",
        f"dist={_distance_bucket(abs(head.i - cue.i))}", f"path={path}", f"path|dep={path}|{head.dep_}",
        f"side|dep={side}|{head.dep_}", f"head_is_cue|dep={head.head == cue}|{head.dep_}",
        f"subject_of_cue_chain={is_subject}", f"cue|dep={cue_lemma}|{head.dep_}",
        f"ent|side={head.ent_type_ or '-'}|{side}", f"same_sent={head.sent == cue.sent}",
        f"pron={head.lower_ if head.pos_ == 'PRON' else '-'}",
    ]
    return [prefix + feature for feature in features]


def _cue_features(cue: Token, kind: str) -> list[str]:
    """Facts about the cue that tell whether PolNeAR would name a source at all."""
    deps = sorted({child.dep_ for child in cue.children})
    return ["none", f"none|cue={cue.lemma_.lower()}", f"none|cue_tag={cue.tag_}", f"none|cue_dep={cue.dep_}",
            f"none|kind={kind}", f"none|cue_head={cue.head.lemma_.lower()}",
            f"none|tag|dep={cue.tag_}|{cue.dep_}", *(f"none|child={dep}" for dep in deps)]


def candidates(doc: Doc, text: str, attribution: Attribution, content_tokens: set[int]) -> list[Candidate]:
    """The rules' speaker, every other noun-phrase head of the cue's sentence near the cue and
    outside the content, and no speaker; each with its features. `text` is `doc.text`, built once."""
    cue = attribution.cue[0]
    cue_chain = {token.i: steps for steps, token in enumerate((cue, *cue.ancestors))}
    rule = attribution.speaker
    rule_ids = {tok.i for tok in rule}
    kind = "direct" if text[attribution.content[0][0]] in QUOTE_CHARS else "reported"
    found = [Candidate([], _cue_features(cue, kind) + [f"none|rule={bool(rule)}"])]
    if rule:
        head = doc[rule[0].i : rule[-1].i + 1].root
        found.append(Candidate(rule, ["rule", f"rule|kind={kind}", *_head_features(cue, cue_chain, head, "rule|")]))
    sentence = cue.sent
    nearby = doc[max(sentence.start, cue.i - MAX_CANDIDATE_DISTANCE) : min(sentence.end, cue.i + MAX_CANDIDATE_DISTANCE + 1)]
    for token in nearby:
        if (token.pos_ not in HEAD_POS or token.dep_ in MODIFIER_DEPS or token.i in content_tokens
                or token.i in rule_ids or token == cue or _apart(text, token, cue)):
            continue
        features = ["other", f"other|kind={kind}", f"other|rule={bool(rule)}",
                    *_head_features(cue, cue_chain, token, "other|")]
        found.append(Candidate(_noun_phrase(token, content_tokens), features))
    return found


def _apart(text: str, token: Token, cue: Token) -> bool:
    """A line break or a bar stands between the two: another paragraph, a heading, a menu item."""
    between = text[min(token.idx, cue.idx) : max(token.idx, cue.idx)]
    return "\n" in between or " | " in between


def choose_speakers(doc: Doc, text: str, attributions: list[Attribution],
                    may_speak: Callable[[list[Token]], bool] = lambda tokens: True) -> None:
    """Replace each attribution's speaker by the best-scoring candidate; when that is a thing
    (`may_speak` says no), by the best other phrase that may speak, if any. Attributions whose cue
    is a mark (a colon label, a dash signature) keep the speaker the layout gave them."""
    for attribution in attributions:
        if not attribution.cue or not attribution.cue[0].is_alpha:
            continue
        options = candidates(doc, text, attribution, attribution.content_token_ids(doc))
        ranked = sorted(options, key=lambda c: probability(SPEAKER_MODEL, c.features), reverse=True)
        chosen = ranked[0]
        if chosen.tokens and not may_speak(chosen.tokens):  # the best other that may speak, asked in rank order
            chosen = next((c for c in ranked if c.tokens and may_speak(c.tokens)), chosen)
        attribution.speaker = _in_cue_block(text, chosen.tokens, attribution.cue[0])


def _in_cue_block(text: str, tokens: list[Token], cue: Token) -> list[Token]:
    """The speaker's words in the cue's own block, whichever rule or candidate chose them."""
    kept = [token for token in tokens if not _apart(text, token, cue)]
    return clean(within_one_block(kept, cue_after=bool(kept) and kept[-1].i < cue.i))
