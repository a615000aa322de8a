"""Real quotes for the quote-thread dev sets, kept as (corpus, document, offsets), never as copies.

PolNeAR's texts stay the publishers' (DATA.md), so the dev sets under bench/data/ name a quote
by its article and character offsets, and the benchmark reads the words from ../shared at run
time. PolNeAR quotes and sources come from its gold attributions; ECB+ has none, so its quotes
come from Storyline's own attribution (spaCy), which the generator runs once.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from polnear_scoring import content_kind, load_gold

NAME = re.compile(r"^(?:[A-Z][\w’'.-]+\s?){1,4}$")  # "Trump", "Hillary Clinton": a named speaker


@lru_cache(maxsize=8)
def polnear_texts(shared: Path, split: str = "train") -> dict[str, str]:
    folder = shared / "data" / "polnear" / split / "text"
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


@lru_cache(maxsize=2)
def ecb_texts(shared: Path) -> dict[str, str]:
    lines = (shared / "data" / "ecbplus" / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    return {d["doc_id"]: d["text"] for d in map(json.loads, lines)}


def text_of(shared: Path, corpus: str, doc: str) -> str:
    return ecb_texts(shared)[doc] if corpus == "ecbplus" else polnear_texts(shared)[doc]


def polnear_quotes(shared: Path, split: str = "train") -> list[dict]:
    """Every single-span PolNeAR attribution: its content, kind and source (as written)."""
    texts = polnear_texts(shared, split)
    out = []
    for doc, attributions in load_gold(shared / "data" / "polnear" / split).items():
        for attribution in attributions:
            content, source = attribution["content"], attribution.get("speaker") or []
            if len(content) != 1 or len(source) > 1:
                continue
            text = texts[doc]
            out.append({"corpus": "polnear", "doc": doc, "span": list(content[0]),
                        "kind": content_kind(text, content),
                        "speaker_span": list(source[0]) if source else None,
                        "speaker": text[source[0][0] : source[0][1]] if source else None})
    return out


def ecb_quotes(shared: Path, model: str, doc_ids: list[str] | None = None) -> list[dict]:
    """Storyline's direct and mixed quotes in ECB+ articles, with the resolved speaker's name."""
    from storyline.analyze.actors import find_actors
    from storyline.analyze.nlp import load_nlp
    from storyline.analyze.attribution.quotes import attribute_quotes

    nlp = load_nlp(model)
    texts = ecb_texts(shared)
    out = []
    for doc_id in doc_ids or sorted(texts):
        doc = nlp(texts[doc_id])
        actors, mentions = find_actors(doc)
        for quote in attribute_quotes(doc, actors, mentions):
            if len(quote.content) != 1:
                continue
            name = actors[quote.speaker_actor].name if quote.speaker_actor is not None else None
            out.append({"corpus": "ecbplus", "doc": doc_id,
                        "span": [quote.content[0].start, quote.content[0].end], "kind": quote.kind,
                        "speaker_span": [quote.speaker.start, quote.speaker.end] if quote.speaker else None,
                        "speaker": name})
    return out


def named_speaker(quote: dict) -> str | None:
    speaker = (quote.get("speaker") or "").strip()
    return speaker if NAME.match(speaker) else None
