"""Who can speak and who is an actor on real-shaped pages: places for their governments, things
refused as speakers, verbs that report nothing, sports scores and names used as things."""

from __future__ import annotations

from storyline.analyze.actors import find_actors
from storyline.analyze.attribution.quotes import attribute_quotes

TENNIS = """MADRID — Rafael Nadal kept Spain’s hopes alive in the inaugural Davis Cup Finals.

Two days after clinching the doubles title in the ATP Finals, French duo Pierre-Hugues Herbert and Nicolas Mahut secured France an opening win.

Herbert and Mahut rallied to defeat Ben McLachlan and Yasutaka Uchiyama of Japan 6-7 (4), 6-4, 7-5 in the deciding doubles match in Group A, giving top-ranked France a 2-1 victory.

The teams were tied after Jo-Wilfried Tsonga cruised past Uchiyama 6-2, 6-1 and Yoshihito Nishioka defeated Gael Monfils 7-5, 6-2. Argentina beat Chile 3-0 at the Magic Box.

"It was a difficult situation for us," Nadal said. "We needed this win."
"""

HEARING = """“Every space exploration study conducted over the last 40 years indicated that the most optimal architectures for exploring the Moon and Mars require a heavy-lift launch vehicle similar to SLS,” said Rep. Brian Babin (R-TX), ranking member of the House Science Committee’s space subcommittee, during a hearing last week on NASA’s exploration plans. He raised that point in criticism of NASA’s Human Landing System (HLS) procurement, which sought proposals for commercially developed lunar landers that NASA could use to land humans on the Moon. Those landers would be launched, as NASA originally envisioned, on commercial vehicles. “While I share the frustration and delays to the SLS program, switching horses midstream is not a wise move at this point,” he continued. He and others at the hearing questioned NASA’s approach that, in their view, minimizes the use of the SLS to launching Orion spacecraft.
"""

LAPTOP = """The new 16-inch MacBook Pro features a redesigned scissor switch keyboard, largely based on the standalone Magic Keyboard for the iMac.

The 16-inch MacBook Pro also features a physical Esc key and an inverted-T arrow key layout, Apple said on Wednesday.
"""

WIRE = """The ceasefire proposal, drafted by Egyptian mediators, aims to end the fighting within a week.

Moscow welcomed the freeze on Tuesday. Washington warned that new sanctions would follow if the talks failed.

The senators voted to reject the bill on Thursday, and Senator Maria Lopez said the vote was a mistake.
"""


def analyse(nlp, text: str):
    doc = nlp(text)
    actors, mentions = find_actors(doc)
    return actors, attribute_quotes(doc, actors, mentions)


def said_by(actors, quotes) -> list[tuple[str | None, str]]:
    return [(actors[q.speaker_actor].name if q.speaker_actor is not None else None, q.text) for q in quotes]


def test_a_place_speaks_for_its_government(nlp):
    actors, quotes = analyse(nlp, WIRE)
    washington = [q for q in quotes if q.speaker_actor is not None and actors[q.speaker_actor].name == "Washington"]
    assert [q.text for q in washington] == ["that new sanctions would follow if the talks failed"]
    assert "government" in actors[washington[0].speaker_actor].roles


def test_verbs_that_report_nothing_and_things_as_speakers_give_no_quote(nlp):
    actors, quotes = analyse(nlp, WIRE)
    texts = [text for _, text in said_by(actors, quotes)]
    assert not [t for t in texts if "fighting" in t or "freeze" in t or "reject the bill" in t]
    assert ("Maria Lopez", "the vote was a mistake") in said_by(actors, quotes)


def test_a_laptop_is_no_speaker_and_no_actor(nlp):
    actors, quotes = analyse(nlp, LAPTOP)
    assert not [a.name for a in actors if "MacBook" in a.name]
    assert all(q.speaker is None or "MacBook" not in q.speaker.text for q in quotes)


def test_scores_are_not_names_and_cups_are_not_people(nlp):
    actors, _ = analyse(nlp, TENNIS)
    names = {a.name: a.type for a in actors}
    assert not [name for name in names if any(ch.isdigit() for ch in name)]
    assert names["Yasutaka Uchiyama"] == "PERSON" and "Uchiyama" not in names
    assert names.get("Chile") == "GPE"
    assert names.get("Davis Cup Finals") != "PERSON" and "Davis Cup" not in names


def test_the_moon_is_no_person_and_takes_no_congressman_s_quotes(nlp):
    actors, quotes = analyse(nlp, HEARING)
    assert "Moon" not in [a.name for a in actors]
    by_him = [q for q in quotes if q.speaker is not None and q.speaker.text == "he"]
    assert [q.text for q in by_him] == ["While I share the frustration and delays to the SLS program, switching horses "
                                        "midstream is not a wise move at this point"]
    assert actors[by_him[0].speaker_actor].name == "Brian Babin"


def test_interview_turns_and_letter_greetings_name_no_speaker(nlp):
    transcript = ("Q: Did you lie about the budget?\n\nA: No, we never did that.\n\n"
                  "DEAR ABBY: My husband and I have been married for ten years.\n\nRAMOS: Did you lie?")
    _, quotes = analyse(nlp, transcript)
    assert [(q.speaker.text, q.text) for q in quotes] == [("RAMOS", "Did you lie?")]


LIVE_BLOG = """The Latest on the U.S. presidential race (all times EDT):

7 p.m.

Donald Trump says he will win the state easily.

The Eagles (6-5, 3-4 in the division said they would appeal the ruling.
"""


def test_a_speaker_stops_at_a_line_break_and_an_open_bracket(nlp):
    actors, quotes = analyse(nlp, LIVE_BLOG)
    speakers = {q.text: q.speaker.text for q in quotes if q.speaker is not None}
    assert speakers["he will win the state easily"] == "Donald Trump"
    assert speakers["they would appeal the ruling"] == "The Eagles"
