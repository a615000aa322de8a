"""Cross-article actor merging against ECB+'s cross-document coreference links.

    python bench/actor_merge.py --data ../shared/data/ecbplus --out bench/results/actor-merge.json

Each ECB+ article (its tokens, sentence 0 — the URL — left out) goes through Storyline's own
analysis and into a fresh SQLite store, so the store merges actors across articles as it does
for any ingest. Each actor an article found is given the gold entity (a HUMAN or LOC instance of
ECB+) that most of its mentions overlap; actors that overlap none are not scored. A decision is
one pair of such actors from two different articles of the same topic (ECB+ instances do not
cross topics): "same actor" when the store gave both one global id. Precision and recall of
those decisions against "same gold instance" are printed and written as JSON. `--order` stores
the same analysed articles again in reverse and counts, by actor type, the links whose group
differs; `--parses FILE` keeps the analysed articles so that store changes compare on one parse;
`--misses N` prints the N most frequent missed and false pairs by actor name. Odd and even
topics are scored apart too, so that a rule fitted to a few topics would show, and recall is
given by how the two names relate (same, a shared word, none): what a rule over names can reach.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy import select

from _common import run_facts, write_results

from storyline.analyze import analyze_article
from storyline.analyze.nlp import load_nlp
from storyline.config import Settings
from storyline.model import Article, Paragraph
from storyline.store import open_store
from storyline.store.schema import article_actors

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "'s", "n't", "'", "%", "'re", "'ve", "'ll", "'d", "'m", "”"}
# ECB+ writes quotation marks as Penn Treebank's `` and '', or as a straight " either way: news
# prints “ and ” against the words they enclose.
OPENING, CLOSING = {"``": "“", "“": "“"}, {"''": "”", "”": "”"}
ENTITY_PREFIXES = ("HUM", "LOC")
# A lower-case word right after a name, within one gold mention: the name modifies it ("Mafia
# boss", "Israeli forces"), where a capital, a comma, a possessive or a name's particle ("de la
# Cruz", "bin") goes on with the name.
MODIFIED_NOUN = re.compile(r" (?!(?:in|of|at|on|and|for|from|near|to|with|the|a|an|de|da|del|la|le|van|von|der|bin|al|du)\b)[a-z]")
KINDS = {"PERSON": "people", "ORG": "organisations", "GPE": "places", "LOC": "places", "FAC": "places"}


def read_document(path: Path) -> tuple[str, dict[str, tuple[int, int]], dict[str, str]]:
    """(text, token id → character span, markable id → gold instance) of one ECB+ file."""
    root = ElementTree.parse(path).getroot()
    skip_url = path.stem.endswith("ecbplus")
    text, spans, sentence, quoting = "", {}, None, False
    tokens = [t for t in root.iter("token") if not (skip_url and t.get("sentence") == "0")]
    for i, token in enumerate(tokens):
        word = token.text or ""
        if word == '"':
            word = "”" if quoting else "“"
        quoting = word in OPENING or (quoting and word not in CLOSING)
        word = OPENING.get(word, CLOSING.get(word, word))
        if sentence is not None and token.get("sentence") != sentence:
            text += "\n\n"
        elif text and word not in NO_SPACE_BEFORE and not text.endswith(("(", "“", "\n")) and not _joined(tokens, i):
            text += " "
        sentence = token.get("sentence")
        spans[token.get("t_id")] = (len(text), len(text) + len(word))
        text += word
    instances = {m.get("m_id"): m.get("instance_id") for m in root.find("Markables")
                 if (m.get("instance_id") or "").startswith(ENTITY_PREFIXES)}
    linked = {}
    for link in root.iter("CROSS_DOC_COREF"):
        target = link.find("target").get("m_id")
        if target in instances:
            linked.update((source.get("m_id"), instances[target]) for source in link.findall("source"))
    gold = {}
    for markable in root.find("Markables"):
        if markable.get("m_id") in linked:
            anchors = [spans[a.get("t_id")] for a in markable.findall("token_anchor") if a.get("t_id") in spans]
            if anchors:
                gold[(min(s for s, _ in anchors), max(e for _, e in anchors))] = linked[markable.get("m_id")]
    return text, spans, gold


CLITICS = {"t", "s", "ll", "re", "ve", "d", "m"}


def _joined(tokens: list, i: int) -> bool:
    """Whether token i is printed without a space before it: ECB+ splits "T-Mobile", "doesn’t",
    "Bluejays' Valley" and "U.S." into tokens that news prints joined."""
    def word(at: int) -> str:
        same = 0 <= at < len(tokens) and tokens[at].get("sentence") == tokens[i].get("sentence")
        return (tokens[at].text or "") if same else ""

    def hyphen(at: int) -> bool:
        return word(at) == "-" and word(at - 1)[-1:].isalnum() and word(at + 1)[:1].isalnum()

    def apostrophe(at: int) -> bool:
        return (word(at) in ("'", "’") and word(at - 1)[-1:].isalnum()
                and (word(at + 1) in CLITICS or word(at - 1).endswith("s")))

    initial = word(i).isupper() and len(word(i)) == 1 and word(i - 1) == "." and len(word(i - 2)) == 1
    return (hyphen(i) or hyphen(i - 1) or apostrophe(i) or (word(i) in CLITICS and apostrophe(i - 1))
            or (initial and word(i - 2).isupper()))


def gold_actor(mentions: list[tuple[int, int]], gold: dict[tuple[int, int], str], text: str) -> str | None:
    """The gold instance most of an actor's mentions stand for: a mention stands for a gold
    mention it covers at least half of ("Gulf of Aden" in "the Gulf of Aden", not "Somalia" in
    "the Gulf of Aden off Somalia") unless it only modifies a common noun that follows it in
    that mention: the town "Spiro" in "Spiro man" is no name of the man."""
    votes = Counter(instance for start, end in mentions for (g_start, g_end), instance in gold.items()
                    if 2 * (min(end, g_end) - max(start, g_start)) >= g_end - g_start
                    and not MODIFIED_NOUN.match(text, end, g_end))
    return votes.most_common(1)[0][0] if votes else None


def pairs_across_articles(items: list[tuple[str, str]]) -> int:
    """Pairs from different articles among (article, key) items that share one key value."""
    total = len(items) ** 2 - sum(n * n for n in Counter(article for article, _ in items).values())
    return total // 2


def measure(data: Path, topics: set[str] | None, settings: Settings, parses: Path | None = None,
            order: bool = False, misses: int = 0) -> dict:
    files = sorted((data / "xml").glob("*/*.xml"))
    files = [f for f in files if topics is None or f.parent.name in topics]
    started = time.perf_counter()
    analysed = _analyse(files, settings, parses)
    scored = []  # (topic, article, (path, actor position), gold instance)
    links = _store_links(analysed)
    for path, article, gold in analysed:
        by_actor = defaultdict(list)
        for mention in article.mentions:
            by_actor[mention.actor].append((mention.start, mention.end))
        for position, spans in by_actor.items():
            instance = gold_actor(spans, gold, article.article.body)
            if instance is not None:
                scored.append((path.parent.name, path.stem, (path, position), instance))
    result = {**_rates(scored, links), "articles": len(analysed), "actors_scored": len(scored),
              **{parity: _rates([row for row in scored if int(row[0]) % 2 == rest], links)
                 for parity, rest in (("odd", 1), ("even", 0))},
              "by_name_relation": _recall_by_name_relation(scored, links, analysed)}
    if misses:
        result["misses"] = _wrong_pairs(scored, links, analysed, misses)
    if order:
        result["reversed"] = _order_difference(analysed, links, scored)
    return {**result, "seconds": round(time.perf_counter() - started, 1),
            "spacy_model": settings.spacy_model, **run_facts()}


def _analyse(files: list[Path], settings: Settings, parses: Path | None) -> list[tuple]:
    """(path, analysed article, gold spans) per file; with `parses`, analysed once and kept there
    so that store-side changes are measured on the same parses."""
    if parses is not None and parses.exists():
        wanted = {path.name for path in files}
        return [item for item in pickle.loads(parses.read_bytes()) if item[0].name in wanted]
    nlp = load_nlp(settings.spacy_model)
    analysed = []
    for path in files:
        text, _, gold = read_document(path)
        article = Article(source=str(path), format="text", title=None, body=text,
                          paragraphs=_paragraphs(text), language="en")
        analysed.append((path, analyze_article(article, nlp), gold))
    if parses is not None:
        parses.write_bytes(pickle.dumps(analysed))
    return analysed


def _store_links(analysed: list[tuple]) -> dict[tuple[Path, int], int]:
    """(path, actor position) → global actor id, the articles saved in the given order into a
    fresh store and read once all are in (a later article may move an earlier one's actor)."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "merge.db"))
        paths = {store.save(article).article_id: path for path, article, _ in analysed}
        with store.engine.connect() as conn:
            links = {(paths[article], position): actor for article, position, actor in conn.execute(
                select(article_actors.c.article_id, article_actors.c.position, article_actors.c.actor_id))}
        store.close()
    return links


def _order_difference(analysed: list[tuple], forward: dict, scored: list[tuple]) -> dict:
    """The same articles stored in reverse order: recall and precision, and per actor type the
    article-actor links whose group (the links sharing its global id) is not the same."""
    backward = _store_links(list(reversed(analysed)))
    kinds = {(path, position): KINDS.get(actor.type, "other")
             for path, article, _ in analysed for position, actor in enumerate(article.actors)}
    groups = []
    for links in (forward, backward):
        members = defaultdict(set)
        for link, actor in links.items():
            members[actor].add(link)
        groups.append({link: frozenset(members[actor]) for link, actor in links.items()})
    differ = Counter(kinds.get(link, "other") for link in forward if groups[0][link] != groups[1].get(link))
    rescored = _rates(scored, backward)
    return {"precision": rescored["precision"], "recall": rescored["recall"], "links": len(forward),
            "links_differing": sum(differ.values()), "differing_by_type": dict(differ)}


def _cross_article_pairs(scored: list[tuple]):
    """(link, other link, gold instance, other gold instance) of every pair of scored actors from
    two articles of one topic."""
    by_topic = defaultdict(list)
    for topic, article, link, instance in scored:
        by_topic[topic].append((article, link, instance))
    for rows in by_topic.values():
        for i, (article, link, instance) in enumerate(rows):
            for other_article, other_link, other_instance in rows[i + 1:]:
                if article != other_article:
                    yield link, other_link, instance, other_instance


def _wrong_pairs(scored: list[tuple], links: dict, analysed: list[tuple], most: int) -> dict:
    """The `most` frequent missed ("same" in the gold, apart in the store) and false pairs, by the
    two actors' names and types in their articles, with the gold instance(s)."""
    names = {(path, position): f"{actor.name} ({actor.type})"
             for path, article, _ in analysed for position, actor in enumerate(article.actors)}
    wrong = {"missed": Counter(), "false": Counter()}
    for link, other_link, instance, other_instance in _cross_article_pairs(scored):
        gold, same = instance == other_instance, links[link] == links[other_link]
        if gold != same:
            pair = " | ".join(sorted((names[link], names[other_link])))
            gold_of = instance if gold else f"{instance} / {other_instance}"
            wrong["missed" if gold else "false"][f"{pair}  [{gold_of}]"] += 1
    return {kind: counts.most_common(most) for kind, counts in wrong.items()}


def name_relation(first: str, second: str) -> str:
    """How two names of one gold instance relate: "same" (equal once case and punctuation go),
    "shared word" (a word in common: a surname alone, a longer form) or "no shared word" (a
    metonym, demonym, nickname, description or misspelling: "New Orleans" for the Saints)."""
    words = [set(re.findall(r"\w+", name.casefold())) for name in (first, second)]
    if words[0] == words[1]:
        return "same"
    return "shared word" if words[0] & words[1] else "no shared word"


def _recall_by_name_relation(scored: list[tuple], links: dict, analysed: list[tuple]) -> dict:
    """Recall of gold same-actor pairs by how the two actors' names relate: which misses a rule
    over names can reach at all, and which need the article's sense of who is meant."""
    names = {(path, position): actor.name
             for path, article, _ in analysed for position, actor in enumerate(article.actors)}
    gold, right = Counter(), Counter()
    for link, other_link, instance, other_instance in _cross_article_pairs(scored):
        if instance == other_instance:
            relation = name_relation(names[link], names[other_link])
            gold[relation] += 1
            right[relation] += links[link] == links[other_link]
    return {relation: {"gold_pairs": n, "recall": round(100 * right[relation] / n, 1)}
            for relation, n in gold.items()}


def _paragraphs(text: str) -> list[Paragraph]:
    paragraphs, start = [], 0
    for block in text.split("\n\n"):
        paragraphs.append(Paragraph(start, start + len(block)))
        start += len(block) + 2
    return paragraphs


def _rates(scored: list[tuple[str, str, tuple, str]], links: dict) -> dict:
    """Precision and recall of same-actor decisions over cross-article pairs within each topic."""
    scored = [(topic, article, links[link], instance) for topic, article, link, instance in scored]
    counts = Counter()
    for topic in {t for t, *_ in scored}:
        rows = [(article, actor, instance) for t, article, actor, instance in scored if t == topic]
        for name, key in (("predicted", lambda r: r[1]), ("gold", lambda r: r[2]), ("both", lambda r: (r[1], r[2]))):
            groups = defaultdict(list)
            for row in rows:
                groups[key(row)].append((row[0], key(row)))
            counts[name] += sum(pairs_across_articles(items) for items in groups.values())
    precision = counts["both"] / counts["predicted"] if counts["predicted"] else 0.0
    recall = counts["both"] / counts["gold"] if counts["gold"] else 0.0
    return {"same_actor_predicted": counts["predicted"], "same_actor_gold": counts["gold"],
            "same_actor_right": counts["both"], "precision": round(100 * precision, 1),
            "recall": round(100 * recall, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Settings().shared / "data" / "ecbplus")
    parser.add_argument("--topics", help="comma-separated topic numbers (default: all)")
    parser.add_argument("--out", type=Path, default=Path("bench/results/actor-merge.json"))
    parser.add_argument("--parses", type=Path,
                        help="pickle of the analysed articles: written on the first run, read after")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="print the N most frequent missed and false pairs by actor name")
    parser.add_argument("--order", action="store_true",
                        help="also store the articles in reverse order and count the links that differ")
    args = parser.parse_args()
    topics = set(args.topics.split(",")) if args.topics else None
    result = measure(args.data, topics, Settings(), args.parses, args.order, args.misses)
    print(f"{'articles':>9}{'actors':>8}{'pairs same (pred)':>19}{'pairs same (gold)':>19}{'right':>7}"
          f"{'precision':>11}{'recall':>8}")
    print(f"{result['articles']:>9}{result['actors_scored']:>8}{result['same_actor_predicted']:>19}"
          f"{result['same_actor_gold']:>19}{result['same_actor_right']:>7}{result['precision']:>10}%{result['recall']:>7}%")
    print("odd topics: precision {precision}%, recall {recall}%".format(**result["odd"]))
    print("even topics: precision {precision}%, recall {recall}%".format(**result["even"]))
    print("recall by how the two names relate: " + ", ".join(
        f"{relation} {row['recall']}% of {row['gold_pairs']} pairs"
        for relation, row in sorted(result["by_name_relation"].items())))
    for kind, pairs in result.get("misses", {}).items():
        print(f"{kind} pairs (most frequent first):")
        for pair, n in pairs:
            print(f"{n:>6}  {pair}")
    if args.order:
        back = result["reversed"]
        print(f"reversed: precision {back['precision']}%, recall {back['recall']}%; links whose group differs "
              f"{back['links_differing']} of {back['links']}: "
              + ", ".join(f"{kind} {n}" for kind, n in sorted(back["differing_by_type"].items())))
    write_results(args.out, result)
    sys.exit(0)


if __name__ == "__main__":
    main()
