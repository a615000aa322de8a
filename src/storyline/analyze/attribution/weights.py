"""The shipped attribution models: logistic regressions stored as JSON maps from feature to weight.

Scoring needs no machine-learning library, only this module; `scripts/train_attribution.py`
(scikit-learn) writes the files in `models/`.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

MODELS = Path(__file__).parent / "models"


@lru_cache(maxsize=8)
def load_model(name: str) -> tuple[dict[str, float], float]:
    """(weights, decision threshold) of `models/<name>.json`."""
    model = json.loads((MODELS / f"{name}.json").read_text(encoding="utf-8"))
    return model["weights"], model.get("threshold", 0.5)


def probability(name: str, features: list[str]) -> float:
    """The model's probability for an example described by its feature names."""
    weights, _ = load_model(name)
    score = weights.get("bias", 0.0) + sum(weights.get(feature, 0.0) for feature in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def decides(name: str, features: list[str]) -> bool:
    """Whether the probability reaches the threshold chosen at training time."""
    return probability(name, features) >= load_model(name)[1]
