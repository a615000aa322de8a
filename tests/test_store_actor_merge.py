"""Actors merged across articles by the store: fuller names, abbreviations some article spelt
out, a name the model typed wrongly once; never two different people with one surname."""

from __future__ import annotations

import pytest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from store_fixtures import make_analysed, person


def actors_by_name(store) -> dict[str, dict]:
    return {a.name: a for a in store.list_actors(limit=50).items}


def test_a_fuller_name_with_the_same_first_and_last_word_is_one_person(store):
    store.save(make_analysed("lung-1", [person("Owen Dempsey", "Dempsey", roles=("pulmonologist",))],
                             [(0, "The lungs were full of fungus", "direct")]))
    store.save(make_analysed("lung-2", [person("Owen John Dempsey", "Dempsey")],
                             [(0, "It was unusual", "direct"), (0, "We treated him", "direct")]))
    found = actors_by_name(store)
    assert list(found) == ["Owen John Dempsey"]  # the fullest name, whichever came first
    assert (found["Owen John Dempsey"].quote_count, found["Owen John Dempsey"].article_count) == (3, 2)
    assert "Owen Dempsey" in found["Owen John Dempsey"].aliases


def test_two_different_smiths_stay_apart(store):
    store.save(make_analysed("smith-1", [person("John Smith", "Smith")], [(0, "We won", "direct")]))
    store.save(make_analysed("smith-2", [person("Jane Smith", "Smith")], [(0, "We lost", "direct")]))
    store.save(make_analysed("smith-3", [person("John Paul Smith")], [(0, "Who knows", "direct")]))
    store.save(make_analysed("smith-4", [person("Jane A. Smith")], [(0, "Not us", "direct")]))
    found = actors_by_name(store)
    assert {name: a.quote_count for name, a in found.items()} == {"John Paul Smith": 2, "Jane A. Smith": 2}


def test_an_abbreviation_an_article_spelt_out_is_the_same_country(store):
    store.save(make_analysed("talks-1", [person("United States", "U.S.", type="GPE")], [(0, "No deal", "direct")]))
    store.save(make_analysed("talks-2", [person("U.S.", type="GPE")], [(0, "Still no deal", "direct")]))
    store.save(make_analysed("talks-3", [person("US", type="GPE")], [(0, "Maybe a deal", "direct")]))
    found = actors_by_name(store)
    assert list(found) == ["United States"] and found["United States"].quote_count == 3


def test_one_name_under_two_types_is_one_actor_but_a_surname_is_not_a_country(store):
    store.save(make_analysed("open-1", [person("Diego Schwartzman"), person("Jordan", type="GPE")],
                             [(0, "I played well", "direct")]))
    store.save(make_analysed("open-2", [person("Diego Schwartzman", type="ORG"), person("Jordan")],
                             [(0, "I played badly", "direct")]))
    found = actors_by_name(store)
    assert found["Diego Schwartzman"].type == "PERSON" and found["Diego Schwartzman"].quote_count == 2
    jordans = [a.type for a in store.list_actors(limit=50).items if a.name == "Jordan"]
    assert sorted(jordans) == ["GPE", "PERSON"]


def test_a_company_designator_and_a_team_s_short_name_name_the_same_organisation(store):
    store.save(make_analysed("chips-1", [person("Intel Corp", type="ORG"), person("New Orleans Saints", type="ORG")],
                             [(0, "Sales rose", "direct")]))
    store.save(make_analysed("chips-2", [person("Intel", type="ORG"), person("Saints", type="ORG")],
                             [(0, "Sales fell", "direct"), (1, "We won", "direct")]))
    found = actors_by_name(store)
    assert {name: a.quote_count for name, a in found.items()} == {"Intel Corp": 2, "New Orleans Saints": 1}


def test_nicknames_initials_and_a_leading_initial_name_one_person(store):
    for slug, name in (("larue-1", "Frederick Cheney LaRue"), ("larue-2", "Fred LaRue"), ("jeffs-1", "Warren S. Jeffs"),
                       ("jeffs-2", "Warren Steed Jeffs"), ("felt-1", "Mark Felt"), ("felt-2", "W. Mark Felt"),
                       ("other-1", "Fred Jeffs")):
        store.save(make_analysed(slug, [person(name)], [(0, f"Words of {slug}", "direct")]))
    found = {name: a.quote_count for name, a in actors_by_name(store).items()}
    assert found == {"Frederick Cheney LaRue": 2, "Warren Steed Jeffs": 2, "W. Mark Felt": 2, "Fred Jeffs": 1}


def test_an_abbreviation_and_its_full_name_meet_in_context_and_a_place_with_its_kind(store):
    """"AMD" and "Advanced Micro Devices Inc." are one company where two other actors of the
    article stand beside it elsewhere too; "BBC" never takes "Banstead Baptist Church"
    (issue 16's false merge), which shares no such context."""
    chips = [person("Lisa Su"), person("Santa Clara", type="GPE")]
    for slug, actors in (("chips-1", [person("AMD", type="ORG"), *chips]),
                         ("chips-2", [person("Advanced Micro Devices Inc.", type="ORG"), *chips]),
                         ("tv-1", [person("BBC", type="ORG"), person("Matt Smith")]),
                         ("church-1", [person("Banstead Baptist Church", type="ORG"), person("Surrey Police", type="ORG")]),
                         ("gaza-1", [person("Gaza", type="GPE")]), ("gaza-2", [person("Gaza Strip", type="GPE")])):
        store.save(make_analysed(slug, actors, [(0, f"Words of {slug}", "direct")]))
    found = {name: a.quote_count for name, a in actors_by_name(store).items() if a.quote_count}
    assert found == {"Advanced Micro Devices Inc.": 2, "BBC": 1, "Banstead Baptist Church": 1, "Gaza Strip": 2}


def test_without_context_an_abbreviation_stays_apart_but_one_spelt_out_is_an_alias(store):
    for slug, actors in (("chips-1", [person("Advanced Micro Devices", type="ORG")]), ("chips-2", [person("AMD", type="ORG")]),
                         ("pc-1", [person("Hewlett-Packard", "HP", type="ORG")]), ("pc-2", [person("HP", type="ORG")])):
        store.save(make_analysed(slug, actors, [(0, f"Words of {slug}", "direct")]))
    found = {name: a.quote_count for name, a in actors_by_name(store).items()}
    assert found == {"Advanced Micro Devices": 1, "AMD": 1, "Hewlett-Packard": 2}


def test_a_misspelling_is_the_known_name_only_beside_the_same_actors(store):
    pirates = [person("Somalia", type="GPE"), person("Indian Navy", type="ORG")]
    for slug, actors in (("sea-1", [person("Gulf of Aden", type="LOC"), *pirates]),
                         ("sea-2", [person("Gulf of Eden", type="LOC"), *pirates]),
                         ("sea-3", [person("Gulf of Edan", type="LOC")]),
                         ("court-1", [person("John Smith"), *pirates]), ("court-2", [person("Joan Smith"), *pirates]),
                         ("nation-1", [person("Australia", type="GPE"), *pirates]),
                         ("nation-2", [person("Australian", type="NORP"), *pirates]),
                         ("nation-3", [person("New Zealand", type="GPE"), *pirates]),
                         ("nation-4", [person("New Zealander", type="ORG"), *pirates])):
        store.save(make_analysed(slug, actors, [(0, f"Words of {slug}", "direct")]))
    found = {name: a.quote_count for name, a in actors_by_name(store).items() if a.quote_count}
    assert found == {"Gulf of Eden": 2, "Gulf of Edan": 1, "John Smith": 1, "Joan Smith": 1, "Australia": 1,
                     "Australian": 1, "New Zealand": 1, "New Zealander": 1}


def test_a_quoted_nickname_inside_a_name_is_the_same_person(store):
    for slug, name in (("mob-1", "Vincent 'Chin' Gigante"), ("mob-2", 'Vincent "The Chin" Gigante'),
                       ("mob-3", "Vincent Gigante")):
        store.save(make_analysed(slug, [person(name)], [(0, f"Words of {slug}", "direct")]))
    assert [a.quote_count for a in actors_by_name(store).values()] == [3]


def test_an_alias_known_under_another_type_is_the_same_team(store):
    store.save(make_analysed("sox-1", [person("Boston Red Sox", "Red Sox", type="ORG")], [(0, "We won", "direct")]))
    store.save(make_analysed("sox-2", [person("Red Sox", type="FAC")], [(0, "We lost", "direct")]))
    assert {name: a.quote_count for name, a in actors_by_name(store).items()} == {"Boston Red Sox": 2}


def save_all(store, articles) -> dict[str, tuple[int, int, str]]:
    for slug, actors in articles:
        store.save(make_analysed(slug, actors, [(0, f"Words of {slug}", "direct")]))
    return {a.name: (a.quote_count, a.article_count, a.type) for a in store.list_actors(limit=50).items if a.article_count}


def test_an_article_that_writes_both_names_joins_two_stored_actors_in_either_order(store, tmp_path):
    """"AMD" and "Advanced Micro Devices" stored apart become one actor, with their articles and
    counts, when an article writes both; the same whichever comes first."""
    from storyline.store import open_store

    articles = [("chips-1", [person("AMD", type="ORG")]), ("chips-2", [person("Advanced Micro Devices", type="ORG")]),
                ("chips-3", [person("Intel", type="ORG")]),
                ("chips-4", [person("Advanced Micro Devices", "AMD", type="ORG"), person("Intel", type="ORG")])]
    forward = save_all(store, articles)
    other = open_store(str(tmp_path / "reverse.db"))
    try:
        backward = save_all(other, articles[::-1])
    finally:
        other.close()
    assert forward == backward == {"Advanced Micro Devices": (3, 3, "ORG"), "Intel": (1, 2, "ORG")}


def test_a_surname_typed_a_place_joins_the_person_only_beside_the_same_actors(store):
    party = [person("Betty Ford Center", type="ORG"), person("Malibu", type="GPE")]
    found = save_all(store, [("rehab-1", [person("Lindsay Lohan"), *party]), ("rehab-2", [person("Lohan", type="GPE"), *party]),
                             ("map-1", [person("Michael Jordan"), *party]), ("map-2", [person("Jordan", type="GPE")])])
    assert found["Lindsay Lohan"][:2] == (2, 2) and "Lohan" not in found
    assert found["Jordan"] == (1, 1, "GPE") and found["Michael Jordan"][:2] == (1, 1)


def test_a_first_name_alone_joins_the_one_person_beside_the_same_actors(store):
    show = [person("Doctor Who", type="ORG"), person("Cardiff", type="GPE")]
    found = save_all(store, [("tv-1", [person("Matt Smith"), *show]), ("tv-2", [person("Matt"), *show]),
                             ("book-1", [person("Anna Karenina")]), ("book-2", [person("Anna")])])
    assert found["Matt Smith"][:2] == (2, 2) and "Matt" not in found
    assert found["Anna"][:2] == (1, 1) and found["Anna Karenina"][:2] == (1, 1)


def test_an_absorbed_actor_s_old_page_leads_to_the_actor_that_took_its_rows(store, db_url):
    """Links to "AMD"'s page, made before an article showed it is Advanced Micro Devices, still
    work: the page answers 303 and the API 308 to the actor that holds its quotes now."""
    from serving import serving

    from storyline.config import Settings
    from storyline.serve.app import create_app

    save_all(store, [("chips-1", [person("AMD", type="ORG")]),
                     ("chips-2", [person("Advanced Micro Devices", type="ORG"), person("Intel", type="ORG")])])
    before = {a.name: a.id for a in store.list_actors(limit=50).items}
    save_all(store, [("chips-3", [person("Advanced Micro Devices", "AMD", type="ORG"), person("Intel", type="ORG")])])
    after = {a.name: a.id for a in store.list_actors(limit=50).items}
    assert set(after) == {"Advanced Micro Devices", "Intel"}
    (gone,) = set(before.values()) - set(after.values())
    kept = after["Advanced Micro Devices"]
    with serving(create_app(Settings(db=db_url))) as (client, _app):
        page = client.get(f"/actors/{gone}")
        assert (page.status_code, page.headers["location"]) == (303, f"/actors/{kept}")
        api = client.get(f"/api/actors/{gone}")
        assert (api.status_code, api.headers["location"]) == (308, f"/api/actors/{kept}")
        followed = client.get(f"/api/actors/{gone}", follow_redirects=True).json()
        assert (followed["id"], followed["quote_count"]) == (kept, 3)
        assert client.get(f"/api/actors/{kept + 1000}").status_code == 404


def test_a_club_renamed_to_its_full_name_is_found_by_the_short_name_that_ends_it(store):
    """"PSG" stored first is renamed "Paris Saint-Germain" when an article spells it out; a later
    article's "Saint-Germain" is then that club, as it is when the full name came first."""
    found = save_all(store, [("psg-1", [person("PSG", type="ORG")]),
                             ("psg-2", [person("Paris Saint-Germain", "PSG", type="ORG")]),
                             ("psg-3", [person("Saint-Germain", type="ORG")])])
    assert found == {"Paris Saint-Germain": (3, 3, "ORG")}


def _jeffs_articles(order: str):
    """Two Jeffs, each beside his own people; "Jeffs" alone beside Warren's, beside Rulon's, and
    beside no one known."""
    warren = [person("Eldorado", type="GPE"), person("Texas Rangers", type="ORG")]
    rulon = [person("Salt Lake City", type="GPE"), person("Colorado City", type="GPE")]
    articles = [("warren-1", [person("Warren Jeffs"), *warren]), ("rulon-1", [person("Rulon Jeffs"), *rulon]),
                ("short-1", [person("Jeffs"), *warren]), ("short-2", [person("Jeffs"), *rulon]),
                ("short-3", [person("Jeffs"), person("Tom Green")])]
    return articles if order == "forward" else articles[::-1]


@pytest.mark.parametrize("order", ["forward", "reversed"])
def test_a_surname_two_people_share_goes_to_the_one_in_context(store, order):
    for slug, actors in _jeffs_articles(order):
        store.save(make_analysed(slug, actors, [(0, f"Words of {slug}", "direct")]))
    found = {name: a.quote_count for name, a in actors_by_name(store).items() if a.type == "PERSON"}
    assert found == {"Warren Jeffs": 2, "Rulon Jeffs": 2, "Jeffs": 1, "Tom Green": 0}, found


def test_a_surname_beside_the_one_person_of_it_the_article_names_is_that_person(store):
    """The article names Warren Jeffs in full and "Jeffs" apart (the parse did not join them):
    with Rulon Jeffs stored, "Jeffs" is still the Jeffs this article names; in an article naming
    Rulon, Rulon."""
    for slug, actors in (("rulon-1", [person("Rulon Jeffs")]), ("warren-1", [person("Warren Jeffs")]),
                         ("both-1", [person("Jeffs"), person("Warren Jeffs"), person("Texas", type="GPE")]),
                         ("both-2", [person("Jeffs"), person("Rulon Jeffs"), person("Utah", type="GPE")])):
        store.save(make_analysed(slug, actors, [(0, f"Words of {slug}", "direct")]))
    found = {name: a.quote_count for name, a in actors_by_name(store).items() if a.type == "PERSON"}
    assert found == {"Warren Jeffs": 2, "Rulon Jeffs": 2}, found


@pytest.mark.parametrize("order", ["forward", "reversed"])
def test_a_full_name_typed_an_organisation_once_joins_its_person_in_any_order(store, order):
    """The organisation row comes first, then "Subryan" alone: the person's full name then renames
    the surname's row, and the organisation row must still join it. Another Subryan stays apart,
    and so "Subryan" alone, beside no one, is neither."""
    articles = [("guyana-1", [person("Vishwanand Subryan", type="ORG")]), ("guyana-2", [person("Subryan")]),
                ("guyana-3", [person("Vishwanand Subryan")]), ("guyana-4", [person("Vishwanand Subryan")]),
                ("other-1", [person("Anita Subryan")])]
    for slug, actors in articles if order == "forward" else articles[::-1]:
        store.save(make_analysed(slug, actors, [(0, f"Words of {slug}", "direct")]))
    found = {(a.name, a.type): a.quote_count for a in store.list_actors(limit=50).items}
    assert found == {("Vishwanand Subryan", "PERSON"): 3, ("Anita Subryan", "PERSON"): 1, ("Subryan", "PERSON"): 1}
