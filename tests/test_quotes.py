"""Quote attribution, one construction per test, on short sentences written for the test."""

from __future__ import annotations

import pytest

from storyline.analyze.actors import find_actors
from storyline.analyze.attribution.quotes import attribute_quotes, find_attributions, reader_text
from storyline.model import Quote, Span


@pytest.fixture
def quotes_of(nlp):
    """Analyse a text; return its quotes and a function naming each quote's resolved speaker."""

    def analyse(text: str) -> tuple[list[Quote], callable]:
        doc = nlp(text)
        actors, mentions = find_actors(doc)
        quotes = attribute_quotes(doc, actors, mentions)
        return quotes, lambda q: actors[q.speaker_actor].name if q.speaker_actor is not None else None

    return analyse


def only(quotes: list[Quote], containing: str) -> Quote:
    found = [q for q in quotes if containing in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_direct_quote_with_cue_after(quotes_of):
    quotes, name = quotes_of("“We will win this election,” Hillary Clinton said on Monday.")
    quote = only(quotes, "We will win")
    assert quote.kind == "direct"
    assert quote.cue.text == "said"
    assert quote.speaker.text == "Hillary Clinton"
    assert name(quote) == "Hillary Clinton"


def test_quote_split_by_its_attribution_is_one_quote(quotes_of):
    text = "“We support the plan,” Angela Merkel said, “but the details matter.”"
    quotes, _ = quotes_of(text)
    quote = only(quotes, "We support")
    assert [span.text for span in quote.content] == ["“We support the plan,”", "“but the details matter.”"]
    assert all(text[s.start:s.end] == s.text for s in quote.content)


def test_next_sentence_quote_continues_the_same_quote(quotes_of):
    quotes, _ = quotes_of("“Our troops are advancing,” Boris Johnson said. “But we also need to talk.”")
    assert len(only(quotes, "Our troops").content) == 2


def test_nested_quote_stays_inside_its_quote(quotes_of):
    quotes, _ = quotes_of("“My father told me, ‘Never give up,’ and I never did,” Mitt Romney said.")
    quote = only(quotes, "Never give up")
    assert quote.kind == "direct"
    assert quote.content[0].text.startswith("“My father")  # the span keeps the marks
    assert quote.text == "My father told me, ‘Never give up,’ and I never did"


def test_reader_text_shows_where_an_attribution_split_the_words():
    text = "“We will win,” she said. “But it will take time,” she added, “and money.”"
    content = [Span(0, 14, "“We will win,”"), Span(25, 49, "“But it will take time,”"), Span(61, 73, "“and money.”")]
    assert [text[s.start:s.end] for s in content] == [s.text for s in content]
    assert reader_text(text, content) == "We will win, [...] But it will take time, [...] and money."
    assert reader_text("that taxes would rise", [Span(0, 21, "that taxes would rise")]) == "that taxes would rise"


def test_a_quote_over_two_paragraphs_has_no_break_mark():
    text = "“The economy is growing.\n\n“Unemployment is falling,”"
    content = [Span(0, 24, "“The economy is growing."), Span(26, 52, "“Unemployment is falling,”")]
    assert [text[s.start:s.end] for s in content] == [s.text for s in content]
    assert reader_text(text, content).endswith("The economy is growing. Unemployment is falling")


def test_quote_over_several_paragraphs_is_one_quote(quotes_of):
    text = ("“The economy is growing faster than anyone expected,” Janet Yellen said.\n\n"
            "“Unemployment is falling in every state.\n\n"
            "“Wages are finally rising too.”")
    quotes, _ = quotes_of(text)
    quote = only(quotes, "economy is growing")
    assert len(quote.content) == 3
    assert "Wages are finally rising" in quote.text


@pytest.mark.parametrize(("text", "words", "cue", "speaker"), [
    ("Vladimir Putin emphasized that the ceasefire has to be lasting.", "has to be lasting", "emphasized",
     "Vladimir Putin"),
    ("Bernie Sanders told reporters that the primary was rigged.", "primary was rigged", "told", "Bernie Sanders"),
    ("Elizabeth Warren warned that the banks would collapse again.", "banks would collapse", "warned",
     "Elizabeth Warren"),
])
def test_indirect_speech(quotes_of, text, words, cue, speaker):
    quotes, name = quotes_of(text)
    quote = only(quotes, words)
    assert quote.kind == "indirect"
    assert quote.cue.text == cue
    assert name(quote) == speaker


# One construction each: the words the quote holds, then its cue, the speaker's words and the
# actor they resolve to (None: not what this construction is about).
@pytest.mark.parametrize(("text", "words", "cue", "speaker", "actor"), [
    pytest.param("According to the Pentagon, the troops will leave by March.", "troops will leave",
                 "According to", "the Pentagon", None, id="according-to"),
    pytest.param("Donald Trump was hopeful that China would agree, threatening that he had tariffs at his disposal.",
                 "tariffs at his disposal", "threatening", None, "Donald Trump", id="threatening-keeps-main-subject"),
    pytest.param("Emmanuel Macron insisted on more talks to resolve the crisis.", "more talks to resolve the crisis",
                 "insisted on", None, "Emmanuel Macron", id="insisted-on"),
    pytest.param("Mayor Lori Lightfoot's warning that the river would flood went unheeded.", "river would flood",
                 "warning", "Mayor Lori Lightfoot's", None, id="nominal-cue"),
    pytest.param("It was said by the senator that the bill would fail.", "bill would fail",
                 None, "the senator", None, id="passive-with-agent"),
    pytest.param("Nancy Pelosi met the president on Friday. She said that the budget talks had stalled.",
                 "budget talks had stalled", None, "She", "Nancy Pelosi", id="pronoun-resolves-to-previous-subject"),
    pytest.param("French President Emmanuel Macron arrived in Berlin on Monday. The French president said that "
                 "Europe must stand together.", "Europe must stand together", None, None, "Emmanuel Macron",
                 id="title-resolves-to-named-actor"),
])
def test_cue_and_speaker_of_a_construction(quotes_of, text, words, cue, speaker, actor):
    quotes, name = quotes_of(text)
    quote = only(quotes, words)
    found = (quote.cue.text if cue else None, quote.speaker.text if speaker else None, name(quote) if actor else None)
    assert found == (cue, speaker, actor)


@pytest.mark.parametrize("text, cue", [
    ("The White House said on Tuesday that the talks would resume next week.", "said"),
    ("The Kremlin insisted on Friday that the talks would resume next week.", "insisted"),
])
def test_a_preposition_before_the_reported_clause_is_the_setting(quotes_of, text, cue):
    quotes, name = quotes_of(text)
    quote = only(quotes, "talks would resume")
    assert quote.text == "that the talks would resume next week"
    assert quote.cue.text == cue
    assert name(quote) in ("White House", "Kremlin")


def test_scare_quotes_are_not_direct_quotes(quotes_of):
    quotes, _ = quotes_of("The so-called “Human Lizard” drew a crowd on Sunday.")
    assert not [q for q in quotes if q.kind == "direct"]


def test_mixed_quote(quotes_of):
    quotes, name = quotes_of("Joe Biden said the tax plan was “a gift to the very rich” and would fail.")
    quote = only(quotes, "gift to the very rich")
    assert quote.kind == "mixed"
    assert name(quote) == "Joe Biden"


def test_dash_signature_names_the_speaker(quotes_of):
    quotes, _ = quotes_of("“Imagination is more important than knowledge.” ― Albert Einstein")
    quote = only(quotes, "Imagination")
    assert quote.cue.text == "―"
    assert quote.speaker.text == "Albert Einstein"


def test_headline_label_speaks_the_rest(quotes_of):
    quotes, name = quotes_of("Hillary Clinton: Time for a new strategy against ISIS.\n\nThe debate went on.")
    quote = only(quotes, "Time for a new strategy")
    assert quote.cue.text == ":"
    assert name(quote) == "Hillary Clinton"


def test_speaker_model_finds_the_speaker_the_parse_rules_miss(nlp):
    """The parse gives "documents" no subject; the speaker model picks the name before it."""
    text = "With her film, DuVernay both documents the boom in America’s prison system and the profits."
    doc = nlp(text)
    rules = find_attributions(doc, text)
    assert [a.speaker for a in rules] == [[]]  # the rules alone find no one
    actors, mentions = find_actors(doc)
    (quote,) = attribute_quotes(doc, actors, mentions)
    assert quote.cue.text == "documents"
    assert quote.speaker.text == "DuVernay"
    assert actors[quote.speaker_actor].name == "DuVernay"


def test_speaker_model_keeps_a_clear_subject(quotes_of):
    quotes, name = quotes_of("Putin said that the talks would continue next week. Trump warned of sanctions.")
    assert [(q.speaker.text, name(q)) for q in quotes] == [("Putin", "Putin"), ("Trump", "Trump")]


@pytest.mark.parametrize("text, content", [
    ("Sanders endorsed Clinton during a call with reporters on Tuesday.", "Clinton"),
    ("The governor yielded to Trump after he swept seven out of 11 states on Tuesday.", "to Trump"),
])
def test_content_model_stops_at_the_setting(quotes_of, text, content):
    """What follows the cue's complement (when, where, after what) is the writer's, not the source's."""
    (quote,) = quotes_of(text)[0]
    assert quote.text == content


def test_attribution_inside_a_content_is_cut_out_as_its_own(quotes_of):
    """PolNeAR never nests: "which he added …" inside what Guterres said is a second attribution."""
    quotes, name = quotes_of(
        "North Korea is violating the resolutions, which he added “is deeply regrettable,” Guterres said.")
    said = only(quotes, "North Korea")
    assert said.text == "North Korea is violating the resolutions"
    added = only(quotes, "regrettable")
    assert (added.cue.text, added.speaker.text) == ("added", "he")


def test_reported_clause_after_as(quotes_of):
    quotes, name = quotes_of("As the Washington Post reported, Clinton raised more than $1 million from banks.")
    (quote,) = quotes
    assert (quote.cue.text, quote.speaker.text) == ("reported", "the Washington Post")
    assert quote.text == "Clinton raised more than $1 million from banks"


def test_passive_cue_without_agent_reports_its_subject(quotes_of):
    quotes, _ = quotes_of("In the emails, a handful of wealthy donors are mentioned.")
    assert [(q.cue.text, q.text) for q in quotes] == [("mentioned", "a handful of wealthy donors")]


def test_speech_noun_with_an_infinitive(quotes_of):
    quotes, name = quotes_of("Donald Trump has gained traction with his promise to build a wall on the border.")
    (quote,) = quotes
    assert (quote.cue.text, quote.speaker.text, quote.text) == ("promise", "his", "to build a wall on the border")
    assert name(quote) == "Donald Trump"


@pytest.mark.parametrize("text, content", [
    ("Clinton told reporters that she would release the transcripts.", "that she would release the transcripts"),
    ("He told CNN the deal was dead.", "the deal was dead"),
])
def test_who_was_told_is_not_what_was_said(quotes_of, text, content):
    (quote,) = quotes_of(text)[0]
    assert (quote.cue.text, quote.text) == ("told", content)


def test_relative_clause_ending_a_content_is_the_writers_aside(quotes_of):
    """", which …" after what was said describes it for the reader; PolNeAR leaves it out."""
    quotes, _ = quotes_of("Sanders said he supports the final bill, which passed the Senate on Tuesday.")
    said = only(quotes, "supports")
    assert (said.cue.text, said.speaker.text, said.text) == ("said", "Sanders", "he supports the final bill")


def test_cue_through_an_infinitive_is_one_cue(quotes_of):
    """"continued to insist that …": the inner speech verb's complement is what was said."""
    quotes, _ = quotes_of("Clinton continued to insist that she would release the transcripts.")
    (quote,) = quotes
    assert (quote.cue.text, quote.speaker.text) == ("continued to insist", "Clinton")
    assert quote.text == "that she would release the transcripts"


@pytest.mark.parametrize("text, content", [
    ("The FBI is reportedly making arrangements to interview Hillary Clinton.",
     "The FBI is making arrangements to interview Hillary Clinton"),
    # the clause's own verb may be a cue too; the hearsay takes the whole clause first
    ("WeWork is reportedly being investigated by the New York State Attorney General.",
     "WeWork is being investigated by the New York State Attorney General"),
])
def test_reportedly_passes_on_a_claim_without_a_source(quotes_of, text, content):
    quotes, _ = quotes_of(text)
    (said,) = [q for q in quotes if q.cue.text == "reportedly"]
    assert (said.speaker, said.text) == (None, content)


def test_a_poll_is_the_source_of_its_finding(quotes_of):
    quotes, _ = quotes_of("In the latest Fox News poll, Kasich was at 25 percent support.")
    (quote,) = quotes
    assert (quote.cue.text, quote.speaker.text) == ("In", "the latest Fox News poll")
    assert quote.text == "Kasich was at 25 percent support"
