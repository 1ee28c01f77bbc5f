"""Measures: for each count an event's claims give (killed fighters, destroyed tanks), low / best / high.

The rule, as ACLED and UCDP practise it and as an analyst would defend it:
- Only credible figures count: a claim that is denied or negated gives no figure, nor one that is
  conditional or hypothetical ("could kill 50,000").
- Only the incident's own figures count: a running total ("12,500 soldiers killed since March",
  scope `cumulative`) is a figure of the war, not of this incident.
- Each claim is an interval: "70" is [70, 70], "more than 100" is [101, open], "up to 30" is [–, 30].
- low  = the lowest figure any source gives (an interval's lower end; an open lower end uses its upper).
- high = the highest figure any source gives; an open-ended "more than 100" counts as 101, so it can
  raise `high` but never lowers it.
- best = the figure from independent sources (international bodies, NGOs, monitors and news media
  with no side in the conflict, or the outlet's own reporting; a speaker whose side is merely
  unknown is not independent) when there is one — their most conservative; when only belligerents speak, the most
  conservative belligerent figure (ACLED's practice).
- n_sources = how many distinct sources (speakers, or outlets speaking for themselves) give a figure.
- A part of a figure is not a figure of the same count: in "28 civilians, including nine children",
  nine is a breakdown of the 28 and does not enter the civilians' low (`part_of_another`).
"""
from __future__ import annotations

import re
from collections import defaultdict

from fogwatch.records import Actor, Claim, Measure
from fogwatch.registry.actors import stance

# Words for the same thing counted, folded to one unit so figures can be compared.
UNIT_GROUPS = {
    "fighter": {"fighter", "attacker", "militant", "soldier", "troop", "serviceman", "servicemen", "saboteur",
                "terrorist", "mercenary", "insurgent", "combatant", "infantryman", "paratrooper", "raider",
                "gunman", "nationalist"},
    "civilian": {"civilian", "resident", "child", "woman", "villager", "passenger", "worker", "protester",
                 "demonstrator"},
    "police": {"policeman", "policemen", "officer", "cop", "police"},
    "people": {"people", "person", "individual", "man"},
    "vehicle": {"vehicle", "apc", "ifv", "carrier", "bmp", "btr", "truck"},
    "drone": {"drone", "uav", "shahed"},
}
UNIT_OF = {word: unit for unit, words in UNIT_GROUPS.items() for word in words}
MEASURED = {"killed", "wounded", "casualties", "destroyed", "damaged", "shot_down", "captured", "detained", "attacked"}


def unit_of(unit: str) -> str:
    return UNIT_OF.get(unit, unit)


def voice(claim: Claim) -> Actor | None:
    """Whom a claim speaks for: its speaker, or the body a spokesperson of no side of their own
    speaks for ("Yahya Saree, the Houthis' military spokesman": the Houthis' side)."""
    speaker, body = claim.speaker, claim.body
    if speaker is not None and not speaker.side and body is not None and stance(body) != "unknown":
        return body
    return speaker


def source_of(claim: Claim, outlet: str | None) -> tuple[str, bool]:
    """(source key, independent?) of a claim's figure."""
    if claim.speaker is None:
        return f"outlet:{outlet or claim.article_id}", True
    return claim.speaker.actor_id, stance(voice(claim)) == "independent"


def point(claim: Claim) -> int | None:
    q = claim.quantity
    return q.low if q.low is not None else q.high


def asserts(claim: Claim) -> bool:
    """Whether a claim says something happened: not negated, denied, conditional or hypothetical
    ("is not going to attack anyone", "if Russia invades, ..." count and dispute nothing)."""
    return not claim.negated and claim.hedge != "denied" and claim.modality == "asserted"


def incident_figure(claim: Claim) -> bool:
    """Whether a claim gives a figure of its incident: a count the rule above lets in."""
    return claim.quantity is not None and claim.predicate in MEASURED and asserts(claim) \
        and claim.scope != "cumulative" and point(claim) is not None


# Words that introduce a part of the figure before them: "28 civilians, including nine children".
PART = re.compile(r"\b(?:including|among them|among whom|of them|of whom|most of them)\W*$", re.IGNORECASE)


def part_of_another(claim: Claim, group: list[Claim]) -> bool:
    """Whether the claim's figure is introduced as a part of a larger one its sentence gives for the
    same count ("killed 28 civilians, including nine children")."""
    q = claim.quantity
    before = claim.text[max(0, q.span.start - claim.span.start - 30):max(0, q.span.start - claim.span.start)]
    return bool(PART.search(before)) and any(
        other.span == claim.span and other.quantity.span.start < q.span.start and point(other) > point(claim)
        for other in group if other is not claim)


def figure_groups(claims: list[Claim]) -> list[tuple[tuple[str, str], list[Claim]]]:
    """The incident figures of `claims` by what they count ((predicate, folded unit), sorted), without
    the figures that are a part of another ("28 civilians, including nine children"). Measures and
    disputes compare within these groups."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if incident_figure(claim):
            groups[(claim.predicate, unit_of(claim.quantity.unit))].append(claim)
    return [(key, [c for c in group if not part_of_another(c, group)]) for key, group in sorted(groups.items())]


def measures(claims: list[Claim], outlets: dict[str, str | None]) -> list[Measure]:
    out = []
    for (predicate, unit), group in figure_groups(claims):
        points = [point(c) for c in group]
        highs = [c.quantity.high if c.quantity.high is not None else c.quantity.low for c in group]
        sources = {source_of(c, outlets.get(c.article_id)) for c in group}
        independent = [point(c) for c in group if source_of(c, outlets.get(c.article_id))[1]]
        if independent:
            best, rule = min(independent), "most conservative figure from independent sources"
        else:
            best, rule = min(points), "most conservative figure; only parties to the conflict (or speakers of unknown side) give one"
        out.append(Measure(predicate=predicate, unit=unit, low=min(points), best=best,
                           high=max(h for h in highs if h is not None), n_sources=len({s for s, _ in sources}),
                           claims=tuple(c.claim_id for c in group), rule=rule))
    return out
