"""Train the cue model (`storyline/analyze/models/attribution/cue_model.json`) on PolNeAR train.

    python scripts/train_attribution.py --data ../shared/data/polnear/train [--docs /tmp/train.spacy]

Every candidate word (verb, noun, adjective, "according") of every article is an example;
it is positive when it lies inside a gold Cue span. A logistic regression (scikit-learn,
needed only here) learns the weights; a fifth of the articles is held out to pick the
probability threshold (recall-weighted F), then all are learned from. Small weights are
dropped to keep the file small. `--docs` reuses parsed docs (a DocBin in sorted file order).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from polnear_scoring import load_gold  # noqa: E402

from storyline.analyze.nlp import load_nlp  # noqa: E402
from storyline.analyze.quote_model import MODEL_PATH, cue_features, is_candidate  # noqa: E402
from storyline.config import Settings  # noqa: E402

MIN_WEIGHT = 0.05
BETA = 1.5
HELD_OUT_EVERY = 5  # every fifth article picks the threshold


def examples(doc, attributions) -> tuple[list[dict], list[int]]:
    cue_chars = {c for a in attributions for s, e in a.get("cue", []) for c in range(s, e)}
    rows, labels = [], []
    for token in doc:
        if is_candidate(token):
            rows.append({feature: 1 for feature in cue_features(token)})
            labels.append(int(token.idx in cue_chars))
    return rows, labels


def best_threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The threshold with the best recall-weighted F (beta 1.5): the parse rules downstream drop
    cues with no content or inside another quote, so recall is scarcer than precision."""
    best, best_f = 0.5, 0.0
    for threshold in np.arange(0.1, 0.8, 0.02):
        predicted = probabilities >= threshold
        tp = float((predicted & (labels == 1)).sum())
        precision, recall = tp / max(predicted.sum(), 1), tp / max(labels.sum(), 1)
        f = (1 + BETA**2) * precision * recall / (BETA**2 * precision + recall) if tp else 0.0
        if f > best_f:
            best, best_f = float(threshold), f
    print(f"held-out cue F{BETA} {100 * best_f:.1f} at threshold {best:.2f}")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--docs", type=Path, help="parsed docs (DocBin) of the texts in sorted order")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    nlp = load_nlp(Settings().spacy_model)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((args.data / "text").glob("*.txt"))}
    docs = DocBin().from_disk(args.docs).get_docs(nlp.vocab) if args.docs else nlp.pipe(texts.values())
    gold = load_gold(args.data)
    split = {True: ([], []), False: ([], [])}
    for n, (stem, doc) in enumerate(zip(texts, docs)):
        rows, labels = examples(doc, gold.get(stem, []))
        held_out = n % HELD_OUT_EVERY == 0
        split[held_out][0].extend(rows)
        split[held_out][1].extend(labels)
    vectorizer = DictVectorizer()
    x_train = vectorizer.fit_transform(split[False][0])
    model = LogisticRegression(C=0.5, max_iter=2000)
    model.fit(x_train, split[False][1])
    held_out = model.predict_proba(vectorizer.transform(split[True][0]))[:, 1]
    threshold = best_threshold(held_out, np.array(split[True][1]))
    x_all = vectorizer.fit_transform(split[False][0] + split[True][0])
    model.fit(x_all, split[False][1] + split[True][1])  # the threshold is chosen; now learn from all
    names = vectorizer.get_feature_names_out()
    weights = {name: round(float(w), 3) for name, w in zip(names, model.coef_[0]) if abs(w) >= MIN_WEIGHT}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 3)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"threshold": round(threshold, 2), "weights": weights}, sort_keys=True))
    print(f"{len(weights)} weights written to {args.out}")


if __name__ == "__main__":
    main()
