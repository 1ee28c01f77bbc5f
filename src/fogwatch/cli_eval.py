"""`fogwatch eval ...`: fogwatch measured against annotated corpora and its own gold sets.

Split from cli.py (which adds `eval_app` under the name "eval"); the consoles and the error
reporting are cli.py's.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from fogwatch.cli import err, out, reported
from fogwatch.views.neutral import Table

eval_app = typer.Typer(help="Measure fogwatch against public annotated corpora (layout of ../shared/eval).",
                       no_args_is_help=True)
DataOption = Annotated[Path, typer.Option("--data", help="The corpus folder, e.g. ../shared/eval/polnear.")]
JsonOption = Annotated[bool, typer.Option("--json", help="End with the scores as one JSON line.")]


def _check_data(data: Path) -> None:
    if not data.is_dir():
        err.print(f"fogwatch: error: {data}: no such folder", markup=False)
        raise typer.Exit(1)


def _scores(title: str, result: dict, fmt: str) -> Table:
    """The float scores of an eval result as a two-column table."""
    table = Table(title=title)
    table.add_column("score")
    table.add_column("value", justify="right")
    for key, value in result.items():
        if isinstance(value, float):
            table.add_row(key, fmt.format(value))
    return table


@eval_app.command("attribution")
def eval_attribution(data: DataOption, split: Annotated[str, typer.Option(help="train, dev or test.")] = "dev",
                     limit: Annotated[Optional[int], typer.Option(help="Score only the first N documents.")] = None,
                     json_: JsonOption = False) -> None:
    """Score fogwatch's attribution extraction (source, cue, content) on PolNeAR."""
    import json

    from fogwatch.eval import polnear

    _check_data(data)
    with reported():
        result = polnear.evaluate(data, split, limit=limit)
    print(polnear.render(result))
    if json_:
        print(json.dumps({k: v for k, v in result.items() if not isinstance(v, dict | list)}))


@eval_app.command("ecbplus")
def eval_ecbplus(data: DataOption,
                 topics: Annotated[Optional[str], typer.Option(help="Topics: '2,5,12' or '36-45' (default: dev).")] = None,
                 json_: JsonOption = False) -> None:
    """Score cross-document event coreference and document clustering on ECB+."""
    import json

    from fogwatch.eval import ecbplus

    _check_data(data)
    with reported():
        result = ecbplus.evaluate(data, ecbplus.parse_topics(topics) if topics else list(ecbplus.DEV_TOPICS))
    out.print(_scores(f"ECB+ event coreference, topics {','.join(map(str, result.get('topics', [])))}", result, "{:.1f}"))
    if json_:
        print(json.dumps({k: v for k, v in result.items() if not isinstance(v, dict)}))


def _check_gold(data: Path) -> None:
    if not data.exists():
        err.print(f"fogwatch: error: {data}: no such file or folder", markup=False)
        raise typer.Exit(1)


def _gold_report(what: str, unit: str, result: dict, lists: tuple[tuple[str, str], ...], show: int,
                 json_: bool) -> None:
    """The score table of a gold-set eval, up to `show` rows of each of its lists (misses, ...),
    and with `json_` the scores as the last line."""
    import json

    out.print(_scores(f"{what}, {result['split']}: {result['documents']} {unit}, {result['gold']} gold, "
                      f"{result['predicted']} predicted, {result['matched']} matched", result, "{:.3f}"))
    for label, name in lists:
        for row in result[label][:show]:
            print(f"{name}: {json.dumps(row, ensure_ascii=False)}")
    if json_:
        print(json.dumps({k: v for k, v in result.items() if not isinstance(v, dict | list)}))


@eval_app.command("figures")
def eval_figures(data: Annotated[Path, typer.Option("--data", help="A figures gold file or folder, e.g. gold/figures/dev.jsonl.")],
                 corpus: Annotated[Optional[Path], typer.Option(help="The folder the gold's doc keys are relative to (default: ../shared/eval/corpora/ukraine-war-news).")] = None,
                 split: Annotated[Optional[str], typer.Option(help="Score only the gold documents of this split (dev, test).")] = None,
                 show: Annotated[int, typer.Option(help="List this many misses and spurious figures.")] = 0,
                 json_: JsonOption = False) -> None:
    """Score figure claims (who says how many were killed, wounded, destroyed...) on real-news gold."""
    from fogwatch.eval import figures

    _check_gold(data)
    with reported():
        result = figures.evaluate(data, corpus=corpus, split=split)
    _gold_report("Figure claims", "articles", result, (("misses", "miss"), ("spurious", "spurious"),
                                                       ("wrong_speakers", "wrong speaker"),
                                                       ("wrong_scopes", "wrong scope"),
                                                       ("wrong_places", "wrong place")), show, json_)


@eval_app.command("events")
def eval_events(data: Annotated[Path, typer.Option("--data", help="An events gold file or folder, e.g. gold/events/dev.jsonl.")],
                corpus: Annotated[Optional[Path], typer.Option(help="The folder war-news doc keys are relative to (default: ../shared/eval/corpora/ukraine-war-news).")] = None,
                pages: Annotated[Optional[Path], typer.Option(help="The article-extraction folder of general web pages (default: ../shared/eval/article-extraction).")] = None,
                split: Annotated[Optional[str], typer.Option(help="Score only the gold documents of this split (dev, test).")] = None,
                show: Annotated[int, typer.Option(help="List this many misses and spurious events.")] = 0,
                json_: JsonOption = False) -> None:
    """Score events (incidents of political violence, one per place and day) on real-news gold."""
    from fogwatch.eval import events

    _check_gold(data)
    with reported():
        result = events.evaluate(data, corpus=corpus, extraction=pages, split=split)
    _gold_report("Events", "documents", result, (("misses", "miss"), ("spurious", "spurious"),
                                                 ("violent_on_non_conflict", "non-conflict page")), show, json_)


@eval_app.command("geocoding")
def eval_geocoding(data: DataOption,
                   format_: Annotated[str, typer.Option("--format", help="gwn (GWN.xml) or lgl (lgl.xml).")] = "gwn",
                   given_gold_only: Annotated[bool, typer.Option(help="Skip detection and end to end (no NLP models).")] = False,
                   show: Annotated[int, typer.Option(help="List this many toponyms placed over 161 km off.")] = 0,
                   json_: JsonOption = False) -> None:
    """Score toponym detection and geocoding on GeoWebNews or LGL."""
    from fogwatch.eval import geocoding

    import json

    _check_data(data)
    with reported():
        result = geocoding.evaluate(data, format_, end_to_end_too=not given_gold_only)
    out.print(_scores(f"Geocoding, {format_}: {result['documents']} documents, {result['n']} gold toponyms with "
                      "coordinates", result, "{:.3f}"))
    for row in result["misses"][:show]:
        print(f"miss: {json.dumps(row, ensure_ascii=False)}")
    if json_:
        print(json.dumps({k: v for k, v in result.items() if not isinstance(v, dict | list)}))


@eval_app.command("extraction")
def eval_extraction(data: DataOption, json_: JsonOption = False) -> None:
    """Score page text from HTML (reader and cleaner) on the article-extraction benchmark's layout."""
    import json

    from fogwatch.eval import extraction

    _check_data(data)
    with reported():
        result = extraction.evaluate(data)
    out.print(_scores(f"Page text, {result['pages']} pages", result, "{:.3f}"))
    for row in result["worst"][:5]:
        print(f"worst: {json.dumps(row)}")
    if json_:
        print(json.dumps({k: v for k, v in result.items() if not isinstance(v, dict | list)}))

