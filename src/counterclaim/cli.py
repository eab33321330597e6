"""The ``counterclaim`` command line."""

from __future__ import annotations

import os
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__

app = typer.Typer(help="Who said what about contested events, across outlets.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
out = Console()
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        out.print(f"counterclaim {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """counterclaim: attributed claims, speakers and sides from news reports."""


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None


@app.command()
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl) or directories.")],
    output: Annotated[Optional[Path], typer.Option(
        "-o", "--output", help="Where to write the export [default: out/report.<format>].")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Export format: json (counterclaim/1), csv (one row per "
                                                      "claim, ACLED-style columns) or geojson.")] = "json",
    db: Annotated[str, typer.Option("--db", help="SQLite path or SQLAlchemy URL of the store; '' for none.")] = (
        "out/counterclaim.sqlite"),
    published: Annotated[Optional[str], typer.Option(
        "--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy model name or path.")] = None,
    attributions: Annotated[Optional[str], typer.Option(
        "--attributions", help="Attribution finder: combined (the trained tagger, refined by the rules), model "
                               "(the tagger alone) or rules (about a fifth faster, much lower recall) [default: "
                               "$COUNTERCLAIM_ATTRIBUTIONS, else combined; the workers of a --scheduler read only "
                               "that variable].")] = None,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Articles parsed and checkpointed in the store together; an interrupted run "
                                    "loses at most the batches in flight, a rerun parses none of the others.")] = 64,
    engine: Annotated[str, typer.Option("--engine", help="Where extraction runs: local (this process) or dask "
                                                         "(a dask.distributed cluster).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="With --engine dask: address of a running scheduler (tcp://host:8786) whose workers "
                            "have counterclaim installed [default: a local cluster].")] = None,
    workers: Annotated[Optional[int], typer.Option(
        "--workers", min=1, help="With --engine dask and no --scheduler: worker processes [default: CPU count].")] = None,
) -> None:
    """Extract attributions, speakers, sides and verification notes; write an export and the store."""
    from contextlib import nullcontext

    from .export import stream_document, validate_document
    from .nlp import ModelNotFound
    from .pipeline import run
    from .store import open_store

    fmt = _export_format(fmt)
    _choose_attributions(attributions)
    output = output or Path(f"out/report.{fmt}")
    published_date = _parse_date(published)
    extractor = _analysis_engine(engine, scheduler, workers, model)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    # the store is open for the whole run: each batch's analyses are checkpointed there as they are made
    with open_store(db) if db else nullcontext() as store, \
            Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("analysing articles", total=None)
        try:
            report = run(inputs, published_date, model,
                         on_error=lambda e: err.print(f"[red]error[/red] {e}", markup=True, highlight=False,
                                                      soft_wrap=True),
                         on_article=lambda a: progress.advance(task),
                         batch_size=batch_size, store=store, engine=extractor)
        except ModelNotFound as exc:
            err.print(f"[red]error[/red] {exc}")
            raise typer.Exit(2) from None
        if store is not None:
            store.record_failures([(e.where, e.reason) for e in report.errors], succeeded=report.read)
        doc = stream_document(report.corpus)  # article by article: the corpus and the document are never both whole
        problems = validate_document(doc)
        if problems:
            for problem in problems[:10]:
                err.print(f"[red]invalid export[/red] {problem}", highlight=False)
            raise typer.Exit(3)
        _write_export(doc, fmt, output)
        stored = store.save_document(doc, validated=True) if store is not None else None
    _summary(doc, output, db, stored)
    if report.reused:
        out.print(f"{report.reused} article(s) were analysed by an earlier run and not parsed again.")
    if report.errors:
        rest = "the rest were analysed and stored" if len(doc) else "nothing was analysed"
        listed = "; `counterclaim failures` lists them" if store is not None else ""
        err.print(f"[red]{len(report.errors)} input(s) failed[/red]; {rest}{listed}.")
        raise typer.Exit(1)


EXPORT_FORMATS = ("json", "csv", "geojson")
ENGINES = ("local", "dask")


def _choose_attributions(mode: str | None) -> None:
    """Set the attribution mode for this process and the workers it starts (they inherit the environment)."""
    if mode is None:
        return
    from .extract.learned import MODE_ENV, attribution_mode

    try:
        os.environ[MODE_ENV] = attribution_mode(mode)
    except ValueError as exc:
        err.print(f"[red]error[/red] --attributions: {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _analysis_engine(engine: str, scheduler: str | None, workers: int | None, model: str | None):
    """The extraction engine for ``analyze``; None means this process (the pipeline's default)."""
    if engine.lower() not in ENGINES:
        err.print(f"[red]error[/red] --engine: unsupported engine {escape(repr(engine))} "
                  f"(supported: {', '.join(ENGINES)})", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    if engine.lower() == "local":
        if scheduler or workers:
            err.print("[red]error[/red] --scheduler and --workers need --engine dask", highlight=False)
            raise typer.Exit(2)
        return None
    try:
        import distributed  # noqa: F401
    except ImportError:
        err.print("[red]error[/red] --engine dask needs dask.distributed: pip install 'dask[distributed]'",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    from .engines import DaskEngine

    return DaskEngine(model, scheduler=scheduler, workers=workers)


def _export_format(fmt: str) -> str:
    if fmt.lower() not in EXPORT_FORMATS:  # one unwrapped line, not a usage panel: easy to grep in CI logs
        err.print(f"[red]error[/red] --format: unsupported format {escape(repr(fmt))} "
                  f"(supported: {', '.join(EXPORT_FORMATS)})", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    return fmt.lower()


def _write_export(doc, fmt: str, output: Path) -> None:
    """Write ``doc`` (a dict or a ``DocumentStream``) to ``output`` in ``fmt``, atomically; the store always gets
    the full document. CSV and GeoJSON rows join claims across the document, so they need it whole."""
    from .export import to_csv, to_geojson, write_json, write_text
    from .export.stream import DocumentStream

    if fmt != "json" and isinstance(doc, DocumentStream):
        doc = doc.materialize()
    if fmt == "csv":
        write_text(to_csv(doc), output)
    elif fmt == "geojson":
        write_json(to_geojson(doc), output)
    else:
        write_json(doc, output)


def _summary(doc, output: Path, db: str, stored) -> None:
    """What ``analyze`` made, from its ``DocumentStream``."""
    entities = {e["id"]: e for e in doc.entities}
    sides: Counter[str] = Counter()
    for attribution in doc.section("attributions"):
        speaker = entities.get((attribution.get("source") or {}).get("entity") or "")
        sides[(speaker or {}).get("side") or ("no side" if speaker else "unresolved")] += 1
    out.print(f"[bold]{len(doc)}[/bold] articles, [bold]{doc.attribution_count}[/bold] attributions, "
              f"[bold]{len(doc.entities)}[/bold] entities")
    table = Table("side", "attributions", "speakers", title="speakers by side", title_justify="left")
    speakers_by_side: Counter[str] = Counter(e.get("side") or "no side" for e in doc.entities)
    for side, n in sides.most_common():
        table.add_row(side, str(n), str(speakers_by_side.get(side, "")))
    out.print(table)
    out.print(f"{doc.note_count} verification notes; export: {output}" + (f"; store: {db}" if db else ""))
    if stored is not None and stored.articles_skipped:
        out.print(f"{stored.articles_skipped} article(s) were already stored and left unchanged.")


@app.command("failures")
def failures_command(
    db: Annotated[str, typer.Option("--db", help="SQLite path or SQLAlchemy URL of the store.")] = (
        "out/counterclaim.sqlite"),
) -> None:
    """List the files and records that failed in the latest run that read them, with the reason.

    Fix them and rerun `analyze` on the same inputs: stored articles are reused, only these are analysed again."""
    from .store import open_store

    if _missing_store(db):
        raise typer.Exit(2)
    with open_store(db) as store:
        failures = store.failures()
    if not failures:
        out.print("No failures recorded.")
        return
    out.print(f"[bold]{len(failures)}[/bold] failed input(s):")
    for f in failures:  # one unwrapped line each, like analyze's error lines: easy to grep and copy
        out.print(f"{escape(f.location)}: {escape(f.reason)} [dim](failed in {f.attempts} run(s), last "
                  f"{f.last_failed})[/dim]", highlight=False, soft_wrap=True)
    out.print("Rerun `counterclaim analyze` on the same inputs to retry only these.")


@app.command("timeline")
def timeline_command(
    place: Annotated[str, typer.Argument(help="Place name; alternate spellings work (Kiev finds Kyiv).")],
    db: Annotated[str, typer.Option("--db", help="SQLite path or SQLAlchemy URL of the store.")] = (
        "out/counterclaim.sqlite"),
    export: Annotated[Optional[Path], typer.Option("--from", help="Read a JSON export instead of the store.")] = None,
) -> None:
    """List, in date order, each claim about control of or fighting at a place: who, which side, stance, status."""

    from .reconcile.timeline import find_places, timeline
    from .resolve.gazetteer import default_gazetteer

    document = _load_document(db, export)
    places = find_places(document, place, default_gazetteer())
    if not places:
        err.print(f"[red]error:[/] no place called {place!r} in the store")
        raise typer.Exit(1)
    rows = timeline(document, {p["id"] for p in places})
    names = ", ".join(sorted({p["name"] for p in places}))
    out.print(f"[bold]Claims about {escape(names)}[/], in date order")
    colours = {"supports": "green", "denies": "red", "unverified": "yellow"}
    for r in rows:
        when = (r.date or "undated") + (f" ({r.precision})" if r.precision not in ("day", "unknown") else "")
        claim = r.claim if len(r.claim) <= 140 else r.claim[:137] + "..."
        colour = colours.get(r.stance, "white")
        out.print(f"[bold]{escape(when)}[/]  {escape(r.claimant)} [dim]({escape(r.side or 'no side')})[/]  "
                  f"[{colour}]{r.stance}[/] [dim]{r.event_type}[/]", highlight=False)
        out.print(f"    “{escape(claim)}”  [dim]{escape(r.outlet or '')}[/]", highlight=False)
        if r.proposition:
            out.print(f"    -> {escape(r.proposition)} [bold]{r.status}[/]", highlight=False)
    out.print(f"{len(rows)} claims")


def _missing_store(db: str) -> bool:
    """A plain path that does not exist: opening it would create an empty store, so say so instead."""
    if "://" not in db and not Path(db).exists():
        err.print(f"[red]error:[/] no store at {escape(db)}; run `counterclaim analyze` first or pass --db",
                  highlight=False, soft_wrap=True)
        return True
    return False


def _load_document(db: str, export: Path | None) -> dict:
    """The document from a JSON export when given, else from the store; a one-line error when neither reads."""
    import json

    if export is not None:
        try:
            return json.loads(export.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            err.print(f"[red]error:[/] cannot read {escape(str(export))}: {escape(str(exc))}", highlight=False,
                      soft_wrap=True)
            raise typer.Exit(2) from None
    from .store import open_store

    if _missing_store(db):
        raise typer.Exit(2)
    with open_store(db) as store:
        return store.load_document()


@app.command("export")
def export_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the export.")],
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(EXPORT_FORMATS)}.")] = "json",
    db: Annotated[str, typer.Option("--db", help="SQLite path or SQLAlchemy URL of the store.")] = (
        "out/counterclaim.sqlite"),
) -> None:
    """Write what the store holds as counterclaim/1 JSON, ACLED-like CSV or GeoJSON, without re-analysing."""
    fmt = _export_format(fmt)
    document = _load_document(db, None)
    _write_export(document, fmt, output)
    out.print(f"{fmt}: {output} ({len(document['events'])} events, "
              f"{len(document['propositions'])} propositions)", highlight=False)


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # any other host name may resolve to a public address
        return False


@app.command("report")
def report_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the HTML file.")] = Path(
        "out/report.html"),
    db: Annotated[str, typer.Option("--db", help="SQLite path or SQLAlchemy URL of the store.")] = (
        "out/counterclaim.sqlite"),
    export: Annotated[Optional[Path], typer.Option("--from", help="Read a JSON export instead of the store.")] = None,
) -> None:
    """Write one self-contained HTML file (no external requests): stories, proposition boards, highlighted articles."""

    from .web.report import write_report

    document = _load_document(db, export)
    size = write_report(document, output)
    out.print(f"report: {output} ({size // 1024} KiB; {len(document['propositions'])} propositions, "
              f"{len(document['articles'])} articles)", highlight=False)


@app.command("serve")
def serve_command(
    db: Annotated[str, typer.Option("--db", help="SQLite path or SQLAlchemy URL of the store.")] = (
        "out/counterclaim.sqlite"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_remote: Annotated[bool, typer.Option(
        "--allow-remote", help="Allow a non-loopback --host; the app has no login, anyone who can reach it reads "
                               "the store.")] = False,
) -> None:
    """Browse the store in a web browser: stories, proposition boards, highlighted articles, entities, places."""
    if not allow_remote and not _is_loopback(host):
        err.print(f"[red]error:[/] {escape(host)} is not a loopback address; pass --allow-remote to serve the store "
                  "to other machines", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    if _missing_store(db):
        raise typer.Exit(2)
    import uvicorn

    from .web import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")


def main() -> None:
    """Entry point: no traceback reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # last resort: one line, not a traceback
        err.print(f"[red]error[/red] {type(exc).__name__}: {exc}", highlight=False)
        sys.exit(1)
