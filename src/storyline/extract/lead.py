"""The lead paragraph a page shows under its headline, which generic extraction often skips.

News and magazine pages put their opening paragraph in an intro or teaser box styled apart from
the text, and give the same words as the page's description; trafilatura reads such boxes as
furniture. A one-line summary printed beside the headline (a dek) is the standfirst instead, and
stays out of the body.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

from storyline.extract.boilerplate import Block, comparable

# The description's first words find the lead on the page; fewer is too common a phrase.
LEAD_PROBE_WORDS = 6
# A lead is a paragraph of sentences; a dek or a teaser line is one.
LEAD_SENTENCES = 2
# The element found must hold the lead, not a whole column around it (descriptions are often cut).
LEAD_LENGTH_FACTOR = 2
LEAD_LENGTH_SLACK = 40
_SENTENCE_END = re.compile(r"\w[.!?…][\"'”’»]?(?:\s|$)")
# Text nodes holding the probe's longest word: a plain search, four times cheaper than
# normalising the spaces of every text node of the page; the few found are checked whole.
_WORD_XPATH = XPath("//body//text()[contains(., $word)]")
_INLINE = frozenset({"a", "b", "strong", "em", "i", "span", "font", "u", "small"})
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "textarea", "option", "title"})


def shown_lead(tree: HtmlElement, standfirst: str, blocks: list[Block]) -> str | None:
    """The text of the element that shows the page's description, when the extracted blocks lack
    it, it reads as a paragraph, and it does not sit beside the headline; else None."""
    words = standfirst.split()
    if len(words) < LEAD_PROBE_WORDS or _one_whole_sentence(standfirst):
        return None
    probe = " ".join(words[:LEAD_PROBE_WORDS])
    extracted = comparable(" ".join(block.text for block in blocks))
    if comparable(probe) in extracted:
        return None
    for node in _WORD_XPATH(tree, word=max(words[:LEAD_PROBE_WORDS], key=len)):
        if probe not in " ".join(node.split()):
            continue
        holder = node.getparent()
        if node.is_tail:
            holder = holder.getparent()
        while holder is not None and holder.tag in _INLINE:
            holder = holder.getparent()
        if holder is None or holder.tag in _NOT_TEXT:
            continue
        text = " ".join(holder.text_content().split())
        if (
            len(text) <= LEAD_LENGTH_FACTOR * len(standfirst) + LEAD_LENGTH_SLACK
            and len(_SENTENCE_END.findall(text)) >= LEAD_SENTENCES
            and not _beside_headline(holder)
        ):
            return text
    return None


def _one_whole_sentence(standfirst: str) -> bool:
    """A description of one complete sentence, which the page shows as a dek, not a lead (a cut
    description may open a longer paragraph): the common case, spared the search of the page."""
    return len(_SENTENCE_END.findall(standfirst)) < LEAD_SENTENCES and _SENTENCE_END.search(standfirst[-3:]) is not None


def _beside_headline(element: HtmlElement) -> bool:
    parent = element.getparent()
    return parent is not None and next(parent.iter("h1"), None) is not None
