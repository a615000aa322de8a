"""Plain-text page scrapes: what a person sees on a news page, copied or rendered as lines.

No library reads these, so the layout is recovered from how news pages are built: a site
name on top, a breadcrumb trail, the headline (often printed twice), a summary right under
it, then the story between ads, share bars and link lists. A full page rendered to text
adds menus, teasers, comments and footers: the story is the densest run of prose lines,
found by weighing each line's words against a pivot (a maximum-sum segment), and the
headline is the title-like line just above it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html import escape

from htmldate import find_date

from storyline.extract.boilerplate import (
    Block,
    comparable,
    drop_boilerplate,
    in_link_lists,
    is_boilerplate,
    same_text,
    word_count,
)
from storyline.extract.metadata import PageMetadata, section_of

_BULLET = re.compile(r"^(?:[•·*+▪►‣◦-]|\d{1,2}[.)])\s+")
_TRAIL_SEPARATOR = re.compile(r"\s*(?:/|>|›|»|→)\s*")
_BYLINE = re.compile(r"^(?:by|written by|words by)\s+(.{3,80})$", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_SENTENCE_END = re.compile(r"[.!?。！？…\"”’»)]$")
# A line with this many words is prose, not a heading, a label or a link.
PROSE_WORDS = 12
# A line with fewer words than this weighs against the region it is in.
REGION_PIVOT_WORDS = 8
# A line without closing punctuation (a heading or a link) counts at most this many words.
UNPUNCTUATED_CAP = 12
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# An author box or a newsletter box: whatever follows is another region.
_SIDE_BOX = re.compile(
    r"""(?:about|sobre|über|à\s+propos\s+de)\s+(?:the\s+author|[A-ZÀ-Þ]\S*(?:\s[A-ZÀ-Þ]\S*){0,3})
      | (?:stay\s+up\s+to\s+date|subscribe\s+to\s+(?:our|the)\s+newsletter).{0,60}""",
    re.IGNORECASE | re.VERBOSE,
)
# Comments, the site footer or the cookie notice: once a story has been seen, it is over.
_STORY_OVER = re.compile(
    r"""(?:\d+\s+)?(?:comments?|responses?|replies|reactions)(?:\s+(?:to|on)\b.*)?:?$
      | (?:leave\s+a\s+(?:comment|reply)|(?:post|add|view|show)\s+(?:a\s+)?comments?|join\s+the\s+(?:discussion|conversation)).*
      | (?:privacy\s+policy|terms\s+(?:of\s+(?:use|service)|and\s+conditions)|cookie\s+policy|about\s+us|contact\s+us)$
      | \S+(?:\s\S+){0,3}\s(?:says|said|wrote|commented)(?:\s+on\b.{0,40})?:$
      | \S+(?:\s\S+){0,3}\s+on\s.{5,40}\s(?:says|said|wrote):$
      | .*\b(?:uses?|using)\s+cookies\b.*""",
    re.IGNORECASE | re.VERBOSE,
)
# A region this heavy is a story; the comments or footer after it are not searched.
STORY_WEIGHT = 40
SITE_NAME_WORDS = 6
HEADLINE_WORDS = 4
# The headline is looked for this many lines up from where the story's text begins.
HEADLINE_SEARCH_LINES = 8
# A dateline sits within this many lines under the headline and is no longer than a byline.
DATELINE_SEARCH_LINES = 10
DATELINE_WORDS = 25
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d\d\b")


@dataclass(frozen=True)
class _Line:
    text: str
    bullet: bool


def extract_text_page(text: str) -> tuple[list[str], PageMetadata]:
    """The story's paragraphs and what the page header says about it."""
    lines = _lines(text)
    if not lines:
        return [], PageMetadata()
    headline_at = _find_headline(lines)
    title = lines[headline_at].text if headline_at is not None else None
    breadcrumbs = _breadcrumbs(lines[: headline_at or 0], title)
    site_name = _site_name(lines, title, headline_at)
    below_headline = headline_at + 1 if headline_at is not None else 0
    authors = [name for line in lines[below_headline : below_headline + 8] for name in _byline_authors(line.text)]
    paragraphs, standfirst = _story_paragraphs(lines, below_headline, title)
    published = _published(lines[below_headline : below_headline + DATELINE_SEARCH_LINES])
    return paragraphs, PageMetadata(
        title=title,
        standfirst=standfirst,
        authors=authors,
        published=published,
        site_name=site_name,
        section=section_of(breadcrumbs),
        breadcrumbs=breadcrumbs,
    )


def _lines(text: str) -> list[_Line]:
    """Non-empty lines, whitespace collapsed, list bullets noted and removed."""
    lines = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        bullet = bool(_BULLET.match(line))
        line = _BULLET.sub("", line) if bullet else line
        if line:
            lines.append(_Line(line, bullet))
    return lines


def is_prose(text: str) -> bool:
    """A paragraph rather than a label: enough words (or characters, in unspaced scripts)."""
    return _words(text) >= PROSE_WORDS


def _is_title_like(text: str) -> bool:
    """Headline-length and unpunctuated; menu entries ('Watch Live') are shorter, and a line
    with a clock time or starting 'By' is a dateline or a byline."""
    if not HEADLINE_WORDS <= word_count(text) <= 30 or text.endswith((".", ":", ",")):
        return False
    return not _CLOCK_TIME.search(text) and not _BYLINE.match(text) and not is_boilerplate(text)


def _find_headline(lines: list[_Line]) -> int | None:
    """Index of the headline: the title-like line nearest above where the story's text begins."""
    start, _ = _densest_region(lines, _dropped_lines(lines, title=None))
    for i in range(start - 1, max(-1, start - 1 - HEADLINE_SEARCH_LINES), -1):
        if _is_title_like(lines[i].text) and not lines[i].bullet:
            # Scrapes often print the headline twice; the first copy heads the page.
            return next(j for j in range(i + 1) if same_text(lines[j].text, lines[i].text) and not lines[j].bullet)
    return None


def _breadcrumbs(header: list[_Line], title: str | None) -> list[str]:
    """A bullet run whose items end in a separator or whose last item is the headline."""
    runs: list[list[_Line]] = []
    for line in header:
        if line.bullet and runs and runs[-1][-1].bullet:
            runs[-1].append(line)
        else:
            runs.append([line])
    for run in runs:
        items = [item.text for item in run]
        if len(items) == 1:  # "Home > News > Asia" on one line
            items = [part for part in _TRAIL_SEPARATOR.split(items[0]) if part]
            separated = len(items) >= 3 and all(word_count(item) <= 6 for item in items)
        else:
            separated = all(_TRAIL_SEPARATOR.fullmatch(item[-1]) for item in items[:-1])
        ends_with_title = bool(title) and same_text(items[-1], title)
        if ends_with_title or separated:
            names = [_TRAIL_SEPARATOR.sub(" ", item).strip() for item in items]
            return [name for name in names if name and not (title and same_text(name, title))]
    return []


def _site_name(lines: list[_Line], title: str | None, headline_at: int | None) -> str | None:
    first = lines[0]
    if first.bullet or headline_at == 0 or word_count(first.text) > SITE_NAME_WORDS:
        return None
    return None if title and same_text(first.text, title) else first.text


def _published(lines: list[_Line]) -> str | None:
    """The date on a dateline or byline under the headline, read by htmldate."""
    datelines = [line.text for line in lines if _YEAR.search(line.text) and word_count(line.text) <= DATELINE_WORDS]
    if not datelines:
        return None
    page = "".join(f"<p>{escape(line)}</p>" for line in datelines)
    return find_date(f"<html><body>{page}</body></html>", extensive_search=True, original_date=True)


def _byline_authors(text: str) -> list[str]:
    match = _BYLINE.match(text)
    if not match:
        return []
    return [name for name in _AUTHOR_SPLIT.split(match.group(1)) if name and word_count(name) <= 4]


def _story_paragraphs(
    lines: list[_Line], below_headline: int, title: str | None
) -> tuple[list[str], str | None]:
    """The story's paragraphs in order, and the summary under the headline if there is one."""
    dropped = _dropped_lines(lines, title)
    start, end = _densest_region(lines, dropped)
    kept = [i for i in range(start, end) if not dropped[i]]
    standfirst = None
    # A summary sits alone under the headline, set apart from the story: outside its
    # region, or followed by the headline printed again above the story.
    first = next((i for i in range(below_headline, len(lines)) if not dropped[i]), None)
    if first is not None and is_prose(lines[first].text) and not lines[first].bullet:
        following = kept[1] if len(kept) > 1 and kept[0] == first else len(lines)
        repeated = any(title and same_text(line.text, title) for line in lines[first + 1 : following])
        if first < start or repeated:
            standfirst = lines[first].text
            kept = [i for i in kept if i != first]
    blocks = [_block(lines[i]) for i in kept]
    return [block.text for block in drop_boilerplate(blocks, title)], standfirst


def _dropped_lines(lines: list[_Line], title: str | None) -> list[bool]:
    """Which lines are not story text: furniture, bylines, headline repeats, link lists."""
    seen = Counter(comparable(line.text) for line in lines)
    return [
        in_list
        or bool(title and same_text(line.text, title))
        or bool(_byline_authors(line.text))
        or is_boilerplate(line.text)
        or (seen[comparable(line.text)] > 1 and is_prose(line.text))  # captions and teasers shown twice
        for line, in_list in zip(lines, in_link_lists([_block(line) for line in lines]), strict=True)
    ]


def _block(line: _Line) -> Block:
    return Block(line.text, "item" if line.bullet else "p")


def _densest_region(story: list[_Line], dropped: list[bool]) -> tuple[int, int]:
    """The run of lines with the most prose, net of the short and dropped lines inside it.

    Each line weighs its words minus a pivot, so menus and link lists weigh against a
    region and paragraphs for it (a maximum-sum segment). Comments, footers and cookie
    notices end the search once a story-sized region has been seen, so a long comment
    thread cannot outweigh a short story; an author or newsletter box ends a region.
    """
    total, current, best = 0.0, (0.0, 0, 0), (0.0, 0, 0)
    for i, line in enumerate(story):
        text = line.text.strip(" []()|•*")
        over = bool(_STORY_OVER.match(text))
        if over and best[0] >= STORY_WEIGHT:
            break
        weight = _line_weight(line.text, dropped[i])
        if over or _SIDE_BOX.fullmatch(text) or total + weight <= 0:
            total, current = 0.0, (0.0, i + 1, i + 1)
            continue
        total += weight
        if total > current[0]:
            current = (total, current[1], i + 1)
            if total > best[0]:
                best = current
    return best[1], best[2]


def _line_weight(text: str, dropped: bool) -> float:
    """Words beyond the pivot; a line that ends without punctuation is a heading or a link."""
    if dropped:
        return -REGION_PIVOT_WORDS
    if not _SENTENCE_END.search(text):
        return min(_words(text), UNPUNCTUATED_CAP) - REGION_PIVOT_WORDS
    return _words(text) - REGION_PIVOT_WORDS


def _words(text: str) -> float:
    """Words, counting two characters as one word in scripts written without spaces."""
    spaced = word_count(text)
    return max(spaced, len(text) / 2) if _UNSPACED_SCRIPT.search(text) else spaced
