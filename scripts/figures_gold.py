"""Tools for the real-news figures gold set (`gold/figures/`, guide: `docs/figures-guide.md`).

    python scripts/figures_gold.py select [--n 96]       # the candidate articles, figure-rich first
    python scripts/figures_gold.py show DOC              # an article's text with character offsets
    python scripts/figures_gold.py check FILE...         # validate annotation files
    python scripts/figures_gold.py stats FILE...         # counts per split, predicate, scope

DOC is a key of `fogwatch.eval.figures.load_document`: `gdelt-articles/<file>.txt` or
`newsapi-samples/<file>.json#<url>`, relative to ../shared/eval/corpora/ukraine-war-news.
"""
from __future__ import annotations

import collections
import hashlib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from fogwatch.eval.figures import (CORPUS, HEDGES, MODALITIES, PREDICATES, SCOPES,  # noqa: E402
                                   list_documents, load_document, reserved)

NUM = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands|a dozen)"
KW = (r"(?:kill|dead|die|death|wound|injur|destroy|shot down|shoot down|casualt|loss|lost|intercept|captur|detain|"
      r"arrest|lives|hurt|missile|drone|tank|aircraft|helicopter|troops|soldiers|civilians|people)")
CANDIDATE = re.compile(NUM + r"\W+(?:\w+\W+){0,6}?" + KW, re.I)


def split_of(doc: str) -> str:
    """dev or test, fixed by the document key (about half each)."""
    return "dev" if int(hashlib.sha256(doc.encode()).hexdigest(), 16) % 2 == 0 else "test"


def select(n: int) -> None:
    rows = []
    for key in list_documents(CORPUS):
        doc = load_document(CORPUS, key)
        rows.append((len(CANDIDATE.findall(doc.text or "")), key))
    rows.sort(key=lambda r: (-r[0], r[1]))
    for hits, key in rows[:n]:
        print(f"{hits}\t{split_of(key)}\t{key}")


def show(key: str) -> None:
    doc = load_document(CORPUS, key)
    print(f"# {key}  published={doc.published.isoformat() if doc.published else None}  title={doc.title!r}")
    text = doc.text or ""
    pos = 0
    for line in text.split("\n"):
        print(f"[{pos}] {line}")
        pos += len(line) + 1


def gold_lines(files: list[str]):
    """(where, record) for each non-blank line of annotation files; a line that is not JSON is
    printed as a problem and yields (where, None)."""
    for name in files:
        for n, line in enumerate(Path(name).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{name}:{n}"
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{where}: not JSON ({exc})")
                yield where, None


def check(files: list[str]) -> int:
    errors = 0
    seen_docs: set[str] = set()
    held_out = reserved(CORPUS)
    for where, rec in gold_lines(files):
        if rec is None:
            errors += 1
            continue
        key = rec.get("doc")
        if key in held_out:
            print(f"{where}: {key} is reserved for held-out scoring")
            errors += 1
        if key in seen_docs:
            print(f"{where}: {key} annotated twice")
            errors += 1
        seen_docs.add(key)
        try:
            text = load_document(CORPUS, key).text or ""
        except (KeyError, OSError, ValueError) as exc:
            print(f"{where}: unknown doc {key!r} ({exc})")
            errors += 1
            continue
        if rec.get("split") not in ("dev", "test"):
            print(f"{where}: split must be dev or test")
            errors += 1
        for i, fig in enumerate([*rec.get("figures", []), *rec.get("not_claims", [])]):
            errs = _check_figure(fig, text)
            for e in errs:
                print(f"{where} figure {i} ({fig.get('quote')!r}): {e}")
            errors += len(errs)
    print(f"{errors} problems in {len(seen_docs)} documents")
    return 1 if errors else 0


def _check_figure(fig: dict, text: str) -> list[str]:
    errs = []
    start, end, quote = fig.get("start"), fig.get("end"), fig.get("quote")
    if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != quote:
        found = text.find(quote) if isinstance(quote, str) else -1
        errs.append(f"quote is not text[start:end] (first occurrence at {found})")
    if fig.get("predicate") not in PREDICATES:
        errs.append(f"predicate {fig.get('predicate')!r} not in {sorted(PREDICATES)}")
    if not isinstance(fig.get("unit"), str) or not fig["unit"] or fig["unit"] != fig["unit"].lower():
        errs.append("unit must be a lower-case singular noun")
    low, high = fig.get("low"), fig.get("high")
    if low is None and high is None:
        errs.append("a figure needs low or high")
    for b in (low, high):
        if b is not None and (not isinstance(b, int) or b < 0):
            errs.append("bounds must be non-negative integers or null")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        errs.append("low > high")
    if fig.get("hedge") not in HEDGES:
        errs.append(f"hedge {fig.get('hedge')!r} not in {sorted(HEDGES)}")
    if fig.get("scope") not in SCOPES:
        errs.append(f"scope {fig.get('scope')!r} not in {sorted(SCOPES)}")
    if fig.get("modality", "asserted") not in MODALITIES:
        errs.append(f"modality {fig.get('modality')!r} not in {sorted(MODALITIES)}")
    via = fig.get("via", [])
    if not isinstance(via, list) or not all(isinstance(v, str) for v in via):
        errs.append("via must be a list of strings")
    speaker = fig.get("speaker")
    if speaker is not None and speaker.lower() not in text.lower():
        errs.append(f"speaker {speaker!r} is not written in the text")
    if speaker is None and via:
        errs.append("via without a speaker")
    if speaker is not None and via and via[-1] != speaker:
        errs.append("the last link of via must be the speaker")
    return errs


def stats(files: list[str]) -> None:
    by = collections.Counter()
    docs = collections.Counter()
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            docs[rec["split"]] += 1
            for fig in rec["figures"]:
                by[(rec["split"], "all")] += 1
                by[(rec["split"], fig["predicate"])] += 1
                by[(rec["split"], "scope:" + fig["scope"])] += 1
                by[(rec["split"], "speaker" if fig.get("speaker") else "no speaker")] += 1
            for _ in rec.get("not_claims", []):
                by[(rec["split"], "not_claims")] += 1
    print("documents:", dict(docs))
    for key in sorted(by):
        print(f"{key[0]}\t{key[1]}\t{by[key]}")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:] or ["help"]
    if cmd == "select":
        select(int(args[1]) if args[:1] == ["--n"] else 96)
    elif cmd == "show":
        show(args[0])
    elif cmd == "check":
        sys.exit(check(args))
    elif cmd == "stats":
        stats(args)
    else:
        print(__doc__)
