"""Stage `analyze`: Article → AnalysedArticle (actors, mentions, quotes, summary).

Where each fact is computed:
  nlp.py      loads the spaCy pipeline once per process
  actors.py   entities merged into canonical actors with aliases and roles
  attribution/  direct, mixed and indirect quotes with cue and speaker (see its __init__)
  summary.py  the standfirst, or an extractive lead
"""

from __future__ import annotations

from spacy.language import Language

from storyline.analyze.actors import find_actors
from storyline.analyze.attribution.quotes import attribute_quotes
from storyline.analyze.summary import summarize
from storyline.model import AnalysedArticle, Article


def analyze_article(article: Article, nlp: Language) -> AnalysedArticle:
    """Run the English analysis; an article in another language is kept, marked, not analysed."""
    if article.language and article.language != "en":
        return AnalysedArticle(article, status=f"not analysed: language {article.language}",
                               summary=article.standfirst)
    # Every new word a text brings is cached in the shared vocabulary for good; over a crawl of
    # millions of pages that alone grows a worker without bound. The memory zone evicts what
    # this article added once its facts are plain records (nothing below keeps a spaCy object).
    with nlp.memory_zone():
        doc = nlp(article.body)
        actors, mentions = find_actors(doc)
        quotes = attribute_quotes(doc, actors, mentions)
        summary = summarize(article, doc)
    return AnalysedArticle(article, status="analysed", actors=actors, mentions=mentions,
                           quotes=quotes, summary=summary)


__all__ = ["analyze_article"]
