"""How far PolNeAR's annotators agree with each other, scored as `fogwatch eval attribution` scores.

    python scripts/polnear_agreement.py [--data DIR] [--split train]

A few docs of a split carry several annotators' files (`<doc>_<annotator>.ann`). Each pair of files
of one doc is scored with `fogwatch.eval.polnear.score_doc`, one as gold and one as prediction (F1
is the same either way round), and the counts are summed over all pairs of all such docs.
"""
from __future__ import annotations

import argparse
from itertools import combinations
from pathlib import Path

from fogwatch.eval import polnear

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"
SHOWN = ("source", "cue", "content", "source_overlap", "cue_overlap", "content_overlap", "relation")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", default="train")
    args = ap.parse_args()

    base = args.data / args.split
    several = {doc: [path for _, path in files]
               for doc, files in polnear.annotations_by_doc(base / "attributions").items() if len(files) > 1}
    if not several:
        raise SystemExit(f"no doc of {base} has more than one annotation file")
    tally, pairs = polnear.Tally(), 0
    for doc, paths in several.items():
        text = (base / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        relations = [polnear.read_ann(path) for path in paths]
        for a, b in combinations(relations, 2):
            tally += polnear.score_doc(text, a, b)
            pairs += 1
    scores = tally.scores()
    print(f"{len(several)} docs, {sum(map(len, several.values()))} files, {pairs} pairs")
    for metric in SHOWN:
        print(f"  {metric:16s} F1 {100 * scores[f'{metric}_f1']:5.1f}")


if __name__ == "__main__":
    main()
