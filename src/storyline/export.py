"""Export the store's latest articles as JSON Lines, or as flat CSV / Parquet tables.

The quote columns and the CSV writer here are the only ones: `storyline export`, `storyline
quotes --csv` and the web app's CSV download all write quotes through `write_csv`, which keeps
a spreadsheet from running any cell as a formula.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from storyline.store.records import ActorSummary, ArticleDetail, Quote

QUOTE_COLUMNS = ["quote_id", "article_id", "article_title", "published", "outlet", "actor_id", "speaker_name",
                 "speaker_text", "kind", "cue", "text", "start", "end", "url"]
ARTICLE_COLUMNS = ["article_id", "title", "outlet", "section", "published", "authors", "dateline", "agency",
                   "language", "status", "url", "summary", "body", "story_id"]
ACTOR_COLUMNS = ["actor_id", "name", "type", "aliases", "roles", "quote_count", "mention_count"]
FORMATS = ("jsonl", "csv", "parquet")


def quote_row(quote: Quote) -> dict:
    """One quote as a flat row: the same columns in the CLI's --csv, the web download and exports."""
    content = quote.content
    return {
        "quote_id": quote.id, "article_id": quote.article_id, "article_title": quote.article_title,
        "published": quote.published, "outlet": quote.outlet, "actor_id": quote.actor_id,
        "speaker_name": quote.speaker_name, "speaker_text": quote.speaker.text if quote.speaker else None,
        "kind": quote.kind, "cue": quote.cue.text if quote.cue else None, "text": quote.text,
        "start": content[0].start if content else None, "end": content[-1].end if content else None,
        "url": quote.url,
    }


def _article_row(article: ArticleDetail) -> dict:
    row = {column: getattr(article, column) for column in ARTICLE_COLUMNS[1:]}
    return {"article_id": article.id, **row, "authors": "; ".join(article.authors)}


def _actor_row(actor: ActorSummary) -> dict:
    row = {column: getattr(actor, column) for column in ACTOR_COLUMNS[1:]}
    return {"actor_id": actor.id, **row, "aliases": "; ".join(actor.aliases), "roles": "; ".join(actor.roles)}


def _paged(list_page, **filters) -> Iterator:
    """Walk a paginated store listing without holding the whole store in memory."""
    offset = 0
    while True:
        found = list_page(limit=500, offset=offset, **filters)
        yield from found.items
        offset += len(found.items)
        if not found.items or offset >= found.total:
            return


def _articles(store) -> Iterator[ArticleDetail]:
    """Every latest article in full, with its story id; one deleted meanwhile is left out."""
    for listed in _paged(store.list_articles):
        if (article := store.get_article(listed.id)) is not None:
            yield article


def export_store(store, out: Path, fmt: str) -> list[Path]:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            for article in _articles(store):
                handle.write(json.dumps(article.model_dump(mode="json"), ensure_ascii=False) + "\n")
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "articles": (ARTICLE_COLUMNS, (_article_row(article) for article in _articles(store))),
        "quotes": (QUOTE_COLUMNS, (quote_row(q) for q in _paged(store.list_quotes))),
        "actors": (ACTOR_COLUMNS, (_actor_row(a) for a in _paged(store.list_actors))),
    }
    write = _write_csv if fmt == "csv" else _write_parquet
    return [write(out / f"{name}.{fmt}", columns, rows) for name, (columns, rows) in tables.items()]


def _write_csv(path: Path, columns: list[str], rows: Iterator[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        write_csv(handle, columns, rows)
    return path


def write_csv(out: TextIO, columns: list[str], rows: Iterable[dict]) -> None:
    """`rows` as CSV with a header, every cell spreadsheet-safe."""
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({column: spreadsheet_safe(row[column]) for column in columns})


def spreadsheet_safe(value):
    """A leading apostrophe keeps a spreadsheet from running text like '=HYPERLINK(...)' as a formula
    (OWASP's list of formula starts: = + - @, tab and carriage return)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _write_parquet(path: Path, columns: list[str], rows: Iterator[dict]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    listed = list(rows)
    table = pa.Table.from_pylist(listed) if listed else pa.table({c: pa.array([], pa.string()) for c in columns})
    pq.write_table(table.select(columns), path)
    return path
