"""The plain-text scrape reader on the shared sample page and on small made-up layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extract import extract_article
from storyline.model import Article, Page


@pytest.fixture(scope="module")
def sample(sample_page_path: Path) -> Article:
    result = extract_article(Page(source=str(sample_page_path), content=sample_page_path.read_bytes()))
    assert isinstance(result, Article)
    return result


def test_sample_header_fields(sample: Article) -> None:
    assert sample.format == "text"
    assert sample.outlet == "The Daily Guardian"
    assert sample.breadcrumbs == ["Home", "Asia"]
    assert sample.section == "Asia"
    assert sample.title == "Putin Agrees To US-Proposed Ceasefire, But Only If It Leads To ‘Lasting Peace’"
    assert sample.standfirst.startswith("Putin endorsed a temporary truce")
    assert sample.standfirst.endswith("US officials arrived in Moscow for talks.")
    assert sample.language == "en"


def test_sample_body_is_the_story_only(sample: Article) -> None:
    assert sample.body.startswith("Russian President Vladimir Putin on Thursday backed")
    assert sample.body.endswith("economically we could do some things that would be disastrous.”")
    assert "Advertisement" not in sample.body
    assert sample.title not in sample.body
    assert sample.standfirst not in sample.body
    assert len(sample.paragraphs) == 8


def test_sample_paragraph_offsets_index_the_body(sample: Article) -> None:
    texts = sample.paragraph_texts()
    assert "\n\n".join(texts) == sample.body
    assert all(text and text == text.strip() and "\n\n" not in text for text in texts)
    assert texts[1].startswith("“We support the proposal for a ceasefire")
    assert [p.start for p in sample.paragraphs] == sorted(p.start for p in sample.paragraphs)


def _text_article(text: str) -> Article:
    result = extract_article(Page(source="test", content=text.encode("utf-8"), content_type="text/plain"))
    assert isinstance(result, Article), result
    return result


PROSE = (
    "The city council voted on Tuesday to expand the bus network to three new districts, "
    "a plan that officials said would cut commuting times for thousands of residents."
)


def test_single_line_breadcrumbs_byline_and_boilerplate() -> None:
    article = _text_article(
        "Metro Weekly\nHome > News > Transport\n\nCouncil Expands Bus Network\nBy Jane Doe and John Roe\n\n"
        f"{PROSE}\n\nShare this article\nSign up for our newsletter\n\n{PROSE.replace('Tuesday', 'Monday')}\n\n"
        "Related stories\nBuses are late again\nTrams return to the centre\n"
    )
    assert article.outlet == "Metro Weekly"
    assert article.breadcrumbs == ["Home", "News", "Transport"]
    assert article.title == "Council Expands Bus Network"
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.standfirst is None
    assert article.paragraph_texts() == [PROSE, PROSE.replace("Tuesday", "Monday")]


def test_menus_before_and_comments_after_the_story_are_dropped() -> None:
    menu = "\n".join(f"* Section {n}" for n in range(15))
    comments = "\n".join(f"reader{n} says:\nI disagree with every word of this, the buses were always fine here." for n in range(6))
    second = PROSE.replace("Tuesday", "Monday")
    article = _text_article(f"{menu}\n\nCouncil Expands Bus Network\n\n{PROSE}\n\n{second}\n\n12 Comments\n{comments}\n")
    assert article.body == f"{PROSE}\n\n{second}"


def test_rendered_news_page_finds_headline_and_story(shared_dir: Path) -> None:
    """A whole benchmark page as a person sees it: menus, teasers and footer around the story."""
    import gzip

    from inscriptis import get_text

    page_id = "374ac9a59a"
    html_dir = shared_dir / "bench" / "extraction" / "html"
    path = next(html_dir.glob(f"{page_id}*.html.gz"))
    article = _text_article(get_text(gzip.decompress(path.read_bytes()).decode("utf-8")))
    assert article.title == (
        "Emirates inks $9 billion order for 30 Boeing 787 jets, will restart plans to expand airline by early 2020s"
    )
    assert "Emirates Airline has finalized a deal to purchase 30 of Boeing's 787-9 Dreamliner jets" in article.body
    assert "Privacy Policy" not in article.body


def test_dateline_under_the_headline_gives_the_date() -> None:
    article = _text_article(f"Council Expands Bus Network\nWednesday 20 November 2019 11:42, UK\n\n{PROSE}\n")
    assert article.published == "2019-11-20"
    assert article.body == PROSE
