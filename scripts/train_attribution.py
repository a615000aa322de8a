"""Train the attribution models (`storyline/analyze/models/attribution/`) on PolNeAR train.

    python scripts/train_attribution.py --data ../shared/data/polnear/train [--docs /tmp/train.spacy]
    python scripts/train_attribution.py --speakers --data ../shared/data/polnear/train [--docs …]

The cue model (the default):

Every candidate word (verb, noun, adjective, "according") of every article is an example;
it is positive when it lies inside a gold Cue span. A logistic regression (scikit-learn,
needed only here) learns the weights; a fifth of the articles is held out to pick the
probability threshold (recall-weighted F), then all are learned from. Small weights are
dropped to keep the file small. `--docs` reuses parsed docs (a DocBin in sorted file order).

The speaker model (`--speakers`): every attribution the pipeline finds whose content matches a
gold one (the benchmark's Dice rule) gives one example per speaker candidate; a candidate is
positive when it shares a word with the gold source ("no speaker" when the gold has none).
It reports, on the held-out fifth, how often the rules and the model pick a right speaker.
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

from polnear_scoring import _shares_word, load_gold, match  # noqa: E402

from storyline.analyze.nlp import load_nlp  # noqa: E402
from storyline.analyze import speaker_model  # noqa: E402
from storyline.analyze.quote_model import MODEL_PATH, cue_features, is_candidate  # noqa: E402
from storyline.analyze.quotes import find_attributions  # noqa: E402
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


def speaker_examples(doc, attributions) -> list[tuple[list[dict], list[int]]]:
    """Per matched attribution: its candidates' features and labels (the rules' choice first
    among the labelled rows' order as `candidates` gives it)."""
    text = doc.text
    found = [a for a in find_attributions(doc, text) if a.cue and a.cue[0].is_alpha]
    predicted = [{"content": a.content} for a in found]
    groups = []
    for i, j in match(text, predicted, attributions):
        attribution, gold_source = found[i], attributions[j].get("speaker", [])
        content_tokens = {tok.i for start, end in attribution.content
                          for tok in (doc.char_span(start, end, alignment_mode="expand") or [])}
        options = speaker_model.candidates(doc, attribution, content_tokens)
        labels = [int(_shares_word(text, _char_spans(c.tokens), gold_source)) for c in options]
        groups.append(([{f: 1 for f in c.features} for c in options], labels))
    return groups


def _char_spans(tokens) -> list[tuple[int, int]]:
    return [(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))] if tokens else []


def train_speakers(texts, docs, gold, out: Path) -> None:
    split = {True: [], False: []}
    for n, (stem, doc) in enumerate(zip(texts, docs)):
        split[n % HELD_OUT_EVERY == 0] += speaker_examples(doc, gold.get(stem, []))
    vectorizer = DictVectorizer()

    def fit(groups):
        rows = [row for features, labels in groups if any(labels) for row in features]
        labels = [label for _, group in groups if any(group) for label in group]
        model = LogisticRegression(C=0.3, max_iter=3000)
        model.fit(vectorizer.fit_transform(rows), labels)
        return model

    model = fit(split[False])
    rules = chosen = 0
    for features, labels in split[True]:
        rule = next((k for k, f in enumerate(features) if "rule" in f), 0)  # else "no speaker"
        scores = model.decision_function(vectorizer.transform(features))
        rules += labels[rule]
        chosen += labels[int(np.argmax(scores))]
    held_out = max(len(split[True]), 1)
    print(f"held-out speaker right: rules {100 * rules / held_out:.1f}%, model {100 * chosen / held_out:.1f}%"
          f" over {len(split[True])} matched attributions")
    model = fit(split[False] + split[True])
    write_weights(vectorizer, model, out, threshold=None)


def write_weights(vectorizer, model, out: Path, threshold: float | None) -> None:
    names = vectorizer.get_feature_names_out()
    weights = {name: round(float(w), 3) for name, w in zip(names, model.coef_[0]) if abs(w) >= MIN_WEIGHT}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 3)
    out.parent.mkdir(parents=True, exist_ok=True)
    model_json = {"weights": weights} | ({"threshold": round(threshold, 2)} if threshold is not None else {})
    out.write_text(json.dumps(model_json, sort_keys=True))
    print(f"{len(weights)} weights written to {out}")


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
    parser.add_argument("--speakers", action="store_true", help="train the speaker model instead")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    nlp = load_nlp(Settings().spacy_model)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((args.data / "text").glob("*.txt"))}
    docs = DocBin().from_disk(args.docs).get_docs(nlp.vocab) if args.docs else nlp.pipe(texts.values())
    gold = load_gold(args.data)
    if args.speakers:
        train_speakers(texts, docs, gold, args.out or speaker_model.MODEL_PATH)
        return
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
    write_weights(vectorizer, model, args.out or MODEL_PATH, threshold)


if __name__ == "__main__":
    main()
