"""The story fit's lead field: two events of one kind share a body's vocabulary, less their leads."""

from __future__ import annotations

from storyline.stories.features import LEAD_WORDS, article_features
from storyline.stories.scoring import StoryState, article_vectors, fit

COMMON = ("Rescuers searched collapsed buildings through the night, hospitals asked for blood donors, "
          "and the government promised aid to the families who lost their homes in the earthquake. ") * 3
CHILE = "A magnitude 8.8 earthquake struck off the coast of Maule, Chile, early on Saturday, killing 521 people. "
HAITI = "A magnitude 7.0 earthquake struck near Port-au-Prince, Haiti, on Tuesday afternoon, killing thousands. "


def test_the_lead_is_the_bodys_first_content_words():
    features = article_features("Quake", CHILE + COMMON + "A memorial was held in Talca a week later.", [])
    assert sum(features.counts["lead"].values()) == LEAD_WORDS
    assert {"maule", "chile", "saturday", "rescuer"} <= set(features.counts["lead"])
    assert "talca" in features.counts["body"] and "talca" not in features.counts["lead"]


def test_an_article_fits_the_story_whose_lead_it_shares_better_than_its_sibling():
    def idf(term):
        return 1.0

    stories = {}
    for number, lead in enumerate((CHILE, HAITI)):
        story = StoryState(id=number)
        features = article_features(None, lead + COMMON, [])
        story.add(features, None)
        story.refresh_norms(features, idf)
        stories[lead] = story
    article = article_vectors(article_features(None, CHILE.replace("Saturday", "Sunday") + COMMON, []), idf)
    # the bodies alone (body 0.5, actors 0.35, headline 0.15, no lead) put them 0.08 apart
    assert fit(article, stories[CHILE], idf, None) - fit(article, stories[HAITI], idf, None) > 0.095
