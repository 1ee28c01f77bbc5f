"""Names the gazetteer lacks, placed within the article's place (fogwatch.geocode.within)."""
from fogwatch.geocode import Toponym, geocode


def test_street_placed_within_the_articles_town():
    names = ["New Orleans", "Royal Street", "New Orleans", "Frenchmen Street"]
    found = geocode([Toponym(n) for n in names], place_unknown=True)
    town, street = found[0], found[1]
    assert street is not None and street.within and not street.own_name
    # its own id: a ledger keeps one row per place id, and New Orleans itself stays exact there
    assert street.place.place_id == town.place.place_id + "~near" and street.place.precision == "near"
    assert town.place.precision != "near"
    assert street.confidence < town.confidence


def test_town_the_text_puts_it_in_wins():
    found = geocode([Toponym("Fresno"), Toponym("Fresno"), Toponym("Collins Avenue", " in Miami Beach with plenty"),
                     Toponym("Miami Beach", " with plenty to taste")], place_unknown=True)
    assert found[2].within and found[2].place.name == "Miami Beach"


def test_anchor_is_in_the_country_the_article_is_about():
    names = ["Liverpool"] * 4 + ["Cairo", "Cairo", "New Cairo", "Egypt", "Egypt", "Egyptian", "Madinaty"]
    found = geocode([Toponym(n) for n in names], place_unknown=True)
    assert found[-1].within and found[-1].place.country == "EG"


def test_seas_and_peoples_stay_unplaced():
    names = ["Toronto", "Indian Ocean", "Kurdish", "Korean Peninsula"]
    found = geocode([Toponym(n) for n in names], place_unknown=True)
    assert found[1] is None and found[2] is None and found[3] is None


def test_nothing_placed_nothing_guessed():
    assert geocode([Toponym("Royal Street")], place_unknown=True) == [None]


def test_unknown_names_stay_unplaced_unless_asked():
    assert geocode([Toponym("New Orleans"), Toponym("Royal Street")])[1] is None
