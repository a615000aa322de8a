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

# A word: letters and digits, with inner apostrophes ("don't") and dots of abbreviations ("U.S.").
WORD = re.compile(r"\w+(?:['’.]\w+)*")
ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…|\[\s*(?:\.\s*){2,}\]|\(\s*(?:\.\s*){2,}\)")
CLAUSE_BREAK = re.compile(r"[,.;:!?—–]|--|\s-\s")
QUOTE_MARKS = "\"“”„«»‘’'`"
# The mark-delimited stretches of a mixed quote: "…" and ‘…’ (curly or straight double quotes).
QUOTED = re.compile(r"[\"“”„«](.+?)[\"“”«»]", re.S)


@dataclass(frozen=True)
class Word:
    text: str  # normalised: lowercased, apostrophes and abbreviation dots unified
    start: int  # offsets into the text the words came from
    end: int
    elided_after: bool = False  # an ellipsis mark stands between this word and the next
    break_after: bool = False  # clause punctuation stands between this word and the next


def normalise(word: str) -> str:
    folded = unicodedata.normalize("NFKC", word).casefold().replace("’", "'")
    return folded.replace(".", "")


def words(text: str) -> list[Word]:
    """The normalised words of `text` with their offsets and what separates each from the next."""
    found = list(WORD.finditer(text))
    out = []
    for n, match in enumerate(found):
        gap_end = found[n + 1].start() if n + 1 < len(found) else len(text)
        gap = text[match.end() : gap_end]
        out.append(Word(normalise(match.group()), match.start(), match.end(),
                        elided_after=bool(ELLIPSIS.search(gap)),
                        break_after=bool(CLAUSE_BREAK.search(gap.replace("...", "").replace("…", "")))))
    return out


def quoted_text(text: str, kind: str) -> str:
    """The words an outlet puts in quotation marks: all of a direct quote, the marked stretches
    of a mixed one ("called the plan "a disaster"" → "a disaster"), all of an indirect one."""
    if kind != "mixed":
        return text
    parts = [m.group(1) for m in QUOTED.finditer(text)]
    return " … ".join(parts) if parts else text


def strip_quote_marks(text: str) -> str:
    return text.strip().strip(QUOTE_MARKS + " ,")
