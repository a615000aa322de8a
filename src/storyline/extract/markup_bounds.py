"""Bound what the HTML parser is given, before it sees it.

libxml2 checks each attribute of a tag against the ones before it, so its cost grows with the
square of a tag's attributes: one tag with 200,000 attributes (3 MB) kept lxml busy for minutes,
beyond any page time budget, since C code cannot be interrupted. No real tag needs more than a
few kilobytes of attributes; a start tag longer than MAX_TAG_CHARS keeps its name and loses them.
"""

from __future__ import annotations

import re

MAX_TAG_CHARS = 16_384
# A start tag whose attributes run over the limit; the scan stops at the next < or >, so the
# whole page is read once.
_OVERSIZED_TAG = re.compile(r"<([A-Za-z][^\s<>/]*)\s[^<>]{%d,}>" % MAX_TAG_CHARS)
# Such a tag lies in a run of over MAX_TAG_CHARS characters without a '>'; this finds one after a
# '>' by jumping from '>' to '>', where the tag pattern tries every tag of the page (~1 ms a page).
_LONG_RUN_AFTER_TAG = re.compile(r">[^>]{%d}" % MAX_TAG_CHARS)


def bounded_markup(html: str) -> str:
    """The page with every oversized start tag reduced to its bare name."""
    if html.find(">") <= MAX_TAG_CHARS and _LONG_RUN_AFTER_TAG.search(html) is None:
        return html
    return _OVERSIZED_TAG.sub(r"<\1>", html)

# libxml2 stops parsing at a nesting depth of 256 and the rest of the page is lost. When a parse
# stops there, the page is parsed again without its wrapper tags (a start tag right before another
# tag, an end tag right after one: the runs such pages are built of) and without any tag nested
# deeper than FLAT_DEPTH, text kept. Pages that never reach the limit are not touched.
FLAT_DEPTH = 200
_TAG = re.compile(r"<(/?)([A-Za-z][^\s<>/]*)[^<>]*>")
_VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_TAG_FOLLOWS = re.compile(r"\s*<")
# How far back an end tag looks for the '>' of the tag before it.
_LOOK_BACK = 64


def within_depth(html: str) -> str:
    """The page without wrapper tags and without the tags nested deeper than FLAT_DEPTH."""
    parts, depth, start = [], 0, 0
    for tag in _TAG.finditer(html):
        if tag.group(2).lower() in _VOID_ELEMENTS or tag.group(0).endswith("/>"):
            continue
        closing = tag.group(1) == "/"
        if closing:
            wrapper = html[max(0, tag.start() - _LOOK_BACK) : tag.start()].rstrip().endswith(">")
        else:
            wrapper = _TAG_FOLLOWS.match(html, tag.end()) is not None
        if not wrapper:
            depth = max(0, depth - 1) if closing else depth
            keep = depth < FLAT_DEPTH
            depth += 0 if closing else 1
            if keep:
                continue
        parts.append(html[start : tag.start()])
        start = tag.end()
    parts.append(html[start:])
    return "".join(parts)
