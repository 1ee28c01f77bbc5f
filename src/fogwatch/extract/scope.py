"""A figure's scope: one incident's count, or a running or war-long total with the words that give
its period ("since March", "so far", "from the start of the invasion"). Read in the figure's own
clause, so that "..., and he prays for Ukraine every day" does not make a killing cumulative.
A claim without a figure told in a clause that situates another story is `background`
(`situating`), and so is a state that has lasted years (`lasting`)."""
from __future__ import annotations

import re

from fogwatch.extract import lexicon as lx
from fogwatch.geocode import gazetteer

# Cumulative markers: a count over a period or the war as a whole.
CUMULATIVE = re.compile(
    r"\b(?:since (?:the (?:start|beginning|outbreak) of )?(?:the |its |russia's |moscow's )?(?:full[- ]scale )?"
    r"(?:war|invasion|conflict|occupation|offensive|aggression|fighting|operation)\b"
    r"|since (?:[\w'’-]+ ){0,3}?(?:launched|began|started|launching|starting|beginning|unleashed|invaded)\b"
    r"(?: (?:its |the |a |what it calls (?:a |the |its )?)?(?:[\w-]+ ){0,2}?(?:war|invasion|offensive|operation|aggression)\b)?"
    r"|(?:in|over) (?:\w+ ){1,3}(?:years|months) of (?:the )?(?:civil )?(?:war|fighting|conflict|occupation)"
    r"|since (?:the (?:start|beginning) of )?(?:early |late |mid-?)?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d{4}|last year|the start|the beginning)\b[\w ,]{0,20}"
    r"|so far|to date|in total|a total of|altogether|in all\b|overall|thus far|up to now|until now"
    r"|bring(?:s|ing)? (?:the|its) (?:overall |total )?(?:total|number|tally)\b"
    r"|(?:over|in|during) the (?:past|last|first) (?:\w+ )?(?:months|years|weeks|half of (?:the |this )?year)"
    r"|in recent (?:weeks|months|years)"
    r"|(?:in|during) the (?:first|second) half of (?:the |this |last )?(?:year|\d{4})|this month"
    r"|from (?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december) \d{1,2}\b"
    r"|(?:throughout|during|in) the (?:war|conflict|invasion)\b|of the war\b|in the war\b"
    r"|from the (?:start|beginning|outset) of [\w' ]{3,40}|as of (?:the (?:beginning|start|end) of )?\w+(?: \d{4})?"
    r"|after (?:\w+ )?(?:years|months|weeks) of (?:war|fighting|conflict)|during the (?:[\w-]+ )?occupation"
    r"|in (?:19|20)\d\d\b(?! when)|over the (?:course|years)|this year|since then|each day|every day|per day"
    r"|daily average|average daily)", re.I)


# Markers that say a figure is a total without saying over what period.
GENERIC = ("so far", "to date", "in total", "a total", "altogether", "in all", "overall", "thus far", "bring")


# Nouns for a war as a whole, whose toll a figure is when the war is what killed: "the war has
# claimed about 3,000 lives", "the conflict has killed more than 500 people".
WARS = {"war", "conflict", "invasion", "insurgency", "occupation", "genocide", "holocaust"}


# Fighting in a whole country is the war: "the fighting in Ukraine", "killed in the fighting in Sudan"
# (not "in the fighting near Bakhmut", one battle).
FIGHTING = {"fighting", "hostilities"}


def war_wide(token) -> bool:
    """Whether an event noun's only place is a country: "the fighting in Ukraine" is the war."""
    places = [g for p in token.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    return bool(places) and all(gazetteer().country_named(g.text) is not None for g in places)


# One incident's window, which a total inside it does not widen: "during the attack", "over the past
# day", "overnight", "in the battle".
WINDOW = re.compile(
    r"\b(?:(?:in|over|during|of|for) the (?:last|past|previous) (?:day|24 hours|night)"
    r"|overnight|in (?:one|a single) (?:day|night|attack|strike|raid)"
    r"|(?:in|during) the (?:attack|strike|assault|raid|barrage|battle|massacre|bombing|shelling)\b)", re.I)


def _clause(trigger):
    """The tokens of the clause `trigger` is in: its nearest clausal head's subtree."""
    node = trigger
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and node.dep_ in ("ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp",
                                                         "parataxis", "acl", "pcomp"):
            break
        if node.head.i == node.i:
            break
        node = node.head
    return node


def scope_of(sent, trigger=None, low: int | None = None, predicate: str | None = None,
             text: str | None = None) -> tuple[str, str | None]:
    """("cumulative", period words) where a figure is a running or war-long total, else ("incident",
    None). Read in the figure's own clause: a period ("since March", "so far", "from the start of the
    invasion", "as of May", "each day"), a tally of losses ("Russia has lost 1,000 tanks"), a
    documented count of cases, or a size no single incident has (tens of thousands and more)."""
    clause = sent.text
    head = _clause(trigger) if trigger is not None else None
    if head is not None:
        path = {t.i for t in trigger.ancestors} | {trigger.i}
        # The clause without the other clauses joined to it ("..., and he prays for Ukraine every day").
        # A "since" clause is the period itself: "killed since Russia launched its invasion".
        other = {t.i for c in head.children if c.dep_ in ("conj", "parataxis", "advcl", "ccomp")
                 and c.pos_ in ("VERB", "AUX") and c.i not in path
                 and not (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children))
                 for t in c.subtree}
        tokens = [t for t in head.subtree if t.i not in other] if head.sent.start == sent.start else list(sent)
        clause = "".join(t.text_with_ws for t in tokens)
    m = CUMULATIVE.search(clause)
    if WINDOW.search(clause) and not (m and m.group(0).lower().startswith(("since", "from the", "as of"))):
        return "incident", None  # "in total, 30 missiles were launched during the attack", "lost ... over the last day"
    if m:
        # The period is the first marker that names one: "so far this year" → "this year".
        periods = (found.group(0).strip(" ,") for found in CUMULATIVE.finditer(clause))
        period = next((w for w in periods if not w.lower().startswith(GENERIC)), None)
        return "cumulative", period
    if head is not None:
        lemma = head.lemma_.lower()
        perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in head.children)
        if perfect and any(c.dep_ == "advmod" and c.lower_ == "already" for c in head.children):
            return "cumulative", None  # "four media professionals had already been killed": a tally so far
        if lemma == "lose" and perfect:
            return "cumulative", None  # "Russia has lost 1,000 tanks": a tally of the war
        if lemma in ("reach", "total", "exceed", "surpass", "top", "pass") and perfect and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in ("loss", "losses", "casualty") for c in head.children):
            return "cumulative", None  # "Ukraine's losses have reached 74,000 personnel, 400 tanks and ..."
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in WARS for c in head.children):
            return "cumulative", None  # "the war has claimed about 3,000 lives": the war's toll, not an attack's
        if perfect and any(t.lower_ in FIGHTING and t.dep_ == "pobj" and t.head.lower_ in ("in", "during", "by")
                           and war_wide(t) for t in tokens):
            return "cumulative", None  # "190 children have been killed in the fighting in Sudan"
        if lemma in ("document", "record", "register", "verify", "confirm") and "case" in clause.lower():
            return "cumulative", None  # "the office documented 864 cases"
    if low is not None and low >= 10000 and predicate in (None, "killed", "casualties", "wounded", "missing",
                                                           "destroyed", "detained"):
        return "cumulative", None
    if text and low is not None and low >= 2000 and re.match(r"(?i)(?:tens of |hundreds of |many )?(?:thousands|millions)", text):
        return "cumulative", None
    return "incident", None


# What opens a clause that situates the story in an earlier one: "The US did use leverage after an
# Israeli military strike killed aid workers", "even when Ukraine ... recaptured Kherson".
SITUATING_MARKS = {"after", "when", "before", "once", "since"}
# How close "after" can be to the news: "Danilov was speaking soon after an explosion in Donetsk".
RECENT = {"soon", "shortly", "just", "hours", "minutes", "moments", "immediately", "right"}


# What an attack answers, an earlier one: "a retaliation for bombing the Iranian consulate in Damascus",
# "in response to Russian strikes on Kyiv", "revenge for the killing of ...".
ANSWERS = {"retaliation", "revenge", "response", "reprisal", "retribution", "reply"}


def _answered(trigger) -> bool:
    """Whether `trigger` tells what another attack answers: under "retaliation for", "in response to"."""
    for node in [trigger, *list(trigger.ancestors)[:5]]:
        if node.dep_ == "prep" and node.lower_ in ("for", "to") and node.head.lemma_.lower() in ANSWERS:
            return True
    return False


def _auxiliaries(verb) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _past(verb, aux: set[str]) -> bool:
    """Whether a verb with these auxiliaries is told in the simple past: "bombed", "was damaged"."""
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and bool(aux) and aux <= {"was", "were", "had", "been"}


def situating(trigger, dated_here: bool) -> bool:
    """Whether `trigger` reports a past incident in a clause that situates another statement: what
    an attack answers ("a retaliation for bombing the consulate in Damascus"), a
    relative clause ("He also visited a bridge in Irpin where Russian forces bombed civilians") or a
    clause of time ("after an Israeli military strike killed aid workers"), told in the simple past,
    with no date in its sentence (`dated_here`), under a main clause that reports no incident itself
    (`lexicon.SITUATED`). "Three people were killed when a missile struck",
    "Kharkiv, where 18 people have been killed in the last few days" are news."""
    if not dated_here and _answered(trigger):
        return True
    verb = lx.verb_of(trigger)
    if not dated_here and verb.dep_ in ("advcl", "pcomp", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "having" for c in verb.children):
        return True  # what was done before: "Russian troops are pressing on, having made gains"; not
        # what is reported ("Israel reports having killed fewer than half of Hamas' fighters")
    if not dated_here and verb.dep_ == "relcl" and any(c.dep_ in ("amod", "advmod") and (
            c.lower_ in ("only", "first", "last") or c.tag_ == "JJS") for c in verb.head.children):
        return True  # a description by a record: "Kherson, the only regional capital that Russia has captured"
    node = verb  # a noun's clause: "damaged in a Russian aerial bombardment"
    for _ in range(6):
        if node.dep_ == "relcl" or node.dep_ == "advcl" and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in SITUATING_MARKS for c in node.children):
            break
        if node.dep_ not in ("conj", "xcomp", "pcomp", "prep", "pobj") or node.head.i == node.i:
            return False
        node = node.head
    else:
        return False
    # A date of the sentence dates a relative clause only from inside it: "On Thursday, Putin visited
    # the grave of his brother, who died as an infant during the blockade" tells Thursday's visit.
    if dated_here and not (node.dep_ == "relcl" and not any(t.ent_type_ == "DATE" for t in node.subtree)):
        return False
    aux = _auxiliaries(node)
    if not _past(node, aux) or aux & {"has", "have", "will", "would", "could", "may", "might"}:
        return False
    opener = [c for c in node.children if c.dep_ in ("mark", "advmod") and c.lower_ in SITUATING_MARKS]
    if opener and (any(c.lower_ in RECENT for c in opener[0].children)
                   or opener[0].i > 0 and node.doc[opener[0].i - 1].lower_ in RECENT) or any(
            c.lower_ in RECENT for c in node.children if c.dep_ == "advmod"):
        return False
    main, passed = lx.verb_of(node.head), []  # a relative clause's noun: the verb it hangs on
    while main.dep_ in ("relcl", "acl") and main.head.i != main.i:
        passed.append(main)
        main = lx.verb_of(main.head)  # "a grave that contains the remains of his brother, who died": the sentence's verb
    if any(v.lemma_.lower() in lx.SITUATED for v in passed):
        return False  # "the building that was struck, where three people died"
    while main.tag_ in ("VB", "VBG") and main.dep_ in ("advcl", "xcomp") and main.head.i != main.i:
        main = main.head  # "work to extinguish": the finite verb tells the tense
    if not passed and (main.tag_ in ("VBP", "VBZ") or any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am")
                                                          for c in main.children)):
        return False  # a caption's present: "Firefighters work to extinguish a fire after an airstrike hit a tire shop"
    if main.lemma_.lower() in lx.SITUATED or any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in lx.SITUATED
                                                 for c in main.children):
        return False  # "Three people were killed when a missile struck": the main clause reports it
    return True


# Verbs of a visit, whose object is a site shown: "visited a bridge where civilians were bombed",
# "was taken to an apartment block that was heavily damaged". Not "footage showed blocks that were
# destroyed", which may be the day's news.
TOUR_VERBS = {"visit", "tour", "take", "inspect"}


def toured(trigger, dated_here: bool) -> bool:
    """Whether `trigger`'s clause describes, in the past and with no date of its sentence, a site that a
    visit shows: a relative clause on what is visited, toured or shown ("was taken to"). Its figure
    counts the site's past, not the day's news."""
    node = lx.verb_of(trigger)
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
    if dated_here or node.dep_ != "relcl" or not _past(node, _auxiliaries(node)):
        return False
    visit = lx.verb_of(node.head)
    lemma = visit.lemma_.lower()
    return lemma in TOUR_VERBS and (lemma != "take" or any(c.dep_ == "prep" and c.lower_ == "to" for c in visit.children))


# What a state lasts, not an incident's day: "occupied Crimea for eight years", "shelled the town for months".
LASTING_UNITS = {"year", "decade", "month", "century"}


def lasting(trigger) -> bool:
    """Whether `trigger`'s verb is told as lasting months or years ("Russia has ... occupied Crimea
    for eight years", "has besieged the city for months"): a state or a campaign, not one incident."""
    node = lx.verb_of(trigger)
    verbs = [node, *(c for c in node.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if node.dep_ == "conj":
        verbs.append(node.head)  # "maintained a proxy war ... and occupied Crimea for eight years"
    return any(p.dep_ == "prep" and p.lower_ == "for" and any(
        o.dep_ == "pobj" and o.lemma_.lower() in LASTING_UNITS for o in p.children)
        for v in verbs for p in v.children)
