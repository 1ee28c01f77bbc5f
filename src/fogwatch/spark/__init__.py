"""Beyond one machine: the read → clean → extract stages as an Apache Spark job, and its loader.

`job` (needs the `spark` extra) runs fogwatch's own readers, cleaner and extractor per Spark
partition and writes Parquet under `DIR/articles/`, `DIR/claims/` and `DIR/failures/`; `rows`
turns an `Extraction` into those rows and back; `load` stores a job's output in a ledger the way
a local ingest would (near-duplicates, re-ingests), without running the NLP again.
"""
