"""Synthetic stories made of real articles: ECB+'s analysed articles, their people and
organisations renamed per synthetic story, for bench/stories_scale.py.

Each synthetic story copies one ECB+ story (its template): every article is one of the
template's articles with each paragraph kept at random (4 in 5, at least one), and the
template's own words given the synthetic story's own suffix ("Horton" -> "Horton48213"), in the
text, the headline, the actors and their mentions. Its own words are every word of its people's,
organisations' and other non-place actors' names, and every word (or number) no other ECB+
story holds. So synthetic stories of one template share what real stories of one kind share
(the words found across ECB+'s stories, places and nationalities that recur), not each other's
specifics, and the words' document frequencies and the keys' overlap between stories follow
real text's.
"""

from __future__ import annotations

import bisect
import functools
import random
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

from ecbplus_docs import shuffled_docs
from stories import AnalysisCache, analyse

from storyline.config import Settings
from storyline.model import Actor, AnalysedArticle, Article, Mention, Paragraph

KEPT_NAMES = frozenset({"GPE", "LOC", "NORP"})
_TOKEN = re.compile(r"[^\W_]+")
KEEP_PARAGRAPH = 0.8


def ecbplus_templates(cache: Path | None) -> list[list[AnalysedArticle]]:
    """ECB+'s stories, each a list of its analysed articles (analysed once, or read from a
    bench/stories.py --analysis-cache file holding ECB+'s seed-0 order)."""
    settings, nlp = Settings(), None
    analyses = AnalysisCache(cache)

    def analysed(doc):
        nonlocal nlp
        if nlp is None:
            from storyline.analyze.nlp import load_nlp
            nlp = load_nlp(settings.spacy_model)
        return analyse(doc, nlp, settings)

    stories: dict[str, list[AnalysedArticle]] = {}
    for doc in shuffled_docs(settings.shared / "data" / "ecbplus" / "docs.jsonl", 0):
        result = analyses.get(doc, lambda doc=doc: analysed(doc))[0]
        if isinstance(result, AnalysedArticle):
            stories.setdefault(str(doc["story"]), []).append(result)
    analyses.save()
    print(f"{sum(map(len, stories.values()))} ECB+ articles in {len(stories)} stories as templates", file=sys.stderr)
    return [stories[key] for key in sorted(stories)]


class EcbplusDraws:
    """Synthetic articles from real ones: a topic is (template, suffix) for one synthetic story."""

    def __init__(self, seed: int, templates: list[list[AnalysedArticle]]):
        self.rng = random.Random(seed)
        self.templates = templates
        held = [{w.casefold() for a in story for w in _TOKEN.findall(f"{a.article.title or ''} {a.article.body}")}
                for story in templates]
        shared = {w for w, n in Counter(w for words in held for w in words).items() if n > 1}
        self.renamers = []
        for story, words in zip(templates, held):
            names = {word for a in story for actor in a.actors if actor.type not in KEPT_NAMES
                     for name in [actor.name, *actor.aliases] for word in _TOKEN.findall(name)}
            own = {w for a in story for w in _TOKEN.findall(f"{a.article.title or ''} {a.article.body}")
                   if w.casefold() not in shared}
            self.renamers.append(_renamer(names | own))

    def story_topic(self) -> tuple[int, str]:
        return self.rng.randrange(len(self.templates)), str(self.rng.randrange(10**9))

    def article(self, topic: tuple[int, str], source: str, when: datetime) -> AnalysedArticle:
        template, suffix = topic
        real = self.rng.choice(self.templates[template])
        rename = functools.partial(self.renamers[template], suffix=suffix)
        paragraphs = real.article.paragraphs or [Paragraph(0, len(real.article.body))]
        kept = [p for p in paragraphs if self.rng.random() < KEEP_PARAGRAPH] or [self.rng.choice(paragraphs)]
        body, spans, mentions = "", [], []
        for paragraph in kept:
            start = len(body) + (2 if body else 0)
            text, moved = rename(real.article.body[paragraph.start:paragraph.end])
            body += ("\n\n" if body else "") + text
            spans.append(Paragraph(start, len(body)))
            mentions += [(m.actor, start + moved(m.start - paragraph.start), start + moved(m.end - paragraph.start))
                         for m in real.mentions if paragraph.start <= m.start and m.end <= paragraph.end]
        held = sorted({actor for actor, _, _ in mentions})
        actors = [Actor(rename(real.actors[a].name)[0], real.actors[a].type,
                        [rename(alias)[0] for alias in real.actors[a].aliases]) for a in held]
        article = Article(source=source, format="text", title=rename(real.article.title)[0] if real.article.title else None,
                          body=body, paragraphs=spans, published=when.date().isoformat(), content_hash=source)
        return AnalysedArticle(article, "analysed", actors,
                               [Mention(held.index(a), s, e, body[s:e]) for a, s, e in mentions], [])


def _renamer(names: set[str]):
    """A function suffixing `names` in a text: (new text, old offset -> new offset)."""
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b") \
        if names else None

    def rename(text: str, suffix: str):
        if pattern is None:
            return text, lambda at: at
        pieces, old, new, last = [], [0], [0], 0
        for match in pattern.finditer(text):
            pieces += [text[last:match.start()], match.group() + suffix]
            shift = new[-1] - old[-1]
            old += [match.start(), match.end()]
            new += [match.start() + shift, match.end() + shift + len(suffix)]
            last = match.end()
        pieces.append(text[last:])

        def moved(at: int) -> int:
            n = bisect.bisect_right(old, at) - 1
            return new[n] + at - old[n]
        return "".join(pieces), moved
    return rename
