"""What changed between two stored versions of one page: headline, standfirst, paragraphs, quotes.

Outlets rewrite a story after it goes out: a new headline, a paragraph added at the top, a
quote trimmed or pinned on someone else. The store keeps each version (store/save.py); this
compares two of them. Paragraphs are matched in order with difflib; a paragraph that gave way
to one sharing most of its words was *edited*, and shows a word diff (`word_diff`). Quotes are
matched by their text, then a quote that went is paired with one that came when the two are
the same quote (`link_quotes`, as across outlets): that quote was *altered*.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher
from typing import Literal

from storyline.model import speaker_label
from storyline.threads.align import anchored_runs
from storyline.threads.links import QuoteLink, QuoteText, link_quotes
from storyline.threads.word_diff import Piece, aligned_diff, changed_words, word_diff
from storyline.threads.words import words

EDITED_SHARE = 0.5  # a paragraph that keeps this share of the shorter one's words was edited
MIN_SHARED = 5  # and at least this many words (or all of a shorter paragraph)
LOOKAHEAD = 6  # new paragraphs an old one is compared with, from the last one paired

ParagraphChangeKind = Literal["added", "removed", "edited"]
QuoteChangeKind = Literal["added", "removed", "altered"]


@dataclass(frozen=True)
class TextChange:
    before: str | None
    after: str | None
    diff: list[Piece]


@dataclass(frozen=True)
class ParagraphChange:
    change: ParagraphChangeKind
    before_number: int | None  # 1-based place in the older version
    after_number: int | None  # 1-based place in the newer version
    diff: list[Piece]  # all "removed" for a removed paragraph, all "added" for an added one
    changed_words: int


@dataclass(frozen=True)
class QuoteChange:
    change: QuoteChangeKind
    speaker: str  # in the newer version, for a removed quote in the older one
    before: str | None
    after: str | None
    diff: list[Piece]
    link: str | None = None  # for "altered": how the two are one quote (trimmed, elided, altered ...)
    speaker_before: str | None = None  # set when the speaker changed


@dataclass(frozen=True)
class VersionRef:
    id: int
    version: int
    ingested_at: str


@dataclass
class Revision:
    before: VersionRef
    after: VersionRef
    headline: TextChange | None = None
    standfirst: TextChange | None = None
    paragraphs: list[ParagraphChange] = field(default_factory=list)
    quotes: list[QuoteChange] = field(default_factory=list)
    unchanged_paragraphs: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.headline or self.standfirst or self.paragraphs or self.quotes)


@dataclass(frozen=True)
class VersionSummary:
    id: int  # the article id of this version
    version: int
    is_latest: bool
    ingested_at: str
    published: str | None
    title: str | None


@dataclass
class Revisions:
    """A page's versions and what changed from each to the next: the one record `storyline diff`,
    the article page and /api/articles/{id}/revisions show."""

    article_id: int
    versions: list[VersionSummary]  # oldest first
    # each version against the one before it, oldest first; empty for a page stored once.
    # Word diffs are pieces of the newer text: "same", "added", or "removed" (words of the older one)
    revisions: list[Revision]


def page_revisions(versions: list[dict]) -> list[Revision]:
    """Each version against the one before it, oldest change first (`versions` in version order,
    as Store.article_versions gives them)."""
    return [revision(older, newer) for older, newer in zip(versions, versions[1:])]


def revision(older: dict, newer: dict) -> Revision:
    """What changed from `older` to `newer`: dicts with title, standfirst, body, paragraphs
    ([start, end] offsets into body) and quotes (text, kind, speaker)."""
    found = Revision(_ref(older), _ref(newer), headline=_text_change(older["title"], newer["title"]),
                     standfirst=_text_change(older["standfirst"], newer["standfirst"]),
                     quotes=quote_changes(older["quotes"], newer["quotes"]))
    found.paragraphs, found.unchanged_paragraphs = paragraph_changes(paragraph_texts(older), paragraph_texts(newer))
    return found


def paragraph_texts(version: dict) -> list[str]:
    body = version["body"] or ""
    spans = version.get("paragraphs") or [[0, len(body)]]
    return [text for text in (body[start:end].strip() for start, end in spans) if text]


def _ref(version: dict) -> VersionRef:
    return VersionRef(version["id"], version["version"], version["ingested_at"])


def _text_change(before: str | None, after: str | None) -> TextChange | None:
    if (before or "") == (after or ""):
        return None
    return TextChange(before, after, word_diff(before or "", after or ""))


def paragraph_changes(before: list[str], after: list[str]) -> tuple[list[ParagraphChange], int]:
    """The paragraphs added, removed and edited from `before` to `after`, in reading order of
    `after` (a removed one where it stood), and how many stayed as they were."""
    changes, unchanged = [], 0
    for op, i0, i1, j0, j1 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            unchanged += i1 - i0
        else:
            changes += _replaced(before, after, range(i0, i1), range(j0, j1))
    return changes, unchanged


def _replaced(before: list[str], after: list[str], old: range, new: range) -> list[ParagraphChange]:
    """Old paragraphs that gave way to new ones: each old one pairs with the next new one that
    keeps most of its words (edited), looking a few ahead (edits keep the order, and a page
    rewritten whole must not cost old × new alignments); the rest were removed or added."""
    out, next_new = [], new.start
    new_words = {j: _Words(words(after[j])) for j in new}
    for i in old:
        a = _Words(words(before[i]))
        match = _edit_of(a, new_words, range(next_new, min(new.stop, next_new + LOOKAHEAD)))
        if match is None:
            out.append(ParagraphChange("removed", i + 1, None, [Piece("removed", before[i])], len(a.words)))
            continue
        j, runs = match
        out += [_added(after, k) for k in range(next_new, j)]
        diff = aligned_diff(before[i], after[j], a.words, new_words[j].words, runs)
        out.append(ParagraphChange("edited", i + 1, j + 1, diff, changed_words(diff)))
        next_new = j + 1
    return out + [_added(after, j) for j in range(next_new, new.stop)]


def _added(after: list[str], j: int) -> ParagraphChange:
    return ParagraphChange("added", None, j + 1, [Piece("added", after[j])], len(words(after[j])))


class _Words:
    """A paragraph's words, and how often each occurs: the bound that spares most alignments."""

    def __init__(self, found: list):
        self.words, self.counts = found, Counter(w.text for w in found)


def _edit_of(a: _Words, new_words: dict[int, _Words], nearby: range) -> tuple[int, list] | None:
    """The first nearby new paragraph that is an edit of `a`, with the alignment that showed it
    (the word diff is drawn from it: each edited paragraph is aligned once)."""
    for j in nearby:
        runs = _edit_runs(a, new_words[j])
        if runs is not None:
            return j, runs
    return None


def _edit_runs(a: _Words, b: _Words) -> list | None:
    """The two paragraphs' anchored runs when one is an edit of the other: most of the shorter
    one's words are in the other (a paragraph cut to its first sentence was edited, not
    replaced), and more than a phrase; None when not."""
    shorter = min(len(a.words), len(b.words))
    needed = max(EDITED_SHARE * shorter, min(MIN_SHARED, shorter))
    if not shorter or sum((a.counts & b.counts).values()) < needed:  # no alignment can share more
        return None
    runs = anchored_runs(a.words, b.words)
    return runs if sum(n for _, _, n in runs) >= needed else None


def quote_changes(before: list[dict], after: list[dict]) -> list[QuoteChange]:
    """Quotes gone, new, or altered (the same quote in other words, or from another speaker)."""
    kept = Counter(_key(q) for q in before) & Counter(_key(q) for q in after)
    gone, came = _without(before, kept), _without(after, kept)
    changes, paired = [], set()
    for old in gone:
        match = _same_quote(old, came, paired)
        if match is None:
            changes.append(QuoteChange("removed", _speaker(old), old["text"], None, [Piece("removed", old["text"])]))
            continue
        new, link = match
        paired.add(new)
        changes.append(_altered(old, came[new], link))
    changes += [QuoteChange("added", _speaker(q), None, q["text"], [Piece("added", q["text"])])
                for n, q in enumerate(came) if n not in paired]
    return changes


def _key(quote: dict) -> tuple[str, str]:
    return quote["text"], _speaker(quote)


def _without(quotes: list[dict], kept: Counter) -> list[dict]:
    left, out = Counter(kept), []
    for quote in quotes:
        if left[_key(quote)]:
            left[_key(quote)] -= 1
        else:
            out.append(quote)
    return out


def _same_quote(old: dict, came: list[dict], paired: set[int]) -> tuple[int, QuoteLink | None] | None:
    """The first unpaired new quote that is `old` (the same words, or linked as one quote), with
    the link found: each pair is linked once."""
    for n, new in enumerate(came):
        if n in paired:
            continue
        link = link_quotes(_quote_text(old), _quote_text(new), same_story=True)
        if link is not None or old["text"] == new["text"]:
            return n, link
    return None


def _altered(old: dict, new: dict, link: QuoteLink | None) -> QuoteChange:
    moved = _speaker(old) != _speaker(new)
    return QuoteChange("altered", _speaker(new), old["text"], new["text"], word_diff(old["text"], new["text"]),
                       link=link.kind if link else None, speaker_before=_speaker(old) if moved else None)


def _quote_text(quote: dict) -> QuoteText:
    return QuoteText(quote["text"], quote["kind"], None)


def _speaker(quote: dict) -> str:
    return speaker_label(quote.get("speaker_name"), (quote.get("speaker") or {}).get("text"))


def revisions_report(article_id: int, versions: list[dict]) -> Revisions:
    """The page's versions (`versions` as Store.article_versions gives them) and what changed
    from each to the next, for the page of article `article_id`."""
    listed = [VersionSummary(**{f.name: v[f.name] for f in fields(VersionSummary)}) for v in versions]
    return Revisions(article_id, listed, page_revisions(versions))


def change_summary(found: Revision) -> str:
    """One line for a revision: "headline; paragraphs: 2 edited, 1 added; quotes: 1 altered"."""
    parts = [" and ".join(name for name, change in (("headline", found.headline), ("standfirst", found.standfirst))
                          if change)]
    for what, changes, kinds in (("paragraphs", found.paragraphs, ("edited", "added", "removed")),
                                 ("quotes", found.quotes, ("altered", "added", "removed"))):
        counted = Counter(change.change for change in changes)
        if counted:
            parts.append(f"{what}: " + ", ".join(f"{counted[kind]} {kind}" for kind in kinds if counted[kind]))
    return "; ".join(part for part in parts if part) or "only spacing or markup changed"
