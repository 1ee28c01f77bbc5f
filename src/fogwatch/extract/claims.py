"""Claims from the dependency parse: who asserts what, how hedged, with which numbers.

The rules, in reading order:
1. A *cue* is a reporting verb (lexicon.CUES) or "according to". Its subject (or the "to" object)
   is the speaker; the clause it governs is the content.
2. A *trigger* is a verb or event noun that names something that happened (lexicon.PREDICATES,
   EVENT_NOUNS). Walking up the parse from a trigger collects the cues that govern it: the outermost
   is the first link of the attribution chain (`via`), the innermost is the speaker.
3. A sentence with triggers and no cue of its own inherits the previous sentence's speaker within
   the same paragraph ("The agency said ... More than 100 fighters were allegedly killed.").
4. Quantities are read from the trigger's patient noun phrases (and their conjuncts) with their
   bounds ("more than 100" → low 101), one claim per quantity (quantities.py).
5. A cue whose content has no trigger still makes a claim: `identified_as` when the content says
   what someone *is* ("the fighters were Russian citizens", "calls them terrorists"), else `stated`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import replace

from fogwatch.extract import lexicon as lx
from fogwatch.extract.actors import ActorResolver, Mention
from fogwatch.extract.cues import Carry, Cue, CueReader, _span
from fogwatch.extract.dates import earlier_by
from fogwatch.extract.figures import Figure, figures
from fogwatch.extract.outcomes import counts, is_people, joint, unit_name
from fogwatch.extract.scope import scope_of
from fogwatch.extract.modality import hedge_for, modality_of
from fogwatch.extract.places import LOCATIVE, FoundPlace, coordinated, place_for
from fogwatch.extract.quantities import quantity_nouns, read_quantity
from fogwatch.geocode import demonyms
from fogwatch.records import Actor, Attribution, Claim, Quantity, Span, When

SPEECH_ONLY = {"stated", "identified_as"}
EXPLOSIONS = {"explosion", "blast", "detonation"}
# Event nouns that name a campaign rather than one incident: "the invasion of Ukraine".
CAMPAIGNS = {"invasion", "offensive", "counteroffensive", "incursion", "unrest"}  # predicates that report speech and nothing that happened


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _overlaps(span: Span, extent: tuple[int, int]) -> bool:
    return span.start < extent[1] and extent[0] < span.end


def _spans(article_id: str, a) -> dict:
    """The span fields of a claim from a model attribution."""
    def span(extent):
        return Span(article_id, *extent) if extent else None

    return {"source_span": span(a.source), "cue_span": span(a.cue), "content_span": span(a.content),
            "content_parts": tuple(Span(article_id, *p) for p in a.content_parts) if len(a.content_parts) > 1 else ()}


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


class ClaimExtractor(CueReader):
    def __init__(self, resolver: ActorResolver, article_id: str, text: str, found: Sequence = ()):
        self.resolver = resolver
        self.article_id = article_id
        self.text = text
        self.found = found  # the model's attributions (`Attribution3`), if a model runs
        self.claims: list[Claim] = []
        self.seen_ids: set[str] = set()
        self._figures_key: tuple | None = None
        self._figures: list[Figure] = []
        self.voice: Cue | None = None  # the speaker of a transcript the article reproduces (`transcript`)
        self.published = None  # the article's PartialDate, for dates told relative to others (`before`)
        self.interview = False  # the article is questions and answers (`cues.is_interview`; `turn`)
        self.interviewee: Cue | None = None

    # --- triggers ---------------------------------------------------------------------------
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
        if lemma == "torch" and token.pos_ == "VERB":
            return "attacked"  # "rioters torched cars"
        if lemma == "fight" and self.fighting(token):
            return "clashed"  # "troops fought in Bakhmut", "the city is being fought over street by street"
        if lemma == "fire" and not self.firing(token):
            return None  # "professors who spoke out have been fired", "fired his chief of staff"
        if lemma == "strike" and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lx.STRUCK_IDIOMS
                                     for c in token.children):
            return None  # "struck a deal with Mali's junta", "failed to strike a knockout blow"
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
        if "for" in preps or ("against" in preps and not any(
                g.lemma_.lower() in lx.FORCE_NOUNS or g.ent_type_ in ("NORP", "GPE") for g in preps["against"].children)):
            return False
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        armed = any(s.lemma_.lower() in lx.FORCE_NOUNS | lx.PERSON_NOUNS - {"people", "person"} or s.lower_ in lx.FORCE_NOUNS
                    or s.ent_type_ in ("NORP", "GPE") for s in subjects)
        placed = any(p in preps for p in ("in", "near", "around", "over", "outside", "along", "on")) or \
            any(s.ent_type_ in ("GPE", "LOC", "FAC") or s.lemma_.lower() in lx.HELD_PLACES for s in subjects)
        return placed and (armed or ClaimExtractor.passive(token))

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
        if token.pos_ == "NOUN" and lx.EVENT_NOUNS.get(lemma) == "protested" and token.dep_ == "pobj" \
                and token.head.lower_ in ("in", "at", "during") and token.head.head.pos_ == "VERB" \
                and any(c.dep_ == "det" for c in token.children):  # not the idiom "in (strong) protest"
            return "protested"  # "surrounded the Statehouse ... in a protest that closed the schools"
        if token.pos_ != "NOUN" or lemma not in lx.EVENT_NOUNS:
            return None
        if lemma not in CAMPAIGNS and self.located_noun(token):
            return lx.EVENT_NOUNS[lemma]
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
                if head_lemma in lx.HAPPEN_VERBS and rel == "nsubj" and not (lemma in CAMPAIGNS and head_lemma == "continue"):
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
    def located_noun(token) -> bool:
        """"The shelling of Kharkiv", "a Russian attack in Kharkiv", "fighting near Bakhmut": an event
        noun with a place of its own reports an incident wherever the sentence puts it."""
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "on", "in", "near", "at", "around", "outside"):
                if any(g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ not in ("DATE", "TIME", "PERSON", "NORP")
                       for g in prep.children):
                    return True
        return False

    @staticmethod
    def passive(token) -> bool:
        return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) or \
            (token.tag_ == "VBN" and token.dep_ in ("acl", "amod", "oprd", "ccomp", "xcomp") and
             not any(c.dep_ in ("nsubj", "aux") for c in token.children))

    def patients(self, token) -> list:
        lemma = token.lemma_.lower()
        raised = []
        if token.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            # "three people are known to have died", "20 were reported to have been wounded"
            raised = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if lemma == "die":
            return [c for c in token.children if c.dep_ == "nsubj"] or raised
        if self.passive(token):
            found = [c for c in token.children if c.dep_ == "nsubjpass"] or (raised if token.tag_ == "VBN" else [])
            if not found and token.dep_ in ("acl", "amod", "oprd", "ccomp", "xcomp") and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
                found = [token.head]
            if not found and token.dep_ in ("ccomp", "xcomp", "oprd"):
                found = [c for c in token.head.children if c.dep_ == "dobj"]
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

        return found

    def agent_of(self, token):
        if self.passive(token):
            agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return agents[0] if agents else None
        if token.lemma_.lower() == "die":
            return None
        return self.subject_of(token)

    # --- claims -----------------------------------------------------------------------------
    def before(self, trigger, when: When | None, doc, offset: int) -> When | None:
        """The date of a claim told in an "after" clause: "The explosions come a week after at least
        one person was killed" dates the killing a week before the explosions (the sentence's date,
        else the publication day), so that it never joins their incident."""
        found = earlier_by(trigger)
        if found is None:
            return when
        (fewest, most), duration, clause = found
        if when is not None and when.span is not None and \
                offset + clause.left_edge.idx <= when.span.start < offset + clause.right_edge.idx + len(clause.right_edge):
            return when  # "18 years after the September 11, 2001 attacks": the clause's own date
        if when is not None and when.precision == "day":
            base = when.start
        elif self.published is not None and self.published.precision == "day":
            base = self.published.date
        else:
            return None  # before an unknown day: no date is better than the main clause's
        start, end = base - dt.timedelta(days=most), base - dt.timedelta(days=fewest)
        left = duration.left_edge
        return When(start=start, end=end, precision="day" if start == end else "week" if most - fewest <= 6 else
                    "month" if most - fewest <= 31 else "year", text=doc[left.i:duration.i + 1].text,
                    span=Span(self.article_id, offset + left.idx, offset + duration.idx + len(duration)))

    def add(self, claim: Claim) -> None:
        if claim.claim_id not in self.seen_ids:
            self.seen_ids.add(claim.claim_id)
            self.claims.append(claim)

    def build(self, *, sent, doc, offset, chain: list[Cue], predicate: str, trigger, mentions,
              places: list[FoundPlace], when: When | None, identity_tok=None, patient_tok=None,
              figure: Figure | None = None) -> list[Claim]:
        sent_start, sent_end = _trim(self.text, offset + sent.start_char, offset + sent.end_char)
        span = Span(self.article_id, sent_start, sent_end)
        when = self.before(trigger, when, doc, offset)
        via = tuple(Attribution(speaker=", ".join(a.name for a in c.speakers) or (doc[c.source.left_edge.i:c.source.i + 1].text if c.source is not None else "unnamed"),
                                cue=c.text, span=c.span, actor_id=c.speakers[0].actor_id if c.speakers else None)
                    for c in chain)
        inner = chain[-1] if chain else None
        speakers: list[Actor | None] = list(inner.speakers) if inner and inner.speakers else [None]
        hedge = hedge_for(trigger, chain)
        negated = any(c.dep_ == "neg" for c in trigger.children) or any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.lower_ in ("nobody", "none", "nothing") or
                                                         (c.lower_ == "one" and any(d.lower_ == "no" for d in c.children)) or
                                                         any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
            for c in trigger.children)
        agent_tok = self.agent_of(trigger) if trigger.pos_ in ("VERB", "AUX") else None
        if trigger.pos_ == "NOUN":
            # The event noun's agent is the subject of the verb carrying it ("the groups launched incursions").
            carrier = trigger.head
            while carrier.pos_ not in ("VERB", "AUX") and carrier.head.i != carrier.i:
                carrier = carrier.head
            agent_tok = self.subject_of(carrier) if carrier.lemma_.lower() in lx.LIGHT_VERBS else None
            if agent_tok is None:
                # "a Russian attack", "Israel's strike on Rafah": the noun's own maker.
                agent_tok = next((c for c in trigger.children if (c.dep_ == "poss" and c.pos_ == "PROPN")
                                  or (c.dep_ == "amod" and c.ent_type_ == "NORP")), None)
        # "X says they were ..." is not X; but a carried-over speaker may well be "they".
        exclude = tuple(inner.speakers) if inner and inner.token.sent.start == sent.start else ()
        if predicate == "identified_as":
            agent_tok = None
        same_sentence = bool(inner and inner.token.sent.start == sent.start and inner.speakers)
        if agent_tok is not None and same_sentence and agent_tok.lower_ in ("it", "he", "she", "we"):
            agents = list(inner.speakers)  # "The ministry said it shot down ..." — it is the ministry
        else:
            agents = self.resolver.resolve(agent_tok, mentions, exclude) if agent_tok is not None else []
        if agent_tok is not None and agent_tok.lower_ in ("it", "they", "we") and not agents and inner and inner.speakers:
            agents = inner.speakers
        if patient_tok is not None:
            patient_toks = [patient_tok]
        elif trigger.pos_ == "NOUN":
            counted = trigger.lemma_.lower() in lx.COUNT_NOUNS
            patient_toks = [trigger] if counted else []
        else:
            patient_toks = self.patients(trigger)
        patients = self.resolver.resolve(patient_toks[0], mentions, exclude) \
            if patient_toks and predicate not in ("crossed", "captured") else []
        for actor in (*agents, *patients):
            self.resolver.remember(actor)
        quantities: list[Quantity | None] = []
        if figure is not None:
            fspan = _span(doc, figure.left, figure.right, self.article_id, offset)
            quantities.append(Quantity(low=figure.low, high=figure.high, unit=figure.unit,
                                       text=self.text[fspan.start:fspan.end], span=fspan,
                                       approximate=figure.approximate, note=figure.note))
        elif predicate not in ("identified_as", "stated"):
            for noun in quantity_nouns(trigger, patient_toks):
                q = read_quantity(noun, trigger, doc, offset, predicate, self.article_id, self.text)
                if q is not None:
                    quantities.append(self.reread(q, sent, doc, offset))
        quantities = quantities or [None]
        place = place_for(trigger, sent, places)
        # Places listed with the claim's own ("struck Kharkiv and Odesa"); a claim whose place is
        # outside its clause ("Kharkiv, where 18 people were killed") takes none of the list.
        subtree = {t.i for t in trigger.subtree}
        # A noun's clause is its verb's: "conducted attacks northwest of Svatove and near Kreminna".
        clause = trigger
        while clause.pos_ == "NOUN" and clause.head.i != clause.i:
            clause = clause.head
        subtree = {t.i for t in clause.subtree} if clause.pos_ in ("VERB", "AUX") and clause.dep_ != "ROOT" \
            or trigger.pos_ == "NOUN" and clause.lemma_.lower() in lx.LIGHT_VERBS else subtree
        also = coordinated(place, sent, [p for p in places if p.tok_start in subtree]) \
            if place and place.tok_start in subtree else ()
        identity = None
        if identity_tok is not None:
            cut = {t.i for c in identity_tok.children if c.dep_ in ("relcl", "acl", "prep", "punct", "cc", "conj") and c.i > identity_tok.i
                   for t in c.subtree}
            keep = [t for t in identity_tok.subtree if t.i not in cut and t.dep_ not in ("det", "punct", "predet")]
            identity = doc[keep[0].i:keep[-1].i + 1].text if keep else identity_tok.text
        if inner is not None and inner.content is not None:
            c = inner.content
            content_span = _span(doc, c.left_edge.i, c.right_edge.i + 1, self.article_id, offset)
        else:
            content_span = span
        base_predicate = predicate
        modality = "negated" if negated else modality_of(trigger, chain)
        made: list[Claim] = []
        for speaker in speakers:
            for q in quantities:
                # "lost 30 servicemen and two tanks": the tanks were destroyed, the men are casualties.
                predicate = "destroyed" if base_predicate == "casualties" and q and not is_people(q.unit) \
                    else base_predicate
                if q is not None and figure is None and trigger.pos_ == "VERB":
                    predicate = joint(trigger, predicate)
                if q is not None and not counts(predicate, q.unit):
                    q = None  # "wounded ... 51 attacks", "sanctioned 144 senators": not what happened to them
                if q is not None and predicate == "captured" and trigger.lemma_.lower() in ("liberate", "free", "release") \
                        and is_people(q.unit):
                    q = None  # "liberated 150,000 people" counts no captures
                key = "|".join([self.article_id, str(span.start), speaker.actor_id if speaker else "-", predicate,
                                str(q.span.start) if q else "-", identity or "", str(trigger.i)])
                claim_id = hashlib.sha256(key.encode()).hexdigest()[:20]
                made.append(Claim(
                    claim_id=claim_id, article_id=self.article_id, span=span, text=self.text[span.start:span.end],
                    speaker=speaker, via=via, cue=inner.text if inner else None, hedge=hedge, predicate=predicate,
                    agent=agents[0] if agents else None, patient=patients[0] if patients else None,
                    quantity=q, place=place.mention if place else None, when=when, also_places=also,
                    source_span=inner.source_span if inner else None, cue_span=inner.span if inner else None,
                    content_span=content_span, identity=identity, negated=negated, modality=modality,
                    **self.scope(sent, trigger, q, predicate),
                    body=inner.body if inner and speaker is not None else None,
                ))
        for claim in made:
            self.add(claim)
        return made

    @staticmethod
    def scope(sent, trigger, q: Quantity | None, predicate: str) -> dict:
        if q is None:
            return {"scope": None, "period": None}
        size = q.low if q.low is not None else q.high  # "as many as 15,000": the size is its top
        scope, period = scope_of(sent, trigger, size, predicate, q.text)
        if scope == "incident" and q.unit == "case":
            scope = "cumulative"  # "77 cases of civilians being executed": a documented tally
        return {"scope": scope, "period": period}

    def sentence_figures(self, sent) -> list[Figure]:
        key = (id(sent.doc), sent.start)
        if self._figures_key != key:
            self._figures_key, self._figures = key, figures(sent)
        return self._figures

    def reread(self, q: Quantity, sent, doc, offset: int) -> Quantity:
        """The trigger rules' reading of a figure, corrected by figures.py where both read the same
        number: its bounds ("tens of thousands", "a couple of hundred", "three dozen") and its unit
        ("six others" counts people; "service members" are soldiers)."""
        for f in self.sentence_figures(sent):
            found = _span(doc, f.left, f.right, self.article_id, offset)
            if _overlaps(q.span, (found.start, found.end)):
                if (f.low, f.high, f.unit) == (q.low, q.high, q.unit):
                    return q
                span = Span(self.article_id, min(found.start, q.span.start), max(found.end, q.span.end))
                return replace(q, low=f.low, high=f.high, unit=f.unit, approximate=f.approximate,
                               span=span, text=self.text[span.start:span.end],
                               note=q.note if q.note and not q.note.startswith("vague") else f.note)
        return q

    def figure_claims(self, sent, doc, offset: int, cues: dict[int, Cue], according: Cue | None, carry: Carry,
                      mentions: list[Mention], places: list[FoundPlace], when: When | None) -> bool:
        """Claims for the figures of `sent` that the trigger rules did not read (figures.py), and the
        end of the numberless claims those figures make redundant. True if any claim was made."""
        lo, hi = offset + sent.start_char, offset + sent.end_char
        here = [c for c in self.claims if lo <= c.span.start < hi]
        read = [c.quantity for c in here if c.quantity is not None]
        made: list[Claim] = []
        for figure in self.sentence_figures(sent):
            found = _span(doc, figure.left, figure.right, self.article_id, offset)
            if any(_overlaps(q.span, (found.start, found.end)) for q in read):
                continue  # the trigger rules read this figure already
            chain = self.chain_for(figure.trigger, sent, cues, according, carry)
            made.extend(self.build(sent=sent, doc=doc, offset=offset, chain=chain, predicate=figure.predicate,
                                   trigger=figure.trigger, mentions=mentions, places=places, when=when,
                                   figure=figure))
        if made:
            # "17 injured" now has its number: the numberless wounded claim of the sentence goes.
            counted = {(c.predicate, c.speaker) for c in made}
            self.claims[:] = [c for c in self.claims if not (
                c.quantity is None and lo <= c.span.start < hi and (c.predicate, c.speaker) in counted)]
            self.seen_ids = {c.claim_id for c in self.claims}
        return bool(made)

    def sentence(self, sent, doc, offset: int, mentions: list[Mention], places: list[FoundPlace],
                 when: When | None, carry: Carry) -> Carry:
        self.resolver.sentence_no += 1
        if self.voice is None:
            self.voice = self.transcript(sent, doc, offset, mentions)
        cues: dict[int, Cue] = {}
        for token in sent:
            if self.is_cue(token):
                cues[token.i] = self.make_cue(token, doc, offset, mentions)
        according = self.according_to(sent, doc, offset, mentions)
        if according is None and not cues:
            according = self.according_next(sent, doc, offset, mentions) or self.introduced(sent, doc, offset, mentions)
        used: set[int] = set()
        produced = False
        for token in sent:
            if token.i in cues and token.lemma_.lower() not in ("report",):
                continue
            if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
                # "rockets fired from Lebanon" describes the rockets; the clause's verb makes the claim.
                # A clause with its own subject is what the noun says: "claims that 20 fighters died".
                continue
            predicate = self.verb_predicate(token) or self.noun_predicate(token, cues)
            if predicate is None:
                continue
            chain = self.chain_for(token, sent, cues, according, carry)
            used.update(c.token.i for c in chain)
            self.build(sent=sent, doc=doc, offset=offset, chain=chain, predicate=predicate, trigger=token,
                       mentions=mentions, places=places, when=when)
            produced = True
        produced = self.figure_claims(sent, doc, offset, cues, according, carry, mentions, places, when) or produced
        for index, cue in cues.items():
            identity = self.identity(cue)
            if index in used and identity is None:
                continue
            chain = [*self.governing(cue.token, cues), cue]
            if identity is not None:
                patient_tok, identity_tok = identity
                self.build(sent=sent, doc=doc, offset=offset, chain=chain, predicate="identified_as",
                           trigger=cue.content or cue.token, mentions=mentions, places=places, when=when,
                           identity_tok=identity_tok, patient_tok=patient_tok)
            elif cue.content is not None and cue.token.lemma_.lower() not in lx.IDENTITY_CUES and cue.speakers:
                self.build(sent=sent, doc=doc, offset=offset, chain=chain, predicate="stated",
                           trigger=cue.token, mentions=mentions, places=places, when=when)
            produced = True
        for m in mentions:
            # "into Russia" names a place, not a party that a later "they" could mean.
            root = doc[m.end - 1]
            if sent.start <= m.start < sent.end and not (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE):
                self.resolver.remember(m.actor)
        attributed = [c for c in cues.values() if c.speakers]
        if attributed:
            # The last attributed cue carries to the next sentences ("The agency said ... More were killed.").
            top = [c for c in attributed if not self.governing(c.token, cues)] or attributed
            return Carry(cues=[*self.governing(top[-1].token, cues), top[-1]])
        if according is not None:
            return Carry(cues=self.chain_of(according))
        if produced and not cues:
            return carry
        return carry if not cues else Carry()

    # --- the attribution model -----------------------------------------------------------------
    def attributions(self, found: list, sent, doc, offset: int, mentions: list[Mention], when: When | None) -> None:
        """A `stated` claim for each attribution of the model whose cue lies in `sent` and that no rule
        claim already carries ("Officials believe ...", "the source added").

        `found` holds `fogwatch.nlp.attribution.Attribution3`s (character offsets in the article).
        """
        lo, hi = offset + sent.start_char, offset + sent.end_char
        for a in found:
            # A claim already carries it if it has the cue and (where both have one) the content;
            # one cue may have two contents ("“A,” he said. “B.”" read as two quotes).
            if not lo <= a.cue[0] < hi or any(
                    c.cue_span and _overlaps(c.cue_span, a.cue)
                    and (a.content is None or c.content_span is None or _overlaps(c.content_span, a.content))
                    for c in self.claims):
                continue
            cue_tok = doc.char_span(a.cue[0] - offset, a.cue[1] - offset, alignment_mode="expand")
            source_tok, within = None, None
            found_span = self.source_in(a, sent, doc, offset)
            if found_span is not None:
                source_tok, within = found_span.root, (found_span.start, found_span.end)
            speakers = self.resolver.resolve(source_tok, mentions, speaker=True, within=within) \
                if source_tok is not None else []
            for actor in speakers:
                self.resolver.remember(actor)
            if speakers:
                self.resolver.spoke(speakers, source_tok)
            lemma = cue_tok.root.lemma_.lower() if cue_tok is not None and len(cue_tok) else ""
            if lemma == "accord" or (cue_tok is not None and cue_tok.text.lower().startswith("according")):
                hedge = lx.according_to_hedge(source_tok.lemma_.lower() if source_tok is not None else None)
            else:
                hedge = lx.CUES.get(lemma, "asserted")
            if cue_tok is not None and any(t.dep_ == "neg" for t in cue_tok.root.children) and hedge != "denied":
                hedge = "denied"  # "did not say" is not "said"
            ends = [e for e in (a.source, a.cue, a.content) if e]
            start, end = min(e[0] for e in ends), max(e[1] for e in ends)
            first = doc.char_span(start - offset, start - offset + 1, alignment_mode="expand")
            last = doc.char_span(end - offset - 1, end - offset, alignment_mode="expand")
            if first is not None and len(first):
                start = min(start, offset + first[0].sent.start_char)
            if last is not None and len(last):
                end = max(end, offset + last[-1].sent.end_char)
            start, end = _trim(self.text, start, end)
            span = Span(self.article_id, start, end)
            source_text = self.text[a.source[0]:a.source[1]] if a.source else "unnamed"
            via = (Attribution(speaker=", ".join(x.name for x in speakers) or source_text, cue=self.text[a.cue[0]:a.cue[1]],
                               span=Span(self.article_id, *a.cue), actor_id=speakers[0].actor_id if speakers else None),)
            for speaker in speakers or [None]:
                key = "|".join([self.article_id, "attribution", str(a.cue[0]), str(a.content[0] if a.content else -1),
                                speaker.actor_id if speaker else "-"])
                self.add(Claim(
                    claim_id=hashlib.sha256(key.encode()).hexdigest()[:20], article_id=self.article_id, span=span,
                    text=self.text[start:end], speaker=speaker, via=via, cue=self.text[a.cue[0]:a.cue[1]], hedge=hedge,
                    predicate="stated", when=when, **_spans(self.article_id, a)))

    def adopt_spans(self, found: list) -> None:
        """Defer to the model on what is an attribution and where its spans begin and end.

        A claim whose cue the model also found takes the model's source, cue and content spans: the
        rules read one verb as the cue and the parse's subtree as the content; the model was trained
        on human annotation of those extents ("told reporters", a quote over two sentences).

        A claim that only reports speech (`stated`, `identified_as`) whose cue the model did not find
        is dropped: the rules fire on any reporting verb ("what he called a breach", "I think"), the
        model has learnt from PolNeAR which of them introduce an attribution. Claims of an event
        (killed, captured, ...) stay on the rules' spans, since they carry the ledger's figures.
        """
        kept, seen = [], set()
        for claim in self.claims:
            match = None if claim.cue_span is None else next((a for a in found if _overlaps(claim.cue_span, a.cue)), None)
            if match is not None:
                claim = replace(claim, **_spans(self.article_id, match))
            elif claim.cue_span is not None and claim.predicate in SPEECH_ONLY:
                continue
            # A speech claim of the rules that took the model's spans may now say what a model claim
            # says: keep the first (the rules', which may also name who the statement is about). Event
            # claims are kept apart: a sentence that carries the previous one's cue ("They reportedly
            # crossed ...") takes the same spans but reports another fact.
            if claim.predicate in SPEECH_ONLY:
                key = (claim.predicate, claim.speaker, claim.identity, claim.negated, claim.source_span,
                       claim.cue_span, claim.content_span, *((claim.patient,) if claim.identity else ()))
                if key in seen:
                    continue
                seen.add(key)
            kept.append(claim)
        self.claims[:] = kept

    def identity(self, cue: Cue):
        """(patient token, identity token) when the cue says what someone is."""
        token = cue.token
        for child in token.children:
            if child.dep_ == "oprd" and child.pos_ in ("NOUN", "PROPN", "ADJ"):
                obj = next((c for c in token.children if c.dep_ == "dobj"), None)
                return obj, child
            if child.dep_ == "prep" and child.lower_ == "as":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                obj = next((c for c in token.children if c.dep_ == "dobj"), None)
                if objs:
                    return obj, objs[0]
        content = cue.content
        if content is not None and content.lemma_.lower() == "be" and not any(c.dep_ == "expl" for c in content.children):
            attrs = [c for c in content.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")]
            subj = next((c for c in content.children if c.dep_ == "nsubj"), None)
            if attrs and subj is not None:
                return subj, attrs[0]
        return None
