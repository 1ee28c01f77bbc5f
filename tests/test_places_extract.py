"""Places as `extract(...).places` finds them in real-style news sentences (loads the NLP model)."""
from __future__ import annotations

import datetime as dt

import pytest

from fogwatch.clean import article_id
from fogwatch.records import Article


@pytest.fixture(scope="module")
def places():
    from fogwatch.extract import extract

    texts = {
        "moscow": "Explosions were heard in Moscow overnight, and drones crashed near Kursk.",
        "us": "US officials said the EU would follow. The talks in Brussels ended on Friday.",
        "texas": "Storms hit Paris on Sunday, the sheriff of Lamar County said. Houston and Dallas were spared, "
                 "and Texas officials warned of more rain.",
        "longbeach": "Police in Long Beach, CA, said the man was arrested.",
        "europe": "Gas prices rose across Europe and in the Middle East.",
        # Shapes of the session-16 stress reports: a sea is no governorate, Congo no Brazilian town.
        "redsea": "US strikes hit targets near the Red Sea port of Hodeidah on Monday. Fighting was also "
                  "reported in Sudan's Red Sea state.",
        "congo": "M23 rebels said they had seized a border post in eastern Congo on Sunday.",
        # Issue 17: languages and peoples are no places; actors named by a country are listed as such;
        # a site named after a city is placed at the city.
        "words": "The manual was printed in Chinese and the talks were held in English, near the "
                 "Syrian-Turkish border.",
        "actors": "Germany and the United States said on Monday they would send more aid.",
        "site": "The cyclist was taken to Colchester General Hospital after the crash in Essex, England.",
    }
    articles = [Article(article_id=article_id(t), text=t, ingested_at=dt.datetime(2026, 1, 1)) for t in texts.values()]
    return {key: {m.text: m for m in extraction.places}
            for key, extraction in zip(texts, extract(articles, attribution_model=False))}


def test_actor_names_are_places_where_used_as_places(places):
    assert places["moscow"]["Moscow"].place.place_id == "gn:524901"
    assert places["moscow"]["Kursk"].place.country == "RU"


def test_us_is_the_country_not_a_village(places):
    assert places["us"].get("US") is None or places["us"]["US"].place.place_id == "cc:US"
    assert all(m.place.name not in ("Us", "Eu") for m in places["us"].values())
    assert places["us"]["Brussels"].place.country == "BE"


def test_context_of_the_article_decides_the_town(places):
    assert places["texas"]["Paris"].place.admin1 == "Texas"
    assert places["texas"]["Texas"].place.precision == "admin1"
    assert places["longbeach"]["Long Beach"].place.admin1 == "California"
    assert 0 < places["longbeach"]["Long Beach"].confidence <= 1


def test_continents_are_listed_with_region_precision(places):
    assert places["europe"]["Europe"].place.precision == "region"


def test_a_sea_is_no_land_region_and_congo_is_a_country(places):
    assert places["redsea"]["Hodeidah"].place.country == "YE"
    # not Egypt's Red Sea governorate ("US" is listed too, as the actor it is here)
    assert {m.place.country for m in places["redsea"].values()} - {"US"} == {"YE", "SD"}
    assert places["congo"]["Congo"].place.place_id == "cc:CD"


def test_a_language_is_no_place_but_a_demonym_modifier_is(places):
    assert "Chinese" not in places["words"] and "English" not in places["words"]
    assert places["words"]["Syrian"].place.place_id == "cc:SY"


def test_actors_named_by_a_country_are_listed(places):
    assert places["actors"]["Germany"].place.place_id == "cc:DE"
    assert places["actors"]["United States"].place.place_id == "cc:US"


def test_a_site_named_after_a_city_is_at_the_city(places):
    hospital = places["site"]["Colchester General Hospital"]
    assert hospital.place.country == "GB" and hospital.place.name == "Colchester"
    assert hospital.confidence < 0.9
