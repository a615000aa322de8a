"""Plain-text page scrapes: what a person sees on a news page, copied or rendered as lines.

No library reads these, so the layout is recovered from how news pages are built: a site
name on top, a breadcrumb trail, the headline (often printed twice), a summary right under
it, then the story between ads, share bars and link lists. Prose lines anchor the story;
short lines are kept only where prose surrounds them (jusText's idea), so menus before the
headline and link lists after the story fall away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.boilerplate import Block, drop_boilerplate, is_boilerplate, same_text, word_count
from storyline.extract.metadata import PageMetadata

_BULLET = re.compile(r"^(?:[•·*▪►‣◦-]|\d{1,2}[.)])\s+")
_TRAIL_SEPARATOR = re.compile(r"\s*(?:/|>|›|»|→)\s*")
_BYLINE = re.compile(r"^(?:by|written by|words by)\s+(.{3,80})$", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_SENTENCE_END = re.compile(r"[.!?。！？…\"”’»)]$")
# A line this long with sentence punctuation is prose; CJK scripts need no spaces.
PROSE_WORDS = 12
PROSE_CHARS_WITHOUT_SPACES = 60
# Short lines between two prose lines are article lists or subheads, unless there are many.
MAX_SHORT_RUN = 10
SITE_NAME_WORDS = 6


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
    story = lines[headline_at + 1 :] if headline_at is not None else lines
    authors = [name for line in story[:8] for name in _byline_authors(line.text)]
    paragraphs, standfirst = _story_paragraphs(story, title)
    section = breadcrumbs[-1] if breadcrumbs else None
    return paragraphs, PageMetadata(
        title=title, standfirst=standfirst, authors=authors, site_name=site_name, section=section, breadcrumbs=breadcrumbs
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
    if word_count(text) >= PROSE_WORDS:
        return True
    return " " not in text.strip() and len(text) >= PROSE_CHARS_WITHOUT_SPACES or (
        len(text) >= PROSE_CHARS_WITHOUT_SPACES and bool(_SENTENCE_END.search(text)) and word_count(text) < 4
    )


def _is_title_like(text: str) -> bool:
    return 2 <= word_count(text) <= 30 and not text.endswith((".", ":", ",")) and not is_boilerplate(text)


def _find_headline(lines: list[_Line]) -> int | None:
    """Index of the headline as printed above the story.

    A line printed again further down (breadcrumb, heading, repeat above the story) is the
    headline; without one, the title-like line nearest above the first prose line is.
    """
    first_prose = next((i for i, line in enumerate(lines) if is_prose(line.text) and not line.bullet), None)
    if first_prose is None:
        return None
    for i, line in enumerate(lines[:first_prose]):
        repeats = [j for j in range(i + 1, len(lines)) if same_text(lines[j].text, line.text)]
        if _is_title_like(line.text) and repeats:
            # Prefer the non-bullet copy: the bullet one is the breadcrumb's last item.
            return next((j for j in [i, *repeats] if not lines[j].bullet and j < first_prose), i)
    for i in range(first_prose - 1, max(-1, first_prose - 5), -1):
        if _is_title_like(lines[i].text) and not lines[i].bullet and not _byline_authors(lines[i].text):
            return i
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
        if len(items) == 1:
            items = [part for part in _TRAIL_SEPARATOR.split(items[0]) if part]
            if len(items) < 3 or any(word_count(item) > 6 for item in items):
                continue
        ends_with_title = bool(title) and same_text(items[-1], title)
        separated = all(_TRAIL_SEPARATOR.fullmatch(item[-1]) for item in items[:-1]) if len(items) > 1 else False
        if ends_with_title or separated:
            names = [_TRAIL_SEPARATOR.sub(" ", item).strip() for item in items]
            return [name for name in names if name and not (title and same_text(name, title))]
    return []


def _site_name(lines: list[_Line], title: str | None, headline_at: int | None) -> str | None:
    first = lines[0]
    if first.bullet or headline_at == 0 or word_count(first.text) > SITE_NAME_WORDS:
        return None
    return None if title and same_text(first.text, title) else first.text


def _byline_authors(text: str) -> list[str]:
    match = _BYLINE.match(text)
    if not match:
        return []
    return [name for name in _AUTHOR_SPLIT.split(match.group(1)) if name and word_count(name) <= 4]


def _story_paragraphs(story: list[_Line], title: str | None) -> tuple[list[str], str | None]:
    """The story's paragraphs in order, and the summary above them if the page has one."""
    kept: list[int] = []
    for i, line in enumerate(story):
        if title and same_text(line.text, title) or _byline_authors(line.text) or is_boilerplate(line.text):
            continue
        kept.append(i)
    kept = _surrounded_by_prose(story, kept)
    standfirst = None
    # A summary sits alone under the headline, cut off from the story by ads or a repeat.
    if len(kept) > 1 and kept[1] > kept[0] + 1 and is_prose(story[kept[0]].text) and not story[kept[0]].bullet:
        standfirst = story[kept.pop(0)].text
    blocks = [Block(story[i].text, "item" if story[i].bullet else "p") for i in kept]
    return [block.text for block in drop_boilerplate(blocks, title)], standfirst


def _surrounded_by_prose(story: list[_Line], kept: list[int]) -> list[int]:
    """Keep prose lines, and runs of short lines only when prose lies on both sides."""
    prose = [i for i in kept if is_prose(story[i].text)]
    if not prose:
        return []
    result, run = [], []
    for i in kept:
        if i < prose[0] or i > prose[-1]:
            continue
        if i in prose:
            if len(run) <= MAX_SHORT_RUN:
                result.extend(run)
            run = []
            result.append(i)
        else:
            run.append(i)
    return result
