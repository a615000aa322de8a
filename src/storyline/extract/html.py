"""HTML pages: trafilatura finds the main text, news-aware cleanup removes what it lets through.

trafilatura runs in precision mode, which measurably keeps fewer promos and link lists. Its
fast variant is tried first; only when that leaves little text (paywall notices, unusual
layouts) do the slower passes run: full precision mode with trafilatura's own fallbacks,
then recall mode. The longest cleaned result wins, and most pages pay for one pass.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.core import load_html
from trafilatura.xml import xmltotxt

from storyline.extract.boilerplate import Block, drop_boilerplate, is_headline, word_count
from storyline.extract.metadata import PageMetadata, read_metadata

# Each pass in turn, with the word count at which its result is trusted and the next skipped.
PASSES = [
    ({"favor_precision": True, "fast": True}, 100),
    ({"favor_precision": True}, 50),
    ({"favor_recall": True}, 0),
]


# The bullet trafilatura writes before a list item's text.
LIST_MARKER = re.compile(r"^[-•*]\s+")


def parse_html(html: str) -> HtmlElement | None:
    return load_html(html)


def extract_html(tree: HtmlElement, url: str | None) -> tuple[list[str], PageMetadata]:
    """Article paragraphs and metadata of one parsed page; paragraphs may be empty."""
    metadata = read_metadata(tree, url)
    best: list[Block] = []
    for options, enough_words in PASSES:
        blocks = _article_blocks(tree, metadata, **options)
        if _words(blocks) > _words(best):
            best = blocks
        if _words(best) >= enough_words:
            break
    return [block.text for block in best], metadata


def _words(blocks: list[Block]) -> int:
    return sum(word_count(block.text) for block in blocks)


def _article_blocks(tree: HtmlElement, metadata: PageMetadata, **mode: bool) -> list[Block]:
    document = bare_extraction(tree, url=metadata.url, include_comments=False, **mode)
    if document is None or document.body is None:
        return []
    blocks = drop_boilerplate(_body_blocks(document.body), metadata.title)
    # The headline often opens the extracted text; it is the title, not the body.
    if blocks and metadata.title and is_headline(blocks[0].text, metadata.title):
        blocks = blocks[1:]
    return blocks


def _body_blocks(body: HtmlElement) -> list[Block]:
    """One block per rendered line of each top-level element (paragraph, heading, list item...)."""
    blocks = []
    for element in body:
        kind = "item" if element.tag == "list" else element.tag
        for line in xmltotxt(element, False).split("\n"):
            if line := " ".join(line.split()):
                blocks.append(Block(LIST_MARKER.sub("", line) if kind == "item" else line, kind))
    return blocks

