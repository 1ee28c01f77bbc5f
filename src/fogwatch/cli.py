"""The fogwatch command line. Library errors become one line with a remedy here, and only here."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from fogwatch import __version__
from fogwatch.errors import BadDatabaseURL, BadRegistry, FogwatchError, LedgerNotFound, ModelNotInstalled
from fogwatch.views.neutral import Table, neutralise

app = typer.Typer(help="Turn news reports about armed conflict into a source-attributed claim ledger.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode=None)
out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Optional[str], typer.Option("--db", help="Database URL or SQLite file (default: $FOGWATCH_DB or ./fogwatch.db).")]
ActorsOption = Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor registry YAML (repeatable).")]

REMEDIES = {
    ModelNotInstalled: "",
    BadDatabaseURL: "Use a SQLite path (fogwatch.db) or a postgresql://user:password@host/db URL with --db or "
                    "FOGWATCH_DB (PostgreSQL needs: pip install 'fogwatch[postgres]').",
    BadRegistry: "Fix the file; see the packaged fogwatch/registry/data/actors.yaml for the format.",
}


@contextmanager
def reported():
    try:
        yield
    except FogwatchError as exc:
        remedy = REMEDIES.get(type(exc), "")
        err.print(f"fogwatch: error: {exc}" + (f"\n{remedy}" if remedy else ""), markup=False, highlight=False)
        raise typer.Exit(2 if isinstance(exc, LedgerNotFound) else 1) from None


def _skip(failure) -> None:
    err.print(neutralise(f"fogwatch: skipped {failure.origin}: {failure.reason}"), markup=False, highlight=False,
              soft_wrap=True)


# `fogwatch eval ...` lives in its own module, which uses the consoles and `reported` above.
from fogwatch.cli_eval import JsonOption, eval_app  # noqa: E402

app.add_typer(eval_app, name="eval")


def _ingest(paths: list[Path | str], db: str | None, actors: list[Path] | None, published: str | None = None,
            follow_symlinks: bool = False, allow_private: bool = False, jobs: int = 1):
    from fogwatch.ingest import Fetcher, expand
    from fogwatch.ledger import open_ledger
    from fogwatch.records import Failure
    from fogwatch.pipeline import run
    from fogwatch.registry.actors import load_registry

    from fogwatch.ingest.meta import parse_published

    with reported():
        batch_date = parse_published(published)
        registry = load_registry(actors or [])
        ledger = open_ledger(db)
        from fogwatch.spark.load import load as load_spark_output, merge, split
        spark_outputs, paths = split(paths)  # folders `fogwatch spark` wrote: stored, not extracted again
        loaded = load_spark_output(spark_outputs, ledger, registry, _skip) if spark_outputs else None
        files = [p for p in expand(paths, follow_symlinks) if not isinstance(p, Failure)]
        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=err, transient=True)
        with progress:
            task = progress.add_task("reading", total=len(files) or None)
            seen_files: set[str] = set()

            def tick(origin: str) -> None:
                name = origin.rsplit(":", 1)[0] if origin.rsplit(":", 1)[-1].isdigit() else origin
                if name not in seen_files:
                    seen_files.add(name)
                    progress.update(task, completed=len(seen_files), description=f"reading {Path(name).name}")

            summary = run(paths, ledger, registry,
                          on_failure=lambda f: (progress.console.print(
                              neutralise(f"fogwatch: skipped {f.origin}: {f.reason}"), markup=False, highlight=False,
                              soft_wrap=True),
                              tick(f.origin)),
                          on_article=lambda a: tick(a.origin or ""), published=batch_date,
                          follow_symlinks=follow_symlinks, fetcher=Fetcher(allow_private=allow_private), jobs=jobs)
        if loaded:
            summary = merge(loaded, summary)
        counts = ledger.counts()
    return summary, counts


INGEST_INPUTS = ("Files or folders: .txt/.text, .html/.htm, .jsonl/.ndjson, .csv (a text column), .rss/.atom/.xml "
                 "feeds, .warc web archives, each also gzipped (.gz); http(s) URLs of articles or feeds, or .urls "
                 "files listing them one a line; - for standard input (JSON Lines or one text).")
ListFormatOption = Annotated[str, typer.Option("--format", help=(
    "table (for people), tsv (flat columns, one line per row) or json (JSON Lines), for pipes."))]
AllowPrivateOption = Annotated[bool, typer.Option(
    "--allow-private", help="Fetch URLs on loopback, private and link-local addresses too (refused by default).")]
JobsOption = Annotated[Optional[int], typer.Option(
    "--jobs", min=1, show_default=False,
    help="Worker processes that extract (default: one per core); 1 extracts in this process. Inputs of "
         "at most 16 new articles are always extracted in this process.")]
ReconcileOption = Annotated[bool, typer.Option("--reconcile/--no-reconcile",
                                               help="Reconcile afterwards: remake the events the new articles can touch.")]


def _jobs(jobs: int | None) -> int:
    import os

    return jobs or os.cpu_count() or 1


@app.command()
def ingest(paths: Annotated[list[str], typer.Argument(help=INGEST_INPUTS, show_default=False)],
           db: DbOption = None, actors: ActorsOption = None, reconcile: ReconcileOption = True,
           published: Annotated[Optional[str], typer.Option(
               "--published", help="Publication date (YYYY-MM-DD, YYYY-MM or YYYY) for articles that give none.")] = None,
           follow_symlinks: Annotated[bool, typer.Option(
               "--follow-symlinks", help="Also read symbolic links that lead outside the folders given.")] = False,
           allow_private: AllowPrivateOption = False,
           jobs: JobsOption = None,
           ) -> None:
    """Read articles, extract claims, store them in the ledger (re-ingesting is a no-op)."""
    summary, counts = _ingest(paths, db, actors, published, follow_symlinks, allow_private, _jobs(jobs))
    err.print(f"fogwatch: {summary.added} new articles, {summary.already} already in the ledger, "
              f"{summary.copies} near-duplicates kept without claims, "
              f"{len(summary.failures)} skipped; {summary.claims} claims added "
              f"(ledger: {counts['articles']} articles, {counts['claims']} claims)", markup=False, highlight=False)
    if reconcile and (summary.added or summary.unreconciled):
        _reconcile(db)
    if summary.failures:
        raise typer.Exit(2)


def _reconcile(db: str | None, full: bool = False) -> None:
    """Reconcile the articles stored since the last reconcile with the events they can join
    (`ledger.incremental`), or with `full` the whole ledger; print the ledger's event counts."""
    from fogwatch.ledger import EventFilter, open_ledger
    from fogwatch.pipeline import reconcile_ledger

    with reported():
        with err.status("reconciling claims into events"):
            ledger = open_ledger(db)
            reconcile_ledger(ledger, incremental=not full)
        total = ledger.find_events(EventFilter(), limit=0)[0]
        disputed = ledger.find_events(EventFilter(disputed=True), limit=0)[0]
    err.print(f"fogwatch: {total} events, {disputed} with disputes", markup=False, highlight=False)


@app.command("reconcile")
def reconcile_cmd(db: DbOption = None,
                  full: Annotated[bool, typer.Option(
                      "--full", help="Remake every event from all the claims, not only those that the "
                                     "articles stored since the last reconcile can touch.")] = False) -> None:
    """Group the ledger's claims into events with low/best/high measures and disputes (ids kept stable)."""
    _reconcile(db, full)


def _events_table(rows: list[dict], title: str) -> Table:
    table = Table(title=title, show_lines=True)
    for name in ("event", "type", "when", "where", "measures (low / best / high, sources)", "disputes", "claims"):
        table.add_column(name, overflow="fold")
    for e in rows:
        when = e["when"] or {}
        span = when.get("start", "") + (f"…{when['end']}" if when.get("end") and when["end"] != when.get("start") else "")
        measures = "\n".join(f"{m['predicate']} {m['unit']}: {m['low']} / {m['best']} / {m['high']} ({m['n_sources']})"
                             for m in e["measures"])
        disputes = "\n".join(f"{d['kind']}: " + " vs ".join(f"{p['value']} ({', '.join(p['sides'])})" for p in d["parties"])
                             for d in e["disputes"])
        table.add_row(e["event_id"], f"{e['type']} / {e['subtype']}", f"{span} ({when.get('precision', '?')})",
                      ", ".join(p["name"] for p in e["places"][:3]), measures, disputes, str(len(e["claims"])))
    return table


@app.command("events")
def events_cmd(db: DbOption = None,
               disputed: Annotated[bool, typer.Option("--disputed", help="Only events with disputes.")] = False,
               format: ListFormatOption = "table") -> None:
    """Show events: type, time, places, measures and disputes."""
    with reported():
        from fogwatch.ledger import open_ledger

        rows = list(open_ledger(db, must_exist=True).iter_events(disputed_only=disputed))
    if format != "table":
        return _pipe("events", rows, db, format)
    out.print(_events_table(rows, f"{len(rows)} events"))


def _pipe(what: str, rows: list[dict], db: str | None, fmt: str) -> None:
    """Rows for a pipe: tab-separated flat columns, or JSON Lines; never wrapped to the terminal."""
    from fogwatch.ledger import open_ledger
    from fogwatch.views.export import write_listing

    if fmt not in ("tsv", "json"):
        err.print("fogwatch: error: --format must be one of table, tsv, json", markup=False)
        raise typer.Exit(1)
    with reported():
        write_listing(what, rows, open_ledger(db, must_exist=True), fmt, sys.stdout)


@app.command("disputes")
def disputes_cmd(db: DbOption = None) -> None:
    """Show what the sources of each event disagree on, side by side, with the sentences."""
    with reported():
        from fogwatch.ledger import open_ledger

        ledger = open_ledger(db, must_exist=True)
        rows = list(ledger.iter_events(disputed_only=True))
        texts = {c["claim_id"]: c for c in ledger.iter_claims()}
    table = Table(title=f"{sum(len(e['disputes']) for e in rows)} disputes in {len(rows)} events", show_lines=True)
    for name in ("event", "dispute", "says", "who (side)", "sentence"):
        table.add_column(name, overflow="fold")
    for e in rows:
        for d in e["disputes"]:
            for i, p in enumerate(d["parties"]):
                sentence = texts.get(p["claims"][0], {}).get("text", "") if p["claims"] else ""
                table.add_row(e["event_id"] if i == 0 else "", f"{d['kind']}: {d['subject']}" if i == 0 else "",
                              p["value"], ", ".join(f"{w}" for w in p["speakers"]) + f" ({', '.join(p['sides'])})",
                              sentence[:200])
    out.print(table)


def _sample_dir() -> Path:
    return Path(str(resources.files("fogwatch") / "data" / "sample"))


@app.command()
def demo(db: DbOption = None) -> None:
    """Ingest the bundled sample corpus into the ledger and show what the sources say and where they disagree."""
    summary, counts = _ingest([_sample_dir()], db, None)
    err.print(f"fogwatch: sample corpus: {summary.added} new articles, {summary.already} already there; "
              f"ledger has {counts['articles']} articles and {counts['claims']} claims", markup=False)
    _reconcile(db)
    with reported():
        from fogwatch.ledger import open_ledger

        events = list(open_ledger(db).iter_events())
    out.print(_events_table(events, f"{len(events)} events in the sample corpus"))
    disputes_cmd(db)


def _who(claim: dict) -> str:
    if claim["speaker"]:
        body = claim.get("body")
        return claim["speaker"]["name"] + (f", for {body['name']}" if body else "") + \
            (f" ({claim['speaker']['side']})" if claim["speaker"].get("side") else "")
    return f"{claim.get('outlet') or 'the outlet'} (own voice)"


def _qty(q: dict | None) -> str:
    if not q:
        return ""
    if q["low"] is None and q["high"] is None:
        return f"{q['text']} (no number)"
    if q["low"] is not None and q["high"] == q["low"]:
        return f"{'~' if q['approximate'] else ''}{q['low']} {q['unit']}"
    if q["high"] is None:
        return f"≥{q['low']} {q['unit']}"
    if q["low"] is None:
        return f"≤{q['high']} {q['unit']}"
    return f"{q['low']}–{q['high']} {q['unit']}"


@app.command("claims")
def claims_cmd(db: DbOption = None,
               article: Annotated[Optional[str], typer.Option(help="Only this article id (a prefix is enough).")] = None,
               predicate: Annotated[Optional[str], typer.Option(help="Only this predicate, e.g. killed.")] = None,
               speaker: Annotated[Optional[str], typer.Option(help="Only this speaker actor id.")] = None,
               limit: Annotated[int, typer.Option(help="Show at most this many rows in the table (tsv and json give all).")] = 200,
               format: ListFormatOption = "table") -> None:
    """Show claims as a table: who says what, how hedged, with which numbers, where and when."""
    with reported():
        from fogwatch.ledger import open_ledger

        rows = list(open_ledger(db, must_exist=True).iter_claims(article, predicate, speaker))
    if format != "table":
        return _pipe("claims", rows, db, format)
    table = Table(title=f"{len(rows)} claims" + (f" (first {limit})" if len(rows) > limit else ""), show_lines=True)
    for name in ("article", "speaker", "cue", "hedge", "predicate", "quantity", "place", "when", "sentence"):
        table.add_column(name, overflow="fold")
    for claim in rows[:limit]:
        modality = claim.get("modality") or "asserted"
        scope = " (running total" + (f" {claim['period']}" if claim.get("period") else "") + ")" \
            if claim.get("scope") == "cumulative" else ""
        table.add_row(claim["article_id"][:8], _who(claim), claim["cue"] or "",
                      claim["hedge"] + (f", {modality}" if modality != "asserted" else ""),
                      claim["predicate"] + (f": {claim['identity']}" if claim["identity"] else ""),
                      _qty(claim["quantity"]) + scope, (claim["place"] or {}).get("name", ""),
                      (claim["when"] or {}).get("start", ""), claim["text"][:160])
    out.print(table)


@app.command("actors")
def actors_cmd(db: DbOption = None,
               all_: Annotated[bool, typer.Option("--all", help="Also actors that no claim mentions yet.")] = False) -> None:
    """Show actors: registry entries and speakers fogwatch discovered in text."""
    with reported():
        from fogwatch.ledger import open_ledger

        rows = list(open_ledger(db, must_exist=True).iter_actors(used_only=not all_))
    table = Table(title=f"{len(rows)} actors")
    for name in ("id", "name", "kind", "side", "source", "aliases"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(row["actor_id"], row["name"], row["kind"], row["side"] or "",
                      "discovered" if row["discovered"] else "registry", ", ".join(row["aliases"][:4]))
    out.print(table)


@app.command()
def export(what: Annotated[str, typer.Option(help="claims, events, articles or actors.")] = "claims",
           format: Annotated[str, typer.Option("--format", help=(
               "jsonl (the fogwatch/1 interchange), csv (flat; events in ACLED's columns), tsv, geojson "
               "(events or claims as points, for QGIS/kepler.gl) or parquet (flat, with -o; needs pyarrow)."))] = "jsonl",
           output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
           db: DbOption = None) -> None:
    """Write the ledger for other tools: the fogwatch/1 interchange format, or flat tables and map points."""
    from fogwatch.views.export import EXPORTERS, FORMATS, write

    if what not in EXPORTERS:
        err.print(f"fogwatch: error: --what must be one of {', '.join(EXPORTERS)}", markup=False)
        raise typer.Exit(1)
    if format not in FORMATS:
        err.print(f"fogwatch: error: --format must be one of {', '.join(FORMATS)}", markup=False)
        raise typer.Exit(1)
    with reported():
        from fogwatch.ledger import open_ledger

        n = write(what, format, open_ledger(db, must_exist=True), output, sys.stdout)
    if output:
        err.print(f"fogwatch: wrote {n} {what} to {output}", markup=False)


@app.command()
def watch(feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feeds: http(s) URLs or files.", show_default=False)],
          every: Annotated[str, typer.Option(help="How often to poll: 90s, 15m, 2h, 1d.")] = "15m",
          once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron and tests).")] = False,
          db: DbOption = None, actors: ActorsOption = None, allow_private: AllowPrivateOption = False) -> None:
    """Poll feeds, ingest new items, reconcile, print new events and disputes; resumes where it stopped."""
    from fogwatch import watch as watching
    from fogwatch.ingest import Fetcher
    from fogwatch.ledger import open_ledger
    from fogwatch.registry.actors import load_registry

    with reported():
        seconds = watching.parse_every(every)
        state = watching.WatchState.load(watching.state_path(db))
        clean = watching.watch(feeds, open_ledger(db), load_registry(actors or []), state,
                               Fetcher(allow_private=allow_private), seconds, once,
                               say=lambda line: out.print(line, markup=False, highlight=False, soft_wrap=True),
                               tell=lambda line: err.print(neutralise(line), markup=False, highlight=False))
    if not clean:
        raise typer.Exit(2)


@app.command()
def serve(db: DbOption = None, host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000) -> None:
    """Serve the web page and JSON API: events on a map and a timeline, claims side by side."""
    import uvicorn

    from fogwatch.ledger import open_ledger
    from fogwatch.views.web import create_app

    with reported():
        application = create_app(ledger=open_ledger(db, must_exist=True))
    err.print(f"fogwatch: serving http://{host}:{port}/ (Ctrl+C to stop)", markup=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


gazetteer_app = typer.Typer(help="The geocoder's gazetteer (GeoNames).", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("load")
def gazetteer_load(file: Annotated[Path, typer.Argument(help="A GeoNames dump (allCountries.txt, cities500.txt, a country file).")]) -> None:
    """Add the populated places of a GeoNames dump to the gazetteer (kept in the user's cache folder)."""
    from fogwatch.geocode import dump

    with reported():
        kept, skipped = dump.load(file)
    for failure in skipped[:20]:
        _skip(failure)
    out.print(f"fogwatch: {kept} places from {file} added to the gazetteer", markup=False)
    if skipped:
        raise typer.Exit(2)



@app.command("bench")
def bench_cmd(corpus: Annotated[Path, typer.Option("--corpus", help=(
                  "A folder of articles; files listed in a RESERVED.txt in it or above it are left out."))],
              limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Read only the first N files (sorted).")] = None,
              jobs: Annotated[Optional[int], typer.Option(
                  "--jobs", min=1, show_default=False,
                  help="Worker processes for the second timed ingest (default: one per core).")] = None,
              json_: JsonOption = False) -> None:
    """Words per second through ingest → ledger (one process and N workers) against spaCy's nlp.pipe alone."""
    import json

    from fogwatch import bench

    with reported():
        result = bench.bench(corpus, limit, _jobs(jobs))
    table = Table(title=f"Throughput: {result['articles']} articles, {result['words']:,} words "
                        f"({result['files']} files of {corpus})")
    for column in ("run", "jobs", "seconds", "words/s", "vs spaCy"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for row in bench.rows(result):
        table.add_row(*row)
    out.print(table)
    out.print(f"speed-up with {result['jobs']} jobs: {result['speedup']:.2f}× (one process used "
              f"{result['pipeline_jobs1_cores']:.2f} cores, torch's threads); model loading "
              f"{result['model_load_s']:.1f} s here, {result['worker_start_s']:.1f} s for the workers (not timed above); "
              f"peak memory {result['peak_rss_mb']} MB ({result['parent_rss_mb']} MB here, "
              f"{result['worker_rss_mb']} MB a worker); same claims: {result['same_claims']}",
              markup=False, highlight=False)
    if json_:
        print(json.dumps(result))


@app.command("spark")
def spark_cmd(paths: Annotated[list[str], typer.Argument(
                  help="Files, folders or quoted globs (news/*.html) on a file system every Spark worker sees, "
                       "or http(s) URLs; the file types of ingest.", show_default=False)],
              output: Annotated[str, typer.Option("--output", "-o", help=(
                  "New folder (or hdfs:// s3a:// URL) for the Parquet: articles/, claims/, failures/."),
                  show_default=False)],
              master: Annotated[str, typer.Option("--master", help="Spark master URL.")] = "local[*]",
              partitions: Annotated[Optional[int], typer.Option(
                  "--partitions", min=1, show_default=False,
                  help="Partitions of the input files (default: Spark's parallelism); each loads the models once.")] = None,
              actors: ActorsOption = None,
              published: Annotated[Optional[str], typer.Option(
                  "--published", help="Publication date (YYYY-MM-DD, YYYY-MM or YYYY) for articles that give none.")] = None,
              follow_symlinks: Annotated[bool, typer.Option(
                  "--follow-symlinks", help="Also read symbolic links that lead outside the folders given.")] = False,
              ) -> None:
    """Extract articles on Apache Spark into Parquet (the spark extra); store it with: fogwatch ingest DIR."""
    from fogwatch.ingest.meta import parse_published
    from fogwatch.registry.actors import load_registry
    from fogwatch.spark.job import check_output, run_job, session

    with reported():
        batch_date = parse_published(published)
        registry = load_registry(actors or [])
        check_output(output)
        spark = session(master)
        try:
            summary = run_job(spark, paths, output, registry, batch_date, partitions, follow_symlinks)
        finally:
            spark.stop()
    for failure in summary.failures:
        _skip(failure)
    err.print(neutralise(f"fogwatch: {summary.articles} articles, {summary.claims} claims, "
                         f"{len(summary.failures)} skipped; Parquet in {output} (store it with: fogwatch ingest {output})"),
              markup=False, highlight=False)
    if summary.failures:
        raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        out.print(f"fogwatch {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                       help="Show the version and exit.")] = False) -> None:
    """fogwatch: who claims what about armed conflict, how sure they sound, with which numbers."""


def main() -> None:
    app(prog_name="fogwatch")


__all__ = ["app", "main"]
