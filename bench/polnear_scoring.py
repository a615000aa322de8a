"""Read PolNeAR gold attributions (brat standoff) and score predicted ones against them.

Scoring, as the attribution benchmark defines it: words are `\\w+` tokens; a prediction matches
a gold attribution when the Dice coefficient of their content word sets is at least 0.5,
one-to-one, greedily by best Dice. Content is exact when both have the same word sequence.
Speaker (cue) accuracy counts a gold attribution correct when its matched prediction's
speaker (cue) span shares a word position with the gold source (cue) span; unmatched gold
attributions count as wrong. A gold attribution without a source is correct when the matched
prediction has no speaker either. Rows: direct (content starts with a quotation mark),
direct+mixed (content holds one), all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

WORD = re.compile(r"\w+")
QUOTE_OPENERS = ("\"", "“", "”", "''", "``", "„")
DICE_THRESHOLD = 0.5
Spans = list[tuple[int, int]]


def load_gold(data_dir: Path) -> dict[str, list[dict[str, Spans]]]:
    """Gold attributions per article stem; of several annotators, the first `.ann` by name is used."""
    files: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((data_dir / "attributions").glob("*.ann")):
        files[ann.stem.rsplit("_", 1)[0]].append(ann)
    return {stem: _read_ann(paths[0]) for stem, paths in sorted(files.items())}


def _read_ann(path: Path) -> list[dict[str, Spans]]:
    spans: dict[str, Spans] = {}
    links = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if re.fullmatch(r"T\d+", fields[0]) and len(fields) >= 2:
            offsets = fields[1].split(" ", 1)[1]
            spans[fields[0]] = [tuple(map(int, part.split())) for part in offsets.split(";")]
        elif re.fullmatch(r"E\d+", fields[0]):
            links.append(dict(part.split(":") for part in fields[1].split()))
    roles = {"Content": "content", "Cue": "cue", "Source": "speaker"}
    return [{roles[k]: spans[v] for k, v in link.items() if k in roles} for link in links
            if "Content" in link]


def _words(text: str, spans: Spans) -> list[tuple[int, int, str]]:
    """Word tokens (start, end, lowercased) inside spans, in text order."""
    words = []
    for start, end in sorted(spans):
        words += [(start + m.start(), start + m.end(), m.group().lower()) for m in WORD.finditer(text[start:end])]
    return words


def _dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _shares_word(text: str, predicted: Spans, gold: Spans) -> bool:
    if not gold:
        return not predicted
    gold_positions = {(s, e) for s, e, _ in _words(text, gold)}
    return any((s, e) in gold_positions for s, e, _ in _words(text, predicted))


def content_kind(text: str, spans: Spans) -> str:
    """'direct' when the content starts with a quotation mark, 'mixed' when it holds one, else 'indirect'."""
    content = " ".join(text[s:e] for s, e in sorted(spans)).strip()
    if content.startswith(QUOTE_OPENERS):
        return "direct"
    return "mixed" if any(mark in content for mark in QUOTE_OPENERS) else "indirect"


def match(text: str, predicted: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """(prediction index, gold index) pairs, one-to-one, greedily by best content Dice ≥ 0.5."""
    pred_sets = [{w for _, _, w in _words(text, p["content"])} for p in predicted]
    gold_sets = [{w for _, _, w in _words(text, g["content"])} for g in gold]
    scored = []
    for i, ps in enumerate(pred_sets):
        for j, gs in enumerate(gold_sets):
            dice = _dice(ps, gs)
            if dice >= DICE_THRESHOLD:
                scored.append((-dice, i, j))
    pairs, used_p, used_g = [], set(), set()
    for _, i, j in sorted(scored):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


ROWS = {"direct": ("direct",), "direct+mixed": ("direct", "mixed"), "all": ("direct", "mixed", "indirect")}


def score(texts: dict[str, str], predictions: dict[str, list[dict]], gold: dict[str, list[dict]]) -> dict:
    """Counts and rates per row over all articles."""
    counts = {row: defaultdict(int) for row in ROWS}
    for stem, text in texts.items():
        for row, kinds in ROWS.items():
            preds = [p for p in predictions.get(stem, []) if content_kind(text, p["content"]) in kinds]
            golds = [g for g in gold.get(stem, []) if content_kind(text, g["content"]) in kinds]
            c = counts[row]
            c["pred"] += len(preds)
            c["gold"] += len(golds)
            for i, j in match(text, preds, golds):
                p, g = preds[i], golds[j]
                c["matched"] += 1
                c["exact"] += [w for *_, w in _words(text, p["content"])] == [w for *_, w in _words(text, g["content"])]
                c["speaker"] += _shares_word(text, p.get("speaker", []), g.get("speaker", []))
                c["cue"] += _shares_word(text, p.get("cue", []), g.get("cue", []))
    return {row: _rates(c) for row, c in counts.items()}


def _prf(hits: int, pred: int, gold: int) -> dict[str, float]:
    p = hits / pred if pred else 0.0
    r = hits / gold if gold else 0.0
    return {"p": 100 * p, "r": 100 * r, "f1": 100 * (2 * p * r / (p + r) if p + r else 0.0)}


def _rates(c: dict[str, int]) -> dict:
    matched = c["matched"] or 1
    gold = c["gold"] or 1
    return {
        "gold": c["gold"], "pred": c["pred"], "matched": c["matched"],
        "content_exact": _prf(c["exact"], c["pred"], c["gold"]),
        "content_match": _prf(c["matched"], c["pred"], c["gold"]),
        "speaker_acc": 100 * c["speaker"] / gold, "speaker_acc_matched": 100 * c["speaker"] / matched,
        "cue_acc": 100 * c["cue"] / gold, "cue_acc_matched": 100 * c["cue"] / matched,
    }
