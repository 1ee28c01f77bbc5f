"""How a clause says what its trigger reports: the hedge its attribution and words put on it, and
whether it says the thing happened (its modality: asserted, conditional or hypothetical)."""
from __future__ import annotations

from fogwatch.extract import lexicon as lx
from fogwatch.extract.cues import Cue, apart


def instead(trigger) -> bool:
    """Whether the trigger is what was not done: "instead of capturing Kyiv", "rather than kill",
    or a conjunct of it ("instead of dividing NATO and capturing Kyiv")."""
    node = trigger
    while True:
        before = node.doc[max(node.sent.start, node.i - 2):node.i].text.lower()
        if before.endswith(("rather than", "instead of")):
            return True
        head = node.head
        if node.dep_ in ("pcomp", "pobj") and head.lower_ == "of" and head.i > 0 \
                and node.doc[head.i - 1].lower_ == "instead":
            return True  # "instead of the capture of Kyiv"
        if node.dep_ != "conj" or head.i == node.i:
            return False
        node = head


def counterfactual(verb, modal) -> bool:
    """Whether "modal + have + done" says what did not happen: "would have killed dozens", or "could
    have" / "might have" with a condition that did not hold ("had the shelter not been evacuated", "if
    the alarm had failed"); "may have died", "could have killed up to 100" estimate the past."""
    if modal.lower_ in ("would", "'d"):
        return True
    for clause in verb.children:
        if clause.dep_ not in ("advcl", "conj") or clause.i < verb.i:
            continue
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "if" for c in clause.children):
            return True
        first = next(iter(clause.subtree))
        if first.lower_ == "had" and any(t.dep_ in ("nsubj", "nsubjpass") and t.i > first.i for t in clause.subtree):
            return True  # "had the shelter not been evacuated"; not "and had buried them"
    return False


def modality_of(trigger, chain: list[Cue]) -> str:
    """Whether the clause of `trigger` says it happened: "conditional" under an "if" clause,
    "hypothetical" under a modal or a verb of intent ("could be killed", "is going to attack",
    "threatened to strike"); else "asserted". "may have died" estimates the past: asserted."""
    stop = chain[-1].token.i if chain else None
    # Unless what was awaited came: "began a long-anticipated offensive", "the expected attack came".
    came = trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in lx.LIGHT_VERBS - {"make", "report"} \
        or trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in lx.HAPPEN_VERBS | {"come"}
    if trigger.pos_ == "NOUN" and not came and any(c.dep_ == "amod" and c.lower_ in lx.UNREALISED
                                                   for c in trigger.children):
        return "hypothetical"  # "an impending attack", "possible strikes"
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and (
            trigger.head.lemma_.lower() in lx.INTENT_VERBS | lx.FORESEE_VERBS
            or any(c.dep_ in ("oprd", "acomp", "advcl", "prep") and
                   (c.lower_ in lx.UNREALISED or any(g.lower_ in lx.UNREALISED for g in c.children))
                   for c in trigger.head.children)):
        return "hypothetical"  # "threatened an incursion", "described the invasion as imminent"
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ in ("in", "of", "to", "on") \
            and trigger.head.head.lemma_.lower() in lx.STOP_NOUNS:
        return "hypothetical"  # "a four-day halt in fighting", "an end to the shelling"
    if instead(trigger):
        return "hypothetical"  # "instead of capturing Kyiv", "rather than kill their brother Slavs"
    node = trigger
    coordinated_to = True  # whether `node` is the trigger or a verb it is coordinated with
    for _ in range(8):
        kids = list(node.children)
        if node.i != trigger.i and node.dep_ in ("acl", "relcl") and node.tag_ in ("VBD", "VBN") \
                and node.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return "asserted"  # "the attacks that killed seven", "the soldiers killed": done, whatever the clause around
        if node.dep_ in ("acl", "relcl") and node.i == trigger.i and node.tag_ in ("VBD", "VBN") \
                and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in kids) and node.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return "asserted"
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in kids):
            return "conditional"
        if node.dep_ in ("ccomp", "advcl") and any(c.dep_ == "mark" and c.lower_ == "whether" for c in kids) \
                or node.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "if" for c in kids):
            return "hypothetical"  # asked or left open: "did not say whether the helicopter was shot down"
        if node.dep_ == "ccomp" and node.tag_ in ("VBD", "VBN") and node.head.lemma_.lower() in lx.FACTIVE_VERBS:
            return "asserted"  # "We will never forget that millions ... perished": remembered as done
        modals = [c for c in kids if c.dep_ == "aux" and c.tag_ == "MD"]
        perfect = modals and any(c.dep_ == "aux" and c.lower_ == "have" and c.i > modals[0].i for c in kids)
        if modals and not perfect:
            return "hypothetical"
        if perfect and counterfactual(node, modals[0]):
            return "hypothetical"  # "would have killed dozens", "could have killed dozens had it not been evacuated"
        if node.dep_ == "xcomp" and (node.head.lemma_.lower() in lx.INTENT_VERBS or lx.calls_on(node.head)) and not (
                node.head.lemma_.lower() in lx.ATTEMPT_VERBS and lx.attempted_is_done(trigger)):
            return "hypothetical"  # "tried to kill four officers"; but "while trying to raid" is a raid
        if node.dep_ == "pcomp" and node.head.lower_ == "from" and node.head.head.lemma_.lower() in lx.PREVENT_VERBS:
            return "hypothetical"  # "prevented pirates from attacking a vessel", "stopped them from storming"
        if node.dep_ == "pcomp" and node.head.lower_ == "with" and node.head.head.lemma_.lower() in lx.TASK_VERBS:
            return "hypothetical"  # "tasked their troops with capturing Chasiv Yar by May 9"
        if node.tag_ == "VB" and coordinated_to and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and (
                node.dep_ in ("acl", "relcl") and node.head.pos_ == "NOUN" or node.dep_ == "advcl") \
                and not any(c.dep_ == "nsubj" and c.lemma_.lower() in lx.EVENT_NOUNS for c in node.head.children):
            # A purpose or a task, not a deed: "doing their duty to fight for Russia and liberate
            # Donbas", "gave orders to attack", "moved in to capture the town". But an offensive's
            # aim is where it is fought: "a large Russian offensive is under way to seize Chasiv Yar".
            return "hypothetical"
        if node.tag_ == "VB" and node.head.lower_ == "to" and node.head.head.lemma_.lower() in lx.INTENT_VERBS:
            return "hypothetical"  # "threatening to assault and murder an official", parsed as a preposition
        if node.head.i == node.i or (stop is not None and node.head.i == stop):
            break
        if apart(trigger, node.head):
            break  # the next statement's "will" is not this one's
        coordinated_to = coordinated_to and node.dep_ == "conj"
        node = node.head
    return "asserted"


def hedge_for(trigger, chain: list[Cue]) -> str:
    """How the chain and the clause hedge what `trigger` says happened: the innermost cue's hedge, "denied"
    anywhere in the chain, "reported" for the media, a hedging adverb, "reported"/"confirmed" for a
    passive cue ("nine soldiers were reported missing")."""
    hedge = chain[-1].hedge if chain else "asserted"
    if any(c.hedge == "denied" for c in chain):
        return "denied"
    source = chain[-1].source if chain else None
    if hedge == "asserted" and source is not None and source.lemma_.lower() in lx.REPORT_SOURCES:
        hedge = "reported"  # "the Russian media announced": the media report it
    node = trigger
    stop = chain[-1].token if chain else None
    seen = 0
    while node is not None and seen < 8:
        for child in node.children:
            if child.dep_ == "advmod" and child.lower_ in lx.HEDGE_ADVERBS:
                return lx.HEDGE_ADVERBS[child.lower_]
        if node.head.i == node.i or (stop is not None and node.head.i == stop.i):
            break
        node = node.head
        seen += 1
    if trigger.lemma_.lower() in ("be",) and any(c.lower_ in ("said", "reported") for c in trigger.children):
        return "alleged"
    if hedge == "asserted" and trigger.tag_ == "VBN" and lx.CUES.get(trigger.lemma_.lower()) in ("reported", "confirmed") \
            and any(c.dep_ == "nsubjpass" for c in trigger.children):
        return lx.CUES[trigger.lemma_.lower()]  # "nine soldiers were reported missing", "one is confirmed dead"
    return hedge
