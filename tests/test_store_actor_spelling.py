"""A person's name written another way in another article ("Klistchko", "Mo Cheeks" typed a
facility, "Bettie" for "Betty", "LiLo") is that person where the article's other actors stand
beside the person elsewhere, or the article names the person in full; without that, or where
two people could be meant (the Klitschko brothers), they stay apart. An organisation written
joined and split ("SeaMicro") is one by the names articles gave it."""

from __future__ import annotations

from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from store_fixtures import make_analysed, person

FIGHT = [person("Tony Thompson"), person("WBO", type="ORG"), person("Bern", type="GPE")]


def save_all(store, articles) -> dict[str, int]:
    for slug, actors in articles:
        store.save(make_analysed(slug, actors, [(0, f"Words of {slug}", "direct")]))
    return {a.name: a.quote_count for a in store.list_actors(limit=50).items if a.quote_count}


def test_a_misspelt_surname_joins_its_person_in_context_whatever_its_type(store):
    found = save_all(store, [("fight-1", [person("Wladimir Klitschko"), *FIGHT]),
                             ("fight-2", [person("Klistchko"), *FIGHT]),
                             ("fight-3", [person("Klitchsko", type="GPE"), *FIGHT]),
                             ("other-1", [person("Klitshko"), person("Kyiv", type="GPE")]),
                             ("family-1", [person("Klitschkos", type="ORG"), *FIGHT])])
    assert found == {"Wladimir Klitschko": 3, "Klitshko": 1, "Klitschkos": 1}, found


def test_a_misspelling_beside_its_person_in_the_same_article_is_that_person(store):
    found = save_all(store, [("fight-1", [person("Klitchsko"), person("Wladimir Klitschko"), person("Bern", type="GPE")])])
    assert found == {"Wladimir Klitschko": 1}, found


def test_a_slip_between_two_brothers_or_onto_a_stored_spelling_stays_apart(store):
    """Both Klitschkos stand beside the same actors: the slip could be either. And a name a
    stored person bears as written ("Anna Klitchko") is no slip of another's."""
    found = save_all(store, [("fight-1", [person("Wladimir Klitschko"), person("Vitali Klitschko"), *FIGHT]),
                             ("fight-2", [person("Klistchko"), *FIGHT]),
                             ("court-1", [person("Anna Klitchko"), person("Kyiv", type="GPE")]),
                             ("fight-3", [person("Klitchko", type="GPE"), *FIGHT])])
    assert found["Klistchko"] == 1 and found["Wladimir Klitschko"] == 1 and found["Klitchko"] == 1, found


def test_a_given_name_written_another_way_joins_its_person_only_in_context(store):
    sixers = [person("Philadelphia 76ers", type="ORG"), person("Allen Iverson")]
    pinup = [person("Hugh Hefner"), person("Playboy", type="ORG")]
    found = save_all(store, [("nba-1", [person("Maurice Cheeks"), *sixers]),
                             ("nba-2", [person("Mo Cheeks", type="FAC"), *sixers]),
                             ("nba-3", [person("Mo Cheeks", type="GPE"), *sixers]),
                             ("pin-1", [person("Betty Page"), *pinup]),
                             ("pin-2", [person("Bettie Page"), *pinup]),
                             ("pin-3", [person("Bettye Page")]),
                             ("home-1", [person("Mark Jones"), *pinup]), ("home-2", [person("Mary Jones"), *pinup])])
    assert found == {"Maurice Cheeks": 3, "Betty Page": 2, "Bettye Page": 1, "Mark Jones": 1, "Mary Jones": 1}, found


def test_a_blend_of_a_person_s_names_joins_that_person_only_in_context(store):
    rehab = [person("Betty Ford Center", type="ORG"), person("Malibu", type="GPE")]
    found = save_all(store, [("rehab-1", [person("Lindsay Lohan"), *rehab]), ("rehab-2", [person("LiLo"), *rehab]),
                             ("club-1", [person("LiLo", type="ORG"), person("Berlin", type="GPE")])])
    assert found == {"Lindsay Lohan": 2, "LiLo": 1}, found


def test_a_joined_name_meets_its_split_spelling_given_as_an_alias(store):
    """A row renamed to a longer name ("SeaMicro ASIC") keeps "SeaMicro" as an alias, which the
    split spelling finds; "Sea Microsystems" has other letters."""
    found = save_all(store, [("chips-1", [person("SeaMicro ASIC", "SeaMicro", type="ORG")]),
                             ("chips-2", [person("Sea Micro", type="ORG")]),
                             ("chips-3", [person("Sea Microsystems", type="ORG")])])
    assert found == {"SeaMicro ASIC": 2, "Sea Microsystems": 1}, found


def test_a_variant_stored_before_its_person_is_taken_by_the_person_in_context(store, tmp_path):
    """"Mo Cheeks" (a facility to the model) stored before "Maurice Cheeks" arrives joins him as
    it would have had he come first: the same actors in either order. "Ma Cheeks", beside none
    of his actors, stays apart."""
    from storyline.store import open_store

    sixers = [person("Philadelphia 76ers", type="ORG"), person("Allen Iverson")]
    articles = [("nba-1", [person("Mo Cheeks", type="FAC"), *sixers]), ("nba-2", [person("Maurice Cheeks"), *sixers]),
                ("golf-1", [person("Ma Cheeks", type="GPE"), person("Augusta", type="GPE")])]
    forward = save_all(store, articles)
    other = open_store(str(tmp_path / "reverse.db"))
    try:
        backward = save_all(other, [articles[1], articles[0], articles[2]])
    finally:
        other.close()
    assert forward == backward == {"Maurice Cheeks": 2, "Ma Cheeks": 1}, (forward, backward)
