"""Is an indirect quote a report of a direct one? Compared by the claim, not the wording.

"I will not resign," she said → She said that she would not resign. Reported speech shifts
pronouns ("I" → "she"), tenses ("will" → "would") and adds "that"; those are function words,
so the claim lives in the content words. Two reports make the same claim when nearly all the
indirect one's content words (stemmed by `keys.stem`, as stories stem: "bears" = "bear") are
in the direct one.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.keys import stem
from storyline.threads.words import words

MIN_SHARED_CLAIM_WORDS = 3
MIN_SHARED_COMMON_WORDS = 2  # of them, words no name: a story's names ("Endangered Species Act") are its topic, not a claim
MIN_CLAIM_COVERED = 0.6  # share of the indirect report's content words found in the direct quote
NEGATIONS = {"not", "no", "never", "n't", "nothing", "none", "nor", "cannot"}


@lru_cache(maxsize=65536)
def names(text: str) -> frozenset[str]:
    """Claim words written capitalised where no sentence starts: names, titles, the topic. A
    capitalised first word counts unless it is a function word ("The", "It")."""
    out = set()
    for n, word in enumerate(words(text)):
        before = text[: word.start].rstrip()
        sentence_start = n > 0 and (not before or before[-1] in ".!?:\"“")
        token = _claim_token(word.text)
        if text[word.start].isupper() and not sentence_start and token not in STOP_WORDS:
            out.add(stem(token))
    return frozenset(out)


def _claim_token(word: str) -> str:
    return word.removesuffix("'s").replace("n't", " not").split()[-1]


@lru_cache(maxsize=65536)  # a story's quotes are compared again with each article that joins it
def claim_words(text: str) -> frozenset[str]:
    """The content words of a claim, stemmed; negations kept, since they reverse it."""
    out = set()
    for word in words(text):
        token = _claim_token(word.text)
        if token in NEGATIONS:
            out.add("not")
        elif token not in STOP_WORDS and (not token.isdigit() or len(token) > 3):  # years count
            out.add(stem(token))
    return frozenset(out)


@lru_cache(maxsize=65536)
def negated_words(text: str) -> frozenset[str]:
    """Stems of the content words a negation governs: "will not accept any deal" → {"accept"}."""
    tokens = [_claim_token(w.text) for w in words(text)]
    out = set()
    for n, token in enumerate(tokens):
        if token in NEGATIONS:
            following = [t for t in tokens[n + 1 : n + 4] if t not in STOP_WORDS and t not in NEGATIONS]
            out.update(stem(t) for t in following[:1])
    return frozenset(out)


def is_paraphrase(direct: str, indirect: str) -> int:
    """How many claim words an indirect report shares with a direct quote it reports (0: none)."""
    said, reported = claim_words(direct), claim_words(indirect)
    shared = said & reported
    if "not" in reported and "not" not in said:
        return 0  # "she would not resign" does not report "I will resign"
    if "not" not in reported and negated_words(direct) & shared:
        return 0  # nor does "she would resign" report "I will not resign"
    common = shared - names(direct) - names(indirect) - {"not"}
    if (len(shared) < MIN_SHARED_CLAIM_WORDS or len(common) < MIN_SHARED_COMMON_WORDS
            or len(shared) < MIN_CLAIM_COVERED * len(reported)):
        return 0
    return len(shared)
