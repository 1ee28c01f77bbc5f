"""What happened to a count: the predicate of a figure, read from the words around its number
(`figures.py` finds the numbers and their nouns).

"31 dead", "two soldiers killed", "31 deaths"; the verb a counted noun is the object or subject of
(kill, destroy, lose, shoot down, launch, through lists and "including"), a result verb ("left nine
dead", "claimed 3,000 lives"), a state ("three people are dead", "nine were reported missing"), or
a tally the number measures ("the death toll rose to 31", "losses include ...", "casualties of about
5,000"); and whether a count of a unit can be what a predicate says happened (`counts`).
"""
from __future__ import annotations

from fogwatch.extract import lexicon as lx
from fogwatch.extract.numbers import VAGUE_SCALE, hung_past_article
from fogwatch.geocode import demonyms
from fogwatch.registry.actors import DEMONYMS

# Words right after a count that say what happened to it: "31 dead", "17 injured".
OUTCOMES = {"dead": "killed", "killed": "killed", "injured": "wounded", "wounded": "wounded", "hurt": "wounded",
            "missing": "missing", "captured": "captured", "detained": "detained", "arrested": "detained",
            "destroyed": "destroyed", "damaged": "damaged", "downed": "shot_down", "intercepted": "shot_down",
            "slain": "killed", "unaccounted": "missing"}
# Nouns that name a tally; the number they are measured by counts their predicate.
TALLY_NOUNS = {"toll": "killed", "death": "killed", "fatality": "killed", "casualty": "casualties",
               "loss": "casualties", "injury": "wounded", "dead": "killed", "victim": "casualties",
               "injure": "wounded", "wound": "wounded", "kill": "killed", "injured": "wounded", "wounded": "wounded"}
# What a total brought up by an event counts: "killed 52, bringing the total to 43,000".
TALLIED = {"killed", "wounded", "casualties", "detained", "destroyed", "shot_down", "missing"}
# "the number of losses is 899", "the total of victims exceeds 465,000": the "of" noun is the tally.
MEASURE_NOUNS = {"number", "total", "tally", "count", "figure"}
# Verbs that carry a tally to its number: "the toll rose to 31", "losses include ...", "stood at".
TALLY_VERBS = {"rise", "climb", "reach", "stand", "be", "include", "total", "exceed", "hit", "top", "increase",
               "grow", "jump", "surpass", "number", "amount", "put", "estimate", "comprise", "raise", "bring", "push",
               "lift", "revise", "update"}
# Verbs whose subject is their infinitive's: "three people seem to have been hit".
RAISING_VERBS = {"seem", "appear"}
CAPTIVE_WORDS = {"hostage", "prisoner", "captive"}
# What the wounded are treated for: "treated for shrapnel wounds", "for exposure to toxic gases".
HARM_NOUNS = {"wound", "injury", "exposure", "burn", "trauma", "poisoning", "shrapnel", "concussion", "fracture",
              "inhalation"}
# The states a count of people is said to be in: "three are dead", "nine were reported missing".
STATES = {"dead", "injured", "wounded", "hurt", "missing", "slain", "unaccounted"}
# Verbs whose subject takes harm as their object: "two officers suffered minor injuries".
HARM_VERBS = {"suffer", "sustain", "receive", "incur"}
# Result verbs: "the strike left nine people dead", "the war has claimed 3,000 lives".
LIFE_VERBS = {"claim", "take", "cost"}
# Event nouns whose "of" phrase is what happened to the count: "a massacre of some 300 people".
OF_EVENTS = {"massacre": "killed", "killing": "killed", "death": "killed", "murder": "killed", "execution": "killed",
             "slaughter": "killed", "loss": "casualties", "injury": "wounded", "wounding": "wounded",
             "arrest": "detained", "detention": "detained", "capture": "captured", "destruction": "destroyed",
             "downing": "shot_down", "interception": "shot_down", "launch": "attacked", "firing": "attacked",
             # Only for lives and remains: "at the cost of tens of millions of lives", "the discovery of
             # hundreds of graves".
             "cost": "killed", "discovery": "killed"}
OF_ONLY = {"cost": {"people"}, "discovery": {"body", "corpse", "remains", "grave"}}
JOINT = {"killed", "wounded", "captured", "missing"}


def joint(verb, predicate: str | None) -> str | None:
    """"killed, injured or captured 5,000 troops": one count of several outcomes is casualties."""
    if predicate not in JOINT:
        return predicate
    verbs = [v for v in (verb, *verb.conjuncts) if v.pos_ == "VERB"]
    ids = {v.i for v in verbs}
    # Only a bare list of verbs shares one count: "four were killed and 17 injured" counts twice.
    listed = [v for v in verbs if all(t.i in ids or t.is_punct or t.dep_ == "cc" or t.dep_ == "auxpass"
                                      for t in verb.doc[min(v.i, verb.i) + 1:max(v.i, verb.i)])]
    found = {lx.PREDICATES.get(v.lemma_.lower()) for v in listed}
    return "casualties" if len(found & JOINT) >= 2 else predicate


IMPACT_VERBS = {"strike", "hit", "crash", "smash", "slam", "fly", "rain", "land", "explode", "pound", "fall",
                "target", "bombard", "shell", "reach"}
REMAINS = {"body", "corpse", "remains", "grave"}
FIND_VERBS = {"find", "discover", "exhume", "recover", "contain", "identify", "uncover", "unearth", "bury", "count", "see",
              "retrieve", "locate", "leave", "pull", "dig"}
PERSON_PREDICATES = {"killed", "wounded", "casualties", "missing", "detained"}
ELIDED = {"other", "others", "more", "them", "those", "these", "who"}
PEOPLE_UNITS = {"person": "people", "life": "people", "dead": "people", "death": "people", "fatality": "people",
                "injury": "people", "injured": "people", "wounded": "people", "casualty": "people", "arrest": "people",
                "murder": "people", "homicide": "people", "killing": "people"}
ATTACK_UNITS = lx.WEAPON_NOUNS | {"strike", "airstrike", "attack", "raid", "salvo", "round", "bomb", "shell",
                                  "munition", "explosion", "sortie"}
THING_PREDICATES = {"destroyed", "damaged", "shot_down"}
ATTACK_EVENTS = {"attack", "strike", "airstrike", "raid", "shelling", "bombardment", "assault", "sortie"}
def is_people(unit: str) -> bool:
    """Whether a unit counts people, for the choices between what happens to people and to things:
    "lost two brave Americans", "lost two siblings" count people, "lost two tanks" things."""
    return unit in lx.PERSON_NOUNS or unit in lx.KIN_NOUNS or unit in demonyms()


def counts(predicate: str, unit: str) -> bool:
    """Whether a count of `unit` can be what `predicate` says happened: people are killed, things
    destroyed, weapons launched; "wounded 51 attacks" or "attacked 144 senators" is a misreading,
    and so is "captured two states" (an election)."""
    if predicate == "attacked":
        return unit in ATTACK_UNITS
    if unit in lx.NOT_COUNTED or predicate == "captured" and unit in lx.WON_NOT_CAPTURED:
        return False
    person = is_people(unit) or unit == "citizen"
    if predicate in THING_PREDICATES:
        return not person or unit == "fighter"  # a fighter jet
    if predicate in PERSON_PREDICATES:
        return person or (unit not in lx.EQUIPMENT_NOUNS and unit not in ATTACK_UNITS
                          and unit not in lx.NOT_COUNTED)
    return True


# Plurals the small model lemmatises wrongly: "bases" as "basis", "graves" as "graf".
LEMMA_FIXES = {"bases": "base", "graves": "grave"}
# Armoured vehicles known by their model: "31 Abrams", "a Leopard 2", "Bradleys".
MODEL_UNITS = {"abrams": "tank", "leopard": "tank", "leopards": "tank", "challenger": "tank", "challengers": "tank",
               "bradley": "vehicle", "bradleys": "vehicle", "marder": "vehicle", "marders": "vehicle",
               "stryker": "vehicle", "strykers": "vehicle"}


def unit_name(noun) -> str:
    lemma = LEMMA_FIXES.get(noun.lower_) or noun.lemma_.lower()
    if noun.lower_ in ("military", "servicemen"):
        return "soldier" if noun.lower_ == "military" else "serviceman"
    if lemma == "member" and any(c.lower_ == "service" for c in noun.children if c.dep_ == "compound"):
        return "servicemember"
    doc = noun.doc
    if not noun.whitespace_ and noun.i + 2 < len(doc) and doc[noun.i + 1].text == "-" \
            and not doc[noun.i + 1].whitespace_ and doc[noun.i + 2].is_alpha:
        lemma = f"{noun.lower_}-{doc[noun.i + 2].lemma_.lower()}"  # "two co-workers" counts co-workers, not "co"
    elif noun.i >= 2 and doc[noun.i - 1].text == "-" and not doc[noun.i - 1].whitespace_ \
            and not doc[noun.i - 2].whitespace_ and doc[noun.i - 2].is_alpha:
        lemma = f"{doc[noun.i - 2].lower_}-{lemma}"  # "20 first-graders"
    if noun.pos_ == "PROPN" and noun.lower_ in MODEL_UNITS:
        return MODEL_UNITS[noun.lower_]
    if noun.pos_ == "PROPN" and lemma.endswith("s") and len(lemma) > 3:
        lemma = lemma[:-1]  # "Crimeans": a demonym the tagger left plural
    if lemma in DEMONYMS and any(c.dep_ == "conj" and c.lemma_.lower().rstrip("s") in DEMONYMS for c in noun.children):
        return "people"  # "tens of thousands of Russians and Ukrainians" counts people of two nations
    return PEOPLE_UNITS.get(lemma, lemma)


def _verb_predicate(verb, noun, unit: str, counted: str = "") -> str | None:
    """What `verb` says happened to `noun` (its object or passive subject)."""
    lemma = verb.lemma_.lower()
    rel = noun.dep_
    children = list(verb.children)
    particle = next((c.lower_ for c in children if c.dep_ in ("prt", "advmod", "prep") and c.i == verb.i + 1), None)
    if (lemma, particle) in lx.PARTICLE_PREDICATES:
        predicate = lx.PARTICLE_PREDICATES[(lemma, particle)]
        if rel == "nsubj" and verb.tag_ != "VBN" and predicate != "attacked":
            return None  # "a man gunned down 49 people": the man did it
        return predicate
    if unit in ATTACK_UNITS and rel == "nsubj" and lemma in IMPACT_VERBS:
        return "attacked"  # "dozens of missiles struck Kyiv", "four rockets smashed into Lviv"
    if lemma == "intercept" and rel in ("dobj", "nsubjpass") and unit not in lx.AIRBORNE and noun.pos_ != "NUM":
        return None  # "intercepted three boats": stopped, not shot down
    if lemma == "leave" and unit not in REMAINS:
        outcome = next((c for c in children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "amod", "advcl")
                        and c.lower_ in OUTCOMES), None)
        if outcome is None:
            outcome = next((t for t in verb.doc[noun.i + 1:noun.i + 3] if t.lower_ in OUTCOMES), None)
        if outcome is None and any(c.dep_ == "prep" and c.lower_ == "with" and any(
                g.lemma_.lower() in ("injury", "wound", "burn") for g in c.children) for c in children):
            return "wounded"  # "left 27 others with injuries"
        return OUTCOMES[outcome.lower_] if outcome is not None else None
    if lemma in ("take", "hold") and is_people(unit) and any(
            c.dep_ in ("dobj", "xcomp", "oprd", "advmod", "npadvmod") and c.lemma_.lower() in CAPTIVE_WORDS
            and c.i != noun.i for c in children):
        return "captured"  # "took nearly 500 people hostage"
    if lemma in LIFE_VERBS:
        # "claimed 3,000 lives"; "8,000 have taken part" takes no lives.
        return "killed" if (counted or noun.lemma_.lower()) in ("life", "lives") else None
    if lemma in ("launch", "fire", "unleash") and unit in lx.WEAPON_NOUNS | {"strike", "airstrike", "attack", "salvo",
                                                                            "shell", "round", "missile"}:
        return "attacked"
    if lemma in ("carry", "conduct", "make", "stage", "mount") and unit in ("strike", "airstrike", "attack", "raid"):
        return "attacked"
    if lemma in ("record", "register", "count", "document", "hear", "report") and rel in ("dobj", "nsubjpass") \
            and unit in ("explosion", "blast", "strike", "airstrike", "attack", "shelling", "impact"):
        return "attacked"  # "76 explosions have been recorded in the Sumy region", "residents heard 10 blasts"
    if lemma in ("die", "perish"):
        return "killed" if rel == "nsubj" else None
    if lx.fatal(verb) and rel in ("dobj", "nsubjpass"):
        return "killed"  # "fatally shot eight people", "two were fatally wounded"
    if _to_death(verb):
        return "killed" if rel in ("dobj", "nsubjpass") else None  # "shot to death one person"
    if lemma == "lose" and rel == "nsubj" and is_people(unit) \
            and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives") for c in children):
        return "killed"  # "three soldiers lost their lives"
    if lemma in HARM_VERBS and rel == "nsubj" and is_people(unit) \
            and any(c.dep_ == "dobj" and c.lemma_.lower() in HARM_NOUNS for c in children):
        return "wounded"  # "two officers suffered minor injuries", "five sustained shrapnel wounds"
    if (lemma in ("be", "remain") and rel == "nsubj" or rel == "nsubjpass") and is_people(unit):
        # "three people are dead", "two remain missing", "nine were reported missing", "one is
        # confirmed dead", "four were listed as wounded"
        state = next((g for c in children for g in (c, *(c.children if c.lower_ in ("as", "among", "of") else ()))
                      if g.dep_ in ("acomp", "attr", "oprd", "xcomp", "pobj", "amod") and g.lower_ in STATES), None)
        # "more than twenty people are on the list of wounded"
        state = state or next((g for c in children if c.dep_ == "prep" and c.lower_ == "on"
                               for lst in c.children if lst.dep_ == "pobj" and lst.lemma_.lower() == "list"
                               for p in lst.children if p.dep_ == "prep" and p.lower_ == "of"
                               for g in p.children if g.dep_ == "pobj" and g.lower_ in STATES), None)
        if state is not None:
            return OUTCOMES[state.lower_]
    if lemma == "be" and rel == "attr" and is_people(unit):
        # "Among the dead were three children", "Of the injured, two are journalists": the count
        # follows the verb; only the preposition gives the state.
        state = next((g for c in children if c.dep_ == "prep" and c.lower_ in ("among", "of")
                      for g in c.children if g.dep_ == "pobj" and g.lower_ in STATES), None)
        if state is not None:
            return OUTCOMES[state.lower_]
    if lemma == "lose":
        if rel in ("dobj", "nsubjpass", "conj", "appos", "pobj"):
            return "casualties" if is_people(unit) else "destroyed"
        return None
    if lemma == "shoot":
        if any(c.lower_ == "down" for c in children):
            return "shot_down"
        if rel == "nsubjpass" and is_people(unit) and not any(
                v.lemma_.lower() in ("kill", "die", "bury", "execute") for v in verb.conjuncts):
            return "wounded"  # "more than a dozen others were shot" (not "shot and killed": the killing counts)
        return None
    if lemma in ("hit", "strike") and is_people(unit) and (rel == "nsubjpass" or
                                                         rel == "nsubj" and verb.dep_ == "xcomp"):
        return "wounded"  # "three people were hit by ricochets", "two civilians were struck by shrapnel"
    if lemma == "hit" or lemma == "strike" or lemma == "target":
        return "attacked" if unit in ("strike", "attack") else None
    if lemma == "treat" and is_people(unit) and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in HARM_NOUNS for g in c.subtree)
            for c in children):
        return "wounded"  # "500 soldiers have been treated for exposure to toxic gases"
    if lemma in HARM_VERBS and rel in ("nsubj", "nsubjpass") \
            and any(c.dep_ == "dobj" and c.lemma_.lower() == "damage" for c in children):
        return "damaged"  # "a power plant ... also suffered damage"
    if unit in REMAINS and lemma in FIND_VERBS and rel in ("dobj", "nsubjpass", "pobj", "conj"):
        return "killed"  # "a mass grave containing more than 440 bodies", "59 bodies exhumed"
    predicate = lx.PREDICATES.get(lemma)
    if predicate in ("attacked", "crossed", "repelled", "casualties"):
        return None
    if predicate == "captured" and lemma in ("liberate", "free", "release") and is_people(unit):
        return None  # people set free are no count of captures (the villages liberated are)
    if predicate == "destroyed" and lemma in ("eliminate", "neutralize", "neutralise") and is_people(unit):
        return "casualties"
    if predicate is not None and rel == "nsubj" and lemma not in ("die",) and verb.tag_ != "VBN":
        return None  # "12 soldiers killed two civilians": the subject did it
    return predicate


def _to_death(verb) -> bool:
    """"shot to death", "beaten to death", "burned to death": the verb killed."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
               for c in verb.children)


def _tally(noun_or_num) -> str | None:
    """The predicate of a tally noun the number measures: "the death toll rose to 31", "casualties of
    5,000", "losses include 1,200 troops", "a toll of 31"."""
    tok = noun_or_num
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return None
        hl = head.lemma_.lower()
        if tok.dep_ == "pobj" and head.lower_ in ("of", "at", "to", "from", "by", "over") and head.head.i != head.i:
            owner = head.head
            ol = owner.lemma_.lower()
            measured = _measured(owner)
            if owner.pos_ == "NOUN" and measured.lemma_.lower() in TALLY_NOUNS:
                return _toll(measured)  # "a toll of 31", "the number of injured at 80"
            if owner.pos_ in ("VERB", "AUX") and ol in TALLY_VERBS:
                subj = _tally_subject(owner)
                if subj is not None and subj.lemma_.lower() in TALLY_NOUNS:
                    return _toll(subj)
                obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
                obj = _measured(obj) if obj is not None else None
                if head.lower_ == "to" and obj is not None and obj.lemma_.lower() in TALLY_NOUNS:
                    return _toll(obj)  # "the agency raised the death toll to 267"
                if head.lower_ == "to" and obj is not None and obj.lemma_.lower() in MEASURE_NOUNS \
                        and owner.dep_ in ("advcl", "conj") and lx.PREDICATES.get(owner.head.lemma_.lower()) in TALLIED:
                    return lx.PREDICATES[owner.head.lemma_.lower()]  # "killed 52, bringing the total to 43,000"
                if head.lower_ == "at" and ol in lx.VALUING_VERBS:
                    # "the UN put the toll at 55", "estimated the number of dead at 200"
                    obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
                    obj = _measured(obj) if obj is not None else None
                    if obj is not None and obj.lemma_.lower() in TALLY_NOUNS:
                        return _toll(obj)
            tok = owner
            continue
        if head.pos_ in ("VERB", "AUX") and hl in TALLY_VERBS and tok.dep_ in ("dobj", "attr", "npadvmod", "oprd", "conj", "advmod"):
            subj = _tally_subject(head)
            if subj is not None and subj.lemma_.lower() in TALLY_NOUNS:
                return _toll(subj)
            return None
        if head.pos_ == "NOUN" and head.lemma_.lower() in TALLY_NOUNS and tok.dep_ in ("appos", "nummod"):
            return _toll(head)
        if tok.dep_ in ("conj", "appos", "prep", "pobj"):
            tok = head
            continue
        return None
    return None


def _tally_subject(verb):
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _measured(subj) if subj is not None else None


def _measured(noun):
    """The tally a measure noun measures: "the number of dead" → "dead"; else the noun itself."""
    if noun.lemma_.lower() in MEASURE_NOUNS:
        inner = [c for p in noun.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
        if inner and inner[0].lemma_.lower() in TALLY_NOUNS:
            return inner[0]
        done = [v for c in inner[:1] for v in c.children if v.dep_ in ("acl", "amod") and v.lemma_.lower() in TALLY_NOUNS]
        if done:
            return done[0]  # "the number of troops killed"
    return noun


def _toll(noun) -> str:
    lemma = noun.lemma_.lower()
    if lemma == "toll":
        return "wounded" if any(c.lemma_.lower() in ("injury", "injured", "wounded") for c in noun.children) else "killed"
    return TALLY_NOUNS[lemma]


def _cases(noun) -> tuple[str | None, object]:
    """The predicate of "864 cases of arbitrary detention", "77 cases of civilians being executed"."""
    if noun.lemma_.lower() != "case":
        return None, noun
    for obj in (c for p in noun.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"):
        if obj.lemma_.lower() in OF_EVENTS:
            return OF_EVENTS[obj.lemma_.lower()], noun
        for verb in (c for c in obj.children if c.dep_ in ("acl", "relcl") and c.tag_ in ("VBN", "VBG")):
            p = _verb_predicate(verb, obj, unit_name(obj))
            if p:
                return p, verb
    return None, noun


def predicate_of(doc, start: int, end: int, noun) -> tuple[str | None, object]:
    """(predicate, trigger token) for the figure doc[start:end] counting `noun` (None: elided).
    A count of attacks is a figure of its own where nothing else is said of it: "four injuries
    from 51 attacks", "Two massive attacks on Russian bases ... have given Ukraine a boost"."""
    found = _said_of(doc, start, end, noun)
    if noun is not None and noun.lemma_.lower() in ATTACK_EVENTS and (
            found[0] is None or not counts(found[0], unit_name(noun))) \
            and not any(c.lower_ in ("last", "final", "next", "first", "second") for c in noun.children):
        return "attacked", noun
    return found


def _said_of(doc, start: int, end: int, noun) -> tuple[str | None, object]:
    # "31 dead", "17 injured", "five more injured", "two soldiers killed", "263 dead Crimeans"
    after = doc[end:min(len(doc), end + 2)] if noun is None else doc[noun.i + 1:min(len(doc), noun.i + 2)]
    for t in after:
        if t.lower_ in OUTCOMES and t.pos_ in ("ADJ", "VERB", "NOUN") and t.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            if t.tag_ == "VBN" or t.pos_ in ("ADJ", "NOUN") or t.dep_ in ("acl", "amod", "conj", "acomp"):
                return OUTCOMES[t.lower_], t
        if t.lower_ not in ("more", "other", "others", "people", "were", "was"):
            break
    if noun is not None:
        for c in noun.children:
            among = [g for g in c.children if g.dep_ == "pobj" and g.lower_ in OUTCOMES] \
                if c.dep_ == "prep" and c.lower_ == "among" else []
            if among:
                return OUTCOMES[among[0].lower_], among[0]  # "a child among the injured"
            if c.dep_ in ("amod", "acl") and c.lower_ in OUTCOMES and (c.i < noun.i or c.tag_ == "VBN"):
                return OUTCOMES[c.lower_], c
            relative = c.dep_ == "relcl" and any(g.dep_ == "nsubjpass" and g.lower_ in ("that", "which", "who")
                                                 for g in c.children)  # "a block that was heavily damaged"
            found_remains = unit_name(noun) in REMAINS and c.lemma_.lower() in FIND_VERBS
            if (c.dep_ == "acl" or relative) and c.tag_ == "VBN" and (c.lemma_.lower() in lx.PREDICATES or found_remains):
                p = _verb_predicate(c, noun, unit_name(noun))
                if p:
                    return p, c
            if c.dep_ in ("acl", "relcl") and c.lemma_.lower() == "die" and c.tag_ in ("VBG", "VBD", "VBN"):
                return "killed", c  # "with 824 Russian troops dying each day"
        lemma = noun.lemma_.lower()
        if lemma in lx.COUNT_NOUNS:
            return lx.COUNT_NOUNS[lemma], noun
        found = _cases(noun)
        if found[0]:
            return found
    anchor = noun if noun is not None else doc[end - 1]
    if noun is None and anchor.dep_ in ("nummod", "quantmod") and hung_past_article(anchor):
        anchor = anchor.head  # "injuring at least 11 [—] a reminder": the number stands where the noun was hung
    tally = _tally(anchor)
    if tally:
        return tally, anchor
    # Walk up through lists and "including" to the verb that says what happened.
    tok = anchor
    unit = unit_name(noun) if noun is not None and noun.lower_ not in ELIDED else "people"
    for _ in range(9):
        head = tok.head
        if head.i == tok.i:
            return None, anchor
        if tok.dep_ == "prep" and tok.lower_ == "with" and head.pos_ == "VERB" and unit in ATTACK_UNITS \
                and head.lemma_.lower() in IMPACT_VERBS | {"attack", "target", "strike"}:
            return "attacked", head  # "struck the cruiser with two missiles"
        if tok.dep_ == "prep" and tok.lower_ == "of" and head.pos_ == "NOUN" and head.lemma_.lower() in OF_EVENTS \
                and unit in OF_ONLY.get(head.lemma_.lower(), {unit}):
            p = OF_EVENTS[head.lemma_.lower()]
            if p == "casualties" and not is_people(unit):
                p = "destroyed"
            return p, head  # "a massacre of some 300 people", "the deaths of hundreds of thousands"
        if tok.dep_ == "pobj" and head.lower_ in ("over", "about", "around", "nearly", "almost", "under") \
                and head.i == start - 1 and head.head.pos_ in ("VERB", "AUX"):
            tok = head  # "shot down over 70 drones" read with "over" as a preposition: a qualifier
            continue
        cases = _cases(head) if tok.dep_ in ("conj", "appos") and head.pos_ == "NOUN" else (None, head)
        if cases[0]:
            return cases  # "864 cases of detention – 763 men, 94 women and seven boys"
        if tok.dep_ in ("conj", "appos") or (tok.dep_ == "pobj" and head.lower_ in ("of", "including", "among", "with")) \
                or (tok.dep_ == "prep" and tok.lower_ in ("including", "among", "along", "with")) \
                or (tok.dep_ == "prep" and tok.lower_ == "of" and (head.like_num or head.lower_ in VAGUE_SCALE)):
            tok = head
            continue
        if head.pos_ in ("VERB", "AUX") or head.tag_ in ("VBN", "VBG"):
            probe = tok
            if tok.dep_ == "pobj":
                return None, anchor
            raised = next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None) \
                if head.lemma_.lower() in RAISING_VERBS and tok.dep_ == "nsubj" else None
            if raised is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in raised.children):
                head = raised  # "three people seem to have been hit": what happened is the infinitive's
            p = joint(head, _verb_predicate(head, probe, unit, noun.lemma_.lower() if noun is not None else ""))
            if p is None and tok.dep_ in ("nsubj", "nsubjpass"):
                # "one man was shot and killed": the verbs after the first share its subject
                for verb in head.conjuncts:
                    if verb.i > head.i and verb.tag_ in ("VBN", "VBD") and not any(
                            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                        p = _verb_predicate(verb, probe, unit, noun.lemma_.lower() if noun is not None else "")
                        if p:
                            head = verb
                            break
            if p is None and head.lemma_.lower() in TALLY_VERBS:
                subj = _tally_subject(head)
                if subj is not None and subj.lemma_.lower() in TALLY_NOUNS and subj.i != tok.i:
                    p = _toll(subj)
            return p, head
        return None, anchor
    return None, anchor
