"""Analysed articles built by hand for store and API tests, independent of the analysis stage.

`make_analysed` writes a tiny body from who-said-what and computes every offset from it, so
the records are as consistent as real analysis output.
"""

from __future__ import annotations

import hashlib
import sys

from storyline.model import Actor, AnalysedArticle, Article, Mention, Paragraph, Quote, Span


def person(name: str, *aliases: str, roles: tuple[str, ...] = (), type: str = "PERSON") -> Actor:
    return Actor(name=name, type=type, aliases=list(aliases), roles=list(roles))


def make_analysed(slug: str, actors: list[Actor], said: list[tuple[int, str, str]], *,
                  outlet: str = "Daily Guardian", section: str = "World", published: str = "2024-03-01",
                  extra: str = "", raw: str | None = None, title: str | None = None) -> AnalysedArticle:
    """`said` holds (actor index, words, kind); `raw` stands for the page bytes (default: the body)."""
    intro = " ".join(f"{a.name} was named." for a in actors)
    lines = [f'"{words}," said {actors[who].name}.' for who, words, _ in said]
    body = " ".join([intro, *lines, extra]).strip()
    mentions = [
        Mention(actor=i, start=at, end=at + len(a.name), text=a.name)
        for i, a in enumerate(actors) for at in _all(body, a.name)
    ]
    quotes, cursor = [], 0
    for who, words, kind in said:
        start = body.index(f'"{words}', cursor) + 1
        cue = body.index("said", start + len(words))
        speaker = cue + len("said ")
        name = actors[who].name
        quotes.append(Quote(kind=kind, text=words, content=[Span(start, start + len(words), words)],
                            cue=Span(cue, cue + 4, "said"), speaker=Span(speaker, speaker + len(name), name),
                            speaker_actor=who))
        cursor = speaker
    article = Article(
        source=f"samples/{slug}.html", format="html", title=title or f"Story {slug}", body=body,
        paragraphs=[Paragraph(0, len(body))], url=f"https://news.example/{slug}?utm=x",
        canonical_url=f"https://news.example/{slug}", outlet=outlet, section=section,
        authors=["A. Writer"], published=published, language="en",
        content_hash=hashlib.sha256((raw if raw is not None else body).encode()).hexdigest(),
    )
    return AnalysedArticle(article=article, status="analysed", actors=actors, mentions=mentions,
                           quotes=quotes, summary=body[:80])


def _all(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def ceasefire() -> AnalysedArticle:
    putin = person("Vladimir Putin", "Mr Putin", roles=("Russian President",))
    un = person("United Nations", "UN", type="ORG")
    return make_analysed("ceasefire", [putin, un], [(0, "We are ready for a ceasefire", "direct"),
                                                   (1, "aid must reach civilians", "indirect")])


def seed_newsroom(store) -> None:
    """Three stories from two outlets over a week; Putin speaks in all of them."""
    store.save(ceasefire())  # Daily Guardian, 2024-03-01
    store.save(make_analysed(
        "sanctions", [person("Putin", roles=("President",)), person("Ursula von der Leyen")],
        [(0, "Sanctions will fail", "direct"), (1, "sanctions <b>work</b> & will stay", "mixed")],
        outlet="Kyiv Post", section="Economy", published="2024-03-05T09:30:00+00:00",
    ))
    store.save(make_analysed(
        "grain", [person("Vladimir Putin")], [(0, "the grain deal is over", "indirect")],
        outlet="Kyiv Post", published="2024-03-08", extra="Ports on the Black Sea stay closed.",
    ))


def write_many(url: str, prefix: str, count: int) -> None:
    """Save `count` articles that all quote one shared actor: the concurrent-writer workload."""
    from storyline.store import open_store

    store = open_store(url)
    for i in range(count):
        speaker = person("Vladimir Putin", roles=(f"role {prefix}",))
        store.save(make_analysed(f"{prefix}-{i}", [speaker, person(f"Minister {prefix}{i}")],
                                 [(0, f"Statement {prefix} {i}", "direct")]))
    store.save(ceasefire())  # every writer also saves the same page: one wins, the others see "unchanged"
    store.close()


if __name__ == "__main__":
    write_many(sys.argv[1], sys.argv[2], int(sys.argv[3]))
