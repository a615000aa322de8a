"""A word diff for people to read: the new text as written, with the words taken out and put in.

The words are matched by `align.anchored_runs`, the same alignment that links quotes, so a
revision's diff and a quote thread's diff agree on what changed; case and punctuation alone are
no change of words. The pieces keep the new text's own spacing and punctuation; a removed run is
set in right after the last word kept before it, with a space to part it from its neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from storyline.threads.align import anchored_runs
from storyline.threads.words import Word, words

PieceOp = Literal["same", "removed", "added"]


@dataclass(frozen=True)
class Piece:
    op: PieceOp
    text: str


def word_diff(before: str, after: str) -> list[Piece]:
    """`after` in pieces, each as it was in `before` ("same"), new ("added"), or gone ("removed")."""
    a, b = words(before), words(after)
    return aligned_diff(before, after, a, b, anchored_runs(a, b))


def aligned_diff(before: str, after: str, a: list[Word], b: list[Word],
                 runs: list[tuple[int, int, int]]) -> list[Piece]:
    """`word_diff` from the texts' words and their `anchored_runs`, for a caller that has them
    already (a revision aligns two paragraphs to tell whether one is an edit of the other)."""
    pieces: list[Piece] = []
    at = 0  # how much of `after` is in the pieces so far
    done_a = done_b = 0
    for i, j, n in [*runs, (len(a), len(b), 0)]:
        if i > done_a:
            gone = before[a[done_a].start : a[i - 1].end]
            if done_b:  # the cut stands after the last word kept, before any closing marks
                at = _take(pieces, "same", after, at, b[done_b - 1].end)
                pieces += [Piece("same", " "), Piece("removed", gone)]
            elif b:  # the text's opening words went
                at = _take(pieces, "same", after, at, b[0].start)
                pieces += [Piece("removed", gone), Piece("same", " ")]
            else:
                pieces.append(Piece("removed", gone))
        if j > done_b:
            at = _take(pieces, "same", after, at, b[done_b].start)
            at = _take(pieces, "added", after, at, b[j - 1].end)
        if n:
            at = _take(pieces, "same", after, at, b[j + n - 1].end)
        done_a, done_b = i + n, j + n
    _take(pieces, "same", after, at, len(after))
    return _merged(pieces)


def _take(pieces: list[Piece], op: PieceOp, text: str, start: int, end: int) -> int:
    if end > start:
        pieces.append(Piece(op, text[start:end]))
    return max(start, end)


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring pieces of one kind as one; a space between two changes stays a plain piece."""
    out: list[Piece] = []
    for piece in pieces:
        if out and out[-1].op == piece.op:
            out[-1] = Piece(piece.op, out[-1].text + piece.text)
        else:
            out.append(piece)
    return out


def changed_words(pieces: list[Piece]) -> int:
    """How many words the diff takes out or puts in."""
    return sum(len(words(p.text)) for p in pieces if p.op != "same")


def thread_diffs(quotes) -> dict[int, list[Piece]]:
    """Each version of a quote thread (records.ThreadQuote) as a word diff against the quote it is
    linked to; none for the first report, a paraphrase (other words by design) or a verbatim copy."""
    texts = {q.quote_id: q.text for q in quotes}
    return {q.quote_id: word_diff(texts[q.linked_to], q.text) for q in quotes
            if q.link_kind not in (None, "paraphrase", "verbatim") and q.linked_to in texts}
