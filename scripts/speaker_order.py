"""Whether an article's speakers depend on the articles extracted before it in the same run.

    python scripts/speaker_order.py [--data DIR] [--limit 80]

Extracts the first `--limit` text files of DIR (sorted by name) forwards and then backwards, each run
with a fresh registry, and counts the claims whose speaker (actor id and kind) differs between the
two runs. The claims of an article are compared by position, predicate and cue offset; 0 is right.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from fogwatch.extract import extract
from fogwatch.records import Article
from fogwatch.registry.actors import load_registry

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "corpora" / "ukraine-war-news" / "gdelt-articles"


def speakers(articles: list[Article]) -> dict[tuple, tuple | None]:
    out = {}
    for extraction in extract(articles, registry=load_registry()):
        for i, claim in enumerate(extraction.claims):
            key = (claim.article_id, i, claim.predicate, claim.cue_span.start if claim.cue_span else None)
            out[key] = (claim.speaker.actor_id, claim.speaker.kind) if claim.speaker else None
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=80)
    args = ap.parse_args()

    files = sorted(args.data.glob("*.txt"))[:args.limit]
    if not files:
        raise SystemExit(f"{args.data}: no .txt files")
    articles = [Article(article_id=f.name, text=f.read_text(encoding="utf-8"), published=None) for f in files]
    forwards, backwards = speakers(articles), speakers(articles[::-1])
    differ = sorted((k for k in forwards.keys() | backwards.keys() if forwards.get(k) != backwards.get(k)),
                    key=lambda k: (k[0], k[1]))
    for key in differ:
        print(f"{key[0]} claim {key[1]} ({key[2]}): {forwards.get(key)} forwards, {backwards.get(key)} backwards")
    print(f"{len(files)} articles, {len(forwards)} claims forwards, {len(backwards)} backwards, "
          f"{len(differ)} with another speaker")


if __name__ == "__main__":
    main()
