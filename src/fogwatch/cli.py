"""The fogwatch command line. Library errors become one line with a remedy here, and only here."""
from __future__ import annotations

import sys
from collections import defaultdict
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from fogwatch import __version__
from fogwatch.errors import BadDatabaseURL, BadRegistry, FogwatchError, ModelNotInstalled

app = typer.Typer(help="Turn news reports about armed conflict into a source-attributed claim ledger.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode=None)
out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Optional[str], typer.Option("--db", help="Database URL or SQLite file (default: $FOGWATCH_DB or ./fogwatch.db).")]
ActorsOption = Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor registry YAML (repeatable).")]

REMEDIES = {
    ModelNotInstalled: "",
    BadDatabaseURL: "Use a SQLite path (fogwatch.db) or a postgresql:// URL with --db or FOGWATCH_DB.",
    BadRegistry: "Fix the file; see the packaged fogwatch/registry/data/actors.yaml for the format.",
}


@contextmanager
def reported():
    try:
        yield
    except FogwatchError as exc:
        remedy = REMEDIES.get(type(exc), "")
        err.print(f"fogwatch: error: {exc}" + (f"\n{remedy}" if remedy else ""), markup=False, highlight=False)
        raise typer.Exit(1) from None


def _skip(failure) -> None:
    err.print(f"fogwatch: skipped {failure.origin}: {failure.reason}", markup=False, highlight=False, soft_wrap=True)


def _ingest(paths: list[Path], db: str | None, actors: list[Path] | None):
    from fogwatch.ingest import expand
    from fogwatch.ledger import open_ledger
    from fogwatch.pipeline import run
    from fogwatch.registry.actors import load_registry

    with reported():
        registry = load_registry(actors or [])
        ledger = open_ledger(db)
        files = [p for p in expand(paths) if isinstance(p, Path)]
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
                              f"fogwatch: skipped {f.origin}: {f.reason}", markup=False, highlight=False, soft_wrap=True),
                              tick(f.origin)),
                          on_article=lambda a: tick(a.origin or ""))
        counts = ledger.counts()
    return summary, counts


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt, .html/.htm, .jsonl.")],
           db: DbOption = None, actors: ActorsOption = None) -> None:
    """Read articles, extract claims, store them in the ledger (re-ingesting is a no-op)."""
    summary, counts = _ingest(paths, db, actors)
    err.print(f"fogwatch: {summary.added} new articles, {summary.already} already in the ledger, "
              f"{len(summary.failures)} skipped; {summary.claims} claims added "
              f"(ledger: {counts['articles']} articles, {counts['claims']} claims)", markup=False, highlight=False)
    if summary.failures:
        raise typer.Exit(2)


def _sample_dir() -> Path:
    return Path(str(resources.files("fogwatch") / "data" / "sample"))


@app.command()
def demo(db: DbOption = None) -> None:
    """Ingest the bundled sample corpus into the ledger and show what the sources say and where they disagree."""
    summary, counts = _ingest([_sample_dir()], db, None)
    err.print(f"fogwatch: sample corpus: {summary.added} new articles, {summary.already} already there; "
              f"ledger has {counts['articles']} articles and {counts['claims']} claims", markup=False)
    with reported():
        from fogwatch.ledger import open_ledger

        rows = list(open_ledger(db).iter_claims())
    _figures_table(rows)


def _who(claim: dict) -> str:
    if claim["speaker"]:
        return claim["speaker"]["name"] + (f" ({claim['speaker']['side']})" if claim["speaker"].get("side") else "")
    return f"{claim.get('outlet') or 'the outlet'} (own voice)"


def _qty(q: dict | None) -> str:
    if not q:
        return ""
    if q["low"] is not None and q["high"] == q["low"]:
        return f"{'~' if q['approximate'] else ''}{q['low']} {q['unit']}"
    if q["high"] is None:
        return f"≥{q['low']} {q['unit']}"
    if q["low"] is None:
        return f"≤{q['high']} {q['unit']}"
    return f"{q['low']}–{q['high']} {q['unit']}"


def _figures_table(rows: list[dict]) -> None:
    """Figures grouped by what they count; a group whose figures cannot all be true is flagged."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for claim in rows:
        q = claim["quantity"]
        if q and claim["predicate"] in ("killed", "wounded", "destroyed", "shot_down", "captured", "detained"):
            year = (claim["when"] or {}).get("start", claim.get("published") or "")[:7]
            groups[(claim["predicate"], q["unit"], year)].append(claim)
    table = Table(title="Figures by what they count, with who gives them", show_lines=True)
    for name in ("measure", "month", "figure", "who says so", "hedge", "conflict"):
        table.add_column(name)
    for (predicate, unit, month), claims in sorted(groups.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])):
        lows = [c["quantity"]["low"] or 0 for c in claims]
        highs = [c["quantity"]["high"] for c in claims]
        conflict = any(h is not None and h < max(lows) for h in highs)
        for i, claim in enumerate(claims):
            table.add_row(f"{predicate} {unit}" if i == 0 else "", month if i == 0 else "", _qty(claim["quantity"]),
                          _who(claim), claim["hedge"], "disputed" if conflict and i == 0 else "")
    out.print(table)
    identities = [c for c in rows if c["predicate"] == "identified_as"]
    if identities:
        table = Table(title="Who the parties say the actors are", show_lines=True)
        for name in ("who says so", "about", "is / are", "sentence"):
            table.add_column(name)
        for claim in identities:
            table.add_row(_who(claim), (claim["patient"] or {}).get("name", ""), claim["identity"] or "",
                          claim["text"][:120])
        out.print(table)


@app.command("claims")
def claims_cmd(db: DbOption = None,
               article: Annotated[Optional[str], typer.Option(help="Only this article id (a prefix is enough).")] = None,
               predicate: Annotated[Optional[str], typer.Option(help="Only this predicate, e.g. killed.")] = None,
               speaker: Annotated[Optional[str], typer.Option(help="Only this speaker actor id.")] = None,
               limit: Annotated[int, typer.Option(help="Show at most this many rows.")] = 200) -> None:
    """Show claims as a table: who says what, how hedged, with which numbers, where and when."""
    with reported():
        from fogwatch.ledger import open_ledger

        rows = list(open_ledger(db).iter_claims(article, predicate, speaker))
    table = Table(title=f"{len(rows)} claims" + (f" (first {limit})" if len(rows) > limit else ""), show_lines=True)
    for name in ("article", "speaker", "cue", "hedge", "predicate", "quantity", "place", "when", "sentence"):
        table.add_column(name, overflow="fold")
    for claim in rows[:limit]:
        table.add_row(claim["article_id"][:8], _who(claim), claim["cue"] or "", claim["hedge"],
                      claim["predicate"] + (f": {claim['identity']}" if claim["identity"] else ""),
                      _qty(claim["quantity"]), (claim["place"] or {}).get("name", ""),
                      (claim["when"] or {}).get("start", ""), claim["text"][:160])
    out.print(table)


@app.command("actors")
def actors_cmd(db: DbOption = None,
               all_: Annotated[bool, typer.Option("--all", help="Also actors that no claim mentions yet.")] = False) -> None:
    """Show actors: registry entries and speakers fogwatch discovered in text."""
    with reported():
        from fogwatch.ledger import open_ledger

        rows = list(open_ledger(db).iter_actors(used_only=not all_))
    table = Table(title=f"{len(rows)} actors")
    for name in ("id", "name", "kind", "side", "source", "aliases"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(row["actor_id"], row["name"], row["kind"], row["side"] or "",
                      "discovered" if row["discovered"] else "registry", ", ".join(row["aliases"][:4]))
    out.print(table)


@app.command()
def export(what: Annotated[str, typer.Option(help="claims, articles or actors.")] = "claims",
           format: Annotated[str, typer.Option("--format", help="Output format: jsonl.")] = "jsonl",
           output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
           db: DbOption = None) -> None:
    """Write the ledger in the fogwatch/1 interchange format, one JSON object per line."""
    from fogwatch.views.export import EXPORTERS, FORMATS

    if what not in EXPORTERS:
        err.print(f"fogwatch: error: --what must be one of {', '.join(EXPORTERS)}", markup=False)
        raise typer.Exit(1)
    if format not in FORMATS:
        err.print(f"fogwatch: error: --format must be one of {', '.join(FORMATS)}", markup=False)
        raise typer.Exit(1)
    with reported():
        from fogwatch.ledger import open_ledger

        ledger = open_ledger(db)
        handle = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            n = FORMATS[format](EXPORTERS[what](ledger), handle)
        finally:
            if output:
                handle.close()
    if output:
        err.print(f"fogwatch: wrote {n} {what} to {output}", markup=False)


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
