"""Summary: the page's standfirst, else a short lead without bylines and datelines."""

from __future__ import annotations

from storyline.analyze.summary import MAX_WORDS, summarize
from storyline.model import Article, Paragraph


def article(body: str, standfirst: str | None = None, title: str | None = None) -> Article:
    return Article(source="test", format="text", title=title, body=body,
                   paragraphs=[Paragraph(0, len(body))], standfirst=standfirst)


def test_standfirst_wins(nlp):
    page = article("Body text that is long enough to be a sentence here.", standfirst="  The standfirst.  ")
    assert summarize(page, nlp(page.body)) == "The standfirst."


def test_lead_skips_byline_and_dataline(nlp):
    body = ("By Jane Smith\n\nMOSCOW (Reuters) - Russian President Vladimir Putin on Thursday backed a "
            "30-day truce in Ukraine. He insisted on more talks to resolve the root causes of the conflict. "
            "Officials in Kyiv did not comment immediately on the proposal.")
    summary = summarize(article(body), nlp(body))
    assert summary.startswith("Russian President Vladimir Putin on Thursday backed")
    assert "Reuters" not in summary and "Jane Smith" not in summary
    assert "root causes" in summary


def test_lead_skips_repeated_headline_and_stays_short(nlp, sample_page_path):
    text = sample_page_path.read_text(encoding="utf-8")
    body = text[text.index("Russian President Vladimir Putin on Thursday backed"):]
    headline = "Putin Agrees To US-Proposed Ceasefire, But Only If It Leads To ‘Lasting Peace’"
    summary = summarize(article(f"{headline}\n\n{body}", title=headline), nlp(f"{headline}\n\n{body}"))
    assert summary.startswith("Russian President Vladimir Putin")
    assert len(summary.split()) <= MAX_WORDS


def test_empty_body_has_no_summary(nlp):
    assert summarize(article(""), nlp("")) is None


def test_headline_cut_by_the_sentence_splitter_is_still_skipped(nlp):
    title = "Quiet Exit: Mayor Leaves Office Early To Avoid Council Vote"
    body = f"{title}\n\nThe mayor of a small river town resigned on Tuesday, a week before a vote on her budget."
    summary = summarize(article(body, title=title), nlp(body))
    assert summary.startswith("The mayor of a small river town resigned")


def test_a_run_on_first_sentence_is_cut_to_the_word_limit(nlp):
    body = "The council, " + "which met again and again, " * 30 + "approved the plan on Monday."
    summary = summarize(article(body), nlp(body))
    assert len(summary.split()) == MAX_WORDS and summary.endswith("…")


def test_a_lead_that_starts_with_by_is_not_a_byline(nlp):
    body = "By the end of the week, the council had approved the budget and the mayor had resigned."
    assert summarize(article(body), nlp(body)) == body
