"""The five ways extraction lost to plain trafilatura on unseen sites (issue 17), one real-shaped
page each: a stray byte in a UTF-8 page, a dated line above a list, a later pass that is a rate
table, an opening that precision mode drops, and text in decomposed Unicode."""

from __future__ import annotations

import unicodedata

from storyline.extract import extract_article
from storyline.model import Article, Page

NAV = "<header class='site'><nav><ul>" + "".join(f"<li><a href='/s{i}'>Rubrik {i}</a></li>" for i in range(8)) + "</ul></nav></header>"


def _page(title: str, article: str, after: str = "") -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{NAV}<main>{article}</main>"
            f"{after}<footer><p>Impressum</p></footer></body></html>").encode()


def _extract(content: bytes) -> Article:
    result = extract_article(Page(source="test", content=content))
    assert isinstance(result, Article), result
    return result


SOURDOUGH = (
    "<article><h1>Sauerteig ansetzen</h1>"
    "<p>Ein Sauerteig braucht nur Mehl, Wasser und Geduld. Größere Bäckereien füttern ihn täglich, für Bürger zu Hause reicht es zweimal pro Woche.</p>"
    "<p>Wer zum ersten Mal ansetzt, sollte einen warmen Ort wählen, denn unter zwanzig Grad werden die Hefen träge.</p>"
    "<p>Nach fünf Tagen ist der Ansatz kräftig genug, um ein erstes Brot zu backen, das außen knusprig und innen saftig wird.</p></article>"
)


def test_a_stray_byte_does_not_turn_a_utf8_page_into_another_charset() -> None:
    content = _page("Sauerteig ansetzen", SOURDOUGH).replace(b"Geduld", b"Ged\x96uld", 1)
    article = _extract(content)
    assert "Größere Bäckereien füttern ihn täglich, für Bürger" in article.body
    assert "außen knusprig" in article.body
    assert "Ged\ufffduld" in article.body  # the one bad byte is replaced, nothing else changes


def test_a_dated_line_keeps_the_list_under_it() -> None:
    meeting = (
        "<article><h1>Jahresversammlung 2020</h1>"
        "<p>Der Verein lädt alle Mitglieder zur Jahresversammlung ein. Auf der Tagesordnung stehen der Bericht des Vorstands, die Wahl der Kassenprüfer und die Planung für das kommende Jahr.</p>"
        "<p>Termin: 29.02.2020, 19 Uhr</p><ul><li>Ort: Gemeindesaal an der Kirchstraße</li>"
        "<li>Anmeldung bis zum 20. Februar beim Vorstand</li><li>Für Getränke ist gesorgt</li></ul>"
        "<p>Wir freuen uns auf einen lebhaften Abend und auf viele neue Gesichter im Saal.</p></article>"
    )
    texts = _extract(_page("Jahresversammlung 2020", meeting)).paragraph_texts()
    assert "Termin: 29.02.2020, 19 Uhr" in texts
    assert "Ort: Gemeindesaal an der Kirchstraße" in texts
    assert "Für Getränke ist gesorgt" in texts


STORY_IN_HEADER = (
    "<section><article class='story'><header class='story-text'><h1>Council approves budget</h1>"
    "<p>The town council approved the new budget on Tuesday evening after a debate that lasted three hours.</p>"
    "<p>Mayor Anna Weber said the plan keeps the swimming pool open for two more summers and repairs the old bridge over the river.</p>"
    "<p>The opposition voted against it and called the spending on the bridge reckless.</p></header></article></section>"
)
RATES = "<section class='partner'><h3>Today's best savings rates</h3><table class='rates'>" + "".join(
    f"<tr><td>Savings plan {i}</td><td>{i}.{i}0 % interest a year, fixed for {i} years, minimum deposit {i * 500} euros</td></tr>"
    for i in range(1, 12)
) + "</table></section>"


def test_a_longer_rate_table_does_not_replace_a_short_story() -> None:
    article = _extract(_page("Council approves budget", STORY_IN_HEADER, after=RATES))
    assert article.body.startswith("The town council approved the new budget on Tuesday evening")
    assert "reckless" in article.body
    assert "Savings plan" not in article.body


def _section(paragraphs: str) -> str:
    return f"<section class='PageSection'><article class='ImageText'><header class='ImageText_Description'><div class='Richtext'>{paragraphs}</div></header></article></section>"


def test_an_opening_in_a_header_block_is_kept() -> None:
    opening = _section(
        "<p><strong>Europe's best athletes are already in top form in the year of the championships.</strong></p>"
        "<p>The reigning pole vault champion dominated his season debut on Friday in Karlsruhe. He cleared 5.51 m, 5.71 m and 5.89 m without effort before setting a new world lead of 6.02 m and breaking the meeting record.</p>"
        "<p>He then tried to beat his own indoor world record at 6.19 m. He failed, but after his successful start he said: \"I am very happy that I have so much confidence this early in the season.\"</p>"
    )
    figure = "<section class='PageSection'><figure><img src='/a.jpg'><figcaption>© Photo Agency</figcaption></figure></section>"
    more = _section(
        "<p>The French hurdles champion also began his season with a bang. Back from a run of injuries, he ran 7.56 seconds in his heat and went straight to the top of the world list.</p>"
        "<p>\"I am very happy with today's race. I try to give my best at every championship, and this year there are three,\" he said. He wants to defend his outdoor title in Munich in August.</p>"
        "<p>In the long jump the Swede was the only athlete beyond eight metres, just ahead of the 18-year-old junior world champion from France.</p>"
    )
    page = _page("Europe's top athletes fit for the championships",
                 f"<section><h1>Europe's top athletes fit for the championships</h1></section>{opening}{figure}{more}")
    article = _extract(page)
    assert article.body.startswith("Europe's best athletes are already in top form")
    assert "a new world lead of 6.02 m" in article.body


def test_text_comes_out_in_composed_unicode() -> None:
    decomposed = unicodedata.normalize(
        "NFD",
        "<article><h1>Le café rouvre</h1><p>Le café de la gare a rouvert ses portes après des mois de travaux, et les habitués sont revenus dès le premier matin.</p>"
        "<p>La propriétaire espère désormais attirer aussi les voyageurs pressés.</p></article>",
    )
    article = _extract(_page("Le café rouvre", decomposed))
    assert "Le caf\u00e9 de la gare" in article.body
    assert unicodedata.is_normalized("NFC", article.body)
    assert article.title == "Le caf\u00e9 rouvre"


def test_a_few_latin1_accents_are_still_read_as_latin1() -> None:
    latin = SOURDOUGH.replace("Größere Bäckereien füttern ihn täglich, für Bürger", "Die Bäckerei").replace(
        "kräftig", "stark").replace("außen", "aussen").replace("träge", "langsam")
    content = f"<html><head><title>Sauerteig</title></head><body>{NAV}<main>{latin}</main></body></html>".encode("latin-1")
    article = _extract(content)
    assert "Die Bäckerei" in article.body and "\ufffd" not in article.body


def test_an_ascii_page_that_declares_utf16_is_read_as_utf8() -> None:
    """Bytes with no NUL are not UTF-16 whatever their <meta> says; browsers read such a label
    as UTF-8 (issue 18: the page was lost as 'no article text found')."""
    for padding in ("", " "):  # an even and an odd number of bytes: UTF-16 decodes only the first
        content = _page("Council approves budget", STORY_IN_HEADER + padding).replace(
            b"charset='utf-8'", b"charset='utf-16'")
        assert content.isascii()
        article = _extract(content)
        assert "Mayor Anna Weber said the plan keeps the swimming pool open" in article.body
