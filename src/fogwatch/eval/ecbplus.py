"""DRAFT"""
from __future__ import annotations

import csv
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fogwatch.errors import FogwatchError

DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
SENTENCES_FILE = "ECBplus_coreference_sentences.csv"
CORPUS_FOLDER = "ECB+"
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
PARTICIPANT_TAGS = ("TIME_", "LOC_", "HUMAN_", "NON_HUMAN_")


class CorpusNotFound(FogwatchError):
    """The ECB+ folder (ECB+/<topic>/<doc>.xml and ECBplus_coreference_sentences.csv) was not found"""


class BadTopics(FogwatchError):
    """Topics must be numbers or ranges, such as "2,5,12" or "36-45\""""


@dataclass(frozen=True)
class Mention:
    """An annotated markable: an event (ACTION_*, NEG_ACTION_*) or a participant (TIME_ ...)."""

    mention_id: str          # "<doc>:<m_id>"
    doc: str                 # "1_10ecbplus"
    sentence: int
    positions: tuple[int, ...]  # token positions within the sentence
    tag: str
    chain: str               # gold chain; its own mention_id when in no chain (a singleton)


@dataclass(frozen=True)
class Document:
    name: str                # "1_10ecbplus"
    topic: int
    subtopic: str            # gold sub-topic, "1ecb" or "1ecbplus"
    sentences: tuple[tuple[str, ...], ...]
    selected: frozenset[int]  # sentences annotated for coreference
    events: tuple[Mention, ...]
    participants: tuple[Mention, ...]


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
    raise CorpusNotFound(f"no {CORPUS_FOLDER}/ and {SENTENCES_FILE} in {data_dir}")


def available_topics(data_dir: Path) -> list[int]:
    root = corpus_root(data_dir) / CORPUS_FOLDER
    return sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit())


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
    where: dict[str, tuple[int, int]] = {}
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentence = int(token.get("sentence"))
        where[token.get("t_id")] = (sentence, len(sentences[sentence]))
        sentences[sentence].append(token.text or "")
    # Markables with token anchors are mentions; those without are the chains' instance
    # descriptors (TAG_DESCRIPTOR / instance_id) or UNKNOWN_INSTANCE_TAG targets.
    anchored: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        anchors = [where[a.get("t_id")] for a in markable.iter("token_anchor")]
        if anchors:
            anchored[markable.get("m_id")] = (markable.tag, anchors)
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.get("note")
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
        mention = Mention(mention_id, name, sentence, tuple(sorted(p for s, p in anchors if s == sentence)),
                          tag, chains.get(m_id, mention_id))
        if tag.startswith(EVENT_TAGS):
            events.append(mention)
        elif tag.startswith(PARTICIPANT_TAGS):
            participants.append(mention)
    order = lambda m: (m.sentence, m.positions)  # noqa: E731
    last = max(sentences) if sentences else -1
    return Document(name=name, topic=int(topic), subtopic=f"{topic}{'ecbplus' if 'plus' in kind else 'ecb'}",
                    sentences=tuple(tuple(sentences.get(i, ())) for i in range(last + 1)),
                    selected=frozenset(selected), events=tuple(sorted(events, key=order)),
                    participants=tuple(sorted(participants, key=order)))


def read_corpus(data_dir: Path, topics: Iterable[int] | None = None) -> Iterator[Document]:
    root = corpus_root(data_dir)
    selected = selected_sentences(root / SENTENCES_FILE)
    wanted = set(topics) if topics is not None else None
    for topic in available_topics(root):
        if wanted is not None and topic not in wanted:
            continue
        for path in sorted((root / CORPUS_FOLDER / str(topic)).glob("*.xml"), key=_doc_order):
            yield read_document(path, selected.get(path.stem, set()))


def _doc_order(path: Path) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", path.stem))
