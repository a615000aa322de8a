"""Organisations named with and without their place, or spelt two ways, are one actor across
articles ("T-Mobile USA" / "T-Mobile", "US Geological Survey" / "United States Geological
Survey", "SeaMicro" / "Sea Micro", "Centre" / "Center"); a town's police department never
takes another town's."""

from __future__ import annotations

import pytest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from store_fixtures import make_analysed, person


def save_all(store, articles) -> dict[str, int]:
    for slug, actors in articles:
        store.save(make_analysed(slug, actors, [(0, f"Words of {slug}", "direct")]))
    return {a.name: a.quote_count for a in store.list_actors(limit=50).items if a.quote_count}


def test_an_organisation_with_and_without_its_place_is_one_beside_the_same_actors(store):
    rehab = [person("Lindsay Lohan"), person("Malibu", type="GPE"), person("Betty Ford Center", type="ORG")]
    phones = [person("Deutsche Telekom", type="ORG"), person("AT&T", type="ORG")]
    found = save_all(store, [("rehab-1", [person("Malibu Promises Treatment Center", type="ORG"), *rehab]),
                             ("rehab-2", [person("Promises Treatment Center", type="ORG"), *rehab]),
                             ("usa-1", [person("USA", type="GPE")]),
                             ("deal-1", [person("T-Mobile", type="ORG"), *phones]),
                             ("deal-2", [person("T-Mobile USA", type="ORG"), *phones])])
    assert found["Malibu Promises Treatment Center"] == 2 and "Promises Treatment Center" not in found
    assert found["T-Mobile USA"] == 2 and "T-Mobile" not in found, found


def test_two_towns_police_departments_stay_apart(store):
    """"Police Department" alone names any town's: without the same actors beside it, it joins
    no known department, and two towns' departments never meet."""
    found = save_all(store, [("la-1", [person("Los Angeles Police Department", type="ORG"),
                                       person("Los Angeles", type="GPE"), person("Charlie Beck")]),
                             ("va-1", [person("Staunton", type="GPE"), person("Doug Davis")]),
                             ("va-2", [person("Police Department", type="ORG"), person("Lisa Smith"), person("Doug Davis")]),
                             ("va-3", [person("Staunton Police Department", type="ORG"), person("Lisa Smith")])])
    assert found == {"Los Angeles Police Department": 1, "Staunton": 1, "Police Department": 1,
                     "Staunton Police Department": 1}


def test_a_place_written_another_way_inside_a_name_is_the_same_organisation(store):
    found = save_all(store, [("quake-1", [person("United States", "US", type="GPE")]),
                             ("quake-2", [person("United States Geological Survey", type="ORG")]),
                             ("quake-3", [person("US Geological Survey", type="ORG")]),
                             ("quake-4", [person("British Geological Survey", type="ORG")])])
    assert found == {"United States": 1, "United States Geological Survey": 2, "British Geological Survey": 1}


def test_a_name_with_and_without_spaces_or_in_british_spelling_is_one(store):
    found = save_all(store, [("chips-1", [person("SeaMicro", type="ORG")]), ("chips-2", [person("Sea Micro", type="ORG")]),
                             ("chips-3", [person("Sea Microsystems", type="ORG")]),
                             ("rehab-1", [person("Promises Treatment Centre", type="ORG")]),
                             ("rehab-2", [person("Promises Treatment Center", type="ORG")]),
                             ("rehab-3", [person("Promises Treatment Central", type="ORG")])])
    assert sorted(found.values()) == [1, 1, 2, 2]
    assert found["Sea Microsystems"] == found["Promises Treatment Central"] == 1


@pytest.mark.parametrize("first, second", [("T-Mobile", "TMobile"), ("TMobile", "T-Mobile")])
def test_a_name_with_and_without_its_hyphen_is_one_in_either_order(store, first, second):
    found = save_all(store, [("tel-1", [person(first, type="ORG")]), ("tel-2", [person(second, type="ORG")])])
    assert list(found.values()) == [2]


def test_a_dotted_place_inside_a_name_and_its_initials_are_the_same_organisation(store):
    """"U.S. Geological Survey" keeps the dots its key's alias "u.s" drops, and "USGS" is its
    initials (the letters of "U.S." count); "U.S. Gymnastics Squad" has them too but never shares
    the article's other actors, so it stays apart."""
    quake = [person("Pasadena", type="GPE"), person("Lucy Jones")]
    found = save_all(store, [("quake-1", [person("United States", "U.S.", type="GPE")]),
                             ("quake-2", [person("U.S. Geological Survey", type="ORG"), *quake]),
                             ("quake-3", [person("United States Geological Survey", type="ORG")]),
                             ("quake-4", [person("USGS", type="ORG"), *quake]),
                             ("gym-1", [person("U.S. Gymnastics Squad", type="ORG"), person("Simone Biles")])])
    assert found == {"United States": 1, "United States Geological Survey": 3, "U.S. Gymnastics Squad": 1}, found
