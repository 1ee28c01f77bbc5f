"""Score figure claims against the real-news gold set (`gold/figures/*.jsonl`, guide: docs/figures-guide.md).

A gold line is one article, annotated exhaustively:

    {"doc": "gdelt-articles/<file>.txt" | "newsapi-samples/<file>.json#<url>", "split": "dev"|"test",
     "figures": [{"quote", "start", "end", "predicate", "unit", "low", "high", "approximate",
                  "speaker", "body", "via", "hedge", "scope", "period", "place", "modality"}, ...],
     "not_claims": [... figures of negated, conditional or hypothetical statements ...]}

`doc` is relative to the corpus folder (`../shared/eval/corpora/ukraine-war-news`); offsets are
into the document's text as read (the file, or the JSON `body`), before fogwatch cleans it.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

from fogwatch.eval import shared_eval
from fogwatch.records import Document, PartialDate

CORPUS = shared_eval() / "corpora" / "ukraine-war-news"
PREDICATES = {"killed", "wounded", "casualties", "missing", "destroyed", "damaged", "shot_down", "captured",
              "detained", "attacked"}
HEDGES = {"confirmed", "asserted", "reported", "alleged", "denied"}
SCOPES = {"incident", "cumulative"}
MODALITIES = {"asserted", "negated", "conditional", "hypothetical", "denied"}
NEWSAPI_FILES = ("newsapi-samples/dummyArticles.json", "newsapi-samples/dummyNames.json")


def reserved(corpus: Path) -> set[str]:
    """Keys of the texts kept for held-out scoring (RESERVED.txt: paths, or `<json file>: <title>`)."""
    path = corpus / "RESERVED.txt"
    if not path.exists():
        return set()
    keys: set[str] = set()
    titles: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if ".json: " in line:
            titles.add(line.split(": ", 1)[1].strip())
        else:
            keys.add(line)
    for name in NEWSAPI_FILES:
        for url, item in _newsapi_items(corpus, name):
            if (item.get("title") or "").strip() in titles:
                keys.add(f"{name}#{url}")
    return keys


@functools.lru_cache(maxsize=8)
def _newsapi_items(corpus: Path, name: str) -> tuple[tuple[str, dict], ...]:
    """(url, item) of each article of a news-API sample file, read once per run (every gold key of
    the file names one of them)."""
    path = corpus / name
    if not path.exists():
        return ()

    def walk(node):
        if isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            if "body" in node:
                yield node
            else:
                for value in node.values():
                    yield from walk(value)

    return tuple((item.get("link") or item.get("url"), item)
                 for item in walk(json.loads(path.read_text(encoding="utf-8")))
                 if (item.get("link") or item.get("url")) and item.get("body"))


def _date(value: str | None) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate(dt.date.fromisoformat(value[:10]), "day")
    except ValueError:
        return None


def list_documents(corpus: Path) -> list[str]:
    """Every document key of the corpus except the reserved ones."""
    held_out = reserved(corpus)
    keys = [f"gdelt-articles/{p.name}" for p in sorted((corpus / "gdelt-articles").glob("*.txt"))]
    for name in NEWSAPI_FILES:
        keys.extend(f"{name}#{url}" for url, _ in _newsapi_items(corpus, name))
    seen: set[str] = set()
    return [k for k in keys if k not in held_out and not (k in seen or seen.add(k))]


def load_document(corpus: Path, key: str) -> Document:
    """The `Document` a gold key names, with its publication date (from the GDELT file name)."""
    if "#" in key:
        name, url = key.split("#", 1)
        for found, item in _newsapi_items(corpus, name):
            if found == url:
                outlet = item.get("source", {}).get("title") if isinstance(item.get("source"), dict) else item.get("provider", {}).get("name") if isinstance(item.get("provider"), dict) else None
                return Document(origin=key, text=item["body"], url=url, title=item.get("title"), outlet=outlet,
                                published=_date(item.get("published_date") or item.get("datePublished")))
        raise KeyError(key)
    path = corpus / key
    stamp = re.match(r"(\d{4})(\d{2})(\d{2})T", path.name)
    published = PartialDate(dt.date(*map(int, stamp.groups())), "day") if stamp else None
    return Document(origin=key, text=path.read_text(encoding="utf-8"), published=published)


# --- scoring ----------------------------------------------------------------------------------

# Unit classes (guide §11): the words on the left count as the class on the right.
UNIT_CLASSES = {
    "person": "people", "life": "people", "individual": "people", "dead": "people", "people": "people",
    "casualty": "people", "victim": "people", "body": "people", "lives": "people",
    "troop": "soldier", "serviceman": "soldier", "servicemen": "soldier", "servicemember": "soldier",
    "service member": "soldier", "military": "soldier",
    "personnel": "soldier", "armoured vehicle": "vehicle", "armored vehicle": "vehicle", "plane": "aircraft",
    "jet": "aircraft", "warplane": "aircraft", "uav": "drone",
}
_STOP = {"the", "a", "an", "of", "'s", "s", "and", "its", "his", "her", "their", "for", "in", "on", "at", "to", "by",
         "from", "with", "data", "figures", "statement", "spokesman", "spokesperson", "spokeswoman"}
_WORD_FORMS = {"russian": "russia", "ukrainian": "ukraine", "ukraine's": "ukraine", "russia's": "russia",
               "defense": "defence", "british": "britain", "uk": "britain", "american": "us", "u.s.": "us",
               "united states": "us", "ministry": "ministry", "mod": "ministry", "israeli": "israel",
               "belarusian": "belarus", "polish": "poland", "un": "un", "u.n.": "un", "united nations": "un"}


def unit_class(unit: str | None) -> str | None:
    if unit is None:
        return None
    unit = unit.lower().strip()
    if unit in UNIT_CLASSES:
        return UNIT_CLASSES[unit]
    if unit.endswith("s") and not unit.endswith("ss") and unit[:-1] in UNIT_CLASSES:
        return UNIT_CLASSES[unit[:-1]]
    head = unit.split()[-1] if unit.split() else unit
    if head in UNIT_CLASSES:
        return UNIT_CLASSES[head]
    return head[:-1] if head.endswith("s") and not head.endswith("ss") and len(head) > 3 else head


def name_words(name: str | None) -> frozenset[str]:
    """The content words of a speaker name, with spelling and nationality forms made one."""
    if not name:
        return frozenset()
    text = name.lower().replace("’", "'")
    for phrase in ("united states", "united nations"):
        text = text.replace(phrase, _WORD_FORMS[phrase])
    words = re.findall(r"[\w.'-]+", text)
    out = set()
    for word in words:
        word = word.strip(".'-")
        if word.endswith("'s"):
            word = word[:-2]
        word = _WORD_FORMS.get(word, word)
        if word and word not in _STOP:
            out.add(word)
    return frozenset(out)


def same_speaker(predicted: list[str] | None, gold: list[str | None]) -> bool:
    """Whether one of a predicted speaker's names (name, aliases) names the gold speaker or body."""
    gold = [g for g in gold if g]
    if not predicted:
        return not gold
    if not gold:
        return False
    for p in predicted:
        pw = name_words(p)
        for g in gold:
            gw = name_words(g)
            if not pw or not gw:
                continue
            if pw <= gw or gw <= pw or len(pw & gw) / len(pw | gw) >= 0.5:
                return True
    return False


def _claim_names(claim: dict) -> list[str] | None:
    names: list[str] = []
    for key in ("speaker", "body"):
        actor = claim.get(key)
        if actor:
            names.extend([actor.get("name") or "", *(actor.get("aliases") or [])])
    return [n for n in names if n] or None


def read_gold(path: Path) -> list[dict]:
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    rows = []
    for name in files:
        for line in name.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def predicted_figures(claims: list[dict]) -> list[dict]:
    """The claims the ledger would show as figures: a quantity, a figure predicate, positive."""
    out, seen = [], set()
    for c in claims:
        q = c.get("quantity")
        if not q or (q.get("low") is None and q.get("high") is None) or c["predicate"] not in PREDICATES or c.get("negated") or c.get("hedge") == "denied" or \
                c.get("modality", "asserted") not in ("asserted", None):
            continue
        # One figure said once by one speaker: the same quantity span read twice counts once.
        key = (c["predicate"], tuple(q.get("span") or ()), (c.get("speaker") or {}).get("actor_id"))
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def _bounds(c: dict) -> tuple:
    q = c["quantity"]
    return q.get("low"), q.get("high")


def _anchor(gold: dict, pred: dict) -> bool:
    """Same predicate and a number in common: the pair whose other fields are compared."""
    glow, ghigh = gold.get("low"), gold.get("high")
    plow, phigh = _bounds(pred)
    return gold["predicate"] == pred["predicate"] and bool({glow, ghigh} - {None} & {plow, phigh} - {None})


def _full(gold: dict, pred: dict) -> bool:
    return (gold["predicate"] == pred["predicate"]
            and unit_class(gold["unit"]) == unit_class(pred["quantity"].get("unit"))
            and (gold.get("low"), gold.get("high")) == _bounds(pred)
            and same_speaker(_claim_names(pred), [gold.get("speaker"), gold.get("body")]))


def _place_ok(gold: dict, pred: dict) -> bool:
    g, p = gold.get("place"), (pred.get("place") or {})
    if not g:
        return not p
    names = [p.get("text") or "", (p.get("place") or {}).get("name") or ""] if p else []
    gw = name_words(g) - {"region", "oblast", "province", "city", "district"}
    return any(gw and gw & name_words(n) for n in names)


def _place_text(pred: dict) -> str | None:
    """A predicted place as the listing shows it: the words of the text, then the place chosen."""
    p = pred.get("place")
    if not p:
        return None
    return f"{p.get('text')} -> {p.get('name')} ({p.get('place_id')})"


def score(gold_docs: list[dict], predictions: dict[str, list[dict]]) -> dict:
    """P/R/F1 of figure claims and per-field accuracies (guide §11); `predictions`: doc → claim dicts."""
    tp = n_gold = n_pred = 0
    fields = {k: [0, 0] for k in ("speaker", "bounds", "unit", "hedge", "scope", "place")}
    modal_hits = n_modal = 0
    misses, spurious, wrong_speakers, wrong_scopes, wrong_places = [], [], [], [], []
    for doc in gold_docs:
        preds = predicted_figures(predictions.get(doc["doc"], []))
        gold = doc["figures"]
        n_gold += len(gold)
        n_pred += len(preds)
        free = list(range(len(preds)))
        for g in gold:
            hit = next((i for i in free if _full(g, preds[i])), None)
            if hit is not None:
                free.remove(hit)
                tp += 1
            else:
                misses.append({"doc": doc["doc"], **{k: g.get(k) for k in ("quote", "predicate", "unit", "low", "high", "speaker")}})
        spurious.extend({"doc": doc["doc"], "quote": (preds[i]["quantity"] or {}).get("text"),
                         "predicate": preds[i]["predicate"], "unit": preds[i]["quantity"].get("unit"),
                         "low": preds[i]["quantity"].get("low"), "high": preds[i]["quantity"].get("high"),
                         "speaker": (preds[i].get("speaker") or {}).get("name")} for i in free)
        # Per-field accuracy over anchored pairs, one to one.
        taken: set[int] = set()
        for g in gold:
            pair = next((i for i, p in enumerate(preds) if i not in taken and _anchor(g, p)
                         and unit_class(g["unit"]) == unit_class(p["quantity"].get("unit"))), None)
            if pair is None:
                pair = next((i for i, p in enumerate(preds) if i not in taken and _anchor(g, p)), None)
            if pair is None:
                continue
            taken.add(pair)
            p = preds[pair]
            checks = {
                "speaker": same_speaker(_claim_names(p), [g.get("speaker"), g.get("body")]),
                "bounds": (g.get("low"), g.get("high")) == _bounds(p),
                "unit": unit_class(g["unit"]) == unit_class(p["quantity"].get("unit")),
                "hedge": g.get("hedge") == p.get("hedge"),
                "scope": g.get("scope") == p.get("scope"),
                "place": _place_ok(g, p),
            }
            for key, ok in checks.items():
                fields[key][0] += ok
                fields[key][1] += 1
            if not checks["scope"]:
                wrong_scopes.append({"doc": doc["doc"], "quote": g.get("quote"), "gold": g.get("scope"),
                                     "period": g.get("period"), "predicted": p.get("scope")})
            if not checks["place"]:
                wrong_places.append({"doc": doc["doc"], "quote": g.get("quote"), "gold": g.get("place"),
                                     "predicted": _place_text(p)})
            if not checks["speaker"]:
                wrong_speakers.append({"doc": doc["doc"], "quote": g.get("quote"), "gold": g.get("speaker"),
                                       "body": g.get("body"), "predicted": (p.get("speaker") or {}).get("name")})
        # Figures the gold marks negated / conditional / hypothetical must not come out positive.
        for g in doc.get("not_claims", []):
            n_modal += 1
            if not any(_anchor(g, p) for p in preds):
                modal_hits += 1
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = {"documents": len(gold_docs), "gold": n_gold, "predicted": n_pred, "matched": tp,
              "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
    for key, (ok, n) in fields.items():
        result[f"{key}_accuracy"] = round(ok / n, 4) if n else 0.0
    result["fields_compared"] = fields["speaker"][1]
    result["not_claims"] = n_modal
    result["not_claims_kept_out"] = round(modal_hits / n_modal, 4) if n_modal else 1.0
    result["misses"] = misses
    result["spurious"] = spurious
    result["wrong_speakers"] = wrong_speakers
    result["wrong_scopes"] = wrong_scopes
    result["wrong_places"] = wrong_places
    return result


def evaluate(data: Path, corpus: Path | None = None, split: str | None = None, limit: int | None = None) -> dict:
    """Ingest every gold document into a scratch ledger, as `fogwatch ingest` does, and score the
    figure claims the ledger then holds (its `fogwatch/1` claim objects)."""
    from fogwatch.eval import scratch_ledger

    corpus = corpus or CORPUS
    gold_docs = [d for d in read_gold(data) if split is None or d.get("split") == split]
    if limit:
        gold_docs = gold_docs[:limit]
    predictions: dict[str, list[dict]] = {}
    with scratch_ledger(((d["doc"], load_document(corpus, d["doc"])) for d in gold_docs), "fogwatch-figures-") \
            as (ledger, keys):
        for claim in ledger.iter_claims():
            if claim["article_id"] in keys:
                predictions.setdefault(keys[claim["article_id"]], []).append(claim)
    result = score(gold_docs, predictions)
    result["split"] = split or "all"
    return result
