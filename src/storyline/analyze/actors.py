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
from storyline.analyze.names import headline_lines, surname
from storyline.analyze.roles import (NOUNS, RoleIndex, noun_phrase, role_head, role_key, roles_of, title_references,
                                     with_determiner)
from storyline.keys import HONORIFICS, bare_name
from storyline.model import Actor, Mention

SHORT_WORDS = frozenset({"of", "the", "and", "for", "&"})


def find_actors(doc: Doc) -> tuple[list[Actor], list[Mention]]:
    """Canonical actors of the article and every mention of them, in text order."""
    text = doc.text  # Doc.text joins every token on each access: build it once
    on_headline = headline_lines(text)
    spans = corrected_entities(doc, on_headline)
    people = {i for span in spans if span.label_ == "PERSON" for i in range(span.start, span.end)}
    # Headline words before a name are not its title ("Black Lawmakers Rip Donald Trump").
    span_roles = {span.start: roles_of(span, people) for span in spans
                  if span.label_ == "PERSON" and not on_headline(span.start_char)}
    groups = _group_mentions(spans, span_roles, on_headline, text)
    actors = [_actor(key, group, span_roles) for key, group in groups]
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
                    text: str) -> list[tuple[str, list[Span]]]:
    """(canonical name, entity spans) per actor, actors in order of first mention."""
    by_key: dict[str, list[Span]] = {}
    for span in spans:
        key = _compact(bare_name(span.text))
        if key:
            by_key.setdefault(key, []).append(span)
    names = _Names(by_key, span_roles, on_headline, text)
    labels = {key: Counter(span.label_ for span in group).most_common(1)[0][0]
              for key, group in by_key.items()}
    people = _full_names(names, [key for key in by_key if labels[key] == "PERSON" and " " in key])
    merged: dict[str, list[Span]] = {}
    for key, group in by_key.items():
        candidates = _owners(key, labels[key], people, by_key)
        owners = [_owner(span, key, candidates, names) if candidates else key for span in group]
        if len(candidates) > 1:
            owners = _one_per_honorific(group, owners)
        for span, owner in zip(group, owners):
            merged.setdefault(people.get(owner, owner), []).append(span)
    for group in merged.values():
        group.sort(key=lambda span: span.start)
    return sorted(merged.items(), key=lambda item: item[1][0].start)


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


def _actor(name: str, spans: list[Span], span_roles: dict[int, list[str]]) -> Actor:
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
