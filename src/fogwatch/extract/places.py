"""Place mentions in a parsed paragraph, placed by the geocode stage (`fogwatch.geocode`).

This module finds the names; `fogwatch.geocode` says where they are, in the article's context
(`article_context`: the countries and regions its entities name). NER alone is not enough (the
small English model tags "Belgorod" as NORP and "Kursk" as PRODUCT), so names come from three
readable rules, strongest first:
1. "<Name> region/oblast/province", "the <A> and <B> regions" → first-level regions;
2. "town/village/city of <Name>" and a proper noun after a locative preposition → populated places,
   allowing transliteration variants;
3. GPE/LOC entities, and other capitalised entities that the gazetteer knows as a country or a
   place of at least 1,000 people.
Tokens inside an actor mention ("Russian Volunteer Corps") are never places. Continents and world
regions ("Europe", "the Middle East") are places of precision "region": `extract(...).places` lists
them, but no claim takes one as its place (`claim_place.claim_places`). So it is with a demonym ("the Syrian
border" names Syria; GeoWebNews annotates such words), which also tells the context which country
the article is about, with a name in the phrase of who speaks or acts ("Ukraine's security service",
"men from Ukraine") and with a hyphenated modifier ("Moscow-installed"): `FoundPlace.role`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from fogwatch.geocode import Context, Resolution, Toponym, context_of, gazetteer, resolve
from fogwatch.geocode.gazetteer import REGION_WORDS
from fogwatch.geocode.rank import rank
from fogwatch.extract import lexicon as lx
from fogwatch.extract.actors import OFFICIAL_NOUNS, ORG_NOUNS, PERSON_LIKE
from fogwatch.records import PlaceMention, Span

REGION_RE = re.compile(rf"^{REGION_WORDS}s?$", re.IGNORECASE)
SETTLEMENT = {"town", "village", "city", "settlement", "hamlet", "township", "suburb", "port", "district"}
LOCATIVE = {"in", "into", "near", "at", "outside", "around", "towards", "toward", "from", "across", "over", "inside",
            "to", "through", "of"}
NOT_PLACES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
              "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
              "god", "west", "east", "president", "governor", "minister", "ministry", "army", "news", "video", "telegram",
              # ranks a name follows ("Sgt. Mark Gray"), never Stuttgart or Coloma
              "sgt", "sgt.", "lt", "lt.", "cpl", "cpl.", "capt", "capt.", "col", "col.", "maj", "maj.", "gen", "gen.",
              "det", "det.", "pvt", "pvt.", "insp", "insp.", "supt", "supt.", "cmdr", "cmdr.", "adm", "adm.", "ofc", "ofc."}
# A body of water's name is no land region of the same name unless the text says so ("Red Sea state").
WATERS = {"sea", "ocean", "gulf", "lake", "river", "strait", "straits", "bay", "channel", "sound"}
REGION_WORDS = {"state", "governorate", "province", "region", "oblast", "district", "county"}
# Words of a water or landform name with "of": "the Gulf of Aden", "the Bay of Bengal" are no Gulf Province.
FEATURE_WORDS = {"gulf", "bay", "sea", "strait", "straits", "horn", "cape", "isle", "lake", "river", "mouth", "coast",
                 "gulfs", "bight", "sound", "channel", "islands", "island", "mount", "peninsula"}
MIN_POPULATION_WEAK = 1000
# A town under this size in a country the article never names is no guess worth making from a bare
# locative ("extends from Russia's Pacific Coast to Siberia": a Siberia in Mexico).
FOREIGN_TOWN_POPULATION = 20_000
# Entities of time and number: "in the 20th Century" is no town called Century.
TIME_ENTITIES = {"DATE", "TIME", "ORDINAL", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"}
# Who speaks or acts: a place that owns or modifies one of these names the actor, not where.
SPEAKER_NOUNS = (OFFICIAL_NOUNS | ORG_NOUNS | PERSON_LIKE) - {"people", "resident", "civilian", "citizen"}
CONTEXT_LABELS = ("GPE", "LOC", "NORP")
AFTER_CHARS = 40
# Verbs whose "on" is where: "fired on Kherson", "advanced on Kyiv".
ON_VERBS = {"fire", "advance", "march", "converge", "close", "push", "rain", "drop", "launch", "open"}
TARGET_VERBS = {"shell", "strike", "hit", "attack", "bomb", "capture", "seize", "take", "retake", "liberate", "storm",
                "enter", "occupy", "recapture", "encircle", "besiege", "target"}
PERSON_TARGETS = {"hit", "strike", "attack", "target", "take"}  # of TARGET_VERBS, those that strike people too


@dataclass(frozen=True)
class FoundPlace:
    mention: PlaceMention
    tok_start: int
    tok_end: int
    # "where": may be where a claim happened. "demonym" ("Syrian"), "actor" (a name in the phrase
    # of who speaks or acts: "Ukraine's security service", "Belgorod governor", "men from Ukraine")
    # "modifier" ("Moscow-installed authorities", "the Russia-Ukraine frontline"), "site" (the place
    # a site is named after: "Manila Cathedral"; a professor "at New York University School of Law"
    # is not where the claim happened, but a university besieged is: `_struck`) and "dateline"
    # (abroad) are places the article names, never where a claim happened. "body" (a local service
    # named by its town: "Hong Kong police", "Kharkiv rescuers") is where it works: a claim's place
    # when its sentence gives no other.
    role: str = "where"


def _name_tokens(doc, head):
    """The proper-noun run ending at `head` (compounds to its left, and a capitalised word joined by a
    hyphen): "Tyotkino", "Nova Kakhovka", "Ivano-Frankivsk"."""
    start = head.i
    while True:
        if start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound", "amod", "nmod") \
                and doc[start - 1].head.i in range(start, head.i + 1):
            start -= 1
        elif start > 1 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                and not doc[start - 2].whitespace_ and doc[start - 2].text[:1].isupper():
            start -= 2
        else:
            return start, head.i + 1


PLACE_PREPOSITIONS = LOCATIVE - {"of"}
VESSELS = {"cruiser", "ship", "flagship", "vessel", "frigate", "warship", "submarine", "boat", "corvette", "destroyer",
           "carrier", "tanker", "ferry", "liner", "yacht", "tug", "trawler"}
VISIT_VERBS = {"leave", "visit", "reach", "flee", "tour", "enter"}


# A part of a place, which is where its place is: "in Russian-occupied parts of Ukraine".
PART_NOUNS = {"part", "area", "territory", "swathe", "swath", "corner", "stretch", "outskirts", "suburb", "rest"}


def _on_target(prep) -> bool:
    """"On" that says where: "an attack on Avdiivka", "fired on Horlivka", "strikes on Kyiv"; "for"
    the town a battle is fought for: "the battle for Mariupol", "fought for Sievierodonetsk"."""
    head = prep.head.lemma_.lower()
    if prep.lower_ == "for":
        return lx.EVENT_NOUNS.get(head) == "clashed" or head == "fight"
    return prep.lower_ == "on" and (head in lx.EVENT_NOUNS or head in ON_VERBS)


def _struck(token) -> bool:
    """Whether a name is what an attack, siege or capture is done to: "besieged Hong Kong Polytechnic
    University", "Colchester General Hospital was hit", "an attack on Manila Cathedral"."""
    if token.dep_ in ("dobj", "nsubjpass"):
        return token.head.lemma_.lower() in TARGET_VERBS
    return token.dep_ == "pobj" and _on_target(token.head)


def _in_place_role(token) -> bool:
    """The object of a locative preposition ("in Kyiv", "to Russia"), of a verb of attack, capture or
    travel ("struck Kyiv", "leave Russia", "Kyiv was struck"), or the country after a town ("Moscow,
    Russia"); a conjunct ("to Italy from Turkey", "United States, Canada and Germany") takes its first
    one's role, and a part its whole's ("in parts of Ukraine")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in PART_NOUNS:
        token = token.head.head  # "in parts of Ukraine", "across large areas of Sudan": where the part is
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in SETTLEMENT:
        return True  # "the city of Kyiv", "Bervitsa village of Kyiv"; not "the Donbas region of Ukraine"
    if token.dep_ == "pobj":
        return token.head.lower_ in PLACE_PREPOSITIONS or _on_target(token.head)
    if token.dep_ == "dobj":
        return token.head.lemma_.lower() in TARGET_VERBS | VISIT_VERBS
    if token.dep_ == "nsubjpass":
        return token.head.lemma_.lower() in TARGET_VERBS  # "Kyiv was struck by missiles", "the university was besieged"
    return token.dep_ in ("appos", "npadvmod") and token.i > 0 and token.doc[token.i - 1].text == "," \
        and token.head.pos_ == "PROPN"


# Things that stand somewhere: a place name modifying one says where ("a Kyiv apartment block",
# "the Kharkiv TV tower"), unlike one modifying a body or an official ("Kyiv officials").
SITE_NOUNS = {"apartment", "block", "building", "tower", "house", "home", "street", "square", "district", "suburb",
              "outskirts", "centre", "center", "station", "airport", "port", "hospital", "school", "mall", "market",
              "plant", "factory", "depot", "base", "airbase", "bridge", "railway", "substation", "neighbourhood",
              "neighborhood", "resident", "residents", "area", "village", "town", "city", "skyline", "sky", "suburbs"}


def _site_modifier(token) -> bool:
    """"A Kyiv apartment block": the name modifies (through a chain of compounds) a thing that stands
    somewhere."""
    node = token
    while node.dep_ in ("compound", "amod", "nmod") and node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in SITE_NOUNS or node.lower_ in SITE_NOUNS:
            return True
        if node.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
    return False


# What a military site is called after, and the words between its town's name and it: "the Nevatim
# Air Base", "Engels airbase", "the Saky military airfield", "Hmeimim Air Force Base".
MILITARY_SITES = {"base", "airbase", "airfield", "aerodrome", "airport"}
SITE_QUALIFIERS = {"air", "naval", "military", "force", "army", "international"}


def _military_site(doc, start: int, end: int) -> int | None:
    """Where the town's name ends in a name that a military site follows or closes: "the Nevatim Air
    base", "the Engels Air Base" → the town's name; None when no site follows or closes it."""
    closes = end - 1 > start and doc[end - 1].lemma_.lower() in MILITARY_SITES  # "Engels Air Base" as one name
    stop = end - 1 if closes else end
    while stop - 1 > start and doc[stop - 1].lower_ in SITE_QUALIFIERS:
        stop -= 1
    if closes:
        return stop
    after = end
    while after < len(doc) and doc[after].lower_ in SITE_QUALIFIERS:
        after += 1
    return stop if after < len(doc) and doc[after].lemma_.lower() in MILITARY_SITES else None


def _capitalised(token) -> bool:
    return token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ")


def used_as_place(doc, start: int, end: int) -> bool:
    """Whether tokens [start, end), an actor's name, are used as a location (`_in_place_role`, a
    region's name before "region", a site's modifier) and are a name (not "the Kremlin", not
    "Ukrainian officials")."""
    span = doc[start:end]
    if not all(_capitalised(t) or t.lower_ == "the" for t in span):
        return False
    region_word = end < len(doc) and REGION_RE.match(doc[end].text) is not None
    if not (region_word or _in_place_role(span.root) or _site_modifier(span.root)):
        return False
    name = span.text[4:] if span.text.lower().startswith("the ") else span.text
    # "the Kremlin" is no town, whatever a fuzzy match would say, nor "Nato" the village in the
    # Philippines: an actor's name is a city's only where the city is a known one (the capitals).
    return _names_place(name, ACTOR_CITY_POPULATION)


def _names_place(name: str, least: int) -> bool:
    """Whether `name` is a country's, a first-level region's, or exactly the name of a city of at
    least `least` people."""
    gaz = gazetteer()
    return bool(gaz.country_named(name) or gaz.region(name)
                or any(c.exact and c.population >= least for c in gaz.lookup(name)))


# Navies' ship prefixes: "INS Tabar", "USS Carney", "HMS Diamond".
SHIP_PREFIXES = {"INS", "USS", "HMS", "HMAS", "HMCS", "HNLMS", "FGS", "ROKS", "JS", "MV", "MT", "RFS", "TCG", "ITS"}


def _ship_name(doc, start: int) -> bool:
    """Whether the name at `start` is a ship's: "the cruiser Moskva", "the flagship Admiral Makarov",
    "INS Tabar"."""
    return (start > 0 and (doc[start - 1].lemma_.lower() in VESSELS or doc[start - 1].text in SHIP_PREFIXES)) \
        or doc[start].text in SHIP_PREFIXES


def _water(doc, end: int) -> bool:
    """Whether the name ending before `end` is a body of water's ("the Red Sea port of Hodeidah"), which
    is no land region of the same name (Egypt's Red Sea governorate) unless the text says so ("Sudan's
    Red Sea state")."""
    return doc[end - 1].lower_ in WATERS and not (end < len(doc) and doc[end].lower_ in REGION_WORDS)


def _part_of_other_name(doc, start: int, token, prep) -> bool:
    """Whether a capitalised word is a piece of some other name: "the Supreme People's Court",
    "Alder Hey Children's Hospital" (a possessive that is no place), "the Centre" and "the
    University" (a small town's name after "the"), or a person's name used without a preposition
    (unless it is what was struck)."""
    if _ship_name(doc, start):
        return True
    if token.lower_ in FEATURE_WORDS and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of" \
            and doc[token.i + 2].text[:1].isupper():
        return True  # "the Gulf of Aden": a name of its own, not the word "Gulf"
    if _water(doc, token.i + 1):
        return True
    owners = [c for c in token.children if c.dep_ == "poss"]
    if owners and not any(gazetteer().country_named(o.text) or gazetteer().region(o.text) for o in owners):
        return True
    if start == token.i > 0 and doc[start - 1].lower_ == "the":
        places = gazetteer().lookup(token.text)
        if places and not gazetteer().country_named(token.text) and not gazetteer().region(token.text) \
                and max(c.population for c in places) < 100_000:
            return True
    # What is shelled or captured is a place, even where the tagger reads a person ("shelled Grayvoron";
    # but "Clark was hit", "attacked Biden").
    struck = token.dep_ == "dobj" and token.head.lemma_.lower() in TARGET_VERBS - PERSON_TARGETS
    return token.ent_type_ == "PERSON" and prep is None and not struck


def _strong(best: Resolution, context: Context) -> bool:
    """A place sure enough to read a word the tagger did not call a name as one: a country, a region,
    or a town of 50,000 people under its own name in a country the article is about."""
    if best.kind in ("country", "admin1"):
        return True
    return best.kind == "city" and best.own_name and best.population >= 50_000 and best.place.country in context.countries


def _far_fetched(best: Resolution, context: Context) -> bool:
    """Whether a town is too far-fetched a reading of a name: a small one in a country the article
    never names ("extends from Russia's Pacific Coast to Siberia" is no Siberia of Mexico, "the
    next Salah" no hamlet in Turkey). Only where the article is plainly about somewhere else (a
    country named three times or more): local news names no country ("Goleta", "Carpinteria")."""
    if best.kind != "city" or best.place.country in context.countries:
        return False
    return max(context.countries.values(), default=0) >= 3 and best.population < FOREIGN_TOWN_POPULATION


# Where someone lives, was born or is based: their home, not where something happened to them.
RESIDE_VERBS = {"live", "reside", "grow", "raise", "settle", "base", "headquarter", "register"}
# Giving, whose "to" names who receives, not where: "provided backing to Kyiv", "aid to Ukraine"
# (not "sent troops to Kharkiv" or "delivered aid to Mariupol", which may be where).
GIVING = {"provide", "give", "supply", "sell", "donate", "pledge", "offer", "grant", "lend", "export", "aid", "support",
          "backing", "assistance", "help", "package", "loan", "sale", "commitment", "contribution"}


# What a government does that its seat's name can stand for ("Washington agreed", "Kyiv refused").
DECIDING = {"agree", "decide", "approve", "refuse", "send", "deliver", "sign", "impose", "expel", "summon", "recall",
            "respond", "demand", "want", "seek", "plan", "pledge", "promise", "vow", "insist", "reject", "announce"}


def _actor_phrase(token) -> bool:
    """Whether a place name belongs to the phrase naming who speaks or acts rather than where: the
    owner or modifier of a body or an official ("Ukraine's security service", "Belgorod governor",
    "the Gaza health ministry"), or the origin of people or data ("two men from Ukraine", "data from
    Ukraine"). "Officials in Kharkiv said" keeps Kharkiv: that is where they speak from the scene.
    A qualifier shares its name's role: "Dunbar of Austin, Texas" makes neither a place."""
    while token.dep_ in ("appos", "npadvmod") and token.head.pos_ == "PROPN" and token.head.i < token.i:
        token = token.head
    if token.dep_ in ("poss", "compound") and token.head.lemma_.lower() in SPEAKER_NOUNS:
        return True
    if token.dep_ == "nsubj" and token.head.lemma_.lower() in DECIDING | GIVING:
        return True  # a government by its seat: "Berlin has agreed to send 14 Leopard tanks"
    if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lemma_.lower() in GIVING:
        return True  # who receives: "provided military backing to Kyiv", "weapons deliveries to Ukraine"
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.ent_type_ == "PERSON":
        return True  # a hometown: "Master Sgt Johnathan J. Dunbar of Austin, Texas, died alongside him"
    if token.dep_ == "pobj" and token.head.lower_ in ("in", "at") and (
            token.head.head.lemma_.lower() in RESIDE_VERBS or token.head.head.lower_ == "born"):
        return True  # a home: "Skripal, who lived in Moscow, ... was attacked in Salisbury"
    return token.dep_ == "pobj" and token.head.lower_ == "from" and (
        token.head.head.pos_ in ("NOUN", "PROPN", "PRON") or token.head.head.lemma_ == "be")  # "12 are from Somalia"


def _hyphen_modifier(doc, start: int, end: int) -> bool:
    """Whether the name is joined by a hyphen into a modifier: "Moscow-installed authorities",
    "Kremlin-backed", "the Russia-Ukraine frontline" (two countries); not "Ivano-Frankivsk"."""
    def joined(i: int) -> bool:
        return 0 <= i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_

    if joined(end) and (doc[end + 1].is_lower or gazetteer().country_named(doc[end + 1].text)):
        return True
    return joined(start - 1) and start >= 2 and bool(gazetteer().country_named(doc[start - 2].text)) \
        and bool(gazetteer().country_named(doc[start:end].text))


# Titles a place labels rather than locates: "Wyoming Sen. John Barrasso", "Texas Gov. Greg Abbott".
LABELLED_TITLES = {"sen", "sen.", "senator", "rep", "rep.", "representative", "gov", "gov.", "governor",
                   "congressman", "congresswoman", "lawmaker", "republican", "republicans", "democrat", "democrats",
                   "attorney", "delegate", "delegation", "mp"}


def _label(doc, end: int) -> bool:
    """Whether the name labels the person or party after it ("Wyoming Sen. John Barrasso"), or an
    agreement, a meeting or a format named after where it was made ("the Minsk agreements", "the
    Istanbul talks", "the Normandy format", "the Budapest Memorandum"): no place of any incident."""
    if end >= len(doc):
        return False
    if doc[end].lower_ in LABELLED_TITLES and doc[end].text[:1].isupper():
        return True
    # The name's noun may come after a second modifier: "the Munich Security Conference".
    for token in doc[end:end + 2]:
        if token.lemma_.lower() in NAMED_ACCORDS or token.lower_ in NAMED_ACCORDS:
            return True
        if token.pos_ not in ("PROPN", "ADJ", "NOUN") or not token.text[:1].isupper():
            break
    return False


# What is named after the town where it was agreed or held, not where anything happened.
NAMED_ACCORDS = {"agreement", "accord", "accords", "agreements", "talks", "format", "protocol", "protocols", "memorandum",
                 "treaty", "convention", "conventions", "declaration", "summit", "conference", "process", "formula",
                 "communique", "communiqué", "negotiations"}


def article_context(docs) -> Context:
    """What an article is about (countries, regions), from the place and nationality entities of all
    its paragraphs: read before any name is placed, so the first paragraph's "Paris" already knows
    that the article is about Texas."""
    return context_of(gazetteer(), [e.text for doc in docs for e in doc.ents if e.label_ in CONTEXT_LABELS])


def _modifies_noun(token) -> bool:
    """Whether a word modifies a noun ("the Kurdish enclave", "the Syrian-Turkish border", "British and
    French troops"), as a demonym names a place, rather than standing alone as a language or a people
    ("printed in Chinese", "the status of English", "The Irish need 85 points")."""
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-" and not token.whitespace_:
        return True  # "Russian-occupied southern Ukraine", "Chinese-made drones"
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("amod", "compound", "nmod") and token.head.pos_ in ("NOUN", "PROPN", "ADJ") \
        and token.head.i > token.i


def _actor_place(doc, start: int, end: int) -> tuple[int, str] | None:
    """The start and name of an actor mention that is a place's name (a country, a first-level region,
    a city of 100,000 or more): "the United States", "Germany", "Beijing" as who acts or speaks."""
    if doc[start].lower_ == "the":
        start += 1
    if start >= end or not all(_capitalised(t) or t.text in (".", "-") for t in doc[start:end]):
        return None
    if doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end and doc[end - 1].head.text[:1].isupper():
        return None  # the start of a longer name: "Washington University", "Washington Township"
    name = doc[start:end].text
    return (start, name) if _names_place(name, ACTOR_CITY_POPULATION) else None


ACTOR_CITY_POPULATION = 100_000


# Services that work where they are named for: "Hong Kong police have laid siege to a university",
# "Kharkiv rescuers pulled two bodies from the rubble" (not "Moscow authorities", often the state).
LOCAL_BODIES = {"police", "rescuer", "prosecutor", "paramedic", "medic"}  # lemmas, all among `SPEAKER_NOUNS`


def _local_body(token) -> bool:
    """Whether a place name is the town of a local service in an actor's phrase ("Hong Kong police",
    "the Kharkiv regional police"): where the service works."""
    return token.dep_ in ("poss", "compound") and token.head.lemma_.lower() in LOCAL_BODIES


def find_places(doc, article_id: str, offset: int, blocked: set[int], context: Context,
                record: list[Resolution] | None = None,
                actors: tuple[tuple[int, int], ...] | list[tuple[int, int]] = (),
                dateline: int | None = None) -> list[FoundPlace]:
    """`blocked`: token indices inside actor mentions. `context`: the article's (`article_context`),
    to which each place found is added. `record`, if given, receives each place's `Resolution`.
    `actors`: the (start, end) tokens of the actor mentions behind `blocked`; one that is a place's
    name ("the United States", "Germany") is listed with role "actor" (never a claim's place), without
    changing the context. `dateline`: the paragraph's `dateline_end`, if the caller has it."""
    gaz = gazetteer()
    found: dict[int, FoundPlace] = {}

    def add(start: int, end: int, resolution: Resolution | None, actor: bool = False) -> None:
        if resolution is None:
            return
        if (not actor and any(i in blocked for i in range(start, end))) or any(i in found for i in range(start, end)):
            return
        span = doc[start:end]
        mention = PlaceMention(place=resolution.place, text=span.text,
                               span=Span(article_id, offset + span.start_char, offset + span.end_char),
                               confidence=resolution.confidence)
        demonym = any(c.via == "demonym" for c in gaz.named(span.text))
        if demonym and not _modifies_noun(span.root):
            return  # a language or a people: "in English", "The Irish"
        if actor:
            role = "actor"
        elif resolution.site and not _struck(span.root):
            role = "site"
        elif demonym:
            role = "demonym"
        elif _actor_phrase(span.root):
            role = "body" if _local_body(span.root) and resolution.kind in ("city", "admin1") else "actor"
        elif _hyphen_modifier(doc, start, end) or _label(doc, end):
            role = "modifier"
        else:
            role = "where"
        fp = FoundPlace(mention, start, end, role)
        for i in range(start, end):
            found[i] = fp
        if actor:
            return  # already in the context through the article's entities
        if record is not None:
            record.append(resolution)
        if resolution.place.country:
            context.countries[resolution.place.country] += 1
        if resolution.kind == "admin1":
            context.regions[resolution.place.place_id[5:]] += 1

    def after(end: int) -> str:
        return doc.text[doc[end - 1].idx + len(doc[end - 1].text):][:AFTER_CHARS]

    def region(start: int, end: int, name: str) -> Resolution | None:
        """A first- or second-level region called `name` ("Belgorod", "Bakhmut raion"), or the
        country of "the Republic of Armenia"."""
        country = gaz.country_named(name)
        if country:
            return Resolution(Toponym(name), country, "country", 1.0)
        candidates = gaz.region(name, fuzzy=True) + gaz.admin2(doc[start:end].text)
        ranked = rank(gaz, candidates, context, "region", after(end))
        return Resolution(Toponym(name), ranked[0].place, ranked[0].kind, ranked[1]) if ranked else None

    # Rule 1: regions.
    for token in doc:
        if REGION_RE.match(token.text) and token.i > 0:
            names = []
            prev = doc[token.i - 1]
            if prev.pos_ in ("PROPN", "NOUN", "ADJ") and prev.text[:1].isupper():
                names.append(prev)
                names.extend(c for c in prev.conjuncts if c.text[:1].isupper())
            for name in names:
                start, end = _name_tokens(doc, name)
                if end == token.i and name is prev:
                    end = token.i + 1
                add(start, end, region(start, end, doc[start:name.i + 1].text))

        # "the region of Belgorod"; not "a residential district of Kharkiv", a part of the city (Rule 2)
        quarter = token.lower_ in ("district", "districts") and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") or c.dep_ == "amod" and c.text.islower() for c in token.children)
        if REGION_RE.match(token.text) and not quarter and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of" \
                and doc[token.i + 2].pos_ == "PROPN":
            name = doc[token.i + 2]
            while name.i + 1 < len(doc) and doc[name.i + 1].pos_ == "PROPN" and doc[name.i + 1].dep_ in ("compound", "pobj"):
                name = doc[name.i + 1]
            add(token.i + 2, name.i + 1, region(token.i + 2, name.i + 1, doc[token.i + 2:name.i + 1].text))

    # Rule 2: "town of X" and locative prepositions. Not a word of a time or quantity with a number
    # ("in the 20th Century"); the tagger's DATE on a bare name ("in Manbij") is its own mistake.
    counted = {t.i for e in doc.ents if e.label_ in TIME_ENTITIES and any(t.like_num or t.text[:1].isdigit() for t in e)
               for t in e}
    for token in doc:
        # The small English model tags many transliterated names as nouns or adjectives ("the village
        # of Dzhankoi", "a Kyiv apartment block"): a capitalised word inside a sentence may be a name.
        # Or any word the object of a preposition: "gains around Bakhmut" (an adverb to the tagger).
        # Or what a verb strikes or takes, tagged an adverb ("shelled Bakhmut", "tried to capture Bakhmut").
        mistagged = token.pos_ != "PROPN" and token.i > token.sent.start \
            and (_capitalised(token) or token.text[:1].isupper() and token.pos_ in ("ADV", "VERB", "X", "ADP")
                 and (token.dep_ == "pobj" or token.dep_ in ("advmod", "dobj", "npadvmod")
                      and token.head.lemma_.lower() in TARGET_VERBS)) \
            and token.ent_type_ not in ("NORP", "DATE", "TIME", "PERSON") and not token.is_stop
        if (token.pos_ != "PROPN" and not mistagged) or token.i in found or token.text.lower() in NOT_PLACES \
                or not token.text[:1].isupper() or token.i in counted:
            continue  # a lower-case word the tagger calls a name ("next of kin") is none, nor "the 20th Century"
        if token.head.i != token.i and token.dep_ == "compound" and token.head.pos_ == "PROPN":
            continue  # handled at the head of the name
        start, end = _name_tokens(doc, token)
        first = token
        while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ == "PROPN":
            first = first.head  # "of Marinka, Slavyansk and Kramatorsk": the list shares its preposition
        prep = first.head if first.dep_ == "pobj" else None
        if _part_of_other_name(doc, start, token, prep):
            continue
        # "the city of Sevirodontsk - the center of ...": the words say so even where the parse does not.
        # So does a list's example: "its port cities, including Odesa".
        settlement = prep is not None and prep.lower_ in ("of", "including") and prep.head.lemma_ in SETTLEMENT or \
            start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lemma_.lower() in SETTLEMENT
        if prep is not None and prep.lower_ == "of" and not settlement and prep.head.pos_ == "PROPN":
            continue  # part of an organisation's name: "the Department of Commerce", "Bank of America"
        locative = prep is not None and (prep.lower_ in LOCATIVE or _on_target(prep))
        # "shelled Grayvoron", "captured Bakhmut": what is struck or taken is usually a place.
        struck = not locative and first.dep_ in ("dobj", "nsubjpass", "advmod", "npadvmod") \
            and first.head.lemma_.lower() in TARGET_VERBS  # "struck Kharkiv and Odesa": the list's verb
        locative = locative or struck
        site = not (settlement or locative) and _site_modifier(token)
        if not (settlement or locative or site):
            continue
        base = _military_site(doc, start, end)
        if base is not None:
            end = base  # "the Nevatim Air base": the base of Nevatim, named by its town
        best = resolve(Toponym(doc[start:end].text, after(end), "settlement" if settlement else None), context, gaz=gaz)
        if best and best.kind == "city" and not settlement and not best.own_name and \
                (best.population < MIN_POPULATION_WEAK or best.place.country not in context.countries):
            continue  # a hamlet known by another name, or a foreign city's old name ("to Julia"), is too weak a guess
        if best and (mistagged or site) and not settlement and not _strong(best, context) \
                and not (base is not None and best.kind == "city" and best.place.country in context.countries):
            continue  # a common noun that some village is called ("in Parliament"): only a well-known place
        if best and struck and token.head.lemma_.lower() in PERSON_TARGETS and not _strong(best, context):
            continue  # people are hit too: "hitting Gray eleven times" is no town of Gray; "hit Kharkiv" is
        if best and not settlement and _far_fetched(best, context):
            continue
        add(start, end, best)

    # Rule 3: entities; a nationality only by the demonyms of the names table ("Syrian", not "Democrats").
    for ent in doc.ents:
        if ent.label_ == "NORP" and ent.start not in found:
            demonym = [c for c in gaz.named(ent.text) if c.via == "demonym"]
            if demonym:
                add(ent.start, ent.end, Resolution(Toponym(ent.text), demonym[0].place, demonym[0].kind, 1.0))
                continue
        if ent.label_ not in ("GPE", "LOC", "NORP", "PRODUCT", "ORG", "FAC", "PERSON") or ent.start in found:
            continue
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if not text[:1].isupper() or text.lower() in NOT_PLACES:
            continue
        start = ent.start + (1 if ent.text.lower().startswith("the ") else 0)
        if ent.label_ not in ("GPE", "LOC") and (ent.label_ == "PERSON" or ent.root.pos_ != "PROPN"):
            continue
        if _ship_name(doc, start) or _water(doc, ent.end):
            continue
        best = resolve(Toponym(text, after(ent.end)), context, fuzzy=False, gaz=gaz)
        if best is None or best.kind == "city" and ent.label_ not in ("GPE", "LOC") and \
                (best.population < 50_000 or not (best.own_name or best.site)):
            continue
        if ent.label_ not in ("GPE", "LOC") and best.kind != "country" and best.place.country not in context.countries:
            continue  # "a Cesar self-propelled gun" names a weapon, not Colombia's Cesar Department
        if _far_fetched(best, context):
            continue
        add(start, ent.end, best)

    # Actors named by a place's name: listed, never a claim's place.
    for a_start, a_end in actors:
        named = _actor_place(doc, a_start, a_end)
        if named is None:
            continue
        start, name = named
        add(start, a_end, resolve(Toponym(name, after(a_end)), context, fuzzy=False, gaz=gaz), actor=True)
    unique = {id(fp): fp for fp in found.values()}
    places = sorted(unique.values(), key=lambda fp: fp.tok_start)
    # A dateline abroad is where the reporter is, not what the story is about: "Dubai, United Arab
    # Emirates (CNN)- ... visit the cities that have been bombed" is about Ukraine. At home it may
    # be all that places the story ("Indianapolis – Several thousand teachers surrounded the Indiana
    # Statehouse"), so it stays a place.
    end = dateline_end(doc) if dateline is None else dateline
    rest = Counter(context.countries)  # what the article is about besides its dateline (its vote, its place)
    for fp in places:
        if fp.tok_end <= end and fp.mention.place.country:
            rest[fp.mention.place.country] -= 2
    top = max(rest.values(), default=0)
    home = {c for c, n in rest.items() if n == top and n > 0}
    return [replace(fp, role="dateline") if fp.tok_end <= end and home and fp.mention.place.country not in home
            else fp for fp in places]


DATELINE_TOWN_POPULATION = 15_000
# A dateline opens a paragraph: "KYIV, Ukraine (AP) — ", "Dubai, United Arab Emirates (CNN)- ",
# "MOSCOW, March 3 (Reuters) - ", "BUFFALO, N.Y. — ". The names before the dash and the outlet.
DATELINE = re.compile(
    r"\s*[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}"  # the town: "KYIV", "SIOUX FALLS", "Dubai"
    r"(?:,\s*(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}|[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}|\d{4}))*"
    r"\s*(?:\(?[A-Z][\w .&/-]{0,38}\)|\(?(?:AP|AFP|CNN|Reuters|UPI|dpa|BBC)\b)?"  # the outlet: "(AP)", "CNN"
    r"\s*(?:[-—–]+|:)\s")


def dateline_end(doc) -> int:
    """The token where a paragraph's dateline ends, or 0 if it has none. A dateline says where the
    reporter filed from: its names are no speaker ("Dubai, United Arab Emirates (CNN)- Tourists will
    not like ..." is no statement of Dubai's), and a dateline abroad is no claim's place (`find_places`)."""
    match = DATELINE.match(doc.text)
    if match is None or match.end() > 90 or not len(doc):
        return 0
    # It opens with a place's name: not a subhead ("Kamala Harris: A commitment to art.5 NATO is
    # holy", "Kall -- co-editor of ...") nor a headline ("Despite The Monthly Fee, You're Still Buying —").
    town = re.split(r"\s*[,(—–:]|\s+-", match.group(0).strip(), maxsplit=1)[0].strip()
    # A town in capitals is a dateline's ("KYIV"); in title case, a known town's name, not a village
    # that shares a speaker's ("Stoltenberg: The numbers of Russian troops ...", "Kall -- co-editor"),
    # nor a sentence's subject ("The New Zealand - born Australian was planning ...").
    least = 0 if town.isupper() else DATELINE_TOWN_POPULATION
    if not town or town.lower().startswith("the ") or not _names_place(town.title(), least):
        return 0
    return next((t.i for t in doc if t.idx >= match.end()), len(doc))
