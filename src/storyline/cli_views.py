"""Rich terminal views of an article and of search hits, for `storyline show` and `search`."""

from __future__ import annotations

import html

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storyline.model import speaker_label
from storyline.store.records import ArticleDetail, Page, Quote, SearchResults
from storyline.stories.records import StoryDetail, StorySummary
from storyline.terminal import literal
from storyline.threads.records import QuoteThreadRecord, ThreadQuote
from storyline.threads.revisions import ParagraphChange, QuoteChange, Revisions, change_summary
from storyline.threads.word_diff import Piece, thread_diffs

SPEAKER_STYLES = ["bold cyan", "bold magenta", "bold green", "bold yellow", "bold blue", "bold red"]


def render_article(console: Console, article: ArticleDetail) -> None:
    meta = " · ".join(str(v) for v in (article.outlet, article.section, article.published,
                                        ", ".join(article.authors), article.language) if v)
    console.print(Panel(Text(literal(article.title or "(untitled)"), style="bold"),
                        subtitle=Text(literal(meta)) if meta else None))
    if article.summary:
        console.print(Text(literal(article.summary), style="italic"), "")
    if article.status != "analysed":
        console.print(article.status, style="yellow")
    console.print(_highlighted_body(article))
    if article.quotes:
        table = Table("#", "speaker", "cue", "kind", "quote", title="Who said what", show_lines=True)
        for number, quote in enumerate(article.quotes, 1):
            table.add_row(str(number), speaker(quote), quote.cue.text if quote.cue else "", quote.kind, quote.text)
        console.print(table)
    if article.actors:
        table = Table("actor", "type", "roles", "also called", title="Who is mentioned")
        for actor in article.actors:
            table.add_row(actor.name, actor.type, ", ".join(actor.roles), ", ".join(actor.aliases))
        console.print(table)


def speaker(quote: Quote) -> str:
    return speaker_label(quote.speaker_name, quote.speaker.text if quote.speaker else None)


def _highlighted_body(article: ArticleDetail) -> Text:
    """The body with each quote's content coloured by its speaker."""
    body = Text(literal(article.body))
    styles: dict[object, str] = {}
    for quote in article.quotes:
        key = quote.actor_id or (quote.speaker.text if quote.speaker else None)
        style = styles.setdefault(key, SPEAKER_STYLES[len(styles) % len(SPEAKER_STYLES)])
        for span in quote.content:
            body.stylize(style, span.start, span.end)
    return body


def render_search(console: Console, hits: SearchResults) -> None:
    if hits.articles:
        table = Table("id", "title", "outlet", "match", title=f"articles ({len(hits.articles)})", show_lines=True)
        for article in hits.articles:
            table.add_row(str(article.id), article.title or "", article.outlet or "", _plain(article.snippet))
        console.print(table)
    if hits.quotes:
        table = Table("speaker", "quote", "article", title=f"quotes ({len(hits.quotes)})", show_lines=True)
        for quote in hits.quotes:
            table.add_row(speaker(quote), quote.text, str(quote.article_id))
        console.print(table)
    if hits.actors:
        table = Table("id", "name", "type", title=f"actors ({len(hits.actors)})", show_lines=True)
        for actor in hits.actors:
            table.add_row(str(actor.id), actor.name, actor.type)
        console.print(table)
    if not (hits.articles or hits.quotes or hits.actors):
        console.print("no matches")


def _plain(snippet: str | None) -> str:
    """Search snippets mark matches with <mark>; the terminal shows them plain."""
    return html.unescape((snippet or "").replace("<mark>", "").replace("</mark>", ""))


def render_stories(console: Console, listed: Page[StorySummary]) -> None:
    table = Table("id", "headline", "outlets", "articles", "first seen", "last seen", "main actors",
                  title=f"{listed.total} stories, newest active first")
    for story in listed.items:
        table.add_row(str(story.id), story.headline or "(untitled)", ", ".join(story.outlets),
                      str(story.article_count), story.first_seen[:16], story.last_seen[:16],
                      ", ".join(actor.name for actor in story.main_actors))
    console.print(table)


def render_story(console: Console, story: StoryDetail) -> None:
    moved = f" (story {story.requested_id} was merged into it)" if story.redirected else ""
    console.print(Panel(Text(story.headline or "(untitled)", style="bold"),
                        subtitle=f"story {story.id}{moved} · {story.first_seen[:16]} – {story.last_seen[:16]}"))
    timeline = Table("time", "outlet", "headline", "article", title="Timeline")
    for article in story.articles:
        timeline.add_row(article.seen[:16], article.outlet or "", article.title or "", str(article.id))
    console.print(timeline)
    said = Table("speaker", "quotes", "first words", title="Who said what")
    for group in story.speakers:
        said.add_row(group.speaker, str(len(group.quotes)), group.quotes[0].text[:90])
    console.print(said)


# A word diff reads without colour too (piped, or for a reader who cannot tell red from green):
# removed words as [-words-], added ones as {+words+}, as wdiff and git's word diff print them.
DIFF_MARKS = {"same": ("", "", ""), "removed": ("[-", "-]", "red strike"), "added": ("{+", "+}", "green bold")}


def word_diff_text(pieces: list[Piece]) -> Text:
    out = Text()
    for piece in pieces:
        opening, closing, style = DIFF_MARKS[piece.op]
        out.append(literal(f"{opening}{piece.text}{closing}"), style=style)
    return out


def render_revisions(console: Console, report: Revisions) -> None:
    """Each change of the page, oldest first: headline, standfirst, paragraphs, then quotes."""
    for found in report.revisions:
        before, after = found.before, found.after
        console.print(Panel(Text(f"version {before.version} → {after.version}", style="bold"),
                            subtitle=f"articles {before.id} → {after.id} · stored {after.ingested_at[:16]}"))
        console.print(change_summary(found), style="italic")
        for name, change in (("headline", found.headline), ("standfirst", found.standfirst)):
            if change:
                console.print(Text.assemble((f"{name}: ", "bold"), word_diff_text(change.diff)))
        if found.paragraphs:
            table = Table("¶", "change", "text", title=f"Paragraphs ({found.unchanged_paragraphs} unchanged)",
                          show_lines=True)
            for paragraph in found.paragraphs:
                table.add_row(_paragraph_place(paragraph), paragraph.change, word_diff_text(paragraph.diff))
            console.print(table)
        if found.quotes:
            table = Table("speaker", "change", "quote", title="Quotes", show_lines=True)
            for quote in found.quotes:
                table.add_row(_quote_speaker(quote), _quote_change(quote), word_diff_text(quote.diff))
            console.print(table)


def _paragraph_place(change: ParagraphChange) -> str:
    """Its number in the newer version; "was N" for a removed one or one that moved."""
    now, was = change.after_number, change.before_number
    if now is None:
        return f"was {was}"
    return str(now) if was in (None, now) else f"{now} (was {was})"


def _quote_speaker(change: QuoteChange) -> str:
    return f"{change.speaker_before} → {change.speaker}" if change.speaker_before else change.speaker


def _quote_change(change: QuoteChange) -> str:
    details = [change.link] if change.link not in (None, "verbatim") else []
    return ", ".join([change.change, *details, *(["speaker changed"] if change.speaker_before else [])])


def render_thread(console: Console, thread: QuoteThreadRecord) -> None:
    """One quote across outlets: the first report, then each version with its link and word diff."""
    moved = f" (thread {thread.requested_id} was merged into it)" if thread.redirected else ""
    console.print(f"quote thread {thread.id}{moved}: {len(thread.quotes)} versions in {thread.outlets} outlets",
                  style="bold", highlight=False)
    diffs = thread_diffs(thread.quotes)
    table = Table("outlet, time", "speaker", "link", "quote", show_lines=True)
    for quote in thread.quotes:
        link = ", ".join([quote.link_kind or "first report", *(["speaker shift"] if quote.speaker_shift else [])])
        words = word_diff_text(diffs[quote.quote_id]) if quote.quote_id in diffs \
            else Text(literal(quote.text))
        table.add_row(_reported(quote), quote.speaker or "unattributed", link, words)
    console.print(table)


def render_story_threads(console: Console, threads: list) -> None:
    """A story's quote threads, for `storyline story`: their ids lead to `quotes --thread`."""
    if not threads:
        return
    table = Table("thread", "outlets", "first report", "quote", title="Quotes across outlets (storyline quotes --thread ID)")
    for thread in threads:
        table.add_row(str(thread.id), str(thread.outlets), _reported(thread.first_report),
                      thread.first_report.text[:90])
    console.print(table)


def _reported(quote: ThreadQuote) -> str:
    return f"{quote.outlet or 'unknown outlet'} {(quote.published or 'undated')[:16].replace('T', ' ')}"
