"""BCubed and pairwise precision / recall / F1 of a clustering against gold stories (Miranda et al. 2018)."""

from __future__ import annotations

from collections import defaultdict
from math import comb


def _groups(labels: dict[str, str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return groups


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    found, true = _groups(predicted), _groups(gold)
    p = sum(len(found[predicted[i]] & true[gold[i]]) / len(found[predicted[i]]) for i in gold) / len(gold)
    r = sum(len(found[predicted[i]] & true[gold[i]]) / len(true[gold[i]]) for i in gold) / len(gold)
    return p, r, _f1(p, r)


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Over pairs of articles: a pair is positive when both are in one story."""
    together: dict[tuple[str, str], int] = defaultdict(int)
    for item in gold:
        together[predicted[item], gold[item]] += 1
    both = sum(comb(n, 2) for n in together.values())
    found = sum(comb(len(g), 2) for g in _groups(predicted).values())
    true = sum(comb(len(g), 2) for g in _groups(gold).values())
    p, r = (both / found if found else 0.0), (both / true if true else 0.0)
    return p, r, _f1(p, r)
