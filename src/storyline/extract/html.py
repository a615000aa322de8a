"""HTML pages: trafilatura finds the main text, news-aware cleanup removes what it lets through.

trafilatura runs once, in its default mode: it is recall-oriented and already falls back to
its own second opinions (jusText, readability, a recall retry) when its first reading covers
little of the page. Measured on many kinds of sites, precision mode drops openings, closings,
subheadings and lists that belong to the article; what the default lets through is removed
here by structural signals instead: link density (teasers and related-story lists are mostly
link text), a summary repeated as a heading, and the news furniture in `boilerplate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.etree import ElementDefaultClassLookup, ErrorTypes, LxmlError, XPath, strip_tags
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import Extractor
from trafilatura.utils import is_dubious_html, repair_faulty_html
from trafilatura.xml import xmltotxt

from storyline.extract.boilerplate import Block, drop_boilerplate, has_sentence, is_headline, same_text, word_count
from storyline.extract.lead import shown_lead
from storyline.extract.markup_bounds import within_depth
from storyline.extract.metadata import PageMetadata, read_metadata

# The bullet trafilatura writes before a list item's text.
LIST_MARKER = re.compile(r"^[-•*]\s+")
# A short block whose text is mostly link text is a teaser for another page.
TEASER_LINK_SHARE = 0.5
TEASER_WORDS = 20
# A run of this many list items that all carry links is a list of other stories.
LINK_LIST_ITEMS = 3
LINK_LIST_ITEM_SHARE = 0.25
# An inline run of three links or more and nothing else in a paragraph is a card or a menu.
_SPANS_OF_LINKS = XPath("//p//span[count(.//a) >= 3]")
# The summary trafilatura sometimes keeps as a heading sits among the first blocks.
SUMMARY_HEADING_WITHIN = 3
JSON_LD = "application/ld+json"
# trafilatura's parser settings (`trafilatura.utils.HTML_PARSER`), with lxml's C-level class
# lookup in place of lxml.html's Python one, called for every element object made: every pass of
# trafilatura, and the copies it makes, then run ~4 % faster. Every element is an HtmlElement;
# only lxml.html's form-field classes (FormElement, InputElement...) go, whose API nothing uses.
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity)
)


@dataclass(frozen=True)
class _Linked:
    block: Block
    link_share: float  # share of the element's characters that are link text


def parse_html(html: str) -> HtmlElement | None:
    tree = _load_html(html)
    if _stopped_at_depth_limit():  # the text below the limit was lost: parse a flatter page
        tree = _load_html(within_depth(html))
    return tree


def _load_html(html: str) -> HtmlElement | None:
    """`trafilatura.load_html` on a decoded page, step for step, with the parser above: the same
    tree, None where trafilatura rejects the text as not HTML."""
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    try:
        tree = fromstring(html, parser=_PARSER)
    except (ValueError, LxmlError):  # a string that declares its encoding: lxml wants bytes
        tree = None
    if tree is None or len(tree) < 1:
        tree = _from_bytes(html)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _from_bytes(html: str) -> HtmlElement | None:
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=_PARSER)
    except (ValueError, LxmlError):
        return None


def _stopped_at_depth_limit() -> bool:
    """The last parse ended at libxml2's nesting limit (its one error that ends a parse early)."""
    error = _PARSER.error_log.last_error
    return error is not None and error.type == ErrorTypes.ERR_RESOURCE_LIMIT


def extract_html(tree: HtmlElement, url: str | None, html: str | None = None) -> tuple[list[str], PageMetadata]:
    """Article paragraphs and metadata of one parsed page (`html`: its source, if at hand);
    paragraphs may be empty. The tree loses its scripts, styles, drawings and head tags, and the
    comment sections and appended articles trafilatura prunes."""
    metadata = read_metadata(tree, url, html)  # first: htmldate also reads dates in script text
    _drop_unread(tree)
    _drop_link_cards(tree)
    body = _main_text(tree)
    if body is None:
        return [], metadata
    linked = _without_link_lists(_linked_blocks(body))
    kept = [item.block for item in linked if not _is_teaser(item)]
    kept = _without_summary_heading(kept, metadata.standfirst)
    blocks = drop_boilerplate(kept, metadata.title)
    if metadata.standfirst and (lead := shown_lead(tree, metadata.standfirst, blocks)):
        blocks = [Block(lead), *blocks]
    # The headline often opens the extracted text; it is the title, not the body.
    if blocks and metadata.title and is_headline(blocks[0].text, metadata.title):
        blocks = blocks[1:]
    return [block.text for block in blocks], metadata


def _main_text(tree: HtmlElement) -> HtmlElement | None:
    """The body `bare_extraction(tree, include_comments=False, include_links=True,
    output_format="txt")` returns, without the copy of the whole tree it makes first (and frees
    after): its cascade, `trafilatura_sequence`, copies what it changes but for the pruning of
    comment sections and appended articles (the lead search after it finds the same leads on all
    668 bench pages). An internal of trafilatura's, pinned by tests against `bare_extraction`.
    No url: with links kept, trafilatura would resolve every link against it (link targets go
    unused). Format "txt" as in trafilatura's `extract`: the body tree alone, without the text
    the "python" format renders from it."""
    options = Extractor(output_format="txt", comments=False, links=True)
    try:
        found = trafilatura_sequence(tree, options)
    except (TypeError, ValueError):  # what `bare_extraction` turns into None
        return None
    body, text, _comments, comments_text = found  # out of the try: a release that changes it fails loudly
    if len(text) < options.min_output_size and len(comments_text) < options.min_output_comm_size:
        return None
    return body


def _drop_link_cards(tree: HtmlElement) -> None:
    """Take out of paragraphs a name's hover card (its photo, the name again, linked headlines,
    "MORE"), which trafilatura would render into the sentence ("Kristi NoemKristi Lynn NoemSouth
    Dakota governor doubles down … MORE (R) is defending"): the innermost run of links with no
    other text, inside a larger one that holds the name. A run on its own (linked names in a
    sentence) may be prose, so it stays."""
    cards = set(span for span in _SPANS_OF_LINKS(tree) if _only_links(span))
    inner_cards = [card for card in cards if any(outer in cards for outer in card.iterancestors("span"))
                   and not any(inner in cards for inner in card.iterdescendants("span"))]
    for card in inner_cards:
        card.drop_tree()  # keeps the text after it


def _only_links(element: HtmlElement) -> bool:
    """No text outside its links but spaces."""
    return sum(_letters(link) for link in element.iterdescendants("a")) == _letters(element)


def _letters(element: HtmlElement) -> int:
    return len("".join(element.text_content().split()))


def _drop_unread(tree: HtmlElement) -> None:
    """Delete what trafilatura's passes never read but would copy: `bare_extraction` copies the
    tree it is given, and its passes copy it again. Scripts and styles every pass deletes first
    (its cleaning, readability, jusText, its baseline), JSON-LD aside (its baseline reads an
    article body there); vector drawings (icons), deleted by all passes but readability, whose
    output is then sanitised of them; the head's meta and link tags, text-free, whose metadata
    has been read."""
    head = tree.find("head")
    unread = [*tree.iter("script", "style", "svg"), *(head.iter("meta", "link") if head is not None else ())]
    for element in unread:
        if element.get("type") != JSON_LD:
            element.drop_tree()


def _linked_blocks(body: HtmlElement) -> list[_Linked]:
    """One block per rendered line of each top-level element (paragraph, heading, list item...),
    with the link share of the element (or list item) it comes from."""
    blocks = []
    for element in body:
        kind = "item" if element.tag == "list" else element.tag
        for unit in list(element.iter("item")) if kind == "item" else [element]:
            if kind == "item":
                _detach_nested_lists(unit)
            share = _link_share(unit)
            strip_tags(unit, "ref")
            for line in xmltotxt(unit, False).split("\n"):
                if line := " ".join(line.split()):
                    text = LIST_MARKER.sub("", line) if kind == "item" else line
                    blocks.append(_Linked(Block(text, kind), share))
    return blocks


def _detach_nested_lists(item: HtmlElement) -> None:
    """Take the lists nested in a list item out of it, keeping the text after them: their items
    are units of their own, and rendered inside the outer item as well they came out twice."""
    for nested in item.findall("list"):
        tail, previous = nested.tail, nested.getprevious()
        item.remove(nested)
        if tail and previous is not None:
            previous.tail = (previous.tail or "") + tail
        elif tail:
            item.text = (item.text or "") + tail


def _link_share(element: HtmlElement) -> float:
    total = len("".join(element.itertext()))
    linked = sum(len("".join(ref.itertext())) for ref in element.iter("ref"))
    return linked / total if total else 0.0


def _is_teaser(item: _Linked) -> bool:
    """Mostly link text, short and no sentence: a link to another story."""
    text = item.block.text
    return item.link_share >= TEASER_LINK_SHARE and word_count(text) <= TEASER_WORDS and not has_sentence(text)


def _without_link_lists(blocks: list[_Linked]) -> list[_Linked]:
    """Drop runs of list items that all carry links (headline + teaser lists of other stories)."""
    kept, start = [], 0
    while start < len(blocks):
        end = start
        while end < len(blocks) and blocks[end].block.kind == "item":
            end += 1
        run = blocks[start:end]
        if len(run) >= LINK_LIST_ITEMS and all(item.link_share >= LINK_LIST_ITEM_SHARE for item in run):
            start = end
            continue
        kept.append(blocks[start])
        start += 1
    return kept


def _without_summary_heading(blocks: list[Block], standfirst: str | None) -> list[Block]:
    """The page's summary (its description) repeated as a heading near the top is the standfirst."""
    if not standfirst:
        return blocks
    return [
        block
        for i, block in enumerate(blocks)
        if not (i < SUMMARY_HEADING_WITHIN and block.kind == "head" and same_text(block.text, standfirst))
    ]
