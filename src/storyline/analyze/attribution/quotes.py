"""Who said what: direct, mixed and indirect quotes with their cue and resolved speaker.

Direct quotes are found from quotation marks first (`direct`), because the marks are
certain and the parse around them is not. Reported speech is then read off the dependency
parse (`content_model`): every cue outside a direct quote, outermost first, so that a statement
reported inside another one stays part of its content, as the PolNeAR guidelines ask.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storyline.analyze.actors import actor_for_span
from storyline.analyze.attribution.content_model import CONSTRUCTION_CUES, CueMatch, find_cue
from storyline.analyze.attribution.cue_model import cue_probability, is_cue
from storyline.analyze.attribution.direct import attach_continuations, direct_quotes, labelled_statements
from storyline.analyze.attribution.quote_marks import QUOTE_CHARS, QUOTE_MARK, QuotedPassage, find_quoted_passages
from storyline.analyze.attribution.sources import acts_unsaid, may_speak, reports_nothing, reports_words
from storyline.analyze.attribution.speaker_model import choose_speakers
from storyline.analyze.attribution.speakers import nearest_name, resolve_speaker, speaker_tokens
from storyline.analyze.attribution.types import Attribution
from storyline.model import Actor, Mention, Quote, Span

# The role a place gets when it speaks: "Moscow warned" is the Russian government.
GOVERNMENT_ROLE = "government"
# Bars in one "sentence" that make it a menu or a run of linked headlines, not prose.
MENU_BARS = 2


def attribute_quotes(doc: Doc, actors: list[Actor], mentions: list[Mention]) -> list[Quote]:
    """All attributions of an article body, in reading order."""
    text = doc.text  # Doc.text joins every token on each access: build it once
    attributions = find_attributions(doc, text)
    speaks = SourceTest(doc, actors, mentions)
    choose_speakers(doc, text, attributions, speaks)
    quotes = [_to_quote(text, a, speaks) for a in attributions if _stands(a, speaks)]
    _places_speak_for_governments(quotes, actors)
    return quotes


@dataclass
class SourceTest:
    """Whether a speaker phrase can be a source, given the article's actor mentions. Each phrase
    is judged once, and the actor it names looked up once: the speaker model asks about a cue's
    chosen speaker, `_stands` again, and the quote then resolves its speaker."""

    doc: Doc
    actors: list[Actor]
    mentions: list[Mention]
    _judged: dict[tuple[int, int], bool] = field(default_factory=dict, init=False, repr=False)
    _named: dict[tuple[int, int], int | None] = field(default_factory=dict, init=False, repr=False)

    def __call__(self, tokens: list[Token]) -> bool:
        bounds = (tokens[0].i, tokens[-1].i + 1)
        if bounds not in self._judged:
            head = self.head(tokens)
            self._judged[bounds] = may_speak(head, self.actor_type(tokens))
        return self._judged[bounds]

    def head(self, tokens: list[Token]) -> Token:
        return self.doc[tokens[0].i : tokens[-1].i + 1].root

    def actor(self, tokens: list[Token]) -> int | None:
        """The index of the actor the phrase names, None when it names none."""
        bounds = (tokens[0].i, tokens[-1].i + 1)
        if bounds not in self._named:
            self._named[bounds] = actor_for_span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]),
                                                 self.actors, self.mentions, self.doc)
        return self._named[bounds]

    def actor_type(self, tokens: list[Token]) -> str | None:
        """The type of the actor the phrase names, None when it names none."""
        actor = self.actor(tokens)
        return None if actor is None else self.actors[actor].type


def _stands(attribution: Attribution, speaks: SourceTest) -> bool:
    """An attribution stands unless its cue is refused, its speaker is a thing, or its cue is no
    verb of saying and its speaker a name no actor has ("The Series 3 features …")."""
    cue = attribution.cue[0] if attribution.cue else None
    if cue is not None and cue.is_alpha and _refused_cue(cue):
        return False
    if not attribution.speaker:
        return True
    if not speaks(attribution.speaker):
        return False
    if cue is None or not cue.is_alpha or reports_words(cue):
        return True
    return acts_unsaid(speaks.head(attribution.speaker), speaks.actor_type(attribution.speaker))


def _refused_cue(cue: Token) -> bool:
    """A verb that reports nothing, a word of a heading in capitals ("SPICED HONEY PEAR"), or a
    headline in a run of linked headlines fused into the text ("… | Lawmakers spar over …")."""
    return reports_nothing(cue) or (cue.is_upper and len(cue) > 1) or cue.sent.text.count(" | ") >= MENU_BARS


def _places_speak_for_governments(quotes: list[Quote], actors: list[Actor]) -> None:
    """"Moscow warned", "China said": a place that speaks is its government, and says so."""
    for actor in {q.speaker_actor for q in quotes if q.speaker_actor is not None}:
        if actors[actor].type == "GPE" and GOVERNMENT_ROLE not in actors[actor].roles:
            actors[actor].roles.append(GOVERNMENT_ROLE)


def find_attributions(doc: Doc, text: str) -> list[Attribution]:
    """Content, cue and the parse rules' speaker of every attribution, before the speaker model."""
    direct = direct_quotes(doc) + labelled_statements(doc)
    attributions = attach_continuations(text, direct + reported_speech(doc, text, direct))
    _carry_speakers(text, attributions)
    return attributions


def _carry_speakers(text: str, attributions: list[Attribution]) -> None:
    """", adding, “…”" or "Adding that …" after someone's words: a participle cue, or a direct
    quote's cue, that the parse left without a subject continues the speaker of the attribution
    just before it in the same paragraph."""
    previous = None
    for attribution in attributions:
        cue = attribution.cue[0] if attribution.cue else None
        if (cue is not None and not attribution.speaker and previous is not None and previous.speaker
                and (cue.tag_ == "VBG" or text[attribution.content[0][0]] in QUOTE_CHARS)
                and "\n" not in text[previous.speaker[-1].idx : cue.idx]):
            attribution.speaker = previous.speaker
        previous = attribution


def _char_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """Consecutive runs of tokens as character spans, without punctuation at their edges."""
    runs: list[list[Token]] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    spans = []
    for run in runs:
        while run and _is_edge_noise(run[0]):
            run = run[1:]
        while run and _is_edge_noise(run[-1]):
            run = run[:-1]
        if run:
            spans.append((run[0].idx, run[-1].idx + len(run[-1])))
    return spans


# Shorter quoted passages are labels and scare quotes more often than speech.
MIN_QUOTE_WORDS = 8


def _with_quote_marks(text: str, spans: list[tuple[int, int]],
                      passages: list[QuotedPassage]) -> list[tuple[int, int]]:
    """Widen content that starts or ends inside a long quoted passage to the whole passage, and
    content that stops just short of a quote's marks to include them."""
    widened = []
    for start, end in spans:
        for passage in passages:
            long_enough = passage.words >= MIN_QUOTE_WORDS
            if passage.start < start < passage.end and (long_enough or _only_marks(text, passage.start, start)):
                start = passage.start
            if passage.start < end < passage.end and (long_enough or _only_marks(text, end, passage.end)):
                end = passage.end
        widened.append((start, end))
    return widened


def _only_marks(text: str, start: int, end: int) -> bool:
    return not any(ch.isalnum() for ch in text[start:end])


def _is_edge_noise(token: Token) -> bool:
    """Spaces, punctuation other than quotation marks, and a conjunction left dangling where a
    nested attribution was cut off ("… paid speeches but")."""
    return (token.is_space or token.dep_ == "cc"
            or (token.is_punct and not any(ch in QUOTE_CHARS for ch in token.text)))


def reported_speech(doc: Doc, text: str, direct: list[Attribution]) -> list[Attribution]:
    """Indirect and mixed quotes from the parse; tokens already quoted or attributed are skipped."""
    quoted = {i for a in direct for i in a.content_token_ids(doc)}
    claimed = quoted | {tok.i for a in direct for tok in a.cue}
    passages = find_quoted_passages(text)
    inherited: dict[int, list[Token]] = {}  # participle cue → the speaker of the clause it trails
    found = []
    for sent in doc.sents:
        for token in _outermost_first(sent.root):
            if token.i in claimed or not is_cue(token):
                continue
            match = find_cue(token)
            if match is None:
                continue
            match = _through_infinitive(match)
            trailing = _trailing_participles(match.content)
            asides = _nested_cues(match.content) + _trailing_relatives(match.content)
            cut = {tok.i for clause in trailing + asides for tok in clause.subtree}
            content = [tok for tok in match.content if tok.i not in claimed and tok.i not in cut]
            if not any(tok.is_alpha for tok in content):
                continue
            taken = frozenset({tok.i for tok in content} | quoted)
            speaker = inherited.get(token.i) or [
                tok for tok in speaker_tokens(match.anchor, taken) if tok.i not in taken]
            if not speaker and content[-1].i < token.i:  # "…, Kennedy wrote in a memo", misparsed
                nearby = [t for t in sent if t.i not in taken and abs(t.i - token.i) <= 4]
                speaker = nearest_name(token, nearby)
            inherited.update({participle.i: speaker for participle in trailing})
            spans = _with_quote_marks(text, _char_spans(content), passages)
            found.append(Attribution(spans, match.cue, speaker))
            claimed |= {tok.i for tok in content} | {tok.i for tok in match.cue}  # a speaker may say more
    return [a for a in found if a.content]


def _trailing_participles(content: list[Token]) -> list[Token]:
    """", threatening that …" after a reported clause is the reporter's subject acting again,
    though the parser often hangs it inside that clause: split it off as its own attribution."""
    return [tok for tok in content if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > 0
            and tok.nbor(-1).text == "," and is_cue(tok)]


# Clauses inside a content that PolNeAR annotates as attributions of their own, cut from it:
# "…, which he added “is deeply regrettable”", "… but declined to provide a list".
NESTED_DEPS = ("relcl", "conj")
# Inside a content most cue-like words are reported, not reporting: those need a surer model.
NESTED_CUE_PROBABILITY = 0.55


def _nested_cues(content: list[Token]) -> list[Token]:
    inside = {tok.i for tok in content}
    return [tok for tok in content if tok.dep_ in NESTED_DEPS and tok.head.i in inside
            and cue_probability(tok) >= NESTED_CUE_PROBABILITY and find_cue(tok) is not None]


# "continued to insist that …", "declined to comment on …": a cue whose complement is another
# cue's infinitive is one cue with it, and the inner verb's complement is the content.
CHAINED_CUE_PROBABILITY = 0.3


def _through_infinitive(match: CueMatch) -> CueMatch:
    if not match.content:
        return match
    to = min(match.content, key=lambda tok: tok.i)
    verb = to.head
    if (to.lower_ != "to" or to.dep_ != "aux" or verb.dep_ != "xcomp" or verb.head not in match.cue
            or cue_probability(verb) < CHAINED_CUE_PROBABILITY):
        return match
    inner = find_cue(verb)
    if inner is None:
        return match
    return CueMatch(cue=[*match.cue, to, *inner.cue], content=inner.content, anchor=match.anchor)


def _trailing_relatives(content: list[Token]) -> list[Token]:
    """", which …" ending a content: a non-restrictive relative clause is the writer's aside."""
    words = [tok for tok in content if not tok.is_punct and not tok.is_space]
    if not words:
        return []
    last = words[-1]
    return [tok for tok in content if tok.dep_ == "relcl" and tok.left_edge.i > 0
            and tok.doc[tok.left_edge.i - 1].text == "," and tok.left_edge.i <= last.i <= tok.right_edge.i]


CLAUSE_CUES = CONSTRUCTION_CUES | {"according"}


def _outermost_first(root: Token) -> list[Token]:
    """A sentence's tokens breadth-first from its root: a reporting clause before what it reports.
    "According to", "reportedly" and "in a poll" go first wherever they hang: they attribute
    the whole clause around them, verbs and all."""
    order, frontier = [], [root]
    while frontier:
        order += frontier
        frontier = [child for token in frontier for child in token.children]
    return sorted(order, key=lambda token: token.lower_ not in CLAUSE_CUES)


def _to_quote(text: str, attribution: Attribution, speaks: SourceTest) -> Quote:
    content = [Span(start, end, text[start:end]) for start, end in attribution.content]
    return Quote(
        kind=_kind(content),
        text=reader_text(text, content),
        content=content,
        cue=_span_of(text, attribution.cue),
        speaker=_span_of(text, attribution.speaker),
        speaker_actor=resolve_speaker(speaks.doc, attribution.speaker, speaks.actors, speaks.mentions, speaks.actor),
    )


BREAK = "[...]"  # where a quote's words stop for the attribution and go on after it


def reader_text(text: str, content: list[Span]) -> str:
    """The words as the speaker said them: content spans keep their quotation marks (offsets
    and PolNeAR's convention), the text a reader sees does not. Where other words (the
    attribution) stand between two spans, BREAK shows it, so the text never joins what was said
    apart into one sentence: "…front line,” Putin said. “But we…" → "front line, [...] But we"
    (quoted words only: reported speech is the writer's wording, cut by its cue)."""
    words = []
    for index, span in enumerate(content):
        part = span.text.strip()
        part = part.strip(QUOTE_CHARS + " \n") if _is_quotation(part) else part
        following = content[index + 1] if index + 1 < len(content) else None
        if following is None:
            part = part.removesuffix(",")
        elif text[span.end:following.start].strip() and _is_quotation(span.text) and _is_quotation(following.text):
            part += " " + BREAK  # reported speech is the writer's words: its parts join up
        words.append(part)
    return " ".join(word for word in words if word)


def _kind(spans: list[Span]) -> str:
    """Direct when every part is a quotation, mixed when quoted words sit in reported speech."""
    if all(_is_quotation(span.text) for span in spans):
        return "direct"
    return "mixed" if any(QUOTE_MARK.search(span.text) for span in spans) else "indirect"


def _is_quotation(text: str) -> bool:
    text = text.strip()
    return bool(QUOTE_MARK.match(text)) and text[-1:] in QUOTE_CHARS


def _span_of(text: str, tokens: list[Token]) -> Span | None:
    if not tokens:
        return None
    start = min(tok.idx for tok in tokens)
    end = max(tok.idx + len(tok) for tok in tokens)
    return Span(start, end, text[start:end])
