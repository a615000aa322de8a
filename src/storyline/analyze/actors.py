"""Entities merged into one actor per person, organisation or place, with roles and mentions.

Within one article a surname, "Mr. Trump" and "Trump's" name the person the article introduced
in full, an abbreviation names the organisation whose initials it is, and a definite title
("the Russian president") names the one person who holds that role in the article.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.analyze.entity_fixes import corrected_entities
from storyline.analyze.names import headline_lines, surname, without_company_suffix
from storyline.analyze.roles import (NOUNS, RoleIndex, noun_phrase, role_head, role_key, roles_of, title_references,
                                     with_determiner)
from storyline.keys import HONORIFICS, bare_name
from storyline.model import Actor, Mention

SHORT_WORDS = frozenset({"of", "the", "and", "for", "&"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "into", "near", "across", "throughout", "inside", "outside",
                                "of", "around", "through", "within", "toward", "towards", "via", "between"})
CONJUNCTIONS = frozenset({"And", "&", "Or", "Vs", "Vs."})


def find_actors(doc: Doc) -> tuple[list[Actor], list[Mention]]:
    """Canonical actors of the article and every mention of them, in text order."""
    text = doc.text  # Doc.text joins every token on each access: build it once
    on_headline = headline_lines(text)
    spans = corrected_entities(doc, on_headline)
    people = {i for span in spans if span.label_ == "PERSON" for i in range(span.start, span.end)}
    # Headline words before a name are not its title ("Black Lawmakers Rip Donald Trump").
    span_roles = {span.start: roles_of(span, people) for span in spans
                  if span.label_ == "PERSON" and not on_headline(span.start_char)}
    groups, metonyms = _group_mentions(spans, span_roles, on_headline, text)
    actors = [_actor(key, group, span_roles, metonyms) for key, group in groups]
    mentions = [Mention(index, span.start_char, span.end_char, span.text)
                for index, (_, group) in enumerate(groups) for span in group]
    taken = {i for span in spans for i in range(span.start, span.end)}
    index = RoleIndex.of(actors)
    mentions += [Mention(actor, span.start_char, span.end_char, span.text)
                 for span, actor in title_references(doc, index, taken)]
    mentions.sort(key=lambda mention: (mention.start, mention.end))
    return actors, mentions


def actor_for_span(start: int, end: int, actors: list[Actor], mentions: list[Mention],
                   doc: Doc) -> int | None:
    """The actor a speaker span names: the mention at its head word, else its name, alias or
    surname, else its role ("the Russian president"). A name elsewhere in the span is not the
    speaker: "an adviser to the Clinton campaign" is not Clinton. Pronouns give None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.pos_ == "PRON":
        return None
    head = _head_noun(span)
    # The head word, or a name in apposition to it ("the Democratic candidate Hillary Clinton").
    for token in (head, *(child for top in (head, span.root) for child in top.children if child.dep_ == "appos")):
        at_token = [m for m in mentions if m.start <= token.idx < m.end]
        if at_token:
            return max(at_token, key=lambda m: m.end - m.start).actor
    if head.pos_ not in NOUNS:
        return None
    phrase = noun_phrase(head)
    # A lowercase phrase ("the state", "the network") is no name, whatever actor it spells.
    named = None if phrase.text.islower() else _actor_named(bare_name(phrase.text).lower(), actors)
    return named if named is not None else RoleIndex.of(actors).lookup(with_determiner(phrase))


def _head_noun(span: Span) -> Token:
    """The span's syntactic head, or where the parse makes a determiner or an adverb of it
    ("the IMF", "skittish Democrats"), its first noun not modifying another noun in the span."""
    if span.root.pos_ in NOUNS:
        return span.root
    for token in span:
        if token.pos_ in NOUNS and not (token.head in span and token.head.pos_ in NOUNS and token.head != token):
            return token
    return span.root


def _actor_named(key: str, actors: list[Actor]) -> int | None:
    """The one actor with this name, alias or (for people) surname."""
    for matches in ([i for i, actor in enumerate(actors)
                     if key in (name.lower() for name in (actor.name, *actor.aliases))],
                    [i for i, actor in enumerate(actors)
                     if actor.type == "PERSON" and surname(actor.name).lower() == key]):
        if len(matches) == 1:
            return matches[0]
    return None


@dataclass
class _Names:
    """What the merge rules consult: each name's entity spans, their roles, the headlines."""

    spans: dict[str, list[Span]]  # name key → its entity spans
    roles: dict[int, list[str]]  # token index of a person span → its roles
    on_headline: Callable[[int], bool]
    text: str

    def first_in_body(self, key: str) -> int:
        """Where the article's body (not a headline) first uses this name."""
        starts = [span.start for span in self.spans[key] if not self.on_headline(span.start_char)]
        return starts[0] if starts else self.spans[key][0].start

    def roles_of(self, key: str) -> set[str]:
        return {role_head(role) for span in self.spans[key] for role in self.roles.get(span.start, [])}


def _group_mentions(spans: list[Span], span_roles: dict[int, list[str]], on_headline: Callable[[int], bool],
                    text: str) -> tuple[list[tuple[str, list[Span]]], set[int]]:
    """(canonical name, entity spans) per actor, actors in order of first mention; and the spans
    (by first token) where a place stands for its team, which name the team but are no name of it."""
    by_key: dict[str, list[Span]] = {}
    for span in spans:
        key = _compact(bare_name(span.text))
        if key:
            by_key.setdefault(key, []).append(span)
    names = _Names(by_key, span_roles, on_headline, text)
    labels = {key: Counter(span.label_ for span in group).most_common(1)[0][0]
              for key, group in by_key.items()}
    people = _full_names(names, [key for key in by_key if labels[key] == "PERSON" and " " in key])
    owners_of: dict[str, list[str]] = {}
    metonyms: set[int] = set()
    for key, group in by_key.items():
        candidates = _owners(key, labels[key], people, by_key) or _long_forms(key, labels, names)
        team = None if candidates else _team_of(key, labels, by_key)
        owners = [_owner(span, key, candidates, names) if candidates else team if team and _acts(span) else key
                  for span in group]
        metonyms.update(span.start for span, owner in zip(group, owners) if owner == team)
        if len(candidates) > 1:
            owners = _one_per_honorific(group, owners)
        owners_of[key] = [people.get(owner, owner) for owner in owners]
    # A name that went whole to another passes its own short forms on ("HP" of "Hewlett-Packard",
    # itself "Hewlett-Packard Corp").
    moved = {key: owners[0] for key, owners in owners_of.items() if set(owners) == {owners[0]} != {key}}
    merged: dict[str, list[Span]] = {}
    for key, group in by_key.items():
        for span, owner in zip(group, owners_of[key]):
            seen = {key}
            while owner in moved and owner not in seen:
                seen.add(owner)
                owner = moved[owner]
            if owner != key and labels.get(owner) == "ORG" and span.label_ == "PERSON":  # "Colts" tagged a person
                span = Span(span.doc, span.start, span.end, label="ORG")
            merged.setdefault(owner, []).append(span)
    for group in merged.values():
        group.sort(key=lambda span: span.start)
    return sorted(merged.items(), key=lambda item: item[1][0].start), metonyms


def _compact(key: str) -> str:
    """'U.S.' and 'US' are one abbreviation."""
    letters = key.replace(".", "")
    return letters if letters.isalpha() and letters.isupper() and len(letters) <= 6 else key


def _full_names(names: _Names, keys: list[str]) -> dict[str, str]:
    """Each full name → the canonical name of its person. Variants share first and last word
    ("Donald J. Trump") or one is the other's tail ("De Blasio" of "Bill de Blasio"). The
    canonical name is the longest, unless it only extends a tail the article's body used first
    (the model's "Crooked Hillary Clinton" after "Hillary Clinton")."""
    groups: list[list[str]] = []
    for key in sorted(keys, key=len, reverse=True):
        group = next((g for g in groups if _same_person(key, g[0])), None)
        if group is None:
            groups.append([key])
        else:
            group.append(key)
    canonical: dict[str, str] = {}
    for group in groups:
        name = next(key for key in group if not any(
            _is_tail(other, key) and names.first_in_body(other) < names.first_in_body(key) for other in group))
        canonical.update((key, name) for key in group)
    return canonical


def _same_person(short: str, long: str) -> bool:
    return (short.split()[0].lower() == long.split()[0].lower() and surname(short) == surname(long)) \
        or _is_tail(short, long)


def _is_tail(short: str, long: str) -> bool:
    short_words, long_words = short.lower().split(), long.lower().split()
    return len(short_words) < len(long_words) and short_words == long_words[-len(short_words):]


def _owners(key: str, label: str, people: dict[str, str], by_key: dict[str, list[Span]]) -> list[str]:
    """The full names, expansion or singular a name may stand for; [] when it stands for itself."""
    if label == "NORP" and key.endswith("s") and key[:-1] in by_key:
        return [key[:-1]]  # "Republicans" are the article's "Republican"s
    if key in people or " " in key:
        return []
    if label in ("PERSON", "ORG"):
        roots = sorted({root for name, root in people.items() if surname(name) == key
                        or (label == "PERSON" and name.split()[0] == key)})
        if roots:
            return roots
    if key.isupper() and len(key) > 1:
        expansions = [other for other in by_key if (" " in other or "-" in other) and _initials(other) == key]
        return expansions if len(expansions) == 1 else []
    return []


def _long_forms(key: str, labels: dict[str, str], names: _Names) -> list[str]:
    """The one organisation of the article a short name stands for: its tail ("Saints" of "New
    Orleans Saints", also where the model took "Colts" for a person), or its head where the rest
    is plainly more of one name: "of ..." ("Academy of Motion Picture Arts and Sciences"), a
    company suffix, or an initialism the article introduced in full first ("EYP Mission Critical
    Facilities", then "EYP"). A head alone is not enough: "Microsoft" is not "Microsoft Research",
    "HP" before "HP Services" is not that unit."""
    if labels[key] not in ("ORG", "PERSON") or " " in key:
        return []
    longs = [other for other in names.spans if labels[other] == "ORG" and (
        _short_form_of(key, other, labels) or _introduced_initialism(key, other, names))]
    return longs if len(longs) == 1 else []


def _introduced_initialism(short: str, long: str, names: _Names) -> bool:
    return (len(short) > 1 and short.isupper() and long.startswith(short + " ")
            and names.first_in_body(long) < names.first_in_body(short))


def _team_of(key: str, labels: dict[str, str], by_key: dict[str, list[Span]]) -> str | None:
    """The one organisation named after this place that the article also calls by the rest of
    its name alone, as a team is ("New Orleans Saints" and "the Saints" for "New Orleans")."""
    if labels[key] not in PLACE_LABELS:
        return None
    teams = [other for other in by_key if labels[other] == "ORG" and other.startswith(key + " ")
             and other[len(key) + 1:] in by_key]
    return teams[0] if len(teams) == 1 else None


def _acts(span: Span) -> bool:
    """A place name used as a doer, not a place: a subject, an object, a possessor ("New Orleans'
    loss"), after "for", "against", "over", "by"; not after "in", "at", "from", "to"..."""
    root = span.root
    if root.dep_ == "pobj":
        return root.head.lower_ not in PLACE_PREPOSITIONS
    return root.dep_ in ("nsubj", "nsubjpass", "dobj", "poss")


def _short_form_of(short: str, long: str, labels: dict[str, str]) -> bool:
    """A person's name ends an organisation's only where the place the organisation is named after
    stands before it ("Indianapolis Colts"): else it is a person the model took for one ("Bettie Page")."""
    words, label = long.split(), labels[short]
    if len(words) < 2:
        return False
    if words[-1] == short:  # a tail: the rest are name words ("Dell resells SeaMicro" is no name)
        head = long[:-len(short) - 1]
        return all(word[:1].isupper() and word not in CONJUNCTIONS for word in head.split()) and (
            label == "ORG" or labels.get(head) in PLACE_LABELS)
    return label == "ORG" and words[0] == short and (
        words[1] == "of" or without_company_suffix(long) != long)


def _initials(name: str) -> str:
    """"HP" of "Hewlett-Packard", "UN" of "United Nations"."""
    return "".join(word[0] for word in name.replace("-", " ").split() if word.lower() not in SHORT_WORDS).upper()


def _owner(span: Span, key: str, candidates: list[str], names: _Names) -> str:
    """Whom a short name stands for: the full name introduced earlier in the same paragraph;
    else itself if the article used it alone before any full name and with other roles
    ("President Obama" long before "the first lady, Michelle Obama"); else the only, or the
    most named, full name."""
    recent, recent_start = None, -1
    for candidate in candidates:
        earlier = [s.start_char for s in names.spans[candidate] if s.start_char < span.start_char]
        if earlier and earlier[-1] > recent_start and "\n" not in names.text[earlier[-1]:span.start_char]:
            recent, recent_start = candidate, earlier[-1]
    if recent:
        return recent
    introduced = min(names.spans[candidate][0].start for candidate in candidates)
    used_alone = sum(other.start < introduced and not names.on_headline(other.start_char)
                     for other in names.spans[key])
    own_roles = names.roles_of(key)
    if used_alone >= 2 and own_roles and all(
            names.roles_of(candidate) and not own_roles & names.roles_of(candidate) for candidate in candidates):
        return key
    return max(candidates, key=lambda c: (len(names.spans[c]), -names.spans[c][0].start))


def _one_per_honorific(spans: list[Span], owners: list[str]) -> list[str]:
    """Where a surname is shared ("Bill" and "Hillary Clinton"), "Mrs. Clinton" names one and
    the same person throughout the article: the one most of its uses point to."""
    honorifics = [_honorific(span) for span in spans]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for honorific, owner in zip(honorifics, owners):
        if honorific:
            votes[honorific][owner] += 1
    return [votes[honorific].most_common(1)[0][0] if honorific else owner
            for honorific, owner in zip(honorifics, owners)]


def _honorific(span: Span) -> str | None:
    """'mrs' for "Mrs. Clinton"."""
    word = span.doc[span.start - 1].lower_.rstrip(".") if span.start else ""
    return word if word in HONORIFICS else None


def _actor(name: str, spans: list[Span], span_roles: dict[int, list[str]], metonyms: set[int]) -> Actor:
    spans = [span for span in spans if span.start not in metonyms] or spans
    labels = Counter(span.label_ for span in spans)
    label = "PERSON" if labels["PERSON"] and " " in name else labels.most_common(1)[0][0]
    forms = Counter(bare_name(span.text) for span in spans)
    if name not in forms:  # "US" stands for "U.S." in an article that never writes "US"
        name = forms.most_common(1)[0][0]
    aliases = list(forms)
    roles: dict[str, str] = {}
    if label == "PERSON":
        for span in spans:
            for role in span_roles.get(span.start, []):
                roles.setdefault(role_key(role), role)
    return Actor(name=name, type=label, aliases=[a for a in aliases if a and a != name],
                 roles=list(roles.values()))
