"""HTML extraction on real pages of the shared benchmark: text kept, furniture dropped, metadata."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

import pytest
from lxml.etree import tostring
from lxml.html import HtmlElement
from trafilatura import bare_extraction, load_html

from storyline.extract import extract_article
from storyline.extract.html import _main_text, parse_html
from storyline.model import Article, Page


@cache
def _truth(shared_dir: Path) -> dict[str, dict]:
    return json.loads((shared_dir / "bench" / "extraction" / "ground-truth.json").read_text("utf8"))


@cache
def _benchmark_article(shared_dir: Path, id_prefix: str) -> Article:
    truth = _truth(shared_dir)
    page_id = next(key for key in truth if key.startswith(id_prefix))
    raw = gzip.decompress((shared_dir / "bench" / "extraction" / "html" / f"{page_id}.html.gz").read_bytes())
    result = extract_article(Page(source=page_id, content=raw, url=truth[page_id]["url"]))
    assert isinstance(result, Article), result
    return result


@pytest.fixture
def bench_article(shared_dir: Path):
    return lambda id_prefix: _benchmark_article(shared_dir, id_prefix)


def test_space_page_keeps_story_drops_related_links(bench_article) -> None:
    article = bench_article("c50845a715")
    assert article.format == "html"
    assert article.title == "NASA Picks SpaceX, Blue Origin and More to Join Private Moon Lander Project"
    assert article.published == "2019-11-18"
    assert article.authors == ["Tariq Malik"]
    assert article.outlet == "Space.com"
    assert article.breadcrumbs == ["Home", "News", "Spaceflight"]
    assert "The five companies join nine others selected by CLPS in November 2018" in article.body
    assert "Related: SpaceX's Starship" not in article.body
    assert article.language == "en"


def test_city_am_page_drops_read_more_lines(bench_article) -> None:
    article = bench_article("360c732d1f")
    assert article.title == "Alibaba to raise up to $12.9bn in landmark Hong Kong listing"
    assert article.published == "2019-11-20"
    assert article.canonical_url == "https://www.cityam.com/alibaba-to-raise-up-to-12-9bn-in-landmark-hong-kong-listing/"
    assert article.body.startswith("Alibaba is set to raise up to $12.9bn (£10bn) from its record-breaking second listing")
    assert "Read more:" not in article.body


def test_express_page_drops_promo_boxes_and_headline(bench_article) -> None:
    article = bench_article("ba4dfe2d3e")
    assert article.published == "2019-11-19"
    assert article.section == "Science"
    assert "DON'T MISS" not in article.body
    assert "READ MORE" not in article.body
    assert not article.body.startswith(article.title)
    assert "Of the three plague variants, pneumonic is the most virulent" in article.body


def test_paragraph_offsets_index_the_body(bench_article) -> None:
    article = bench_article("c50845a715")
    texts = article.paragraph_texts()
    assert "\n\n".join(texts) == article.body
    assert all(text and text == text.strip() for text in texts)
    assert any(text.startswith("Blue Origin, Kent, Washington") for text in texts)  # list items stay paragraphs


def test_non_english_page_gets_its_language(bench_article) -> None:
    article = bench_article("b6fb53e9fb")
    assert article.language == "it"
    assert "Netflix" in article.body
    assert article.title.startswith("Remake serie animata de") and article.title.endswith("per Netflix")
    assert article.outlet == "Remember 80/90 - Memorabilia anni 80/90"


def test_a_hover_card_of_linked_headlines_after_a_name_stays_out_of_the_sentence(bench_article) -> None:
    """The Hill: a name's rollover card (photo, the name again, three linked headlines, "MORE")
    sits inside the paragraph; the sentence reads on from the name."""
    noem = bench_article("156770d676").body
    assert noem.startswith("South Dakota Gov. Kristi Noem (R) is defending the state’s launch")
    omar = bench_article("6ebac05f63").body
    assert "Rep. Alexandria Ocasio-Cortez (D-N.Y.) shortly after the arrest" in omar
    assert "Hillicon Valley" not in omar and "MORE (" not in omar


def test_links_with_words_between_them_are_prose() -> None:
    sentence = ("The report was written by <span><a href='/a'>Ann Lee</a>, <a href='/b'>Bo Chan</a> and "
                "<a href='/c'>Cy Diaz</a></span> after a year of interviews with officials in three states.")
    page = ("<html><head><title>A report on the states</title></head><body><article>"
            f"<p>{sentence}</p>"
            "<p>The officials said the findings would shape next year's budget and the way the states "
            "share data with each other, and that the work would go on.</p></article></body></html>")
    assert "written by Ann Lee, Bo Chan and Cy Diaz after a year" in _own_page(page).body


@pytest.mark.parametrize("links", [
    "<span><a href='/p/noem'>Kristi Noem</a><b><a href='/1'>Noem signs bill</a> <a href='/2'>Noem on meth</a> "
    "<a href='/p/noem'>MORE</a></b></span>",  # a card in another tag: only a span inside a span is dropped
    "<span><a href='/a'>Kristi Noem</a> <a href='/b'>Ann Lee</a> <a href='/c'>Bo Chan</a></span>",  # linked names alone
])
def test_a_run_of_links_not_nested_in_a_name_keeps_its_names(links: str) -> None:
    page = ("<html><head><title>South Dakota's campaign</title></head><body><article>"
            f"<p>South Dakota Gov. {links} defended the state's new anti-drug campaign on Monday in the capital.</p>"
            "<p>The tagline drew a mix of criticism and ridicule across the state, but officials said the "
            "campaign had already reached more people than any before it.</p></article></body></html>")
    assert "Kristi Noem" in _own_page(page).body
_LEAD = (
    "The council voted on Tuesday to close the old bridge to heavy traffic. Engineers had warned for years that "
    "its steel was failing. Repairs will begin in the spring and last until the autumn, the mayor said."
)


def _own_page(html: str) -> Article:
    result = extract_article(Page(source="own", content=html.encode(), url="https://example.org/bridge"))
    assert isinstance(result, Article), result
    return result


def test_text_between_scripts_is_kept_and_code_is_not() -> None:
    """Scripts are deleted before trafilatura copies the tree; the text after each one stays."""
    paragraphs = "".join(
        f"<p>{sentence}.<script>window.ads.push({n});</script> Residents can still cross on foot, point {n}.</p>"
        for n, sentence in enumerate(_LEAD.split(". "))
    )
    article = _own_page(f"<html><head><style>p {{ color: red }}</style></head><body><article>{paragraphs}</article></body></html>")
    assert "Residents can still cross on foot, point 2." in article.body
    assert "Engineers had warned for years that its steel was failing." in article.body
    assert "window.ads" not in article.body and "color" not in article.body


def test_article_body_only_in_json_ld_is_found() -> None:
    """A page that renders its story by script carries it in JSON-LD, which stays for trafilatura."""
    data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": _LEAD})
    html = (
        f'<html><head><title>Bridge closes</title><script type="application/ld+json">{data}</script></head>'
        '<body><div id="app"></div><script>window.render()</script></body></html>'
    )
    assert _own_page(html).body == _LEAD


_FORM_PAGE = (
    "<html><head><title>Bridge closes</title></head><body><article><p>" + _LEAD + "</p>"
    "<form action='/s'><label for='q'>Search</label><input id='q' name='q' value='bridge'>"
    "<select name='s'><option>All</option></select><textarea name='t'>Your view</textarea></form>"
    "</article></body></html>"
)


@pytest.mark.parametrize("source", [
    _FORM_PAGE,
    "<?xml version='1.0' encoding='utf-8'?>" + _FORM_PAGE,  # lxml refuses a str that declares its encoding
    "<!DOCTYPE html>\n" + _FORM_PAGE.replace("heavy", "hea\x01vy"),  # trafilatura strips the control character
    "<!DOCTYPE html>\n" + _FORM_PAGE.replace("<html>", "<html/>", 1),  # and repairs the tag
    "<p>" + _LEAD + "</p>",  # no "html" in the first bytes and one block: not HTML for trafilatura
])
def test_the_page_is_parsed_as_trafilatura_parses_it(source: str) -> None:
    """`parse_html` follows `trafilatura.load_html` step for step with a faster parser: same tree,
    same rejections, same extraction (this fails if a trafilatura release changes its loader)."""
    ours, theirs = parse_html(source), load_html(source)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert tostring(ours) == tostring(theirs)
        assert all(isinstance(element, HtmlElement) for element in ours.iter())
        assert _extracted(ours) == _extracted(theirs)


def _extracted(tree: HtmlElement) -> bytes | None:
    document = bare_extraction(tree, include_comments=False, include_links=True, output_format="txt")
    return tostring(document.body) if document is not None else None


_COMMENTED_PAGE = _FORM_PAGE.replace("</article>", "</article><div id='comments'><p>" + _LEAD[::-1] + "</p></div>")


def test_bench_pages_are_parsed_as_trafilatura_parses_them(shared_dir: Path) -> None:
    """The same on real pages (every 20th page of the shared benchmark)."""
    for page_id in list(_truth(shared_dir))[::20]:
        with gzip.open(shared_dir / "bench" / "extraction" / "html" / f"{page_id}.html.gz", "rt", encoding="utf8") as f:
            html = f.read()
        assert tostring(parse_html(html)) == tostring(load_html(html)), page_id
        assert _main_text_of(html) == _extracted(parse_html(html)), page_id


_EMPTY_PAGE = "<html><head><title>Empty</title></head><body><div><img src=a.png></div></body></html>"


@pytest.mark.parametrize("source", [_FORM_PAGE, _COMMENTED_PAGE, _EMPTY_PAGE])
def test_the_main_text_is_bare_extractions(source: str) -> None:
    """`_main_text` runs trafilatura's internal cascade without `bare_extraction`'s copy of the
    tree: the same body, the comments left out, None for a page without text (this fails if a
    trafilatura release changes what `bare_extraction` does around it)."""
    assert _main_text_of(source) == _extracted(parse_html(source))
    if source == _COMMENTED_PAGE:
        assert _LEAD[::-1][:20].encode() not in _main_text_of(source)


def _main_text_of(source: str) -> bytes | None:
    body = _main_text(parse_html(source))
    return tostring(body) if body is not None else None
