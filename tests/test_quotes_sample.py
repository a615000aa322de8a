"""The quotes of the Daily Guardian ceasefire sample page, on the article body sliced from it."""

from __future__ import annotations

import pytest

from storyline.analyze.actors import find_actors
from storyline.analyze.attribution.quotes import attribute_quotes

BODY_START = "Russian President Vladimir Putin on Thursday backed"


@pytest.fixture(scope="module")
def sample(nlp, sample_page_path):
    page = sample_page_path.read_text(encoding="utf-8")
    doc = nlp(page[page.index(BODY_START):])
    actors, mentions = find_actors(doc)
    quotes = attribute_quotes(doc, actors, mentions)
    return doc.text, quotes, actors


def find(sample, words: str):
    text, quotes, actors = sample
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    quote = found[0]
    assert all(text[s.start:s.end] == s.text for s in quote.content)
    name = actors[quote.speaker_actor].name if quote.speaker_actor is not None else None
    return quote, name


def test_putin_direct_quote(sample):
    quote, name = find(sample, "We support the proposal for a ceasefire")
    assert (quote.kind, quote.cue.text, quote.speaker.text, name) == ("direct", "said", "Putin", "Vladimir Putin")


def test_putin_quote_continued_after_putin_said_is_one_quote(sample):
    quote, name = find(sample, "Our troops are advancing")
    assert len(quote.content) == 2
    assert quote.content[1].text.startswith("“But we also need to discuss key issues")
    assert name == "Vladimir Putin"


@pytest.mark.parametrize(("words", "cue", "speaker"), [
    ("more talks to resolve the root causes", "insisted on", "Russian President Vladimir Putin"),
    ("ceasefire has to be something greater", "emphasized", "Putin"),
    ("Russian troops were moving forward", "mentioned", "The Russian president"),
    ("remaining issues be settled with US representatives", "proposed", "He"),
])
def test_putin_indirect_statements(sample, words, cue, speaker):
    quote, name = find(sample, words)
    assert quote.kind == "indirect"
    assert quote.cue.text == cue
    assert quote.speaker.text == speaker
    assert name == "Vladimir Putin"


def test_trump_direct_quote(sample):
    quote, name = find(sample, "I want peace")
    assert quote.kind == "direct"
    assert quote.cue.text == "stated"
    assert quote.content[-1].text.endswith("disastrous.”")
    assert quote.text.endswith("we could do some things that would be disastrous.")
    assert name == "Donald Trump"


def test_trump_threat(sample):
    quote, name = find(sample, "he had economic sanctions")
    assert quote.cue.text == "threatening"
    assert name == "Donald Trump"


def test_waltz_explained_details(sample):
    quote, name = find(sample, "details of the ceasefire plan")
    assert name == "Mike Waltz"
