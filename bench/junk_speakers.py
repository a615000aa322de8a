"""Junk speakers on real pages: quotes given to datelines, credits, things or single common words.

    python bench/junk_speakers.py --data ../shared/bench/extraction --out bench/results/junk-speakers.json

Every page goes through extraction and analysis as in an ingest. A quote's speaker is what a
reader sees: the actor's name when the speaker was resolved, else the words as written. It is
junk when it is
  - a credit or layout debris: brackets, a bar, an underscore, a copyright sign, a line break;
  - a dateline or label: all capitals, with a word of six letters or more or two of three
    ("BUFFALO", "DEAR ABBY", "CBS DFW"), not an abbreviation ("U.S.", "PG&E");
  - a thing: a place that is not a country or city (FAC, LOC), or a name with a number beside or
    inside a capitalised word ("16-inch MacBook Pro", "Uchiyama 6-2", "Series 3", "A350");
  - a single common word: one capitalised word, not a country or city, that these pages write in
    lower case at least as often as capitalised inside a sentence ("Experience", "Pressure") and
    that does not name people or a body ("Prosecutors", "Police", "Studies"), or one letter ("Q").
Pronouns, resolved or not, are never junk: they are people or unresolved references, not
debris. The counts are printed per kind with every junk speaker, and written as JSON.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from _common import analysed_pages, arguments, write_results

from storyline.analyze.names import is_role_noun
from storyline.config import Settings
from storyline.model import AnalysedArticle

PRONOUNS = frozenset("""
    i me my you your we us our they them their he him his she her it its that which who whom this these
    those there everyone everybody someone somebody others other another both all some many most none
    one each either neither
""".split())
# Words for people and bodies without an agent suffix (`names.is_role_noun` knows the rest).
BODIES = frozenset("""
    police people public staff media press government authorities authority study studies research report
    reports poll polls survey surveys data experts team family families crowd sources teens kids children
""".split())
THING_TYPES = {"FAC", "LOC"}
WORD = re.compile(r"[A-Za-z][a-z]+")
# A number beside or inside a capitalised word, not an ordinal ("14th-ranked Schwartzman").
NUMBERED_NAME = re.compile(r"[A-Z][\w-]*\s\d(?!\d{3}\b)|\b\d[\w.-]*\s[A-Z]|\d\s[A-Z]|\b[A-Z][A-Za-z]*\d|\b\d+[A-Za-z]+\b")


def junk_kind(shown: str, actor_type: str | None, usage: Counter) -> str | None:
    """Which kind of junk a speaker as shown is, or None."""
    if shown.lower() in PRONOUNS:
        return None
    if any(mark in shown for mark in "()|_©\n"):
        return "credit"
    words = re.findall(r"[A-Za-z]+", shown)
    if shown.isupper() and (any(len(w) >= 6 for w in words) or sum(len(w) >= 3 for w in words) >= 2):
        return "dateline"
    if actor_type in THING_TYPES or NUMBERED_NAME.search(re.sub(r"\b\d+(st|nd|rd|th)\b", "", shown)):
        return "thing"
    if len(shown.strip()) == 1:
        return "single word"
    word = shown.lower()
    if (actor_type != "GPE" and " " not in shown and shown.istitle() and usage[word] >= max(usage[shown], 1)
            and word not in BODIES and not is_role_noun(word.removesuffix("s"))):
        return "single word"
    return None


def word_usage(bodies: list[str]) -> Counter:
    """How often each word is written in lower case, and capitalised inside a sentence."""
    usage: Counter = Counter()
    for body in bodies:
        for match in WORD.finditer(body):
            before = body[max(0, match.start() - 2) : match.start()]
            if match.group()[0].isupper() and (not before.strip() or before.strip()[-1:] in ".!?\"“:"):
                continue  # sentence-initial: tells nothing
            usage[match.group()] += 1
    return usage


def measure(data: Path, settings: Settings) -> dict:
    analysed = [result for result in analysed_pages(data / "html", settings) if isinstance(result, AnalysedArticle)]
    usage = word_usage([a.article.body for a in analysed])
    speakers, junk = 0, []
    for result in analysed:
        for quote in result.quotes:
            if quote.speaker is None:
                continue
            speakers += 1
            actor = result.actors[quote.speaker_actor] if quote.speaker_actor is not None else None
            shown = actor.name if actor else quote.speaker.text
            kind = junk_kind(shown, actor.type if actor else None, usage)
            if kind:
                junk.append({"kind": kind, "speaker": shown, "page": Path(result.article.source).name,
                             "quote": quote.text[:80]})
    return {"pages": len(analysed), "quotes_with_speaker": speakers, "junk": len(junk),
            "by_kind": dict(Counter(j["kind"] for j in junk)), "junk_speakers": junk,
            "spacy_model": settings.spacy_model, "date": datetime.now(UTC).date().isoformat()}


def main() -> None:
    args = arguments(__doc__, "bench/results/junk-speakers.json").parse_args()
    result = measure(args.data, Settings())
    for item in result["junk_speakers"]:
        print(f"{item['kind']:<12} {item['speaker'][:40]!r:<44} {item['page']}")
    print(f"\npages {result['pages']}, quotes with a speaker {result['quotes_with_speaker']}, "
          f"junk speakers {result['junk']}: {result['by_kind']}")
    write_results(args.out, result)


if __name__ == "__main__":
    main()
