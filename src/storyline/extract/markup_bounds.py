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
