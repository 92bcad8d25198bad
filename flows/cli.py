"""`events`: load articles, query the warehouse, export it.

A thin shell: options are parsed here, work is done by flows/, warehouse/ and extract/,
and known errors become one-line messages with a non-zero exit status.
"""
from __future__ import annotations

import csv
import gc
import json
import logging
import sys
import traceback
from pathlib import Path

import click
import duckdb

import flows  # noqa: F401  (sets Prefect's environment defaults before Prefect is imported)
from warehouse.db import DEFAULT_DB, connect
from warehouse.exceptions import WarehouseError

DB_OPTION = click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                         show_default=True, help="DuckDB file of the warehouse.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Extract dated events (visits, meetings, arms authorizations, casualty figures)
    from news articles into a DuckDB warehouse, and query or export it.

    \b
    Typical use:
      events run seeds/                       load a folder of articles
      events sql "select * from v_events"     query (read-only)
      events export --format csv --out events.csv
    """


@main.command()
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path), default="seeds")
@DB_OPTION
@click.option("--batch-size", default=100, show_default=True, help="Documents per extraction task.")
@click.option("--workers", default=0, show_default=True,
              help="Extraction processes; 0 = one per core when there are two batches or more.")
@click.option("--dask-address", default=None, metavar="ADDRESS",
              help="Run extraction on this Dask cluster (e.g. tcp://10.0.0.5:8786) instead of local processes; "
                   "loading stays here, the warehouse's single writer.")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, help="Larger files are rejected.")
@click.option("--max-chars", default=1_000_000, show_default=True, help="Longer documents are rejected.")
@click.option("--lock-wait", default=60.0, show_default=True,
              help="Seconds to wait for another run writing the same database.")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links that point to files inside SOURCE (links that leave it are never read).")
@click.option("--strict", is_flag=True, help="Exit with status 3 when any input was rejected.")
@click.option("-v", "--verbose", is_flag=True, help="Show Prefect's own logs (task states, server).")
def run(source: Path, db: Path, batch_size: int, workers: int, dask_address: str | None, max_bytes: int,
        max_chars: int, lock_wait: float, follow_symlinks: bool, strict: bool, verbose: bool) -> None:
    """Load every *.txt article in SOURCE (default: seeds) into the warehouse.

    SOURCE is a folder of UTF-8 text files, optionally with a manifest.csv
    (columns file,source,title,url,published). Articles already loaded with the
    same text, metadata and extractor version are skipped; changed ones are
    replaced. Problems never stop the run: each becomes a row in `rejects`.
    Only the folder's own regular files are read: symbolic links, devices,
    FIFOs and manifest rows naming paths outside it are rejects.
    """
    _quiet_prefect(verbose)
    from flows import signals, watchdog
    from flows.etl import etl
    from warehouse.lock import writer_lock

    failure = None
    try:
        with writer_lock(db, lock_wait, what=f"events run {source}"):  # before Prefect starts: a clean message
            signals.enable()  # SIGTERM unwinds like Ctrl-C: the run is recorded as failed
            watchdog.start(db)  # Prefect's temporary API and the workers end with this process, even on SIGKILL
            summary = etl(source=str(source), db=str(db), batch_size=batch_size, max_bytes=max_bytes,
                          max_chars=max_chars, lock_wait_seconds=lock_wait, workers=workers,
                          dask_address=dask_address, follow_symlinks=follow_symlinks)
    except KeyboardInterrupt:
        _interrupted(db)
    except (WarehouseError, duckdb.Error) as err:
        if signals.received:  # DuckDB turns a KeyboardInterrupt during a query into its own error
            _interrupted(db)
        failure = str(err) if isinstance(err, WarehouseError) else (
            # e.g. a full disk: the transaction was rolled back, nothing half-written
            f"the warehouse {db} could not be written: {_first_line(err)} "
            "(nothing from the failed batch was kept; run again when fixed)")
        # Prefect keeps the failed state's exception; release the frames' locals (the closed
        # connection) so DuckDB's bindings do not report them as leaked at interpreter exit.
        _release_frames(err)
    if failure is not None:
        gc.collect()
        raise click.ClickException(failure)
    _print_summary(summary)
    if strict and summary.rejects:
        sys.exit(3)


def _interrupted(db: Path) -> None:
    click.echo(f"Interrupted: run recorded as failed in {db}; every batch loaded so far is kept, "
               "and the next run loads the rest", err=True)
    sys.exit(130)


def _release_frames(err: BaseException | None) -> None:
    """Clear the frames of an error and of its causes, so no DuckDB object outlives the run."""
    while err is not None:
        traceback.clear_frames(err.__traceback__)
        err = err.__cause__ or err.__context__


def _quiet_prefect(verbose: bool) -> None:
    """Progress lines from the flow on stderr; Prefect's task chatter only with --verbose."""
    import os

    # Without --verbose Prefect stays silent on the console (failures reach the user as one line
    # from this CLI; the run, its states and logs are still recorded in Prefect's API).
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "CRITICAL")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    progress = logging.getLogger("etl")
    progress.addHandler(handler)
    progress.setLevel(logging.INFO)
    progress.propagate = verbose


def _print_summary(summary) -> None:
    by_type = ", ".join(f"{k} {v}" for k, v in sorted(summary.events_by_type.items())) or "none"
    by_stage = ", ".join(f"{k} {v}" for k, v in sorted(summary.rejects_by_stage.items()))
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in summary.stage_seconds.items())
    click.echo(f"Loaded {summary.source} into {summary.db} (extractor {summary.extractor_version})")
    replaced = f" ({summary.documents_replaced} replacing an older text of their source)" \
        if summary.documents_replaced else ""
    click.echo(f"  documents : {summary.documents_seen} read, {summary.documents_loaded} loaded{replaced}, "
               f"{summary.documents_skipped} unchanged")
    click.echo(f"  events    : {summary.events_loaded} ({by_type})")
    click.echo(f"  rejects   : {summary.rejects}" + (f" ({by_stage})" if by_stage else ""))
    click.echo(f"  elapsed   : {summary.elapsed_seconds:.1f}s ({stages})")
    if summary.words:
        click.echo(f"  throughput: {summary.words / max(summary.elapsed_seconds, 1e-9):,.0f} words/s with "
                   f"{summary.workers} worker(s); the pre-filter left {summary.chars_parsed / summary.chars_read:.0%} "
                   "of the text for spaCy")


@main.command()
@click.argument("query")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def sql(query: str, db: Path, fmt: str) -> None:
    """Run one read-only QUERY against the warehouse and print its rows.

    \b
    One statement that reads: SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE,
    PIVOT, UNPIVOT or EXPLAIN. Anything else (INSERT, COPY, ATTACH, SET,
    INSTALL, several statements) is refused before it runs. The query sees
    only the warehouse: no other files or databases, no extensions.
    Tables: documents, events, visits, meetings, arms_authorizations,
    casualty_figures, event_participants, event_clusters, rejects, runs.
    Views: v_events, v_timeline, v_casualty_series.
    Example: events sql "select event_type, count(*) from v_events group by 1"
    To write a file, use `events export`.
    """
    from warehouse.query import run_read

    try:
        with connect(db, read_only=True) as conn:
            columns, rows = run_read(conn, query)
    except WarehouseError as err:
        raise click.ClickException(str(err)) from err
    except Exception as err:  # DuckDB's own errors (syntax, missing table) are one line
        raise click.ClickException(_first_line(err)) from err
    _print_rows(columns, rows, fmt)


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0]


def _print_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[_cell(v, "; ") for v in row] for row in rows])
    elif fmt == "json":
        click.echo(json.dumps([dict(zip(columns, row)) for row in rows], default=str, indent=1))
    else:
        click.echo(_table(columns, rows))


def _cell(value, list_sep: str = ", ") -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return list_sep.join(str(v) for v in value)
    return str(value)


def _table(columns: list[str], rows: list[tuple], max_width: int = 60) -> str:
    cells = [[_cell(v)[:max_width] for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "-+-".join("-" * w for w in widths)
    fmt_row = lambda values: " | ".join(v.ljust(w) for v, w in zip(values, widths))  # noqa: E731
    out = [fmt_row(columns), line, *(fmt_row(r) for r in cells), f"({len(rows)} row{'s' if len(rows) != 1 else ''})"]
    return "\n".join(out)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "jsonl"]), required=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="File to write.")
@DB_OPTION
@click.option("--view", default="v_events", show_default=True,
              help="Table or view of the warehouse to export (v_events, v_timeline, v_casualty_series, events, ...).")
@click.option("--where", default=None,
              help="One condition on the view's columns, e.g. \"event_type = 'meeting'\". It filters; "
                   "it cannot run other SQL.")
@click.option("--spreadsheet-safe", is_flag=True,
              help="CSV only: prefix text cells that start with = + - @ (a formula to Excel or LibreOffice) "
                   "with a single quote. Off by default: RFC 4180 keeps cells as they are.")
def export(fmt: str, out: Path, db: Path, view: str, where: str | None, spreadsheet_safe: bool) -> None:
    """Write the events (the export contract, view v_events) to a CSV, Parquet or JSONL file.

    \b
    OUT is written whole or not at all: a temporary file beside it is renamed
    into place. OUT may not be the database, its WAL or lock file, another
    DuckDB database, a folder or a device.
    """
    from warehouse.export import export as export_view
    from warehouse.outputs import atomic_output, check_output

    if spreadsheet_safe and fmt != "csv":
        raise click.ClickException("--spreadsheet-safe applies to --format csv only")
    try:
        check_output(out, db)
        with atomic_output(out) as partial:
            partial = partial.absolute()
            with connect(db, read_only=True, writable=[partial]) as conn:
                n = export_view(conn, fmt, partial, view=view, where=where, spreadsheet_safe=spreadsheet_safe)
    except WarehouseError as err:
        raise click.ClickException(str(err)) from err
    except Exception as err:
        raise click.ClickException(_first_line(err)) from err
    click.echo(f"wrote {n} rows to {out}", err=True)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def rejects(db: Path, fmt: str) -> None:
    """List everything that was rejected, with its stage and reason."""
    query = ("SELECT stage, source_file, reason, doc_id, last_seen FROM rejects "
             "ORDER BY stage, source_file, reason")
    try:
        with connect(db, read_only=True) as conn:
            cursor = conn.execute(query)
            columns, rows = [d[0] for d in cursor.description], cursor.fetchall()
    except WarehouseError as err:
        raise click.ClickException(str(err)) from err
    _print_rows(columns, rows, fmt)


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("report.html"),
              show_default=True, help="HTML file to write.")
@DB_OPTION
def report(out: Path, db: Path) -> None:
    """Write one self-contained HTML page: a timeline of events, casualty figures per reporter
    over time, arms authorizations, rejects, and every event's evidence. Opens without network."""
    from warehouse.outputs import atomic_output, check_output
    from warehouse.report import write_report

    try:
        check_output(out, db)
        with connect(db, read_only=True) as conn, atomic_output(out) as partial:
            size = write_report(conn, partial)
    except WarehouseError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"wrote {out} ({size / 1e6:.1f} MB)", err=True)


@main.command(name="eval")
@click.option("--gold", "gold", type=click.Path(exists=True, path_type=Path), required=True,
              help="Gold JSONL file, or a folder holding gold.jsonl beside its articles.")
@click.option("--docs", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of the gold's articles (default: the gold folder, or seeds/ for a file).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a report.")
@click.option("--quiet", is_flag=True, help="Scores only, without the lists of misses and false positives.")
def evaluate_command(gold: Path, docs: Path | None, as_json: bool, quiet: bool) -> None:
    """Score extraction against hand-made gold events: precision, recall and F1 per type.

    \b
    lenient: the same event by the kind's identity, as in deduplication and
             clustering (visit: traveller and place; meeting: who met; arms:
             value or quantity; casualty: count + category)
    strict:  lenient and the same date
    Also prints date and status accuracy on matched events, then every miss and
    false positive with its sentence. Gold marked doubtful is not scored.
    Example: events eval --gold tests/gold/seeds.jsonl
    """
    from extract.evaluate import as_dict, evaluate, report

    if docs is None and gold.is_file():
        docs = Path("seeds")
    try:
        scores = evaluate(gold, docs)
    except ValueError as err:  # GoldError, or a gold file without --docs: one line, no traceback
        raise click.ClickException(str(err)) from err
    click.echo(json.dumps(as_dict(scores), indent=1) if as_json else report(scores, show_errors=not quiet))


if __name__ == "__main__":
    main()
