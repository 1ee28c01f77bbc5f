"""Who a noun phrase names: registry aliases, back-references ("the agency"), pronouns, new names.

`ActorResolver` lives for one article. It remembers the actors mentioned so far, most recent last,
so that "the agency", "the groups", "he" and "it" can be resolved to them. The speakers it discovers
(names and described groups no registry knows) are its own too, with the kind this article gives
them: an article's speakers do not depend on which articles were extracted before it.
"""
from __future__ import annotations

import re
import threading
import weakref
from collections import Counter
from dataclasses import InitVar, dataclass, field

from spacy.matcher import PhraseMatcher

from fogwatch.geocode import gazetteer
from fogwatch.records import Actor, Span
from fogwatch.registry.actors import DEMONYMS, Registry, fold, slug

PERSON_KINDS = {"official", "person"}
GROUP_KINDS = {"armed_group", "state_forces", "group"}
# Nouns that stand for the organisation they belong to: "members of X", "a spokesman for X".
PROXY_NOUNS = {"member", "spokesman", "spokeswoman", "spokesperson", "representative", "head", "chief", "commander",
               "leader", "official", "statement", "press", "service", "channel", "account", "fighter", "unit",
               "source", "sources", "officer", "officers", "soldier", "soldiers", "members", "fighters",
               # Data that speaks for its maker: "data from British intelligence", "figures from the UN".
               "data", "figure", "figures", "estimate", "estimates", "statistic", "statistics", "report", "tally",
               "count", "assessment", "update", "information", "number", "numbers", "excerpt", "excerpts"}
MASS_NOUNS = {"data", "media", "information", "authorities"}  # plural in form, one source in a back-reference
# A state's bodies named by where they sit: "the authorities in Beijing", "the regime in Minsk".
SEATED_BODIES = {"authority", "authorities", "government", "administration", "regime", "leadership"}
# Documents that speak for an unnamed maker when the phrase says what kind they are.
DOCUMENT_NOUNS = {"report", "document", "assessment", "cable", "memo", "estimate"}
PROVENANCE = {"classified", "unclassified", "declassified", "leaked", "secret", "internal", "official"}
# People known by what they do for someone: "her lawyer", "his aide".
ROLE_NOUNS = {"lawyer", "attorney", "aide", "adviser", "advisor", "assistant", "deputy", "secretary", "agent",
              "relative", "friend", "colleague", "husband", "wife", "son", "daughter", "mother", "father", "brother",
              "sister"}
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "representative", "official", "source"}
GROUP_NOUNS = {"militia", "group", "legion", "battalion", "corps", "brigade", "rebel", "insurgent", "militant",
               "fighter", "guerrilla", "faction", "force", "unit", "mercenary", "partisan", "saboteur"}
OFFICIAL_NOUNS = {"official", "spokesman", "spokeswoman", "spokesperson", "governor", "minister", "president",
                  "mayor", "commander", "general", "analyst", "expert", "witness", "resident", "diplomat",
                  "prosecutor", "chief", "head", "source", "lawmaker", "senator", "ambassador", "envoy", "adviser",
                  "advisor", "aide", "deputy", "secretary", "chairman", "director", "lawyer", "mp", "premier",
                  "chancellor", "monitor", "observer", "investigator", "doctor", "rescuer", "medic", "officer",
                  "leader", "politician", "legislator", "king", "emir", "elder", "administrator", "coordinator",
                  "negotiator", "paramedic", "surgeon", "nurse", "eyewitness", "villager", "survivor", "worker"}
PERSON_LIKE = {"soldier", "troop", "citizen", "people", "resident", "civilian", "volunteer", "force", "government",
               "authority", "ministry", "agency", "service", "military", "army", "police", "media", "outlet",
               "activist", "blogger", "correspondent", "journalist", "source", "intelligence", "delegation", "author"}
# Institutions a described speaker may be: "the Ukrainian prosecutor general's office", "the regional
# military administration", "Ukraine's presidency". Named with a side or a proper noun, they speak.
ORG_NOUNS = {"office", "administration", "department", "directorate", "council", "command", "staff", "committee",
             "headquarters", "presidency", "commission", "mission", "institute", "court", "parliament", "cabinet",
             "embassy", "inspectorate", "bureau", "prosecution", "prosecutors", "update", "updates", "authorities",
             "defence", "defense", "project", "observatory", "network"}
# Words that make a body a local or proxy one: "the local Russian-imposed authorities" are not the
# Russian government, and not the government the article just named.
# IMPOSED alone also ends a back-reference ("the local authorities" may still be the ones just named).
_IMPOSED = r"-(?:imposed|installed|backed|appointed|controlled)\b|\boccupation\b"
IMPOSED = re.compile(_IMPOSED, re.I)
PROXY = re.compile(_IMPOSED + r"|-led\b|\b(?:local|regional)\b", re.I)
# What a body puts out, named after it: "the army statement", "a police report".
DOCUMENT_PROXIES = {"statement", "report", "communique", "bulletin", "update", "release", "briefing", "channel",
                    "account", "spokesman", "spokeswoman", "spokesperson"}
# Bodies a document is named after ("the army statement"); not "intelligence reports", which speak themselves.
BODY_NOUNS = ORG_NOUNS | {"army", "military", "police", "navy", "ministry", "government", "militia", "group", "agency",
                          "service", "force", "forces", "regiment", "brigade", "battalion", "coalition", "party"}
# Words before a name that are no part of it: "Mr Biden", "President Joe Biden" are Joe Biden.
# Compared without their full stops: "Mr" and "Mr." are one title.
TITLES = {"mr", "mrs", "ms", "dr", "president", "prime", "minister", "gen", "general", "sen", "senator", "rep",
          "secretary", "chancellor", "pope", "colonel", "col", "lt", "maj", "capt", "sir", "lord", "lady", "madam",
          "premier", "governor", "gov", "mayor", "ambassador", "foreign", "defence", "defense", "state", "vice",
          "deputy", "spokesman", "spokeswoman", "commander"}
# People named by whom they oppose or suffer: "the Kremlin critic" is not the Kremlin.
OPPOSED_NOUNS = {"critic", "opponent", "rival", "enemy", "foe", "dissident", "detractor", "victim", "hostage",
                 "prisoner", "captive", "defector"}
# Words that make a phrase no one in particular: "neither the Russians", "“He".
NOBODY = {"neither", "either", "nor", "no", "none", "any", "every", "each"}


def _nationality(span) -> str | None:
    """The country a nationality word of the phrase names, by the geocoder's demonyms, or a country
    named as its possessor: "Swedish police" are Sweden's (SE), "Nigerian troops" Nigeria's, "Syria's
    interior ministry" Syria's; the registry's own list covers the war's main parties."""
    gaz = gazetteer()
    for token in span:
        country = next((c.place.country for c in gaz.named(token.text) if c.via == "demonym" and c.kind == "country"),
                       None)
        if country is None and token.pos_ == "PROPN" and token.i + 1 < len(token.doc) \
                and token.doc[token.i + 1].tag_ == "POS" and token.i + 1 < span.end:
            place = gaz.country_named(token.text)  # "Syria's interior ministry", "Congo's government"
            country = place.country if place is not None else None
        if country is not None:
            return country
    return None


def strip_titles(words: list[str]) -> list[str]:
    """A person's name without the titles before it (at least the last word stays)."""
    i = 0
    while i < len(words) - 1 and fold(words[i]).strip(".") in TITLES:
        i += 1
    return words[i:]


# Entity labels a discovered name's kind is read from, most telling first (ties go to the earlier).
NAME_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "government", "NORP": "organization"}
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person",
            "it": "org", "its": "org", "they": "plural", "them": "plural", "their": "plural", "we": "plural"}
ISSUERS = {"ministry", "government", "international_org", "ngo", "media", "security_service", "state_forces",
           "organization", "armed_group"}
# "The group said" points back to a non-state group, not to the army just named ("Al Shabaab militants
# attacked a Somali army base ... The al Qaeda-linked group said").
NONSTATE_KINDS = {"armed_group", "group"}
GENERIC_REFS = {"group": NONSTATE_KINDS, "groups": NONSTATE_KINDS, "militia": NONSTATE_KINDS, "militias": NONSTATE_KINDS,
                "official": PERSON_KINDS, "governor": PERSON_KINDS, "ministry": {"ministry"},
                "government": {"government"}, "agency": {"security_service", "media", "international_org"},
                "military": {"state_forces"}, "army": {"state_forces"},
                # "the statement said", "the report added": the body that issued it, mentioned last.
                "statement": ISSUERS, "report": ISSUERS, "document": ISSUERS, "communique": ISSUERS,
                # "The staff published information on losses. The presented data shows ...": its data.
                "data": ISSUERS, "figure": ISSUERS, "information": ISSUERS, "statistic": ISSUERS, "update": ISSUERS}


@dataclass
class Mention:
    actor: Actor
    start: int  # token indices in the paragraph doc
    end: int
    span: Span


# The nouns a name can be given as its role ("her lawyer Kaloy Akhilgov"), joined once, not for each word.
ROLE_WORDS = OFFICIAL_NOUNS | SPOKESPEOPLE | ROLE_NOUNS


def named_roles(docs) -> dict[str, object]:
    """Role nouns the article gives a name to, each with the name's head token, where one name has
    the role: "her lawyer Kaloy Akhilgov", "Akhilgov, her lawyer" → {"lawyer": Akhilgov}; a role with
    its nationality also under both words: "Belarusian President Aleksandr Lukashenko" →
    {"belarusian president": Lukashenko} (and "president" if no other president is named)."""
    found: dict[str, set] = {}
    for doc in docs:
        for token in doc:
            # The small model often labels such a name ORG ("her lawyer Kaloy Akhilgov"); the role says a person.
            if token.pos_ != "PROPN" or token.ent_type_ not in ("PERSON", "ORG", "") or token.dep_ == "compound":
                continue
            roles = [c for c in token.children if c.dep_ in ("compound", "appos") and (
                c.pos_ == "NOUN" or c.pos_ == "PROPN" and c.lower_ in ROLE_WORDS)]
            if token.dep_ == "appos" and token.head.pos_ == "NOUN":
                roles.append(token.head)
            for role in roles:
                word = role.lower_ if role.pos_ == "PROPN" else role.lemma_.lower()
                if word in ROLE_WORDS:
                    found.setdefault(word, {}).setdefault(token.text, token)
                    for nation in (c for c in role.children if c.dep_ == "amod" and c.lower_ in DEMONYMS):
                        found.setdefault(f"{nation.lower_} {word}", {}).setdefault(token.text, token)
    return {role: next(iter(names.values())) for role, names in found.items() if len(names) == 1}


# The last pipeline and set of actors matchers were built for, and the matchers: (a weak reference
# to the pipeline, the registry's actors, matcher, exact). One at a time, as an ingest has.
_MATCHERS: tuple | None = None
_MATCHERS_LOCK = threading.Lock()


def registry_matchers(registry: Registry, nlp) -> tuple:
    """Phrase matchers of the registry's names, (any case, capitals only), built once per pipeline
    and set of actors rather than for every article (30 ms an article, 4% of an ingest); an actor
    added to or replaced in the registry makes them anew. The pipeline is compared by identity
    (held weakly, so a pipeline loaded later at a freed one's address is not taken for it), the
    actors by equality (a tuple compare, which is by identity first: no hashing per article). The
    lock keeps two threads from publishing half a pair; each caller gets the pair it checked or built."""
    global _MATCHERS
    actors = tuple(registry.actors.values())
    with _MATCHERS_LOCK:
        cached = _MATCHERS
        if cached is not None and cached[0]() is nlp and cached[1] == actors:
            return cached[2], cached[3]
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for actor in actors:
            names = {actor.name, *actor.aliases}
            lower = [n for n in names if not (n.isupper() and len(n) <= 4)]
            upper = [n for n in names if n.isupper() and len(n) <= 4]
            # Short acronyms must match in capitals: "AP" is an agency, "ap" is not.
            # Typeset apostrophes: "Russia’s Defence Ministry" must match "Russia's Defence Ministry".
            lower += [n.replace("'", "’") for n in lower if "'" in n]
            if lower:
                matcher.add(actor.actor_id, [nlp.make_doc(n) for n in lower])
            if upper:
                exact.add(actor.actor_id, [nlp.make_doc(n) for n in upper])
        try:
            ref = weakref.ref(nlp)
        except TypeError:  # an object that takes no weak reference: held strongly instead
            ref = (lambda held: lambda: held)(nlp)
        _MATCHERS = (ref, actors, matcher, exact)
        return matcher, exact


@dataclass
class ActorResolver:
    registry: Registry
    nlp: object
    docs: InitVar[list | None] = None  # the article's parsed paragraphs, read for what its names are
    history: list[Actor] = field(default_factory=list)  # actors in order of mention, this article
    _exclude: tuple[Actor, ...] = ()
    _speaker: bool = False
    _within: tuple[int, int] | None = None
    discovered: dict[str, Actor] = field(default_factory=dict)  # actor id → actor, this article
    _refs: dict[str, set[str]] = field(default_factory=dict)  # discovered actor id → back-reference nouns
    # Any actor's back-reference nouns learnt in this article: after "a spokesman for the local
    # police", "the spokesman" means the police.
    _learnt: dict[str, set[str]] = field(default_factory=dict)
    # Who spoke last: (actor, named in the plural, sentence number), most recent last; and the number
    # of the sentence being read. "..., local officials said. Four were killed, they said."
    speakers: list[tuple[Actor, bool, int]] = field(default_factory=list)
    sentence_no: int = 0

    def __post_init__(self, docs: list | None) -> None:
        # Entity labels each name word gets in this article: spaCy's small model labels "Lavrov" or
        # "Biden" PERSON in one sentence and ORG or nothing in the next.
        self.labels: dict[str, Counter] = {}
        for doc in docs or ():
            for ent in doc.ents:
                if ent.label_ in NAME_KINDS:
                    for token in ent:
                        if token.pos_ == "PROPN":
                            self.labels.setdefault(fold(token.text), Counter())[ent.label_] += 1
        # The full name each surname stands for in this article ("Biden", "Mr Biden" → "Joe Biden"),
        # unless two people of the article share the surname.
        full: dict[str, set[str]] = {}
        for doc in docs or ():
            for ent in doc.ents:
                words = strip_titles([t.text for t in ent if t.pos_ == "PROPN"]) if ent.label_ == "PERSON" else []
                if len(words) >= 2:
                    full.setdefault(fold(words[-1]), set()).add(" ".join(words))
        self.full_names = {surname: next(iter(names)) for surname, names in full.items() if len(names) == 1}
        self.surnames = set(full)  # a surname is a person's even where two people share it
        self.roles = named_roles(docs or ())
        self.surnames |= {fold(name.text) for name in self.roles.values()}
        self.matcher, self.exact = registry_matchers(self.registry, self.nlp)

    def mentions(self, doc, article_id: str, offset: int) -> list[Mention]:
        """Registry mentions in `doc`, longest first where they overlap, in text order."""
        hits = [(s, e, self.nlp.vocab.strings[m]) for m, s, e in [*self.matcher(doc), *self.exact(doc)]]
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        taken: set[int] = set()
        out = []
        for start, end, actor_id in hits:
            if taken.intersection(range(start, end)):
                continue
            # A following proper noun means a longer name we do not know: "Russia Today" is not Russia.
            if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].dep_ == "compound" and doc[end].head.i > end - 1:
                continue
            # "Moscow-installed authorities", "Kremlin-backed separatists" are not Moscow or the Kremlin.
            if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].is_alpha:
                continue
            taken.update(range(start, end))
            span = doc[start:end]
            out.append(Mention(self.registry.actors[actor_id], start, end,
                               Span(article_id, offset + span.start_char, offset + span.end_char)))
        return sorted(out, key=lambda m: m.start)

    def spoke(self, actors: list[Actor], head) -> None:
        """Note that `actors`, named by the phrase headed by `head`, are a statement's source."""
        plural = len(actors) > 1 or head.tag_ in ("NNS", "NNPS") or head.lower_ in ("they", "we")
        for actor in actors:
            self.speakers.append((actor, plural, self.sentence_no))

    def last_speaker(self, pronoun: str) -> Actor | None:
        """The source of a statement in this or the two sentences before that a speaking pronoun
        can mean: "he"/"she" a person, "they" a plural phrase or a body. ("It" is left to the
        mentions: "the report ... It also documents" means the report's body, not the last speaker.)"""
        kind = PRONOUNS[pronoun]
        for actor, plural in self._recent_speakers():
            person = actor.kind in PERSON_KINDS
            if (kind == "person" and person and not plural) or (kind == "plural" and (plural or not person)):
                return actor if actor not in self._exclude else None
        return None

    def _recent_speakers(self):
        """(actor, named in the plural) of the statements of this and the two sentences before, latest first."""
        for actor, plural, when in reversed(self.speakers):
            if when < self.sentence_no - 2:
                return
            yield actor, plural

    def remember(self, actor: Actor) -> None:
        if actor in self.history:
            self.history.remove(actor)
        self.history.append(actor)

    def _refs_of(self, actor: Actor) -> set[str] | tuple[str, ...]:
        learnt = self._learnt.get(actor.actor_id, set())
        if self.discovered.get(actor.actor_id) is actor:
            return self._refs[actor.actor_id] | learnt
        return (*self.registry.refs.get(actor.actor_id, ()), *learnt)

    def _recent(self, kinds: set[str] | None = None, refs: str | None = None, limit: int = 1,
                exclude_kinds: set[str] = frozenset()) -> list[Actor]:
        out = []
        for actor in reversed(self.history):
            if kinds is not None and actor.kind not in kinds:
                continue
            if actor.kind in exclude_kinds:
                continue
            if refs is not None and refs not in self._refs_of(actor) \
                    and not (kinds and actor.kind in kinds):
                continue
            out.append(actor)
            if len(out) >= limit:
                break
        return out

    def resolve(self, token, mentions: list[Mention], exclude: tuple[Actor, ...] = (),
                speaker: bool = False, within: tuple[int, int] | None = None) -> list[Actor]:
        """The actors the noun phrase headed by `token` stands for (several for "X and Y").

        `exclude`: actors a plural pronoun cannot mean here ("Russia says they were ..." is not Russia).
        `within`: token bounds the noun phrase may not leave, where something else (the attribution
        model) has already said where the phrase ends: "― Petro Marchuk, Kherson" names Petro Marchuk.
        """
        # "a spokesman for X" resolves X by a nested call, after which the outer phrase gets its
        # own settings back.
        saved = self._exclude, self._speaker, self._within
        self._exclude, self._speaker, self._within = exclude, speaker, within
        try:
            heads = [token, *[c for c in token.conjuncts if c.i > token.i]]
            out: list[Actor] = []
            for head in heads:
                for actor in self._resolve_one(head, mentions):
                    if actor not in out:
                        out.append(actor)
            return out
        finally:
            self._exclude, self._speaker, self._within = saved

    def _np_range(self, head) -> tuple[int, int]:
        left = head.left_edge.i
        right = head.i + 1
        for child in head.rights:
            if child.dep_ in ("appos", "compound", "prep", "punct", "nmod") and child.dep_ != "conj":
                if child.dep_ == "prep" and child.lower_ != "of":
                    break
                right = child.right_edge.i + 1
            else:
                break
        if self._within and self._within[0] <= head.i < self._within[1]:
            left, right = max(left, self._within[0]), min(right, self._within[1])
        return left, right

    def _resolve_one(self, head, mentions: list[Mention]) -> list[Actor]:
        lower = head.lower_
        # "the minister's deputy Ivan Petrenko", "the rebels' spokesman, Lawrence Kanyuka", "the chief of
        # Russia's general staff, Valery Gerasimov": the named person (`body_of` keeps whom they speak for).
        named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
                      and c.i > head.i), None)
        if named is not None and (head.pos_ == "NOUN" and head.lemma_.lower() in OFFICIAL_NOUNS
                                  or head.pos_ == "PROPN" and lower in OFFICIAL_NOUNS):  # "Federal Chancellor of Austria, Karl Nehammer"
            return self._resolve_one(named, mentions)
        # "members of X", "a spokesman for X", "X's press service" → X.
        if head.lemma_.lower() in PROXY_NOUNS or lower in PROXY_NOUNS:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "for", "from"):
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        found = self.resolve(objs[0], mentions, self._exclude, self._speaker)
                        if found:
                            if len(found) == 1 and head.lemma_.lower() in SPOKESPEOPLE:
                                self._learnt.setdefault(found[0].actor_id, set()).add(head.lemma_.lower())
                            return found
                if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "NOUN" and head.pos_ == "NOUN"
                                            and head.lemma_.lower() in DOCUMENT_PROXIES
                                            and child.lemma_.lower() in BODY_NOUNS):
                    found = self._resolve_one(child, mentions)  # "X's statement", "the army statement"
                    if found:
                        return found
        left, right = self._np_range(head)
        inside = [m for m in mentions if m.start >= left and m.end <= right and not (m.start > head.i)]
        inside = inside or [m for m in mentions if m.start <= head.i < m.end]
        if inside:
            # Prefer the mention containing the head, else the longest.
            best = max(inside, key=lambda m: (m.start <= head.i < m.end, m.end - m.start))
            possessor = not (best.start <= head.i < best.end) and head.pos_ in ("NOUN", "PROPN") \
                and best.end < len(head.doc) and head.doc[best.end].tag_ == "POS"
            person = not (best.start <= head.i < best.end) and head.pos_ == "PROPN" and head.ent_type_ == "PERSON" \
                and best.end <= head.i
            if person:
                # "Russian Defence Ministry spokesman Igor Konashenkov" is Konashenkov (for the ministry);
                # "Putin critic Alexei Navalny" is Navalny.
                found = self._discover(head, left, right)
                if found:
                    return found
            if head.lemma_.lower() in OPPOSED_NOUNS and not (best.start <= head.i < best.end):
                # "the Kremlin critic", "a Putin opponent": someone set against the name, not the name;
                # better no speaker than the Kremlin.
                return self._discover(head, left, right)
            if not possessor:
                if self._speaker and head.pos_ == "NOUN" and head.lemma_.lower() in OFFICIAL_NOUNS \
                        and not (best.start <= head.i < best.end):
                    # "a U.S. defence official said ... the official said": the same source again.
                    self._learnt.setdefault(best.actor.actor_id, set()).add(head.lemma_.lower())
                return [best.actor]
            # "Ukraine's defence intelligence": a body of the possessor, not the possessor itself.
            found = self._discover(head, left, right)
            if found:
                return found
            return [best.actor]
        if lower in PRONOUNS and PRONOUNS[lower] != "org" and self._speaker and head.dep_ in ("nsubj", "nsubjpass"):
            # The subject of a reporting verb is, first, whoever was just reporting: "..., local
            # officials said. Four people were killed and 14 wounded, they said."
            found = self.last_speaker(lower)
            if found is not None:
                return [found]
        if lower in PRONOUNS:
            # Antecedents: earlier sentences, then names in this sentence before the pronoun.
            # Within the sentence a subject is the likelier antecedent ("The Legion, fighting for
            # Ukraine, posted a video showing it ..."), so subjects count as the most recent.
            here = [m for m in mentions if m.end <= head.i and m.start >= head.sent.start]
            here.sort(key=lambda m: head.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass"))
            pool = [*self.history, *(m.actor for m in here)]
            kind = PRONOUNS[lower]
            if kind == "person":
                return next(([a] for a in reversed(pool) if a.kind in PERSON_KINDS), [])
            if kind == "org":
                return next(([a] for a in reversed(pool) if a.kind not in PERSON_KINDS), [])
            for actor in reversed(pool):
                # Plural pronouns mostly mean fighters and groups; a government is "it" or named again.
                if actor.kind in GROUP_KINDS | {"group"} and actor not in self._exclude:
                    return [actor]
            return []
        det = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in head.children)
        # "the US army" names another party; only a bare "the army" / "the same group" points back.
        if any((c.dep_ in ("compound", "nmod", "poss") or c.lower_ in DEMONYMS or c.pos_ == "PROPN")
               and c.ent_type_ not in ("DATE", "TIME") for c in head.children if c.i < head.i):
            det = False  # ("the Sunday report", "the morning update" still point back)
        if IMPOSED.search(head.doc[head.left_edge.i:head.i].text):
            det = False  # "the local Russian-imposed authorities" are another body than the government just named
        # "the governor of Serhij Łysak", "the governor, Oleh Syniehubov": a name, not a back-reference.
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children) or any(
                c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.ent_type_ == "PERSON" for g in c.children)
                for c in head.children):
            det = False
        lemma = head.lemma_.lower()
        # "..., her lawyer said. ... her lawyer Kaloy Akhilgov said": the one lawyer the article names;
        # "the Belarusian president said" is the one Belarusian president it names.
        nations = [c for c in head.children if c.dep_ == "amod" and c.lower_ in DEMONYMS]
        named_role = self.roles.get(f"{nations[0].lower_} {lemma}" if len(nations) == 1 else lemma)
        if named_role is not None and head.pos_ == "NOUN" and head.tag_ == "NN" and self._speaker and all(
                c.dep_ in ("det", "poss") or c in nations for c in head.children):
            return self._discover(named_role, *self._np_range(named_role))
        if det and head.pos_ in ("NOUN", "PROPN"):
            kinds = GENERIC_REFS.get(lower) or GENERIC_REFS.get(lemma)
            seat = self._seat(head, kinds or ({"government"} if lemma in SEATED_BODIES or lower in SEATED_BODIES else None))
            if seat is not None:
                return [seat]  # "the authorities in Beijing": the body Beijing's name stands for
            plural = head.tag_ in ("NNS", "NNPS") and head.lower_ not in MASS_NOUNS
            for actor in reversed(self.history):
                if lemma in self._refs_of(actor) or fold(head.text) in self._refs_of(actor):
                    if plural:
                        return self._recent(refs=lemma, kinds={actor.kind}, limit=3)
                    return [actor]
            if kinds is ISSUERS and not plural:
                # "The Reuters news agency reported ... The report added that ...": the report of
                # whoever just reported.
                recent = next((a for a, _ in self._recent_speakers() if a.kind in ISSUERS), None)
                if recent is not None:
                    return [recent]
            if kinds:
                found = self._recent(kinds, limit=3 if plural else 1)
                if found:
                    return found
        return self._discover(head, left, right)

    def _seat(self, head, kinds: set[str] | None) -> Actor | None:
        """The registry's body of the kind a generic noun names, by the place it sits in: "the
        authorities in Beijing" are the Chinese government, "the authorities in Kiev" Ukraine's."""
        if not kinds:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                for name in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "PROPN"):
                    actor = self.registry.lookup(head.doc[name.left_edge.i:name.i + 1].text)
                    if actor is not None and actor.kind in kinds:
                        return actor
        return None

    def body_of(self, head, mentions: list[Mention], person: Actor) -> Actor | None:
        """The organisation a named person speaks for, where the phrase naming them says it:
        "Defence ministry spokesman Igor Konashenkov", "Igor Konashenkov, spokesman for the Russian
        Defence Ministry", "Ukraine's foreign minister Dmytro Kuleba"."""
        if person.kind not in PERSON_KINDS:
            return None
        left, right = head.left_edge.i, head.right_edge.i + 1
        for m in mentions:
            if left <= m.start and m.end <= right and m.actor.kind not in PERSON_KINDS and m.actor != person:
                return m.actor
        for child in head.children:
            if child.dep_ == "appos" and (child.lemma_.lower() in PROXY_NOUNS or child.lemma_.lower() in OFFICIAL_NOUNS):
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at"):
                        objs = [c for c in prep.children if c.dep_ == "pobj"]
                        found = self.resolve(objs[0], mentions) if objs else []
                        found = [a for a in found if a.kind not in PERSON_KINDS]
                        if found:
                            return found[0]
        return None

    def _label(self, head) -> str:
        """The entity label the article gives `head`'s word most often (ties: `NAME_KINDS` order);
        the token's own where the word is in no entity."""
        votes = self.labels.get(fold(head.text))
        if not votes:
            return head.ent_type_
        top = max(votes.values())
        return next(label for label in NAME_KINDS if votes.get(label) == top)

    def _discover(self, head, left: int, right: int) -> list[Actor]:
        """A speaker no registry knows: a name ("Mykola Ivanov") or a described group ("Ukrainian officials")."""
        doc = head.doc
        span = doc[left:right]
        numeric = {t.i for c in head.children if c.dep_ in ("nummod", "quantmod") for t in c.subtree}
        words = [t for t in span if t.dep_ not in ("det", "punct", "predet", "nummod", "quantmod")
                 and t.i not in numeric and t.lower_ not in ("all", "both")]
        if not words or all(t.lower_ in DEMONYMS for t in words):
            return []  # "Russian" alone is a nationality, not a party
        if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
            # "Defence ministry spokesman Igor Konashenkov": the person is the name, not the title.
            first = head.i
            while first - 1 >= left and doc[first - 1].pos_ == "PROPN" and doc[first - 1].ent_type_ == "PERSON":
                first -= 1
            words = [t for t in words if first <= t.i <= head.i] or words
        while words and (words[0].lower_ in NOBODY or words[0].is_punct or words[0].text in "“”\"'‘’"):
            words = words[1:]
        if not words or all(t.pos_ == "PRON" or t.lower_ in PRONOUNS for t in words):
            return []  # "neither the Russians", "“He": nobody to name
        text = doc[words[0].i:words[-1].i + 1].text.strip(" ,“”\"'")
        if words[0].pos_ != "PROPN" and words[0].ent_type_ not in ("NORP", "GPE", "ORG", "PERSON"):
            text = text[:1].lower() + text[1:]  # "Officials said" → the actor "officials"
        lemma = head.lemma_.lower()
        if lemma == "medium":
            lemma = "media"  # spaCy's lemma of "media"
        side = next((DEMONYMS[t.lower_] for t in span if t.lower_ in DEMONYMS), None) or _nationality(span)
        if head.pos_ == "PROPN" and fold(head.text) in self.surnames and all(t.pos_ == "PROPN" for t in words):
            kind = "person"  # "Navalny wrote", with Alexei and Ilya Navalny in the article
        elif head.text in ("ministry", "government") and (side or any(t.pos_ == "PROPN" for t in span)):
            kind = lemma  # "Syria's interior ministry", "Congo's government": bodies, not groups
        elif head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            kind = NAME_KINDS.get(self._label(head), "organization")
        elif not (side or any(t.pos_ == "PROPN" for t in span)) and not (
                self._speaker and (lemma in OFFICIAL_NOUNS or lemma in PERSON_LIKE or lemma in GROUP_NOUNS
                                   or lemma in DOCUMENT_NOUNS
                                   or (lemma in ORG_NOUNS and any(t.pos_ == "ADJ" or (t.dep_ in ("amod", "compound", "poss") and t.i < head.i)
                                                         for t in span)))):
            # "fighters", "the border": not a party we can name. A described speaker ("the regional
            # governor", "officials") is kept: a claim needs a source other than the outlet.
            return []
        elif lemma in GROUP_NOUNS or any(lemma.endswith(n) for n in ("militia", "group")):
            kind = "armed_group"
        elif lemma in OFFICIAL_NOUNS:
            kind = "official"
        elif lemma in PERSON_LIKE:
            kind = "group"
        elif lemma in ORG_NOUNS or head.lower_ in ORG_NOUNS:
            kind = "organization"
        elif lemma in DOCUMENT_NOUNS and any(t.dep_ == "compound" or t.lower_ in PROVENANCE for t in head.children):
            kind = "organization"  # "unclassified intelligence reports", "declassified documents" speak for their makers
        else:
            return []
        if len(text) > 80:
            return []
        if kind == "person":
            name = strip_titles(text.split())
            if len(name) == 1 and fold(name[0]) in self.full_names:
                name = self.full_names[fold(name[0])].split()
            text = " ".join(name)
        # "the local Russian-imposed authorities" are not the Russian government.
        known = self.registry.lookup(text) if PROXY.search(text) is None else None
        if known is not None:
            return [known]
        actor_id = f"x-{slug(text)}"
        if actor_id in self.registry.actors:  # a user registry may name its own actors "x-…"
            return [self.registry.actors[actor_id]]
        actor = self.discovered.setdefault(actor_id, Actor(actor_id=actor_id, name=text, kind=kind, side=side,
                                                           discovered=True))
        self._refs.setdefault(actor.actor_id, set()).update(
            {lemma, "group"} if kind in GROUP_KINDS | {"group"} else {lemma})
        return [actor]
