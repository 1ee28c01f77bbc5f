"""The word lists the claim rules read. Edit here to teach fogwatch a new verb.

Keys are spaCy lemmas. Multi-word cues ("according to") and particles ("shoot down") are handled
in `claims.py` by the parse, not by string matching.
"""
import calendar

# Reporting verbs → the hedge they put on what they report.
CUES = {
    "say": "asserted", "state": "asserted", "announce": "asserted", "tell": "asserted", "add": "asserted",
    "declare": "asserted", "write": "asserted", "note": "asserted", "insist": "asserted", "warn": "asserted",
    "explain": "asserted", "stress": "asserted", "assert": "asserted", "maintain": "asserted",
    "argue": "asserted", "reiterate": "asserted", "estimate": "asserted", "predict": "asserted",
    "call": "asserted", "describe": "asserted", "brand": "asserted", "label": "asserted", "term": "asserted",
    "promise": "asserted", "vow": "asserted", "threaten": "asserted", "boast": "asserted", "report": "reported",
    "confirm": "confirmed", "acknowledge": "confirmed", "admit": "confirmed", "verify": "confirmed",
    "concede": "confirmed",
    "claim": "alleged", "allege": "alleged", "accuse": "alleged", "suggest": "alleged", "believe": "alleged",
    "think": "alleged", "suspect": "alleged", "assume": "alleged", "speculate": "alleged", "fear": "alleged",
    "deny": "denied", "reject": "denied", "dismiss": "denied", "refute": "denied", "disput": "denied",
    "dispute": "denied", "document": "asserted", "record": "asserted", "register": "asserted", "reveal": "asserted", "specify": "asserted", "disclose": "asserted", "show": "asserted", "indicate": "asserted", "quote": "reported", "cite": "reported",
    "mention": "asserted", "inform": "asserted", "tweet": "asserted", "recount": "asserted",
    "identify": "asserted", "count": "asserted", "tally": "asserted", "publish": "asserted", "release": "asserted",
    "put": "asserted",
}
# Verbs that give a tally its value: "the UN put the toll at 55" (a cue only so: see cues.is_cue).
VALUING_VERBS = {"put", "estimate", "place", "set"}
TOLL_WORDS = {"toll", "number", "figure", "count", "tally", "total", "death", "casualty", "loss"}
# A source that is the outlet's own staff: "Associated Press journalists in Kharkiv say ...", "our
# correspondent saw ..." report in the outlet's voice (no speaker).
SPEECH_NOUNS = {"speech", "address", "remarks", "remark", "statement", "transcript", "text"}
REPORTER_NOUNS = {"journalist", "reporter", "correspondent", "photographer", "crew", "videographer"}
# Cues that report only when their subject is data: "figures from the UN show that ...".
DATA_CUES = {"show", "indicate"}
DATA_NOUNS = {"data", "datum", "figure", "estimate", "statistic", "report", "tally", "count", "assessment", "record",
              "number", "document", "survey", "study", "analysis", "update"}
# "according to X": a report when X is a report or the media (or missing), else X's own assertion.
# Lemmas: spaCy reads "media" as "medium".
REPORT_SOURCES = {"report", "reports", "media", "medium", "newspaper", "outlet", "broadcaster", "television"}


def according_to_hedge(source_lemma: str | None) -> str:
    return "reported" if source_lemma is None or source_lemma in REPORT_SOURCES else "asserted"


# Cues that need a clause or an identity to be a claim at all ("call" is a claim only as "call them X").
IDENTITY_CUES = {"call", "describe", "brand", "label", "term", "identify"}
# Cues that report a count only when their object is one: "volunteers identified 263 dead", "police
# counted 12 bodies" (but "identified them as saboteurs" is an identity, "it counts" nothing).
COUNTING_CUES = {"identify", "count", "tally"}
# Cues that state something only by what they put out: "the staff published information on losses".
PUBLISHING_CUES = {"publish", "release"}

# Verbs whose clause is a fact whatever the verb's own mood: "we will never forget that ... perished".
FACTIVE_VERBS = {"forget", "remember", "recall", "regret", "mourn", "commemorate", "know", "realise", "realize"}

# Adverbs that hedge the clause they modify.
HEDGE_ADVERBS = {
    "allegedly": "alleged", "purportedly": "alleged", "supposedly": "alleged", "apparently": "alleged",
    "reportedly": "reported", "officially": "confirmed",
}

# Verbs → predicate. ("shoot", "down") style particle verbs are in PARTICLE_PREDICATES.
PREDICATES = {
    "kill": "killed", "slay": "killed", "murder": "killed", "execute": "killed", "massacre": "killed",
    "die": "killed", "perish": "killed",
    "wound": "wounded", "injure": "wounded", "maim": "wounded", "hurt": "wounded",
    "destroy": "destroyed", "demolish": "destroyed", "raze": "destroyed", "wreck": "destroyed", "sink": "destroyed",
    "eliminate": "destroyed", "neutralize": "destroyed", "neutralise": "destroyed", "disable": "destroyed",
    "damage": "damaged",
    "intercept": "shot_down", "down": "shot_down",
    "capture": "captured", "seize": "captured", "occupy": "captured", "retake": "captured", "recapture": "captured",
    "liberate": "captured", "overrun": "captured", "regain": "captured",
    "attack": "attacked", "strike": "attacked", "shell": "attacked", "bomb": "attacked", "raid": "attacked",
    "storm": "attacked", "assault": "attacked", "target": "attacked", "hit": "attacked", "ambush": "attacked",
    "counterattack": "attacked",
    "repel": "repelled", "repulse": "repelled", "thwart": "repelled", "foil": "repelled", "rebuff": "repelled",
    "cross": "crossed", "infiltrate": "crossed", "invade": "crossed", "enter": "crossed",
    "detain": "detained", "arrest": "detained", "imprison": "detained", "jail": "detained", "apprehend": "detained",
    "nab": "detained", "assassinate": "killed", "torture": "wounded", "poison": "attacked",
    "hospitalize": "wounded", "hospitalise": "wounded", "fire": "attacked", "lose": "casualties",
    "bombard": "attacked", "pound": "attacked", "pummel": "attacked", "blast": "attacked",
    "explode": "attacked", "detonate": "attacked", "firebomb": "attacked", "vandalise": "rioted", "vandalize": "rioted",
}
# What is fired when "fire" shoots: "fired shots", "fired three rounds", "fired a volley".
SHOT_NOUNS = {"shot", "round", "salvo", "volley", "burst", "bullet", "shell", "flare", "warning", "tear", "gas",
              "cannon", "gun", "weapon", "rifle", "artillery", "barrage"}
# Objects that make "strike" no attack: "struck a deal", "strike a balance", "strike a blow".
STRUCK_IDIOMS = {"deal", "agreement", "accord", "bargain", "compromise", "pact", "balance", "chord", "tone", "note",
                 "pose", "blow", "match", "fear", "terror", "nerve", "gold", "oil", "figure", "partnership"}
# Objects that make "occupy" no capture: "occupy an important space", "occupied the top spot".
OCCUPIED_IDIOMS = {"space", "place", "position", "role", "spot", "seat", "post", "office", "time", "mind", "attention",
                   "thought", "centre", "center", "stage", "niche", "rank", "slot", "share", "part", "percent"}
# Verbs that kill when done "fatally": "fatally shot eight people", "was mortally wounded".
FATAL_VERBS = {"shoot", "stab", "wound", "injure", "hit", "strike", "beat", "burn", "hurt"}


def verb_of(token):
    """The nearest verb at or above `token` (the token itself if it is one): a noun's clause."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def fatal(verb) -> bool:
    """"Fatally shot", "mortally wounded", "shot dead", "shot three protesters dead"."""
    return verb.lemma_.lower() in FATAL_VERBS and any(
        c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally")
        or c.dep_ in ("acomp", "oprd", "advcl", "xcomp", "advmod") and c.lower_ == "dead" for c in verb.children)


# Verbs of motion that report a strike when a weapon moves: "rockets slammed into the station",
# "four missiles smashed into Lviv", "debris fell on a village"; not "prices fell".
IMPACT_VERBS = {"slam", "smash", "crash", "fall", "land", "rain", "plough", "plow", "tear", "fly", "reach"}
IMPACT_NOUNS = {"debris", "fragment", "fragments", "wreckage", "shrapnel"}
PARTICLE_PREDICATES = {
    ("shoot", "down"): "shot_down", ("knock", "out"): "destroyed", ("beat", "back"): "repelled",
    ("fight", "off"): "repelled", ("push", "back"): "repelled", ("break", "through"): "crossed",
    ("take", "over"): "captured", ("blow", "up"): "destroyed", ("go", "off"): "attacked",
    ("gun", "down"): "killed", ("mow", "down"): "killed", ("wipe", "out"): "destroyed",
}
# "took control of X", "stopped the incursion": verb + object noun → predicate.
VERB_OBJECT_PREDICATES = {
    ("take", "control"): "captured", ("gain", "control"): "captured", ("seize", "control"): "captured",
    ("stop", "incursion"): "repelled", ("stop", "attack"): "repelled", ("stop", "advance"): "repelled",
    ("halt", "advance"): "repelled", ("halt", "incursion"): "repelled", ("stop", "offensive"): "repelled",
    ("take", "territory"): "captured", ("make", "gain"): "captured", ("make", "advance"): "captured",
    ("lay", "siege"): "clashed",
}
# Units of distance: "30 km from Kyiv", "advancing about 5km".
DISTANCE_UNITS = {"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters"}
# Event nouns, which make a claim when a light verb, an existential or a reporting verb carries them.
EVENT_NOUNS = {
    "attack": "attacked", "strike": "attacked", "airstrike": "attacked", "raid": "attacked",
    "assault": "attacked", "bombardment": "attacked", "shelling": "attacked", "bombing": "attacked",
    "incursion": "crossed", "invasion": "crossed", "offensive": "attacked", "counteroffensive": "attacked",
    "counterattack": "attacked",
    "battle": "clashed", "clash": "clashed", "fighting": "clashed", "shootout": "clashed", "firefight": "clashed",
    "skirmish": "clashed",
    "protest": "protested", "demonstration": "protested", "rally": "protested", "sit-in": "protested",
    "riot": "rioted", "unrest": "rioted", "vigil": "protested",
    "explosion": "attacked", "blast": "attacked", "detonation": "attacked",
    "siege": "clashed", "capture": "captured",
    "murder": "killed", "assassination": "killed",
}
# What makes a strike a stoppage of work: "Wednesday's massive general strike".
LABOUR_STRIKES = {"general", "hunger", "labour", "labor", "national", "nationwide", "workers", "transport", "rail",
                  "teachers", "doctors", "one-day", "two-day", "24-hour", "48-hour"}
# Words that date an event as its possessor: "after Friday's missile attacks", "yesterday's blast".
DAY_WORDS = {name.lower() for name in calendar.day_name} | {"yesterday", "today", "tonight", "overnight"}
# Verbs that report an event noun as their subject: "explosions rocked the city", "blasts were heard
# in Kyiv", "76 explosions were recorded".
WITNESS_VERBS = {"rock", "shake", "hear", "record", "register", "echo", "ring", "tear", "rip", "cause", "spark",
                 "report", "light"}
# How fierce fighting is, when a sentence says only that: "fighting has been heavy around Lysychansk".
INTENSE = {"heavy", "fierce", "intense", "intensive", "ferocious", "bitter", "brutal", "bloody", "relentless", "raging"}
# Rooms and buildings one enters without crossing into anywhere: "servicemen enter an apartment".
INDOORS = {"apartment", "flat", "house", "home", "building", "room", "office", "premises", "shop", "store", "restaurant",
           "cafe", "bar", "hotel", "church", "hall", "courtroom", "room", "basement", "cellar", "garage", "yard"}
# Places that "fall" to a force: "the city has fallen", "the stronghold fell".
HELD_PLACES = {"city", "town", "village", "stronghold", "settlement", "port", "base", "airport", "capital", "garrison"}
# Where and over what people rally when they demonstrate ("rallied in Kyiv", "rallied against the war").
RALLY_PREPOSITIONS = {"in", "at", "outside", "near", "across", "through", "on", "before", "around", "to"}
PROTEST_SITES = {"square", "street", "parliament", "embassy", "consulate", "statehouse", "capitol", "headquarters",
                 "palace", "court", "courthouse", "ministry", "hall", "building", "office", "campus", "university"}
# A rally of an election campaign, where a candidate speaks: not a demonstration.
CAMPAIGN_WORDS = {"campaign", "election", "electoral", "reelection", "re-election", "stump", "political", "primary"}
# Who is dispersed at a protest: "used water cannon to disperse protesters".
CROWD_NOUNS = {"protester", "protestor", "demonstrator", "crowd", "rally", "rioter", "marcher", "activist"}
# Verbs that carry a protest noun as their object: "held a rally", "joined the protests".
PROTEST_CARRIERS = {"hold", "stage", "organise", "organize", "join", "attend", "lead", "call", "disperse",
                    "break", "ban", "block", "police"}
# Verbs of protest that report one only without an object ("thousands rallied", not "rallied support";
# "demonstrated against the war", not "demonstrated its strength").
PROTEST_VERBS = {"protest": "protested", "demonstrate": "protested", "rally": "protested", "riot": "rioted",
                 "march": "protested"}
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "make", "begin", "start", "unleash", "continue",
               "repel", "report", "resume", "intensify", "escalate", "renew", "step", "execute", "perpetrate"}
# Light verbs that fire weapons: "unleashing a barrage of missiles", "launched a wave of drones".
FIRING_VERBS = {"launch", "unleash", "fire"}
# Verbs that tell an event noun's course, which a war or an invasion has all along ("as the invasion
# continues", "the war could escalate"): for fighting, they report fighting.
PROGRESS_VERBS = {"continue", "rage", "rag", "flare", "intensify", "resume", "escalate"}  # "rag": the small model's "raged"
HAPPEN_VERBS = {"happen", "occur", "take", "break", "erupt"} | PROGRESS_VERBS
# The words that report an incident by themselves: a main clause with one reports what its
# subordinate clause tells (`scope.situating`): "Violence also broke out in Thessaloniki, where
# another 20,000 people marched".
SITUATED = set(PREDICATES) | set(EVENT_NOUNS) | HAPPEN_VERBS | {"violence", "besiege", "surround", "encircle", "blockade"}
# Nouns standing between a light verb and the event: "a series of drone strikes".
CONTAINER_NOUNS = {"series", "wave", "number", "string", "spate", "barrage", "round", "report", "reports", "salvo",
                   "campaign", "set"}
# Fixed phrases that use a verb of saying as a discourse marker of the writer's: no one says anything
# in "That being said, EU officials are sceptical" or "Having said that, the army shelled the town".
SAYING_ASIDES = ("that being said", "this being said", "having said that", "having said this", "that said,",
                 "this said,", "needless to say", "so to speak", "to say the least", "suffice it to say",
                 "suffice to say", "that is to say", "goes without saying", "be that as it may")
# "No indication of hostile fire", "no sign that the plane was shot down": what is said to be absent.
NO_EVIDENCE = {"indication", "sign", "evidence", "suggestion", "proof", "trace"}
# Verbs of what evidence shows, which, negated, say an event did not happen as told: "reports do not
# indicate it was caused by enemy fire".
EVIDENCE_VERBS = {"indicate", "suggest", "show", "point"}
# Unnamed evidence as the source of a cue: "preliminary reports indicate", "the data shows".
EVIDENCE_SOURCES = {"report", "data", "evidence", "finding", "footage", "image", "video", "assessment", "analysis",
                    "investigation", "result"}
# Fire that is shooting: "came under enemy fire", "no indication of hostile fire".
HOSTILE_FIRE = {"hostile", "enemy", "artillery", "mortar", "sniper", "rocket", "machine-gun", "gun", "anti-aircraft",
                "tank", "small-arms", "friendly"}
# A mishap that answers a claim of a shoot-down ("points to a technical failure", "a malfunction").
MISHAPS = {"malfunction", "mishap", "accident"}
FAILED_PARTS = {"technical", "mechanical", "engine", "system", "equipment", "electrical", "navigation", "hydraulic"}
# What "intercept" downs: "intercepted 30 drones"; not "intercepted three boats" or a phone call.
AIRBORNE = {"drone", "missile", "rocket", "uav", "projectile", "aircraft", "plane", "jet", "helicopter", "warplane",
            "bomber", "fighter", "shahed", "target", "shell", "munition", "balloon", "cruise", "ballistic"}
# What rioters throw: "threw bottles at police", "hurled stones at the officers".
THROWN = {"stone", "rock", "bottle", "brick", "molotov", "cocktail", "firebomb", "firecracker", "flare", "projectile",
          "object", "egg", "chair"}
PERSON_NOUNS = {"fighter", "soldier", "pirate", "militant", "civilian", "people", "person", "troop", "serviceman", "servicemen",
                "martyr", "jihadist", "recruit", "conscript", "crewman", "paramedic",
                "saboteur", "terrorist", "mercenary", "insurgent", "rebel", "child", "woman", "man", "resident",
                "officer", "member", "attacker", "infantryman", "paratrooper", "combatant", "personnel", "casualty",
                "worker", "journalist", "police", "policeman", "volunteer", "guerrilla", "partisan", "marine",
                "prosecutor", "official", "commander", "mayor", "governor", "politician", "activist", "priest",
                "teacher", "doctor", "nurse", "medic", "driver", "farmer", "boy", "girl", "teenager", "student",
                "reporter", "photographer", "employee", "pilot", "guard", "sailor", "colonel", "general",
                "deputy", "lawmaker", "blogger", "citizen", "national", "hostage", "prisoner", "pensioner",
                # the people of crime, riot and disaster reports (ECB+, GeoWebNews)
                "villager", "nun", "monk", "worshipper", "pilgrim", "tourist", "passenger", "shopper", "patient",
                "pupil", "infant", "baby", "toddler", "refugee", "migrant", "detainee", "inmate", "protester",
                "demonstrator", "rioter", "bystander", "pedestrian", "commuter", "diplomat", "peacekeeper",
                "firefighter", "rescuer", "paramedic", "miner", "fisherman", "spectator", "crewman", "crew member",
                "contractor", "aid worker", "staffer", "employee", "survivor", "suspect", "gunman"}
WEAPON_NOUNS = {"drone", "missile", "rocket", "shell", "bomb", "projectile", "munition", "uav", "mortar", "grenade"}
# What "goes off": "a bomb went off", not "sirens went off".
EXPLOSIVE_NOUNS = WEAPON_NOUNS | {"explosive", "device", "ied", "mine", "charge", "car", "vest", "explosion", "blast",
                                  "bomber", "landmine", "booby", "trap"}
# Verbs a speech or a review uses as often as a war: "Putin blasted Washington's policies",
# "pummelled by sanctions". They report an attack only where a weapon or a force does it, or a
# place or a military target takes it.
FIGURATIVE_ATTACKS = {"blast", "pummel", "pound", "hammer", "batter", "bombard"}
FORCE_NOUNS = {"artillery", "troops", "troop", "force", "forces", "army", "military", "jet", "aircraft", "warplane",
               "navy", "ship", "warship", "tank", "gunman", "militant", "fighter", "rebel", "insurgent", "soldier",
               "battery", "gun", "howitzer", "airstrike", "shelling", "fire"}
# A pause or end of fighting asserts no incident: "a four-day halt in fighting in Ukraine".
STOP_NOUNS = {"halt", "pause", "end", "cessation", "ceasefire", "cease-fire", "truce", "stop", "suspension", "lull",
              "freeze", "moratorium"}
TARGET_NOUNS = {"position", "city", "town", "village", "base", "airfield", "port", "line", "trench", "area", "district",
                "region", "neighbourhood", "neighborhood", "building", "infrastructure", "target", "stronghold",
                "outpost", "depot", "bridge", "coast", "border", "front", "suburb", "settlement", "camp", "hospital",
                "school", "market", "facility", "plant", "grid"}
# Things counted in "destroyed a tank" / "shot down a drone": where "a" means one.
EQUIPMENT_NOUNS = {"tank", "vehicle", "gun", "howitzer", "drone", "aircraft", "plane", "jet", "helicopter", "ship",
                   "boat", "vessel", "missile", "launcher", "system", "truck", "carrier", "depot", "bridge",
                   "refinery", "building", "warship", "submarine", "radar", "battery", "artillery", "mortar",
                   "rocket", "uav", "fighter", "bomber", "train", "locomotive", "warehouse", "hospital", "school",
                   "house", "home", "village", "town", "city", "settlement", "airfield", "base", "headquarters",
                   "command post", "position", "apc", "ifv", "bmp", "btr", "frigate", "cruiser", "corvette",
                   "satellite", "substation", "plant", "facility", "port", "checkpoint", "convoy"}
# Units that measure rather than count the patient: never a figure of a claim.
NOT_COUNTED = {"minute", "hour", "day", "week", "month", "year", "kilometre", "kilometer", "km", "mile", "metre",
               "meter", "percent", "%", "inch", "foot", "feet", "time", "part", "share", "economy", "square",
               "dollar", "euro", "rouble", "ruble", "hryvnia", "ton", "tonne", "barrel", "attempt", "way", "step",
               "billion", "million", "trillion", "thousand", "hundred", "kilogram", "kg", "litre", "liter", "acre",
               "hectare", "point", "degree", "vote", "seat", "sanction", "package", "wound", "shot", "bullet",
               # what politics, sport and offices count: "destroyed 34,000 emails", "in 3 minutes 32 seconds"
               "second", "email", "e-mail", "message", "file", "document", "page", "photo", "image", "picture",
               "medal", "trophy", "title", "award", "championship", "game", "match", "goal", "follower",
               "subscriber", "viewer", "fan", "customer", "user"}
# What is won, not captured: "Cruz captured two states", "had captured 1,944 delegates".
WON_NOT_CAPTURED = {"state", "delegate", "justice", "primary", "caucus", "elector", "nomination", "heart", "imagination"}
# Who has children: "a father of seven" counts no victims.
KIN_ROLES = {"father", "mother", "parent", "grandfather", "grandmother", "grandparent", "mum", "mom", "dad"}
# Kin, counted as people: "who had lost two siblings".
KIN_NOUNS = {"sibling", "brother", "sister", "son", "daughter", "child", "parent", "father", "mother", "husband",
             "wife", "relative", "cousin", "grandchild", "grandson", "granddaughter", "uncle", "aunt", "nephew",
             "niece", "family"}
# Nouns that are themselves a count of an outcome: "12 deaths", "30 casualties among the fighters".
COUNT_NOUNS = {"death": "killed", "fatality": "killed", "dead": "killed", "injury": "wounded", "injured": "wounded",
               "wounded": "wounded", "casualty": "casualties", "arrest": "detained", "murder": "killed",
               "homicide": "killed", "killing": "killed"}

# Verbs of attempt: what they try to kill did not die, but what they try to storm was attacked.
ATTEMPT_VERBS = {"try", "attempt", "conspire", "plot", "scheme"}
# Verbs whose infinitive names something not (yet) done: "threatened to strike", "is going to attack".
INTENT_VERBS = {"go", "plan", "threaten", "intend", "want", "aim", "prepare", "seek", "vow", "promise", "hope",
                "wish", "mean", "expect", "propose", "offer", "decide", "refuse", "need", "have", "consider",
                "allow", "enable", "permit", "help", "able", "ready", "obligate", "oblige", "require", "urge",
                "ask", "order", "authorize", "authorise", "approve", "appeal", "encourage", "instruct",
                "command", "invite", "demand"} | ATTEMPT_VERBS


def calls_on(verb) -> bool:
    """"Called on Wagner members to arrest him": a call to do, not a report of it done (unlike
    "called the strike a war crime")."""
    return verb.lemma_.lower() == "call" and any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in verb.children)


def attempted_is_done(verb) -> bool:
    """Whether trying to do `verb` is itself the incident: "tried to storm the building", "tried to
    break through", "was trying to advance" (an attack, a crossing); not "tried to kill four officers"."""
    lemma = verb.lemma_.lower()
    done = {"attacked", "crossed", "clashed"}
    return PREDICATES.get(lemma) in done or lemma == "advance" or any(
        PARTICLE_PREDICATES.get((lemma, c.lower_)) in done for c in verb.children if c.i == verb.i + 1)


# Verbs whose object is an event that has not happened: "warned of an attack" is a preposition's,
# "feared an offensive", "predicted an assault", "prevent an invasion", "deter an attack".
FORESEE_VERBS = {"fear", "predict", "forecast", "anticipate", "prevent", "deter", "avert", "risk", "contemplate",
                 "envisage", "rehearse", "simulate", "imagine"}
# Verbs that give someone a task to do "with" a gerund: "tasked their troops with capturing Chasiv
# Yar by May 9" orders a capture, it does not report one. Not "charge" ("charged with killing" is an
# accusation of a past act).
TASK_VERBS = {"task", "entrust"}
# Verbs that keep someone from doing: "prevented pirates from attacking", "stopped them from storming".
PREVENT_VERBS = {"prevent", "stop", "keep", "bar", "block", "deter", "discourage", "prohibit", "ban", "restrain",
                 "dissuade", "save"}
# Adjectives that make an event noun one that has not happened: "an impending attack".
UNREALISED = {"impending", "imminent", "possible", "potential", "planned", "future", "expected", "feared",
              "threatened", "hypothetical", "likely", "prospective", "anticipated"}
# Being in, or taken to, hospital counts the wounded: "three people were in hospital", "five were taken
# to hospital", "two soldiers remain in hospital" (with `HOSPITALS` as the place).
HOSPITAL_VERBS = {"be", "remain", "stay", "lie", "take", "admit", "rush", "bring"}
# Who is in a hospital for another reason than a wound: "200 doctors were in the hospital".
HOSPITAL_STAFF = {"doctor", "nurse", "staff", "worker", "patient", "medic", "employee", "volunteer", "surgeon",
                  "paramedic", "visitor", "physician"}
HOSPITALS = {"hospital", "hospitals", "clinic", "clinics", "infirmary"}
# Verbs of saying, in their forms, that close a quotation ("..., he said", "— the ministry added"):
# a quotation's speaker is taken over several sentences only from one of these (`claims._says`).
SAY_VERBS = {"say", "tell", "add", "state", "explain", "write", "declare", "note", "stress", "emphasize",
             "emphasise", "announce", "report", "claim", "insist", "continue", "conclude", "recall", "warn",
             "argue", "answer", "reply", "remark", "comment", "observe", "tweet", "post", "assert", "affirm"}
SAY_FORMS = {"said", "told", "wrote", "written", "according"} | {f for v in SAY_VERBS for f in (
    v, v + "s", v + "ed", v + "d", v[:-1] + "ied" if v.endswith("y") else v + "ed", v[:-1] + "ies" if v.endswith("y") else v + "es")}
