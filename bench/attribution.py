"""Benchmark: Storyline's quote attribution against PolNeAR gold attributions.

    python bench/attribution.py --data ../shared/data/polnear/dev --out /tmp/preds.json

Runs the analysis stage's own path (spaCy parse → find_actors → attribute_quotes) on every
`DATA/text/*.txt`, writes the predictions, scores them against `DATA/attributions/*.ann`
(see polnear_scoring.py), prints a table and writes it as JSON (`--table`, default next to
`--out`). Throughput is measured in one process: parse alone, and the actors and attribution
stages on top of it. `--docs FILE.spacy` reuses parsed docs (a DocBin in sorted file order)
to save CPU during development; throughput is then not measured.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear_scoring import load_gold, score  # noqa: E402

from storyline.analyze.actors import find_actors  # noqa: E402
from storyline.analyze.nlp import load_nlp  # noqa: E402
from storyline.analyze.attribution.quotes import attribute_quotes  # noqa: E402
from storyline.config import Settings  # noqa: E402


def predict(nlp, texts: dict[str, str], docs_path: Path | None) -> tuple[dict, dict[str, float]]:
    """Predictions per stem, and seconds spent in each stage."""
    timing = {"parse": 0.0, "actors": 0.0, "attribution": 0.0}
    if docs_path:
        docs = list(DocBin().from_disk(docs_path).get_docs(nlp.vocab))
    predictions = {}
    for n, (stem, text) in enumerate(texts.items()):
        started = time.perf_counter()
        doc = docs[n] if docs_path else nlp(text)
        parsed = time.perf_counter()
        actors, mentions = find_actors(doc)
        found = time.perf_counter()
        quotes = attribute_quotes(doc, actors, mentions)
        done = time.perf_counter()
        timing["parse"] += parsed - started
        timing["actors"] += found - parsed
        timing["attribution"] += done - found
        predictions[stem] = [_as_json(q, actors) for q in quotes]
    return predictions, timing


def _as_json(quote, actors) -> dict:
    return {
        "kind": quote.kind,
        "content": [[s.start, s.end] for s in quote.content],
        "cue": [[quote.cue.start, quote.cue.end]] if quote.cue else [],
        "speaker": [[quote.speaker.start, quote.speaker.end]] if quote.speaker else [],
        "speaker_text": quote.speaker.text if quote.speaker else None,
        "speaker_name": actors[quote.speaker_actor].name if quote.speaker_actor is not None else None,
    }


def throughput(n_articles: int, timing: dict[str, float]) -> dict[str, float]:
    parse = timing["parse"]
    total = parse + timing["actors"] + timing["attribution"]
    return {
        "articles_per_s_parse_only": n_articles / parse,
        "articles_per_s_parse_actors": n_articles / (parse + timing["actors"]),
        "articles_per_s_with_attribution": n_articles / total,
        "actors_cost_pct_of_parse": 100 * timing["actors"] / parse,  # far below 10 % is the aim
        "attribution_cost_pct_of_parse": 100 * timing["attribution"] / parse,
    }


def print_table(table: dict) -> None:
    print(f"{'row':<14}{'gold':>6}{'pred':>6} | {'exact P':>8}{'R':>6}{'F1':>6} | {'match P':>8}{'R':>6}{'F1':>6}"
          f" | {'spk all':>8}{'matched':>8} | {'cue all':>8}{'matched':>8}")
    for row, r in table["rows"].items():
        ex, mt = r["content_exact"], r["content_match"]
        print(f"{row:<14}{r['gold']:>6}{r['pred']:>6} | {ex['p']:>8.1f}{ex['r']:>6.1f}{ex['f1']:>6.1f}"
              f" | {mt['p']:>8.1f}{mt['r']:>6.1f}{mt['f1']:>6.1f} | {r['speaker_acc']:>8.1f}"
              f"{r['speaker_acc_matched']:>8.1f} | {r['cue_acc']:>8.1f}{r['cue_acc_matched']:>8.1f}")
    for name, value in table.get("throughput", {}).items():
        print(f"{name}: {value:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR split folder with text/ and attributions/")
    parser.add_argument("--out", type=Path, required=True, help="where to write the predictions JSON")
    parser.add_argument("--table", type=Path, help="where to write the score table JSON")
    parser.add_argument("--docs", type=Path, help="parsed docs (DocBin) of the texts in sorted order")
    args = parser.parse_args()
    nlp = load_nlp(Settings().spacy_model)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((args.data / "text").glob("*.txt"))}
    predictions, timing = predict(nlp, texts, args.docs)
    args.out.write_text(json.dumps(predictions, ensure_ascii=False, indent=1))
    table = {"data": str(args.data), "articles": len(texts),
             "rows": score(texts, predictions, load_gold(args.data))}
    if not args.docs:
        table["throughput"] = throughput(len(texts), timing)
    print_table(table)
    table_path = args.table or args.out.with_name(args.out.stem + ".table.json")
    table_path.write_text(json.dumps(table, indent=1))


if __name__ == "__main__":
    main()
