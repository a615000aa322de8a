"""Page revisions: the word diff, what changed between two versions of a page, the versions read
from a real store (SQLite and Postgres) after a page was ingested twice with edits, and
`storyline diff` in process."""

from __future__ import annotations

import json

import pytest
from cached_ingest import cached_ingest
from cli_run import run
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from revision_pages import FIRST, NAME, SECOND, version

from storyline.threads.revisions import change_summary, paragraph_changes, quote_changes, revisions_report
from storyline.threads.word_diff import Piece, word_diff


def ops(pieces: list[Piece]) -> list[tuple[str, str]]:
    return [(p.op, p.text) for p in pieces]


def test_word_diff_keeps_the_new_text_and_sets_cut_words_where_they_went():
    assert ops(word_diff("forcing about 600 residents from their homes", "forcing about 800 residents from their homes")) == [
        ("same", "forcing about "), ("removed", "600"), ("same", " "), ("added", "800"),
        ("same", " residents from their homes")]
    cut = word_diff('"We have never seen it go under this fast, and we are asking everyone to leave," she said.',
                    '"We have never seen it go under this fast," she said.')
    assert ops(cut) == [("same", '"We have never seen it go under this fast '),
                        ("removed", "and we are asking everyone to leave"), ("same", '," she said.')]
    assert ops(word_diff("Yesterday the big storm hit the harbour hard", "The big storm hit the harbour hard")) == [
        ("removed", "Yesterday"), ("same", " The big storm hit the harbour hard")]
    assert ops(word_diff("", "all new")) == [("added", "all new")]
    assert ops(word_diff("all gone", "")) == [("removed", "all gone")]
    # case and punctuation alone are no change of words
    assert {p.op for p in word_diff("The storm, it hit.", "the storm it hit")} == {"same"}


def test_paragraphs_added_removed_and_edited_in_reading_order():
    before = ["The storm hit the harbour on Monday and flooded the warehouses.",
              "About 600 people left their homes in the night.",
              "The weather service expects more rain until Wednesday."]
    after = ["Army boats reached the stranded families late on Monday.",
             "The storm hit the harbour on Monday and flooded the old warehouses.",
             "About 600 people left their homes in the night.",
             "The governor promised money for repairs."]
    changes, unchanged = paragraph_changes(before, after)
    assert unchanged == 1
    assert [(c.change, c.before_number, c.after_number) for c in changes] == [
        ("added", None, 1), ("edited", 1, 2), ("removed", 3, None), ("added", None, 4)]
    assert ("added", "old") in ops(changes[1].diff) and changes[1].changed_words == 1


def quote(text: str, speaker: str, kind: str = "direct") -> dict:
    return {"text": text, "kind": kind, "speaker_name": speaker, "speaker": {"text": speaker}}


def test_quotes_trimmed_moved_to_another_speaker_added_and_removed():
    before = [quote("We have never seen the harbour go under this fast, and we ask everyone to leave", "Marta Quintela"),
              quote("The warehouses along the river are lost", "Paulo Reis"),
              quote("Nothing will change", "Rafael Antunes"), quote("Nothing will change", "Rafael Antunes"),
              quote("the rain would last until Wednesday", "Weather service", "indirect")]
    after = [quote("We have never seen the harbour go under this fast", "Marta Quintela"),
             quote("The warehouses along the river are lost", "Rafael Antunes"),
             quote("Nothing will change", "Rafael Antunes"),
             quote("No one will be left behind in Porto Velho", "Rafael Antunes")]
    changes = quote_changes(before, after)
    assert [(c.change, c.link, c.speaker_before, c.speaker) for c in changes] == [
        ("altered", "trimmed", None, "Marta Quintela"),
        ("altered", "verbatim", "Paulo Reis", "Rafael Antunes"),
        ("removed", None, None, "Rafael Antunes"),  # one of the two copies went
        ("removed", None, None, "Weather service"),
        ("added", None, None, "Rafael Antunes")]
    assert ("removed", "and we ask everyone to leave") in ops(changes[0].diff)


def ingest_twice(store) -> int:
    """The page as first published, then as rewritten; the id of the second version."""
    first, second, again = cached_ingest(store, [(NAME, version(FIRST)), (NAME, version(SECOND)),
                                                 (NAME, version(SECOND))])
    assert (first.outcome, second.outcome, again.outcome) == ("ingested", "new_version", "unchanged")
    return second.article_id


def test_a_page_ingested_twice_with_edits_shows_what_changed(store):
    latest = ingest_twice(store)
    versions = store.article_versions(latest)
    assert [(v["version"], v["is_latest"]) for v in versions] == [(1, False), (2, True)]
    assert store.article_versions(versions[0]["id"]) == versions  # either version finds the page
    report = revisions_report(latest, versions)
    assert [v.title for v in report.versions] == [
        "Storm Elin floods Porto Velho harbour", "Storm Elin floods Porto Velho harbour, hundreds evacuated"]
    (found,) = report.revisions
    assert (found.before.id, found.after.id) == (versions[0]["id"], latest)
    assert found.headline.diff[-1] == Piece("added", "hundreds evacuated")
    assert found.standfirst is None
    assert change_summary(found) == "headline; paragraphs: 3 edited, 2 added, 1 removed; quotes: 2 altered, 2 added, 1 removed"
    edited = [c for c in found.paragraphs if c.change == "edited"]
    assert Piece("removed", "600") in edited[0].diff and Piece("added", "800") in edited[0].diff
    moved = [c for c in found.quotes if c.speaker_before]
    assert [(c.before, c.speaker_before, c.speaker) for c in moved] == [
        ("The warehouses along the river are lost", "Paulo Reis", "Rafael Antunes")]
    assert store.article_versions(latest + 100) is None


def test_deleting_the_new_version_leaves_one_to_compare(store):
    latest = ingest_twice(store)
    store.delete_article(latest)
    (only,) = store.article_versions(latest - 1)
    assert revisions_report(only["id"], [only]).revisions == []
    assert store.article_versions(latest) is None


@pytest.fixture(scope="module")
def revised_db(tmp_path_factory):
    from storyline.store import open_store

    path = tmp_path_factory.mktemp("diff") / "storyline.db"
    opened = open_store(str(path))
    ingest_twice(opened)
    opened.close()
    return path


def test_storyline_diff_prints_the_changes_marked_without_colour(revised_db):
    out = run("diff", "1", db=revised_db).stdout.decode()
    assert "version 1 → 2" in out
    assert "headline: Storm Elin floods Porto Velho harbour, {+hundreds evacuated+}" in out
    assert "[-600-] {+800+}" in out
    assert "│ Paulo Reis → Rafael" in out and "│ altered, speaker changed │" in out
    as_json = json.loads(run("diff", "2", "--json", db=revised_db).stdout)
    assert as_json["article_id"] == 2 and len(as_json["revisions"]) == 1


def test_storyline_diff_of_one_version_or_none_says_so(revised_db, tmp_path, sample_page_path):
    single = tmp_path / "single.db"
    run("ingest", str(sample_page_path), db=single)
    out = run("diff", "1", db=single).stdout.decode()
    assert out.startswith("article 1 has one version: nothing to compare")
    assert json.loads(run("diff", "1", "--json", db=single).stdout)["revisions"] == []
    missing = run("diff", "9", db=revised_db, check=False)
    assert missing.returncode == 2
    assert missing.stderr.decode().strip().splitlines() == [
        "error: no article with id 9; 'storyline search' or the web app lists them"]
