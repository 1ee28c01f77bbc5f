"""Extract: articles → claims, actors and places, by spaCy's parse and the rules in this folder.

`extract(articles)` streams `Extraction`s in input order; spaCy runs over paragraphs in batches.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from fogwatch.extract.actors import ActorResolver
from fogwatch.extract.claims import Carry, ClaimExtractor
from fogwatch.extract.cues import is_interview
from fogwatch.extract.dates import find_dates
from fogwatch.extract.claim_place import claim_places
from fogwatch.extract.places import article_context, dateline_end, find_places, used_as_place
from fogwatch.geocode import Context, Resolution, widen
from fogwatch.nlp import paragraphs, parse_paragraphs, relevance
from fogwatch.records import Article, Claim, Extraction, PartialDate, PlaceMention, Span, When
from fogwatch.registry.actors import Registry, load_registry


def _dates(article: Article, paragraph_offset: int, sent_start: int, sent_end: int,
           dates: list[tuple[int, int, str, tuple]]) -> list[When]:
    """The dates a sentence gives, in text order."""
    return [When(start=d0, end=d1, precision=precision, text=text,
                 span=Span(article.article_id, paragraph_offset + start, paragraph_offset + end))
            for start, end, text, (d0, d1, precision) in dates if sent_start <= start < sent_end]


def extract_article(article: Article, docs: list[tuple[int, object]], registry: Registry, nlp,
                    attribution_model=None, found: list | None = None, score: float | None = None) -> Extraction:
    """Claims, actors and places of one article from its parsed paragraphs ((offset, doc) in text order).

    With `attribution_model` (`fogwatch.nlp.attribution.load()`), the model decides what is an
    attribution: its attributions set the source, cue and content spans of the rules' claims, add a
    `stated` claim for each attribution the rules do not see, and drop the rules' speech-only claims
    whose cue it does not confirm (`ClaimExtractor.adopt_spans`). `found` and `score`, when given,
    are what `_attributions` and `_relevance` return for this article (`_run` computes them ahead).
    """
    resolver = ActorResolver(registry, nlp, [doc for _, doc in docs])
    if found is None:
        found = _attributions(article, docs, attribution_model)
    extractor = ClaimExtractor(resolver, article.article_id, article.text, found)
    extractor.interview = is_interview([doc.text for _, doc in docs])
    extractor.published = article.published
    article_mentions = [resolver.mentions(doc, article.article_id, offset) for offset, doc in docs]
    # An actor named by its capital or country ("Kyiv", "Moscow") is a place where the sentence
    # uses it as one: "missiles struck Kyiv", "explosions in Moscow".
    blocks = [{i for m in mentions if not used_as_place(doc, m.start, m.end) for i in range(m.start, m.end)}
              for (_, doc), mentions in zip(docs, article_mentions)]
    context = _places_context(article, docs, blocks)
    all_places: list[PlaceMention] = []
    places: list = []
    reference = article.published  # what "today" and "on Monday" count from
    told: When | None = None  # the last day-precise date written out so far ("July 21")
    for (offset, doc), mentions, blocked in zip(docs, article_mentions, blocks):
        extractor.turn(doc, offset, mentions)
        actor_spans = [(m.start, m.end) for m in mentions if any(i in blocked for i in range(m.start, m.end))]
        end = dateline_end(doc)
        found_places = find_places(doc, article.article_id, offset, blocked, context, actors=actor_spans, dateline=end)
        extractor.dateline = (offset, offset + doc[end - 1].idx + len(doc[end - 1])) if end else None
        all_places.extend(p.mention for p in found_places)
        extractor.previous_places = places  # the last paragraph's (none before the first)
        places = claim_places(found_places, doc)
        dates = list(find_dates(doc.text, reference))
        carry = Carry()
        when_carry: When | None = None
        for sent in doc.sents:
            extractor.dates = _dates(article, offset, sent.start_char, sent.end_char, dates)
            when = (extractor.dates[0] if extractor.dates else None) or when_carry
            # A date carries to the rest of its paragraph, unless it is background ("two years ago").
            when_carry = when if when is None or when.precision != "year" else None
            opened = extractor.voice is not None
            carry = extractor.sentence(sent, doc, offset, mentions, places, when, carry)
            if found:
                extractor.attributions(found, sent, doc, offset, mentions, when)
            told = next((w for w in reversed(extractor.dates) if w.precision == "day"
                         and any(ch.isdigit() for ch in w.text)), told)
            if not opened and extractor.voice is not None:
                reference = speech_day(told, article.published) or reference
    if attribution_model is not None:
        extractor.adopt_spans(found)
        extractor.quoted(found)
    extractor.dashed()
    claims = unechoed(extractor.claims, article.text)
    actors = tuple({a.actor_id: a for c in claims for a in (c.speaker, c.agent, c.patient, c.body) if a}.values())
    return Extraction(article=article, claims=tuple(claims), actors=actors, places=tuple(all_places),
                      relevance=_relevance(article) if score is None else score)


def _line(text: str, at: int) -> str:
    return text[text.rfind("\n", 0, at) + 1:(text.find("\n", at) + 1 or len(text) + 1) - 1]


def headline(line: str) -> bool:
    """A heading: a short line with no sentence end ("1. Five killed as Russia hits crucial rail
    infrastructure")."""
    line = line.strip()
    return bool(line) and len(line.split()) <= 16 and not line.endswith((".", "!", "?", '"', "”", "’", ":", ";"))


def unechoed(claims: list[Claim], text: str) -> list[Claim]:
    """`claims`, where a heading that repeats a figure the article's body gives (the same outcome,
    unit and a number in common) keeps its claim without the figure: a live blog's "Five killed as
    Russia hits crucial rail infrastructure" above "At least five people were killed ..." is one
    figure, told once. A sentence that runs over a line break is no heading."""
    def keys(c: Claim) -> set:
        return {(c.predicate, n, c.quantity.unit) for n in (c.quantity.low, c.quantity.high) if n is not None}

    def heading(c: Claim) -> bool:  # a claim whose sentence is a heading's line, not one running on
        return "\n" not in text[c.span.start:c.span.end] and headline(_line(text, c.span.start))

    figures = [c for c in claims if c.quantity is not None]
    told = {k for c in figures if not heading(c) for k in keys(c)}
    return [replace(c, quantity=None) if c.quantity is not None and keys(c) & told and heading(c) else c
            for c in claims]


def speech_day(told: When | None, published: PartialDate | None) -> PartialDate | None:
    """The day a reproduced speech was given, as the lines before it write it out ("In Zelensky's
    latest address on Thursday evening, July 21 ... Read the President's full address below:"): its
    "today" is that day, not the day the article was published. Only a day in the week before
    publication; None where no such date is written."""
    if published is None or published.precision != "day" or told is None:
        return None
    day = told.start
    if day is None or not 0 <= (published.date - day).days <= 7:
        return None
    return PartialDate(day, "day")


def _attributions(article: Article, docs: list[tuple[int, object]], attribution_model) -> list:
    """The attribution model's attributions of one parsed article; none without a model."""
    if attribution_model is None:
        return []
    from fogwatch.nlp import attribution

    return attribution.attributions(attribution.ArticleDoc.join(article.text, docs), attribution_model)


def _relevance(article: Article) -> float:
    return round(relevance.score(f"{article.title or ''}\n{article.text}"), 4)


def _places_context(article: Article, docs, blocks) -> Context:
    """The article's context for placing its names: what its entities name, widened by a first pass
    over all its places (geocode.widen), so that the first paragraph's "Newport" is placed beside the
    towns the article names later."""
    context = article_context([doc for _, doc in docs])
    first: list[Resolution] = []
    scratch = context.copy()
    for (offset, doc), blocked in zip(docs, blocks):
        find_places(doc, article.article_id, offset, blocked, scratch, record=first)
    return widen(context, first)


def extract(articles: Iterable[Article], registry: Registry | None = None, nlp=None,
            batch_size: int = 64, attribution_model: bool = True) -> Iterator[Extraction]:
    """`Extraction`s in input order. `attribution_model=False` leaves attributions to the rules alone."""
    from fogwatch import nlp as nlp_stage

    nlp = nlp or nlp_stage.load()
    registry = registry or load_registry()
    model = None
    if attribution_model:
        from fogwatch.nlp import attribution

        model = attribution.load()
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _run(batch, registry, nlp, model)
            batch = []
    if batch:
        yield from _run(batch, registry, nlp, model)


def _run(batch: list[Article], registry: Registry, nlp, model) -> Iterator[Extraction]:
    """The batch's extractions. In a process with more than one core to itself (`--jobs 1`:
    `encoder.threads()` > 1) the models run in a second thread, ahead of the rules: the relevance
    encoder while spaCy parses the batch, then the attribution tagger on article n + 1 while the
    rules read article n. ONNX Runtime lets go of the GIL while it computes, so the two overlap;
    the calls and their inputs are the ones `extract_article` would make, so the results are the
    same. A `--jobs N` worker (one core each) calls the models in turn."""
    from fogwatch.nlp import encoder

    if encoder.threads() < 2:
        for article, docs in zip(batch, parse_paragraphs([a.text for a in batch], nlp)):
            yield extract_article(article, docs, registry, nlp, model)
        return
    pool = ThreadPoolExecutor(1, thread_name_prefix="fogwatch-models")
    try:
        scores = [pool.submit(_relevance, article) for article in batch]
        parsed = parse_paragraphs([a.text for a in batch], nlp)
        found = [pool.submit(_attributions, article, docs, model) for article, docs in zip(batch, parsed)]
        for article, docs, attributions, score in zip(batch, parsed, found, scores):
            yield extract_article(article, docs, registry, nlp, model, attributions.result(), score.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # a consumer that stops early leaves no work running


__all__ = ["extract", "extract_article", "paragraphs"]
