"""What matching one article's quotes costs as the index grows (1,000 → 100,000 articles).

The index holds synthetic quotes: word sequences drawn from a bigram model of the real corpus
texts, so common phrases recur as they do in news, without copying any article. Into it go
trimmed copies of 40 real PolNeAR quotes; then each probe article (8 real quotes: the 40 and
others) is matched: winnowed keys, candidate look-up, `link_quotes` on each candidate. Reported:
milliseconds per probe article (p50 / p95), candidates per quote, and how many planted copies
were found, per index size. This is the in-memory reference index; a store table of (key,
quote id) rows answers the same look-up with an index scan.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import defaultdict
from pathlib import Path

from quote_corpus import ecb_texts, polnear_quotes, polnear_texts

from storyline.threads.candidates import KeyIndex, quote_keys
from storyline.threads.links import QuoteText, link_quotes
from storyline.threads.words import WORD

QUOTES_PER_ARTICLE = 5
PROBE_ARTICLES = 40
QUOTES_PER_PROBE = 8
MAX_CANDIDATES = 50  # a quote is compared with at most this many candidates, most keys shared first


def _bigrams(texts: list[str]) -> dict[str, list[str]]:
    following = defaultdict(list)
    for text in texts:
        tokens = WORD.findall(text)
        for a, b in zip(tokens, tokens[1:]):
            following[a].append(b)
    return following


def _synthetic_quote(following: dict[str, list[str]], starts: list[str], rng: random.Random) -> str:
    word = rng.choice(starts)
    out = [word]
    for _ in range(rng.randint(8, 30) - 1):
        word = rng.choice(following.get(word) or starts)
        out.append(word)
    return "“" + " ".join(out) + ".”"


def _probe_quotes(shared: Path, rng: random.Random) -> list[list[str]]:
    texts = polnear_texts(shared)
    quotes = [texts[q["doc"]][slice(*q["span"])] for q in polnear_quotes(shared)
              if q["kind"] == "direct" and len(WORD.findall(texts[q["doc"]][slice(*q["span"])])) >= 10]
    chosen = rng.sample(quotes, PROBE_ARTICLES * QUOTES_PER_PROBE)
    return [chosen[n : n + QUOTES_PER_PROBE] for n in range(0, len(chosen), QUOTES_PER_PROBE)]


def match_cost(shared: Path, sizes: list[int], seed: int = 14) -> list[dict]:
    rng = random.Random(seed)
    corpus = list(polnear_texts(shared).values()) + list(ecb_texts(shared).values())
    following = _bigrams(corpus)
    starts = [w for w in following if w[:1].isupper()]
    probes = _probe_quotes(shared, rng)
    planted = [probe[0] for probe in probes]  # the first quote of each probe has a trimmed copy stored
    results = []
    for size in sizes:
        index, stored = KeyIndex(), {}
        for n in range(size * QUOTES_PER_ARTICLE):
            text = _synthetic_quote(following, starts, rng)
            stored[n] = text
            index.add(n, quote_keys(text))
        for n, quote in enumerate(planted):
            copy = "“" + " ".join(quote.strip("“”\"' ").split()[2:]) + "”"
            stored[("planted", n)] = copy
            index.add(("planted", n), quote_keys(copy))
        timings, candidate_counts, found = [], [], 0
        for n, probe in enumerate(probes):
            started = time.perf_counter()
            for quote in probe:
                candidates = index.candidates(quote_keys(quote))[:MAX_CANDIDATES]
                candidate_counts.append(len(candidates))
                for candidate in candidates:
                    link = link_quotes(QuoteText(quote), QuoteText(stored[candidate]))
                    found += bool(link) and candidate == ("planted", n)
            timings.append(1000 * (time.perf_counter() - started))
        timings.sort()
        results.append({"articles": size, "quotes": len(stored),
                        "ms_per_article_p50": statistics.median(timings),
                        "ms_per_article_p95": timings[int(0.95 * (len(timings) - 1))],
                        "candidates_per_quote": statistics.mean(candidate_counts),
                        "planted_found": found, "planted": len(planted)})
    return results
