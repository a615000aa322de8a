"""The words of a quote as outlets change them: case, punctuation and quote marks aside.

Every comparison in this package runs on these words, so "Trump's" and "Trump’s", "U.S." and
"US", "—" and "--" cannot make two copies of one quote look different. Each word also keeps
what stood between it and the next word in the text: an ellipsis mark there ("...", "…",
"[...]") tells an outlet's declared cut from a silent one, and punctuation there tells a whole
clause left out from one word dropped inside a phrase.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A word: letters and digits, with inner apostrophes ("don't"), dots of abbreviations ("U.S.")
# and hyphens ("e-mail"), which are punctuation: "e-mail" and "email" are one word.
WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\w+(?:['’.-]\w+)*")  # "30,000" is one number
# "[Clinton]", "[the Endangered Species Act]": an editor's words inside a quote, not the speaker's.
EDITORIAL = re.compile(r"\[[^\]]*\]")
ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…|\[\s*(?:\.\s*){2,}\]|\(\s*(?:\.\s*){2,}\)")
INITIALS = re.compile(r"[A-Z]{2,6}|[A-Z](?:\.[A-Z]){1,5}\.?")  # "BLM", "IE", "U.S.": an initialism
CLAUSE_BREAK = re.compile(r"[,.;:!?—–]|--|\s-\s")
QUOTE_MARKS = "\"“”„«»‘’'`"
# Double quotation marks in any of the forms copy arrives in: curly, straight, guillemets, and
# the typewriter pairs '' and `` of older wire copy. Direction is not trusted (“…“ is common).
MARK = re.compile(r"''|``|[\"“”„«»]")
PART_BREAK = " … ‖ "  # joins a mixed quote's marked stretches: a declared cut, and the end of a part


@dataclass(frozen=True)
class Word:
    text: str  # normalised: lowercased, apostrophes and abbreviation dots unified
    start: int  # offsets into the text the words came from
    end: int
    elided_after: bool = False  # an ellipsis mark stands between this word and the next
    break_after: bool = False  # clause punctuation stands between this word and the next
    editorial: bool = False  # inside square brackets: an editor's insertion
    part_end: bool = False  # the last word of one marked stretch of a mixed quote
    initials: bool = False  # written in capitals ("BLM", "U.S."): may stand for words another copy spells out
    short_for: str = ""  # set on the words `align` spelled an initialism out into: the initialism


def normalise(word: str) -> str:
    folded = unicodedata.normalize("NFKC", word).casefold().replace("’", "'")
    return folded.replace(".", "").replace("-", "").replace(",", "")


def words(text: str) -> list[Word]:
    """The normalised words of `text` with their offsets and what separates each from the next."""
    found = list(WORD.finditer(text))
    editorial = [m.span() for m in EDITORIAL.finditer(text)]
    capitals = [bool(INITIALS.fullmatch(m.group())) for m in found]
    if any(capitals) and _shouted(text):  # a headline in capitals has no initialisms to tell
        capitals = [False] * len(found)
    out = []
    for n, match in enumerate(found):
        gap_end = found[n + 1].start() if n + 1 < len(found) else len(text)
        gap = text[match.end() : gap_end]
        out.append(Word(normalise(match.group()), match.start(), match.end(),
                        elided_after=bool(ELLIPSIS.search(gap)),
                        break_after=bool(CLAUSE_BREAK.search(gap.replace("...", "").replace("…", ""))),
                        editorial=any(s <= match.start() < e for s, e in editorial),
                        part_end="‖" in gap,
                        initials=capitals[n]))
    return out


def _shouted(text: str) -> bool:
    return sum(c.isupper() for c in text) > sum(c.islower() for c in text)


def quoted_text(text: str, kind: str) -> str:
    """The words an outlet puts in quotation marks: the marked stretches of a direct or mixed
    quote (called the plan "a disaster" → "a disaster"), all of an indirect one. Marks pair up
    in order, so a mark turned the wrong way still closes; an unclosed one runs to the end."""
    marks = [m.span() for m in MARK.finditer(text)]
    if kind == "indirect" or not marks:
        return text
    stops = [end for _, end in marks[0::2]]
    starts = [start for start, _ in marks[1::2]] + [len(text)]
    parts = [text[a:b] for a, b in zip(stops, starts) if text[a:b].strip()]
    return PART_BREAK.join(parts) if parts else text


def strip_quote_marks(text: str) -> str:
    return text.strip().strip(QUOTE_MARKS + " ,")
