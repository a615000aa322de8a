"""Score extracted article bodies the way the Zyte article-extraction-benchmark does.

Re-implemented from the benchmark's DATA.md so results stay comparable with published
figures: 4-token shingles over `\\w+` tokens, per-page normalised counts, precision and recall
as means over pages, F1 from the two means, accuracy as exact token-sequence match.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


@dataclass(frozen=True)
class PageScore:
    """Shingle overlap of one page, normalised so every page weighs the same."""

    tp: float
    fp: float
    fn: float
    exact: bool


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    accuracy: float


def tokenize(text: str | None) -> list[str]:
    return TOKEN.findall(text or "")


def shingles(tokens: list[str], size: int = SHINGLE_SIZE) -> Counter[str]:
    """Multiset of token n-grams; a text shorter than `size` gives one shorter shingle."""
    grams = (" ".join(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(gram for gram in grams if gram)


def score_page(truth: str, prediction: str | None) -> PageScore:
    true_tokens, pred_tokens = tokenize(truth), tokenize(prediction)
    true_counts, pred_counts = shingles(true_tokens), shingles(pred_tokens)
    tp = sum((true_counts & pred_counts).values())
    fp = sum((pred_counts - true_counts).values())
    fn = sum((true_counts - pred_counts).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(tp, fp, fn, exact=true_tokens == pred_tokens)


def _precision(s: PageScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fp) if s.tp + s.fp else 0.0


def _recall(s: PageScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fn) if s.tp + s.fn else 0.0


def summarise(scores: list[PageScore]) -> Summary:
    """Precision over pages that predicted something, recall over pages with a truth."""
    precision = statistics.mean([_precision(s) for s in scores if s.tp + s.fp > 0] or [0.0])
    recall = statistics.mean([_recall(s) for s in scores if s.tp + s.fn > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = statistics.mean([float(s.exact) for s in scores]) if scores else 0.0
    return Summary(precision, recall, f1, accuracy)


@dataclass(frozen=True)
class SnippetScore:
    """Snippet counts of one page, as trafilatura's own evaluation (tests/eval_common.py) counts them:
    a wanted snippet found is a true positive, an unwanted one found a false positive."""

    tp: int
    fp: int
    tn: int
    fn: int


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def score_snippets(wanted: list[str], unwanted: list[str], prediction: str | None) -> SnippetScore:
    output = _spaces(prediction or "")
    found = [_spaces(snippet) in output if output else False for snippet in wanted]
    leaked = [_spaces(snippet) in output if output else False for snippet in unwanted]
    return SnippetScore(tp=sum(found), fn=len(found) - sum(found), fp=sum(leaked), tn=len(leaked) - sum(leaked))


def summarise_snippets(scores: list[SnippetScore]) -> Summary:
    """Counts summed over pages; accuracy = share of snippets judged right."""
    tp, fp, tn, fn = (sum(getattr(s, name) for s in scores) for name in ("tp", "fp", "tn", "fn"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = tp + fp + tn + fn
    return Summary(precision, recall, f1, (tp + tn) / total if total else 0.0)
