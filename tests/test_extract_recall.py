"""Recall of article parts generic extraction leaves out or repeats (issue 17): a lead paragraph in
an intro box, a list nested in a list, with real-shaped pages of our own."""

from __future__ import annotations

from storyline.extract import extract_article
from storyline.model import Article, Page

NAV = "<header class='site'><nav><ul>" + "".join(f"<li><a href='/r{i}'>Ressort {i}</a></li>" for i in range(8)) + "</ul></nav></header>"
LEAD = (
    "In der Nacht auf Samstag haben zwei junge Lenker auf der Autobahn bei Lenzburg ihre Sportwagen zu Schrott gefahren. "
    "Verletzt wurde niemand, der Schaden geht in die Hunderttausende."
)
STORY = (
    "<p>Der erste Unfall ereignete sich kurz vor Mitternacht, als ein 19-jähriger Neulenker in einer Kurve die Kontrolle über seinen Wagen verlor und in die Leitplanke prallte.</p>"
    "<p>Eine Stunde später kam ein 21-jähriger Fahrer auf der Gegenfahrbahn von der Strasse ab. Die Polizei nahm beiden Männern den Führerausweis vorläufig ab.</p>"
    "<p>Die Autobahn blieb in Richtung Zürich während zwei Stunden gesperrt, der Verkehr wurde über die Kantonsstrasse umgeleitet.</p>"
)


def _extract(html: str) -> Article:
    result = extract_article(Page(source="test", content=html.encode()))
    assert isinstance(result, Article), result
    return result


def _news_page(header: str, intro: str) -> str:
    return (
        "<html><head><meta charset='utf-8'><title>Junge Lenker schrotten zwei Sportwagen</title>"
        f"<meta name='description' content='{LEAD}'></head><body>{NAV}<main><div class='container'>{header}</div>"
        f"<div class='container'>{intro}<div class='article-body'>{STORY}</div></div></main>"
        "<footer><p>Impressum · Datenschutz</p></footer></body></html>"
    )


def test_a_lead_in_an_intro_box_opens_the_body() -> None:
    """The page shows its description as the opening paragraph in an intro box apart from the
    headline; trafilatura skips such boxes, the lead belongs to the article."""
    page = _news_page("<h1>Junge Lenker schrotten zwei Sportwagen</h1>", f"<div class='article-intro'><p>{LEAD}</p></div>")
    article = _extract(page)
    assert article.body.startswith("In der Nacht auf Samstag haben zwei junge Lenker")
    assert article.body.count("In der Nacht auf Samstag") == 1
    assert "Die Autobahn blieb in Richtung Zürich" in article.body


def test_a_summary_beside_the_headline_stays_out_of_the_body() -> None:
    """A dek printed with the headline is the page's summary (kept as the standfirst), not its text."""
    header = f"<h1>Junge Lenker schrotten zwei Sportwagen</h1><p class='dek'>{LEAD}</p>"
    article = _extract(_news_page(header, ""))
    assert article.body.startswith("Der erste Unfall ereignete sich kurz vor Mitternacht")
    assert article.standfirst == LEAD


def test_a_nested_list_comes_out_once() -> None:
    page = (
        "<html><head><title>Garden guide</title></head><body>" + NAV + "<article><h1>Garden guide</h1>"
        "<p>Spring is the time to plan the beds and order seeds for the coming season, before the rush starts.</p>"
        "<p>Here is what you need for a vegetable patch that feeds a family through the summer months.</p>"
        "<ul><li>Tools for the soil<ul><li>A spade with a sharp edge</li><li>A fork for turning compost</li></ul> and a rake</li>"
        "<li>Seeds of hardy plants</li><li>Plenty of water through dry weeks</li></ul>"
        "<p>With these things ready, the first sowing can start as soon as the ground warms up in April.</p>"
        "</article></body></html>"
    )
    texts = _extract(page).paragraph_texts()
    assert texts.count("A spade with a sharp edge") == 1
    assert texts.count("A fork for turning compost") == 1
    assert "Tools for the soil and a rake" in texts
    assert "Plenty of water through dry weeks" in texts
