"""The `etl` flow: ingest -> plan -> (extract -> load) per batch -> summary.

Tasks work on batches of documents (a Prefect task costs tens of milliseconds, so
never one per document or sentence); side-effecting tasks do not cache; only the
load, which can meet a transient lock, is retried.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import time
import uuid
from collections import deque
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ProcessPoolTaskRunner

from extract import EXTRACTOR_VERSION
from flows import signals
from extract.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, IngestResult, read_folder
from extract.pipeline import ExtractionResult, extract_documents
from schemas import Document, RunSummary
from warehouse.db import connect, verify_readable
from warehouse.exceptions import WarehouseLocked
from warehouse.lock import DEFAULT_WAIT_SECONDS, writer_lock
from warehouse.refine import clusters_stale, refine
from warehouse.storage import STORAGE_VERSION, to_portable
from warehouse.load import LoadBatch, LoadCounts, document_fingerprint, finish_run, load_batch, loaded_fingerprints, start_run

progress = logging.getLogger("etl")

# Small enough that two workers stay evenly busy on a thousand articles, large enough that
# Prefect's per-task cost (tens of milliseconds) and each load's transaction are negligible.
DEFAULT_BATCH_SIZE = 100
RUN_COUNTS = {"documents_seen", "documents_loaded", "documents_skipped", "documents_replaced", "events_loaded",
              "rejects"}


def _retry_when_locked(task, task_run, state) -> bool:
    """Retry only what can pass on a second try: another process holding the lock."""
    try:
        state.result()
    except WarehouseLocked:
        return True
    except Exception:
        return False
    return False


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(source: str, max_bytes: int, max_chars: int, follow_symlinks: bool) -> IngestResult:
    return read_folder(Path(source), max_bytes=max_bytes, max_chars=max_chars, follow_symlinks=follow_symlinks)


@task(name="plan", cache_policy=NO_CACHE)
def plan_task(db: str, documents: list[Document]) -> list[Document]:
    """Documents whose text, metadata or extractor version changed since they were loaded."""
    with connect(db) as conn:
        verify_readable(conn, db)
        known = loaded_fingerprints(conn)
    return [d for d in documents if known.get(d.doc_id) != document_fingerprint(d, EXTRACTOR_VERSION)]


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(documents: list[Document]) -> ExtractionResult:
    return extract_documents(documents)


@task(name="load", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 2, 4],
      retry_condition_fn=_retry_when_locked)
def load_task(db: str, batch: LoadBatch, run_id: str) -> LoadCounts:
    with connect(db) as conn:
        return load_batch(conn, batch, run_id, EXTRACTOR_VERSION)


@task(name="refine", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 2, 4],
      retry_condition_fn=_retry_when_locked)
def refine_task(db: str, loaded: bool) -> int | None:
    """Link the same event across documents (clusters) over the whole warehouse, when this run
    loaded something or an earlier one was killed before its clusters were made; else None."""
    with connect(db) as conn:
        return refine(conn) if loaded or clusters_stale(conn) else None


@task(name="record-run", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 2, 4],
      retry_condition_fn=_retry_when_locked)
def record_run_task(db: str, run: dict, status: str, counts: dict | None = None) -> int:
    """The run's row: `running` at the start (returns how many earlier runs were found
    abandoned), its counts at the end."""
    with connect(db) as conn:
        if counts is None:
            return start_run(conn, run)
        finish_run(conn, run["run_id"], status, counts)
        return 0


def _record_failure(db: str, run_id: str, summary: RunSummary, err: BaseException) -> None:
    """A run that fails or is interrupted says so in `runs`. Plain code, not a task: Prefect may
    be stopping too. If the warehouse cannot be written (a full disk), the next run finds the
    row `running` with its lock free and marks it abandoned."""
    interrupted = (isinstance(err, (KeyboardInterrupt, SystemExit)) or type(err).__name__ == "TerminationSignal"
                   or bool(signals.received))
    first_line = str(err).strip().splitlines()[0] if str(err).strip() else ""
    reason = "interrupted (SIGINT or SIGTERM)" if interrupted else f"{type(err).__name__}: {first_line}"
    counts = summary.model_dump(include=RUN_COUNTS)
    try:
        with connect(db, wait_seconds=5) as conn:
            finish_run(conn, run_id, "failed", counts, error=reason[:500])
    except Exception:  # noqa: BLE001 - the original error is what the user must see
        progress.debug("could not record the failure of run %s", run_id)


def _batches(items: list[Document], size: int) -> list[list[Document]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _flow_run_id() -> str | None:
    from prefect.runtime import flow_run

    return str(flow_run.id) if flow_run.id else None


@flow(name="etl", log_prints=False)
def etl(source: str = "seeds", db: str = "warehouse/events.duckdb", batch_size: int = DEFAULT_BATCH_SIZE,
        max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS,
        lock_wait_seconds: float = DEFAULT_WAIT_SECONDS, workers: int = 0,
        dask_address: str | None = None, follow_symlinks: bool = False) -> RunSummary:
    """Load every article in `source` (a folder of .txt files + manifest.csv) into the DuckDB file `db`.

    Only the folder's regular files are read; with `follow_symlinks`, also links to files inside it.

    Extraction runs in `workers` processes (Prefect's process pool; 0 = one per core when
    there are two batches or more), or on the Dask cluster at `dask_address`; loading stays
    in this process, the warehouse's single writer.
    One run writes at a time: a second run waits up to `lock_wait_seconds` for the first to
    finish, then fails with a message naming it.
    """
    with writer_lock(db, lock_wait_seconds, what=f"etl {source}"):
        _keep_portable(db)
        return _run(source, db, batch_size, max_bytes, max_chars, workers, dask_address, follow_symlinks)


def _keep_portable(db: str) -> None:
    """A warehouse from an earlier version, in DuckDB 2.0's format, is rewritten for 1.x clients."""
    old = to_portable(db)
    if old:
        progress.warning("converted %s from DuckDB storage format %s to %s, so that DuckDB 1.x clients "
                         "can open it (every table and row kept)", db, old, STORAGE_VERSION)


def _run(source: str, db: str, batch_size: int, max_bytes: int, max_chars: int, workers: int,
         dask_address: str | None, follow_symlinks: bool) -> RunSummary:
    summary = RunSummary(run_id=uuid.uuid4().hex[:16], flow_run_id=_flow_run_id(), source=source, db=db,
                         extractor_version=EXTRACTOR_VERSION, started_at=dt.datetime.now(dt.timezone.utc))
    run = summary.model_dump(mode="json", include={"run_id", "flow_run_id", "source", "db", "extractor_version"})
    run.update(started_at=summary.started_at.replace(tzinfo=None),
               parameters={"batch_size": batch_size, "max_bytes": max_bytes, "max_chars": max_chars,
                           "workers": workers, "dask_address": dask_address, "follow_symlinks": follow_symlinks})
    abandoned = record_run_task(db, run, "running")
    if abandoned:
        progress.warning("%d earlier run(s) had been killed before they finished; marked abandoned", abandoned)
    try:
        return _stages(source, db, summary, run)
    except BaseException as err:
        _record_failure(db, summary.run_id, summary, err)
        raise


def _stages(source: str, db: str, summary: RunSummary, run: dict) -> RunSummary:
    """ingest -> plan -> (extract -> load) per batch -> refine, with the run's parameters."""
    signals.reclaim()
    signals.check()
    options = run["parameters"]
    max_bytes, max_chars, batch_size = options["max_bytes"], options["max_chars"], options["batch_size"]
    workers, dask_address, follow_symlinks = options["workers"], options["dask_address"], options["follow_symlinks"]
    clock = time.perf_counter()
    ingested = ingest_task(source, max_bytes, max_chars, follow_symlinks)
    summary.stage_seconds["ingest"] = time.perf_counter() - clock
    clock = time.perf_counter()
    todo = plan_task(db, ingested.documents)
    summary.stage_seconds["plan"] = time.perf_counter() - clock
    summary.documents_seen = len(ingested.documents)
    summary.documents_skipped = len(ingested.documents) - len(todo)
    progress.info("%d documents read, %d unchanged since the last run, %d to extract",
                  len(ingested.documents), summary.documents_skipped, len(todo))
    _load(db, LoadBatch(rejects=ingested.rejects), summary)
    del ingested

    clock = time.perf_counter()
    batches = _batches(todo, batch_size)
    workers = workers or (min(os.cpu_count() or 1, len(batches)) if len(batches) >= 2 else 1)
    summary.workers = workers
    for number, (batch, extracted) in enumerate(_extracted(batches, workers, dask_address), start=1):
        signals.check()
        _load(db, LoadBatch(documents=batch, events=extracted.events, rejects=extracted.rejects), summary)
        _count(summary, extracted)
        progress.info("batch %d/%d: %d documents, %d events, %d rejects", number, len(batches), len(batch),
                      len(extracted.events), len(extracted.rejects))
    if batches:
        # wall time of extraction with its loads interleaved; the stages above are its parts
        summary.stage_seconds["extract_wall"] = time.perf_counter() - clock

    signals.check()
    clock = time.perf_counter()
    linked = refine_task(db, loaded=summary.documents_loaded > 0)
    if linked is not None:
        summary.stage_seconds["refine"] = time.perf_counter() - clock
        progress.info("refine: %d real-world events are told by two or more documents", linked)
    signals.check()
    summary.finished_at = dt.datetime.now(dt.timezone.utc)
    record_run_task(db, run, "completed", summary.model_dump(include=RUN_COUNTS))
    return summary


def _extraction_runner(workers: int, dask_address: str | None):
    """Where extraction tasks run: a Dask cluster, a pool of processes, or this process (None)."""
    if dask_address:
        from prefect_dask import DaskTaskRunner  # imported late: dask is only needed here

        return DaskTaskRunner(address=dask_address)
    if workers > 1:
        return ProcessPoolTaskRunner(max_workers=workers)
    return None


@contextmanager
def _workers_use_this_api() -> Iterator[None]:
    """Worker processes report their task runs to this flow's API, rather than each starting a
    temporary Prefect server of its own (spawned processes inherit the environment)."""
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    before = os.environ.get("PREFECT_API_URL")
    if context is not None and before is None:
        os.environ["PREFECT_API_URL"] = str(context.client.api_url)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PREFECT_API_URL", None)


def _extracted(batches: list[list[Document]], workers: int, dask_address: str | None
               ) -> Iterator[tuple[list[Document], ExtractionResult]]:
    """Extraction results in batch order. At most two batches per worker are in flight, so
    memory stays flat however many documents there are."""
    runner = _extraction_runner(workers, dask_address) if batches else None
    if runner is None:
        for batch in batches:
            yield batch, extract_task(batch)
        return
    ahead = 2 * max(workers, 1)
    with _workers_use_this_api(), runner:
        pending: deque = deque()
        for batch in batches:
            pending.append((batch, runner.submit(extract_task, parameters={"documents": batch})))
            if len(pending) >= ahead:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


def _count(summary: RunSummary, extracted: ExtractionResult) -> None:
    for event in extracted.events:
        summary.events_by_type[event.event_type] = summary.events_by_type.get(event.event_type, 0) + 1
    seconds = dict(extracted.stage_seconds)
    seconds["extract"] = seconds.pop("rules", 0.0) - seconds.get("time", 0.0)  # rules include date resolution
    for stage, value in seconds.items():
        summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + value
    summary.words += extracted.words
    summary.chars_parsed += extracted.kept_chars
    summary.chars_read += extracted.chars


def _load(db: str, batch: LoadBatch, summary: RunSummary) -> None:
    if not (batch.documents or batch.rejects):
        return
    clock = time.perf_counter()
    counts = load_task(db, batch, summary.run_id)
    summary.stage_seconds["load"] = summary.stage_seconds.get("load", 0.0) + time.perf_counter() - clock
    summary.documents_loaded += counts.documents
    summary.documents_replaced += counts.replaced
    summary.events_loaded += counts.events
    summary.rejects += counts.rejects
    for reject in batch.rejects:
        summary.rejects_by_stage[reject.stage] = summary.rejects_by_stage.get(reject.stage, 0) + 1
