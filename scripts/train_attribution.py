"""Train the attribution models (`storyline/analyze/attribution/models/*.json`) on PolNeAR train.

    python scripts/train_attribution.py --model cue --data ../shared/data/polnear/train
    python scripts/train_attribution.py --model content --data ../shared/data/polnear/train
    python scripts/train_attribution.py --model speaker --data ../shared/data/polnear/train

Train them in that order: each learns from what the models before it let the pipeline find.
`--docs FILE.spacy` reuses parsed docs (a DocBin of the texts in sorted file order).

Each is a logistic regression (scikit-learn, needed only here). Every fifth article is held
out first, to report how the model does on articles it never saw (and, for the cue and
content models, to pick the probability threshold); then all articles are learned from.
Weights under 0.05 are dropped to keep the files small.

- cue: every candidate word (verb, noun, adjective, "according") is an example, positive when
  it lies inside a gold Cue span. Threshold: best recall-weighted F (beta 1.5).
- content: for every cue the pipeline finds whose first complement lies in a gold content, each
  dependent after that complement is an example, positive when most of its words are in that
  content. Threshold: best accuracy.
- speaker: every attribution the pipeline finds whose content matches a gold one (the
  benchmark's Dice rule) gives one example per speaker candidate, positive when it shares a
  word with the gold source ("no speaker" when the gold has none). The best candidate wins.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from polnear_scoring import _shares_word, load_gold, match  # noqa: E402

from storyline.analyze.attribution import speaker_model  # noqa: E402
from storyline.analyze.attribution.content_model import first_complement, trailing_features  # noqa: E402
from storyline.analyze.attribution.cue_model import cue_features, is_candidate, is_cue  # noqa: E402
from storyline.analyze.attribution.quotes import find_attributions  # noqa: E402
from storyline.analyze.attribution.weights import MODELS  # noqa: E402
from storyline.analyze.nlp import load_nlp  # noqa: E402
from storyline.config import Settings  # noqa: E402

MIN_WEIGHT = 0.05
BETA = 1.5
HELD_OUT_EVERY = 5
Group = tuple[list[dict], list[int]]  # the examples of one decision: features and labels


def cue_examples(doc: Doc, gold: list[dict]) -> list[Group]:
    cue_chars = {c for a in gold for s, e in a.get("cue", []) for c in range(s, e)}
    return [([_row(cue_features(token))], [int(token.idx in cue_chars)]) for token in doc if is_candidate(token)]


def content_examples(doc: Doc, gold: list[dict]) -> list[Group]:
    groups = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "ADJ") or not is_cue(verb):
            continue
        _, first, content, trailing = first_complement(verb)
        attribution = next((a for a in gold if any(s <= verb.idx < e for s, e in a.get("cue", []))), None)
        if first is None or attribution is None:
            continue
        inside = _chars(attribution["content"])
        if sum(tok.idx in inside for tok in content) * 2 < len(content):
            continue  # the first complement is not this attribution's content: nothing to learn
        for child in trailing:
            words = [tok for tok in child.subtree if not tok.is_punct]
            label = int(sum(tok.idx in inside for tok in words) * 2 > len(words))
            groups.append(([_row(trailing_features(verb, first, child))], [label]))
    return groups


def speaker_examples(doc: Doc, gold: list[dict]) -> list[Group]:
    text = doc.text
    found = [a for a in find_attributions(doc, text) if a.cue and a.cue[0].is_alpha]
    groups = []
    for i, j in match(text, [{"content": a.content} for a in found], gold):
        attribution, source = found[i], gold[j].get("speaker", [])
        options = speaker_model.candidates(doc, text, attribution, attribution.content_token_ids(doc))
        labels = [int(_shares_word(text, _char_spans(c.tokens), source)) for c in options]
        groups.append(([_row(c.features) for c in options], labels))
    return groups


def _row(features: list[str]) -> dict[str, int]:
    return {feature: 1 for feature in features}


def _chars(spans) -> set[int]:
    return {c for s, e in spans for c in range(s, e)}


def _char_spans(tokens) -> list[tuple[int, int]]:
    return [(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))] if tokens else []


def fit(groups: list[Group], c: float) -> tuple[DictVectorizer, LogisticRegression]:
    rows = [row for features, labels in groups if any(labels) or len(labels) == 1 for row in features]
    labels = [label for _, group in groups if any(group) or len(group) == 1 for label in group]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(vectorizer.fit_transform(rows), labels)
    return vectorizer, model


def probabilities(fitted, rows: list[dict]) -> np.ndarray:
    vectorizer, model = fitted
    return model.predict_proba(vectorizer.transform(rows))[:, 1]


def best_threshold(probs: np.ndarray, labels: np.ndarray, beta: float) -> float:
    """The threshold with the best F-beta; beta 0 means plain accuracy."""
    best, best_score = 0.5, -1.0
    for threshold in np.arange(0.1, 0.9, 0.02):
        predicted = probs >= threshold
        if beta == 0:
            score = float((predicted == (labels == 1)).mean())
        else:
            tp = float((predicted & (labels == 1)).sum())
            precision, recall = tp / max(predicted.sum(), 1), tp / max(labels.sum(), 1)
            score = (1 + beta**2) * precision * recall / (beta**2 * precision + recall) if tp else 0.0
        if score > best_score:
            best, best_score = float(threshold), score
    return best


def report_binary(fitted, held_out: list[Group], beta: float) -> float:
    rows = [features[0] for features, _ in held_out]
    labels = np.array([group[0] for _, group in held_out])
    probs = probabilities(fitted, rows)
    threshold = best_threshold(probs, labels, beta)
    accuracy = float(((probs >= threshold) == (labels == 1)).mean())
    print(f"held out: {len(rows)} examples, {100 * labels.mean():.1f}% positive,"
          f" model accuracy {100 * accuracy:.1f}% at threshold {threshold:.2f}")
    return threshold


def report_ranking(fitted, held_out: list[Group]) -> None:
    rules = chosen = 0
    for features, labels in held_out:
        rule = next((k for k, row in enumerate(features) if "rule" in row), 0)  # else "no speaker"
        rules += labels[rule]
        chosen += labels[int(np.argmax(probabilities(fitted, features)))]
    n = max(len(held_out), 1)
    print(f"held out: {len(held_out)} matched attributions, right speaker: rules {100 * rules / n:.1f}%,"
          f" model {100 * chosen / n:.1f}%")


MODEL_SPECS = {  # name → (examples, regularisation C, F-beta for the threshold or None for ranking)
    "cue": (cue_examples, 0.5, BETA),
    "content": (content_examples, 0.5, 0.0),
    "speaker": (speaker_examples, 0.3, None),
}


def train(name: str, texts: Iterable[str], docs: Iterable[Doc], gold: dict, out: Path) -> None:
    examples, c, beta = MODEL_SPECS[name]
    split: dict[bool, list[Group]] = {True: [], False: []}
    for n, (stem, doc) in enumerate(zip(texts, docs)):
        split[n % HELD_OUT_EVERY == 0] += examples(doc, gold.get(stem, []))
    fitted = fit(split[False], c)
    if beta is None:
        report_ranking(fitted, split[True])
        threshold = None
    else:
        threshold = report_binary(fitted, split[True], beta)
    vectorizer, model = fit(split[False] + split[True], c)
    weights = {f: round(float(w), 3) for f, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    weights["bias"] = round(float(model.intercept_[0]), 3)
    out.parent.mkdir(parents=True, exist_ok=True)
    model_json = {"weights": weights} | ({"threshold": round(threshold, 2)} if threshold is not None else {})
    out.write_text(json.dumps(model_json, sort_keys=True))
    print(f"{len(weights)} weights written to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=sorted(MODEL_SPECS), required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--docs", type=Path, help="parsed docs (DocBin) of the texts in sorted order")
    parser.add_argument("--out", type=Path, help="default: the shipped model file")
    args = parser.parse_args()
    nlp = load_nlp(Settings().spacy_model)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((args.data / "text").glob("*.txt"))}
    docs = DocBin().from_disk(args.docs).get_docs(nlp.vocab) if args.docs else nlp.pipe(texts.values())
    train(args.model, texts, docs, load_gold(args.data), args.out or MODELS / f"{args.model}_model.json")


if __name__ == "__main__":
    main()
