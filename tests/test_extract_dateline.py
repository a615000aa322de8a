"""Datelines and agency credits (issue 16): kept as article metadata, never read as prose."""

from __future__ import annotations

import dataclasses

import pytest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from store_fixtures import ceasefire

from storyline.analyze import analyze_article
from storyline.extract import extract_article
from storyline.extract.dateline import find_dateline
from storyline.model import Article, Page

AP_STORY = (
    "<html><head><meta charset='utf-8'><title>Governor signs water bill</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Governor signs water bill</h1>"
    "<p>SANTA FE, N.M. (AP) — New Mexico's governor signed a bill on Monday that pays for new water pipes in "
    "rural towns, after lawmakers passed it with support from both parties.</p>"
    "<p>\"Every family deserves clean water from the tap,\" Gov. Michelle Lujan Grisham said at the signing "
    "ceremony in the Capitol.</p>"
    "<p>The law sets aside $50 million over five years, and the first projects are expected to start next spring.</p>"
    "</article></body></html>"
)


def _extract(content: str, content_type: str = "text/html") -> Article:
    result = extract_article(Page(source="test", content=content.encode(), content_type=content_type))
    assert isinstance(result, Article), result
    return result


@pytest.mark.parametrize(("opening", "place", "agency", "text"), [
    ("SANTA FE, N.M. (AP) — The governor said", "SANTA FE, N.M.", "AP", "The governor said"),
    ("(CNN)President Donald Trump said", None, "CNN", "President Donald Trump said"),
    ("COLUMBIA (Reuters) - A court ruled", "COLUMBIA", "Reuters", "A court ruled"),
    ("WASHINGTON — Lawmakers voted", "WASHINGTON", None, "Lawmakers voted"),
    ("LONDON, Nov 26 (Reuters) - Shares fell", "LONDON", "Reuters", "Shares fell"),
    ("Washington (CNN)The House voted", "Washington", "CNN", "The House voted"),
])
def test_datelines_and_credits_are_recognised(opening: str, place: str | None, agency: str | None, text: str) -> None:
    found = find_dateline([opening])
    assert found is not None
    assert (found.place, found.agency, opening[found.end:]) == (place, agency, text)


@pytest.mark.parametrize("opening", [
    "BREAKING: Fire downtown closes the bridge",
    "DEAR ABBY: My husband of more than 20 years just purchased plane tickets",
    "(Laughs) I think we did fine",
    "Smith (R-Texas) said the bill would pass",
    "Der (Elektro-)Roller versteht sich als Ausweitung des Angebots",
    "He said it - and then he left",
    "The President said (today) that",
])
def test_prose_that_looks_like_a_dateline_is_left_alone(opening: str) -> None:
    assert find_dateline([opening]) is None


def test_an_html_story_keeps_its_dateline_as_metadata() -> None:
    article = _extract(AP_STORY)
    assert (article.dateline, article.agency) == ("SANTA FE, N.M.", "AP")
    assert article.body.startswith("New Mexico's governor signed a bill on Monday")
    assert "(AP)" not in article.body


def test_a_text_scrape_keeps_its_dateline_as_metadata() -> None:
    scrape = "\n".join([
        "World News",
        "Court blocks election map",
        "COLUMBIA (Reuters) - A federal court on Tuesday blocked the new election map drawn by state lawmakers, "
        "saying it split Black neighbourhoods to weaken their vote.",
        "The state's attorney general said he would appeal the ruling to the Supreme Court within days, "
        "and lawmakers said they would meet next week.",
        "Voting rights groups, who brought the case two years ago, welcomed the decision as a clear victory.",
    ])
    article = _extract(scrape, "text/plain; charset=utf-8")
    assert (article.dateline, article.agency) == ("COLUMBIA", "Reuters")
    assert article.body.startswith("A federal court on Tuesday blocked")


def test_analysis_never_meets_the_dateline(nlp) -> None:
    cnn = AP_STORY.replace("SANTA FE, N.M. (AP) — New Mexico's governor", "(CNN)President Donald Trump praised New Mexico's governor, who")
    for page in (AP_STORY, cnn):
        analysed = analyze_article(_extract(page), nlp)
        speakers = [quote.speaker.text for quote in analysed.quotes if quote.speaker]
        assert speakers and not any("SANTA FE" in s.upper() or "CNN" in s for s in speakers)
        names = [actor.name for actor in analysed.actors] + [role for actor in analysed.actors for role in actor.roles]
        assert not any("CNN" in name or name.upper() == "SANTA FE" for name in names)


def test_the_store_keeps_the_dateline(store) -> None:  # noqa: F811
    analysed = ceasefire()
    analysed = dataclasses.replace(analysed, article=dataclasses.replace(analysed.article, dateline="KYIV", agency="AP"))
    saved = store.save(analysed)
    article = store.get_article(saved.article_id)
    assert (article.dateline, article.agency) == ("KYIV", "AP")


def test_the_article_page_and_the_api_show_the_dateline(tmp_path) -> None:
    from serving import serving

    from storyline.config import Settings
    from storyline.serve.app import create_app
    from storyline.store import open_store

    url = str(tmp_path / "datelines.db")
    analysed = ceasefire()
    analysed = dataclasses.replace(analysed, article=dataclasses.replace(analysed.article, dateline="SANTA FE, N.M.", agency="AP"))
    store = open_store(url)
    article_id = store.save(analysed).article_id
    store.close()
    with serving(create_app(Settings(db=url))) as (client, _app):
        page = client.get(f"/articles/{article_id}")
        assert page.status_code == 200
        assert 'id="dateline">SANTA FE, N.M. (AP)</dd>' in page.text
        detail = client.get(f"/api/articles/{article_id}").json()
        assert (detail["dateline"], detail["agency"]) == ("SANTA FE, N.M.", "AP")
