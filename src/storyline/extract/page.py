"""Stage `extract`: one raw Page becomes an Article, or a Failure that says why not.

This module decides what kind of page it is and assembles the record; the HTML and the
plain-text extractors only find blocks and metadata. Nothing here raises for bad input:
every refusal is a PageRejected inside and a Failure at the boundary.
"""

from __future__ import annotations

import unicodedata

import py3langid

from storyline.config import DEFAULT_MAX_PAGE_BYTES
from storyline.errors import one_line
from storyline.extract.boilerplate import has_sentence, word_count
from storyline.extract.dateline import without_dateline
from storyline.extract.decoding import PageRejected, decode_page
from storyline.extract.html import extract_html, parse_html
from storyline.extract.markup_bounds import bounded_markup
from storyline.extract.metadata import PageMetadata
from storyline.extract.outlet import outlet_name
from storyline.extract.text_page import extract_text_page
from storyline.ingest.limits import over_limit
from storyline.model import Article, ArticleFormat, Failure, Page, Paragraph, Stage

PARAGRAPH_SEPARATOR = "\n\n"
# Language identification reads this much body text: enough to be sure, cheap to classify.
LANGUAGE_SAMPLE_CHARS = 600
# A page with no sentence is still an article (a calendar, a results table) at this length.
LISTING_ARTICLE_WORDS = 60


def extract_article(page: Page, max_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> Article | Failure:
    """Clean article text with paragraph offsets and metadata, or a one-line reason."""
    try:
        return _extract(page, max_bytes)
    except PageRejected as rejected:
        return Failure(page.source, Stage.EXTRACT, str(rejected))
    except Exception as error:  # noqa: BLE001 - a library bug must not stop a batch
        return Failure(page.source, Stage.EXTRACT, f"extraction error: {one_line(error)}")


def _extract(page: Page, max_bytes: int) -> Article:
    if len(page.content) > max_bytes:
        raise PageRejected(over_limit(len(page.content), max_bytes))
    decoded = decode_page(page.content, page.content_type)
    article = _from_html(page, decoded.text) if decoded.is_html else _from_text(page, decoded.text)
    # Menus and link lists survive extraction on pages without a story; they have no sentence.
    sentences = any(has_sentence(text) for text in article.paragraph_texts())
    if not sentences and word_count(article.body) < LISTING_ARTICLE_WORDS:
        raise PageRejected("no article text found")
    article.language = detect_language(article.body)
    article.content_hash = page.content_hash
    article.fetched_at = page.fetched_at
    return article


def _from_html(page: Page, html: str) -> Article:
    html = bounded_markup(html)
    tree = parse_html(html)
    if tree is None:
        raise PageRejected("no article text found: the HTML could not be parsed")
    return _article(page, "html", *extract_html(tree, page.url, html))


def _from_text(page: Page, text: str) -> Article:
    return _article(page, "text", *extract_text_page(text))


def _article(page: Page, kind: ArticleFormat, texts: list[str], meta: PageMetadata) -> Article:
    # One form per character (NFC), as trafilatura's own output: "é" is one code point, not two.
    texts, dateline = without_dateline([unicodedata.normalize("NFC", text) for text in texts])
    body, paragraphs = join_paragraphs(texts)
    return Article(
        source=page.source,
        format=kind,
        title=_nfc(meta.title),
        body=body,
        paragraphs=paragraphs,
        standfirst=_nfc(meta.standfirst),
        dateline=dateline.place if dateline else None,
        agency=dateline.agency if dateline else None,
        url=page.url or meta.url,
        canonical_url=meta.canonical_url,
        outlet=outlet_name(meta.site_name, page.url or meta.url or meta.canonical_url),
        section=meta.section,
        breadcrumbs=meta.breadcrumbs,
        authors=meta.authors,
        published=meta.published,
        categories=meta.categories,
    )


def _nfc(text: str | None) -> str | None:
    return unicodedata.normalize("NFC", text) if text else text


def join_paragraphs(texts: list[str]) -> tuple[str, list[Paragraph]]:
    """The body text and each paragraph's offsets in it."""
    paragraphs, start = [], 0
    for text in texts:
        paragraphs.append(Paragraph(start, start + len(text)))
        start += len(text) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(texts), paragraphs


def detect_language(body: str) -> str | None:
    """ISO 639-1 code of the body's language; None when the classifier answers otherwise."""
    language, _score = py3langid.classify(body[:LANGUAGE_SAMPLE_CHARS])
    return language if language and len(language) == 2 else None
