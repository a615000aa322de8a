"""Quote links, quote threads, wire copy and source kinds: the pure cross-article layer."""

from __future__ import annotations

from storyline.model import Actor, AnalysedArticle, Article, Paragraph, Quote, Span
from storyline.threads import (Appearance, KeyIndex, QuoteText, WireArticle, link_quotes,
                               quote_keys, quote_source_kinds, quote_threads, source_kind,
                               wire_report)
from storyline.threads.agencies import credited_agency, is_agency_outlet
from storyline.threads.align import WordEdit

ORIGINAL = ("“We will not accept any deal that leaves our soldiers exposed, and we will say so "
            "to Washington when the talks resume in Geneva next week,” the minister said.")


def link(a: str, b: str, **kw):
    speakers = kw.pop("speakers", ("Vladimir Putin", "Vladimir Putin"))
    kinds = kw.pop("kinds", ("direct", "direct"))
    return link_quotes(QuoteText(a, kinds[0], speakers[0]), QuoteText(b, kinds[1], speakers[1]), **kw)


def test_verbatim_ignores_punctuation_case_and_quote_marks():
    found = link(ORIGINAL, '"WE WILL NOT ACCEPT ANY DEAL THAT LEAVES OUR SOLDIERS EXPOSED AND WE WILL SAY SO '
                           'TO WASHINGTON WHEN THE TALKS RESUME IN GENEVA NEXT WEEK."')
    assert (found.kind, found.speaker_shift, found.edits) == ("verbatim", False, ())


def test_trimmed_is_a_contiguous_part():
    found = link(ORIGINAL, "“We will not accept any deal that leaves our soldiers exposed”")
    assert found.kind == "trimmed" and found.shared_words == 11


def test_elided_with_and_without_an_ellipsis_mark():
    assert link(ORIGINAL, "“We will not accept any deal [...] when the talks resume in Geneva next week”").kind == "elided"
    # A whole clause left out silently is still a cut, not an alteration.
    assert link(ORIGINAL, "“We will not accept any deal that leaves our soldiers exposed, "
                          "when the talks resume in Geneva next week”").kind == "elided"


def test_altered_returns_the_word_diff():
    replaced = link(ORIGINAL, ORIGINAL.replace("will not accept", "will never accept"))
    assert replaced.kind == "altered"
    assert replaced.edits == (WordEdit("replace", ("not",), ("never",)),)
    dropped = link(ORIGINAL, ORIGINAL.replace("will not accept", "will accept"))
    assert dropped.edits == (WordEdit("delete", ("not",), ()),)


def test_an_editors_bracketed_words_are_no_alteration():
    found = link("“Not me, not Bill, nobody is more qualified than Hillary Clinton to serve as president”",
                 "“Not me, not Bill [Clinton], nobody is more qualified than Hillary Clinton to serve as president”")
    assert found.kind == "verbatim"


def test_speaker_shift_flags_the_same_words_from_someone_else():
    found = link(ORIGINAL, ORIGINAL, speakers=("Vladimir Putin", "Sergei Lavrov"))
    assert (found.kind, found.speaker_shift) == ("verbatim", True)
    assert not link(ORIGINAL, ORIGINAL, speakers=("Mr. Putin", "Vladimir Putin")).speaker_shift


def test_paraphrase_is_the_direct_quote_in_reported_speech():
    found = link(ORIGINAL, "that Moscow would not accept any deal that left its soldiers exposed",
                 kinds=("direct", "indirect"))
    assert found.kind == "paraphrase"
    assert link(ORIGINAL, "that Moscow would accept the deal if its soldiers were protected",
                kinds=("direct", "indirect")) is None


def test_unrelated_quotes_by_the_same_speaker_do_not_link():
    other = "“The economy is strong, and the people of Russia know it better than anyone in the West.”"
    assert link(ORIGINAL, other) is None


def test_short_fragments_link_only_within_one_story():
    mixed = "the navy said it had sunk a pirate “mother vessel” off Somalia"
    direct = "“We have sunk a pirate mother vessel,”"
    assert link(mixed, direct, kinds=("mixed", "direct"), speakers=(None, None)) is None
    found = link(mixed, direct, kinds=("mixed", "direct"), speakers=(None, None), same_story=True)
    assert found.kind == "trimmed"


def test_a_stock_phrase_inside_another_quote_needs_the_same_speaker():
    fragment = "she said the council must “do the right thing”"
    longer = "“I hope the court will do the right thing and overturn the ruling,”"
    kinds = ("mixed", "direct")
    assert link(fragment, longer, kinds=kinds, speakers=(None, None), same_story=True) is None
    assert link(fragment, longer, kinds=kinds, speakers=("Ann Lee", "Bo Park"), same_story=True) is None
    assert link(fragment, longer, kinds=kinds, speakers=("Ann Lee", "Ann Lee"), same_story=True).kind == "trimmed"


def test_a_short_fragment_with_one_word_replaced_in_the_same_words_around_it():
    found = link("the navy said it had sunk a pirate “mother ship”", "it had sunk a pirate “mother vessel” off Somalia",
                 kinds=("mixed", "mixed"), speakers=(None, None), same_story=True)
    assert (found.kind, found.edits) == ("altered", (WordEdit("replace", ("ship",), ("vessel",)),))
    assert link("the navy said “mother ship”", "a pirate “mother vessel” was sunk", kinds=("mixed", "mixed"),
                speakers=(None, None), same_story=True) is None


def test_an_initialism_spelled_out_is_one_replaced_word():
    found = link("he will “fight BLM violence against law enforcement officers”",
                 "he will fight “Black Lives Matter violence against law enforcement officers”",
                 kinds=("mixed", "mixed"))
    assert (found.kind, found.edits) == ("altered", (WordEdit("replace", ("blm",), ("black", "lives", "matter")),))


def test_a_statement_reworded_in_the_middle_by_one_speaker_in_one_story():
    said = "“As the little girl lay bleeding to death on the road, this driver sped off and got rid of the car,”"
    retold = "“As the little girl lay bleeding on the road, the driver, John Roe, sped his van away and got rid of the car.”"
    found = link(said, retold, same_story=True)
    assert found.kind == "altered"
    assert found.edits == (WordEdit("delete", ("to", "death"), ()), WordEdit("replace", ("this",), ("the",)),
                           WordEdit("insert", (), ("john", "roe"), cut=True),
                           WordEdit("replace", ("off",), ("his", "van", "away")))
    assert link(said, retold) is None  # across stories the change is too large
    assert link(said, retold, speakers=("Ann Lee", "Bo Park"), same_story=True) is None


def test_one_word_stretches_of_a_mixed_quote_found_in_order_are_an_elision():
    found = link("that Trump is a “loser,” a “liar” and a “whiner.”", "“You are a loser, you are a liar and a whiner,”",
                 kinds=("mixed", "direct"), same_story=True)
    assert found.kind == "elided"


def test_candidate_keys_find_a_trimmed_copy_and_not_a_stranger():
    index = KeyIndex()
    index.add("copy", quote_keys("“any deal that leaves our soldiers exposed, and we will say so to Washington”"))
    index.add("stranger", quote_keys("“Our soldiers are ready, and we will defend every inch of our land”"))
    assert index.candidates(quote_keys(ORIGINAL)) == ["copy"]


def test_threads_group_links_and_name_the_earliest_report_first():
    same = link(ORIGINAL, ORIGINAL)
    appearances = [Appearance("reuters", "2026-03-02T09:12:00+00:00", stored=3),
                   Appearance("tass", "2026-03-02T11:00:00+03:00", stored=1),  # 08:00 UTC
                   Appearance("blog", None, stored=2)]
    threads = quote_threads(appearances, [("reuters", "tass", same), ("blog", "reuters", same)])
    assert len(threads) == 1
    assert threads[0].first_report == "tass"
    assert threads[0].quotes == ("tass", "reuters", "blog")


def test_credited_agency_from_dateline_byline_and_credit_line():
    assert credited_agency("DALLAS (AP) — The campaign is shifting staff to Iowa.") == "AP"
    assert credited_agency("NEW YORK, Nov. 19 (UPI) — The candidate called for more.") == "UPI"
    assert credited_agency("The talks resumed.", ["By Agence France-Presse"]) == "AFP"
    assert credited_agency("The talks resumed on Monday.\n\nReporting by Jane Doe; Editing by John Roe") == "Reuters"
    assert credited_agency("The minister told Reuters on Monday that talks would resume.") is None
    assert is_agency_outlet("apnews.com", "AP") and is_agency_outlet("https://www.reuters.com/world", "Reuters")
    assert not is_agency_outlet("dailyapple.com", "AP")


def test_wire_report_counts_outlets_with_their_own_reporting():
    agency = ("GENEVA (AP) — Talks on the ceasefire resumed in Geneva on Monday, with both delegations "
              "saying they expected a long week of negotiation over the exchange of prisoners, the "
              "withdrawal of heavy weapons from the front line and the return of displaced families to "
              "their villages before winter sets in across the region.")
    articles = [WireArticle(1, "apnews.com", agency, published="2026-03-02T09:00:00Z"),
                WireArticle(2, "localpaper.com", agency.replace("GENEVA (AP) — ", "") + " Local reaction was mixed.",
                            published="2026-03-02T10:00:00Z"),
                WireArticle(3, "dailyreview.com", "Our correspondent in Geneva reports that the delegations met "
                            "for six hours and agreed on nothing but the date of the next meeting.")]
    report = wire_report(articles)
    assert report.copies == ((1, 2),)
    assert report.agency == {1: "AP"}
    assert (report.outlets, report.own_reporting) == (3, 2)  # AP's own and the correspondent's



def test_wire_copies_are_ordered_by_the_instant_published_not_its_spelling():
    """09:30+02:00 is 07:30 UTC: earlier than 08:00Z though it sorts later as text."""
    body = " ".join(f"Delegates in Geneva met for round {n} of talks on the exchange of prisoners." for n in range(6))
    articles = [WireArticle(1, "apnews.com", body, published="2026-03-02T08:00:00Z"),
                WireArticle(2, "localpaper.ch", body, published="2026-03-02T09:30:00+02:00"),
                WireArticle(3, "undated.example", body)]
    assert wire_report(articles).copies == ((2, 1, 3),)

def test_band_keys_are_those_of_datasketchs_default_minhash():
    """A store holds band keys already indexed: drawing the permutations once must not change them."""
    from datasketch import MinHash

    from storyline.threads.candidates import key64
    from storyline.threads.wire import BANDS, ROWS, band_keys, shingles

    for body in ("Delegates in Geneva met for round one of talks on the exchange of prisoners and weapons.",
                 "The minister said the budget would be balanced by spring, and that taxes would not rise."):
        sketch = MinHash(num_perm=BANDS * ROWS)
        sketch.update_batch([s.encode() for s in shingles(body)])
        expected = [key64(band.to_bytes(2, "big") + sketch.hashvalues[band * ROWS:(band + 1) * ROWS].tobytes())
                    for band in range(BANDS)]
        assert band_keys(shingles(body)) == expected == band_keys(shingles(body))


def test_source_kinds_named_described_anonymous():
    assert source_kind("Vladimir Putin", "Vladimir Putin", "PERSON") == "named"
    assert source_kind("a senior US official") == "described"
    assert source_kind("a spokesperson for the ministry") == "described"
    assert source_kind("White House officials") == "described"
    assert source_kind("two members of Congress, Ileana Ros-Lehtinen and Carlos Curbelo,",
                       "Ileana Ros-Lehtinen", "PERSON") == "named"
    assert source_kind("a spokesman for Donald Trump", "Donald Trump", "PERSON") == "described"
    assert source_kind("people familiar with the matter") == "anonymous"
    assert source_kind("sources") == "anonymous"
    assert source_kind("the official", context=", who spoke on condition of anonymity because talks continue,") == "anonymous"
    assert source_kind(None) is None


def test_quote_source_kinds_reads_the_analysed_article():
    body = ("Putin said the talks would go on. “Nothing is agreed,” said a senior official, who spoke "
            "on condition of anonymity. “We are ready,” he said.")
    article = Article("t", "text", None, body, [Paragraph(0, len(body))])
    actors = [Actor("Vladimir Putin", "PERSON")]

    def quote(text: str, speaker: str, actor: int | None) -> Quote:
        start = body.index(speaker)
        return Quote("direct", text, [Span(0, 1, text)], speaker=Span(start, start + len(speaker), speaker),
                     speaker_actor=actor)

    analysed = AnalysedArticle(article, "analysed", actors=actors,
                               quotes=[quote("Nothing is agreed", "a senior official", None),
                                       quote("We are ready", "he", 0)])
    assert quote_source_kinds(analysed) == ["anonymous", "named"]
