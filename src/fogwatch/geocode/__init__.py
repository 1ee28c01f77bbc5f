"""Geocode: place names → GeoNames places, each with a precision and a confidence.

`geocode(toponyms)` resolves the toponyms of one article together: the names the article is sure of
(countries, demonyms, regions of one name, big cities) become its context, then each name is ranked
on its own (`rank.py`), so one name that resolves to nothing, or wrongly, never changes another's
candidates. The gazetteer (`gazetteer.py`) and its data are described in docs/places.md; the
extract stage finds the names (`fogwatch.extract.places`), this stage only says where they are.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fogwatch.geocode.gazetteer import Candidate, Gazetteer, gazetteer
from fogwatch.geocode.rank import Context, context_of, rank
from fogwatch.records import Place


@dataclass(frozen=True, slots=True)
class Toponym:
    """A name to place: `after` is the text right after it (for "Long Beach, CA"), `hint` what the
    sentence says it is ("region" for "the X region", "settlement" for "the town of X")."""

    name: str
    after: str = ""
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    toponym: Toponym
    place: Place
    kind: str  # continent (or world region), country, admin1, admin2, city
    confidence: float
    population: int = 0
    own_name: bool = True  # the name is the place's own, not only an alternate or a transliteration


def resolve(toponym: Toponym, ctx: Context, fuzzy: bool = True, gaz: Gazetteer | None = None) -> Resolution | None:
    """The likeliest place for one name in an article's context, or None when nothing fits."""
    gaz = gaz or gazetteer()
    candidates = gaz.candidates(toponym.name, fuzzy=fuzzy)
    if toponym.hint == "region":
        candidates += [c for c in gaz.region(toponym.name, fuzzy=fuzzy) if c not in candidates]
    ranked = rank(gaz, candidates, ctx.without(toponym.name), toponym.hint, toponym.after)
    if ranked is None:
        return None
    best, confidence = ranked
    return Resolution(toponym, best.place, best.kind, confidence, best.population, best.exact and best.similarity == 100)


def geocode(toponyms: Sequence[Toponym], context_names: Iterable[str] = ()) -> list[Resolution | None]:
    """One article's toponyms, placed together (in order; None where a name fits nothing)."""
    gaz = gazetteer()
    ctx = context_of(gaz, [t.name for t in toponyms] + list(context_names))
    return [resolve(t, ctx, gaz=gaz) for t in toponyms]


__all__ = ["Candidate", "Context", "Resolution", "Toponym", "context_of", "gazetteer", "geocode", "resolve"]
