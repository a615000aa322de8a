"""Agency credits and near-duplicate bodies on the corpora in ../shared.

PolNeAR's metadata names the wire service each article came from (`wire`: AP, UPI, Reuters,
AFP, or none), which makes it a labelled set for `credited_agency`: read from the text alone,
and from the text with the byline (`author` column). ECB+ holds several copies of some
articles (one story's pages from different sites); `copy_groups` finds them, and the groups
are listed for checking by eye.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path

from quote_corpus import ecb_texts

from storyline.threads.agencies import credited_agency
from storyline.threads.wire import copy_groups, shingles

WIRES = {"ap": "AP", "upi": "UPI", "reuters": "Reuters", "afp": "AFP"}


def agency_scores(shared: Path) -> dict:
    folder = shared / "data" / "polnear"
    with open(folder / "metadata.tsv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["compartment"] in ("train", "dev")]
    out = {}
    for mode in ("text", "text+byline"):
        tally: Counter = Counter()
        for row in rows:
            text = (folder / row["compartment"] / "text" / f"{row['filename']}.txt").read_text(encoding="utf-8")
            authors = [row["author"]] if mode == "text+byline" and row["author"] not in ("", "None") else []
            found = credited_agency(text, authors)
            gold = WIRES.get(row["wire"].casefold())
            tally["articles"] += 1
            tally["gold_wire"] += gold is not None
            tally["found_wire"] += found is not None
            tally["right"] += found is not None and found == gold
        out[mode] = {"articles": tally["articles"], "wire_articles": tally["gold_wire"],
                     "precision": tally["right"] / tally["found_wire"] if tally["found_wire"] else None,
                     "recall": tally["right"] / tally["gold_wire"] if tally["gold_wire"] else None}
    return out


def ecb_copies(shared: Path) -> dict:
    texts = ecb_texts(shared)
    started = time.perf_counter()
    groups = copy_groups({doc: shingles(text) for doc, text in texts.items()})
    seconds = time.perf_counter() - started
    same_story = sum(len({doc.split("_")[0] + doc.endswith("plus") * "+" for doc in g}) == 1 for g in groups)
    return {"articles": len(texts), "groups": len(groups), "articles_in_groups": sum(map(len, groups)),
            "groups_within_one_gold_story": same_story, "seconds": seconds,
            "groups_list": sorted(sorted(g) for g in groups)}
