"""Claims from the dependency parse: who asserts what, how hedged, with which numbers.

The rules, in reading order:
1. A *cue* is a reporting verb (lexicon.CUES) or "according to". Its subject (or the "to" object)
   is the speaker; the clause it governs is the content.
2. A *trigger* is a verb or event noun that names something that happened (lexicon.PREDICATES,
   EVENT_NOUNS; the rules are in triggers.py). Walking up the parse from a trigger collects the cues
   that govern it: the outermost is the first link of the attribution chain (`via`), the innermost
   is the speaker.
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
import re
from collections.abc import Sequence
from dataclasses import replace

from fogwatch.extract import lexicon as lx
from fogwatch.extract.actors import ActorResolver, Mention
from fogwatch.extract.cues import Carry, Cue, _span, aside, dash_quote
from fogwatch.extract.dates import earlier_by
from fogwatch.extract.figures import Figure, figures
from fogwatch.extract.outcomes import counts, is_people, joint
from fogwatch.extract.scope import lasting, scope_of, situating, toured
from fogwatch.extract.modality import hedge_for, modality_of
from fogwatch.extract.claim_place import coordinated, place_for
from fogwatch.extract.places import LOCATIVE, FoundPlace
from fogwatch.extract.quantities import quantity_nouns, read_quantity
from fogwatch.extract.triggers import TriggerReader
from fogwatch.records import Actor, Attribution, Claim, Quantity, Span, When

SPEECH_ONLY = {"stated", "identified_as"}  # predicates that report speech and nothing that happened

NOT_FIGURE = re.compile(r"(?:,|\bbut)\s+not\s+$", re.IGNORECASE)


def _words(doc, when: When, offset: int):
    """The tokens of a date in the paragraph `doc` that starts at `offset` in the article, or None."""
    return doc.char_span(when.span.start - offset, when.span.end - offset, alignment_mode="expand")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _says(cue: str | None) -> bool:
    """Whether a cue's words include a verb of saying (`lexicon.SAY_VERBS`), not "has already decided"."""
    return bool(cue) and any(w in lx.SAY_FORMS for w in re.findall(r"[a-z]+", cue.lower()))


def quoted_sentence(sent) -> bool:
    """Whether `sent` is inside a quotation: it opens with a quotation mark, or its paragraph has
    opened one before it that is still open (“ and ” counted; a straight quote by parity)."""
    text = sent.doc.text
    head = text[:sent.start_char]
    closing = max(sent.text.rfind("”"), sent.text.rfind("»"), sent.text.rfind('"'))
    if closing >= 0 and re.search(r"[A-Za-z]", sent.text[closing + 1:]):
        return False  # '"Gradually," he said.': the sentence that names the speaker is the writer's
    if sent.text.lstrip()[:1] in ('"', "“", "«", "„"):
        return True
    return head.count("“") > head.count("”") or head.count("«") > head.count("»") or head.count('"') % 2 == 1


def _trailing_participle(token) -> bool:
    """A bare past participle trailing its clause, with no subject, auxiliary, maker or date ("My thoughts
    go to Mariupol, barbarously bombarded and destroyed"): a description the parser hung on the verb,
    as it hangs "rockets fired from Lebanon" on the noun. "Hit by a missile on Monday, the school
    burned" opens its sentence and says who and when: an incident."""
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if token.tag_ not in ("VBN", "VBD") or head.tag_ not in ("VBN", "VBD") or head.dep_ != "advcl" or head.i < head.head.i:
        return False
    main = head.head
    if main.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in main.children) or main.lemma_.lower() in lx.PREDICATES:
        # A series of what was done to the subject: "People were brought to the pit, forced to their
        # knees and shot dead", "Woman struck, killed in Bloomington".
        return False

    def bare(verb) -> bool:
        return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent", "mark", "npadvmod")
                       or c.ent_type_ in ("DATE", "TIME") for c in verb.children)
    return bare(head) and bare(token) and head.left_edge.i > 0 and head.doc[head.left_edge.i - 1].text == ","


def _overlaps(span: Span, extent: tuple[int, int]) -> bool:
    return span.start < extent[1] and extent[0] < span.end


def _voiced(claim: Claim, carrier: Claim, **spans) -> Claim:
    """`claim` told by the speaker of `carrier`, whose quotation holds it."""
    key = "|".join([claim.claim_id, carrier.speaker.actor_id])
    return replace(claim, claim_id=hashlib.sha256(key.encode()).hexdigest()[:20], speaker=carrier.speaker,
                   via=carrier.via, cue=carrier.cue, body=carrier.body,
                   hedge=carrier.hedge if claim.hedge == "asserted" or carrier.hedge == "denied" else claim.hedge,
                   **spans)


def _spans(article_id: str, a) -> dict:
    """The span fields of a claim from a model attribution."""
    def span(extent):
        return Span(article_id, *extent) if extent else None

    return {"source_span": span(a.source), "cue_span": span(a.cue), "content_span": span(a.content),
            "content_parts": tuple(Span(article_id, *p) for p in a.content_parts) if len(a.content_parts) > 1 else ()}


def _describes(place, trigger, doc) -> bool:
    """Whether the trigger is in a clause that describes the place ("Kharkiv, where 18 people were
    killed, and Marinka"): the place's list is not the claim's."""
    token = doc[place.tok_start:place.tok_end].root
    return any(a.i == token.i for a in trigger.ancestors)


def _taken(trigger, place) -> bool:
    """Whether a capture is of `place`: named in its phrase ("took control of Soloviove", "gains around
    Bakhmut"), or the town its relative clause describes ("Soledar, which Russian forces captured",
    "Kherson, the only regional capital that Russia has captured");
    not a place the sentence names for something else."""
    if place.tok_start in {t.i for t in trigger.subtree}:
        return True
    for node in [trigger, *trigger.ancestors]:
        if node.dep_ in ("relcl", "acl"):
            noun = node.head
            while noun.dep_ == "appos" and not place.tok_start <= noun.i < place.tok_end:
                noun = noun.head  # "Kherson, the only regional capital that Russia has captured"
            return place.tok_start <= noun.i < place.tok_end
    return False


class ClaimExtractor(TriggerReader):
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
        self.dates: list[When] = []  # the dates of the sentence being read (`own_date`)
        self.dateline: tuple[int, int] | None = None  # characters of the paragraph's dateline (`places.dateline_end`)
        self.previous_places: list[FoundPlace] = []  # the places of the paragraph before, for "the city"

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

    def own_date(self, trigger, offset: int) -> When | None:
        """Of a sentence's several dates, the one in the trigger's own clause: "the army said on Sunday
        that air strikes killed 40 fighters on Saturday" dates the killing Saturday, the statement
        Sunday. None where the sentence gives one date or none inside the clause."""
        if len(self.dates) < 2:
            return None
        clause = lx.verb_of(trigger)
        for when in self.dates:
            words = _words(trigger.doc, when, offset)
            if words is not None and clause in (words.root, *words.root.ancestors):
                return when
        return None

    def ahead(self, trigger, when: When | None, offset: int) -> bool:
        """Whether the sentence's one date dates something still to come in another clause, not the
        trigger's: "Ukraine expects grain shipments to leave its ports this week, its minister says,
        despite Russian strikes on Odesa" (the strikes are not this week's). A purpose clause of the
        trigger's own verb ("launched strikes to destroy the bridge on Monday") is its date."""
        if when is None or when.span is None or len(self.dates) != 1:
            return False
        words = _words(trigger.doc, when, offset)
        if words is None:
            return False
        verb, main = lx.verb_of(words.root), lx.verb_of(trigger)
        if verb.pos_ not in ("VERB", "AUX") or verb.i in (trigger.i, main.i) or trigger in verb.subtree:
            return False
        coordinate = verb.dep_ == "conj" and verb.head.i == main.i  # "missiles hit Odesa, and he will visit ..."
        if not coordinate and (verb in trigger.subtree or verb.head.i == main.i):
            return False  # a clause of the claim's own: "launched strikes to destroy the bridge on Monday"
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if aux & {"will", "shall", "'ll"}:
            return True
        # An infinitive is to come only under a present or future verb: "expects shipments to leave its
        # ports this week"; not "as Biden prepared to call Putin on Saturday", the day it was told.
        governing = verb.head if verb.head.pos_ in ("VERB", "AUX") else lx.verb_of(verb.head)
        return "to" in aux and (governing.tag_ in ("VBZ", "VBP", "MD") or any(
            c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in governing.children))

    def add(self, claim: Claim) -> None:
        if claim.claim_id not in self.seen_ids:
            self.seen_ids.add(claim.claim_id)
            self.claims.append(claim)

    def build(self, *, sent, doc, offset, chain: list[Cue], predicate: str, trigger, mentions,
              places: list[FoundPlace], when: When | None, identity_tok=None, patient_tok=None,
              figure: Figure | None = None) -> list[Claim]:
        sent_start, sent_end = _trim(self.text, offset + sent.start_char, offset + sent.end_char)
        span = Span(self.article_id, sent_start, sent_end)
        own = self.own_date(trigger, offset)
        if self.ahead(trigger, when, offset):
            when = None  # "expects shipments to leave its ports this week, despite Russian strikes on Odesa"
        # A date of the claim's own sentence, not only one carried from the paragraph (`scope.situating`).
        dated_here = own is not None or (when is not None and when.span is not None and
                                         offset + sent.start_char <= when.span.start < offset + sent.end_char)
        when = self.before(trigger, own or when, doc, offset)
        via = tuple(Attribution(speaker=", ".join(a.name for a in c.speakers) or (doc[c.source.left_edge.i:c.source.i + 1].text if c.source is not None else "unnamed"),
                                cue=c.text, span=c.span, actor_id=c.speakers[0].actor_id if c.speakers else None)
                    for c in chain)
        inner = chain[-1] if chain else None
        speakers: list[Actor | None] = list(inner.speakers) if inner and inner.speakers else [None]
        if inner is not None and not inner.speakers and inner.source is not None \
                and inner.source.lemma_.lower() in lx.EVIDENCE_SOURCES:
            # What a body's own evidence shows is the body's word: "the US military said ... preliminary
            # reports do not indicate it was caused by enemy fire".
            outer = next((c for c in reversed(chain[:-1]) if c.speakers), None)
            speakers = list(outer.speakers) if outer is not None else speakers
        hedge = hedge_for(trigger, chain)
        if self.party_denied(trigger):
            hedge = "denied"
        negated = self.negated(trigger)
        agent_tok = self.agent_of(trigger) if trigger.pos_ in ("VERB", "AUX") else None
        if trigger.pos_ == "NOUN":
            # The event noun's agent is the subject of the verb carrying it ("the groups launched incursions").
            carrier = lx.verb_of(trigger.head)
            agent_tok = self.subject_of(carrier) if carrier.lemma_.lower() in lx.LIGHT_VERBS else None
            if agent_tok is None:
                # "a Russian attack", "Israel's strike on Rafah": the noun's own maker.
                agent_tok = next((c for c in trigger.children if (c.dep_ == "poss" and c.pos_ == "PROPN"
                                                                   and c.ent_type_ not in ("DATE", "TIME")
                                                                   and c.lower_ not in lx.DAY_WORDS)
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
        # A figure set aside is none of the claim's: "two soldiers were killed, not three".
        quantities = [q for q in quantities
                      if q is None or not NOT_FIGURE.search(self.text[max(0, q.span.start - 12):q.span.start])]
        quantities = quantities or [None]
        place = place_for(trigger, sent, places, self.previous_places)
        if predicate == "captured" and place is not None and not _taken(trigger, place):
            place = None  # "where Russian troops are pressing on having made gains, ... killed in Soledar"
        # Places listed with the claim's own ("struck Kharkiv and Odesa"); a claim whose place is
        # outside its clause ("Kharkiv, where 18 people were killed") takes none of the list.
        subtree = {t.i for t in trigger.subtree}
        # A noun's clause is its verb's: "conducted attacks northwest of Svatove and near Kreminna".
        clause = trigger
        while clause.pos_ == "NOUN" and clause.head.i != clause.i:
            clause = clause.head
        # So is an event noun's that is the subject of "be" or a verb of happening: "Fighting has been
        # heavy around Lysychansk and Severodonetsk", "shelling continued in Kharkiv and Sumy".
        told = trigger.dep_ == "nsubj" and clause.lemma_.lower() in lx.HAPPEN_VERBS | {"be"}
        subtree = {t.i for t in clause.subtree} if clause.pos_ in ("VERB", "AUX") and clause.dep_ != "ROOT" \
            or trigger.pos_ == "NOUN" and (clause.lemma_.lower() in lx.LIGHT_VERBS or told) else subtree
        if place is not None and place.tok_start not in subtree and not _describes(place, trigger, doc):
            subtree = {t.i for t in sent}  # the sentence's place, not a clause's: "the offensive ... has begun
            # mainly southwest of the city of Donetsk and south of Izyum"
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
                # "1260 Russian military were eliminated": people put out of action are casualties.
                predicate = "destroyed" if base_predicate == "casualties" and q and not is_people(q.unit) \
                    else "casualties" if base_predicate == "destroyed" and q and is_people(q.unit) else base_predicate
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
                    **self.scope(sent, trigger, q, predicate, dated_here),
                    body=inner.body if inner and speaker is not None else None,
                ))
        for claim in made:
            self.add(claim)
        return made

    @staticmethod
    def scope(sent, trigger, q: Quantity | None, predicate: str, dated_here: bool = False) -> dict:
        if q is None:
            background = predicate not in ("stated", "identified_as") and (situating(trigger, dated_here)
                                                                          or lasting(trigger))
            return {"scope": "background" if background else None, "period": None}
        size = q.low if q.low is not None else q.high  # "as many as 15,000": the size is its top
        scope, period = scope_of(sent, trigger, size, predicate, q.text)
        if scope == "incident" and q.unit == "case":
            scope = "cumulative"  # "77 cases of civilians being executed": a documented tally
        elif scope == "incident" and toured(trigger, dated_here):
            scope = "background"  # "was taken to an apartment block that was heavily damaged in a Russian bombardment"
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
        if not quoted_sentence(sent):
            # Sentences of a quotation do not push its speaker out of reach: "“We are entering Rostov.
            # ... Shoigu kills children. ...” / He later claimed ..." is still Prigozhin's "he".
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
        if according is None and not any(c.speakers for c in cues.values()):
            according = self.trailing_source(sent, doc, offset, mentions)
        used: set[int] = set()
        produced = False
        for token in sent:
            if token.i in cues and token.lemma_.lower() not in ("report",):
                continue
            if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and token.head.dep_ != "ROOT" and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
                # "rockets fired from Lebanon" describes the rockets; the clause's verb makes the claim.
                # A clause with its own subject is what the noun says: "claims that 20 fighters died".
                # A caption has no other verb: "A private house destroyed in shelling in Bervitsa".
                continue
            if _trailing_participle(token):
                continue  # "the city of Mariupol, barbarously bombarded and destroyed": how it is, not what happened
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
            if a.source and self.in_dateline(a.source[0]):
                continue  # "Dubai, United Arab Emirates (CNN)- Tourists will not like ...": a place, not a source
            if aside(self.text, *a.cue):
                continue  # "That being said, EU officials are sceptical": the writer's, not the officials' saying
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

    def quoted(self, found: list) -> None:
        """Give a speaker to what an event or figure claim reports where the rules found none but the
        sentence lies inside the content the model attributes to a named source: a quotation over
        several sentences whose cue comes only at its end ("... We will never forget that millions of
        our compatriots fell on battlefields ... ,” the Belarusian president said").

        The claim takes the speaker, chain and spans of the claim that carries that attribution's cue;
        a claim that the rules attributed to anyone keeps what it has.
        """
        speaking = [c for c in self.claims if c.cue_span is not None and c.speaker is not None]
        for n, claim in enumerate(self.claims):
            if claim.speaker is not None or claim.via or claim.predicate in SPEECH_ONLY:
                continue
            anchor = claim.quantity.span if claim.quantity is not None else claim.span
            for a in found:
                if a.content is None or a.source is None or not (a.content[0] <= anchor.start and anchor.end <= a.content[1]):
                    continue
                if claim.span.start <= a.cue[0] < claim.span.end:
                    continue  # the cue's own sentence: the rules have read its parse
                lo, hi = sorted((claim.span.end, a.cue[0]))
                if any(not paragraph.lstrip().startswith(('"', "“", "«", "„"))
                       for paragraph in re.split(r"\n\s*\n", self.text[lo:hi])[1:]):
                    break  # another paragraph that opens no quotation: another voice
                carrier = next((c for c in speaking if _overlaps(c.cue_span, a.cue) and _says(c.cue)), None)
                if carrier is None:
                    break
                self.claims[n] = _voiced(claim, carrier, **_spans(self.article_id, a))
                break

    def dashed(self) -> None:
        """Give the speaker of a dash-closed quotation ("... We are waiting for a locomotive - the
        conductor explained to me", `cues.dash_quote`) to the claims inside it that no rule or model
        attributed, as `quoted` does for quotation marks."""
        for carrier in [c for c in self.claims if c.cue_span is not None and c.speaker is not None and _says(c.cue)]:
            extent = dash_quote(self.text, carrier.cue_span.start)
            if extent is None:
                continue
            for n, claim in enumerate(self.claims):
                anchor = claim.quantity.span if claim.quantity is not None else claim.span
                if claim.speaker is None and not claim.via and claim.predicate not in SPEECH_ONLY \
                        and extent[0] <= anchor.start < extent[1] and claim.span.end <= carrier.span.end:
                    self.claims[n] = _voiced(claim, carrier)

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
