"""Score events against the real-news events gold (`gold/events/*.jsonl`, guide: docs/events-guide.md).

A gold line is one document, annotated exhaustively:

    {"doc": "gdelt-articles/<file>.txt" | "newsapi-samples/<file>.json#<url>" | "article-extraction/<id>",
     "split": "dev"|"test", "published": "YYYY-MM-DD"|null, "conflict": true|false,
     "events": [{"id", "type", "subtype", "place": {"name", "precision", "country", "admin1", "lat", "lon",
                 "geonames_id"}|null, "start", "end", "date_text", "evidence": [[s, e], ...],
                 "actor1", "actor2", "measures": [...], "disputes": [...], "note"}, ...]}

War news is read from `../shared/eval/corpora/ukraine-war-news` (as in the figures gold); general
web pages are the bodies of `../shared/eval/article-extraction/ground-truth.json`.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from fogwatch.eval import figures as _figures
from fogwatch.eval import shared_eval
from fogwatch.reconcile.cluster import km
from fogwatch.records import Document

CORPUS = _figures.CORPUS
EXTRACTION = shared_eval() / "article-extraction"
PRECISIONS = ("locality", "admin1", "country")
SUBTYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Arrests", "Disrupted weapons use", "Looting/property destruction",
                               "Non-violent transfer of territory", "Headquarters or base established", "Other"),
}
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def reserved(corpus: Path = CORPUS) -> set[str]:
    return _figures.reserved(corpus)


@functools.lru_cache(maxsize=4)
def _extraction_pages(folder: Path) -> dict[str, dict]:
    path = folder / "ground-truth.json"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file (the general pages of the events gold; see --pages)")
    return json.loads(path.read_text(encoding="utf-8"))


def load_document(key: str, corpus: Path = CORPUS, extraction: Path = EXTRACTION) -> Document:
    """The `Document` a gold key names (with its publication date where the source gives one)."""
    if key.startswith("article-extraction/"):
        page_id = key.split("/", 1)[1]
        page = _extraction_pages(extraction)[page_id]
        return Document(origin=key, text=page["articleBody"], url=page.get("url"))
    return _figures.load_document(corpus, key)


# --- scoring ----------------------------------------------------------------------------------

MATCH_KM = 50.0


def read_gold(path: Path) -> list[dict]:
    return _figures.read_gold(path)


@functools.lru_cache(maxsize=1)
def _region_names() -> dict[str, str]:
    """"UA.07" → "Kharkiv": GeoNames first-level codes to the names fogwatch's places carry."""
    from importlib import resources

    table = resources.files("fogwatch.registry").joinpath("data/admin1.tsv").read_text(encoding="utf-8")
    return {row.split("\t")[0]: row.split("\t")[1] for row in table.splitlines()[1:] if row.strip()}


def _in_region(place: dict, country: str, code: str | None) -> bool:
    if not code or place.get("country") != country:
        return False
    if str(place.get("place_id", "")).startswith("adm1:"):
        return place["place_id"] == f"adm1:{country}.{code}"
    return place.get("admin1") is not None and place.get("admin1") == _region_names().get(f"{country}.{code}")


def place_matches(gold: dict | None, places: list[dict]) -> bool:
    """An event's place (its most precise one) against the gold place.

    Points match within 50 km. A gold region matches a place in that region or within 50 km of the
    region's point; a gold country matches any place in that country. No gold place: anything.
    """
    if gold is None:
        return True
    if not places:
        return False
    p = places[0]
    if gold["precision"] == "country":
        return p.get("country") == gold["country"]
    if gold["precision"] == "admin1" and _in_region(p, gold["country"], gold.get("admin1")):
        return True
    if p.get("precision") == "country":
        return False  # a country cannot stand for a town or a region
    return km((gold["lat"], gold["lon"]), (p["lat"], p["lon"])) <= MATCH_KM


def dates_overlap(gold: dict, when: dict | None) -> bool:
    if gold.get("start") is None:
        return True
    if not when or not when.get("start"):
        return False
    return when["start"] <= gold["end"] and gold["start"] <= (when.get("end") or when["start"])


def _measure_ok(g: dict, measures: list[dict]) -> bool:
    low, high = g.get("low"), g.get("high")
    for m in measures:
        if m["predicate"] != g["predicate"]:
            continue
        best = m.get("best") if m.get("best") is not None else m.get("low")
        if best is None:
            continue
        if (low is None or best >= low) and (high is None or best <= high):
            return True
    return False


PRECISE = {"locality": 0, "admin2": 1, "admin1": 2, "region": 2, "country": 3}


def _one_to_one(options: list[list[int]], precision: list[int]) -> dict[int, int]:
    """The largest one-to-one pairing of gold events with the predicted events each may match
    (augmenting paths, Kuhn's algorithm): a predicted event that fits two gold events is given to
    the one that has no other, so the order of the gold does not change the score."""
    owner: dict[int, int] = {}  # predicted → gold

    def place(g: int, seen: set[int]) -> bool:
        for i in options[g]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or place(owner[i], seen):
                owner[i] = g
                return True
        return False

    # The most precise gold first, so that "Kharkiv" keeps the Kharkiv event that "eastern Ukraine" would also take.
    for g in sorted(range(len(options)), key=lambda g: precision[g]):
        place(g, set())
    return {g: i for i, g in owner.items()}


def score(gold_docs: list[dict], predicted: dict[str, list[dict]], relevance: dict[str, float] | None = None,
          threshold: float = 0.5) -> dict:
    """Event P/R/F1 (a match: same ACLED type, place within 50 km, dates overlapping, one to one),
    sub-type and measure accuracy on matches, dispute precision, and what non-conflict pages yield.
    `predicted`: gold doc key → the events that draw on that document."""
    n_gold = n_pred = tp = 0
    subtype = [0, 0]
    etype = [0, 0]
    measure = [0, 0]
    disputes_pred = disputes_right = disputes_gold = disputes_found = 0
    violent_on_pages = 0
    rel = [0, 0, 0, 0]  # tp fp fn tn of the article relevance decision against `conflict`
    misses, spurious, violent = [], [], []
    for doc in gold_docs:
        key = doc["doc"]
        gold, preds = doc["events"], predicted.get(key, [])
        n_gold += len(gold)
        n_pred += len(preds)
        if relevance is not None and key in relevance:
            said = relevance[key] >= threshold
            rel[0 if said and doc["conflict"] else 1 if said else 2 if doc["conflict"] else 3] += 1
        if not doc["conflict"]:
            hits = [p for p in preds if p["type"] in VIOLENT]
            violent_on_pages += len(hits)
            violent.extend({"doc": key, "type": p["type"], "subtype": p["subtype"],
                            "places": [q["name"] for q in p["places"][:2]]} for p in hits)
        free = list(range(len(preds)))
        where = [[i for i in free if place_matches(g.get("place"), preds[i]["places"])
                  and dates_overlap(g, preds[i].get("when"))] for g in gold]
        pairs = _one_to_one([[i for i in found if preds[i]["type"] == g["type"]] for g, found in zip(gold, where)],
                            [PRECISE.get((g.get("place") or {}).get("precision"), 4) for g in gold])
        for n, g in enumerate(gold):
            found = where[n]
            if found:  # type judged on place-and-date pairs, so that a wrong type shows as such
                etype[1] += 1
                etype[0] += any(preds[i]["type"] == g["type"] for i in found)
            hit = pairs.get(n)
            if hit is None:
                misses.append({"doc": key, "id": g["id"], "type": g["type"], "subtype": g["subtype"],
                               "place": (g.get("place") or {}).get("name"), "start": g.get("start")})
                disputes_gold += bool(g.get("disputes"))
                continue
            free.remove(hit)
            tp += 1
            p = preds[hit]
            subtype[0] += p["subtype"] == g["subtype"]
            subtype[1] += 1
            for m in g.get("measures", []):
                measure[1] += 1
                measure[0] += _measure_ok(m, p.get("measures", []))
            disputes_gold += bool(g.get("disputes"))
            disputes_found += bool(g.get("disputes")) and bool(p.get("disputes"))
            if p.get("disputes"):
                disputes_pred += 1
                disputes_right += bool(g.get("disputes"))
        for i in free:
            p = preds[i]
            disputes_pred += bool(p.get("disputes"))
            spurious.append({"doc": key, "type": p["type"], "subtype": p["subtype"],
                             "places": [q["name"] for q in p["places"][:2]],
                             "when": (p.get("when") or {}).get("start"), "claims": len(p["claims"])})
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ratio = lambda pair: round(pair[0] / pair[1], 4) if pair[1] else None  # noqa: E731
    result = {
        "documents": len(gold_docs), "gold": n_gold, "predicted": n_pred, "matched": tp,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "type_accuracy": ratio(etype), "subtype_accuracy": ratio(subtype), "measure_accuracy": ratio(measure),
        "measures_compared": measure[1],
        "dispute_precision": round(disputes_right / disputes_pred, 4) if disputes_pred else None,
        "disputes_predicted": disputes_pred, "gold_disputes": disputes_gold, "gold_disputes_found": disputes_found,
        "non_conflict_documents": sum(1 for d in gold_docs if not d["conflict"]),
        "violent_events_on_non_conflict": violent_on_pages,
    }
    if relevance is not None:
        tp_r, fp_r, fn_r, _ = rel
        result["relevance_precision"] = round(tp_r / (tp_r + fp_r), 4) if tp_r + fp_r else None
        result["relevance_recall"] = round(tp_r / (tp_r + fn_r), 4) if tp_r + fn_r else None
    result["misses"], result["spurious"], result["violent_on_non_conflict"] = misses, spurious, violent
    return result


def evaluate(data: Path, corpus: Path | None = None, extraction: Path | None = None, split: str | None = None,
             limit: int | None = None) -> dict:
    """Ingest every gold document into a scratch ledger as `fogwatch ingest` does, reconcile, and
    score the events that draw on each document."""
    import dataclasses

    from fogwatch.eval import scratch_ledger
    from fogwatch.ingest.meta import parse_published
    from fogwatch.nlp.relevance import threshold
    from fogwatch.pipeline import reconcile_ledger

    corpus, extraction = corpus or CORPUS, extraction or EXTRACTION
    gold_docs = [d for d in read_gold(data) if split is None or d.get("split") == split]
    if limit:
        gold_docs = gold_docs[:limit]

    def documents():
        for doc in gold_docs:
            document = load_document(doc["doc"], corpus, extraction)
            # A page's date as its URL gives it (the gold records it), as an HTML reader would find it.
            if document.published is None and doc.get("published"):
                document = dataclasses.replace(document, published=parse_published(doc["published"]))
            yield doc["doc"], document

    predicted: dict[str, list[dict]] = {}
    with scratch_ledger(documents(), "fogwatch-events-") as (ledger, keys):
        reconcile_ledger(ledger)
        for event in ledger.iter_events():
            for article_id in event["articles"]:
                if article_id in keys:
                    predicted.setdefault(keys[article_id], []).append(event)
        relevance = {keys[a]: info.relevance for a, info in ledger.article_infos().items()
                     if a in keys and info.relevance is not None}
    result = score(gold_docs, predicted, relevance, threshold())
    result["split"] = split or "all"
    return result
