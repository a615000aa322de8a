"""Find the quoted passages of a text from its quotation marks alone, before any parsing.

Quotation marks are the strongest evidence of direct speech, but news text is messy: curly
and straight marks mix, the New York Times writes '' for both ends, and a quote running over
several paragraphs opens each paragraph without closing the previous one. Working on marks
(not tokens) keeps offsets exact and makes every one of these cases a small, testable rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Any double quotation mark; the two-character '' and `` come first so they win over a single '.
QUOTE_MARK = re.compile(r"''|``|[\"“”„]")
_OPENERS = {"“", "„", "``"}
_CLOSERS = {"”"}
QUOTE_CHARS = "\"“”„'`"


@dataclass(frozen=True)
class QuotedPassage:
    """Text between an opening and a closing mark, marks included (PolNeAR counts them as content)."""

    start: int
    end: int
    words: int  # \w+ words inside the marks

    def inner(self, text: str) -> str:
        return text[self.start : self.end].strip(QUOTE_CHARS + " \n")


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Paragraphs are separated by line breaks; blank lines are skipped."""
    bounds = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            bounds.append((match.start(), match.end()))
    return bounds


def find_quoted_passages(text: str) -> list[QuotedPassage]:
    """All top-level quoted passages in reading order; quotes nested inside them are not split out."""
    passages: list[QuotedPassage] = []
    for para_start, para_end in paragraph_bounds(text):
        opened_at: int | None = None
        for mark in QUOTE_MARK.finditer(text, para_start, para_end):
            sign = mark.group()
            if opened_at is None:
                # A straight mark followed by a space closes something we missed; it never opens.
                if sign not in _CLOSERS and not text[mark.end() : mark.end() + 1].isspace():
                    opened_at = mark.start()
            elif sign not in _OPENERS or _misused_opener(text, mark):
                passages.append(_passage(text, opened_at, mark.end()))
                opened_at = None
        if opened_at is not None:
            end = len(text[para_start:para_end].rstrip()) + para_start
            # A quote running on into the next paragraph ends with its paragraph; the next
            # paragraph's opening mark starts the continuation.
            passages.append(_passage(text, opened_at, end))
    return passages


def _misused_opener(text: str, mark: re.Match) -> bool:
    """An opening mark typed where a closing one belongs: after the quote's last punctuation and
    before a space or line end ("“It's unusual,“ said Noble")."""
    before, after = text[mark.start() - 1 : mark.start()], text[mark.end() : mark.end() + 1]
    return before in (",", ".", "?", "!") and after in ("", " ", "\n")


def _passage(text: str, start: int, end: int) -> QuotedPassage:
    return QuotedPassage(start, end, word_count(text[start:end]))


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))
