"""Candidate quote pairs across outlets for labelling by hand (quote_pairs_real.jsonl).

    python bench/quote_pairs_pool.py --shared ../shared --ecb-quotes ECB.json --out POOL.jsonl

Pairs of quotes from different articles of one story: ECB+'s gold stories, and PolNeAR
articles of different publishers no more than three days apart. A pair enters the pool on a
looser test than the matcher's, independent of it (three shared content words, or one shared
word trigram), and at least one side must be in quotation marks, so the hand labels can show
what the matcher misses as well as what it finds. Printed with both texts for reading.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quote_corpus import ecb_quotes, polnear_quotes, text_of  # noqa: E402

from storyline.threads.paraphrase import claim_words  # noqa: E402
from storyline.threads.words import WORD, normalise  # noqa: E402

MAX_DAYS = 3


def _trigrams(text: str) -> set[tuple[str, ...]]:
    ws = [normalise(w) for w in WORD.findall(text)]
    return {tuple(ws[n : n + 3]) for n in range(len(ws) - 2)}


def _related(a: str, b: str) -> bool:
    return len(claim_words(a) & claim_words(b)) >= 3 or bool(_trigrams(a) & _trigrams(b))


def _groups(shared: Path, ecb: list[dict]) -> list[list[dict]]:
    """Quotes grouped by story: an ECB+ story, or PolNeAR articles within MAX_DAYS of one another."""
    stories = defaultdict(list)
    for q in ecb:
        stories[q["doc"].split("_")[0] + ("plus" if q["doc"].endswith("plus") else "")].append(q)
    polnear = polnear_quotes(shared)
    by_day = defaultdict(list)
    for q in polnear:
        by_day[date.fromisoformat(q["doc"].split("_")[1]).toordinal() // MAX_DAYS].append(q)
    return list(stories.values()) + list(by_day.values())


def pool(shared: Path, ecb: list[dict]) -> list[dict]:
    out = []
    for quotes in _groups(shared, ecb):
        for a, b in combinations(quotes, 2):
            if a["doc"] == b["doc"] or a["doc"].split("_")[0] == b["doc"].split("_")[0] and a["corpus"] == "polnear":
                continue  # one article, or one PolNeAR publisher
            if "indirect" == a["kind"] == b["kind"]:
                continue
            ta, tb = (text_of(shared, q["corpus"], q["doc"])[slice(*q["span"])] for q in (a, b))
            if _related(ta, tb):
                out.append({"corpus": a["corpus"],
                            "a": {k: a[k] for k in ("doc", "span", "kind", "speaker")},
                            "b": {k: b[k] for k in ("doc", "span", "kind", "speaker")},
                            "a_text": ta, "b_text": tb})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--ecb-quotes", type=Path, required=True, help="ECB+ quotes (quote_perturbations.py --ecb-quotes)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    pairs = pool(args.shared, json.loads(args.ecb_quotes.read_text()))
    random.Random(args.seed).shuffle(pairs)
    args.out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs))
    print(f"{len(pairs)} candidate pairs → {args.out}")


if __name__ == "__main__":
    main()
