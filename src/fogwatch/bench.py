"""`fogwatch bench`: words per second through ingest → ledger, against spaCy's `nlp.pipe` alone.

One run times, on the same files: the whole pipeline (read, clean, parse, extract, store into a
fresh SQLite ledger) in this process (`--jobs 1`) and in N worker processes, and spaCy alone
(the pipeline `fogwatch.nlp.load()` returns, same components) over the very texts the pipeline
extracted. Models are loaded before the clock starts, in this process and in the workers, so the
figures are the steady rate; the loading times are reported beside them. The ratio to spaCy says
how much of an ingest is parsing and how much is fogwatch's own work.
"""
from __future__ import annotations

import datetime as dt
import json
import resource
import tempfile
import time
from pathlib import Path

from fogwatch.errors import FogwatchError
from fogwatch.ingest import expand
from fogwatch.records import Article
from fogwatch.registry.actors import Registry, load_registry

RESERVED = "RESERVED.txt"


class NoCorpus(FogwatchError):
    """There is nothing to benchmark on"""


def reserved(corpus: Path) -> set[Path]:
    """Files named in a `RESERVED.txt` in `corpus` or a folder above it (held out for evaluation:
    a benchmark reads no more of them than a test does). A line "file: title" reserves an item
    of a file; the whole file is skipped then."""
    out: set[Path] = set()
    for folder in (corpus, *corpus.parents):
        listing = folder / RESERVED
        if listing.is_file():
            for line in listing.read_text(encoding="utf-8").splitlines():
                name = line.split(": ", 1)[0].strip()
                if name and not name.startswith("#"):
                    out.add((folder / name).resolve())
    return out


def corpus_files(corpus: Path, limit: int | None = None) -> list[Path]:
    """The first `limit` readable files under `corpus`, sorted, without reserved ones."""
    if not corpus.is_dir():
        raise NoCorpus(f"{corpus} is not a folder")
    held_out = reserved(corpus.resolve())
    files = sorted(p for p in expand([corpus]) if isinstance(p, Path) and p.resolve() not in held_out)
    if not files:
        raise NoCorpus(f"no readable files under {corpus}")
    return files[:limit]


def _warm(registry: Registry) -> float:
    """Load every model in this process (as a worker does when it starts); seconds taken."""
    from fogwatch.parallel import WARM_UP
    from fogwatch.pipeline import extract_batch

    began = time.perf_counter()
    extract_batch([Article(article_id="warm-up", text=WARM_UP, ingested_at=dt.datetime(2026, 1, 1))], registry)
    return time.perf_counter() - began


def _ingest(files: list[Path], registry: Registry, folder: Path, jobs: int, workers=None) -> dict:
    """One timed `pipeline.run` into a fresh ledger: seconds, counts, and what it extracted."""
    from fogwatch.ledger import open_ledger
    from fogwatch.pipeline import run
    from fogwatch.views.export import claims

    ledger = open_ledger(str(folder / f"bench-{jobs}.db"))
    began, cpu = time.perf_counter(), time.process_time()
    summary = run(files, ledger, registry, jobs=jobs, workers=workers)
    took, cpu = time.perf_counter() - began, time.process_time() - cpu
    stored = [{k: v for k, v in a.items() if k != "ingested_at"} for a in ledger.iter_articles()]
    texts = [a["text"] for a in stored if a["duplicate_of"] is None]
    # What was stored, in an order that does not depend on the second each article was read.
    found = sorted(json.dumps(row, sort_keys=True) for row in [*stored, *claims(ledger)])
    ledger.close()
    return {"seconds": took, "cores": cpu / took if took else 0.0, "articles": summary.added, "claims": summary.claims,
            "skipped": len(summary.failures), "texts": texts, "found": found}


def _spacy(texts: list[str]) -> float:
    """Seconds for spaCy alone to parse `texts`, with the components fogwatch runs."""
    from fogwatch import nlp

    model = nlp.load()
    began = time.perf_counter()
    for _ in model.pipe(texts):
        pass
    return time.perf_counter() - began


def _rusage_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def bench(corpus: Path, limit: int | None, jobs: int) -> dict:
    """Time the three runs on the first `limit` files of `corpus`; the figures as one dict."""
    from fogwatch.parallel import Workers

    files = corpus_files(corpus, limit)
    registry = load_registry()
    load_s = _warm(registry)
    with tempfile.TemporaryDirectory() as tmp:
        one = _ingest(files, registry, Path(tmp), 1)
        words = sum(len(text.split()) for text in one["texts"])
        spacy_s = _spacy(one["texts"])
        many, start_s, peaks = one, 0.0, []
        if jobs > 1:
            with Workers(jobs, registry) as workers:
                began = time.perf_counter()
                workers.ready()
                start_s = time.perf_counter() - began
                many = _ingest(files, registry, Path(tmp), jobs, workers)
                peaks = workers.peak_mb()
    own = _rusage_mb(resource.RUSAGE_SELF)
    rate = lambda seconds: round(words / seconds, 1) if seconds else 0.0  # noqa: E731
    return {
        "corpus": str(corpus), "files": len(files), "articles": one["articles"], "claims": one["claims"],
        "skipped": one["skipped"], "words": words, "jobs": jobs,
        "spacy_s": round(spacy_s, 2), "spacy_words_per_s": rate(spacy_s),
        "pipeline_jobs1_s": round(one["seconds"], 2), "pipeline_words_per_s": rate(one["seconds"]),
        "ratio": round(spacy_s / one["seconds"], 3) if one["seconds"] else 0.0,
        # The model runtime's own threads may already use more than one core in one process: the ceiling of `speedup`.
        "pipeline_jobs1_cores": round(one["cores"], 2),
        "pipeline_jobsN_s": round(many["seconds"], 2), "pipeline_jobsN_words_per_s": rate(many["seconds"]),
        "speedup": round(one["seconds"] / many["seconds"], 2) if many["seconds"] else 0.0,
        "same_claims": one["found"] == many["found"],  # and the same articles, relevance and all
        "model_load_s": round(load_s, 1), "worker_start_s": round(start_s, 1),
        # The workers peak together, while the parent holds its models: the sum is what the
        # machine needs. RUSAGE_CHILDREN is kept for comparison; it over-counts (see `parallel._peak_mb`).
        "parent_rss_mb": round(own), "worker_rss_mb": round(max(peaks, default=0)),
        "peak_rss_mb": round(own + sum(peaks)), "rusage_children_mb": round(_rusage_mb(resource.RUSAGE_CHILDREN)),
    }


def rows(result: dict) -> list[tuple[str, str, str, str, str]]:
    """(run, jobs, seconds, words/s, vs spaCy) for the table."""
    def row(name: str, jobs: int, seconds: float, rate: float) -> tuple[str, str, str, str, str]:
        vs = rate / result["spacy_words_per_s"] if result["spacy_words_per_s"] else 0.0
        return name, str(jobs), f"{seconds:.1f}", f"{rate:,.0f}", f"{vs:.2f}"

    out = [row("spaCy nlp.pipe alone", 1, result["spacy_s"], result["spacy_words_per_s"]),
           row("fogwatch ingest → ledger", 1, result["pipeline_jobs1_s"], result["pipeline_words_per_s"])]
    if result["jobs"] > 1:
        out.append(row("fogwatch ingest → ledger", result["jobs"], result["pipeline_jobsN_s"],
                       result["pipeline_jobsN_words_per_s"]))
    return out


__all__ = ["NoCorpus", "bench", "corpus_files", "reserved", "rows"]
