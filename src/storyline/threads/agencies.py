"""Which news agency, if any, an article credits: dateline, byline or closing credit.

Agency copy announces itself in a few fixed forms: a dateline ("DALLAS (AP) —", "NEW YORK,
Nov. 19 (UPI) —", "MACAU (Reuters) –"), a byline ("By Associated Press", "AFP"), or a closing
credit ("Reporting by …; Editing by …" is Reuters' house form). A mention anywhere else
("Reuters reported") credits nothing: the agency is a source, not the author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Each agency's names as they appear in datelines and bylines, canonical name first.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "UPI": ("UPI", "United Press International"),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "PA": ("PA", "PA Media", "Press Association"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "ANSA": ("ANSA",),
    "EFE": ("EFE",),
    "Xinhua": ("Xinhua",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "TASS": ("TASS",),
    "Interfax": ("Interfax",),
    "CP": ("The Canadian Press", "Canadian Press"),
    "AAP": ("AAP", "Australian Associated Press"),
}
_NAME_TO_AGENCY = {name.casefold(): agency for agency, names in AGENCIES.items() for name in names}
_NAMES = "|".join(sorted((re.escape(n) for names in AGENCIES.values() for n in names), key=len,
                         reverse=True))
# "PLACE (AP) —" or "PLACE, Date (Reuters) -": an agency in brackets, then a dash, near the start.
DATELINE = re.compile(rf"\((?:{_NAMES})(?:/[^)]*)?\)\s*[—–-]", re.I)
BYLINE = re.compile(rf"^\s*(?:By\s+)?(?:{_NAMES})(?:\s+staff|\s+reporters?)?\s*$", re.I)
REUTERS_CREDIT = re.compile(r"\b(?:Reporting|Additional reporting|Writing) by [^.;\n]+;\s*"
                            r"(?:Editing|Writing) by", re.I)
DATELINE_REACH = 400  # characters from the start of the body where a dateline can stand


def credited_agency(body: str, authors: Sequence[str] = ()) -> str | None:
    """The agency an article credits as its author, or None for the outlet's own reporting."""
    for author in authors:
        if match := BYLINE.match(author):
            return _canonical(match.group(0))
    if match := DATELINE.search(body[:DATELINE_REACH]):
        return _canonical(match.group(0))
    for line in body[:DATELINE_REACH].splitlines()[:4]:
        if match := BYLINE.match(line):
            return _canonical(match.group(0))
    if REUTERS_CREDIT.search(body[-600:]):
        return "Reuters"
    return None


def is_agency_outlet(outlet: str, agency: str) -> bool:
    """Is this outlet the agency itself ("apnews.com" for AP, "Reuters" for Reuters)? Its
    copy is the agency's own reporting, not a reprint. An agency not listed (a dateline's
    "(CNN)") is matched by its own name."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", outlet.casefold()).split("/")[0].split(".")[0]
    host = re.sub(r"[^a-z0-9]", "", host.removesuffix("news"))
    return any(re.sub(r"[^a-z0-9]", "", name.casefold()) == host for name in AGENCIES.get(agency, (agency,)))


def _canonical(credit: str) -> str:
    for match in re.finditer(_NAMES, credit, re.I):
        if agency := _NAME_TO_AGENCY.get(match.group(0).casefold()):
            return agency
    raise ValueError(f"no agency in {credit!r}")
