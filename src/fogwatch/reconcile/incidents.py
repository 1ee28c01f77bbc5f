"""One article's claims → incidents: which claims report an incident, and one incident per kind,
place and time, as ACLED codes them.

- **Which claims.** A claim sits in an incident when it says that something happened or did not
  (modality asserted or negated), its figure is not a running total (scope `cumulative`), and it
  is not background: dated more than `BACKGROUND_DAYS` before the article's publication (the 2022
  invasion in a 2024 story, D-Day), or told as the war's past with no date of its own ("at the
  start of the invasion", "in 2014", "years ago"). Only some claims can found an incident
  (`founds_incident`): not denials, negations or identifications, not figures of speech, not a
  pattern a report documents nor the dead found or carried afterwards, and only with a word of
  force (or, for deaths and injuries, a count). A crime story's deaths and arrests make none
  (`crime_story`).
- **One place.** Claims are grouped by the place they name; a claim whose clause names several
  places together ("struck Chernihiv and Zhytomyr") reports an incident at each. A claim that
  names none takes the place below the country of the nearest claim of the same kind before it
  (within `CARRY_CHARS`: the same or the previous paragraph, in practice), else after it; failing
  both, the one place the article gives this kind of incident, if it gives one. A region-level
  claim joins the one town of that region the article's claims of this kind name, and a
  country-level claim the one place of that country, when there is exactly one; otherwise each
  stays its own incident at its own precision ("shelling across the Kharkiv region" beside
  strikes on two towns).
- **Located.** An incident needs a place below the country (`located`): claims that name no place
  stay claims, and so do claims that name only a country, unless they tell a wave that spread
  ("struck targets across Ukraine", "killed in Russian-occupied parts of southern and eastern
  Ukraine": `_spread`), or the text dates them and the article reports that kind of incident
  nowhere more precise on those days. On the dev half of the events gold (session 12), 47 of the
  51 events made at country level with no such test (and 10 of the 11 with no place) had been no
  incident an annotator coded: summaries, campaigns and asides. A state's arrest that names no
  place is coded at that state's country (`_arresting_state`) and needs no date.
- **One time.** Then `cluster.split_by_time` splits each place's claims where their dates cannot be
  one incident.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

from fogwatch.geocode import demonyms, gazetteer
from fogwatch.reconcile.modes import CIVILIAN_HARM, SABOTEURS
from fogwatch.records import Claim, PartialDate, Place

BACKGROUND_DAYS = 14
CARRY_CHARS = 800
CARRY_AFTER_CHARS = 300


# Words that show a claim is about force used, not a figure of speech ("Zelensky attacked the
# decision", "vessels enter the Black Sea", "Russian-occupied regions").
FORCE = re.compile(
    r"\b(?:troops?|forces|soldiers?|servicem[ae]n|army|military|fighters?|militants?|rebels?|insurgents?|gunm[ae]n|"
    r"saboteurs?|militias?|mercenar\w+|terrorists?|pirates?|missiles?|drones?|uavs?|rockets?|shell(?:s|ed|ing)?|artillery|"
    r"mortars?|bomb\w*|explosi\w+|blasts?|air ?strikes?|airstrikes?|air raids?|strikes?|struck|shot|shoot\w*|"
    r"gunfire|fired|killed|killing|dead|died|wounded|injured|casualt\w+|tanks?|armou?red|front ?line|offensive|"
    r"assault\w*|counter-?attack(?:ed|ing)|raids?|clash\w*|fighting|battles?|combat|police|protesters?|rioters?|"
    r"detained|arrested|hostages?|positions?|brigades?|battalions?|regiment|units?)\b", re.IGNORECASE)
# Predicates that are force by themselves; the others need a word of force in their sentence, or
# (deaths and injuries) a count: "three people died" reports an incident, "why die for Danzig?" none.
VIOLENT_PREDICATES = {"shot_down", "repelled", "clashed", "detained", "protested", "rioted"}
COUNTED_PREDICATES = {"killed", "wounded", "casualties"}
# Figures of speech that use the words of force: never an incident.
# "pushed back against the predictions" is no repelled attack, but says nothing of a rally beside it.
PUSH_BACK = re.compile(r"\bpush(?:ed|es|ing)? back against\b", re.IGNORECASE)
FIGURATIVE = re.compile(r"\b(?:red lines?|war of words|trade wars?|price wars?|"
                        r"culture wars?|battle (?:for|over) (?:the )?(?:hearts|votes|market)|(?:die|dying) for)\b",
                        re.IGNORECASE)
# Predicates that describe, but do not report, an incident: they join one, they never make one.
JOIN_ONLY = {"identified_as"}
_TRIGGERS = re.compile(r"\b(?:(?<!counter-)attack\w*|cross\w*|enter\w*|invad\w*|invasion|captur\w*|seiz\w*|occup\w*|"
                       r"took|take[ns]?|strik\w*|struck|hit|destroy\w*|damag\w*)\b", re.IGNORECASE)


# Deaths learnt of when the bodies are found: they happened at some earlier, unknown time ("found a
# mass grave containing 440 bodies", "900 bodies were discovered after the withdrawal").
DISCOVERY = re.compile(r"\b(?:mass graves?|graves?|bodies|remains|corpses)\b.{0,80}\b(?:found|discover\w*|exhum\w*|"
                       r"unearth\w*|recover\w*|uncover\w*)|\b(?:found|discover\w*|exhum\w*|unearth\w*|uncover\w*)"
                       r"\b.{0,60}\b(?:mass graves?|graves?|bodies|corpses)\b|"
                       r"\bdiscover(?:y|ies) of (?:the )?(?:slain|dead|killed|murdered|tortured)\b|"
                       # The dead carried, mourned or buried: "Volunteers carry the body of a civilian killed by ..."
                       r"\b(?:carr(?:y|ies|ied|ying)|bur(?:y|ies|ied|ying)|mourn\w*|identif(?:y|ied|ying))\b.{0,40}"
                       r"\b(?:bod(?:y|ies)|coffins?)\b", re.IGNORECASE)
# A pattern told as such, the matter of a report, not one incident: "widespread and systematic
# torture of civilians", "routinely shelled", "documented 75 cases of arbitrary detention",
# "frequent Ukrainian strikes on occupied Crimea" (not "carries Ukraine in his heart every day").
_VIOLENCE = (r"(?:strikes?|attacks?|shelling|bombardments?|bombings?|raids?|torture|detentions?|arrests?|killings?|"
             r"abductions?|executions?|airstrikes?|air raids?|drone attacks?|missile attacks?)")
_VIOLENT_VERB = r"(?:shell\w*|strik\w*|struck|attack\w*|bomb\w*|target\w*|hit|raid\w*|detain\w*|arrest\w*)"
PATTERN = re.compile(
    r"\b(?:routinely|repeatedly|systematically|time and again|a pattern of|cases of)\b|"
    r"\b(?:widespread|systematic|frequent|constant|regular|routine|repeated|daily|nightly|near-daily|almost daily)"
    rf"(?:,? (?:and )?\w+){{0,2}} {_VIOLENCE}\b|"
    rf"\b{_VIOLENT_VERB}(?: \w+){{0,3}} (?:daily|nightly|every (?:day|night)|constantly|regularly|frequently)\b|"
    rf"\b(?:frequently|constantly|regularly)(?: \w+)? {_VIOLENT_VERB}\b|"
    # "the constant filling of the cells with new people who were detained"
    rf"\b(?:widespread|systematic|frequent|constant|routine|repeated)\b[^.;]{{0,60}}?\b(?:{_VIOLENCE}|{_VIOLENT_VERB})\b",
    re.IGNORECASE)


# Crime with no political side (ACLED's scope leaves it out): theft, stabbings, a drunken brawl,
# a police shooting after a traffic stop.
ORDINARY_CRIME = re.compile(r"\b(?:theft|thefts|stole|stealing|robber\w*|burglar\w*|stab(?:bed|bing)?|stab wounds?|"
                            r"criminal misconduct|drunk\w*|domestic (?:violence|dispute)|shoplift\w*|fraud|"
                            r"traffic stops?|carjack\w*|homicides?)\b",
                            re.IGNORECASE)
# The words of war, which a crime story lacks: "two men were murdered at a shopping centre ... they
# died of stab wounds ... police detained a suspect" is one crime, not a killing and an arrest of war.
WAR = re.compile(r"\b(?:troops?|forces|soldiers?|army|military|militar\w+|militants?|fighters?|rebels?|insurgents?|"
                 r"missiles?|drones?|rockets?|shell(?:s|ed|ing)|artillery|air ?strikes?|airstrikes?|bomb\w*|"
                 r"explosi\w+|front ?line|terror\w*|saboteurs?|spies|spy|espionage|treason|protest\w*|gunm[ae]n|"
                 r"militias?|paramilitar\w+|occupiers?|occupation|separatists?|partisans?|jihadists?|guerrillas?)\b",
                 re.IGNORECASE)
CRIME_PREDICATES = {"killed", "wounded", "casualties", "detained"}


def crime_story(claims: Sequence[Claim]) -> bool:
    """Whether an article's deaths and arrests are ordinary crime: one of its deaths or injuries is
    told with a crime's words (`ORDINARY_CRIME`) and none of those claims speaks of war (`WAR`)."""
    told = [c for c in claims if c.predicate in CRIME_PREDICATES]
    return any(c.predicate != "detained" and ORDINARY_CRIME.search(c.text) for c in told) \
        and not any(WAR.search(c.text) for c in told)
# Being held is no arrest: "imprisoned in Crimea since 2022", "jailed for five years" (a verdict).
HELD = re.compile(r"\b(?:imprison\w*|jail\w*|prison\w*|sentenced|behind bars|in custody)\b", re.IGNORECASE)
ARRESTED = re.compile(r"\b(?:arrest\w*|detain\w*|detention|seized|rounded up|abduct\w*)\b", re.IGNORECASE)


# Who arrests for a state: its government, ministries, security services and forces.
STATE_KINDS = {"government", "ministry", "security_service", "state_forces"}
# The armed makers of an attack: "the Houthis attacked a tanker" is no figure of speech.
ARMED_KINDS = {"state_forces", "armed_group"}
# A nation's attack: "after a Russian attack in Kharkiv", "an Israeli strike on Rafah" (the demonym
# is checked against the gazetteer's: "a Republican attack on the bill" is none).
ATTACK_NOUNS = r"(?:attack|strike|raid|assault|bombardment)s?"
NATIONAL_ATTACK = re.compile(rf"\b([A-Z][a-z]+)(?:-led|-backed)? {ATTACK_NOUNS}\b")
# A country's attack by its name: "Iran's unprecedented attack on Israel", "Russia's missile strikes".
COUNTRY_ATTACK = re.compile(rf"\b([A-Z][a-z]+)['’]s (?:[a-z-]+ ){{0,2}}{ATTACK_NOUNS}\b")


# What a state destroys or damages in war, not in a figure of speech ("destroyed its credibility").
MILITARY_TARGET = re.compile(r"\b(?:refiner(?:y|ies)|(?:fuel|oil|ammunition|arms|weapons?) (?:depots?|dumps?|storage)|depots?|"
                             r"bridges?|air ?bases?|military bases?|airfields?|airports?|substations?|power (?:plants?|stations?)|"
                             r"rail(?:way)? (?:stations?|lines?|tracks?|segments?|junctions?)|warehouses?|command posts?|headquarters|arsenals?|"
                             r"(?:military|energy|port|rail|fuel) (?:facilit(?:y|ies)|infrastructure|installations?)|"
                             r"radar|air defen[cs]e systems?|launchers?|warships?|howitzers?|"
                             r"(?:military|firing|artillery|enemy|defensive|army) positions)\b", re.IGNORECASE)


# An attack on a thing that stands somewhere is no figure of speech: "the recent attack on a TV tower in
# Kharkiv", "a strike on a shopping centre" (not "an attack on democracy", "on the decision").
STRUCK_SITE = re.compile(
    r"\b(?:attacks?|strikes?|shelling|bombing|bombardment|air ?strikes?|airstrikes?) (?:on|of|against) "
    r"(?:a |an |the |its |their )?(?:[\w-]+ ){0,2}(?:towers?|hospitals?|schools?|kindergartens?|apartments?|"
    r"(?:apartment|residential|office) (?:blocks?|buildings?)|buildings?|malls?|shopping cent(?:re|er)s?|markets?|"
    r"railway stations?|train stations?|stations?|power plants?|plants?|factor(?:y|ies)|bridges?|ports?|"
    r"dams?|churches|church|mosques?|homes?|houses?|neighbou?rhoods?|villages?|towns?|cit(?:y|ies))\b",
    re.IGNORECASE)


def _national_attack(text: str) -> bool:
    return any(m.group(1).lower() in demonyms() for m in NATIONAL_ATTACK.finditer(text)) or \
        any(gazetteer().country_named(m.group(1)) is not None for m in COUNTRY_ATTACK.finditer(text))


def founds_incident(claim: Claim) -> bool:
    """Whether a claim can be the first report of an incident, not only join one."""
    if claim.predicate in JOIN_ONLY or claim.hedge == "denied" or claim.negated or claim.modality != "asserted" \
            or FIGURATIVE.search(claim.text) or DISCOVERY.search(claim.text):
        return False
    if claim.predicate in ("killed", "wounded", "detained") and ORDINARY_CRIME.search(claim.text):
        return False
    if claim.predicate == "attacked" and ORDINARY_CRIME.search(claim.text) and not WAR.search(claim.text):
        return False  # "a police officer who killed him after a traffic stop pressed the gun against his head"
    if claim.text.rstrip(" \"'”’)]").endswith("?"):
        return False  # asked, not told: "how many American mothers took to the streets?"
    if PATTERN.search(claim.text) or claim.scope == "background":
        return False  # a pattern, or a past incident recalled to situate the story (`extract.scope.situating`)
    if _summary(claim):
        return False  # "Russian forces last month made further gains in three locations": a summary of a month
    if claim.predicate == "detained" and HELD.search(claim.text) and not ARRESTED.search(claim.text):
        return False
    if claim.predicate == "repelled" and PUSH_BACK.search(claim.text):
        return False
    if CIVILIAN_HARM.search(claim.text) and claim.predicate in ("killed", "wounded", "detained", "attacked"):
        # Counted or dated, and in war (`WAR`): "gunmen abducted three aid workers", "last week its
        # Russian-backed mayor was poisoned"; not a kidnapping in a crime story, nor what a report's
        # witnesses say was done to them in detention ("said they were tortured ... by Russian forces").
        return (WAR.search(claim.text) is not None or claim.agent is not None and claim.agent.kind in ARMED_KINDS) \
            and (claim.quantity is not None or _dated_here(claim))
    if claim.predicate in VIOLENT_PREDICATES or (claim.predicate in COUNTED_PREDICATES and claim.quantity is not None):
        return True
    if claim.predicate == "attacked" and (claim.agent is not None and claim.agent.kind in ARMED_KINDS
                                          or claim.quantity is not None or _national_attack(claim.text)):
        return True  # counted attacks are no figure of speech: "launched 40 strikes", "14 missiles were fired"
    if claim.predicate == "attacked" and STRUCK_SITE.search(claim.text):
        return True
    if claim.predicate in ("attacked", "destroyed", "damaged") and MILITARY_TARGET.search(claim.text) and (
            claim.agent is not None and claim.agent.kind in ARMED_KINDS | {"government"} or SABOTEURS.search(claim.text)):
        return True  # "Russia also destroyed an oil refinery in Kremenchuk", "saboteurs blew up a railway bridge"
    # Words of force other than the claim's own verb ("strike" alone is also the verb of a claim).
    return bool(FORCE.search(_TRIGGERS.sub(" ", claim.text)))


def reports_incident(claim: Claim) -> bool:
    """Whether a claim may sit in an incident: it says that something happened or did not ("no
    indication of enemy fire" answers "shot down"), and its figure is not a running total."""
    return claim.modality in ("asserted", "negated") and claim.scope != "cumulative"


# Words that place a sentence in the war's past without a date (or in history: "during the Second
# World War", "the atomic bombing of Japan"; but "the biggest attack since World War II" is news):
# "at the start of the invasion",
# "in the early months of 2022", "after Russia invaded Ukraine in early 2022", "as its invasion has
# entered its third year", "was briefly occupied", "years ago".
BACKGROUND = re.compile(
    r"\b(?:at the (?:very )?(?:start|beginning|outset) of (?:the|its|russia's|the full-scale) ?(?:full-scale )?"
    r"(?:war|invasion|conflict)|in the (?:early|first) (?:days|weeks|months) of (?:the |its |\d{4})|"
    r"(?:years|decades|centuries) ago|was briefly occupied|during the (?:occupation|siege|cold war|soviet era)|"
    r"in the \d{1,2}(?:st|nd|rd|th) century|in the (?:19|20)\d0s|"
    r"(?<!since )(?<!since the )(?:(?:first|second) world war|world war (?:i|ii|one|two|1|2)|wwi+)|atomic bomb\w*|"
    r"(?:in|since) (?:(?:early|mid|late)[- ])?(?:19|20)\d\d(?!-)|"
    r"(?:enter(?:s|ed|ing)?|into) (?:its|the|a) (?:second|third|fourth|fifth|sixth|\w+th) year)\b", re.IGNORECASE)


# A past war's or battle's year names the history the sentence tells, whatever day the telling has:
# "fighting was fierce in the 1944 battle for Kharkiv, the guide told visitors on Saturday".
HISTORIC = re.compile(r"\bthe ((?:19|20)\d\d) (?:battle|war|siege|offensive|invasion|massacre|uprising|revolution|"
                      r"occupation|bombing|attacks?)\b", re.IGNORECASE)


def is_background(claim: Claim, published: PartialDate | None) -> bool:
    historic = HISTORIC.search(claim.text)
    if historic and (published is None or int(historic.group(1)) < published.date.year):
        return True
    if BACKGROUND.search(claim.text) and (not _dated_here(claim) or claim.when.precision == "year"):
        return True  # told as the war's past, with no date of its own that says otherwise
    if claim.when is None or published is None:
        return False
    # The earliest day the article can have been published: the day, or the first of its month or year.
    reference = published.date if published.precision == "day" else \
        published.date.replace(day=1) if published.precision == "month" else dt.date(published.date.year, 1, 1)
    return claim.when.end < reference - dt.timedelta(days=BACKGROUND_DAYS)


def _place(claim: Claim) -> Place | None:
    return claim.place.place if claim.place else None


def _places(claim: Claim) -> list[Place]:
    """All the places a claim names together: its own and those listed with it."""
    return [p for p in (_place(claim), *(m.place for m in claim.also_places)) if p is not None]


def _within(inner: Place, outer: Place) -> bool:
    if inner.country != outer.country or inner.precision == "country":
        return False
    if outer.precision == "country":
        return True
    return inner.precision != "admin1" and inner.admin1 is not None and inner.admin1 == outer.admin1


def _arresting_state(claim: Claim) -> Place | None:
    """The country of a state's arrest that the text places nowhere: "Russian authorities have
    arrested a deputy defence minister" is an arrest in Russia (ACLED codes it at the country)."""
    agent = claim.agent
    if claim.predicate != "detained" or CIVILIAN_HARM.search(claim.text) or agent is None or agent.kind not in STATE_KINDS \
            or not agent.side or len(agent.side) != 2 or not agent.side.isupper():
        return None
    if claim.patient is None and claim.quantity is None:
        return None  # someone arrested, not arrests in general ("a report detailing 900 cases of ...")
    return gazetteer().country(agent.side)


# A sentence set at sea is not at the town named before it: "the loss of Moscow's flagship in the
# Black Sea, which was hit by a Ukrainian missile" (seas are no gazetteer places).
AT_SEA = re.compile(r"\b(?:in|on|over|into|across|off) the (?:[A-Z]\w+ )*(?:Sea|Ocean|Gulf|Strait|Straits|Bay)\b|"
                    r"\b(?:at|by) sea\b")
# Where a claim happened along a whole front, which no one town of the article stands for: "has
# recaptured dozens of villages on the southern front".
ON_FRONT = re.compile(r"\b(?:on|along|across) the (?:[\w-]+ )?front\b(?![- ]?line)", re.IGNORECASE)


def _apart(claim: Claim) -> bool:
    """Whether an unplaced claim is told at sea or along a front, where the article's town is not."""
    return bool(AT_SEA.search(claim.text) or ON_FRONT.search(claim.text))


def by_place(claims: list[Claim]) -> list[tuple[Place | None, list[Claim]]]:
    """One article's claims of one kind (in text order), grouped by the place of the incident."""
    # Only a place below the country is carried: "tried to get into Russia" says less of where the
    # next sentence's fighters were killed than "crossed into the Belgorod and Kursk regions" before it.
    # Nor a place of the background ("occupied Crimea for eight years": not where today's victims were
    # killed), of a description or a figure of speech (`_anchors`).
    placed = [c for c in claims if _place(c) is not None and _place(c).precision != "country" and _anchors(c)]
    home: dict[str, Place] = {}
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        place = _place(claim)
        if place is None and not _apart(claim):
            before = [c for c in placed if 0 <= claim.span.start - c.span.start <= CARRY_CHARS]
            after = [c for c in placed if 0 < c.span.start - claim.span.start <= CARRY_AFTER_CHARS]
            if before:
                place = _place(before[-1])
            elif after:
                place = _place(after[0])
            else:
                place = _arresting_state(claim) or _front_of(claim, placed)
            if place is not None and place.precision != "country" and (SPREAD.search(claim.text) or _daily(claim)):
                place = gazetteer().country(place.country)  # "intensified assaults along a front": not the town before
        # A claim that names several places ("struck Chernihiv and Zhytomyr") reports at each.
        for where in [place, *(m.place for m in claim.also_places)] if place else [None]:
            where = where and (gazetteer().city_around(where) or where)  # a city's district is the city
            key = where.place_id if where else ""
            if where:
                home[key] = where
            if claim not in groups[key]:
                groups[key].append(claim)
    # A region or a country joins the one more precise place of its kind inside it.
    for key in sorted(groups, key=lambda k: {"admin1": 0, "country": 1}.get(home[k].precision if k else "", 2)):
        place = home.get(key)
        if place is None or place.precision not in ("admin1", "country"):
            continue
        # Only a place where force was used: "Zelensky attacked the decision in Kharkiv" is no anchor.
        inside = [k for k in groups if k and k != key and _within(home[k], place)
                  and any(FORCE.search(c.text) for c in groups[k])]
        if len(inside) != 1:
            continue
        town = groups[inside[0]]
        if place.precision == "admin1":
            # Not a region named in one breath with places outside it ("along the front line of Donetsk,
            # Luhansk and Kharkiv regions"): a front across regions, not the one town's incident.
            if all(any(p.place_id != place.place_id and p.precision != "country" and not _within(p, place)
                       for p in _places(c)) for c in groups[key]):
                continue
            # Nor attacks spread along the region's front ("ground attacks across the Donetsk Oblast front
            # line" beside gains around Bakhmut): the region's own event, as a wave across a country is;
            # "fighting across the Luhansk region" beside the capture of Kreminna is Kreminna's.
            if all(SPREAD.search(c.text) and FRONT.search(c.text) for c in groups[key]):
                continue
            # Nor a claim of the region the text dates to other days than the town's ("a week after at
            # least one person was killed ... at a Russian airbase in Crimea").
            apart = [c for c in groups[key] if _apart_in_time([c], town)]
        elif _spread(groups[key]):
            continue  # a country-wide wave
        else:
            # A claim told at the country on other days than the town's is not the town's incident: a
            # counted wave of another day, "on Saturday, two soldiers were killed by shelling in Ukraine".
            apart = [c for c in groups[key] if _apart_in_time([c], town)]
        town.extend(c for c in groups.pop(key) if c not in apart)
        if apart:
            groups[key] = apart
    # An article that reports one place for this kind tells one incident: its unplaced claims
    # ("Russia says they were Ukrainians", three paragraphs on) are about it.
    placed_keys = [k for k in groups if k and home[k].precision != "country" and any(map(_anchors, groups[k]))]
    if "" in groups and len(placed_keys) == 1:
        unplaced = groups.pop("")
        groups[placed_keys[0]].extend(c for c in unplaced if not _apart(c))
        away = [c for c in unplaced if _apart(c)]  # at sea or along a front: no town's
        if away:
            groups[""] = away
    return [(home.get(key), sorted(members, key=lambda c: c.span.start)) for key, members in groups.items()]


def _anchors(claim: Claim) -> bool:
    """Whether a claim tells an incident at its place, so that the article's unplaced claims may be
    about it: not background, a description, a figure of speech, a crime or a month's summary ("a retaliation
    for bombing the consulate in Damascus" is not where the drones shot down on Sunday were; "the
    bombing of Crimea crossed two red lines" is no battle's place; "helping Israel repel an attack last
    month ... the crisis in Gaza" no place of this year's gains in Ukraine); nor the dead found in a grave
    ("a mass grave containing more than 440 bodies" in Izium: "some had been killed by shelling" is
    not this week's strike on Izium)."""
    return claim.scope != "background" and claim.predicate not in JOIN_ONLY and not FIGURATIVE.search(claim.text) \
        and not ORDINARY_CRIME.search(claim.text) and not _summary(claim) and not DISCOVERY.search(claim.text)


# The words of a day, which a month's or a year's summary lacks ("on Monday" in a story known only
# by its month of publication is still one day's news).
DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|overnight|"
                 r"\d{1,2}(?:st|nd|rd|th)?)\b", re.IGNORECASE)


def _summary(claim: Claim) -> bool:
    """Whether the text dates a claim to a month or a year as a whole ("last month", "in 2023")."""
    return _dated_here(claim) and claim.when.precision in ("month", "year") and not DAY.search(claim.when.text)


def _days(claims: Sequence[Claim]) -> list[tuple[dt.date, dt.date]]:
    """The days the text gives a group of claims ("on Saturday"); none when only publication dates them."""
    return [(c.when.start, c.when.end) for c in claims if _dated_here(c)]


def _dated_here(claim: Claim) -> bool:
    """Whether the text itself dates a claim ("on Saturday"), not only the publication."""
    return claim.when is not None and claim.when.span is not None


# What says an attack spread over a country, not one incident told at the country ("a firebomb attack
# on a bank in Greece"): "across Ukraine", "nationwide", "along a broad front"; or struck many places:
# "several regions", "cities and towns", "Russian-occupied parts of southern and eastern Ukraine" (not
# "border regions" or "frontline villages", the zone of one incursion or front).
SPREAD = re.compile(r"\b(?:across(?! the (?:\w+ )?(?:river|border|strait|bridge|channel))|throughout|nationwide|"
                    r"countrywide|country-wide|all over|along (?:a|the) (?:broad |entire )?(?:front|line)|broad front)\b",
                    re.IGNORECASE)
FRONT = re.compile(r"\bfront(?:[- ]?lines?)?\b", re.IGNORECASE)
MANY_PLACES = re.compile(r"\b(?<!border )(?<!frontline )(?<!front-line )"
                         r"(?:regions|cities|towns|villages|settlements|oblasts|provinces|circuits|parts|stations)\b", re.IGNORECASE)


# What a wave does to many places; not the occupation of "parts of the Ukrainian territory".
STRIKING = {"attacked", "killed", "wounded", "casualties", "destroyed", "damaged"}
# A day's strikes over the whole front, a military's daily summary: "artillery hit 1,260 Ukrainian
# military facilities over the last 24 hours" (the events guide: one country event per type that day).
# Not a day's losses ("Russia lost 500 soldiers over the past day"), a total and no incident.
DAILY = re.compile(r"\b(?:over|in|during|for|within) the (?:last|past|previous) (?:24 hours|twenty-four hours|day)\b",
                   re.IGNORECASE)
DAILY_PREDICATES = {"attacked", "destroyed", "damaged"}
NAMED_AREA = re.compile(r"\b[A-Z][\w'-]+ (?:region|oblast|province|district|governorate)s?\b")


def _daily(claim: Claim) -> bool:
    """A day's strikes told with no place of their own; not one that names its region, even one the
    gazetteer does not know ("76 explosions ... in the Summian region during the last day")."""
    return claim.predicate in DAILY_PREDICATES and DAILY.search(claim.text) is not None \
        and (claim.place is None or claim.place.place.precision == "country") and not NAMED_AREA.search(claim.text)


def _front_of(claim: Claim, placed: Sequence[Claim]) -> Place | None:
    """The country of a daily summary or a dated wave that names no place ("Friday's missile and
    drone attacks across the country"): the one country of the article's placed claims, else the one
    nation it names other than the striker's ("Russia said ... it struck 60 Ukrainian military
    facilities", "attacks across the country, which failed to ... Ukraine's energy infrastructure")."""
    daily = _daily(claim)
    if not daily and not (claim.predicate in STRIKING and SPREAD.search(claim.text) and _dated_here(claim)):
        return None  # an undated wave is the war's ("the deaths of hundreds of thousands of Iraqis")
    countries = {_place(c).country for c in placed}
    if not countries:
        strikers = {a.side for a in (claim.agent, claim.speaker) if a is not None and a.side}
        words = re.findall(r"\b[A-Z][a-z]+\b", claim.text)
        countries = {c.place.country for word in words for c in gazetteer().named(word)
                     if c.kind == "country" and c.via == "demonym"}
        if not daily:  # a wave's country by its name too: "Ukraine's energy infrastructure"
            countries |= {p.country for p in map(gazetteer().country_named, words) if p is not None}
        countries -= strikers
    return gazetteer().country(countries.pop()) if len(countries) == 1 else None


# A wave of missiles or drones by its size, which no one town stands for: "after a massive rocket attack
# in Ukraine in the morning of March 9", "Russia's largest combined missile and drone strike".
MASSED = re.compile(r"\b(?:massive|massed|mass|large-scale|largest|combined)\s+(?:[\w-]+\s+){0,2}?"
                    r"(?:missile|rocket|drone|air)s?\s+(?:(?:and|or)\s+(?:[\w-]+\s+)?(?:missile|rocket|drone)s?\s+)?"
                    r"(?:attacks?|strikes?|barrages?|raids?|salvos?)\b", re.IGNORECASE)


def _spread(claims: Sequence[Claim]) -> bool:
    """Whether country-level claims say a wave spread over the country: its words, strikes on many
    places, its size (`MASSED`), or a day's strikes over the front (`DAILY`)."""
    return any(SPREAD.search(c.text) or c.predicate in STRIKING and (MANY_PLACES.search(c.text) or MASSED.search(c.text))
               or _daily(c) for c in claims)


def _apart_in_time(claims: Sequence[Claim], others: Sequence[Claim]) -> bool:
    """Whether the text dates `claims` to days on which it dates none of `others` (both dated)."""
    mine, theirs = _days(claims), _days(others)
    return bool(mine and theirs) and not any(a <= d and c <= b for a, b in mine for c, d in theirs)


# A counted noun described by its past, in a relative clause or as what a noun shows ("the family of
# a soldier who was killed in Ukraine", "an image of a drone downed in Ukraine"), not the news told
# of it ("a British citizen has been killed", "one soldier died in Ukraine").
RELATIVE_PAST = r"\s+(?:who|which|that)\s+(?:was|were|had been)\s+\w+"
PARTICIPLE_OF = r"\s+(?:[a-z]+ed|shot|hit|struck)\b"


def _counted(claim: Claim, elsewhere: Sequence[list[Claim]]) -> bool:
    """Whether an undated claim told at the country counts an incident of its own: a figure of one
    incident ("a British citizen has been killed ... in Ukraine", "the Patriot battery in Iraq shot
    down one ballistic missile"), which the events guide dates to the days before publication, and
    which the article does not count again at a more precise place (then it is that incident)."""
    if claim.quantity is None or claim.quantity.low is None or claim.scope != "incident" or not founds_incident(claim):
        return False
    counted = re.escape(claim.quantity.text)
    if re.search(counted + RELATIVE_PAST, claim.text) or re.search(r"\bof\s+" + counted + PARTICIPLE_OF, claim.text):
        return False  # whom the sentence is about, killed at some time: "the family of a soldier who was killed"
    return not any(other.predicate == claim.predicate and other.quantity is not None
                   and other.quantity.low == claim.quantity.low for group in elsewhere for other in group)


def located(place: Place | None, claims: Sequence[Claim] = (), elsewhere: Sequence[list[Claim]] = ()) -> bool:
    """Whether an incident is placed well enough for an event: a region or better; a country when
    its claims say a wave spread over it (`_spread`), dated or not, beside the places it hit; else
    only when one of its claims dates it in the text ("on Sunday", not only the publication date) and
    the article reports this kind of incident nowhere more precise that day (`elsewhere`: the
    claims of each more precise place): "on Saturday, 40 Russian missiles were fired" beside
    Sunday's strikes on Kyiv is a wave of its own (the events guide, section 3)."""
    if place is None:
        return False
    if place.precision != "country":
        return True
    if claims and all(c.predicate == "detained" and c.agent is not None and c.agent.side == place.country
                      for c in claims):
        return not elsewhere  # a state's arrest at home is coded at the country when the text gives no more
    if _spread(claims):
        return True  # a wave over the country is an event of its own beside the places it hit, dated or not
    if not _days(claims):
        return any(_counted(c, elsewhere) for c in claims)
    # Told at the country on a day the article places more precisely, it is that incident told again.
    return all(_apart_in_time(claims, group) for group in elsewhere)
