"""Triggers: the verbs and event nouns that say something happened, and who did it to whom.

`TriggerReader.verb_predicate` and `noun_predicate` map a token to a predicate (`lexicon.PREDICATES`,
`EVENT_NOUNS`) or to nothing where the sense is not one of violence ("fired the coach", "struck a
deal", "fought the ruling"); `patients` and `agent_of` read what the event was done to and by whom.
`claims.ClaimExtractor` builds claims on them.
"""
from __future__ import annotations

from fogwatch.extract import lexicon as lx
from fogwatch.extract.cues import CueReader
from fogwatch.extract.outcomes import is_people, unit_name
from fogwatch.extract.scope import war_wide
from fogwatch.geocode import demonyms, gazetteer

EXPLOSIONS = {"explosion", "blast", "detonation"}
# Event nouns that name a campaign rather than one incident: "the invasion of Ukraine".
CAMPAIGNS = {"invasion", "offensive", "counteroffensive", "incursion", "unrest"}


def _town(name: str) -> bool:
    """Whether a name the tagger calls a person's is a known town's ("capturing Kyiv")."""
    return any(c.exact for c in gazetteer().lookup(name))


def _fallen(verb) -> bool:
    """Whether "fell" / "has fallen" says a place was taken: its subject is a place ("the city",
    "Kreminna") or a name that fell "to" someone, and nothing fell on or into anything ("debris fell
    on a house"); not "prices fell", not "wait for the city to fall"."""
    if verb.tag_ not in ("VBD", "VBN"):
        return False
    children = list(verb.children)
    to_someone = any(c.dep_ == "prep" and c.lower_ == "to" and any(
        g.dep_ == "pobj" and not g.like_num and g.ent_type_ not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE")
        for g in c.children) for c in children)
    place = any(c.dep_ == "nsubj" and (c.ent_type_ in ("GPE", "LOC") or c.lemma_.lower() in lx.HELD_PLACES
                                       or c.pos_ == "PROPN" and to_someone) for c in children)
    onto = any(c.dep_ == "prep" and c.lower_ in ("on", "onto", "into", "near", "in", "by")
               and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in children)
    return place and not onto


class TriggerReader(CueReader):
    """The trigger rules, read by `ClaimExtractor` (a `CueReader`, for `subject_of`)."""

    def verb_predicate(self, token) -> str | None:
        lemma = token.lemma_.lower()
        if token.dep_ in ("amod", "compound") or (token.pos_ != "VERB" and token.tag_ not in ("VBN", "VBG", "VBD")):
            return None  # "Russian-occupied Crimea" names a state of affairs, not an event
        for child in token.children:
            # The small model often parses the particle of "shot down" as an adverb or preposition.
            if child.dep_ in ("prt", "advmod", "prep") and child.i == token.i + 1 \
                    and (lemma, child.lower_) in lx.PARTICLE_PREDICATES:
                if (lemma, child.lower_) == ("go", "off") and not any(
                        c.dep_ == "nsubj" and c.lemma_.lower() in lx.EXPLOSIVE_NOUNS for c in token.children):
                    return None  # "sirens went off", "the alarm went off"
                return lx.PARTICLE_PREDICATES[(lemma, child.lower_)]
            if child.dep_ in ("dobj", "prep", "nsubjpass") and (lemma, child.lemma_.lower()) in lx.VERB_OBJECT_PREDICATES:
                return lx.VERB_OBJECT_PREDICATES[(lemma, child.lemma_.lower())]
        if lemma in ("get", "move", "push", "break") and any(
                c.dep_ == "prep" and c.lower_ == "into" and any(g.pos_ == "PROPN" for g in c.children) for c in token.children):
            return "crossed"  # "tried to get into Russia"
        if lemma in ("launch", "fire") and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lx.WEAPON_NOUNS
                                               for c in token.children):
            return "attacked"
        if lemma == "set" and (any(c.dep_ == "dobj" and c.lower_ == "fire" for c in token.children) or any(
                c.lower_ == "ablaze" or (c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "fire" for g in c.children))
                for c in token.children)):
            return "attacked"  # arson: "set fire to the police station", "a man was set on fire", "set ablaze"
        if lemma == "turn" and any((c.dep_ in ("acomp", "oprd") and c.lower_ in ("violent", "ugly", "bloody", "deadly"))
                                   or (c.dep_ == "prep" and c.lower_ == "into" and any(
                                       g.lemma_.lower() in ("riot", "clash", "battle", "melee", "brawl")
                                       for g in c.children)) for c in token.children):
            return "rioted"  # "a candle-light vigil turned violent", "what started as a march turned into a riot"
        if lemma in ("throw", "hurl", "lob") and any(c.dep_ == "dobj" and c.lemma_.lower() in lx.THROWN for c in token.children) \
                and any(c.dep_ == "prep" and c.lower_ == "at" for c in token.children):
            return "rioted"  # "threw bottles at police", "hurled stones at officers"
        if lemma in ("take", "place") and any(c.dep_ == "prep" and c.lower_ in ("into", "in") and any(
                g.lemma_.lower() == "custody" for g in c.children) for c in token.children):
            return "detained"  # "took 23 pirates into custody", "was placed in custody"
        if lemma == "occupy" and any(c.dep_ == "advmod" and c.lower_ in ("previously", "formerly", "temporarily", "once",
                                                                     "still", "partially", "partly")
                                     for c in token.children):
            return None  # "previously occupied territories", "still occupied": a state, not a capture
        if lemma == "execute" and not any(o.lemma_.lower() in lx.PERSON_NOUNS | lx.KIN_NOUNS or o.pos_ in ("PRON", "NUM")
                                          or o.ent_type_ in ("PERSON", "NORP") or o.lemma_.lower() in demonyms()
                                          for o in self.patients(token)):
            return None  # "the projects have been executed by army engineers": no one killed
        if lemma == "intercept" and any(c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")
                                        and not self.airborne(c) for c in token.children):
            return None  # "intercepted three boats", "intercepted a call": nothing shot down
        if self.hospitalised(token):
            return "wounded"  # "three people were in hospital", "five were taken to hospital"
        if lemma == "torch" and token.pos_ == "VERB":
            return "attacked"  # "rioters torched cars"
        if lemma == "fight" and self.fighting(token):
            return "clashed"  # "troops fought in Bakhmut", "the city is being fought over street by street"
        if lemma == "fire" and not self.firing(token):
            return None  # "professors who spoke out have been fired", "fired his chief of staff"
        if lemma == "strike" and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lx.STRUCK_IDIOMS
                                     or c.dep_ in ("prt", "advmod") and c.lower_ == "down" and c.i == token.i + 1
                                     for c in token.children):
            return None  # "struck a deal with Mali's junta", "failed to strike a knockout blow", "a judge struck down the mandate"
        if lemma == "occupy" and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lx.OCCUPIED_IDIOMS
                                     for c in token.children):
            return None  # "destined to occupy a similarly important space", "occupies the top spot"
        if lemma == "advance":
            # "Russian troops advanced toward Kramatorsk", "the Russian military was trying to advance";
            # not "prices advanced", "the bill advanced".
            subjects = [*token.children, *(token.head.children if token.dep_ == "xcomp" else ())]
            if any(c.dep_ == "nsubj" and (c.lemma_.lower() in lx.FORCE_NOUNS or c.lower_ in lx.FORCE_NOUNS) for c in subjects):
                return "attacked"
            # Ground measured in kilometres is taken by force, whoever the sentence leaves unnamed ("after
            # advancing about 5km in 10 days"); prices and bills advance by percent or stages.
            return "attacked" if any(t.lower_.lstrip("0123456789.,") in lx.DISTANCE_UNITS for c in token.children
                                     if c.dep_ in ("dobj", "npadvmod", "advmod", "prep") for t in c.subtree) else None
        if lemma == "enter" and (any(o.lemma_.lower() in lx.INDOORS for o in self.patients(token)) or any(
                c.dep_ == "prep" and c.lower_ == "into" and any(g.lemma_.lower() in lx.INDOORS for g in c.children)
                for c in token.children)):
            return None  # "servicemen enter an apartment during an operation": a search, not a crossing
        if lemma == "fall" and _fallen(token):
            return "captured"  # "the city of Kreminna has fallen", "Lysychansk fell to Russian forces"
        if lemma == "take" and any(c.dep_ == "prep" and c.lower_ == "to" and any(
                g.lemma_.lower() == "street" for g in c.children) for c in token.children) and not any(
                c.dep_ == "nsubj" and c.lemma_.lower() in lx.FORCE_NOUNS | {"police"} for c in token.children):
            return "protested"  # "thousands took to the streets"; not "the army took to the streets"
        if lemma in ("disperse", "scatter") and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lx.CROWD_NOUNS
                                                    for c in token.children):
            return "protested"  # "police used water cannon to disperse protesters"
        if lemma in lx.IMPACT_VERBS:
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            return "attacked" if any(c.lemma_.lower() in lx.WEAPON_NOUNS | lx.IMPACT_NOUNS for c in subjects) else None
        if lx.fatal(token):
            return "killed"  # "fatally shot eight people", "two were mortally wounded"
        if lemma == "shoot" and not any(c.lower_ == "down" for c in token.children):
            return "attacked" if any(c.dep_ == "dobj" for c in token.children) else None
        if lemma in lx.PROTEST_VERBS:
            # "thousands rallied in Kyiv", "protested against the war"; not "rallied support".
            objects = [c for c in token.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
            people = any(c.dep_ == "nsubj" for c in token.children)  # "this is demonstrated by ...": no protest
            if lemma in ("rally", "march") and not self.rallying(token):
                return None  # "the Chiefs had rallied", "rallied behind the leader"
            if lemma == "march" and any(c.dep_ == "nsubj" and (c.lemma_.lower() in lx.FORCE_NOUNS or c.lower_ in lx.FORCE_NOUNS
                                                               or c.ent_type_ in ("NORP", "GPE", "ORG"))
                                        for c in token.children):
                return None  # "troops marched into the city": an advance, not a demonstration
            return lx.PROTEST_VERBS[lemma] if people and not objects else None
        predicate = lx.PREDICATES.get(lemma)
        if lemma in lx.FIGURATIVE_ATTACKS and not self.warlike(token):
            return None
        if predicate == "destroyed" and lemma in ("eliminate", "neutralize", "neutralise"):
            # General staffs' "eliminated 1,260 soldiers" counts the killed and the wounded together.
            obj = self.patients(token)
            if obj and (obj[0].lemma_.lower() in lx.PERSON_NOUNS or obj[0].lower_ == "military"):
                return "casualties"
        if predicate == "casualties":
            # "lost 30 servicemen" counts casualties; "lost two tanks" counts destroyed equipment;
            # "lost the election" is no claim at all.
            obj = self.patients(token)
            if not obj or not any(c.dep_ == "nummod" for c in obj[0].children):
                return None
            return "casualties" if is_people(unit_name(obj[0])) else "destroyed"
        if lemma == "hit" and token.pos_ != "VERB":
            return None
        if predicate == "captured" and lemma in ("capture", "seize") and any(
                p.lower_ in ("he", "she", "him", "her") or p.ent_type_ == "PERSON" and not _town(p.text)
                for p in self.patients(token)):
            return "detained"  # "now he was captured by the SBU", "captured Medvedchuk": a person, no territory
        return predicate

    @staticmethod
    def airborne(noun) -> bool:
        """Whether a noun is, or counts, what flies: "drones", "dozens of drones", "most of them"."""
        of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return noun.lemma_.lower() in lx.AIRBORNE or any(g.lemma_.lower() in lx.AIRBORNE or g.pos_ == "PRON" for g in of)

    @staticmethod
    def fighting(token) -> bool:
        """Whether "fight" is a fight of arms: no object ("fight corruption", "fought the ruling"), no
        cause ("fight for rights", "against corruption"), and armed people fighting or a place fought
        over or in; not "fought a legal battle" or "fight off a cold"."""
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "prt") for c in token.children):
            return False
        preps = {c.lower_: c for c in token.children if c.dep_ == "prep"}
        if "for" in preps and not TriggerReader.fought_over(preps["for"]) or ("against" in preps and not any(
                g.lemma_.lower() in lx.FORCE_NOUNS or g.ent_type_ in ("NORP", "GPE") for g in preps["against"].children)):
            return False
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        armed = any(s.lemma_.lower() in lx.FORCE_NOUNS | lx.PERSON_NOUNS - {"people", "person"} or s.lower_ in lx.FORCE_NOUNS
                    or s.ent_type_ in ("NORP", "GPE") for s in subjects)
        placed = any(p in preps for p in ("in", "near", "around", "over", "outside", "along", "on", "for")) or \
            any(s.ent_type_ in ("GPE", "LOC", "FAC") or s.lemma_.lower() in lx.HELD_PLACES for s in subjects)
        return placed and (armed or TriggerReader.passive(token))

    @staticmethod
    def fought_over(prep) -> bool:
        """Whether "for" names the town fought over, not a cause: "fought for Sievierodonetsk", "the
        battle for the city"; not "fight for rights", nor a region or a country a war is about ("Russia
        fights for Donbas")."""
        return any(g.dep_ == "pobj" and (g.lemma_.lower() in lx.HELD_PLACES or g.pos_ == "PROPN"
                                         and g.ent_type_ not in ("PERSON", "NORP")
                                         and gazetteer().country_named(g.text) is None and gazetteer().lookup(g.text))
                   for g in prep.children)

    @staticmethod
    def firing(token) -> bool:
        """Whether "fire" shoots: a weapon or a round fired, fire "at"/"on"/"into" something, a force
        or a weapon firing; not a person dismissed ("was fired", "fired the coach")."""
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(o.lemma_.lower() in lx.WEAPON_NOUNS | lx.SHOT_NOUNS for o in objects):
            return True
        if any(o.lemma_.lower() in lx.PERSON_NOUNS or o.pos_ == "PRON" or o.ent_type_ == "PERSON" for o in objects):
            return False
        if any(c.dep_ == "prep" and c.lower_ in ("at", "on", "into", "upon", "towards", "toward") for c in token.children):
            return True
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        return not objects and any(s.lemma_.lower() in lx.WEAPON_NOUNS | lx.FORCE_NOUNS or s.lower_ in lx.FORCE_NOUNS
                                   or s.ent_type_ in ("NORP", "GPE", "ORG") for s in subjects)

    def warlike(self, token) -> bool:
        """Whether a verb of `FIGURATIVE_ATTACKS` is a weapon's or a force's doing, or strikes a place or
        a military target: "artillery pounded positions near Bakhmut", "Kyiv was bombarded", not
        "Putin blasted Washington's policies" or "pummelled by sanctions"."""
        doers = [c for c in token.children if c.dep_ == "nsubj"] + \
            [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(d.lemma_.lower() in lx.WEAPON_NOUNS | lx.FORCE_NOUNS or d.lower_ in lx.FORCE_NOUNS for d in doers):
            return True
        for doer in doers:  # "a barrage of missiles", "a hail of shells"
            if any(g.lemma_.lower() in lx.WEAPON_NOUNS for p in doer.children if p.lower_ == "of" for g in p.children):
                return True
        return any(o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in lx.TARGET_NOUNS for o in objects)

    def noun_predicate(self, token, cues: dict[int, Cue]) -> str | None:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in lx.COUNT_NOUNS and any(c.dep_ == "nummod" for c in token.children):
            return lx.COUNT_NOUNS[lemma]
        if token.pos_ == "NOUN" and lemma in lx.WEAPON_NOUNS and token.dep_ == "pobj" and token.head.lower_ == "of" \
                and token.head.head.lemma_.lower() in lx.CONTAINER_NOUNS and token.head.head.dep_ == "dobj" \
                and token.head.head.head.lemma_.lower() in lx.FIRING_VERBS:
            return "attacked"  # "unleashing a barrage of missiles"
        if token.pos_ == "NOUN" and lemma == "rally" and self.campaign_rally(token):
            return None  # "Trump said during a rally in Kenansville": a meeting a speaker addresses
        if token.pos_ == "NOUN" and lx.EVENT_NOUNS.get(lemma) == "protested" and token.dep_ == "pobj" \
                and token.head.lower_ in ("in", "at", "during") and token.head.head.pos_ == "VERB" \
                and any(c.dep_ == "det" for c in token.children):  # not the idiom "in (strong) protest"
            return "protested"  # "surrounded the Statehouse ... in a protest that closed the schools"
        if token.pos_ == "NOUN" and lemma == "fire" and token.dep_ != "ROOT" and any(
                c.dep_ in ("amod", "compound") and c.lower_ in lx.HOSTILE_FIRE for c in token.children):
            return "attacked"  # "came under enemy fire", "no indication of hostile fire"; not a caption's "a gun fires"
        if self.mishap(token):
            return "shot_down"  # a mishap answers a shoot-down: stored negated (`absent`)
        if self.gerund_subject(token):
            lemma = token.lower_  # "Fighting continued in Bakhmut", as the small model tags it: a verb
        elif token.pos_ != "NOUN" or lemma not in lx.EVENT_NOUNS:
            return None
        if lx.EVENT_NOUNS[lemma] in ("clashed", "attacked") and lemma not in CAMPAIGNS and token.dep_ == "pobj" \
                and token.head.lower_ in ("during", "amid", "amidst", "under") \
                and not (token.head.head.tag_ == "VBN" and token.head.head.dep_ in ("acl", "amod")) \
                and (any(c.dep_ == "amod" and c.lemma_.lower() in lx.INTENSE for c in token.children)
                     or self.located_noun(token) and not war_wide(token)):
            # Fighting or shelling told as it happens, by its force or its place ("smoke rises from the plant
            # during heavy fighting", "trapped under heavy Russian bombardment"); not a lesson of the war's
            # ("during the fighting"), nor a thing's past ("the An-225, destroyed during fighting"), nor the
            # war in a whole country ("equipment captured during the fighting in Ukraine").
            return lx.EVENT_NOUNS[lemma]
        modifiers = [token, *(c for c in token.children if c.dep_ in ("nmod", "compound", "amod"))]
        if any(c.dep_ == "poss" and c.lower_.rstrip("'s’") in lx.DAY_WORDS for m in modifiers for c in m.children) \
                and not any(c.dep_ in ("amod", "compound") and c.lower_ in lx.LABOUR_STRIKES for c in token.children):
            return lx.EVENT_NOUNS[lemma]  # a dated event: "after Friday's missile and drone attacks", "Thursday's fire"
        if lemma not in CAMPAIGNS and self.located_noun(token) and not (
                lx.EVENT_NOUNS[lemma] == "clashed" and war_wide(token)):
            return lx.EVENT_NOUNS[lemma]
        if token.dep_ == "ROOT" and any(c.dep_ == "acl" and c.lemma_.lower() in lx.HAPPEN_VERBS and c.lemma_.lower() != "take"
                                        for c in token.children):
            return lx.EVENT_NOUNS[lemma]  # "Clashes flared in Tripoli on Sunday", as the small model parses it
        node = token
        for _ in range(6):
            if node.head.i == node.i:
                return None
            rel, node = node.dep_, node.head
            head_lemma = node.lemma_.lower()
            if node.pos_ == "ADP" or head_lemma in lx.CONTAINER_NOUNS:
                continue
            if node.pos_ in ("VERB", "AUX"):
                if head_lemma in lx.LIGHT_VERBS and head_lemma != "repel" and rel in ("dobj", "pobj", "nsubjpass"):
                    return lx.EVENT_NOUNS[lemma]
                if head_lemma == "be" and any(c.dep_ == "expl" for c in node.children):
                    return lx.EVENT_NOUNS[lemma]
                if head_lemma == "be" and rel == "nsubj" and lx.EVENT_NOUNS[lemma] == "clashed" and any(
                        c.dep_ == "acomp" and c.lemma_.lower() in lx.INTENSE for c in node.children):
                    return lx.EVENT_NOUNS[lemma]  # "fighting has been particularly heavy around Lysychansk"
                if head_lemma == "be" and rel == "nsubj" and lemma not in CAMPAIGNS and self.under_way(node):
                    return lx.EVENT_NOUNS[lemma]  # "heavy fighting is under way in Sievierodonetsk"
                if rel == "nsubj" and lx.EVENT_NOUNS[lemma] == "attacked" and node.i not in cues \
                        and head_lemma not in ("be", "have") and head_lemma not in lx.PREDICATES \
                        and head_lemma not in lx.IMPACT_VERBS and any(
                            c.dep_ == "amod" and c.lower_ in demonyms() for c in token.children) \
                        and any(c.dep_ in ("dobj", "prep") for c in node.children):
                    return lx.EVENT_NOUNS[lemma]  # "a Russian strike trapped seven people under a collapsed centre"
                if head_lemma in lx.HAPPEN_VERBS and rel == "nsubj" and not (lemma in CAMPAIGNS and head_lemma in lx.PROGRESS_VERBS):
                    return lx.EVENT_NOUNS[lemma]  # "fighting broke out"; not "as the invasion continues"
                if lemma in EXPLOSIONS and rel in ("nsubj", "nsubjpass") and (
                        head_lemma in lx.WITNESS_VERBS or (rel == "nsubj" and head_lemma not in lx.PREDICATES and not any(
                            c.dep_ == "prep" and c.lower_ == "of" for c in token.children))):
                    return lx.EVENT_NOUNS[lemma]  # "blasts rocked Kyiv", "two explosions cut the TV signal"
                if lx.EVENT_NOUNS[lemma] in ("protested", "rioted") and head_lemma in lx.PROTEST_CARRIERS \
                        and rel in ("dobj", "pobj", "nsubjpass"):
                    return lx.EVENT_NOUNS[lemma]
                if node.i in cues and rel in ("dobj", "pobj"):
                    return lx.EVENT_NOUNS[lemma]
                return None
            return None
        return None

    @staticmethod
    def gerund_subject(token) -> bool:
        """Whether a verb the tagger reads in "-ing" is an event noun as the subject of its clause:
        "Fighting continued in Bakhmut", "Shelling resumed overnight" (no subject or object of its own)."""
        return token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in lx.EVENT_NOUNS \
            and not any(c.dep_ in ("nsubj", "dobj", "nsubjpass", "ccomp", "xcomp") for c in token.children)

    @staticmethod
    def under_way(verb) -> bool:
        """Whether "be" says its subject is happening now: "is under way", "are underway", "is ongoing"."""
        return any(c.dep_ in ("acomp", "advmod") and c.lower_ in ("underway", "ongoing") or c.dep_ == "prep"
                   and c.lower_ == "under" and any(g.lower_ == "way" for g in c.children) for c in verb.children)

    def mishap(self, token) -> bool:
        """Whether a noun gives a mishap as the cause of what another source calls a shoot-down: "a
        technical failure", "a malfunction", "an accident", where the sentence names something that
        flies or the article has already reported a shoot-down."""
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or not (lemma in lx.MISHAPS or lemma == "failure" and any(
                c.dep_ in ("amod", "compound") and c.lower_ in lx.FAILED_PARTS for c in token.children)):
            return False
        return any(t.lemma_.lower() in lx.AIRBORNE for t in token.sent) or \
            any(c.predicate == "shot_down" and c.modality == "asserted" for c in self.claims)

    @staticmethod
    def negated(trigger) -> bool:
        """Whether the clause says the event did not happen: "was not killed", "no one was hurt", "not a
        single soldier", "not one civilian", or `absent`; not "whether or not the strike killed civilians"."""
        if TriggerReader.absent(trigger) or any(c.dep_ == "neg" and (c.i == 0 or c.nbor(-1).lower_ != "or")
                                                for c in trigger.children):
            return True
        for c in trigger.children:
            if c.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            if c.lower_ in ("nobody", "none", "nothing") or any(
                    d.lower_ == "no" and (d.dep_ == "det" or c.lower_ == "one") for d in c.children):
                return True  # "nobody", "no one", "no civilians"
            edge = c.left_edge
            if c.dep_ != "dobj" and edge.dep_ == "neg" and edge.head.i in (c.i, *(d.i for d in c.children)):
                return True  # "not a single soldier", "not one civilian"
        return False

    @staticmethod
    def party_denied(trigger) -> bool:
        """Whether the clause denies who did it, not that it happened: "Ukraine was not behind Friday's
        explosion", "its military did not carry out the attack"."""
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "behind":
            return any(c.dep_ == "neg" for c in trigger.head.head.children)
        doer = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" else None
        return doer is not None and doer.lemma_.lower() in lx.LIGHT_VERBS and any(
            c.dep_ == "neg" for c in doer.children) and any(c.dep_ == "nsubj" for c in doer.children)

    @staticmethod
    def absent(trigger) -> bool:
        """Whether the text says the event did not take place: "there was no air attack", "no
        indication of hostile fire", "no sign that the drone was shot down", "reports do not indicate it
        was caused by enemy fire", or a mishap given as the cause instead (`mishap`)."""
        if trigger.pos_ == "NOUN" and (trigger.lemma_.lower() in lx.MISHAPS | {"failure"} or any(
                c.dep_ == "det" and c.lower_ == "no" or c.dep_ in ("neg", "advmod", "preconj") and c.lower_ == "not"
                for c in trigger.children)):
            return True  # "there was no air attack", "not enemy fire"
        if trigger.dep_ in ("appos", "conj") and any(c.lower_ == "not" and trigger.head.i < c.i < trigger.i
                                                     for c in trigger.head.children):
            return True  # "a malfunction, not enemy fire"
        node = trigger
        for _ in range(4):
            if node.head.i == node.i:
                return False
            node = node.head
            if node.pos_ == "NOUN" and node.lemma_.lower() in lx.NO_EVIDENCE:
                return any(c.dep_ == "det" and c.lower_ == "no" for c in node.children)
            if node.pos_ == "VERB" and node.lemma_.lower() in lx.EVIDENCE_VERBS:
                # "preliminary reports do not indicate it was caused by enemy fire"
                return any(c.dep_ == "neg" for c in node.children)
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() not in ("be", "cause"):
                return False
        return False

    @staticmethod
    def rallying(token) -> bool:
        """Whether the verb "rally" is a demonstration: a crowd or a number rallying, or rallying at a
        place or over a cause ("thousands rallied in Kyiv", "rallied against the war"); not a team
        coming back ("the Chiefs had rallied") or support ("rallied behind the president")."""
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            counted = [g for p in subject.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
            if any(w.lemma_.lower() in lx.CROWD_NOUNS | lx.PERSON_NOUNS or w.like_num or w.pos_ == "NUM"
                   for w in (subject, *counted)):
                return True  # "thousands rallied", "tens of thousands of union members rallied"
        return any(c.dep_ == "prep" and (c.lower_ in ("against", "over") or c.lower_ in lx.RALLY_PREPOSITIONS and any(
            g.ent_type_ in ("GPE", "LOC", "FAC") or g.pos_ == "PROPN" or g.lemma_.lower() in lx.HELD_PLACES | lx.PROTEST_SITES
            for g in c.children)) for c in token.children)

    @staticmethod
    def campaign_rally(token) -> bool:
        """Whether the noun "rally" is a meeting someone speaks at rather than a demonstration: a
        campaign rally, or the setting of what a person does ("at a rally, Trump likened ...",
        "saw Kaine speak at a recent rally"), unless a cause marks it ("a rally against the war")."""
        children = list(token.children)
        if any(c.dep_ == "prep" and (c.lower_ in ("against", "over") or c.lower_ == "in" and any(
                g.lemma_.lower() in ("support", "solidarity", "protest") for g in c.children))
               or c.lemma_.lower() in ("protest", "opposition") or c.lower_.startswith("anti") for c in children):
            return False  # "a rally against the war", "a rally in solidarity with", "an anti-war rally"
        if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in lx.CAMPAIGN_WORDS for c in children) \
                or any(c.dep_ == "poss" and c.ent_type_ == "PERSON" for c in children):
            return True
        if token.dep_ == "pobj" and token.head.lower_ in ("at", "during", "before", "to"):
            verb = token.head.head
            return verb.lemma_.lower() in lx.CUES or any(
                c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.pos_ == "PRON"
                                       or c.pos_ == "PROPN" and c.ent_type_ not in ("NORP", "GPE"))
                for c in verb.children)
        return False

    @staticmethod
    def located_noun(token) -> bool:
        """"The shelling of Kharkiv", "a Russian attack in Kharkiv", "fighting near Bakhmut": an event
        noun with a place of its own reports an incident wherever the sentence puts it."""
        def placed(noun, depth: int) -> bool:
            for prep in noun.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("of", "on", "in", "near", "at", "around", "outside", "including"):
                    continue
                for g in prep.children:
                    if g.dep_ != "pobj":
                        continue
                    if g.pos_ == "PROPN" and g.ent_type_ not in ("DATE", "TIME", "PERSON", "NORP"):
                        return True
                    # "strikes on the Black Sea port of Odesa", "the attack on a TV tower in Kharkiv"
                    if depth and g.pos_ == "NOUN" and placed(g, depth - 1):
                        return True
                    if g.pos_ == "NOUN" and any(c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC", "FAC")
                                                for c in g.children):
                        return True  # "an attack on the Vinnytsia region", "shelling of the Azovstal plant"
            return False

        # A battle's town is the one fought for: "claimed victory in the battle for Mariupol".
        if lx.EVENT_NOUNS.get(token.lemma_.lower()) == "clashed" and any(
                c.dep_ == "prep" and c.lower_ == "for" and TriggerReader.fought_over(c) for c in token.children):
            return True
        return placed(token, 1)

    @staticmethod
    def passive(token) -> bool:
        return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) or \
            (token.tag_ == "VBN" and token.dep_ in ("acl", "amod", "oprd", "ccomp", "xcomp") and
             not any(c.dep_ in ("nsubj", "aux") for c in token.children))

    @staticmethod
    def hospitalised(token) -> bool:
        """Whether `token` puts a counted subject in hospital (`lexicon.HOSPITAL_VERBS`): "three people
        were in hospital", "five were taken to a hospital"; not "the hospital was hit", "doctors in the
        hospital said", "he was in hospital for a check"."""
        return token.lemma_.lower() in lx.HOSPITAL_VERBS and any(
            c.dep_ == "prep" and c.lower_ in ("in", "to", "into") and any(
                g.dep_ == "pobj" and g.lower_ in lx.HOSPITALS for g in c.children) for c in token.children) \
            and any(c.dep_ in ("nsubj", "nsubjpass") and (c.pos_ == "NUM" or any(g.dep_ == "nummod" for g in c.children))
                    and c.lemma_.lower() not in lx.HOSPITAL_STAFF for c in token.children)

    def patients(self, token) -> list:
        lemma = token.lemma_.lower()
        if self.hospitalised(token) and not self.passive(token):
            return [c for c in token.children if c.dep_ == "nsubj"]
        raised = []
        if token.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            # "three people are known to have died", "20 were reported to have been wounded"
            raised = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if lemma == "die":
            return [c for c in token.children if c.dep_ == "nsubj"] or raised
        if self.passive(token):
            found = [c for c in token.children if c.dep_ == "nsubjpass"] or (raised if token.tag_ == "VBN" else [])
            if not found and token.dep_ == "acl" and token.head.lower_ in ("those", "them") and token.head.dep_ == "pobj" \
                    and token.head.head.lower_ == "among":
                # "three paramedics were among those killed": the subject of "were"
                found = [c for c in token.head.head.head.children if c.dep_ == "nsubj"]
            if not found and token.dep_ in ("acl", "amod", "oprd", "ccomp", "xcomp") and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
                found = [token.head]
            if not found and token.dep_ in ("ccomp", "xcomp", "oprd"):
                found = [c for c in token.head.children if c.dep_ == "dobj"]
            if not found and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") or c.lower_ == "to" for c in token.children):
                # "said between 15 and 20 people were killed" parsed with the people under "between":
                # the counted noun right before the verb's auxiliaries is its subject.
                aux = min((c.i for c in token.children if c.dep_ in ("aux", "auxpass") and c.i < token.i), default=None)
                noun = token.doc[aux - 1] if aux is not None and aux > token.sent.start else None
                if noun is not None and noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ == "between" \
                        and any(c.dep_ == "nummod" for c in noun.children):
                    found = [noun]
            return found
        found = []
        for child in token.children:
            if child.dep_ in ("npadvmod", "dobj") and child.pos_ == "NUM" and \
                    any(c.dep_ == "prep" and c.lower_ == "of" for c in child.children):
                found.append(child)  # "shot down 30 of 35 drones"
            elif child.dep_ == "dobj":
                if child.lemma_.lower() == "control":
                    found.extend(g for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                                 for g in p.children if g.dep_ == "pobj")
                else:
                    found.append(child)
        if found:
            # What the list adds to the object: "damaged 40 others, as well as a clinic and two schools"
            # (the parser hangs "clinic" on the verb), "shot down 12 drones, along with one fighter jet".
            for child in token.children:
                if child.dep_ == "conj" and child.pos_ == "NOUN" and child.i > found[-1].i:
                    found.append(child)
                elif child.dep_ == "prep" and child.lower_ in ("along", "together") and child.i > found[-1].i:
                    found.extend(g for w in child.children if w.lower_ == "with" for g in w.children if g.dep_ == "pobj")
        return found

    def agent_of(self, token):
        if self.passive(token):
            agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return agents[0] if agents else None
        if token.lemma_.lower() == "die":
            return None
        return self.subject_of(token)
