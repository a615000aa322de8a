"""Named / described / anonymous sources against PolNeAR sources labelled by hand.

source_labels.jsonl names each source by article and offsets with its label and how it was
drawn: `random` (150 sources drawn at random), `lowercase-head` (50 drawn among sources that
open with a determiner or a common noun, where descriptions live) and `anonymity-cue` (25 drawn
among sources with "source", "familiar with", "anonymity" near them, since anonymous sources
are too rare for a random draw to measure). The label says whether a reader can tell who the
source is: named (a person or body the article identifies, also through "he" or "the agency"),
described (a role or group without a name), anonymous (explicitly unidentified). The classifier
sees the source as written and what Storyline's own analysis resolved it to.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from quote_corpus import polnear_texts

from storyline.analyze.actors import find_actors
from storyline.analyze.nlp import load_nlp
from storyline.analyze.attribution.quotes import attribute_quotes
from storyline.threads.sources import CONTEXT_CHARS, source_kind

LABELS = ("named", "described", "anonymous")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _resolved_actor(quotes, mentions, actors, span: tuple[int, int]):
    """The actor Storyline's analysis gives this source: its quote's speaker, else a person
    named inside it ("former Gov. Martin O'Malley"), else the entity it opens with."""
    for quote in quotes:
        if quote.speaker and quote.speaker_actor is not None and _overlaps((quote.speaker.start, quote.speaker.end), span):
            return actors[quote.speaker_actor]
    starting = [m for m in mentions if m.start == span[0] or (m.start, m.end) == span]
    people = [m for m in mentions if _overlaps((m.start, m.end), span) and actors[m.actor].type == "PERSON"]
    found = people or starting  # a person named in the source, else the entity it opens with
    return actors[found[0].actor] if found else None


def source_accuracy(shared: Path, path: Path, model: str) -> dict:
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    texts = polnear_texts(shared)
    nlp = load_nlp(model)
    by_doc = defaultdict(list)
    for row in rows:
        by_doc[row["doc"]].append(row)
    confusion: Counter = Counter()
    per_stratum: Counter = Counter()
    wrong = []
    for doc_id, labelled in sorted(by_doc.items()):
        text = texts[doc_id]
        doc = nlp(text)
        actors, mentions = find_actors(doc)
        quotes = attribute_quotes(doc, actors, mentions)
        for row in labelled:
            start, end = row["span"]
            actor = _resolved_actor(quotes, mentions, actors, (start, end))
            context = text[end : end + CONTEXT_CHARS].split(". ")[0]
            found = source_kind(text[start:end], actor.name if actor else None, actor.type if actor else None, context)
            confusion[(row["label"], found)] += 1
            per_stratum[(row["stratum"], found == row["label"])] += 1
            if found != row["label"]:
                wrong.append({"doc": doc_id, "span": [start, end], "label": row["label"], "found": found})
    right = sum(n for (label, found), n in confusion.items() if label == found)
    per_label = {label: {"labelled": sum(n for (l, _), n in confusion.items() if l == label),
                         "right": confusion[(label, label)],
                         "found": sum(n for (_, f), n in confusion.items() if f == label)} for label in LABELS}
    strata = {s: per_stratum[(s, True)] / (per_stratum[(s, True)] + per_stratum[(s, False)])
              for s in sorted({s for s, _ in per_stratum})}
    return {"labelled": len(rows), "accuracy": right / len(rows), "accuracy_per_stratum": strata,
            "per_label": per_label, "confusion": {f"{l} -> {f}": n for (l, f), n in sorted(confusion.items(), key=str)},
            "wrong": wrong}
