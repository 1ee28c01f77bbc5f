"""The actor registry: known parties with aliases, kinds and sides, loaded from YAML.

The packaged registry (`data/actors.yaml`) is read first; user files given with `--actors` (or the
`FOGWATCH_ACTORS` setting, paths separated by the OS path separator) follow, and an entry with an
existing id replaces the packaged one.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from fogwatch.errors import BadRegistry
from fogwatch.records import Actor

KINDS = {"government", "ministry", "security_service", "state_forces", "official", "armed_group", "media",
         "international_org", "ngo", "civilian", "person", "organization", "group", "unknown"}

# Nationality adjectives and country names → side labels, for actors the registry does not know
# ("Ukrainian officials", "Russian soldiers"). Sides are free labels; these are ISO country codes.
DEMONYMS = {
    "russian": "RU", "russia": "RU", "russia's": "RU", "ukrainian": "UA", "ukraine": "UA", "ukraine's": "UA",
    "israeli": "IL", "israel": "IL", "israel's": "IL", "palestinian": "PS", "lebanese": "LB",
    "syrian": "SY", "yemeni": "YE", "iranian": "IR", "iran": "IR", "belarusian": "BY", "sudanese": "SD",
    "american": "US", "u.s.": "US", "us": "US", "british": "GB", "french": "FR", "german": "DE",
    "polish": "PL", "chinese": "CN", "turkish": "TR", "georgian": "GE", "armenian": "AM", "azerbaijani": "AZ",
}


# Speakers with no side who report without taking part: UN bodies, NGOs and monitors, news media.
INDEPENDENT_KINDS = {"international_org", "ngo", "media"}


def stance(actor: Actor | None) -> str:
    """A speaker's standing in a conflict: its side ("RU", "HAMAS"), "independent" (no side, and
    an international body, NGO, monitor or news medium), or "unknown" (no side known: a discovered
    "officials" or "witness" is not, for that, independent). No speaker: the outlet's own reporting,
    independent."""
    if actor is None:
        return "independent"
    if actor.side:
        return actor.side
    return "independent" if actor.kind in INDEPENDENT_KINDS else "unknown"


def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key for names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").lower()
    return re.sub(r"\s+", " ", re.sub(r"^the\s+", "", text.strip()))


SLUG_MAX = 60


def slug(text: str) -> str:
    """A readable id part for a name: "Vladimir Putin" → "vladimir-putin".

    Letters of any script are kept ("Шмигаль" → "шмигаль"). A name too long for `SLUG_MAX`
    characters, or with no letter or digit at all, ends in a hash of the whole name, so that two
    such names never share an id.
    """
    folded = fold(text)
    words = re.sub(r"[\W_]+", "-", folded).strip("-")
    if words and len(words) <= SLUG_MAX:
        return words
    digest = hashlib.sha1(folded.encode("utf-8")).hexdigest()[:8]
    return f"{words[:SLUG_MAX - 9].rstrip('-')}-{digest}" if words else f"unnamed-{digest}"


@dataclass
class Registry:
    actors: dict[str, Actor] = field(default_factory=dict)
    refs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # actor id → back-reference nouns
    alias_index: dict[str, str] = field(default_factory=dict)  # folded alias → actor id

    def add(self, actor: Actor, refs: Iterable[str] = ()) -> None:
        old = self.actors.get(actor.actor_id)
        if old is not None:
            for alias in (old.name, *old.aliases):
                if self.alias_index.get(fold(alias)) == old.actor_id:
                    del self.alias_index[fold(alias)]
        self.actors[actor.actor_id] = actor
        self.refs[actor.actor_id] = tuple(fold(r) for r in refs)
        for alias in (actor.name, *actor.aliases):
            self.alias_index[fold(alias)] = actor.actor_id

    def lookup(self, name: str) -> Actor | None:
        """The actor a name stands for, trying its usual variants too: "the Ministry of Foreign
        Affairs of Russia" is "Russian Foreign Ministry", "Ukraine's Defence Ministry" is "Ukrainian
        Ministry of Defence"."""
        for variant in name_variants(name):
            actor_id = self.alias_index.get(variant)
            if actor_id:
                return self.actors.get(actor_id)
        return None


# Country names → their adjective, to read "X of Russia" as "Russian X".
ADJECTIVES = {"russia": "russian", "ukraine": "ukrainian", "israel": "israeli", "iran": "iranian",
              "belarus": "belarusian", "poland": "polish", "syria": "syrian", "turkey": "turkish",
              "china": "chinese", "france": "french", "germany": "german", "britain": "british",
              "the united kingdom": "british", "the uk": "british", "the united states": "us", "lebanon": "lebanese",
              "yemen": "yemeni", "sudan": "sudanese", "afghanistan": "afghan", "georgia": "georgian",
              "the russian federation": "russian"}
_MINISTRIES = [(re.compile(r"\bministry of foreign affairs\b"), "foreign ministry"),
               (re.compile(r"\bministry of (?:defence|defense)\b"), "defence ministry"),
               (re.compile(r"\bministry of (?:internal affairs|the interior)\b"), "interior ministry"),
               (re.compile(r"\bdefense\b"), "defence")]


def name_variants(name: str) -> list[str]:
    """Folded forms of `name` to look up, the name itself first."""
    base = fold(name)
    out = [base]
    m = re.fullmatch(r"(.+) of (.+)", base)
    if m and m.group(2) in ADJECTIVES:
        out.append(f"{ADJECTIVES[m.group(2)]} {m.group(1)}")
    m = re.fullmatch(r"(\w+(?: \w+)?)'s (.+)", base)
    if m and m.group(1) in ADJECTIVES:
        out.append(f"{ADJECTIVES[m.group(1)]} {m.group(2)}")
    for form in list(out):
        for pattern, repl in _MINISTRIES:
            form = pattern.sub(repl, form)
        out.append(form)
        # "foreign ministry" and "ministry of foreign affairs" are both common alias shapes
        out.append(form.replace("foreign ministry", "ministry of foreign affairs")
                   .replace("defence ministry", "ministry of defence"))
    return list(dict.fromkeys(out))


def _parse(data: object, origin: str) -> Iterable[tuple[Actor, list[str]]]:
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise BadRegistry(f"{origin}: expected a mapping with an 'actors' list")
    for number, entry in enumerate(data["actors"], start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise BadRegistry(f"{origin}: actor #{number} needs at least 'id' and 'name'")
        kind = entry.get("kind", "unknown")
        if kind not in KINDS:
            raise BadRegistry(f"{origin}: actor {entry['id']!r} has unknown kind {kind!r}; known: {', '.join(sorted(KINDS))}")
        aliases = entry.get("aliases") or []
        refs = entry.get("refs") or []
        if not all(isinstance(a, str) for a in [*aliases, *refs]):
            raise BadRegistry(f"{origin}: actor {entry['id']!r}: aliases and refs must be strings")
        side = entry.get("side")
        yield Actor(actor_id=str(entry["id"]), name=str(entry["name"]), aliases=tuple(aliases), kind=kind,
                    side=None if side is None else str(side)), refs


def _load_yaml(text: str, origin: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise BadRegistry(f"{origin}: not valid YAML ({exc.__class__.__name__})") from None


def load_registry(extra: Iterable[Path] = ()) -> Registry:
    registry = Registry()
    packaged = resources.files("fogwatch.registry").joinpath("data/actors.yaml").read_text(encoding="utf-8")
    for actor, refs in _parse(_load_yaml(packaged, "actors.yaml"), "actors.yaml"):
        registry.add(actor, refs)
    env = os.environ.get("FOGWATCH_ACTORS")
    paths = [*(Path(p) for p in env.split(os.pathsep) if p)] if env else []
    for path in [*paths, *extra]:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise BadRegistry(f"{path}: {exc.strerror or exc}") from None
        for actor, refs in _parse(_load_yaml(text, str(path)), str(path)):
            registry.add(actor, refs)
    return registry
