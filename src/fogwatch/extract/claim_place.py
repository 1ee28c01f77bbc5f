"""Which of a sentence's places a claim takes (`place_for`), and the places said together with it
(`coordinated`): a claim happens at the most precise place inside its trigger's phrase, else at the
sentence's, leaving aside the phrase of who tells it; "the city" and "the region" name the
paragraph's last town or region (`anaphoric_place`). `places` finds the names; this module chooses,
among them a demonym's country where it names a struck site ("a missile strike on a Ukrainian mall";
`claim_places`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from fogwatch.extract import lexicon as lx
from fogwatch.extract.places import FoundPlace
from fogwatch.geocode import demonyms, gazetteer
from fogwatch.records import PlaceMention


def city_of_region(found: FoundPlace) -> FoundPlace | None:
    """The city that shares a region's name and lies in it (Luhansk in the Luhansk region), read
    where the text calls the place "the city"."""
    region = found.mention.place
    cities = [c for c in gazetteer().lookup(found.mention.text)
              if c.kind == "city" and c.place.country == region.country and c.place.admin1 == region.admin1]
    if not cities:
        return None
    best = max(cities, key=lambda c: c.population)
    mention = PlaceMention(place=best.place, text=found.mention.text, span=found.mention.span,
                           confidence=found.mention.confidence)
    return FoundPlace(mention, found.tok_start, found.tok_end, found.role)


# What a demonym places in its country when it is struck: "a missile strike on a Ukrainian mall",
# "shelling of Russian villages". Not people, forces, positions or craft, which are where they are
# sent ("Russian troops", "Russian positions", "a Russian warship"). A base is the country's unless
# the sentence names where it is ("Russian bases in Syria", `place_for`).
# Not a border, which two countries share ("troops massed on the Ukrainian border" are in Russia).
SITE_NOUNS = {"mall", "market", "hospital", "clinic", "school", "kindergarten", "church", "mosque",
              "cathedral", "synagogue", "apartment", "building", "block", "house", "home", "city", "town", "village",
              "settlement", "port", "airport", "refinery", "plant", "factory", "dam", "bridge",
              "infrastructure", "grid", "substation", "neighbourhood", "neighborhood", "capital", "territory",
              "soil", "region", "province", "oblast", "district", "base", "airbase", "airfield", "station",
              "circuit"}  # "circuit": how machine translation renders the Polish "obwód", an oblast


def _site(doc, found: FoundPlace):
    """The site a demonym modifies (`SITE_NOUNS`): "a Ukrainian mall", "Russian border villages"; not
    the site something came from ("attacked from within Russian territory"). None if it modifies none."""
    token = doc[found.tok_end - 1]
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "Ukrainian and Moldovan towns"
    head = token.head
    while head.dep_ == "compound" and head.head.i != head.i and head.head.i > head.i:
        head = head.head  # "Russian border villages", "a Ukrainian power plant"
    if token.dep_ not in ("amod", "compound", "nmod") or head.i < token.i or head.lemma_.lower() not in SITE_NOUNS:
        return None
    prep = head.head if head.dep_ == "pobj" else None
    if prep is not None and (prep.lower_ == "from" or prep.head.lower_ == "from"):
        return None
    return head


def _town_referred_back(doc, found: FoundPlace) -> bool:
    """Whether a demonym modifies a town that refers back: "the eastern Ukrainian city"."""
    site = _site(doc, found)
    return site is not None and site.lemma_.lower() in ("city", "town", "village") and _refers_back(site)


def claim_places(places: list[FoundPlace], doc) -> list[FoundPlace]:
    """The places a claim may happen at: not a continent or world region, which locates no incident,
    nor a name in an actor's phrase or a hyphenated modifier (`FoundPlace.role`), nor a demonym
    unless it names the country of a site (`_site`): "the Ukrainian capital" is the capital's city."""
    out = []
    for p in places:
        if p.mention.place.precision == "region":
            continue
        if p.role in ("where", "body"):
            out.append(p)
            continue
        site = _site(doc, p) if p.role == "demonym" and p.mention.place.precision == "country" else None
        if site is None:
            continue
        capital = gazetteer().capital(p.mention.place.country) if site.lemma_.lower() == "capital" else None
        out.append(replace(p, mention=replace(p.mention, place=capital)) if capital else p)
    return out


def _telling(verb) -> bool:
    """A verb of saying or reporting: "said", "reported", "pointed out"."""
    lemma = verb.lemma_.lower()
    return lemma in lx.CUES or lemma == "point" and any(c.lower_ == "out" for c in verb.children)


# Where a place is named only to say where the one before it is: "in Logar province south of the
# capital Kabul", "the regions of Chernihiv, north of Kyiv", "Bucha, 30 km from Kyiv"; not "ground
# attacks northwest of Svatove", where it is the attacks' only landmark.
DIRECTIONS = {"north", "south", "east", "west", "northeast", "north-east", "northwest", "north-west", "southeast",
              "south-east", "southwest", "south-west"}


def _reference(doc, found: FoundPlace, places: Sequence[FoundPlace]) -> bool:
    """Whether a place is a reference point for the place named just before it: the object of "of"
    after a direction, or of "from" after a distance, that follows that place."""
    token = doc[found.tok_start:found.tok_end].root
    while token.dep_ in ("appos", "compound", "conj") and token.head.i != token.i:
        token = token.head  # "the capital Kabul", "north of Kyiv and Zhytomyr"
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ == "of" and prep.head.lower_ in DIRECTIONS:
        mark = prep.head
    elif prep.lower_ == "from":
        mark = prep.head if prep.head.lower_ in lx.DISTANCE_UNITS else \
            next((c for c in prep.children if c.lower_ in lx.DISTANCE_UNITS), None)  # "30 km from Kyiv"
    else:
        mark = None
    if mark is None:
        return False
    start = min(t.i for t in mark.subtree if t.i <= mark.i)  # "farther north", "some 30 km"
    return any(p is not found and 0 <= start - p.tok_end <= 1 and all(t.is_punct for t in doc[p.tok_end:start])
               for p in places)


# Verbs whose "from" names where the weapon or the attacker set off, not what was hit: "missiles
# were fired from Tupolevs flying over Belarus", "drones launched from the Kursk region", "crossed
# from Ukraine into the Belgorod region".
LAUNCH_VERBS = {"fire", "launch", "shoot", "attack", "strike", "fly", "cross"}


def _origin(doc, found: FoundPlace) -> bool:
    """Whether a place is where an attack set off from: below a "from" whose head is a verb of
    launching (`LAUNCH_VERBS`)."""
    token = doc[found.tok_start:found.tok_end].root
    for node in token.ancestors:
        if node.dep_ == "prep" and node.lower_ == "from":
            return node.head.lemma_.lower() in LAUNCH_VERBS
        if node.pos_ == "VERB" and node.dep_ not in ("pcomp", "acl"):
            return False  # the clause of the place ends here: "flying over Belarus" goes on up
    return False


# Light verbs that do what their noun names, unlike those that tell its course ("renewed offensive",
# "intensified shelling", which the small model often reads as a verb with an object).
DOING_VERBS = {"conduct", "carry", "stage", "mount", "launch", "unleash", "make"}


def place_for(trigger, sent, places: list[FoundPlace], previous: Sequence[FoundPlace] = ()) -> FoundPlace | None:
    """`previous`: the places of the paragraph before, for "the city" that opens a paragraph. Not a
    place the attack set off from (`_origin`)."""
    in_sent = [p for p in places if sent.start <= p.tok_start < sent.end and not _origin(sent.doc, p)]
    if not in_sent:
        return anaphoric_place(sent, places, previous)
    if all(p.role == "demonym" and _town_referred_back(sent.doc, p) for p in in_sent):
        # "in the eastern Ukrainian city": the town named before, else the country.
        found = anaphoric_place(sent, places, previous)
        if found is not None:
            return found
    subtree = {t.i for t in trigger.subtree}
    verb = trigger.head
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in DOING_VERBS:
        # A light verb's places are its noun's: "continued to conduct ground attacks across the Donetsk
        # Oblast front line", "launched strikes on Kharkiv overnight"; not its subject's.
        subjects = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        subtree |= {t.i for t in verb.subtree} - subjects
    inside = [p for p in in_sent if p.tok_start in subtree]
    # A place in a clause of its own below the trigger is that clause's ("stations in western Ukraine were
    # targeted ..., with five killed when rockets fell in the Vinnytsia region"), when the trigger's own
    # words say where (not only "US Chinook helicopter shot down ... while trying to raid ... Logar").
    if trigger.lemma_.lower() in lx.PREDICATES or trigger.lemma_.lower() in lx.EVENT_NOUNS:
        # Not a statement's: "Putin accuses Washington of seeking to prolong the conflict in Ukraine".
        clauses = {t.i for d in trigger.subtree if d.i != trigger.i and d.pos_ in ("VERB", "AUX")
                   and d.dep_ in ("advcl", "relcl", "pcomp", "ccomp") for t in d.subtree}
        own = [p for p in inside if p.tok_start not in clauses]
        if any(sent.doc[p.tok_start:p.tok_end].root.dep_ == "pobj" for p in own):
            inside = own
    if not inside and trigger.pos_ == "NOUN" and any(
            t.dep_ == "pobj" and t.pos_ == "PROPN" and t.i != trigger.i for t in trigger.subtree):
        return None  # "the capture of the town of Kreminnaare": its own place, unread; not the sentence's other one
    if not inside:
        # Not a place in the phrase of who tells it: "the Institute for the Study of War in Washington
        # pointed out that Tuesday's attack was on a supply hub" (the subject of a verb of saying above
        # the trigger; not "The bombing of Crimea made headlines and crossed red lines").
        tellers = {t.i for node in trigger.ancestors if _telling(node) for c in node.children
                   if c.dep_ in ("nsubj", "nsubjpass") and c.i not in subtree for t in c.subtree}
        in_sent = [p for p in in_sent if p.tok_start not in tellers] or in_sent
    pool = inside or in_sent
    pool = [p for p in pool if p.role != "body"] or pool  # "Kharkiv police": only when nothing else places it
    # A reference point is the place only when the sentence names no other.
    pool = [p for p in pool if not _reference(sent.doc, p, in_sent)] or pool
    # The most precise first: a village beats its region, a region beats a country.
    rank = {"exact": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4}
    # A name before a demonym of the same precision: "Russian bases in Syria" are in Syria.
    return min(pool, key=lambda p: (rank[p.mention.place.precision], p.role != "where", p.tok_start))


# Words that describe the town "the city" refers back to without naming another: "the eastern
# Ukrainian city", "the besieged port city" (not "the capital city", "the second city").
ANAPHORIC_MODIFIERS = {"eastern", "western", "northern", "southern", "north-eastern", "northeastern", "north-western",
                       "northwestern", "south-eastern", "southeastern", "south-western", "southwestern", "central",
                       "besieged", "embattled", "frontline", "front-line", "occupied", "port", "coastal", "industrial",
                       "devastated", "battered", "ruined", "strategic", "key", "small", "large"}


def _refers_back(token) -> bool:
    """Whether "the city"/"the region" refers back to a place named before: "the city", "the eastern
    Ukrainian city"; not "the city of Lviv" nor "the capital city", which name their own."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    return all(c.lower_ in ANAPHORIC_MODIFIERS or c.ent_type_ in ("NORP", "GPE") or c.lower_ in demonyms()
               for c in token.children if c.dep_ in ("compound", "amod", "nmod"))


# What only a town has, whose "its" refers back to the town named before: "its streets", "its mayor".
TOWN_PARTS = {"street", "mayor", "outskirts", "suburb", "neighbourhood", "neighborhood", "downtown"}


def anaphoric_place(sent, places: list[FoundPlace], previous: Sequence[FoundPlace] = ()) -> FoundPlace | None:
    """"A second blast hit the city": "the city" (town, village) is the last town named before this
    sentence in its paragraph, else in the paragraph before (`previous`), and "the region" (oblast,
    province) the last region."""
    for token in sent:
        word = token.lemma_.lower()
        kind = "city" if word in ("city", "town", "village") else "region" if word in ("region", "oblast", "province") \
            else None
        if kind is None and word in TOWN_PARTS and any(c.dep_ == "poss" and c.lower_ == "its" for c in token.children):
            kind = "city"  # "soldiers stay off its streets ... its Russian-backed mayor was poisoned": the town's
        elif kind is None or not _refers_back(token):
            continue
        before = [p for p in places if p.tok_start < sent.start]
        for found in [*reversed(before), *reversed(previous)]:
            precision = found.mention.place.precision
            if kind == "region" and precision == "admin1":
                return found
            if kind == "city" and precision in ("exact", "near"):
                return found
            if kind == "city" and precision == "admin1" and " " not in found.mention.text:
                city = city_of_region(found)  # "Luhansk ... the city": the region's city of that name
                if city is not None:
                    return city
    return None


def _parallel(a, b, common) -> bool:
    """Whether two names are objects of the same preposition repeated after "and" on one head: "the
    shelling of Kharkiv ... and of Marinka", "strikes on Odesa and on Mykolaiv"."""
    preps = []
    for name in (a, b):
        while name.dep_ == "conj" and name.head.i != name.i:
            name = name.head  # "of Marinka, Slavyansk and Kramatorsk": the list's first
        if name.dep_ != "pobj" or name.head.dep_ != "prep" or name.head.head.i != common.i:
            return False
        preps.append(name.head)
    first, second = sorted(preps, key=lambda t: t.i)
    doc = first.doc
    return first.lower_ == second.lower_ and first.i != second.i and second.i > 0 \
        and doc[second.i - 1].lower_ in ("and", "or")


def coordinated(chosen: FoundPlace, sent, places: list[FoundPlace]) -> tuple[PlaceMention, ...]:
    """The places of the sentence coordinated with `chosen`: joined to it by "and"/commas only,
    through prepositions ("of Kharkiv, and of Marinka, Slavyansk and Kramatorsk"), not "north of Kyiv"."""
    def head(found: FoundPlace):
        # The name, not the region word: "the Belgorod and Kursk regions" coordinates the names.
        tokens = sent.doc[found.tok_start:found.tok_end]
        return next((t for t in tokens if t.pos_ == "PROPN"), tokens.root)

    def path(token, stop) -> list:
        edges = []
        while token.i != stop.i and token.head.i != token.i:
            edges.append(token.dep_)
            token = token.head
        return edges if token.i == stop.i else []

    root = head(chosen)
    out = []
    for other in places:
        if other is chosen or not (sent.start <= other.tok_start < sent.end) \
                or other.mention.place.place_id == chosen.mention.place.place_id:
            continue
        o = head(other)
        ancestors = {t.i for t in root.ancestors} | {root.i}
        common = next((t for t in [o, *o.ancestors] if t.i in ancestors), None)
        if common is None:
            continue
        theirs, mine = path(o, common), path(root, common)
        if _other_incident(o, root, common):
            continue  # "the shelling of Kharkiv ..., as well as the capture of Kreminna"
        if _parallel(o, root, common) and not any(p.mention.span == other.mention.span for p in out):
            out.append(other)
            continue
        if _origin(sent.doc, other):
            continue  # "crossed from Ukraine into the Belgorod region"
        # Names joined, not clauses: "crossed from Ukraine ... and fought near Graivoron" lists no place.
        clauses = common.pos_ in ("VERB", "AUX") and "conj" in theirs[-1:] + mine[-1:]
        edges = theirs + mine
        joined = "conj" in edges and set(edges) <= {"conj", "pobj", "prep", "compound", "appos", "nmod"} and not clauses
        if (joined or _listed(chosen, other, sent.doc)) and not any(p.mention.span == other.mention.span for p in out):
            out.append(other)
    return tuple(p.mention for p in out)


def _kinds(token, stop) -> set[str]:
    """What the event nouns from `token` up to `stop` (not included) report."""
    out = set()
    for t in [token, *token.ancestors]:
        if t.i == stop.i:
            break
        if t.pos_ == "NOUN" and t.lemma_.lower() in lx.EVENT_NOUNS:
            out.add(lx.EVENT_NOUNS[t.lemma_.lower()])
    return out


def _other_incident(other, root, common) -> bool:
    """Whether a place coordinated with the chosen one is the place of an incident of another kind,
    named by an event noun of its own: "the shelling of Kharkiv ..., as well as the capture of
    Kreminna" (not "the shelling of Kharkiv and the bombing of Odesa", strikes both)."""
    theirs = _kinds(other, common)
    mine = _kinds(root, common) | ({lx.EVENT_NOUNS[common.lemma_.lower()]} if common.pos_ == "NOUN"
                                   and common.lemma_.lower() in lx.EVENT_NOUNS else set())
    return bool(theirs) and bool(mine) and not theirs & mine


def _listed(chosen: FoundPlace, other: FoundPlace, doc) -> bool:
    """Whether two places are items of one list that the parse did not join: of one country and
    one precision, neither the reference point of the other, with "and" between them ("Soloviove in
    the Donetsk region and Kotliarivka farther north in the Kharkiv region")."""
    a, b = chosen.mention.place, other.mention.place
    if a.country != b.country or a.precision == "country" or b.precision == "country":
        return False
    if a.precision != b.precision and not (_namesake(chosen, other) or _namesake(other, chosen)):
        return False
    first, second = sorted((chosen, other), key=lambda p: p.tok_start)
    between = doc[first.tok_end:second.tok_start]
    # One clause's list: no verb of another clause between ("shelled Kharkiv and attacked Odesa").
    return any(t.lower_ == "and" for t in between) and not any(t.is_sent_start for t in between) \
        and not any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in between) \
        and not _reference(doc, second, [first])


def _namesake(city: FoundPlace, region: FoundPlace) -> bool:
    """Whether a city read as a town may be the region of its name, listed with another region: "the
    regions of Chernihiv, north of Kyiv, and Zhytomyr and Lviv" (a region's word before the first
    name only), not a town in the region it is listed with."""
    town, area = city.mention.place, region.mention.place
    return town.precision == "exact" and area.precision == "admin1" and town.admin1 != area.admin1 and any(
        c.place.country == town.country and c.place.admin1 == town.admin1 for c in gazetteer().region(city.mention.text))
