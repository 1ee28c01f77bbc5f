"""Loading a `fogwatch spark` output folder into a ledger, as a local ingest would have stored it.

The extraction already happened on the cluster; here each article row and its claim rows become
the `Extraction` again and go through `Ledger.save`, so the ledger is the one a local ingest of the
same files makes. What only the whole corpus can decide is decided here, in input order, as in
`pipeline.run`: an article already in the ledger is counted and skipped, and a near-duplicate of
an earlier article is stored as a copy without claims (its extracted claims are dropped).
Needs pyarrow (the `parquet` extra), not Spark.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from fogwatch.errors import FogwatchError
from fogwatch.ledger import Ledger
from fogwatch.pipeline import Storing, Summary
from fogwatch.records import Failure
from fogwatch.registry.actors import Registry
from fogwatch.spark import rows as spark_rows

PARTS = ("articles", "claims")


class BadJobOutput(FogwatchError):
    """A folder that looks like a Spark job's output but cannot be loaded"""


def is_job_output(path: Path | str) -> bool:
    """Whether `path` is a folder written by `fogwatch spark` (it holds `articles/` and `claims/`)."""
    path = Path(path)
    try:
        return all((path / part).is_dir() for part in PARTS)
    except OSError:
        return False


def split(paths: Iterable[Path | str]) -> tuple[list[Path], list[Path | str]]:
    """(Spark output folders, everything else) among the paths given to `fogwatch ingest`."""
    outputs, others = [], []
    for path in paths:
        (outputs if path != "-" and is_job_output(path) else others).append(path)
    return [Path(p) for p in outputs], others


def _parts(folder: Path) -> list[Path]:
    """The Parquet files of one table in the order Spark wrote them (part-00000, part-00001, …),
    which is the order of the input files."""
    if not (folder / "_SUCCESS").exists():
        raise BadJobOutput(f"no _SUCCESS in {folder.name}/: the Spark job did not finish (run it again)")
    return sorted(folder.glob("part-*.parquet"))


def _rows(files: list[Path]) -> Iterator[dict]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise BadJobOutput("reading a Spark job's Parquet needs pyarrow: pip install 'fogwatch[parquet]'") from None
    for file in files:
        for batch in pq.ParquetFile(file).iter_batches(batch_size=256):
            yield from batch.to_pylist()


def read(folder: Path) -> Iterator[tuple[dict, list[dict]]]:
    """(article row, its claim rows in order) for each article of a job's output, in input order."""
    article_files = _parts(folder / "articles")  # written last: its marker says the job finished
    claims: dict[str, list[dict]] = defaultdict(list)
    for row in _rows(_parts(folder / "claims")):
        claims[row["article_id"]].append(row)
    for row in _rows(article_files):
        # An article found in two partitions was extracted twice: its claims are there twice.
        found, seen = [], set()
        for claim in claims.get(row["article_id"], ()):
            if claim["claim_id"] not in seen:
                seen.add(claim["claim_id"])
                found.append(claim)
        yield row, found


def load(folders: Iterable[Path], ledger: Ledger, registry: Registry | None = None,
         on_failure: Callable[[Failure], None] | None = None) -> Summary:
    """Store the articles and claims of Spark output `folders` in `ledger` (see the module docstring)."""
    storing = Storing(ledger, registry, on_failure)

    def store(folder: Path, article_row: dict, claim_rows: list[dict]) -> None:
        try:
            extraction = spark_rows.extraction(article_row, claim_rows)
        except (KeyError, TypeError, ValueError) as exc:
            storing.fail(Failure(article_row.get("origin") or str(folder), f"cannot load from {folder}: {exc}"))
            return
        if storing.admit(extraction.article):
            storing.store(extraction)

    for folder in folders:
        try:
            for article_row, claim_rows in read(folder):
                store(folder, article_row, claim_rows)
        except (BadJobOutput, OSError, ValueError) as exc:  # pyarrow's errors are OSError or ValueError
            storing.fail(Failure(str(folder), f"cannot read Spark output: {' '.join(str(exc).split())[:200]}"))
    return storing.finish()


def merge(first: Summary, second: Summary) -> Summary:
    """One summary of a `fogwatch ingest` that loaded Spark output and read other inputs too."""
    return Summary(added=first.added + second.added, already=first.already + second.already,
                   claims=first.claims + second.claims, copies=first.copies + second.copies,
                   unreconciled=first.unreconciled or second.unreconciled, failures=first.failures + second.failures)
