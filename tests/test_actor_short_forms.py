"""Within one article a short form names the organisation the article named in full ("the
Saints", "the Academy", "EYP"), and a city used as a doer names its one team; a head alone, a
place used as a place, a city with two organisations after it stay apart. Real spaCy model."""

from __future__ import annotations

from storyline.analyze.actors import find_actors

SHORT_FORMS = """Bush placed on injured reserve

The New Orleans Saints placed running back Reggie Bush on injured reserve on Tuesday. The Saints are 7-7 \
and were eliminated from playoff contention.

The Academy of Motion Picture Arts and Sciences has asked Ellen DeGeneres to host the Oscars again. \
“We are thrilled,” the Academy said in a statement.

Hewlett-Packard said it will buy EYP Mission Critical Facilities, a New York consultancy. Industries in \
which EYP has customers include financial services.

Microsoft Research published the paper, and Microsoft said it had no plans to ship the tool. IBM said \
IBM Global Services would grow.
"""

CITY_AS_TEAM = """Saints rest Bush for the final two weeks

The New Orleans Saints have placed running back Reggie Bush on injured reserve. With nothing to play \
for but pride in the final two weeks, New Orleans have decided to rest him. The Saints signed cornerback \
Michael Lehan to fill the roster spot.

Bush finished his third season in New Orleans with 404 yards.
"""

TWO_TEAMS = """The New Orleans Saints and the New Orleans Pelicans share a practice complex. The Saints \
and the Pelicans asked the city for help, and New Orleans agreed to pay for the roof.
"""

NO_TEAM = """The New York Stock Exchange halted trading in the shares on Monday. New York passed a law \
last year that requires brokers to report such halts.
"""


def _actors(nlp, text: str):
    actors, mentions = find_actors(nlp(text))
    texts = {actor.name: [m.text for m in mentions if actors[m.actor] is actor] for actor in actors}
    return {actor.name: actor for actor in actors}, texts


def test_a_short_form_joins_the_one_organisation_it_shortens(nlp):
    actors, _ = _actors(nlp, SHORT_FORMS)
    assert "Saints" in actors["New Orleans Saints"].aliases
    assert "Academy" in actors["Academy of Motion Picture Arts and Sciences"].aliases
    assert "EYP" in actors["EYP Mission Critical Facilities"].aliases
    assert not {"Saints", "Academy", "EYP"} & set(actors)


def test_a_head_alone_is_another_organisation(nlp):
    actors, _ = _actors(nlp, SHORT_FORMS)
    assert {"Microsoft", "Microsoft Research", "IBM", "IBM Global Services"} <= set(actors)


def test_a_city_used_as_a_doer_is_its_team_and_as_a_place_stays_a_place(nlp):
    actors, texts = _actors(nlp, CITY_AS_TEAM)
    assert texts["New Orleans Saints"].count("New Orleans") == 1
    assert "New Orleans" not in actors["New Orleans Saints"].aliases  # no name of the team elsewhere
    assert actors["New Orleans"].type == "GPE"
    assert texts["New Orleans"] == ["New Orleans"]


def test_a_city_with_two_teams_or_with_no_team_stays_a_city(nlp):
    actors, texts = _actors(nlp, TWO_TEAMS)
    assert texts["New Orleans"] == ["New Orleans"]
    actors, texts = _actors(nlp, NO_TEAM)
    assert texts["New York"] == ["New York"]
    assert actors["New York"].type == "GPE"


FUSED = """After weeks of speculation about what would be introduced at Macworld, Apple Inc. took the wraps off \
updated iTunes. Apple said the Macworld keynote would be its last.

Prosecutors say Jonathan Carrasquillo ordered Andrew Lopez to the roof with the gun. Both Lopez and \
Carrasquillo are charged with murder, the U.S. Fish and Wildlife Service said.
"""

POSITIONS = """It might have been different had they had this awful season last year, when Colts QB Andrew Luck \
was the top prize of the draft. Luck had struggled all day. DT Tyson Jackson made the stop, CC Sabathia \
watched from the stands and L. Patrick Gray left early. HP bought EYP Mission Critical Facilities, Inc. \
last year, and EYP Mission Critical Facilities now runs its data centre business.
"""


def test_two_names_fused_over_a_comma_part_where_the_article_names_each_alone(nlp):
    actors, texts = _actors(nlp, FUSED)
    assert "Macworld, Apple Inc." not in actors
    assert "Apple" in actors["Apple Inc."].aliases and "Macworld" in actors
    assert "Lopez and Carrasquillo" not in actors
    assert "Both Lopez" not in texts["Andrew Lopez"] and "Lopez" in texts["Andrew Lopez"]
    assert "U.S. Fish and Wildlife Service" in actors  # "U.S. Fish" is named nowhere: one name


def test_a_players_position_before_his_name_is_no_part_of_it(nlp):
    actors, _ = _actors(nlp, POSITIONS)
    assert {"Andrew Luck", "Tyson Jackson", "L. Patrick Gray"} <= set(actors)
    assert "Mission Critical Facilities" not in actors and "Inc." not in " ".join(
        alias for actor in actors.values() for alias in actor.aliases)
    assert "Sabathia" in " ".join(actors)
    assert "Colts QB Andrew Luck" not in actors and "Luck" in actors["Andrew Luck"].aliases


TEAMS_AS_PEOPLE = """The Colts jumped out to a 13-3 halftime lead, and the Jaguars never caught up. The Colts were \
4-4 on the road. Peyton Manning and the Williams sisters watched from a box. Bill Clinton said the \
Clintons were thrilled.
"""


def test_a_plural_person_after_the_is_a_team_but_a_family_stays_people(nlp):
    actors, _ = _actors(nlp, TEAMS_AS_PEOPLE)
    assert actors["Jaguars"].type == "ORG" and actors["Colts"].type == "ORG"
    assert actors["Peyton Manning"].type == "PERSON"
    assert all(actor.type == "PERSON" for name, actor in actors.items() if "Clinton" in name or "Williams" in name)
