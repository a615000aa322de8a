"""Page revisions on real article texts: are planted edits found, and what does a diff cost?

Each PolNeAR dev article (its text, paragraphs split at blank lines) gets a second version
with planted edits, the kinds outlets make: a number changed in one paragraph, a sentence
cut from another, a paragraph dropped, a new paragraph at the top (taken from another
article). `revision` must report exactly those (2 edited, 1 removed, 1 added, and the changed
number as removed/added words). The worst case is a page rewritten whole: each article against
another one. Reported: planted edits found, and milliseconds per diff (median, p95, max) for
both. Quotes are left out (they need the analysis); their matching is `link_quotes`, measured
by bench/quote_threads.py.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time
from pathlib import Path

from storyline.threads.revisions import revision

NUMBER = re.compile(r"\b\d+\b")
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def articles(shared: Path) -> list[list[str]]:
    found = []
    for path in sorted((shared / "data" / "polnear" / "dev" / "text").glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        if len(paragraphs) >= 6 and any(NUMBER.search(p) for p in paragraphs[1:]):
            found.append(paragraphs)
    return found


def version(paragraphs: list[str], number: int) -> dict:
    body = "\n\n".join(paragraphs)
    spans, at = [], 0
    for p in paragraphs:
        spans.append([at, at + len(p)])
        at += len(p) + 2
    return {"id": number, "version": number, "ingested_at": "", "title": paragraphs[0], "standfirst": None,
            "body": body, "paragraphs": spans[1:], "quotes": []}


def planted(paragraphs: list[str], other: list[str], rng: random.Random) -> tuple[list[str], str, str, int | None]:
    """The article with its planted edits; the number changed, what it became, and the paragraph
    cut to its first sentence (None when no paragraph has two sentences)."""
    body = paragraphs[1:]
    with_number = [i for i, p in enumerate(body) if NUMBER.search(p)]
    n = rng.choice(with_number)
    old = NUMBER.search(body[n]).group()
    new = str(int(old) + 7)
    edited = list(body)
    edited[n] = NUMBER.sub(new, body[n], count=1)
    long_ones = [i for i, p in enumerate(body) if i != n and len(SENTENCE.split(p)) >= 2 and len(p.split()) >= 12]
    cut = rng.choice(long_ones) if long_ones else None
    if cut is not None:
        edited[cut] = SENTENCE.split(body[cut])[0]
    edited.pop(rng.choice([i for i in range(len(body)) if i not in (n, cut)]))
    edited.insert(0, other[-1])
    return [paragraphs[0], *edited], old, new, cut


def run(shared: Path, seed: int) -> dict:
    rng = random.Random(seed)
    texts = articles(shared)
    found, times, whole = 0, [], []
    misses = []
    for k, paragraphs in enumerate(texts):
        other = texts[(k + 1) % len(texts)]
        second, old, new, cut = planted(paragraphs, other, rng)
        start = time.perf_counter()
        change = revision(version(paragraphs, 1), version(second, 2))
        times.append(1000 * (time.perf_counter() - start))
        kinds = sorted(c.change for c in change.paragraphs)
        number_seen = any(any(p.op == "removed" and old in p.text for p in c.diff)
                          and any(p.op == "added" and new in p.text for p in c.diff) for c in change.paragraphs)
        expected = ["added", "edited", "edited", "removed"] if cut is not None else ["added", "edited", "removed"]
        if kinds == expected and number_seen:
            found += 1
        else:
            misses.append({"article": k, "changes": kinds, "number_seen": number_seen})
        start = time.perf_counter()
        revision(version(paragraphs, 1), version(other, 2))
        whole.append(1000 * (time.perf_counter() - start))
    return {"articles": len(texts), "planted_found": found, "misses": misses,
            "ms_planted": _spread(times), "ms_rewritten_whole": _spread(whole)}


def _spread(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"median": statistics.median(ordered), "p95": ordered[int(0.95 * (len(ordered) - 1))], "max": ordered[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "revisions.json")
    args = parser.parse_args()
    report = run(args.shared, args.seed)
    print(f"planted edits found exactly on {report['planted_found']} of {report['articles']} articles")
    print(f"{'diff':<20} {'median ms':>10} {'p95 ms':>10} {'max ms':>10}")
    for name in ("ms_planted", "ms_rewritten_whole"):
        row = report[name]
        print(f"{name[3:]:<20} {row['median']:>10.2f} {row['p95']:>10.2f} {row['max']:>10.2f}")
    args.out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
