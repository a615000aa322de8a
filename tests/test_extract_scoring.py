"""The benchmark's scoring follows the Zyte rules: 4-word shingles, per-page weights, F1 of means."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from scoring_extraction import score_page, shingles, summarise, tokenize  # noqa: E402


def test_tokens_and_shingles() -> None:
    assert tokenize("It's 9:30 — café!") == ["It", "s", "9", "30", "café"]
    assert shingles(["a", "b", "c", "d", "e"]) == {"a b c d": 1, "b c d e": 1}
    assert shingles(["a", "b"]) == {"a b": 1}  # shorter than 4 tokens: one short shingle


def test_exact_match_and_punctuation_do_not_matter() -> None:
    score = score_page("One two three four five.", "One two, three four\n\nfive")
    assert (score.tp, score.fp, score.fn, score.exact) == (1.0, 0.0, 0.0, True)


def test_counts_are_normalised_per_page() -> None:
    score = score_page("a b c d e f", "a b c d x y")  # 1 shared shingle, 2 extra, 2 missed
    assert score.tp == pytest.approx(0.2) and score.fp == pytest.approx(0.4) and score.fn == pytest.approx(0.4)


def test_summary_skips_empty_predictions_for_precision_and_takes_f1_of_means() -> None:
    perfect = score_page("a b c d e", "a b c d e")
    empty = score_page("a b c d e", "")
    summary = summarise([perfect, empty])
    assert summary.precision == 1.0  # the empty prediction has no shingles
    assert summary.recall == 0.5
    assert summary.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert summary.accuracy == 0.5
