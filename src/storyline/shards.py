"""Parquet shards: the batch output, one shard per input chunk, queryable with DuckDB or pandas.

A shard is one Parquet file per table (articles, actors, mentions, quotes, failures) under
`out_dir/<table>/<shard>.parquet`, all with flat columns; nested lists are JSON strings.
Every row carries `source`, the article's key. Files are written to a temporary name and
renamed, and `manifest.jsonl` lists finished shards: a shard not in the manifest does not
exist, which is what makes a killed batch safe to re-run. The schema is in docs/SCALE.md.
"""

from __future__ import annotations

import json
from functools import partial
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.model import (Actor, AnalysedArticle, Article, Failure, Mention, Paragraph,
                             Quote, Span)
from storyline.pipeline import POST_SAVE_STEPS, store_analysed
from storyline.report import Report

STR, INT = pa.string(), pa.int64()
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("source", STR), ("url", STR), ("canonical_url", STR), ("format", STR), ("title", STR),
        ("standfirst", STR), ("body", STR), ("paragraphs", STR), ("outlet", STR),
        ("section", STR), ("breadcrumbs", STR), ("authors", STR), ("published", STR),
        ("categories", STR), ("dateline", STR), ("agency", STR), ("language", STR), ("fetched_at", STR),
        ("content_hash", STR),
        ("status", STR), ("summary", STR),
    ]),
    "actors": pa.schema([
        ("source", STR), ("actor", INT), ("name", STR), ("type", STR), ("aliases", STR),
        ("roles", STR),
    ]),
    "mentions": pa.schema([
        ("source", STR), ("actor", INT), ("start", INT), ("end", INT), ("text", STR),
    ]),
    "quotes": pa.schema([
        ("source", STR), ("quote", INT), ("kind", STR), ("text", STR), ("content", STR),
        ("cue_start", INT), ("cue_end", INT), ("cue_text", STR),
        ("speaker_start", INT), ("speaker_end", INT), ("speaker_text", STR),
        ("speaker_actor", INT), ("speaker_name", STR),
    ]),
    "failures": pa.schema([("source", STR), ("stage", STR), ("reason", STR)]),
}
ARTICLE_LISTS = ("breadcrumbs", "authors", "categories")
_json = partial(json.dumps, ensure_ascii=False)
MANIFEST = "manifest.jsonl"


def shard_rows(results: Iterable[AnalysedArticle | Failure]) -> dict[str, list[dict]]:
    """Flatten records into one list of rows per table."""
    rows: dict[str, list[dict]] = {table: [] for table in SCHEMAS}
    for result in results:
        if isinstance(result, Failure):
            rows["failures"].append({"source": result.source, "stage": str(result.stage), "reason": result.message})
            continue
        source = result.article.source
        rows["articles"].append(_article_row(result))
        rows["actors"].extend(
            {"source": source, "actor": i, "name": a.name, "type": a.type,
             "aliases": _json(a.aliases), "roles": _json(a.roles)}
            for i, a in enumerate(result.actors))
        rows["mentions"].extend({"source": source, **asdict(m)} for m in result.mentions)
        rows["quotes"].extend(_quote_row(result, i, q) for i, q in enumerate(result.quotes))
    return rows


def _article_row(result: AnalysedArticle) -> dict:
    row = {name: getattr(result.article, name) for name in SCHEMAS["articles"].names
           if hasattr(result.article, name)}
    row["paragraphs"] = _json([[p.start, p.end] for p in result.article.paragraphs])
    for name in ARTICLE_LISTS:
        row[name] = _json(row[name])
    return {**row, "status": result.status, "summary": result.summary}


def _quote_row(result: AnalysedArticle, index: int, quote: Quote) -> dict:
    row = {"source": result.article.source, "quote": index, "kind": quote.kind, "text": quote.text,
           "content": _json([[s.start, s.end, s.text] for s in quote.content]),
           "speaker_actor": quote.speaker_actor, "speaker_name": result.speaker_name(quote)}
    for name in ("cue", "speaker"):
        span = getattr(quote, name)
        row |= {f"{name}_start": span and span.start, f"{name}_end": span and span.end,
                f"{name}_text": span and span.text}
    return row


def write_shard(out_dir: Path, shard_id: str, results: Iterable[AnalysedArticle | Failure]) -> None:
    """Write every table of one shard atomically: temporary file, fsync, rename."""
    for table, rows in shard_rows(results).items():
        final = out_dir / table / f"{shard_id}.parquet"
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = final.with_name(f".{final.name}.tmp")
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), temp)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, final)


def read_shard(out_dir: Path, shard_id: str) -> list[AnalysedArticle | Failure]:
    """Rebuild the records of one shard, articles in the order they were written."""
    tables = {table: pq.read_table(out_dir / table / f"{shard_id}.parquet").to_pylist()
              for table in SCHEMAS}
    by_source: dict[str, dict[str, list[dict]]] = {}
    for table in ("actors", "mentions", "quotes"):
        for row in tables[table]:
            by_source.setdefault(row["source"], {}).setdefault(table, []).append(row)
    records: list[AnalysedArticle | Failure] = [Failure.from_stored(**row) for row in tables["failures"]]
    for row in tables["articles"]:
        related = by_source.get(row["source"], {})
        records.append(AnalysedArticle(
            article=_article(row), status=row["status"], summary=row["summary"],
            actors=[Actor(r["name"], r["type"], json.loads(r["aliases"]), json.loads(r["roles"]))
                    for r in sorted(related.get("actors", []), key=lambda r: r["actor"])],
            mentions=[Mention(r["actor"], r["start"], r["end"], r["text"])
                      for r in related.get("mentions", [])],
            quotes=[_quote(r) for r in sorted(related.get("quotes", []), key=lambda r: r["quote"])],
        ))
    return records


def _article(row: dict) -> Article:
    fields = {k: v for k, v in row.items() if k not in ("status", "summary")}
    if "site_name" in fields:  # shards written before the column took the model's name
        fields["outlet"] = fields.pop("site_name")
    fields["paragraphs"] = [Paragraph(s, e) for s, e in json.loads(row["paragraphs"])]
    for name in ARTICLE_LISTS:
        fields[name] = json.loads(row[name])
    return Article(**fields)


def _quote(row: dict) -> Quote:
    def span(name: str) -> Span | None:
        if row[f"{name}_start"] is None:
            return None
        return Span(row[f"{name}_start"], row[f"{name}_end"], row[f"{name}_text"])

    return Quote(kind=row["kind"], text=row["text"],
                 content=[Span(*part) for part in json.loads(row["content"])],
                 cue=span("cue"), speaker=span("speaker"), speaker_actor=row["speaker_actor"])


@dataclass
class Manifest:
    """The list of finished shards, appended one JSON line per shard once its files are in place.

    `entries` are the shards finished when it was opened; shards appended since are in the
    file only, so a long batch's driver does not hold a line per chunk it has written."""

    out_dir: Path
    entries: list[dict] = field(default_factory=list)

    @classmethod
    def open(cls, out_dir: Path) -> Manifest:
        """Read the finished shards; a line cut short by a kill is passed over, its shard redone."""
        manifest = cls(out_dir)
        path = out_dir / MANIFEST
        for line in path.read_text().splitlines() if path.exists() else []:
            try:
                manifest.entries.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return manifest

    def done_units(self) -> set[str]:
        return {unit for entry in self.entries for unit in entry["units"]}

    def shard_ids(self) -> list[str]:
        return [entry["shard"] for entry in self.entries]

    def chunk_pages(self) -> int | None:
        """The chunk size the first run used: units are only stable under the same size."""
        return self.entries[0]["chunk_pages"] if self.entries else None

    def append(self, shard_id: str, units: list[str], chunk_pages: int,
               counts: dict[str, int]) -> None:
        entry = {"shard": shard_id, "units": units, "chunk_pages": chunk_pages, "counts": counts}
        with open(self.out_dir / MANIFEST, "a") as handle:
            handle.write(json.dumps(entry) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def repair(self) -> None:
        """Undo what a killed run left: a torn last line, shard files without a manifest line.

        Only the one batch writing to `out_dir` may call this, before it starts.
        """
        temp = self.out_dir / f".{MANIFEST}.tmp"
        temp.write_text("".join(json.dumps(entry) + "\n" for entry in self.entries))
        os.replace(temp, self.out_dir / MANIFEST)
        listed = set(self.shard_ids())
        for table in SCHEMAS:
            for path in (self.out_dir / table).glob("*.parquet*"):
                if path.name.split(".")[0] not in listed:  # also ".<id>.parquet.tmp"
                    path.unlink()


def load_shards(out_dir: str | Path, store) -> Report:
    """Put every finished shard into a store through the pipeline's sink: articles saved (and
    the post-save steps run; those that catch up run once at the end), the batch's failures recorded.

    Loading twice is harmless: the store recognises an article it already holds.
    """
    out_dir, report = Path(out_dir), Report()
    in_order = [step for step in POST_SAVE_STEPS if hasattr(step, "catch_up")]
    per_article = [step for step in POST_SAVE_STEPS if step not in in_order]
    for shard_id in Manifest.open(out_dir).shard_ids():
        report.count("shards")
        for record in read_shard(out_dir, shard_id):
            store_analysed(record, store, report, per_article)
    for step in in_order:  # the loaded articles in publication order, whatever the shards' order
        report.count(f"{step.name} caught up", step.catch_up(store))
    return report
