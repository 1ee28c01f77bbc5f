"""The models' own thread: with more than one core (`fogwatch ingest --jobs 1`), `fogwatch.extract`
runs the encoder and the attribution tagger in a second thread beside spaCy and the rules. It must
change the speed only: the same extractions as one thread on real articles, and an article whose
model call fails is the only one lost."""
from __future__ import annotations

import pytest

from conftest import SHARED, need
from fogwatch import extract as extract_stage
from fogwatch import pipeline
from fogwatch.bench import corpus_files
from fogwatch.clean import clean
from fogwatch.ingest import read_paths
from fogwatch.nlp import encoder, relevance
from fogwatch.records import Extraction, Failure
from fogwatch.registry.actors import load_registry

CORPUS = SHARED / "eval" / "corpora" / "ukraine-war-news" / "gdelt-articles"


@pytest.fixture(scope="module")
def articles():
    """The first four real GDELT articles that are not reserved."""
    found = [a for a in clean(read_paths(corpus_files(need(CORPUS), 4))) if not isinstance(a, Failure)]
    assert len(found) == 4
    return found


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def _extract(articles, registry, monkeypatch, threads: int) -> tuple[list, int]:
    """`pipeline.extract_batch` with `threads` cores for this process: the results, and how many
    model threads `fogwatch.extract` started."""
    started = []
    pool = extract_stage.ThreadPoolExecutor

    def counted(*args, **kwargs):
        started.append(1)
        return pool(*args, **kwargs)

    monkeypatch.setenv(encoder.THREADS_VARIABLE, str(threads))
    monkeypatch.setattr(extract_stage, "ThreadPoolExecutor", counted)
    return pipeline.extract_batch(articles, registry), len(started)


def test_the_model_thread_extracts_what_one_thread_does(articles, registry, monkeypatch):
    alone, threads_alone = _extract(articles, registry, monkeypatch, 1)
    beside, threads_beside = _extract(articles, registry, monkeypatch, 2)
    assert (threads_alone, threads_beside) == (0, 1)
    assert all(isinstance(e, Extraction) for e in alone)
    assert sum(len(e.claims) for e in alone) > 20  # a real comparison, not of empty extractions
    assert any(e.relevance > 0.5 for e in alone) and any(c.via for e in alone for c in e.claims)
    assert beside == alone  # claims, spans, actors, places and relevance, in input order


def test_a_model_failure_in_the_thread_loses_its_article_only(articles, registry, monkeypatch):
    whole, _ = _extract(articles, registry, monkeypatch, 1)
    score = relevance.score
    broken = articles[1].text

    def failing(text: str) -> float:
        if broken in text:
            raise RuntimeError("the encoder gave up")
        return score(text)

    monkeypatch.setattr(relevance, "score", failing)
    done, started = _extract(articles, registry, monkeypatch, 2)
    assert started >= 1
    assert isinstance(done[1], Failure) and "the encoder gave up" in done[1].reason
    assert done[1].origin == (articles[1].origin or articles[1].article_id)
    assert [done[0], *done[2:]] == [whole[0], *whole[2:]]
