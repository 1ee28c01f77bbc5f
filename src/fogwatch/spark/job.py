"""`fogwatch spark`: read → clean → extract as an Apache Spark job (the `spark` extra, PySpark).

The driver finds the input files as `fogwatch ingest` does (folders walked and sorted, globs
expanded) and hands them to `mapPartitions`; each partition runs fogwatch's own readers, cleaner
and extractor over its files, so a Spark run extracts exactly what a local ingest extracts. There
is no extraction logic here. The rows go to Parquet under `DIR/articles/` and `DIR/claims/`
(`rows` says what they hold), and the inputs that could not be read or extracted to
`DIR/failures/`, one row each with the reason a local ingest prints. `fogwatch ingest DIR` then
stores them in a ledger (`load`).

Inputs are read by the workers at the same path the driver sees, so on a cluster they must be on
a file system every node mounts (or be http(s) URLs); fogwatch must be installed on the workers.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from fogwatch.errors import FogwatchError
from fogwatch.records import Failure, PartialDate
from fogwatch.registry.actors import Registry
from fogwatch.spark.rows import ARTICLE_SCHEMA, CLAIM_SCHEMA, FAILURE_SCHEMA, article_record, claim_records, failure_record

INSTALL = "pip install 'fogwatch[spark]'"
GLOB = "*?["


class SparkUnavailable(FogwatchError):
    """PySpark is not installed, or Spark cannot start (no Java)"""


class OutputExists(FogwatchError):
    """The output folder already holds a job's output"""


@dataclass
class JobSummary:
    articles: int = 0
    claims: int = 0
    failures: list[Failure] = field(default_factory=list)


def session(master: str = "local[*]", conf: dict[str, str] | None = None):
    """A Spark session whose Python workers run this interpreter (fogwatch and its models are
    installed here), with one BLAS thread per task: Spark already runs one task per core."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable(f"the spark command needs PySpark: {INSTALL}") from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    builder = SparkSession.builder.master(master).appName("fogwatch").config("spark.executorEnv.OMP_NUM_THREADS", "1")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - py4j and PySpark raise several kinds when the JVM cannot start
        detail = " ".join(str(exc).split())[:200]
        raise SparkUnavailable(f"Spark did not start ({detail}); it needs Java 17 or newer on PATH or in "
                               "JAVA_HOME") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def inputs(paths: Iterable[str], follow_symlinks: bool = False) -> tuple[list[str], list[Failure]]:
    """The files (and URLs) to read, found on the driver as `fogwatch ingest` finds them; quoted
    globs ("news/*.html") are expanded here, as a cluster's shell never sees them."""
    import glob

    from fogwatch.ingest import STDIN, expand

    found: list[str] = []
    failures: list[Failure] = []
    for path in paths:
        if path == STDIN:
            failures.append(Failure(STDIN, "a Spark job cannot read standard input; save it to a file first"))
            continue
        matches = [path]
        if any(c in path for c in GLOB) and not Path(path).exists():
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                failures.append(Failure(path, "no file or folder matches"))
        for item in expand(matches, follow_symlinks):
            if isinstance(item, Failure):
                failures.append(item)
            else:  # absolute: a worker's working folder is not the driver's
                found.append(str(item.absolute()) if isinstance(item, Path) else item)
    return found, failures


def _one_torch_thread() -> None:
    """Spark runs one task per core, so each task's encoder and tagger keep to one thread."""
    from fogwatch.nlp import encoder

    encoder.set_threads(1)


def extract_partition(files: Iterable[str], registry: Registry, published: PartialDate | None = None,
                      follow_symlinks: bool = False) -> Iterator[tuple[str, dict]]:
    """("article" | "claim" | "failure", row) for one partition's files: fogwatch's readers, cleaner
    and extractor in the order and batches of a local ingest (`pipeline`), nothing of its own."""
    from fogwatch.clean import clean
    from fogwatch.ingest import read_paths
    from fogwatch.pipeline import _extractions

    _one_torch_thread()
    failures: list[Failure] = []
    seen: set[str] = set()

    def articles():
        for item in clean(read_paths(list(files), follow_symlinks)):
            if isinstance(item, Failure):
                failures.append(item)
                continue
            if item.published is None and published is not None:
                item = replace(item, published=published)
            if item.article_id not in seen:  # the same text twice: extracted once, as locally
                seen.add(item.article_id)
                yield item

    def drain() -> Iterator[tuple[str, dict]]:
        while failures:
            yield "failure", failure_record(failures.pop(0))

    for extraction in _extractions(articles(), registry, failures.append):
        yield from drain()
        yield "article", article_record(extraction)
        for row in claim_records(extraction):
            yield "claim", row
    yield from drain()


def _is_local(output: str) -> bool:
    return "://" not in output or output.startswith("file:")


def check_output(output: str) -> None:
    """Refuse an output folder that already holds a job's output (before Spark starts, which is slow)."""
    local = Path(output.removeprefix("file:")) if _is_local(output) else None
    if local is not None and any((local / part).exists() for part in ("articles", "claims", "failures")):
        raise OutputExists(f"{output} already holds a Spark job's output; choose a new --output folder")


def run_job(spark, paths: Iterable[str], output: str, registry: Registry, published: PartialDate | None = None,
            partitions: int | None = None, follow_symlinks: bool = False) -> JobSummary:
    """Extract `paths` on `spark` into Parquet under `output`; the failures are also returned."""
    from pyspark import StorageLevel

    check_output(output)
    files, failures = inputs(paths, follow_symlinks)
    sc = spark.sparkContext
    slices = max(1, min(len(files), partitions or sc.defaultParallelism))
    job = partial(extract_partition, registry=registry, published=published, follow_symlinks=follow_symlinks)
    rows = sc.parallelize(files, slices).mapPartitions(job).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        def table(kind: str, schema: str):
            return spark.createDataFrame(rows.filter(lambda r: r[0] == kind).map(lambda r: r[1]), schema)

        # Claims first: an `articles/_SUCCESS` marks a complete output for `load`.
        table("claim", CLAIM_SCHEMA).write.parquet(f"{output}/claims")
        table("article", ARTICLE_SCHEMA).write.parquet(f"{output}/articles")
        failures += [Failure(r["origin"], r["reason"]) for _, r in rows.filter(lambda r: r[0] == "failure").collect()]
        counts = rows.map(lambda r: r[0]).countByValue()
    finally:
        rows.unpersist()
    spark.createDataFrame([failure_record(f) for f in failures], FAILURE_SCHEMA).coalesce(1) \
        .write.parquet(f"{output}/failures")
    return JobSummary(articles=counts.get("article", 0), claims=counts.get("claim", 0), failures=failures)
