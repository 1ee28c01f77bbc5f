import datetime as dt
from collections import Counter

import pytest

from fogwatch.extract.dates import find_dates
from fogwatch.geocode.gazetteer import gazetteer
from fogwatch.geocode.rank import Context, rank
from fogwatch.records import PartialDate


@pytest.mark.parametrize("variant,geonames_id", [("Graivoron", 559034), ("Grayvoron", 559034), ("Tyotkino", 483166),
                                                 ("Tëtkino", 483166), ("Kozinka", 543229), ("Kursk", 538560)])
def test_transliteration_variants_resolve(variant, geonames_id):
    best, _ = rank(gazetteer(), gazetteer().lookup(variant, fuzzy=True), Context(Counter({"RU": 3})))
    assert best.place.geonames_id == geonames_id


@pytest.mark.parametrize("variant,geonames_id", [
    ("Krasnohoriwka", 704393),  # Polish "w" for "v", machine-translated from Polish (GDELT 20220419T081500Z_PL_en)
    ("Nowefedorowka", 7039154),  # the air base of Saky, Crimea (GDELT 20220809T180000Z_PL_en)
])
def test_polish_spellings_resolve(variant, geonames_id):
    best, _ = rank(gazetteer(), gazetteer().lookup(variant, fuzzy=True), Context(Counter({"UA": 3})))
    assert best.place.geonames_id == geonames_id


def test_regions():
    (region,) = gazetteer().region("Belgorod region")
    assert region.place.name == "Belgorod Oblast" and region.place.precision == "admin1"


def _one(text, published):
    ((_, _, _, resolved),) = list(find_dates(text, published))
    return resolved


def test_weekday_against_day_and_month_precision():
    assert _one("on Monday", PartialDate(dt.date(2023, 5, 23), "day")) == (dt.date(2023, 5, 22),) * 2 + ("day",)
    assert _one("On Monday", PartialDate(dt.date(2023, 5, 1), "month"))[2] == "month"


def test_unknown_publication_date_leaves_relative_dates_unknown():
    assert list(find_dates("on Monday and last week", None)) == []


def test_explicit_dates():
    assert _one("On March 12,", PartialDate(dt.date(2024, 3, 1), "month")) == (dt.date(2024, 3, 12),) * 2 + ("day",)
    assert _one("last week", PartialDate(dt.date(2024, 8, 8), "day")) == (dt.date(2024, 7, 29), dt.date(2024, 8, 4), "week")
    # A date after publication belongs to the year before.
    assert _one("on December 30", PartialDate(dt.date(2024, 1, 3), "day"))[0] == dt.date(2023, 12, 30)


def test_a_range_of_days_keeps_its_year():
    # A history piece of 2022 about a raid of 2016: the year after the range is the raid's.
    assert _one("On August 6-8, 2016, saboteurs launched a raid", PartialDate(dt.date(2022, 8, 11), "day")) == \
        (dt.date(2016, 8, 6), dt.date(2016, 8, 8), "week")


def test_a_recent_window_ends_at_publication():
    # "in the last few days" (an Irish Times editorial), "during the last day" (a regional
    # administration's tally), "Earlier in the week" (a Reuters report on the Pope).
    published = PartialDate(dt.date(2022, 4, 19), "day")
    assert _one("18 people have been killed in the last few days", published)[:2] == \
        (dt.date(2022, 4, 16), dt.date(2022, 4, 19))
    assert _one("76 explosions were recorded during the last day", published)[:2] == \
        (dt.date(2022, 4, 18), dt.date(2022, 4, 19))
    assert _one("over the past 10 days", published)[0] == dt.date(2022, 4, 9)
    assert _one("Earlier in the week, the Pope decried a missile strike", published)[:2] == \
        (dt.date(2022, 4, 18), dt.date(2022, 4, 19))
    assert list(find_dates("in the last few days", None)) == []
