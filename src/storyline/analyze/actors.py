"""Entities merged into one actor per person, organisation or place, with roles and mentions.

Within one article a surname, "Mr. Trump" and "Trump's" name the person the article introduced
in full, an abbreviation names the organisation whose initials it is, and a definite title
("the Russian president") names the one person who holds that role in the article.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from storyline.analyze.entity_fixes import corrected_entities, headline_lines, name_key
from storyline.analyze.roles import RoleIndex, role_key, roles_of, title_references
from storyline.model import Actor, Mention

SHORT_WORDS = frozenset({"of", "the", "and", "for", "&"})
PRONOUN_POS = frozenset({"PRON", "DET", "PUNCT", "SPACE"})


def find_actors(doc: Doc) -> tuple[list[Actor], list[Mention]]:
    """Canonical actors of the article and every mention of them, in text order."""
    groups = _group_mentions(corrected_entities(doc))
    people = {i for _, spans in groups for span in spans if span.label_ == "PERSON"
              for i in range(span.start, span.end)}
    actors = [_actor(key, spans, people) for key, spans in groups]
    mentions = [Mention(index, span.start_char, span.end_char, span.text)
                for index, (_, spans) in enumerate(groups) for span in spans]
    taken = {i for _, spans in groups for span in spans for i in range(span.start, span.end)}
    index = RoleIndex({i: actor.roles for i, actor in enumerate(actors) if actor.roles})
    mentions += [Mention(actor, span.start_char, span.end_char, span.text)
                 for span, actor in title_references(doc, index, taken)]
    mentions.sort(key=lambda mention: (mention.start, mention.end))
    return actors, mentions


def actor_for_span(start: int, end: int, actors: list[Actor], mentions: list[Mention],
                   doc: Doc) -> int | None:
    """The actor a speaker span names: an overlapping mention, a name or alias, or a role."""
    overlaps = [(min(end, m.end) - max(start, m.start), m.actor) for m in mentions
                if m.start < end and start < m.end]
    if overlaps:
        return max(overlaps)[1]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or all(token.pos_ in PRONOUN_POS for token in span):
        return None  # bare pronouns are the quote resolver's job
    key = name_key(span.text).lower()
    by_name = [i for i, actor in enumerate(actors)
               if key in (name.lower() for name in (actor.name, *actor.aliases))]
    if len(by_name) == 1:
        return by_name[0]
    by_surname = [i for i, actor in enumerate(actors)
                  if actor.type == "PERSON" and actor.name.lower().split()[-1] == key]
    if len(by_surname) == 1:
        return by_surname[0]
    return RoleIndex({i: actor.roles for i, actor in enumerate(actors) if actor.roles}).lookup(span.text)


def _group_mentions(spans: list[Span]) -> list[tuple[str, list[Span]]]:
    """(canonical name, entity spans) per actor, actors in order of first mention."""
    by_key: dict[str, list[Span]] = {}
    for span in spans:
        key = _compact(name_key(span.text))
        if key:
            by_key.setdefault(key, []).append(span)
    labels = {key: Counter(span.label_ for span in group).most_common(1)[0][0]
              for key, group in by_key.items()}
    people = _full_names(key for key in by_key if labels[key] == "PERSON" and " " in key)
    on_headline = headline_lines(spans[0].doc.text) if spans else None
    merged: dict[str, list[Span]] = {}
    for key, group in by_key.items():
        candidates = _owners(key, labels[key], people, by_key)
        for span in group:
            owner = _owner(span, key, candidates, by_key, on_headline) if candidates else key
            merged.setdefault(people.get(owner, owner), []).append(span)
    for group in merged.values():
        group.sort(key=lambda span: span.start)
    return sorted(merged.items(), key=lambda item: item[1][0].start)


def _compact(key: str) -> str:
    """'U.S.' and 'US' are one abbreviation."""
    letters = key.replace(".", "")
    return letters if letters.isalpha() and letters.isupper() and len(letters) <= 6 else key


def _full_names(keys) -> dict[str, str]:
    """Each full name → the longest full name with the same first and last word."""
    canonical: dict[str, str] = {}
    roots: list[str] = []
    for key in sorted(keys, key=len, reverse=True):
        words = key.split()
        root = next((r for r in roots if r.split()[0] == words[0] and r.split()[-1] == words[-1]), key)
        if root == key:
            roots.append(key)
        canonical[key] = root
    return canonical


def _owners(key: str, label: str, people: dict[str, str], by_key: dict[str, list[Span]]) -> list[str]:
    """The full names (or expansion) a short name may stand for; [] when it stands for itself."""
    if key in people or " " in key:
        return []
    if label in ("PERSON", "ORG"):
        roots = sorted({root for name, root in people.items() if name.split()[-1] == key
                        or (label == "PERSON" and name.split()[0] == key)})
        if roots:
            return roots
    if key.isupper() and len(key) > 1:
        expansions = [other for other in by_key if " " in other and _initials(other) == key]
        return expansions if len(expansions) == 1 else []
    return []


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word.lower() not in SHORT_WORDS).upper()


def _owner(span: Span, key: str, candidates: list[str], by_key: dict[str, list[Span]],
           on_headline) -> str:
    """Whom a short name stands for: the full name introduced earlier in the same paragraph;
    else itself if the article used it on its own before any full name ("Mr. Obama" long
    before "Michelle Obama"); else the only, or the most named, full name."""
    text = span.doc.text
    recent, recent_start = None, -1
    for candidate in candidates:
        earlier = [s.start_char for s in by_key[candidate] if s.start_char < span.start_char]
        if earlier and earlier[-1] > recent_start and "\n" not in text[earlier[-1]:span.start_char]:
            recent, recent_start = candidate, earlier[-1]
    if recent:
        return recent
    introduced = min(by_key[candidate][0].start for candidate in candidates)
    if sum(other.start < introduced and not on_headline(other.start_char) for other in by_key[key]) >= 2:
        return key
    return max(candidates, key=lambda c: (len(by_key[c]), -by_key[c][0].start))


def _actor(name: str, spans: list[Span], people: set[int]) -> Actor:
    labels = Counter(span.label_ for span in spans)
    label = "PERSON" if labels["PERSON"] and " " in name else labels.most_common(1)[0][0]
    aliases = list(dict.fromkeys(name_key(span.text) for span in spans))
    roles: dict[str, str] = {}
    if label == "PERSON":
        for span in spans:
            for role in roles_of(span, people):
                roles.setdefault(role_key(role), role)
    return Actor(name=name, type=label, aliases=[a for a in aliases if a and a != name],
                 roles=list(roles.values()))
