"""What kind of incident a claim reports: fighting on the ground, strikes from afar, interceptions,
arrests, protests, violence against civilians.

Claims of different kinds never join one event: a ground incursion and a night of drone strikes in
the same region and week are two events. `killed`, `wounded`, `destroyed`, `damaged` and
`identified_as` say nothing of the kind by themselves; they take it from their own sentence's
words, else from the nearest claim of the same article that has one.
"""
from __future__ import annotations

import re

from fogwatch.records import Claim

REMOTE = re.compile(
    r"\b(?:drones?|uavs?|missiles?|rockets?|air ?strikes?|airstrikes?|air raids?|shell(?:ing|ed|s)?|artillery|"
    r"bomb(?:s|ing|ed|ard\w*)?|mortars?|shahed\w*|kamikaze|glide bombs?|ballistic|cruise|strikes?|struck|"
    r"explosions?|explosives?|blasts?|(?:land)?mines?|ieds?|car bombs?|mlrs|grads?|uragans?|smerchs?|tochkas?|"
    r"iskanders?|kalibrs?|himars|howitzers?|multiple rocket)\b",
    re.IGNORECASE)
COMBATANTS = {"fighter", "attacker", "militant", "soldier", "troop", "serviceman", "servicemen", "saboteur", "terrorist",
              "mercenary", "insurgent", "combatant", "infantryman", "paratrooper", "raider", "gunman", "nationalist",
              "pirate"}
AIR = re.compile(r"\b(?:drones?|uavs?|air ?strikes?|airstrikes?|air raids?|(?<!anti-)aircraft|jets?|warplanes?|"
                 r"helicopters?|bombers?|aerial bombs?|air-dropped|shahed\w*|kamikaze|glide bombs?|guided bombs?)\b",
                 re.IGNORECASE)
MISSILE = re.compile(r"\b(?:missiles?|rockets?|shell(?:s|ed|ing)?|artillery|mortars?|ballistic|cruise|mlrs|grads?|"
                     r"howitzers?|multiple rocket|himars|iskanders?|kalibrs?|uragans?|smerchs?|tochkas?)\b",
                     re.IGNORECASE)
EXPLOSIVE = re.compile(r"\b(?:explosions?|explosives?|blasts?|(?:land)?mines?|ieds?|car bombs?|booby[- ]trap\w*|"
                       r"improvised explosive|detonat\w+|bomb(?:s|ing)?)\b", re.IGNORECASE)


def remote_subtype(text: str) -> str:
    """ACLED's sub-type of a strike from afar, from the weapons its reports name."""
    air, missile = len(AIR.findall(text)), len(MISSILE.findall(text))
    if air or missile:
        return "Air/drone strike" if air > missile else "Shelling/artillery/missile attack"
    return "Remote explosive/landmine/IED" if EXPLOSIVE.search(text) else "Shelling/artillery/missile attack"


# A platform a missile is launched from does not make an air strike ("cruise missiles fired from
# Tu-95 bombers"); a missile launched from the air does (ACLED's sub-types: `AIR`, `MISSILE`).
AIR_LAUNCHED = re.compile(r"\bair-launched (?:\w+ )?missiles?\b", re.IGNORECASE)
PLATFORM = r"(?:aircraft|warplanes?|jets?|bombers?|helicopters?|planes?|(?:tu|su|mig)-\d+\w*|tupolevs?)"
LAUNCH_PLATFORM = re.compile(rf"\b(?:from|by) (?:[\w-]+ ){{0,3}}?{PLATFORM}(?: {PLATFORM})?\b", re.IGNORECASE)


def _weapons(text: str) -> list[tuple[int, str]]:
    """Where a sentence names a strike's weapons and of which sub-type: "air" (drones, air strikes,
    air-launched missiles) or "surface" (missiles, rockets, artillery fired from the ground)."""
    def blank(m: re.Match) -> str:
        return " " * len(m.group())

    hits = [(m.start(), "air") for m in AIR_LAUNCHED.finditer(text)]
    text = LAUNCH_PLATFORM.sub(blank, AIR_LAUNCHED.sub(blank, text))
    hits += [(m.start(), "air") for m in AIR.finditer(text)]
    hits += [(m.start(), "surface") for m in MISSILE.finditer(text)]
    return sorted(hits)


def weapon_kinds(text: str) -> set[str]:
    """The sub-types of strike a sentence names: "air", "surface", both ("missile and drone attacks")
    or neither (`_weapons`)."""
    return {kind for _, kind in _weapons(text)}


def split_by_weapon(claims: list[Claim]) -> list[tuple[str | None, list[Claim]]]:
    """One place's strikes of one day, split by sub-type when a report tells strikes of both kinds:
    ACLED codes "Friday's missile and drone attacks" as two events, one per sub-type. Not when
    reports only word one strike differently (a caption's "airstrike" for the missiles the story
    tells). A report that names both kinds, or neither, belongs to each; but a toll or a count of
    damage is counted once: in its own kind's event, else in the kind named first beside it
    ("intense artillery, rocket and drone attacks ... left at least 10 people dead": the shelling)."""
    kinds = [weapon_kinds(c.text) for c in claims]
    if not any(len(named) == 2 for named in kinds) or all(own_mode(c, c.text) == "interception" for c in claims):
        return [(None, claims)]
    parts: dict[str, list[Claim]] = {"air": [], "surface": []}
    for claim, named in zip(claims, kinds):
        if len(named) == 1:
            parts[next(iter(named))].append(claim)
        elif claim.quantity is not None and claim.predicate in OUTCOMES:
            parts[_first_kind(claim, claims, kinds)].append(claim)
        else:
            parts["air"].append(claim)
            parts["surface"].append(claim)
    return [(kind, members) for kind, members in parts.items() if members]


def _first_kind(claim: Claim, claims: list[Claim], kinds: list[set[str]]) -> str:
    """The kind a toll belongs to: the one its sentence names first, else that of the nearest report
    naming one kind, else the first named in any of the reports."""
    def first(text: str) -> str | None:
        hits = _weapons(text)
        return hits[0][1] if hits else None

    own = first(claim.text)
    if own:
        return own
    single = [(abs(c.span.start - claim.span.start), next(iter(k))) for c, k in zip(claims, kinds) if len(k) == 1]
    if single:
        return min(single)[1]
    return next((k for k in map(first, (c.text for c in claims)) if k), "surface")


SEXUAL = re.compile(r"\b(?:rap(?:e|ed|es|ing)|sexual (?:violence|assault))\b", re.IGNORECASE)
ABDUCTION = re.compile(r"\b(?:abduct\w*|kidnap\w*|forced(?:ly)? disappear\w*|taken hostage)\b", re.IGNORECASE)


def civilian_subtype(text: str) -> str:
    """ACLED's sub-type of violence against civilians."""
    if SEXUAL.search(text):
        return "Sexual violence"
    if ABDUCTION.search(text):
        return "Abduction/forced disappearance"
    return "Attack"


# Who fights, which names no way of fighting: "two soldiers were killed" says no more than that.
FIGHTER_WORDS = r"troops?|soldiers?|militants?|militias?|paramilitar\w*|fighters|insurgents?|rebels?|brigades?|" \
    r"battalions?|mercenar\w+"
FIGHTERS = re.compile(rf"\b(?:{FIGHTER_WORDS})\b", re.IGNORECASE)
# Words of fighting on the ground: who fights, and how.
GROUND = re.compile(rf"\b(?:{FIGHTER_WORDS}|infantry|ground (?:attacks?|assaults?|offensive|operations?)|storm\w*|"
                    r"assault\w*|clash\w*|fighting|battles?|advanc\w*|offensive|gunm[ae]n|gunfire|shot|shooting|"
                    r"firefights?|ambush\w*|raids?|incursions?|front ?line|snipers?|reconnaissance|"
                    r"stabb\w+|hand-to-hand|guns?|gunshots?|rifles?|pistols?|handguns?|opened fire|"
                    r"fired (?:his|her|their) (?:weapons?|guns?))\b", re.IGNORECASE)
# A death or wound at close range, with no weapon from afar: ground fighting.
SNIPER = re.compile(r"\b(?:snipers?|shot by|shot dead|gunned down|gunfire|small[- ]arms|firefights?)\b", re.IGNORECASE)
# Crowds: what happens to or among them is a protest or a riot, not a battle.
CROWD = re.compile(r"\b(?:riot(?:s|ers?|ing)?|protesters?|demonstrators?|protests?|demonstrations?|rall(?:y|ies)|"
                   r"marchers?|crowds?)\b", re.IGNORECASE)

# A strike of workers, not of weapons: "during a nationwide strike against spending cuts".
LABOUR_STRIKE = re.compile(r"\b(?:(?:general|nationwide|national|hunger|labou?r|workers'?|public[- ]sector|transport|"
                           r"rail|teachers'?|doctors'?|\d+-hour|one-day|two-day)\s+strikes?|strike action|"
                           r"(?:on|went on|go on|going on)\s+strike|strikers?)\b", re.IGNORECASE)
# Thrown fire: the weapon of a riot, not a remote explosive ("attacked a police station with petrol bombs").
INCENDIARY = re.compile(r"\b(?:petrol[- ]bombs?|molotov(?: cocktails?)?|fire[- ]?bomb\w*|incendiar\w+)\b", re.IGNORECASE)

# Who destroys without a strike from afar: sabotage, ACLED's property destruction.
SABOTEUR_WORDS = r"saboteurs?|partisans?|sabotage"
SABOTEURS = re.compile(rf"\b(?:{SABOTEUR_WORDS})\b", re.IGNORECASE)
# A crewed aircraft brought down is a fight between armed forces, not a weapon intercepted ("the Taliban
# claimed to have shot down the helicopter"; ACLED codes it a clash); drones and missiles are weapons.
CREWED = re.compile(r"\b(?:helicopters?|choppers?|warplanes?|planes?|(?:fighter )?jets?|bombers?|"
                    r"(?:su|mig|ka|mi)-\d+\w*|chinooks?|black hawks?|apaches?)\b", re.IGNORECASE)
PROJECTILES = re.compile(r"\b(?:drones?|uavs?|unmanned|missiles?|rockets?|shahed\w*|projectiles?|balloons?)\b", re.IGNORECASE)
WEAPON_USED = re.compile(r"\b(?:by|with) (?:an? |the |its |their )?(?:[\w-]+ ){0,2}(?:missiles?|rockets?)\b", re.IGNORECASE)

# An armed group harming civilians up close: ACLED's violence against civilians, not a battle or a
# strike ("the mayor was poisoned", "gunmen abducted three aid workers", "executed five civilians").
# Executions of people, not of plans ("executed a counteroffensive").
CIVILIAN_HARM = re.compile(r"\b(?:murder\w*|assassinat\w*|summar(?:y|ily) execut\w*|extrajudicial\w*|"
                           r"execut(?:ed|ing) (?:\w+ ){0,3}(?:civilians?|prisoners?|people|men|women|residents|villagers|"
                           r"captives|pows?|hostages?|detainees)|tortur\w*|abduct\w*|kidnap\w*|"
                           r"rap(?:e|ed|es|ing)|sexual (?:violence|assault)|poison\w*|lynch\w*|behead\w*|"
                           r"forced(?:ly)? disappear\w*)\b", re.IGNORECASE)
# Who is named a civilian (not "a man shot by a sniper", who may be a soldier).
CIVILIANS = {"civilian", "resident", "villager", "child", "children", "journalist", "volunteer", "farmer", "teacher",
             "doctor", "medic", "pensioner"}

OUTCOMES = {"killed", "wounded", "casualties", "destroyed", "damaged"}
LEND_CHARS = 800

# Kinds that may share an event: a strike and the interception of its drones are one night; the blasts
# at a depot and the sabotage said to have caused them are one incident.
FAMILY = {"ground": "ground", "remote": "remote", "interception": "remote", "arrest": "arrest", "protest": "protest",
          "civilians": "civilians", "sabotage": "remote"}
EVENT_PREDICATES = {"killed", "wounded", "casualties", "destroyed", "damaged", "shot_down", "captured", "attacked", "repelled",
                    "crossed", "clashed", "detained", "identified_as", "protested", "rioted"}


def own_mode(claim: Claim, text: str) -> str | None:
    """The kind a claim shows by itself, or None when it must borrow one."""
    p = claim.predicate
    text = LABOUR_STRIKE.sub(" ", text)
    if claim.negated or claim.hedge == "denied":
        return None  # a denial is about the incident reported beside it: it takes that one's kind
    if p == "shot_down":
        weapons = WEAPON_USED.sub(" ", text)  # "a jet shot down by a missile" is a crewed aircraft brought down
        return "ground" if CREWED.search(weapons) and not PROJECTILES.search(weapons) else "interception"
    if p in ("killed", "wounded", "attacked", "detained") and not REMOTE.search(text) and not CROWD.search(text) and (
            CIVILIAN_HARM.search(text) or p in ("killed", "wounded") and SNIPER.search(text)
            and claim.quantity is not None and claim.quantity.unit in CIVILIANS):
        return "civilians"  # "gunmen abducted three aid workers", "soldiers shot dead two civilians"
    if p == "detained":
        return "arrest"
    if p in ("destroyed", "damaged") and SABOTEURS.search(text) and not REMOTE.search(SABOTEURS.sub(" ", text)):
        return "sabotage"  # "Ukrainian partisans likely blew up a railway segment near Poshtove"
    if p in ("protested", "rioted"):
        return "protest"
    if p in ("attacked", "clashed", "wounded", "killed", "damaged", "destroyed") and INCENDIARY.search(text) \
            and not REMOTE.search(INCENDIARY.sub(" ", text)):
        return "protest"  # petrol bombs and firebombs: a riot's weapons
    if p in ("attacked", "clashed", "wounded", "killed", "detained") and CROWD.search(text) and not REMOTE.search(text):
        return "protest"  # police firing warning shots at a riot, clashes between protesters and police
    if p in ("crossed", "captured", "repelled", "clashed"):
        return "ground"
    if p == "attacked":
        return "remote" if REMOTE.search(text) else "ground" if GROUND.search(text) else None
    if p in ("killed", "wounded", "destroyed", "damaged") and REMOTE.search(text):
        return "remote"
    if p in ("killed", "wounded") and SNIPER.search(text):
        return "ground"  # "he was shot by a Ukrainian sniper": a firefight, not a strike
    if p in ("killed", "wounded", "casualties") and claim.quantity and claim.quantity.unit in COMBATANTS \
            and GROUND.search(FIGHTERS.sub(" ", text)):
        return "ground"  # fighters killed in fighting the sentence names: a battle
    return None  # fighters killed with nothing else said borrow the kind told beside them (`default_mode` else)


def assign_modes(claims: list[Claim], article_text: str) -> dict[str, str]:
    """claim_id → mode for the event-bearing claims of one article."""
    relevant = [c for c in claims if c.predicate in EVENT_PREDICATES]
    own = {c.claim_id: own_mode(c, c.text) for c in relevant}
    anchored = [c for c in relevant if own[c.claim_id]]
    modes: dict[str, str] = {}
    for claim in relevant:
        mode = own[claim.claim_id]
        # A death or damage is no arrest: it takes its kind from a strike, a battle or a protest.
        lenders = [c for c in anchored if own[c.claim_id] != "arrest"] if claim.predicate in OUTCOMES else anchored
        # Only the story told nearby (the same or the next paragraph) lends its kind.
        lenders = [c for c in lenders if abs(claim.span.start - c.span.start) <= LEND_CHARS]
        if _civilian_toll(claim):
            # Civilians killed with no weapon named were mostly struck from afar: not the offensive told
            # before ("one woman was killed and two more injured in Donetsk province" after "Russia had
            # launched a 'massive' offensive" on Lysychansk).
            lenders = [c for c in lenders if own[c.claim_id] != "ground"]
        if mode is None and lenders:
            # Nearest claim with a kind, preferring one before this claim (the story told so far).
            def distance(other: Claim) -> tuple[int, int]:
                gap = claim.span.start - other.span.start
                return (0 if gap >= 0 else 1, abs(gap))

            mode = own[min(lenders, key=distance).claim_id]
        modes[claim.claim_id] = mode or default_mode(claim)
    return modes


# Who dies as a civilian in a toll ("one woman was killed", "three people were injured").
CIVILIAN_TOLL = {"civilian", "resident", "woman", "child", "children", "people", "person", "villager", "pensioner"}


def _civilian_toll(claim: Claim) -> bool:
    """Civilians killed or hurt with no weapon and no fighting named in their own sentence."""
    return claim.predicate in ("killed", "wounded", "casualties") and claim.quantity is not None \
        and claim.quantity.unit in CIVILIAN_TOLL and not GROUND.search(claim.text)


def default_mode(claim: Claim) -> str:
    """The kind of a claim that neither it nor its article shows: fighting when it names fighters
    or ground combat, else a strike — most attacks on towns, buildings and civilians that name no
    weapon are strikes from afar ("51 attacks by Russian forces", "Russian attacks destroyed a TV tower")."""
    if claim.predicate in ("crossed", "captured", "repelled", "clashed") or GROUND.search(claim.text):
        return "ground"
    if claim.quantity and claim.quantity.unit in COMBATANTS:
        return "ground"
    return "remote"
