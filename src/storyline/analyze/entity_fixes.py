"""Correct what the small NER model gets wrong where the article itself settles it.

Each fix is evidence from the same document: a headline fused with breadcrumbs or with
headline words ("Obama Sees"), a possessive swallowed into a name ("Trump's Middle East"), a
trailing verb ("Putin Agrees"), one string labelled differently in different places, a title
before a name the model calls an organisation ("German Chancellor Olaf Scholz"), a surname it
did not tag at all, or a capital used as a metonym for its government ("supported by Kyiv")
that it reads as a person.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from spacy.tokens import Doc, Span

from storyline.analyze.common_names import without_common_word_people
from storyline.analyze.names import PERSON_NOUNS, is_role_noun, surname, without_company_suffix
from storyline.analyze.things import ACTOR_LABELS, without_things
from storyline.keys import COMPANY_SUFFIXES, HONORIFICS, bare_name

PLACE_LABELS = frozenset({"GPE", "LOC"})
# Prepositions that take a place, not a person, as their object.
LOCATIVE_PREPOSITIONS = frozenset({"in", "into", "near", "across", "throughout", "inside", "outside"})
# Capitals that news writing uses as metonyms for governments ("Kyiv rejected…"), exactly where
# a small model expects a person. Consulted only for a one-word "person" that the article
# never gives a first name or a title.
METONYM_CAPITALS = frozenset({
    "Kyiv", "Kiev", "Moscow", "Beijing", "Tehran", "Pyongyang", "Damascus", "Ankara", "Minsk",
    "Brussels", "Caracas", "Havana", "Riyadh", "Tokyo", "Seoul", "Taipei", "Berlin", "Paris",
    "London", "Kabul", "Baghdad", "Cairo", "Islamabad", "Jerusalem", "Warsaw", "Budapest",
})
# Nouns for a building or institution named after a person ("Walter Reed hospital").
BUILDING_NOUNS = frozenset({"hospital", "clinic", "center", "centre", "university", "college", "school", "academy",
                            "airport", "stadium", "arena", "bridge", "street", "avenue", "hall", "museum", "library",
                            "station", "base", "prison", "hotel", "church", "cathedral", "institute", "foundation"})
FUNCTION_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "PUNCT", "ADV", "NUM"})
FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP"})
LINKING_POS = frozenset({"ADP", "CCONJ", "SCONJ", "DET"})
SPLITTING_PUNCT = frozenset({"•", "·", "|", "/", "»", "›", ">", "–", "—"})


def corrected_entities(doc: Doc, on_headline: Callable[[int], bool]) -> list[Span]:
    """The doc's actor-like entities after structural repairs and label consistency."""
    sure: list[Span] = []
    doubtful: list[Span] = []  # pieces cut off a fused entity: kept only if named elsewhere
    for ent in doc.ents:
        if ent.label_ in ACTOR_LABELS:
            for index, piece in enumerate(_line_pieces(ent)):
                (sure if index == 0 else doubtful).extend(_split_possessive(piece))
    known = {bare_name(span.text) for span in sure}
    named = known | {surname(name) for name in known if " " in name}  # "Lopez" of "Andrew Lopez"
    sure = [piece for span in sure for piece in _listed_names(span, named)]
    spans = sure + [span for span in doubtful if bare_name(span.text) in known]
    spans.sort(key=lambda span: span.start)
    spans = without_things(without_common_word_people(_relabel(_titled_people(_headline_fixes(spans, on_headline)))))
    return sorted(spans + _missed_surnames(doc, spans), key=lambda span: span.start)


def _titled_people(spans: list[Span]) -> list[Span]:
    """"German Chancellor Olaf Scholz": a proper name right after a title is a person; a title
    the model took into a person's name is left out of it."""
    fixed = []
    for span in spans:
        before = span.doc[span.start - 1] if span.start else None
        if (span.label_ != "PERSON" and len(span) > 1 and all(t.pos_ == "PROPN" and t.is_title for t in span)
                and before is not None and before.dep_ == "compound" and before.head in span
                and before.is_title and is_role_noun(before.text)):
            span = Span(span.doc, span.start, span.end, label="PERSON")
        elif span.label_ == "PERSON" and _leading_title(span):
            span = Span(span.doc, span.start + 1, span.end, label="PERSON")  # its role, not its name
        elif span.label_ == "PERSON" and _position(span) is not None:
            span = Span(span.doc, _position(span) + 1, span.end, label="PERSON")
        fixed.append(span)
    return fixed


def _leading_title(span: Span) -> bool:
    """"Coroner Gary Hargrove", "Deputy Ortiz": the model took the title into the name."""
    return span[0].is_title and len(span) > 1 and span[1].is_title and span[0].lower_ in PERSON_NOUNS


def _position(span: Span) -> int | None:
    """"Colts QB Andrew Luck", "DT Tyson Jackson": a two-letter capital abbreviation right before a
    first and last name, where a sports page puts the player's position; "CC Sabathia" keeps his
    initials, "EYP Mission Critical Facilities" its name."""
    mark = span.end - 3
    if mark < span.start or not (span.doc[mark].is_alpha and span.doc[mark].is_upper and len(span.doc[mark]) == 2):
        return None
    return mark if all(token.is_title for token in span.doc[mark + 1:span.end]) else None


def _missed_surnames(doc: Doc, spans: list[Span]) -> list[Span]:
    """A capitalised word that is the surname of exactly one person the article names in full
    is that person, even where the model saw no entity ("Starmer, the Labour leader, said"),
    together with that person's first name when it stands right before it."""
    first_names: dict[str, set[str]] = defaultdict(set)
    for span in spans:
        name = bare_name(span.text)
        if span.label_ == "PERSON" and " " in name:
            first_names[surname(name)].add(name.split()[0])
    taken = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for token in doc:
        firsts = first_names.get(token.text, ())
        if len(firsts) != 1 or token.i in taken or token.pos_ not in ("PROPN", "NOUN") or not token.is_title:
            continue
        start = token.i
        if start > 0 and doc[start - 1].text in firsts and start - 1 not in taken:
            start -= 1
        elif _inside_other_name(token):
            continue
        found.append(Span(doc, start, token.i + 1, label="PERSON"))
    return found


def _inside_other_name(token) -> bool:
    """"Gennifer Flowers" is not Mr. Flowers: a capitalised word before the surname that is
    neither an honorific nor a title makes it some other name."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return (before.is_title and before.pos_ not in FUNCTION_POS and not is_role_noun(before.text)
            and before.lower_.rstrip(".") not in HONORIFICS)


def _headline_fixes(spans: list[Span], headline: Callable[[int], bool]) -> list[Span]:
    """Title-case lines fuse words into names ("Obama Sees", "Clinton Plan", "Derelict Obama").

    The body settles it: a headline entity the body never names is cut back to the longest
    part at either end the body does name ("Rip Donald Trump" → "Donald Trump"), or dropped.
    """
    in_body = [span for span in spans if not headline(span.start_char)]
    if not in_body:
        return spans
    names = {bare_name(span.text) for span in in_body}
    names |= {surname(name) for name in names if " " in name}
    fixed = []
    for span in spans:
        if headline(span.start_char) and bare_name(span.text) not in names:
            span = _named_part(span, names)
        if span is not None:
            fixed.append(span)
    return fixed


def _named_part(span: Span, names: set[str]) -> Span | None:
    """The longest run at either end of the span that the body names, with the span's label."""
    for size in range(len(span) - 1, 0, -1):
        for start in (span.end - size, span.start):
            if bare_name(span.doc[start:start + size].text) in names:
                return Span(span.doc, start, start + size, label=span.label_)
    return None


def _line_pieces(ent: Span) -> list[Span]:
    """Split an entity at line breaks and bullets (breadcrumbs fused with a headline)."""
    doc = ent.doc
    pieces: list[Span] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or "\n" in doc[i].text or doc[i].text in SPLITTING_PUNCT or _spaced_dash(doc[i]):
            piece = _trim(doc, start, i, ent.label_)
            if piece is not None:
                pieces.append(piece)
            start = i + 1
    return pieces


def _trim(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """Drop edge tokens that cannot belong to a name: punctuation, 'the', a possessive 's, a finite
    verb, a number or a score ("Uchiyama 6-2", "Chile 3-0"), a bracket left open, a lower-case
    word that links to what follows ("Thompson in", "Dell and", "National Player of")."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].pos_ == "DET"):
        start += 1
    opened = next((i for i in range(start, end) if doc[i].text == "("), None)
    if opened is not None and not any(doc[i].text == ")" for i in range(opened, end)):
        end = opened  # "Ministry of Trade, Industry and Energy (MOTIE": the name ends at the bracket
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"
                           or _is_score_part(doc[end - 1])
                           or (end - start > 1 and (doc[end - 1].tag_ in FINITE_VERB_TAGS or _linking_word(doc[end - 1])))):
        end -= 1
    if not any(token.text[:1].isupper() for token in doc[start:end]) or sum(
            character.isalpha() for token in doc[start:end] for character in token.text) < 2:
        return None  # "state" in "secretary of state" is a common noun; "I" is no name
    return Span(doc, start, end, label=label)


def _linking_word(token) -> bool:
    """A lower-case preposition, conjunction or article: no name ends in one."""
    return token.is_lower and token.pos_ in LINKING_POS


def _is_score_part(token) -> bool:
    """A number, or the dash between two ("6-2"): no name ends in one."""
    return token.like_num or token.pos_ == "NUM" or token.text in ("-", "–")


def _listed_names(span: Span, known: set[str]) -> list[Span]:
    """"at Macworld, Apple Inc. took the wraps off", "Lopez and Carrasquillo": two names the model
    fused over a comma or an "and", each named elsewhere in the article (a surname: in full). A name with a
    comma or an "and" in it ("Wachtell, Lipton", "Fish and Wildlife Service") stays whole."""
    joints = [token.i for token in span if token.text in (",", "and")]
    if span.label_ not in ("ORG", "PERSON") or len(joints) != 1:
        return [span]
    pieces = [Span(span.doc, span.start, joints[0], label=span.label_),
              Span(span.doc, joints[0] + 1, span.end, label=span.label_)]
    if all(len(piece) and without_company_suffix(bare_name(piece.text)) in known for piece in pieces) and not (
            pieces[1].text.rstrip(".").lower() in COMPANY_SUFFIXES):  # "EYP Mission Critical Facilities, Inc."
        return pieces
    return [span]


def _split_possessive(span: Span) -> list[Span]:
    """"Trump's Middle East" is Trump (the possessor) and Middle East, a place; but a one-word
    tail the article never names on its own is part of one name ("the People's Daily")."""
    for token in span[:-1]:
        if token.tag_ == "POS" and token.i > span.start and (
                token.i + 2 < span.end or _named_apart(span.doc[token.i + 1])):
            return [Span(span.doc, span.start, token.i, label=span.label_),
                    Span(span.doc, token.i + 1, span.end, label="LOC" if span.label_ == "PERSON" else span.label_)]
    return [span]


def _named_apart(word) -> bool:
    """The word stands elsewhere in the article without the possessive before it."""
    return any(token.text == word.text and (token.i < 2 or token.doc[token.i - 1].tag_ != "POS")
               for token in word.doc if token.i != word.i)


def _relabel(spans: list[Span]) -> list[Span]:
    """One label per name: the article's majority (a full name's tie goes to PERSON); the
    surname of a full name is a person unless it stands where a place does; one-word 'people'
    that are places; plural 'people' after "the" that are teams; a name that names a building
    once names it throughout."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for span in spans:
        votes[bare_name(span.text)][span.label_] += 1
    # "N. Korea" (an initial, then a 'surname') is the model's slip, not a person's name.
    surnames = {surname(key) for key, labels in votes.items()
                if " " in key and labels["PERSON"] and len(key.split()[0].rstrip(".")) > 1}
    buildings = {bare_name(span.text) for span in spans if _names_a_building(span)}
    teams = {bare_name(span.text) for span in spans if _named_as_a_team(span)}
    fixed = []
    for span in spans:
        key = bare_name(span.text)
        label = max(votes[key], key=lambda name: (votes[key][name], " " in key and name == "PERSON",
                                                  name == span.label_))
        if key in buildings:
            label = "FAC"  # "Walter Reed hospital": every "Walter Reed" of the article is the place
        elif key in surnames and not _in_place_position(span[0]):
            label = "PERSON"
        elif label == "PERSON" and key not in surnames and _is_place(span):
            label = "GPE"
        elif label == "PERSON" and key in teams and not {key, key[:-1], key[:-2]} & surnames:  # "the Clintons"
            label = "ORG"  # "the Colts", "the Tar Heels": a team, not a person
        fixed.append(span if label == span.label_ else Span(span.doc, span.start, span.end, label=label))
    return fixed


def _named_as_a_team(span: Span) -> bool:
    """A plural 'person' after "the" ("the Colts were"): people's names take no article; "the
    Williams sisters" are people of that name."""
    return (span.label_ == "PERSON" and span.start > 0 and span.doc[span.start - 1].lower_ == "the"
            and span[-1].text.endswith("s") and not span[-1].text.endswith("ss") and span.root.dep_ != "compound")


def _names_a_building(span: Span) -> bool:
    """"a trip to Walter Reed hospital": a person's name that names the building after it."""
    head = span.root.head
    return span.root.dep_ == "compound" and head.i == span.end and head.lower_ in BUILDING_NOUNS


def _is_place(span: Span) -> bool:
    """A one-word 'person' the text treats as a place: 'in Kyiv', 'by the US and by Kyiv'."""
    if len(span) != 1 or _has_title(span[0]):
        return False
    return span[0].text in METONYM_CAPITALS or _in_place_position(span[0])


def _in_place_position(token) -> bool:
    """Object of 'in', 'near'…, or coordinated with a place."""
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    return any(sibling.ent_type_ in PLACE_LABELS for sibling in _parallel_tokens(token))


def _spaced_dash(token) -> bool:
    """'BRUSSELS - European leaders…': a dateline's dash, unlike the hyphen in 'Holtz-Eakin'."""
    return token.text == "-" and bool(token.whitespace_)


def _has_title(token) -> bool:
    """Preceded by a name part or a title ("Mr. Kyiv", "President Kyiv"): a person after all."""
    return any(child.dep_ == "compound" and child.i < token.i for child in token.children)


def _parallel_tokens(token):
    """Tokens in the same role in a coordination: 'X and Y', 'launched by X and supported by Y'."""
    yield from token.conjuncts
    preposition = token.head
    if token.dep_ == "pobj" and preposition.dep_ in ("prep", "agent"):
        for verb in preposition.head.conjuncts:
            for other in verb.children:
                if other.lower_ == preposition.lower_:
                    yield from (obj for obj in other.children if obj.dep_ == "pobj")
