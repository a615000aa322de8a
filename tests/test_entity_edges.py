"""No name ends in a linking word: the NER model now and then takes the preposition or
conjunction after a name into it ("Thompson in Berne", "customers like Dell and Tyan")."""

from __future__ import annotations

from storyline.analyze.actors import find_actors

EDGES = """The Ukrainian world champion extended his unbeaten run to eight years by overcoming 40-year-old Tony Thompson. \
The champion beat Thompson in Berne, Switzerland on Saturday.

The supermax unit at the Florence Federal Correctional Complex at Florence, Colo., primarily holds dangerous inmates.

The reigning National Player of the Year passed Phil Ford for the record midway through the first half.

But Intel's Waxman said the chip maker will continue to work with customers like Dell and Tyan.

A 36-year-old Australian man died on Friday after falling 150 meters from a ridge in Aoraki/Mt. Cook National Park on \
New Zealand's South Island.
"""


def test_no_actor_ends_in_a_linking_word_and_names_of_them_stay_whole(nlp):
    actors, _ = find_actors(nlp(EDGES))
    names = {actor.name for actor in actors}
    assert not [name for name in names if name.split()[-1] in ("in", "at", "of", "and", "on")], names
    assert {"Florence Federal Correctional Complex", "Mt. Cook National Park", "Phil Ford", "Tony Thompson"} <= names
