"""Actors: merged names, roles from the parse, NER repairs and speaker lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.analyze.actors import actor_for_span, find_actors
from storyline.model import Actor

SAMPLE_BODY_START = "Russian President Vladimir Putin on Thursday backed"


def analyse(nlp, text: str):
    doc = nlp(text)
    actors, mentions = find_actors(doc)
    return doc, actors, mentions


def by_name(actors: list[Actor], name: str) -> Actor:
    matches = [actor for actor in actors if actor.name == name]
    assert matches, f"no actor {name!r} in {[a.name for a in actors]}"
    return matches[0]


def straight(values: list[str]) -> list[str]:
    return [value.replace("’", "'") for value in values]


def mention_texts(actors, mentions, name: str) -> list[str]:
    index = [actor.name for actor in actors].index(name)
    return [mention.text for mention in mentions if mention.actor == index]


def speaker(doc, actors, mentions, phrase: str, occurrence: int = 0) -> str | None:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(phrase, start + 1)
    index = actor_for_span(start, start + len(phrase), actors, mentions, doc)
    return None if index is None else actors[index].name


@pytest.fixture(scope="module")
def sample(nlp, sample_page_path: Path):
    text = sample_page_path.read_text(encoding="utf-8")
    return analyse(nlp, text[text.index(SAMPLE_BODY_START):])


def test_sample_people_with_roles_and_aliases(sample):
    _, actors, mentions = sample
    putin = by_name(actors, "Vladimir Putin")
    assert (putin.type, putin.roles, putin.aliases) == ("PERSON", ["Russian President"], ["Putin"])
    assert "The Russian president" in mention_texts(actors, mentions, "Vladimir Putin")
    assert by_name(actors, "Alexander Lukashenko").roles == ["Belarusian leader"]
    trump = by_name(actors, "Donald Trump")
    assert (trump.roles, trump.aliases) == (["President"], ["Trump"])
    assert straight(by_name(actors, "Steve Witkoff").roles) == ["Trump's Middle East special envoy"]
    assert by_name(actors, "Mike Waltz").roles == ["US National Security Adviser"]


def test_sample_places_and_organisations(sample):
    _, actors, _ = sample
    for place in ("Kyiv", "Moscow", "Ukraine", "Russia"):
        assert by_name(actors, place).type == "GPE"
    assert by_name(actors, "Kremlin").type in ("ORG", "FAC")
    people = {actor.name for actor in actors if actor.type == "PERSON"}
    assert people == {"Vladimir Putin", "Alexander Lukashenko", "Donald Trump", "Steve Witkoff", "Mike Waltz"}


def test_sample_mentions_carry_offsets_into_the_text(sample):
    doc, actors, mentions = sample
    assert all(doc.text[m.start:m.end] == m.text for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert len(mention_texts(actors, mentions, "Donald Trump")) == 5


def test_speakers_by_mention_name_role_and_organisation(sample):
    doc, actors, mentions = sample
    assert speaker(doc, actors, mentions, "The Russian president") == "Vladimir Putin"
    assert speaker(doc, actors, mentions, "Putin", occurrence=1) == "Vladimir Putin"
    assert speaker(doc, actors, mentions, "Kremlin") == "Kremlin"
    assert speaker(doc, actors, mentions, " he ") is None
    assert speaker(doc, actors, mentions, "Our troops") is None


def test_a_name_inside_a_speaker_phrase_is_not_the_speaker(nlp):
    text = ("Minyon Moore, a senior adviser to the Clinton campaign, spoke. "
            "A senior adviser to the Clinton campaign said no.")
    doc, actors, mentions = analyse(nlp, text)
    phrase = "A senior adviser to the Clinton campaign"
    assert speaker(doc, actors, mentions, phrase) == "Minyon Moore"  # by her role, not "Clinton"
    assert speaker(doc, actors, mentions, "Minyon Moore, a senior adviser to the Clinton campaign,") == "Minyon Moore"


def test_speaker_phrases_that_name_someone_and_some_that_do_not(nlp):
    text = ("Brian Fallon, the campaign spokesman, spoke first. A spokesman for the state declined to comment. "
            "The Democratic candidate Hillary Clinton said the state would recover.")
    doc, actors, mentions = analyse(nlp, text)
    assert speaker(doc, actors, mentions, "A spokesman") is None  # someone new
    assert speaker(doc, actors, mentions, "The Democratic candidate Hillary Clinton") == "Hillary Clinton"
    assert speaker(doc, actors, mentions, "the state", occurrence=1) is None


def test_speaker_by_role_outside_any_mention(nlp):
    text = ("Belarusian leader Alexander Lukashenko met Trump’s envoy, Steve Witkoff. "
            "The Belarusian leader said so, and the envoy agreed. He left.")
    doc, actors, mentions = analyse(nlp, text)
    actors_only = find_actors(doc)[0]
    assert speaker(doc, actors_only, [], "The Belarusian leader") == "Alexander Lukashenko"
    assert speaker(doc, actors, mentions, "the envoy") == "Steve Witkoff"
    assert speaker(doc, actors, mentions, "He") is None


def test_full_page_headline_is_not_a_name(nlp, sample_page_path: Path):
    _, actors, mentions = analyse(nlp, sample_page_path.read_text(encoding="utf-8"))
    names = {actor.name for actor in actors}
    assert not {"Putin Agrees", "Trump’s Middle East", "Trump's Middle East"} & names
    assert by_name(actors, "Vladimir Putin").roles == ["Russian President"]
    assert "Putin" in mention_texts(actors, mentions, "Vladimir Putin")


def test_apposition_role_and_later_title_reference(nlp):
    text = ("Hillary Clinton, the former secretary of state, spoke on Monday. "
            "Later the former secretary of state said she would run.")
    doc, actors, mentions = analyse(nlp, text)
    clinton = by_name(actors, "Hillary Clinton")
    assert clinton.roles == ["former secretary of state"]
    assert "the former secretary of state" in mention_texts(actors, mentions, "Hillary Clinton")
    assert speaker(doc, actors, mentions, "the former secretary of state", occurrence=1) == "Hillary Clinton"


def test_title_before_name(nlp):
    _, actors, _ = analyse(nlp, "French President Emmanuel Macron met reporters in Paris on Friday.")
    assert by_name(actors, "Emmanuel Macron").roles == ["French President"]


def test_possessive_fused_into_a_name_is_split(nlp):
    text = ("In the meantime, Trump’s Middle East special envoy, Steve Witkoff, had traveled to Moscow. "
            "Donald Trump said the envoy would report back.")
    _, actors, mentions = analyse(nlp, text)
    assert by_name(actors, "Donald Trump").type == "PERSON"
    assert by_name(actors, "Middle East").type == "LOC"
    assert "the envoy" in mention_texts(actors, mentions, "Steve Witkoff")


def test_surname_and_honorific_merge_with_full_name(nlp):
    text = "Donald Trump spoke on Monday. Mr. Trump said the plan was good. Trump's aides agreed."
    _, actors, mentions = analyse(nlp, text)
    assert [a.name for a in actors if a.type == "PERSON"] == ["Donald Trump"]
    assert len(mention_texts(actors, mentions, "Donald Trump")) == 3


def test_abbreviation_settled_by_the_article(nlp):
    text = "The North Atlantic Treaty Organization (NATO) met on Monday. NATO said it would act."
    _, actors, _ = analyse(nlp, text)
    nato = by_name(actors, "North Atlantic Treaty Organization")
    assert nato.aliases == ["NATO"] and len([a for a in actors if a.type == "ORG"]) == 1


def polnear(nlp, shared_dir: Path, name: str):
    return analyse(nlp, (shared_dir / "data" / "polnear" / "dev" / "text" / name).read_text(encoding="utf-8"))


def test_polnear_clinton_forms_are_one_actor(nlp, shared_dir: Path):
    _, actors, mentions = polnear(nlp, shared_dir, "nyt_2016-09-16_clinton-plan-for-taxes-is-expans.txt")
    clintons = [a for a in actors if a.type == "PERSON" and "Clinton" in a.name]
    assert [a.name for a in clintons] == ["Hillary Clinton"]
    assert len(mention_texts(actors, mentions, "Hillary Clinton")) > 20  # "Mrs. Clinton" throughout
    assert {"Donald J. Trump", "Leonard E. Burman", "David Kamin"} <= {a.name for a in actors}


def test_polnear_surname_used_before_another_full_name_stays_apart(nlp, shared_dir: Path):
    _, actors, _ = polnear(nlp, shared_dir, "nyt_2016-09-19_obama-sees-personal-insult-if-bl.txt")
    assert "President" in by_name(actors, "Obama").roles
    assert "President" not in by_name(actors, "Michelle Obama").roles
    assert "first lady" in by_name(actors, "Michelle Obama").roles


def test_title_makes_a_person_and_missed_surnames_are_found(nlp):
    text = ("German Chancellor Olaf Scholz met reporters. Scholz said the talks went well. "
            "Prime Minister Keir Starmer spoke in London. Starmer, the Labour leader, said Britain would act.")
    _, actors, mentions = analyse(nlp, text)
    scholz, starmer = by_name(actors, "Olaf Scholz"), by_name(actors, "Keir Starmer")
    assert (scholz.type, scholz.roles) == ("PERSON", ["German Chancellor"])
    assert "Labour leader" in starmer.roles
    assert mention_texts(actors, mentions, "Keir Starmer")[:2] == ["Keir Starmer", "Starmer"]


def test_abbreviation_with_full_stops_keeps_them(nlp):
    _, actors, _ = analyse(nlp, "The United States would respond. A U.S. official said the U.S. would wait.")
    assert by_name(actors, "United States").aliases == ["U.S."]


def test_a_person_coordinated_with_a_place_is_a_place(nlp):
    # The model reads the second city as a person; coordination with a place settles it.
    _, actors, _ = analyse(nlp, "Talks between Warsaw and Vilnius stalled; Vilnius blamed the weather.")
    assert [(a.name, a.type) for a in actors] == [("Warsaw", "GPE"), ("Vilnius", "GPE")]


def test_plural_group_names_join_the_singular(nlp):
    _, actors, _ = analyse(nlp, "A Republican senator objected. Republicans in the House agreed with him.")
    assert by_name(actors, "Republican").aliases == ["Republicans"]


def test_a_shorter_form_of_a_role_names_its_holder_but_not_another_rank(nlp):
    text = ("Gary Johnson, the Libertarian presidential candidate, spoke in Ohio. "
            "Later the Libertarian candidate took questions. "
            "Tim Kaine, the Democratic vice presidential nominee, spoke too. The Democratic nominee did not.")
    _, actors, mentions = analyse(nlp, text)
    assert "the Libertarian candidate" in mention_texts(actors, mentions, "Gary Johnson")
    assert mention_texts(actors, mentions, "Tim Kaine") == ["Tim Kaine", "the Democratic vice presidential nominee"]


def test_an_apposition_after_a_coordination_is_the_last_persons(nlp):
    _, actors, _ = analyse(nlp, "Mr. Podesta and Todd Stern, the State Department's climate envoy, began talks. "
                                "John Podesta said they went well.")
    assert by_name(actors, "John Podesta").roles == []
    assert by_name(actors, "Todd Stern").roles == ["State Department's climate envoy"]


def test_one_honorific_form_names_one_person_where_a_surname_is_shared(nlp):
    text = ("Hillary Clinton spoke on Monday. Mrs. Clinton said the plan would work.\n\n"
            "Mrs. Clinton repeated it on Tuesday.\n\n"
            "John Podesta, a chief of staff to President Bill Clinton, agreed. "
            "(Mr. Podesta now runs Mrs. Clinton's campaign.)")
    _, actors, mentions = analyse(nlp, text)
    assert mention_texts(actors, mentions, "Bill Clinton") == ["Bill Clinton"]
    assert mention_texts(actors, mentions, "Hillary Clinton").count("Clinton") == 3


def test_a_name_that_names_a_building_is_the_building_throughout(nlp):
    _, actors, _ = analyse(nlp, "President Donald Trump made an unscheduled trip to Walter Reed hospital on "
                                "Saturday. Now consider what we know about Trump's visit to Walter Reed on Saturday.")
    assert by_name(actors, "Walter Reed").type == "FAC"
    assert by_name(actors, "Donald Trump").type == "PERSON"


def test_a_title_the_model_took_into_a_name_is_a_role(nlp):
    _, actors, _ = analyse(nlp, "Comedian Ellen DeGeneres will host the Oscars, organisers said on Monday.")
    assert "Ellen DeGeneres" in [actor.name for actor in actors]
    assert not any(actor.name.startswith("Comedian") for actor in actors)
