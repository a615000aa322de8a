"""The analyze stage as a whole: what it leaves behind in the shared spaCy pipeline."""

from __future__ import annotations

from storyline.analyze import analyze_article
from storyline.model import Article, Paragraph


def test_analysis_leaves_no_new_words_in_the_shared_vocabulary(nlp):
    """A batch worker analyses millions of pages with one pipeline: words it has never seen must
    not pile up in its vocabulary, while the facts found keep them as plain text."""
    body = "Zorblax Quintavane, the mayor of Vellmoria, said the Qwertzian bridge would reopen on Friday."
    page = Article(source="test", format="text", title=None, body=body, paragraphs=[Paragraph(0, len(body))])
    before = len(nlp.vocab.strings)
    result = analyze_article(page, nlp)
    assert len(nlp.vocab.strings) == before
    assert "Qwertzian" not in nlp.vocab.strings
    (quote,) = result.quotes
    assert quote.text == "the Qwertzian bridge would reopen on Friday"
    assert result.actors[quote.speaker_actor].name == "Zorblax Quintavane"
