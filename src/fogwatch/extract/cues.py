"""Cues and attribution chains: who says what a trigger reports.

`CueReader` finds the reporting verbs of a sentence and their speakers (`make_cue`, `according_to`),
and gives each trigger its chain of cues (`chain_for`): the cues above it in the parse, else
"according to", a cue set inside or after its clause, the sentence's main reporting verb, the
previous sentence's cue carried on, or the voice of a transcript the article reproduces.
`ClaimExtractor` (claims.py) builds the claims on top of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from fogwatch.extract import lexicon as lx
from fogwatch.extract.actors import BODY_NOUNS, PERSON_KINDS, Mention, fold
from fogwatch.records import Actor, Span
# Openings by which a sentence goes on with the account before it: its consequences, its additions,
# its breakdown ("Of them, four were children").
CONTINUING = re.compile(r"(?:as a result|in addition|additionally|moreover|furthermore|of them|of these|among them|"
                        r"(?:of|among) the (?:dead|killed|injured|wounded|victims))\b", re.IGNORECASE)

# Dependents of a cue that are not what it says (its subject, its auxiliaries, ...).
CONTENT_DEPS_EXCLUDED = {"nsubj", "nsubjpass", "csubj", "agent", "expl", "aux", "auxpass", "neg", "mark", "punct",
                         "cc", "det", "prep"}
# Clauses hung on a cue that say when or despite what it was said, not what: "..., the ministry
# said, while the UN put the toll at 55", "Romney tweeted the day after a man gunned down 49".
SITUATING = {"while", "whereas", "although", "though", "after", "before", "since", "until", "once"}
# A sentence that announces the full text of a speech, address or statement that follows.
TRANSCRIPT = re.compile(r"\b(?:full|complete) (?:text|transcript|address|speech|remarks|statement)\b"
                        r"|\b(?:address|speech|remarks|statement|text)\b[^.]{0,40}\bbelow\b", re.I)
OPENING_QUOTES = {'"', "“", "‘", "«", "„"}
# An interview's turns: "Olga Mutovina: Buryatia is one of the poorest regions ...", "Stone: Until
# February 24 ..."; and a heading that names whom the questions are put to: "Q&A with Randall Stone".
NAME = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}"
TURN = re.compile(rf"\s*({NAME}):\s+\S")
QA_HEADING = re.compile(rf"\s*(?:Q\s?&\s?A|Q and A|(?:An )?[Ii]nterview) with ({NAME})\s*$")


def is_question(text: str) -> bool:
    return text.rstrip(" \"'”’)]").endswith("?")


def is_interview(texts: list[str]) -> bool:
    """An article laid out as questions and answers: a Q&A heading, or two paragraphs opening with a
    speaker's name and a colon, with questions among the paragraphs."""
    turns = sum(1 for t in texts if TURN.match(t))
    return any(QA_HEADING.match(t) for t in texts) or (turns >= 2 and any(is_question(t) for t in texts))


@dataclass
class Cue:
    token: object  # spaCy Token of the cue word ("said", "according")
    text: str
    hedge: str
    speakers: list[Actor]
    source: object | None  # head token of the speaker phrase
    span: Span
    source_span: Span | None
    content: object | None  # root token of the content clause
    body: Actor | None = None  # the organisation a named speaker speaks for
    outer: Cue | None = None  # "according to X citing Y": X's link, outside this one (Y's)


@dataclass
class Carry:
    """The attribution a sentence passes on to the next ones in its paragraph."""

    cues: list[Cue] = field(default_factory=list)


def apart(a, b) -> bool:
    """Whether a semicolon stands between tokens `a` and `b`: it ends a statement ("Airstrikes kill 11
    civilians; Rescuers say ..."), so no cue or modal crosses it."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[lo:hi])


def _quoted_before(clause, cue) -> bool:
    """Whether `clause` ends a quotation closed right before `cue`'s subject: "“Although it was after
    the Second World War that ... the killing of millions ...,” he said" quotes the whole clause."""
    end = clause.right_edge.i
    doc = clause.doc
    between = [t for t in doc[end + 1:cue.i] if not t.is_punct or t.text in ("”", '"', "’", "»")]
    closes = any(t.text in ("”", '"', "»") for t in doc[end + 1:cue.i])
    return closes and end < cue.i and all(t.text in ("”", '"', "’", "»") or t.dep_ in ("nsubj", "det", "compound", "amod")
                                          for t in between)


def _span(doc, start_tok: int, end_tok: int, article_id: str, offset: int) -> Span:
    span = doc[start_tok:end_tok]
    return Span(article_id, offset + span.start_char, offset + span.end_char)


def aside(text: str, start: int, end: int) -> bool:
    """Whether characters [start, end) of `text` (a cue) lie in a phrase of saying that is the
    writer's discourse marker ("That being said, ...": `lexicon.SAYING_ASIDES`)."""
    window = text[max(0, start - 30):end + 30].lower()
    offset = max(0, start - 30)
    for phrase in lx.SAYING_ASIDES:
        at = window.find(phrase)
        while at >= 0:
            if offset + at <= start and end <= offset + at + len(phrase):
                return True
            at = window.find(phrase, at + 1)
    return False


class CueReader:
    """The cue and chain methods of `ClaimExtractor` (which sets `resolver`, `article_id`, `found`, `voice`,
    `interview`, `interviewee`)."""

    # --- cues -------------------------------------------------------------------------------
    def is_cue(self, token) -> bool:
        lemma = token.lemma_.lower()
        if lemma not in lx.CUES or (lemma == "say" and aside(token.doc.text, token.idx, token.idx + len(token))):
            return False
        if lemma in lx.DATA_CUES:
            return token.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.lemma_.lower() in lx.DATA_NOUNS
                                                for c in token.children) and \
                any(c.dep_ == "ccomp" for c in token.children)
        if lemma == "put":  # "the UN put the toll at 55"
            return token.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in lx.TOLL_WORDS
                                                for c in token.children) \
                and any(c.dep_ == "prep" and c.lower_ == "at" for c in token.children)
        if lemma in ("quote", "cite"):
            return token.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children)
        if token.pos_ in ("VERB", "AUX"):
            if token.dep_ in ("acl", "relcl") and token.head.pos_ == "NOUN" and \
                    any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                return False  # "the power to declare war" names an ability, not a statement
            if lemma in lx.COUNTING_CUES and any(
                    c.dep_ == "dobj" and any(n.dep_ in ("nummod", "quantmod") or n.like_num for n in c.subtree)
                    for c in token.children):
                return True
            if lemma in lx.COUNTING_CUES - lx.IDENTITY_CUES:
                return False
            if lemma in lx.PUBLISHING_CUES:
                return any(c.dep_ == "dobj" and (c.lemma_.lower() in lx.DATA_NOUNS or c.lemma_.lower() in ("information", "statistic"))
                           for c in token.children)
            if lemma in lx.IDENTITY_CUES:
                return any(c.dep_ in ("oprd", "ccomp") for c in token.children) or \
                    any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children)
            if lemma == "report" and not any(c.dep_ in ("ccomp", "xcomp", "nsubj", "nsubjpass", "dobj") for c in token.children):
                return False
            return True
        # The small model tags "claims" in "claims to have repelled" as a noun; the infinitive says otherwise.
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return token.pos_ == "NOUN" and token.tag_ == "NNS" and nxt is not None and nxt.lower_ in ("to", "that") \
            and not any(c.dep_ == "det" for c in token.children)

    def subject_of(self, verb, depth: int = 0):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("that", "which", "who"):
                if child.dep_ == "nsubjpass":
                    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                    return agents[0] if agents else None
                return child
        if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_.lower() in ("quote", "cite"):
            # "the agency quoted the ministry as saying ...": the ministry says it.
            return next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
        if depth < 4 and verb.head.i != verb.i and verb.dep_ in ("xcomp", "conj", "advcl", "acl", "ccomp", "pcomp", "oprd", "dobj", "attr"):
            if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lx.CUES:
                return None  # a reported clause without subject is not the reporter's
            return self.subject_of(verb.head, depth + 1)
        return None

    @staticmethod
    def source_in(a, sent, doc, offset: int):
        """The source of the model's attribution `a` as a spaCy span of `doc`, if it begins in `sent`."""
        if not a.source or not offset + sent.start_char <= a.source[0] < offset + sent.end_char:
            return None
        found = doc.char_span(a.source[0] - offset, a.source[1] - offset, alignment_mode="expand")
        return found if found is not None and len(found) else None

    def model_source(self, token, doc, offset: int):
        """The source, in `token`'s sentence, of the model's attribution whose cue overlaps `token`."""
        lo, hi = offset + token.idx, offset + token.idx + len(token)
        return next((found for a in self.found if a.cue[0] < hi and lo < a.cue[1]
                     and (found := self.source_in(a, token.sent, doc, offset)) is not None), None)

    def make_cue(self, token, doc, offset: int, mentions: list[Mention]) -> Cue:
        lemma = token.lemma_.lower()
        # The speaker is whom the claim's source span names: the model's source where it found
        # this attribution and that source names someone (the parse may give "The Military
        # Doctrine …" for the subject of "Pertsov told"), else the parse's subject.
        model = self.model_source(token, doc, offset)
        speakers = self.resolver.resolve(model.root, mentions, speaker=True, within=(model.start, model.end)) \
            if model is not None else []
        if speakers:
            source = model.root
        else:
            model, source = None, self.subject_of(token)
            speakers = self.resolver.resolve(source, mentions, speaker=True) if source is not None else []
        if source is not None:
            left, right = (model.start, model.end) if model is not None else (source.left_edge.i, source.i + 1)
            if self.own_staff(left, right, doc, mentions) or self.in_dateline(offset + source.idx):
                speakers = []
        for actor in speakers:
            self.resolver.remember(actor)
        if speakers:
            self.resolver.spoke(speakers, source)
        body = self.resolver.body_of(source, mentions, speakers[0]) if source is not None and len(speakers) == 1 else None
        content = next((c for c in token.children if c.dep_ in ("ccomp", "xcomp")), None)
        if content is None:
            content = next((c for c in token.children if c.dep_ in ("dobj", "oprd", "attr")), None)
        source_span = None
        if model is not None:
            source_span = _span(doc, model.start, model.end, self.article_id, offset)
        elif source is not None:
            source_span = _span(doc, source.left_edge.i, source.right_edge.i + 1, self.article_id, offset)
            # Keep a relative clause out of the source span: "X, which is ..., said".
            rel = [c for c in source.children if c.dep_ in ("relcl", "acl") or (c.dep_ == "punct" and c.i > source.i)]
            if rel:
                source_span = _span(doc, source.left_edge.i, source.i + 1, self.article_id, offset)
        return Cue(token=token, text=token.text, hedge=lx.CUES[lemma], speakers=speakers, source=source,
                   span=_span(doc, token.i, token.i + 1, self.article_id, offset), source_span=source_span,
                   content=content, body=body)

    def according_to(self, sent, doc, offset: int, mentions: list[Mention]) -> Cue | None:
        for token in sent:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                to = doc[token.i + 1]
                objs = [c for c in to.children if c.dep_ == "pobj"]
                source = objs[0] if objs else None
                speakers = self.resolver.resolve(source, mentions, speaker=True) if source is not None else []
                for actor in speakers:
                    self.resolver.remember(actor)
                if speakers:
                    self.resolver.spoke(speakers, source)
                hedge = lx.according_to_hedge(source.lemma_.lower() if source is not None else None)
                cue = Cue(token=token, text="according to", hedge=hedge, speakers=speakers, source=source,
                          span=_span(doc, token.i, token.i + 2, self.article_id, offset),
                          source_span=_span(doc, source.left_edge.i, source.right_edge.i + 1, self.article_id, offset) if source is not None else None,
                          content=None)
                # "according to U.K. officials citing data from Ukraine": Ukraine's figure, via the officials.
                citing = next((c for c in source.children if c.dep_ in ("acl", "relcl")
                               and c.lemma_.lower() in ("cite", "quote")), None) if source is not None else None
                cited = next((c for c in citing.children if c.dep_ == "dobj"), None) if citing is not None else None
                inner = self.resolver.resolve(cited, mentions, speaker=True) if cited is not None else []
                if inner:
                    return Cue(token=citing, text=citing.text, hedge=hedge, speakers=inner, source=cited,
                               span=_span(doc, citing.i, citing.i + 1, self.article_id, offset),
                               source_span=_span(doc, cited.left_edge.i, cited.right_edge.i + 1, self.article_id, offset),
                               content=None, outer=cue)
                return cue
        return None

    def in_dateline(self, char: int) -> bool:
        """Whether a character of the article lies in its paragraph's dateline ("KYIV (AP) —")."""
        return self.dateline is not None and self.dateline[0] <= char < self.dateline[1]

    @staticmethod
    def own_staff(left: int, right: int, doc, mentions: list[Mention]) -> bool:
        """Whether the source (tokens left..right) is a news outlet's own journalists ("Associated Press
        journalists in Kharkiv", "our correspondent"): what they say is the outlet's reporting."""
        staff = [t for t in doc[left:right] if t.lemma_.lower() in lx.REPORTER_NOUNS]
        return bool(staff) and (any(c.lower_ == "our" for t in staff for c in t.children) or any(
            m.actor.kind == "media" and left <= m.start and m.end <= staff[0].i for m in mentions))

    def trailing_source(self, sent, doc, offset: int, mentions: list[Mention]) -> Cue | None:
        """The body named after a comma at a sentence's end with no verb of saying, as wire copy
        translated from Polish or Ukrainian writes it: "76 explosions have been recorded in the Sumy
        region during the last day, the Regional Military Administration." Only an issuing body
        (ministry, administration, staff, police ...), not a place or a description ("..., the
        second-largest city")."""
        words = [t for t in sent if not t.is_space]
        if len(words) < 6 or words[-1].text not in (".", "!"):
            return None
        comma = next((t for t in reversed(words[:-1]) if t.text == ","), None)
        if comma is None:
            return None
        np = doc[comma.i + 1:words[-1].i]
        if not 2 <= len(np) <= 9 or np[0].lower_ != "the" or any(t.pos_ in ("VERB", "AUX", "PRON", "NUM") for t in np):
            return None
        heads = [t for t in np if not (np.start <= t.head.i < np.end) or t.head.i == t.i]
        if len(heads) != 1 or heads[0].lemma_.lower() not in BODY_NOUNS:
            return None
        speakers = [a for a in self.resolver.resolve(heads[0], mentions, speaker=True) if a.kind not in PERSON_KINDS]
        if not speakers:
            return None
        self.resolver.spoke(speakers, heads[0])
        return Cue(token=heads[0], text=",", hedge="asserted", speakers=speakers, source=heads[0],
                   span=_span(doc, comma.i, comma.i + 1, self.article_id, offset),
                   source_span=_span(doc, np.start, np.end, self.article_id, offset), content=None)

    def according_next(self, sent, doc, offset: int, mentions: list[Mention]) -> Cue | None:
        """The source named by the next sentence for this one: "More than 900 bodies were found.
        That's according to the regional police chief." """
        if sent.end >= len(doc):
            return None
        after = doc[sent.end].sent
        words = [t.lower_ for t in after[:5]]
        if words[:1] in (["that"], ["this"]) and "according" in words:
            return self.according_to(after, doc, offset, mentions)
        return None

    def introduced(self, sent, doc, offset: int, mentions: list[Mention]) -> Cue | None:
        """The source of a quotation that a clause introduces with a colon, however the parser hung
        the two: "The following excerpts from unclassified intelligence reports debunk the idea ...:
        “Russia has suffered ... roughly 300,000 casualties”" quotes the reports."""
        colon = next((t for t in sent if t.text == ":" and t.i + 1 < sent.end and t.nbor(1).text in OPENING_QUOTES), None)
        if colon is None:
            return None
        intro = [t for t in doc[sent.start:colon.i] if any(c.dep_ == "nsubj" and c.i < t.i for c in t.children)]
        if not intro:
            return None
        verb = min(intro, key=lambda t: sum(1 for a in t.ancestors if sent.start <= a.i < colon.i))
        subject = next(c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i)
        speakers = self.resolver.resolve(subject, mentions, speaker=True)
        if not speakers:
            return None
        return Cue(token=colon, text=colon.text, hedge="asserted", speakers=speakers, source=subject,
                   span=_span(doc, colon.i, colon.i + 1, self.article_id, offset),
                   source_span=_span(doc, subject.left_edge.i, subject.right_edge.i + 1, self.article_id, offset),
                   content=None)

    @staticmethod
    def chain_of(cue: Cue) -> list[Cue]:
        return [*CueReader.chain_of(cue.outer), cue] if cue.outer is not None else [cue]

    def governing(self, token, cues: dict[int, Cue]) -> list[Cue]:
        """Cues that govern `token`, outermost first."""
        chain: list[Cue] = []
        node = token
        described = False  # passed through a relative clause: "a policy that has left thousands dead"
        for _ in range(40):
            # "X claims to have repelled": the cue sits right before the infinitive, however it was
            # parsed. A cue found this way on a mis-tagged noun ends the walk: its own head is noise.
            to = next((c for c in node.children if c.dep_ == "aux" and c.lower_ == "to"), None)
            if to is not None and to.i > 0 and to.nbor(-1).i in cues and cues[to.nbor(-1).i] not in chain \
                    and to.nbor(-1).i != node.i:
                cue = cues[to.nbor(-1).i]
                chain.append(cue)
                if cue.token.pos_ not in ("VERB", "AUX"):
                    break
                node = cue.token
                continue
            if node.head.i == node.i:
                break
            parent = node.head
            described = described or node.dep_ == "relcl"
            quoted_as = node.dep_ == "prep" and node.lower_ == "as" and parent.lemma_.lower() in ("quote", "cite") \
                or node.dep_ == "prep" and node.lower_ == "at" and parent.lemma_.lower() in lx.VALUING_VERBS  # "put the toll at 55"
            # The object of a cue is what it names, not what it says: "Putin sought to claim a mandate
            # for a policy that has left tens of thousands dead" is the outlet's description.
            named = described and node.dep_ == "dobj"
            # "..., the ministry said, while the UN put the toll at 55": a contrast, not what was said.
            # "Romney tweeted the day after a man gunned down 49 people": when it was said, not what.
            named = named or node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in SITUATING for c in node.children) and not _quoted_before(node, parent)
            if parent.i in cues and (node.dep_ not in CONTENT_DEPS_EXCLUDED or quoted_as) and node.dep_ != "conj" \
                    and cues[parent.i] not in chain and not named and not apart(token, parent):
                chain.append(cues[parent.i])
            node = parent
        # Collected innermost first; the chain reads outermost first.
        return list(reversed(chain))

    def chain_for(self, trigger, sent, cues: dict[int, Cue], according: Cue | None, carry: Carry) -> list[Cue]:
        """The attribution chain of what `trigger` says happened: the cues above it, else "according
        to", else a cue placed inside or after its clause, else the previous sentence's carried on."""
        chain = self.governing(trigger, cues)
        if chain and according is not None and according.speakers and chain[-1].content is not None \
                and according.token.i in {t.i for t in chain[-1].content.subtree}:
            # "U.K. officials say ... 824 troops dying each day, according to Ukrainian updates": the
            # updates' figure, passed on by the officials.
            return [*chain, *self.chain_of(according)]
        if chain and according is not None and according.speakers and not any(c.speakers for c in chain):
            # "Ten people were reported killed, according to police": the passive cue names no one.
            return [*chain, *self.chain_of(according)]
        if chain and self.voice is not None and not any(c.speakers for c in chain):
            return [self.voice]  # in a transcript, "how they will explain to the two soldiers killed" is the speaker's
        if chain:
            return chain
        if according is not None:
            return self.chain_of(according)
        return self.parenthetical(trigger, cues) or self.reported_after(trigger, cues) or \
            (carry.cues if not cues and carry.cues and self.continues(sent) else []) or \
            ([self.voice] if self.voice is not None and not (
                self.voice.token.doc is trigger.doc and self.voice.token.sent.start == trigger.sent.start) else [])

    def transcript(self, sent, doc, offset: int, mentions: list[Mention]) -> Cue | None:
        """A sentence that opens a transcript the article reproduces ("Read the President's full
        address below:", "Here is the full text of his statement", "Full text of Zelensky's speech at
        ..."): a `Cue` whose speaker says all that follows, as far as no other cue claims it. The
        speaker is the owner of the speech where the sentence names one, else the person who last spoke
        or was last named."""
        if not TRANSCRIPT.search(sent.text):
            return None
        nouns = [t for t in sent if t.lemma_.lower() in lx.SPEECH_NOUNS and t.pos_ == "NOUN"]
        if not nouns:
            return None
        noun = next((t for t in nouns if any(c.dep_ == "poss" for c in t.children)), None) or \
            next((t for t in nouns if t.lemma_.lower() != "text"), nouns[0])
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        def named(actor: Actor) -> bool:  # a person by name, not "the Ukrainian leader"
            return actor.kind == "person" or (actor.kind in PERSON_KINDS and not actor.discovered)

        people = [a for a in (self.resolver.resolve(owner, mentions, speaker=True) if owner is not None else [])
                  if named(a)]
        if not people:
            spoke = [a for a, _, _ in reversed(self.resolver.speakers) if named(a)]
            people = (spoke or [a for a in reversed(self.resolver.history) if named(a)])[:1]
        if not people:
            return None
        return Cue(token=noun, text=noun.text, hedge="asserted", speakers=people, source=owner,
                   span=_span(doc, noun.i, noun.i + 1, self.article_id, offset), source_span=None, content=None)

    def turn(self, doc, offset: int, mentions: list[Mention]) -> None:
        """In an interview (`interview` set), whose voice a paragraph is: a question is the
        interviewer's (the outlet's); a turn opened by a person's name is that person's, and so are
        the paragraphs after it up to the next question ("Stone: Until February 24 ... / Already there
        are signs that many thousands of Russian troops have been killed": Stone's). The interviewee
        is the person the Q&A heading names, then whoever last answered."""
        if not self.interview:
            return
        text = doc.text
        named = TURN.match(text) or QA_HEADING.match(text)
        if named is not None:
            words = doc.char_span(named.start(1), named.end(1), alignment_mode="expand")
            # A person's name ("Source: Radio Liberty", "Photo: AP" are credits, not turns).
            person = words is not None and len(words) and fold(words[-1].text) in self.resolver.surnames
            people = [a for a in self.resolver.resolve(words.root, mentions, speaker=True) if a.kind in PERSON_KINDS] \
                if person else []
            if people and not is_question(text):
                self.interviewee = Cue(token=words.root, text=words.text, hedge="asserted", speakers=people[:1],
                                       source=words.root, span=_span(doc, words.start, words.end, self.article_id, offset),
                                       source_span=None, content=None)
        self.voice = None if is_question(text) or QA_HEADING.match(text) else self.interviewee

    def reported_after(self, trigger, cues: dict[int, Cue]) -> list[Cue]:
        """The sentence's main verb is a cue and `trigger` follows it: all after "X said" is X's,
        however the parser hung it ("the presidency said one woman was killed and two more injured"
        read with "two" beside "said"). Not a second action of the speaker's own ("police said ... and
        arrested three"): a verb joined to the cue without a subject of its own is the speaker's act."""
        root = trigger.sent.root
        cue = cues.get(root.i)
        if cue is None or not cue.speakers or trigger.i <= root.i or cue.content is None:
            return []
        if cue.source is not None and cue.source.left_edge.i <= trigger.i <= cue.source.right_edge.i:
            return []
        node = trigger
        while node.head.i != root.i and node.head.i != node.i:
            node = node.head
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children):
            return []
        return [*self.governing(root, cues), cue]

    def parenthetical(self, trigger, cues: dict[int, Cue]) -> list[Cue]:
        """A cue set inside or after the clause it attributes, with no content of its own:
        "Russia, the ambassador said, has lost 500 soldiers", "... killing 12, the army said"."""
        ancestors = {t.i for t in trigger.ancestors} | {trigger.i}
        for cue in cues.values():
            if not cue.speakers:
                continue
            if apart(trigger, cue.token):
                continue  # "Airstrikes kill 11 civilians; Rescuers say no survivors ...": two statements
            if cue.content is None and cue.token.head.i in ancestors \
                    and cue.token.dep_ in ("parataxis", "advcl", "ccomp", "conj", "dep"):
                return [cue]
            # "..., regional officials said." closing the sentence: it attributes all before it, however
            # the parser hung the clause ("The attacks left ten dead ..." read as "the attacks" saying).
            sent = cue.token.sent
            tail = [t for t in sent[cue.token.i - sent.start + 1:] if not t.is_punct]
            subject = cue.source if cue.source is not None else cue.token
            before = cue.token.doc[subject.left_edge.i - 1] if subject.left_edge.i > sent.start else None
            if cue.token.dep_ == "ROOT" and trigger.i < subject.left_edge.i and len(tail) <= 3 \
                    and before is not None and before.text in (",", "—", "–", "-"):
                return [cue]
        return []

    @staticmethod
    def continues(sent) -> bool:
        """Whether a sentence with no cue of its own still reports the previous speaker's account.

        Wire copy signals it with a hedge ("were allegedly killed"), a quotation, or a translation's
        reportative ("was to lose", `_hearsay_to`); a sentence that opens with a contrast ("But ...")
        is the writer's own voice again.
        """
        if sent[0].lower_ in ("but", "however", "yet", "still"):
            return False
        if CONTINUING.match(sent.text):
            return True  # "..., the regional administration said. As a result, at least one person died."
        return any(t.lower_ in lx.HEDGE_ADVERBS for t in sent) or any(t.text in "“”\"" for t in sent) \
            or any(_hearsay_to(t) for t in sent)


def _hearsay_to(token) -> bool:
    """"The aggressor's army was to lose over 166,000 soldiers": a translation's reportative (Polish
    "miała stracić", German "soll verloren haben"), the previous sentence's source still speaking."""
    doc = token.doc
    if not (token.lower_ in ("was", "were") and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to"
            and (doc[token.i + 2].tag_ == "VB" and doc[token.i + 2].lower_ not in ("be", "become")
                 or doc[token.i + 2].lower_ == "have")):
        return False
    # Not under a condition: "If Russia was to hit in the coming days".
    return not any(t.lower_ in ("if", "unless") for t in doc[token.sent.start:token.i])


# A quotation opened by a dash at a paragraph's or a sentence's start, as Polish and Russian copy
# (and its machine translation) writes speech: "- Only 15 rockets flew on Kharkiv. ... We are waiting
# for a combustion locomotive - the conductor explained to me."
DASH_OPEN = re.compile(r"(?:^|(?<=[.!?…\"”]))\s*[-–—]\s*(?=[\"“A-Z0-9])", re.MULTILINE)
# The dash that closes one, before the speaker's few words and the verb of saying: "- said Lukashenko",
# "- the conductor explained".
DASH_CLOSE = re.compile(r"\s[-–—]\s+(?:[^\s.!?]+\s+){0,5}$")


def dash_quote(text: str, cue_start: int) -> tuple[int, int] | None:
    """The extent (start, end) of a dash-opened quotation whose closing dash comes just before the cue
    at `cue_start`, within one paragraph; None where the cue closes no such quotation."""
    start = text.rfind("\n", 0, cue_start) + 1
    close = DASH_CLOSE.search(text, start, cue_start)
    if close is None:
        return None
    opens = [m.end() for m in DASH_OPEN.finditer(text, start, close.start())]
    return (opens[-1], close.start()) if opens else None
