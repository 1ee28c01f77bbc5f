"""The typed records that pass between fogwatch's stages, and nothing else.

Every extracted value carries a `Span` into `Article.text`, so that the ledger can always show the
sentence a number came from. Records are frozen: a stage makes new ones, it never edits old ones.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

SCHEMA = "fogwatch/1"

Precision = Literal["day", "week", "month", "year"]
Hedge = Literal["confirmed", "asserted", "reported", "alleged", "denied"]
# Whether a claim says that something happened: "asserted", or a negation ("no one was killed"), a
# condition ("if Russia invades, ...") or a hypothesis (forecasts, plans, "could", "would").
Modality = Literal["asserted", "negated", "conditional", "hypothetical"]
# What a figure counts: one incident, or a running total over a period ("since March").
Scope = Literal["incident", "cumulative", "background"]
# "region": a continent or world region ("Europe", "the Middle East"), coarser than a country.
GeoPrecision = Literal["exact", "near", "admin2", "admin1", "country", "region"]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to `precision`: 2023-05 with precision "month" means some day in May."""

    date: dt.date
    precision: Precision

    def isoformat(self) -> str:
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


@dataclass(frozen=True, slots=True)
class Document:
    """An input as read, before cleaning: plain `text` or `html`, and what its source says of it."""

    origin: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: PartialDate | None = None
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: PartialDate | None = None
    lang: str = "en"
    ingested_at: dt.datetime | None = None
    origin: str | None = None
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that was rejected: which one (`origin`, e.g. `path` or `path:line`) and why."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class Span:
    article_id: str
    start: int
    end: int

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Actor:
    actor_id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "unknown"
    side: str | None = None
    # True for actors that fogwatch met in text but that no registry knows.
    discovered: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    place_id: str  # "gn:<geonameid>" for populated places, "adm1:<CC>.<code>", "cc:<CC>"
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    precision: GeoPrecision
    geonames_id: int | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count with bounds: "more than 100 fighters" is low 101, high None, unit "fighter"."""

    low: int | None
    high: int | None
    unit: str
    text: str
    span: Span
    approximate: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class When:
    start: dt.date
    end: dt.date
    precision: Precision
    text: str
    span: Span | None  # None when the date is the article's publication date, not a phrase


@dataclass(frozen=True, slots=True)
class PlaceMention:
    place: Place
    text: str
    span: Span
    confidence: float | None = None  # the geocoder's, 0-1 (fogwatch.geocode.rank); None when not judged


@dataclass(frozen=True, slots=True)
class Attribution:
    """One link of an attribution chain: `speaker` said it with `cue` ("ABC News" / "reported")."""

    speaker: str
    cue: str
    span: Span
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    claim_id: str
    article_id: str
    span: Span
    text: str
    speaker: Actor | None
    via: tuple[Attribution, ...]
    cue: str | None
    hedge: Hedge
    predicate: str
    agent: Actor | None = None
    patient: Actor | None = None
    quantity: Quantity | None = None
    place: PlaceMention | None = None
    when: When | None = None
    event_id: str | None = None
    # Provenance of the parts of the claim (all inside `span`, except a carried-over speaker).
    source_span: Span | None = None
    cue_span: Span | None = None
    content_span: Span | None = None
    identity: str | None = None  # for identified_as: what the patient is said to be
    negated: bool = False
    # A content interrupted by its source and cue ("“We will,” he said, “win.”") in its fragments;
    # empty when the content is one piece (`content_span`).
    content_parts: tuple[Span, ...] = ()
    modality: Modality = "asserted"
    scope: Scope | None = None  # for claims with a quantity
    period: str | None = None  # the words that give a cumulative figure's period ("since March")
    # The organisation a named spokesperson speaks for ("Igor Konashenkov, spokesman for the
    # Russian Defence Ministry": speaker Konashenkov, body the ministry).
    body: Actor | None = None
    # Other places the claim's clause names alongside `place`, coordinated with it ("struck Chernihiv
    # and Zhytomyr", "the shelling of Kharkiv and of Marinka"): each is an incident of its own.
    also_places: tuple[PlaceMention, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extract stage finds in one article."""

    article: Article
    claims: tuple[Claim, ...]
    actors: tuple[Actor, ...] = ()
    places: tuple[PlaceMention, ...] = field(default=())
    # How likely the article reports armed conflict or political violence at all (0-1, from
    # `fogwatch.nlp.relevance`); None when not judged. Below the model's threshold its claims
    # make no event.
    relevance: float | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    """UCDP-style estimate of one count (`killed` / `fighter`) across an event's claims."""

    predicate: str
    unit: str
    low: int | None
    best: int | None
    high: int | None
    n_sources: int
    claims: tuple[str, ...]
    rule: str  # which branch of the rule chose `best`, in words


@dataclass(frozen=True, slots=True)
class Party:
    """One side of a dispute: what it says, who says it, in which claims."""

    value: str
    speakers: tuple[str, ...]
    sides: tuple[str, ...]
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Dispute:
    kind: Literal["figure", "identity", "outcome", "denial"]
    subject: str  # "killed fighter", "identity of the attackers", ...
    parties: tuple[Party, ...]


@dataclass(frozen=True, slots=True)
class EventWhen:
    start: dt.date
    end: dt.date
    precision: Literal["day", "days", "week", "month", "year"]


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    type: str
    subtype: str
    when: EventWhen | None
    places: tuple[Place, ...]
    actors: tuple[Actor, ...]
    claims: tuple[str, ...]
    measures: tuple[Measure, ...]
    disputes: tuple[Dispute, ...]
    articles: tuple[str, ...] = ()
