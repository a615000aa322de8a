"""Datelines and agency credits: where a story was filed and which agency wrote it.

Wire copy opens with them: "SANTA FE, N.M. (AP) — The governor said", "(CNN)President Donald
Trump", "COLUMBIA (Reuters) - ", "WASHINGTON — ". Read as prose they become speakers ("Santa
Fe said"), actors and roles ("CNN)President"), so they are taken off the opening paragraph and
kept as article metadata (place, agency) instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAPS_WORD = r"[A-ZÀ-Þ][A-ZÀ-Þ.'’-]+"
_TITLE_WORD = r"[A-ZÀ-Þ][\w.'’-]+"
# "N.M.", "Calif.", "England", "Va.": the region after a city, as AP style writes it.
_REGION = r"(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?"
_DATE = r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
_AGENCY = r"\((?P<agency>[A-Za-z][\w&.' -]{0,28}?)\)"
# Without an all-caps place, the credit must look like a name: capitalised words ("CNN Business").
_CREDIT = r"[A-Z][\w&.']*(?:\s[A-Z][\w&.']*){0,3}"
_SEPARATOR = r"\s*(?:—|–|--|-|:)\s*"
# A credit without a place is a dateline only when a dash follows it or the text runs straight
# on ("(CNN)President"): "(Laughs) I think" and "Smith (R-Texas) said" are prose.

_DATELINE = re.compile(
    rf"""^(?:
        (?P<caps>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}{_REGION}){_DATE}(?:\s*{_AGENCY})?{_SEPARATOR}
      | (?P<titled>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,3}}{_REGION}){_DATE}\s*\((?P<credit>{_CREDIT})\)
        (?P<titled_end>{_SEPARATOR}|(?=\w))
      | \((?P<alone>{_CREDIT})\)(?P<alone_end>{_SEPARATOR}|(?=\w))
    )(?=\S)""",
    re.VERBOSE,
)
# Capitalised openers that are kickers, not places (and "DEAR ABBY:" opens a letter).
_KICKERS = frozenset(
    "BREAKING UPDATE UPDATED EXCLUSIVE WATCH LIVE ANALYSIS OPINION EDITOR'S NOTE PHOTOS VIDEO EDITORIAL "
    "REVIEW COMMENTARY FACT CHECK Q&A".split()
)
# A dateline opens one of the first paragraphs (a subheading may come before it).
SEARCH_PARAGRAPHS = 3
AGENCY_WORDS = 4


@dataclass(frozen=True)
class Dateline:
    place: str | None
    agency: str | None
    paragraph: int  # index of the paragraph it opened
    end: int  # where the story's own text begins in that paragraph


def find_dateline(paragraphs: list[str]) -> Dateline | None:
    """The dateline opening one of the first paragraphs, if any."""
    for index, text in enumerate(paragraphs[:SEARCH_PARAGRAPHS]):
        match = _DATELINE.match(text)
        if match is None:
            continue
        place = match.group("caps") or match.group("titled")
        agency = match.group("agency") or match.group("credit") or match.group("alone")
        if place and (place.split(",")[0].strip() in _KICKERS or place.startswith("DEAR ")):
            continue
        if agency and (len(agency.split()) > AGENCY_WORDS or agency.isdigit()):
            continue
        return Dateline(place.strip() if place else None, agency.strip() if agency else None, index, match.end())
    return None


def without_dateline(paragraphs: list[str]) -> tuple[list[str], Dateline | None]:
    """The paragraphs with the dateline taken off (a paragraph that was only a dateline goes)."""
    found = find_dateline(paragraphs)
    if found is None:
        return paragraphs, None
    rest = paragraphs[found.paragraph][found.end :].strip()
    kept = paragraphs[: found.paragraph] + ([rest] if rest else []) + paragraphs[found.paragraph + 1 :]
    return kept, found
