"""Align two quotes word by word and name every difference the way an editor would.

difflib finds the matching runs; what it cannot know is which differences are an outlet's
declared or silent cut and which change what the speaker said. Runs of one or two words
(a stray "the") only count where they extend a longer run, so unrelated sentences do not align.
Words an editor put in square brackets ("not Bill [Clinton]") are no change of the speaker's.
Between two matching runs, words only one side has are an *elision* when an ellipsis mark
stands at the cut, when three or more words go, or when the words that go are a whole clause
(punctuation on both sides); otherwise they are a word *dropped* or *added*. Words both sides
have but differently are *replaced*. An initialism one copy spells out ("BLM" / "Black Lives
Matter") is one replaced word, whichever run it falls in. A stretch of a mixed quote found
whole in the other quote anchors however short ("a “loser,” a “liar” and a “whiner”"): the
outlet chose those words as the speaker's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Literal

from storyline.threads.words import Word

ANCHOR_RUN = 3  # a run this long anchors an alignment on its own
NEAR_ANCHOR = 3  # a shorter run counts when it lies this close to an anchored one, on both sides
SILENT_CUT_WORDS = 3  # this many words missing without a mark is still a cut, not a dropped word

EditOp = Literal["replace", "delete", "insert"]


@dataclass(frozen=True)
class WordEdit:
    """One change from quote `a` to quote `b`: `before` words of a became `after` words of b."""

    op: EditOp  # replace: both sides have words; delete: only a has them; insert: only b has them
    before: tuple[str, ...]
    after: tuple[str, ...]
    cut: bool = False  # words left out silently: an elision, listed in the diff only of an altered quote

    @property
    def size(self) -> int:
        """Words changed; an initialism spelled out is one ("IE" / "Internet Explorer")."""
        short, long_ = sorted((self.before, self.after), key=len)
        return 1 if spells_out(short, long_) else max(len(short), len(long_))


@dataclass
class Alignment:
    a_len: int
    b_len: int
    shared: int = 0  # words in matching runs
    a_span: tuple[int, int] = (0, 0)  # word range of a covered by the matching runs
    b_span: tuple[int, int] = (0, 0)
    a_cuts: int = 0  # stretches of a that b leaves out as an elision
    b_cuts: int = 0
    edits: list[WordEdit] = field(default_factory=list)  # in order, silent cuts among them (`cut`)
    opening_run: int = 0  # words of the matching run both quotes open with (0: they open differently)
    closing_run: int = 0

    a_held: bool = False  # all of a is covered, or all of each marked stretch of a mixed quote it touches
    b_held: bool = False

    @property
    def trimmed(self) -> bool:
        """Does either quote run on past the words the two share?"""
        return self.a_span != (0, self.a_len) or self.b_span != (0, self.b_len)

    @property
    def changes(self) -> list[WordEdit]:
        """The edits that alter the quote (silent cuts are an elision, not an alteration)."""
        return [e for e in self.edits if not e.cut]


def align(a: list[Word], b: list[Word]) -> Alignment | None:
    """The alignment of a to b, or None when they share no anchored run of words."""
    if any(w.initials for w in a) or any(w.initials for w in b):
        a, b = _spelled_out(a, b), _spelled_out(b, a)
    blocks = anchored_runs(a, b)
    if not blocks:
        return _one_word_swapped(a, b)
    found = Alignment(len(a), len(b), shared=sum(size for _, _, size in blocks),
                      a_span=(blocks[0][0], blocks[-1][0] + blocks[-1][2]),
                      b_span=(blocks[0][1], blocks[-1][1] + blocks[-1][2]))
    found.a_held = _held(a, found.a_span)
    found.b_held = _held(b, found.b_span)
    found.opening_run = blocks[0][2] if blocks[0][:2] == (0, 0) else 0
    found.closing_run = blocks[-1][2] if found.a_span[1] == len(a) and found.b_span[1] == len(b) else 0
    spelled = any(w.short_for for w in a) or any(w.short_for for w in b)
    for n, (i0, j0, n0) in enumerate(blocks):
        if spelled:
            found.edits.extend(_initialisms(a[i0 : i0 + n0], b[j0 : j0 + n0]))
        if n + 1 == len(blocks):
            break
        i1, j1, _ = blocks[n + 1]
        gap_a, gap_b = a[i0 + n0 : i1], b[j0 + n0 : j1]
        if any(gap and all(w.editorial for w in gap) for gap in (gap_a, gap_b)):
            continue  # "[Clinton]" added, or "it" made "[the Act]": the editor's, not a change
        if gap_a and gap_b:
            found.edits.append(WordEdit("replace", _texts(gap_a), _texts(gap_b)))
        elif gap_a:
            if not _is_cut(a, i0 + n0, i1, marked=(marked := _marked(a, i0 + n0, i1, b, j1))):
                found.edits.append(WordEdit("delete", _texts(gap_a), ()))
            else:
                found.a_cuts += 1
                if not marked:
                    found.edits.append(WordEdit("delete", _texts(gap_a), (), cut=True))
        elif gap_b:
            if not _is_cut(b, j0 + n0, j1, marked=(marked := _marked(b, j0 + n0, j1, a, i1))):
                found.edits.append(WordEdit("insert", (), _texts(gap_b)))
            else:
                found.b_cuts += 1
                if not marked:
                    found.edits.append(WordEdit("insert", (), _texts(gap_b), cut=True))
    return found


def spells_out(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """Is `short` one word made of the initials of the words of `long_` ("blm", "black lives matter")?"""
    return len(short) == 1 and len(long_) >= 2 and short[0] == "".join(w[0] for w in long_)


def _spelled_out(ws: list[Word], other: list[Word]) -> list[Word]:
    """ws with each initialism the other quote spells out (and never writes) replaced by the
    words it stands for, each marked `short_for`, so the runs around it can match."""
    texts = [w.text for w in other]
    out = list(ws)
    for n in range(len(ws) - 1, -1, -1):
        word = ws[n]
        if not word.initials or word.text in texts:
            continue
        k = len(word.text)
        for m in range(len(texts) - k + 1):
            if spells_out((word.text,), tuple(texts[m : m + k])):
                parts = [replace(word, text=t, short_for=word.text, initials=False, elided_after=False,
                                 break_after=False, part_end=False) for t in texts[m : m + k - 1]]
                out[n : n + 1] = [*parts, replace(word, text=texts[m + k - 1], short_for=word.text, initials=False)]
                break
    return out


def _initialisms(a_run: list[Word], b_run: list[Word]) -> list[WordEdit]:
    """The initialisms spelled out inside one matching run, as replacements."""
    out = []
    for n, (x, y) in enumerate(zip(a_run, b_run)):
        if x.short_for and (n == 0 or a_run[n - 1].start != x.start):
            out.append(WordEdit("replace", (x.short_for,), tuple(w.text for w in b_run[n : n + len(x.short_for)])))
        elif y.short_for and (n == 0 or b_run[n - 1].start != y.start):
            out.append(WordEdit("replace", tuple(w.text for w in a_run[n : n + len(y.short_for)]), (y.short_for,)))
    return out


def _one_word_swapped(a: list[Word], b: list[Word]) -> Alignment | None:
    """Two short fragments of equal length that differ in one word ("mother ship" / "mother
    vessel"): too short for an anchored run, but one word replaced in place."""
    if not 2 <= len(a) == len(b) < ANCHOR_RUN + 2:
        return None
    differ = [n for n, (x, y) in enumerate(zip(a, b)) if x.text != y.text]
    if len(differ) != 1:
        return None
    n = differ[0]
    return Alignment(len(a), len(b), shared=len(a) - 1, a_span=(0, len(a)), b_span=(0, len(b)),
                     a_held=True, b_held=True, edits=[WordEdit("replace", (a[n].text,), (b[n].text,))])


def _held(ws: list[Word], span: tuple[int, int]) -> bool:
    """Is the covered span all of the quote, or all of the marked stretches it touches? A mixed
    quote's stretches ("the textbook definition" … "a disgrace") are joined by an ellipsis."""
    start, end = span
    return (start == 0 or ws[start - 1].part_end) and (end == len(ws) or ws[end - 1].part_end)


def _texts(ws: list[Word]) -> tuple[str, ...]:
    """The words as the quote wrote them: a spelled-out initialism is its initialism again."""
    return tuple(w.short_for or w.text for n, w in enumerate(ws)
                 if not (w.short_for and n and ws[n - 1].short_for and ws[n - 1].start == w.start))


def _is_cut(full: list[Word], start: int, end: int, *, marked: bool) -> bool:
    """Words full[start:end] left out by the other quote: an elision rather than a dropped word?"""
    whole_clause = full[start - 1].break_after and full[end - 1].break_after
    return marked or end - start >= SILENT_CUT_WORDS or whole_clause


def _marked(full: list[Word], start: int, end: int, other: list[Word], join: int) -> bool:
    """Does `other` mark the cut of full[start:end] with an ellipsis? The cut may slide where
    words repeat ("want [to go] to the" = "want to [go to] the"), so each equal place counts."""
    k = 0
    while join - 1 - k >= 0:  # the cut slid k words to the left
        if other[join - 1 - k].elided_after:
            return True
        if start - 1 - k < 0 or full[start - 1 - k].text != full[end - 1 - k].text:
            break
        k += 1
    k = 0
    while end + k < len(full) and join + k < len(other) and full[start + k].text == full[end + k].text:
        if other[join + k].elided_after:  # the cut slid k + 1 words to the right
            return True
        k += 1
    return False


def anchored_runs(a: list[Word], b: list[Word]) -> list[tuple[int, int, int]]:
    """difflib's matching runs (i in a, j in b, length), keeping short ones only where they extend
    a run long enough to trust; the word diffs of revisions and quote threads are drawn from them."""
    matcher = SequenceMatcher(None, [w.text for w in a], [w.text for w in b], autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    shorter = min(len(a), len(b))  # a quote of two to four words is anchored by two of them
    anchor = min(ANCHOR_RUN if shorter > 4 else 2, shorter)
    kept = [m.size >= anchor or _whole_stretch(a, m.a, m.size) or _whole_stretch(b, m.b, m.size) for m in blocks]
    changed = True
    while changed:  # grow outwards from the anchors, one run at a time
        changed = False
        for n, block in enumerate(blocks):
            if kept[n]:
                continue
            neighbours = [blocks[k] for k in (n - 1, n + 1) if 0 <= k < len(blocks) and kept[k]]
            if any(_extends(block, other, a, b) for other in neighbours):
                kept[n] = changed = True
    return [tuple(m) for m, keep in zip(blocks, kept) if keep]


def _whole_stretch(ws: list[Word], start: int, size: int) -> bool:
    """Is ws[start:start + size] one whole marked stretch of a mixed quote of several stretches?"""
    end = start + size
    return (any(w.part_end for w in ws) and (start == 0 or ws[start - 1].part_end)
            and (end == len(ws) or ws[end - 1].part_end))


def _extends(block, anchor, a: list[Word], b: list[Word]) -> bool:
    """Does a short run belong with its anchored neighbour? Yes when it lies close on both sides
    (and no ellipsis parts them: "…" joins separate stretches), when it follows on directly in
    one quote (the other cut words between them: "I think … best nominee"), or when it opens or
    closes both quotes."""
    first, second = sorted((block, anchor))
    gap_a = second.a - (first.a + first.size)
    gap_b = second.b - (first.b + first.size)
    at_edges = (block.a == block.b == 0) or (block.a + block.size == len(a) and block.b + block.size == len(b))
    marked = any(w.elided_after for w in a[first.a : second.a]) or any(w.elided_after for w in b[first.b : second.b])
    close = gap_a <= NEAR_ANCHOR and gap_b <= NEAR_ANCHOR and not marked
    return close or at_edges or (min(gap_a, gap_b) == 0 and block.size >= 2)
