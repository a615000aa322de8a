"""The `storyline` command: thin over the pipeline and the store, printed with Rich.

Every command takes `--json` (or `--csv`) for scripts; every failure a user can meet prints one
line saying what went wrong and what to do, never a traceback.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from storyline.config import Settings
from storyline.model import QUOTE_KINDS
from storyline.terminal import LiteralConsole, literal

app = typer.Typer(help="Storyline: who said what in the news, with evidence.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
console = LiteralConsole(soft_wrap=True)
errors = LiteralConsole(stderr=True, soft_wrap=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
AllowPrivate = Annotated[bool, typer.Option(help="Allow URLs (pages, feeds, their items) on private or loopback addresses.")]
PageInputs = Annotated[list[str], typer.Argument(help="Files, folders, globs, http(s) URLs, or '-' for stdin.")]
FeedUrls = Annotated[list[str], typer.Argument(help="RSS/Atom feed or news sitemap URLs.")]


class UserError(Exception):
    """A failure the user can fix; printed as one line."""


def _given_after_the_command(ctx: typer.Context, param: typer.CallbackParam, value):
    """`--db`/`--model`/`--page-timeout` after the command name: applied to that command's settings (see main)."""
    if value is not None and isinstance(ctx.obj, Settings):
        ctx.obj = with_options(ctx.obj, **{param.name: value})
    return value


@app.callback()
def configure(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", callback=_given_after_the_command,
                                              help="Store: a SQLite file or a postgresql:// URL (env STORYLINE_DB).")] = None,
    model: Annotated[Optional[str], typer.Option("--model", callback=_given_after_the_command,
                                                 help="spaCy pipeline name (env STORYLINE_SPACY_MODEL).")] = None,
    page_timeout: Annotated[Optional[float], typer.Option(
        "--page-timeout", min=0, callback=_given_after_the_command,
        help="Seconds each page may take to extract and analyse before it fails "
        "with that reason; 0 for none (env STORYLINE_PAGE_TIMEOUT, default 60).")] = None,
) -> None:
    ctx.obj = with_options(Settings(), db, model, page_timeout)


def with_options(settings: Settings, db: str | None = None, model: str | None = None,
                 page_timeout: float | None = None) -> Settings:
    if db:
        settings = replace(settings, db=db)
    if model:
        settings = replace(settings, spacy_model=model)
    if page_timeout is not None:
        settings = replace(settings, page_timeout=page_timeout)
    return settings


def store_options_everywhere(group):
    """`storyline ingest --db x.db PAGES` as well as `storyline --db x.db ingest PAGES`: every
    command also takes the group's --db, --model and --page-timeout, not passed to it but applied to its settings."""
    for command in group.commands.values():
        for option in group.params:
            shared = copy.copy(option)
            shared.expose_value = False
            command.params.append(shared)
    return group


def _store(ctx: typer.Context):
    from storyline.store import open_store

    return open_store(ctx.obj.db, ctx.obj.store_outage_wait)


@app.command()
def ingest(ctx: typer.Context, pages: PageInputs, allow_private: AllowPrivate = False) -> None:
    """Read pages (HTML or plain-text scrapes), analyse them and store them."""
    from storyline.pipeline import ingest_pages

    settings: Settings = ctx.obj
    store = _store(ctx)
    with Progress(TextColumn("ingest", style="bold", markup=False), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("{task.description}", markup=False), console=errors, transient=True,
                  disable=not errors.is_terminal) as progress:
        task = progress.add_task("", total=_count_hint(pages))
        report = ingest_pages(
            pages, store, settings, allow_private=allow_private,
            on_page=lambda item: progress.update(task, advance=1, description=literal(Path(item.source).name[:40])),
        )
    _print_ingest_summary(report, settings.db)
    _exit_for(report)


def _print_ingest_summary(report, db: str) -> None:
    """Each failure with its reason, then one summary line."""
    for failure in report.failures:
        errors.print(Text.assemble(("failed", "red"), literal(f" {failure.source}: {failure.message}")))
    if report.not_stored > len(report.failures):
        errors.print(f"… and {report.not_stored - len(report.failures)} more", highlight=False)
    console.print(f"ingested {report.ingested}, new versions {report.new_versions}, unchanged {report.unchanged}, "
                  f"failed {report.not_stored} → {db}", highlight=False)


def _count_hint(pages: list[str]) -> int | None:
    """How many pages a progress bar should expect, when it's cheap to know."""
    from storyline.ingest.sources import page_files

    count = sum(len(page_files(Path(page))) if Path(page).is_dir() else 1 for page in pages)
    return count or None


@app.command()
def show(ctx: typer.Context, article: Annotated[int, typer.Argument(help="Article id.")], as_json: JsonFlag = False) -> None:
    """The clean article with its quotes and entities."""
    from storyline.cli_views import render_article

    _print_found(_store(ctx).get_article(article), as_json, render_article,
                 f"no article with id {article}; 'storyline search' or the web app lists them")


@app.command()
def diff(ctx: typer.Context, article: Annotated[int, typer.Argument(help="Article id (any version of the page).")],
         as_json: JsonFlag = False) -> None:
    """What changed between the stored versions of an article's page: headline, paragraphs, quotes."""
    from storyline.cli_views import render_revisions
    from storyline.threads.revisions import revisions_report

    versions = _store(ctx).article_versions(article)
    if versions is None:
        raise UserError(f"no article with id {article}; 'storyline search' or the web app lists them")
    if len(versions) == 1 and not as_json:
        console.print(f"article {article} has one version: nothing to compare (a page that changed is kept "
                      "as a new version when it is ingested again)", highlight=False)
        return
    _print_found(revisions_report(article, versions), as_json, render_revisions, "")


@app.command()
def quotes(
    ctx: typer.Context,
    speaker: Annotated[Optional[str], typer.Option(help="Speaker name or alias, any case.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    kind: Annotated[Optional[str], typer.Option(help=f"One of: {', '.join(QUOTE_KINDS)}.")] = None,
    limit: int = 100,
    thread: Annotated[Optional[int], typer.Option(
        help="A quote thread's id: every version of that quote across outlets, first report first.")] = None,
    as_json: JsonFlag = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
) -> None:
    """Who said what: quotes newest first, filtered by speaker and date; or one quote thread."""
    if thread is not None:
        return _print_thread(ctx, thread, as_json)
    rows = _store(ctx).list_quotes(speaker=speaker, since=since, until=until, kind=kind, limit=limit).items
    if as_json:
        _print_json(rows)
    elif as_csv:
        from storyline.export import QUOTE_COLUMNS, quote_row, write_csv

        write_csv(sys.stdout, QUOTE_COLUMNS, (quote_row(row) for row in rows))
    elif not rows:
        console.print("no quotes match")
    else:
        from storyline.cli_views import speaker

        table = Table("speaker", "kind", "quote", "outlet", "published", "article", show_lines=True)
        for row in rows:
            table.add_row(speaker(row), row.kind, row.text, row.outlet or "", row.published or "", str(row.article_id))
        console.print(table)


def _print_thread(ctx: typer.Context, thread_id: int, as_json: bool) -> None:
    from storyline.cli_views import render_thread
    from storyline.threads.queries import get_thread

    found = _store(ctx).read(get_thread, thread_id)
    _print_found(found, as_json, render_thread,
                 f"no quote thread with id {thread_id}; 'storyline story ID' lists a story's threads")


@app.command()
def entities(
    ctx: typer.Context,
    type: Annotated[Optional[str], typer.Option("--type", help="PERSON, ORG, GPE, LOC, NORP …")] = None,
    limit: int = 100,
    as_json: JsonFlag = False,
) -> None:
    """Actors across all articles, most quoted first."""
    rows = _store(ctx).list_actors(type=type.upper() if type else None, limit=limit).items
    if as_json:
        _print_json(rows)
        return
    table = Table("id", "name", "type", "aliases", "roles", "quotes", "mentions")
    for row in rows:
        table.add_row(str(row.id), row.name, row.type, ", ".join(row.aliases), ", ".join(row.roles),
                      str(row.quote_count), str(row.mention_count))
    console.print(table)


@app.command()
def search(ctx: typer.Context, query: Annotated[str, typer.Argument(help="Words or \"a phrase\".")],
           limit: int = 20, as_json: JsonFlag = False) -> None:
    """Full-text search over articles, quotes and actors."""
    hits = _store(ctx).search(query, limit=limit)
    if as_json:
        _print_json(hits)
        return
    from storyline.cli_views import render_search

    render_search(console, hits)


@app.command()
def stories(
    ctx: typer.Context,
    limit: int = 20,
    recluster: Annotated[bool, typer.Option(help="Forget all stories and rebuild them in publication order.")] = False,
    assign: Annotated[bool, typer.Option(help="Put articles not yet in a story into one (after a failure).")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Stories across outlets, newest active first."""
    from storyline.stories import assign_pending, recluster as rebuild
    from storyline.stories.queries import list_stories

    store = _store(ctx)
    if recluster or assign:
        count = (rebuild if recluster else assign_pending)(store)
        console.print(f"{count} articles assigned to stories", highlight=False)
    listed = store.read(list_stories, limit=limit)
    if as_json:
        _print_json(listed)
        return
    from storyline.cli_views import render_stories

    render_stories(console, listed)


@app.command()
def story(ctx: typer.Context, story_id: Annotated[int, typer.Argument(help="Story id.")], as_json: JsonFlag = False) -> None:
    """One story: its articles by time and outlet, and who said what across it."""
    from storyline.cli_views import render_story, render_story_threads
    from storyline.stories.queries import get_story
    from storyline.threads.queries import story_threads

    store = _store(ctx)
    found = store.read(get_story, story_id)
    _print_found(found, as_json, render_story, f"no story with id {story_id}; 'storyline stories' lists them")
    if not as_json:
        render_story_threads(console, store.read(story_threads, found.id))


@app.command()
def export(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(help="A .jsonl file, or a folder for csv/parquet tables.")],
    format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
) -> None:
    """Export every latest article with its actors and quotes."""
    from storyline.export import export_store

    try:
        written = export_store(_store(ctx), out, format)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    console.print(f"wrote {', '.join(str(p) for p in written)}", highlight=False)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Listen address; beyond 127.0.0.1 writes need STORYLINE_TOKEN.")] = "127.0.0.1",
    port: int = 8000,
    allowed_host: Annotated[Optional[list[str]], typer.Option(
        "--allowed-host", help="Another Host name to answer to, e.g. a proxy's (repeatable; env STORYLINE_ALLOWED_HOSTS).")] = None,
) -> None:
    """The JSON API (/api, OpenAPI at /docs) and the web app."""
    import uvicorn

    from storyline.serve.api import LOOPBACK_HOSTS
    from storyline.serve.app import create_app

    if host not in LOOPBACK_HOSTS and not os.environ.get("STORYLINE_TOKEN"):
        errors.print("note: listening beyond 127.0.0.1 without STORYLINE_TOKEN: write endpoints are refused")
    console.print(f"Storyline on http://{host}:{port}/  (API docs: /docs, store: {ctx.obj.db})", highlight=False)
    settings = replace(ctx.obj, allowed_hosts=(*ctx.obj.allowed_hosts, *(allowed_host or ())))
    uvicorn.run(create_app(settings, host=host), host=host, port=port, log_level="warning")


@app.command()
def follow(ctx: typer.Context, feeds: FeedUrls, allow_private: AllowPrivate = False) -> None:
    """Fetch what is new in feeds and sitemaps (politely: robots.txt, rate limits, ETags) and ingest it."""
    from storyline.ingest.feeds import follow_feeds
    from storyline.pipeline import Ingester

    ingest = Ingester(_store(ctx), ctx.obj)
    report = follow_feeds(feeds, ingest, ctx.obj, allow_private=allow_private, report=ingest.report)
    _print_report("follow", report)
    _print_ingest_summary(report, ctx.obj.db)
    _exit_for(report)


@app.command()
def batch(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs and WARC files.")],
    out: Annotated[Path, typer.Option(help="Folder for the Parquet shards; re-running resumes.")] = Path("shards"),
    workers: Annotated[int, typer.Option(min=1, help="Local worker processes.")] = 2,
    scheduler: Annotated[Optional[str], typer.Option(help="A Dask scheduler, e.g. tcp://HOST:8786.")] = None,
) -> None:
    """Extract and analyse many pages on Dask into Parquet shards ('storyline load' stores them)."""
    from storyline.batch import run_batch

    report = run_batch(inputs, out, workers=workers, scheduler=scheduler, settings=ctx.obj,
                       progress=errors.is_terminal)
    _print_report("batch", report)
    console.print(f"{report.per_second('articles'):.2f} articles/s", highlight=False)
    _exit_for(report, done=report.counts.get("articles", 0))


@app.command()
def load(ctx: typer.Context, shards: Annotated[Path, typer.Argument(help="A folder written by 'storyline batch'.")]) -> None:
    """Put batch shards into the store; loading twice changes nothing."""
    from storyline.shards import load_shards

    if not shards.is_dir():
        raise UserError(f"{shards} is not a folder of batch shards")
    report = load_shards(shards, _store(ctx))
    _print_report("load", report)
    _exit_for(report)


def _print_report(title: str, report) -> None:
    """A run's report as one table, so every driver prints counts the same way."""
    table = Table(title=title, show_header=False)
    for name, value in report.rows() or [("pages", "none")]:
        table.add_row(name, value)
    console.print(table)


def _exit_for(report, done: int | None = None) -> None:
    """End a run with the exit code its report calls for (report.ExitCode)."""
    code = report.exit_code(done)
    if code:
        raise typer.Exit(code)


def _print_found(found, as_json: bool, render, missing: str) -> None:
    """One record (an article, a story) as JSON or as `render` draws it; `missing` when there is none."""
    if found is None:
        raise UserError(missing)
    if as_json:
        _print_json(found)
    else:
        render(console, found)


def _print_json(value) -> None:
    """`value` (records, lists of them, plain data) as the JSON the API gives for it."""
    from pydantic_core import to_jsonable_python

    sys.stdout.write(json.dumps(to_jsonable_python(value), ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    """Entry point: known failures print one line; nothing prints a traceback unless asked."""
    from sqlalchemy.exc import SQLAlchemyError

    from storyline.analyze.nlp import ModelNotInstalled
    from storyline.errors import one_line
    from storyline.report import ExitCode
    from storyline.store import InvalidQuery

    try:
        store_options_everywhere(typer.main.get_command(app))()
    except (UserError, ModelNotInstalled, InvalidQuery) as exc:
        errors.print(f"error: {exc}", highlight=False)
        sys.exit(ExitCode.USAGE)
    except SQLAlchemyError as exc:
        errors.print(f"error: the store cannot be used: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}",
                     highlight=False)
        sys.exit(ExitCode.USAGE)
    except OSError as exc:
        errors.print(f"error: {exc.strerror or exc}: {exc.filename or ''}", highlight=False)
        sys.exit(ExitCode.USAGE)
    except Exception as exc:  # a bug: say so briefly; STORYLINE_DEBUG=1 shows the traceback
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        errors.print(f"error: unexpected {one_line(exc)} (set STORYLINE_DEBUG=1 for details)", highlight=False)
        sys.exit(ExitCode.BUG)
