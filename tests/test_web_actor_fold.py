"""The article page lists its speakers and most named actors first and folds the rest away."""

from __future__ import annotations

import re

from serving import serving
from store_fixtures import make_analysed, person

from storyline.config import Settings
from storyline.serve.app import create_app
from storyline.store import open_store


def test_a_page_with_many_actors_shows_the_speakers_first_and_folds_the_tail(tmp_path):
    db = str(tmp_path / "sports.db")
    players = [person(f"Player{chr(65 + n)} Surname{chr(65 + n)}") for n in range(20)]
    coach = person("Anna Coach")
    article = make_analysed("davis-cup", [*players, coach], [(20, "We played well", "direct")],
                            extra=" ".join(["PlayerT SurnameT scored."] * 3))
    store = open_store(db)
    store.save(article)
    store.close()
    with serving(create_app(Settings(db=db))) as (web, _):
        page = web.get("/articles/1").text
    shown = page[page.index('id="article-actors"') : page.index('id="more-actors"')]
    folded = page[page.index('id="more-actors"') :]
    names = re.findall(r'<a href="/actors/\d+">([^<]+)</a>', shown)
    assert names[:2] == ["Anna Coach", "PlayerT SurnameT"] and len(names) == 12
    assert "<summary>9 more</summary>" in folded and "PlayerS SurnameS" in folded
