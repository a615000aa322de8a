"""Golden test: the reference page goes through the whole pipeline into a real SQLite file,
and every fact the page states comes back out of the store right."""

from __future__ import annotations

import unicodedata

import pytest

from storyline.config import Settings
from storyline.pipeline import ingest_pages
from storyline.store import open_store

HEADLINE = "Putin Agrees To US-Proposed Ceasefire, But Only If It Leads To ‘Lasting Peace’"


def fold(text: str) -> str:
    """Compare text the way a reader does: curly and straight apostrophes alike, any case."""
    return unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").lower()


@pytest.fixture(scope="module")
def stored(tmp_path_factory, sample_page_path):
    db = tmp_path_factory.mktemp("golden") / "storyline.db"
    store = open_store(str(db))
    report = ingest_pages([str(sample_page_path)], store, Settings(db=str(db)))
    assert report.failures == [] and report.ingested == 1
    article = store.get_article(report.article_ids[0])
    return store, article


@pytest.fixture(scope="module")
def article(stored):
    return stored[1]


def actor_named(article, name):
    matches = [a for a in article.actors if a.name == name]
    assert matches, f"no actor {name!r} in {[a.name for a in article.actors]}"
    return matches[0]


def quotes_by(article, name):
    return [q for q in article.quotes if q.speaker_name == name]


def test_page_structure(article):
    assert article.outlet == "The Daily Guardian"
    assert article.section == "Asia"
    assert article.breadcrumbs == ["Home", "Asia"]
    assert article.title == HEADLINE
    assert article.standfirst.startswith("Putin endorsed a temporary truce but emphasized addressing core issues")
    assert article.standfirst.endswith("US officials arrived in Moscow for talks.")
    assert article.summary == article.standfirst
    assert article.status == "analysed" and article.language == "en" and article.format == "text"


def test_body_is_the_article_only(article):
    body = article.body
    assert body.startswith("Russian President Vladimir Putin on Thursday backed the US-brokered 30-day truce")
    assert body.endswith("economically we could do some things that would be disastrous.”")
    assert "Advertisement" not in body and "Scroll to continue" not in body
    assert HEADLINE not in body and "Home/" not in body and "Putin endorsed" not in body
    paragraphs = [body[start:end] for start, end in article.paragraphs]
    assert len(paragraphs) == 8
    assert paragraphs[1].startswith("“We support the proposal for a ceasefire")
    assert paragraphs[-1].startswith("“I want peace")


def test_actors_and_roles(article):
    putin = actor_named(article, "Vladimir Putin")
    assert putin.type == "PERSON"
    assert "Putin" in putin.aliases
    assert "russian president" in {fold(r) for r in putin.roles}
    expected_roles = {
        "Alexander Lukashenko": "belarusian leader",
        "Steve Witkoff": "trump's middle east special envoy",
        "Mike Waltz": "us national security adviser",
        "Donald Trump": "president",
    }
    for name, role in expected_roles.items():
        actor = actor_named(article, name)
        assert actor.type == "PERSON"
        assert role in {fold(r) for r in actor.roles}, (name, actor.roles)
    assert "Trump" in actor_named(article, "Donald Trump").aliases


def test_places_are_places_not_people(article):
    for place in ("Kyiv", "Moscow", "Ukraine"):
        assert actor_named(article, place).type == "GPE"
    people = [a.name for a in article.actors if a.type == "PERSON"]
    assert not [p for p in people if "Kyiv" in p or "Middle East" in p or "Agrees" in p], people


def test_the_russian_president_is_a_mention_of_putin(article):
    putin = actor_named(article, "Vladimir Putin")
    mentioned = {fold(m.text) for m in article.mentions if m.actor_id == putin.id}
    assert {"vladimir putin", "putin", "the russian president"} <= mentioned


def test_putin_direct_quotes(article):
    direct = [q for q in quotes_by(article, "Vladimir Putin") if q.kind == "direct"]
    assert len(direct) == 2, [q.text for q in direct]
    first, second = sorted(direct, key=lambda q: q.content[0].start)
    assert first.text.startswith("We support the proposal for a ceasefire")
    assert first.text.rstrip(",”\" ").endswith("core problems of this crisis")
    assert first.cue.text == "said" and first.speaker.text == "Putin"
    # split by its attribution ("…,” Putin said. “But…”): one quote, two content spans
    assert "Our troops are advancing" in second.text and "phone call with President Trump" in second.text
    assert len(second.content) == 2
    # the reader sees where the attribution stood: no sentence Putin never said that way
    assert "in virtually every sector of the front line, [...] But we also need to discuss" in second.text


def test_quote_spans_point_into_the_body(article):
    body = article.body
    for quote in article.quotes:
        for span in quote.content:
            assert body[span.start:span.end] == span.text
        if quote.speaker:
            assert body[quote.speaker.start:quote.speaker.end] == quote.speaker.text


@pytest.mark.parametrize("content, speaker_text, cue", [
    ("more talks to resolve the root causes of the conflict", "Russian President Vladimir Putin", "insisted on"),
    ("the ceasefire has to be something greater than a temporary suspension of hostilities", "Putin", "emphasized"),
    ("Russian troops were moving forward on almost all fronts in Ukraine", "The Russian president", "mentioned"),
    ("remaining issues be settled with US representatives", "He", "proposed"),
])
def test_putin_indirect_statements(article, content, speaker_text, cue):
    found = [q for q in article.quotes if content in q.text]
    assert len(found) == 1, [q.text for q in article.quotes]
    quote = found[0]
    assert quote.kind == "indirect"
    assert quote.speaker_name == "Vladimir Putin"
    assert (quote.speaker.text, quote.cue.text) == (speaker_text, cue)


def test_trump_quote_and_threat(article):
    trump = quotes_by(article, "Donald Trump")
    direct = [q for q in trump if q.kind == "direct"]
    assert len(direct) == 1, [q.text for q in trump]
    assert direct[0].text.startswith("I want peace")
    assert "economically we could do some things that would be disastrous" in direct[0].text
    assert direct[0].cue.text == "stated"
    threat = [q for q in trump if "economic sanctions at his disposal" in q.text]
    assert len(threat) == 1 and threat[0].kind == "indirect"
    assert "threatening" in threat[0].cue.text


def test_nobody_else_is_credited_with_these_words(article):
    speakers = {q.speaker_name for q in article.quotes}
    assert not speakers & {"Alexander Lukashenko", "Steve Witkoff", "Kyiv"}
    # a speaker span that names a person always resolves to that person
    surnames = {a.name.split()[-1] for a in article.actors if a.type == "PERSON"}
    for quote in article.quotes:
        if quote.speaker_name is None and quote.speaker:
            assert not {w for w in quote.speaker.text.split() if w in surnames}, quote


def test_ingesting_the_same_page_again_changes_nothing(stored, sample_page_path):
    store, article = stored
    before = store.stats()
    report = ingest_pages([str(sample_page_path)], store, Settings(db="unused"))
    assert report.unchanged == 1 and report.ingested == 0
    assert store.stats() == before
    assert store.get_article(article.id) == article
