"""Disputes: what the claims of one event disagree on, and who stands on each side.

- figure: two sources' intervals for the same count do not overlap (70 vs "more than 100").
- identity: `identified_as` claims name different nationalities for the same people
  ("Russian citizens" vs "Ukrainians"); labels without a nationality ("terrorists") are listed
  with the parties but do not by themselves make a dispute.
- outcome: one side claims a capture, another that the attack was repelled.
- denial: a source denies, or says did not happen, what another asserts; "cause" when what is
  denied is the attack itself ("shot down" against "no indication of enemy fire").
Only claims of different sides make a dispute: one side's two figures are an update, not a
dispute; a party and an independent source, or two parties, can disagree.
"""
from __future__ import annotations

import re
from collections import defaultdict

from fogwatch.reconcile.measures import asserts, figure_groups, source_of, voice
from fogwatch.records import Claim, Dispute, Party
from fogwatch.registry.actors import DEMONYMS, stance

TERRITORY = {"village", "town", "city", "settlement", "territory", "area", "position", "hamlet", "district", "region",
             "height", "hill", "bridgehead", "base", "airfield"}
PLURAL_DEMONYMS = {d + "s": side for d, side in DEMONYMS.items() if d.endswith("n") or d.endswith("i")}


def _who(claim: Claim, outlets: dict) -> tuple[str, str]:
    if claim.speaker is None:
        return outlets.get(claim.article_id) or "the outlet", "independent"
    return claim.speaker.name, stance(voice(claim))


def _party(value: str, claims: list[Claim], outlets: dict) -> Party:
    who = [_who(c, outlets) for c in claims]
    return Party(value=value, speakers=tuple(dict.fromkeys(w for w, _ in who)),
                 sides=tuple(dict.fromkeys(s for _, s in who)), claims=tuple(c.claim_id for c in claims))


def _interval(claim: Claim) -> tuple[float, float]:
    q = claim.quantity
    low = q.low if q.low is not None else 0
    high = q.high if q.high is not None else float("inf")
    return low, high


def _camp(claim: Claim, outlets: dict) -> str:
    """The side a claim speaks for; a speaker with no side is a camp of its own."""
    speaker = voice(claim)
    if speaker is not None and speaker.side:
        return speaker.side
    return "src:" + source_of(claim, outlets.get(claim.article_id))[0]


# Words by which one article sets a figure against another: "..., while the UN put the toll at 55".
CONTRAST = re.compile(r"\b(?:while|whereas|but|however|although|though|contrary|disputed?|contradict\w*|instead|"
                      r"other estimates?|put (?:the|its) (?:death )?toll|higher|lower|denied|rejected)\b", re.I)


def _set_against(a: Claim, b: Claim) -> bool:
    """Whether two differing figures are a disagreement, not a breakdown. Across articles they are;
    within one article only where it sets them against each other (one sentence, or a contrast
    word): "at least six in the Donetsk region, Ukrainian officials said. Four ... in occupied parts,
    according to Moscow-installed authorities" counts two sets."""
    if a.article_id != b.article_id or a.span == b.span:
        return True
    return bool(CONTRAST.search(a.text) or CONTRAST.search(b.text))


WINDOW = re.compile(r"\b(?:last|past|previous|recent)\b.*\b(?:days|week|hours)\b", re.IGNORECASE)


def _window(claim: Claim) -> bool:
    """Whether the claim counts over a window of days its text gives ("in the last few days", "over
    the past 24 hours"): a tally of what may be several incidents, not a date ("last week")."""
    w = claim.when
    return w is not None and w.span is not None and bool(WINDOW.search(w.text))


def _same_count(a: Claim, b: Claim) -> bool:
    """Whether two figures can count the same thing: not a window's tally against one incident's
    ("106 injured in the last few days" and "three wounded in an attack on a residential area")."""
    return _window(a) == _window(b)


def figure_disputes(claims: list[Claim], outlets: dict) -> list[Dispute]:
    out = []
    for (predicate, unit), group in figure_groups(claims):
        clash = any(
            _camp(a, outlets) != _camp(b, outlets)
            and (_interval(a)[1] < _interval(b)[0] or _interval(b)[1] < _interval(a)[0]) and _set_against(a, b)
            and _same_count(a, b)
            for i, a in enumerate(group) for b in group[i + 1:])
        if not clash:
            continue
        by_value: dict[str, list[Claim]] = defaultdict(list)
        for c in group:
            by_value[c.quantity.text if c.quantity.high != c.quantity.low else str(c.quantity.low)].append(c)
        out.append(Dispute(kind="figure", subject=f"{predicate} {unit}",
                           parties=tuple(_party(v, cs, outlets) for v, cs in by_value.items())))
    return out


def nationalities(identity: str) -> frozenset[str]:
    words = identity.lower().replace("-", " ").split()
    return frozenset(DEMONYMS.get(w) or PLURAL_DEMONYMS.get(w) for w in words if w in DEMONYMS or w in PLURAL_DEMONYMS)


def identity_disputes(claims: list[Claim], outlets: dict) -> list[Dispute]:
    ids = [c for c in claims if c.predicate == "identified_as" and c.identity and c.modality == "asserted"]
    named = {c.claim_id: nationalities(c.identity) for c in ids}
    distinct = {n for n in named.values() if n}
    if len(distinct) < 2:
        return []
    by_value: dict[str, list[Claim]] = defaultdict(list)
    for c in ids:
        by_value[c.identity].append(c)
    return [Dispute(kind="identity", subject="who the fighters are",
                    parties=tuple(_party(v, cs, outlets) for v, cs in by_value.items()))]


def outcome_disputes(claims: list[Claim], outlets: dict) -> list[Dispute]:
    # Territory only: "captured several armoured vehicles" is not an outcome of the fight for a place.
    captured = [c for c in claims if c.predicate == "captured" and asserts(c)
                and (c.quantity is None or c.quantity.unit in TERRITORY)]
    repelled = [c for c in claims if c.predicate == "repelled" and asserts(c)]
    if not captured or not repelled:
        return []
    sides_c = {_who(c, outlets)[1] for c in captured}
    sides_r = {_who(c, outlets)[1] for c in repelled}
    if sides_c == sides_r:
        return []
    return [Dispute(kind="outcome", subject="captured or repelled",
                    parties=(_party("captured", captured, outlets), _party("repelled", repelled, outlets)))]


ATTACK = {"attacked", "shot_down"}


def denial_disputes(claims: list[Claim], outlets: dict) -> list[Dispute]:
    out = []
    for denied in (c for c in claims if c.hedge == "denied" or c.negated):
        related = ATTACK if denied.predicate in ATTACK else {denied.predicate}
        others = [c for c in claims if c.predicate in related and asserts(c) and not c.negated
                  and _camp(c, outlets) != _camp(denied, outlets)]
        if others:
            kind = "cause" if denied.predicate in ATTACK else "denial"
            out.append(Dispute(kind=kind, subject=denied.predicate,
                               parties=(_party("asserted", others, outlets),
                                        _party("denied" if denied.hedge == "denied" else "did not happen", [denied], outlets))))
    return out


def disputes(claims: list[Claim], outlets: dict) -> list[Dispute]:
    return [*figure_disputes(claims, outlets), *identity_disputes(claims, outlets),
            *outcome_disputes(claims, outlets), *denial_disputes(claims, outlets)]
