"""ECB+ as story-benchmark JSON lines, in one shuffled order per seed (ECB+ has no dates).

    python bench/ecbplus_docs.py --seed 0 --out /tmp/ecbplus-seed0.jsonl [--per-story 3]

Reads `data/ecbplus/docs.jsonl` from the shared folder and writes `{doc_id, text, story}` lines
for bench/stories.py. The output is generated, never committed: the corpus stays in ../shared.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from storyline.config import Settings


def shuffled_docs(corpus: Path, seed: int, per_story: int | None = None) -> list[dict]:
    """The corpus in the seed's order; with `per_story`, only each story's first articles in that order."""
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs.sort(key=lambda doc: doc["doc_id"])  # the seed alone fixes the order
    random.Random(seed).shuffle(docs)
    kept: Counter = Counter()
    out = []
    for d in docs:
        kept[d["story"]] += 1
        if per_story is None or kept[d["story"]] <= per_story:
            out.append({"doc_id": d["doc_id"], "text": d["text"], "story": d["story"]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="the shared data folder (default ../shared)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None, help="default /tmp/ecbplus-seedN.jsonl")
    parser.add_argument("--per-story", type=int, default=None,
                        help="keep each story's first N articles only: small stories, as a dated stream is full of")
    args = parser.parse_args()
    corpus = (args.shared or Settings().shared) / "data" / "ecbplus" / "docs.jsonl"
    if not corpus.exists():
        parser.exit(2, f"ECB+ not found at {corpus}: give --shared or set STORYLINE_SHARED\n")
    out = args.out or Path(f"/tmp/ecbplus-seed{args.seed}.jsonl")
    docs = shuffled_docs(corpus, args.seed, args.per_story)
    out.write_text("".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs), encoding="utf-8")
    print(f"{len(docs)} articles, {len({d['story'] for d in docs})} stories, seed {args.seed} -> {out}")


if __name__ == "__main__":
    main()
