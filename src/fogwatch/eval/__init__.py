"""Evaluation against the public annotated corpora described in ../shared/eval/README.md.

Each module takes a data directory in the layout of ../shared/eval (`--data DIR`), so the same
command runs on the held-out copy. Nothing here is imported by the pipeline.
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from fogwatch.records import Document


def shared_eval() -> Path:
    """The `shared/eval` folder the gold sets' documents are read from: `$FOGWATCH_SHARED/eval` if
    set, else `../shared/eval` from the working directory, else beside a source checkout (an
    installed package has no checkout around it, so the working directory comes first)."""
    if os.environ.get("FOGWATCH_SHARED"):
        return Path(os.environ["FOGWATCH_SHARED"]) / "eval"
    candidates = (Path.cwd().parent / "shared" / "eval", Path(__file__).resolve().parents[3].parent / "shared" / "eval")
    return next((path for path in candidates if path.is_dir()), candidates[0])


@contextlib.contextmanager
def scratch_ledger(documents: Iterable[tuple[str, Document]], prefix: str = "fogwatch-eval-") -> Iterator[tuple]:
    """Ingest (gold key, document) pairs into a temporary ledger through the real `ingest` path,
    and yield (ledger, {article id: gold key}); the ledger is closed and removed afterwards."""
    from fogwatch.clean import clean_document
    from fogwatch.ledger import open_ledger
    from fogwatch.pipeline import run
    from fogwatch.records import Article

    keys: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        source = Path(tmp) / "gold.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for key, document in documents:
                article = clean_document(document)
                if isinstance(article, Article):
                    keys[article.article_id] = key
                handle.write(json.dumps({
                    "id": key, "text": document.text, "title": document.title, "url": document.url,
                    "outlet": document.outlet,
                    "published": document.published.isoformat() if document.published else None}) + "\n")
        ledger = open_ledger(str(Path(tmp) / "ledger.db"))
        try:
            run([source], ledger)
            yield ledger, keys
        finally:
            ledger.close()
