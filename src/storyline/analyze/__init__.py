"""Stage `analyze`: Article → AnalysedArticle (actors, mentions, quotes, summary).

Where each fact is computed:
  nlp.py      loads the spaCy pipeline once per process
  actors.py   entities merged into canonical actors with aliases and roles
  attribution/  direct, mixed and indirect quotes with cue and speaker (see its __init__)
  summary.py  the standfirst, or an extractive lead
  chunks.py   a long body cut into chunks, their facts joined
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyline.analyze.actors import find_actors
from storyline.analyze.attribution.quotes import attribute_quotes
from storyline.analyze.chunks import MAX_ANALYSED_CHARS, ChunkMerger, chunk_bounds
from storyline.analyze.summary import summarize
from storyline.budget import check_budget
from storyline.model import AnalysedArticle, Article, Stage


def analyze_article(article: Article, nlp: Language) -> AnalysedArticle:
    """Run the English analysis; an article in another language is kept, marked, not analysed."""
    if article.language and article.language != "en":
        return AnalysedArticle(article, status=f"not analysed: language {article.language}",
                               summary=article.standfirst)
    analysed_text = article.body[:MAX_ANALYSED_CHARS]
    status = "analysed" if len(analysed_text) == len(article.body) else (
        f"analysed: first {len(analysed_text):,} of {len(article.body):,} characters")
    analysed = AnalysedArticle(article, status=status, summary=article.standfirst)
    merger = ChunkMerger()
    for start, end in chunk_bounds(analysed_text):
        check_budget(Stage.ANALYZE)
        # Every new word a text brings is cached in the shared vocabulary for good; over a crawl
        # of millions of pages that alone grows a worker without bound. The memory zone evicts
        # what this chunk added once its facts are plain records (nothing keeps a spaCy object).
        with nlp.memory_zone():
            doc = _parse(nlp, analysed_text[start:end])
            actors, mentions = find_actors(doc)
            merger.add(start, actors, mentions, attribute_quotes(doc, actors, mentions))
            if start == 0:
                analysed.summary = summarize(article, doc)
    return merger.result(analysed)


def _parse(nlp: Language, text: str) -> Doc:
    """`nlp(text)`, one component at a time, so that the page's budget is checked between them."""
    doc = nlp.make_doc(text)
    for _name, component in nlp.pipeline:
        doc = component(doc)
        check_budget(Stage.ANALYZE)
    return doc


__all__ = ["analyze_article"]
