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


def _story_page(title: str, story: str) -> str:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{NAV}<article><h1>{title}</h1>{story}</article></body></html>"


def test_appeals_and_info_box_labels_are_dropped() -> None:
    story = (
        "<p>Das Institut hat ein Klimamodell vorgestellt, das die Erde mit einem Kilometer Auflösung simuliert und dabei Ozean und Atmosphäre koppelt.</p>"
        "<p>Die Forschenden zeigen damit erstmals Wirbel im Ozean und einzelne Gewitterzellen in einem einzigen globalen Lauf.</p>"
        "<p>To view the full story, please subscribe to the Gazette. You can choose an annual subscription or a weekly pass.</p>"
        "<p>Die Ergebnisse sollen im kommenden Jahr in die Vorhersagen des Wetterdienstes einfließen, wenn die Rechner es erlauben.</p>"
        "<p>Unterstütze unser Magazin bereits mit 2,50 Euro im Monat!</p>"
        "<p>For the latest stories and breaking news updates download the Gazette apps for iOS and Android.</p>"
        "<p>Weitere Informationen:</p><p>Kontakt:</p><p>Titelbild: Max Muster/Agentur</p>"
    )
    body = _extract(_story_page("Ein Klimamodell mit einem Kilometer Auflösung", story)).body
    assert "Gewitterzellen in einem einzigen globalen Lauf" in body
    assert "in die Vorhersagen des Wetterdienstes einfließen" in body
    for furniture in ("please subscribe", "Unterstütze", "download the Gazette apps", "Weitere Informationen", "Kontakt:", "Titelbild"):
        assert furniture not in body


def test_a_source_line_does_not_take_the_posts_after_it() -> None:
    """'Quelle: ...' credits the post above it; the replies listed after it are content, where
    the list after a call to action ('Read more:') is links."""
    posts = "".join(f"<li>Antwort {i}: bei mir hat das Update auf dem Telefon ohne Probleme funktioniert, nach {i} Minuten war alles fertig.</li>" for i in range(1, 6))
    story = (
        "<p>Microsoft beginnt mit der Auslieferung des Updates, das die Geräte auf die nächste Version vorbereitet. Es kommt über die Zune-Software.</p>"
        "<p>Quelle: forum.example.org</p>"
        f"<ul>{posts}</ul>"
    )
    texts = _extract(_story_page("Microsoft beginnt Auslieferung", story)).paragraph_texts()
    assert not any(text.startswith("Quelle") for text in texts)
    assert sum(text.startswith("Antwort") for text in texts) == 5


def test_text_below_the_parsers_depth_limit_is_kept() -> None:
    """libxml2 stops at 256 nested elements; a page built from 100,000 nested wrappers kept
    nothing of its story. Such a page is parsed again, flatter."""
    story = "".join(
        f"<p>Paragraph {i}: the council decided to keep the pool open for two more summers and to repair the bridge.</p>"
        for i in range(6)
    )
    for depth in (300, 100_000):
        page = f"<html><head><title>Council decides</title></head><body>{'<div class=wrap>' * depth}{story}{'</div>' * depth}</body></html>"
        texts = _extract(page).paragraph_texts()
        assert [text.split(":")[0] for text in texts] == [f"Paragraph {i}" for i in range(6)]


def test_topic_labels_download_lines_and_other_site_lists_are_dropped() -> None:
    teasers = "".join(f"<li><a href='/a{i}'>Zehn Tipps für den Garten im Herbst, Folge {i}</a></li>" for i in range(4))
    story = (
        "<p>Der Winterdienst ist Pflicht: Wer ein Haus besitzt, muss den Gehweg davor räumen und streuen, sobald Schnee liegt.</p>"
        "<p>Die Gemeinden legen in ihren Satzungen fest, bis wann morgens geräumt sein muss; meist ist es sieben Uhr.</p>"
        "<p>Merkblatt zum Winterdienst (PDF, 1,2 MB)</p>"
        "<p>Wer die Pflicht an Mieter weitergibt, muss das im Mietvertrag ausdrücklich regeln, sonst bleibt sie beim Eigentümer.</p>"
        f"<p>Themen</p><ul><li><a href='/t/recht'>Recht</a></li><li><a href='/t/winter'>Winter</a></li></ul>"
        f"<h2>Auch auf garten-ratgeber.de</h2><ul>{teasers}</ul><h3>Meistgelesen</h3>"
    )
    body = _extract(_story_page("Schneeräumpflicht: Was Hausbesitzer wissen müssen", story)).body
    assert "sonst bleibt sie beim Eigentümer" in body
    for furniture in ("PDF", "Themen", "Auch auf", "Zehn Tipps", "Meistgelesen"):
        assert furniture not in body


def test_reading_times_sign_offs_and_pointers_are_dropped() -> None:
    story = (
        "<p>Lesezeit: 2 Minuten</p>"
        "<p>Das Europäische Parlament hat dem Handelsabkommen zwischen der Union und London zugestimmt, mit großer Mehrheit.</p>"
        "<p>Damit gilt der Vertrag endgültig; vorläufig angewandt wurde er schon seit Januar, als die Übergangszeit endete.</p>"
        "<p>Anzeige gegen die Kommission hat bisher niemand erstattet.</p>"
        "<p>Weitere Infos unter www.example.eu.</p>"
        "<h3>Nächster Artikel</h3><ul><li><a href='/n'>Zölle auf Stahl: was sich ändert</a></li></ul>"
        "<p>aja/PAP</p>"
    )
    body = _extract(_story_page("Parlament stimmt Handelsabkommen zu", story)).body
    assert body.startswith("Das Europäische Parlament hat dem Handelsabkommen")
    assert body.endswith("als die Übergangszeit endete.\n\nAnzeige gegen die Kommission hat bisher niemand erstattet.")
