"""The attribution under construction, which every attribution rule and model reads and extends.

It holds spaCy tokens, so it lives only inside `attribute_quotes`; the stored form is `model.Quote`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token


@dataclass
class Attribution:
    """One attribution under construction: content spans, cue tokens and speaker tokens."""

    content: list[tuple[int, int]]
    cue: list[Token] = field(default_factory=list)
    speaker: list[Token] = field(default_factory=list)

    def content_token_ids(self, doc: Doc) -> set[int]:
        """The indices of the tokens its content covers (a token cut by a span edge counts)."""
        return {tok.i for start, end in self.content
                for tok in (doc.char_span(start, end, alignment_mode="expand") or [])}
