"""Whether fogwatch's speakers are the sources PolNeAR's annotators marked: a proxy, since PolNeAR
annotates source spans, not actors.

    python scripts/polnear_speakers.py [--data DIR] [--split dev] [--show N]

For each claim with a speaker and a cue, the gold attribution whose cue its cue overlaps gives the
gold source text (pronoun sources are skipped: "he" is resolved by fogwatch, not by PolNeAR). The
speaker agrees when a word of its name or an alias (three letters or more) is in that text, so a
described source ("the governor" for Christie) or a short name ("RT") counts as a disagreement:
the figure is a floor.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from fogwatch.eval import polnear
from fogwatch.extract import extract
from fogwatch.records import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "who", "which",
            "this", "that", "us", "him", "them", "our", "my"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--show", type=int, default=0, help="print this many disagreements")
    args = ap.parse_args()

    docs = polnear.read_split(args.data, args.split)
    articles = [Article(article_id=d.doc_id, text=d.text, published=None) for d in docs]
    scored, agree, differ = 0, 0, []
    for doc, extraction in zip(docs, extract(articles)):
        for claim in extraction.claims:
            if claim.speaker is None or claim.cue_span is None:
                continue
            cue = claim.cue_span
            gold = next((r for r in doc.relations if r.cue and r.source
                         and any(a < cue.end and cue.start < b for a, b in r.cue)), None)
            if gold is None:
                continue
            source = " ".join(doc.text[a:b] for a, b in gold.source)
            if source.strip().lower() in PRONOUNS:
                continue
            scored += 1
            words = {w.lower() for name in (claim.speaker.name, *claim.speaker.aliases)
                     for w in re.findall(r"\w+", name) if len(w) > 2}
            if any(w in source.lower() for w in words):
                agree += 1
            else:
                differ.append((claim.speaker.name, source, claim.cue))
    print(f"{args.split}: {agree} of {scored} speakers ({agree / max(scored, 1):.1%}) name a word of the gold source")
    for speaker, source, cue in differ[:args.show]:
        print(f"  {speaker!r} for {source!r} ({cue})")


if __name__ == "__main__":
    main()
