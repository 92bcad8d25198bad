"""Bulk, idempotent loading: one transaction per batch, replace-by-document, Arrow in.

A document already loaded with the same fingerprint is skipped before any NLP work;
one whose fingerprint changed (new extractor version, corrected manifest) has all
its rows deleted and re-inserted in the same transaction, so a crash leaves either
the old rows or the new ones, never a mix. A source (url, or file of a folder) whose
text changed is one document still: the new text replaces the old one, which moves to
document_history, in the same transaction.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from schemas import Document, Event, Reject
from warehouse.db import query, transaction
from warehouse.kinds import detail_rows, detail_schemas, detail_tables

_RETIRE_OLDER_VERSIONS = query("load/retire_older_versions.sql")
_DELETE_DETAILS = query("load/delete_details.sql")  # {table}: each detail table in turn
_DELETE_DOCUMENTS = query("load/delete_documents.sql")
_UPSERT_REJECTS = query("load/upsert_rejects.sql")

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()), ("source_file", pa.string()), ("source_key", pa.string()), ("publisher", pa.string()),
    ("title", pa.string()), ("url", pa.string()), ("published", pa.date32()),
    ("reference_date", pa.date32()), ("reference_basis", pa.string()), ("encoding", pa.string()),
    ("n_chars", pa.int32()), ("text", pa.string()), ("extractor_version", pa.string()),
    ("fingerprint", pa.string()), ("run_id", pa.string()), ("loaded_at", pa.timestamp("us")),
])
EVENTS = pa.schema([
    ("event_id", pa.string()), ("event_type", pa.string()), ("doc_id", pa.string()),
    ("date_start", pa.date32()), ("date_end", pa.date32()), ("date_precision", pa.string()),
    ("date_text", pa.string()), ("date_basis", pa.string()), ("status", pa.string()),
    ("actor", pa.string()), ("location", pa.string()), ("quality_flags", pa.list_(pa.string())),
    ("confidence", pa.float64()), ("sentence", pa.string()), ("char_start", pa.int32()),
    ("char_end", pa.int32()), ("extractor_version", pa.string()), ("run_id", pa.string()),
])
REJECTS = pa.schema([
    ("reject_id", pa.string()), ("stage", pa.string()), ("reason", pa.string()),
    ("source_file", pa.string()), ("doc_id", pa.string()), ("payload", pa.string()),
    ("run_id", pa.string()), ("first_seen", pa.timestamp("us")), ("last_seen", pa.timestamp("us")),
])


@dataclass
class LoadBatch:
    documents: list[Document] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


@dataclass
class LoadCounts:
    documents: int = 0
    events: int = 0
    rejects: int = 0
    replaced: int = 0  # older versions of the batch's sources that it replaced


def document_fingerprint(document: Document, extractor_version: str) -> str:
    """Changes when the text, the manifest's metadata or the extractor version change."""
    meta = document.model_dump(mode="json", exclude={"text"})
    raw = json.dumps([extractor_version, meta], sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def reject_id(reject: Reject) -> str:
    """The same problem with the same input is one row however often it is seen."""
    raw = json.dumps([reject.stage, reject.reason, reject.source_file, reject.doc_id])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def loaded_fingerprints(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(conn.execute("SELECT doc_id, fingerprint FROM documents").fetchall())


def load_batch(conn: duckdb.DuckDBPyConnection, batch: LoadBatch, run_id: str, extractor_version: str) -> LoadCounts:
    """Replace the batch's documents and their events, and upsert its rejects, atomically."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    tables = _arrow_tables(batch, run_id, extractor_version, now)
    doc_ids = pa.table({"doc_id": pa.array([d.doc_id for d in batch.documents], pa.string()),
                        "source_key": pa.array([d.source_key for d in batch.documents], pa.string())})
    try:
        with transaction(conn):
            conn.register("batch_doc_ids", doc_ids)
            retired = _retire_older_versions(conn, run_id, now)
            _delete_documents(conn, retired)
            for table, arrow in tables.items():
                conn.register(f"stage_{table}", arrow)
                if table == "rejects":
                    _upsert_rejects(conn)
                else:
                    conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM stage_{table}")
    finally:
        for name in ("batch_doc_ids", *(f"stage_{t}" for t in tables)):
            conn.unregister(name)
    return LoadCounts(len(batch.documents), len(batch.events), len(batch.rejects), len(retired))


def _retire_older_versions(conn: duckdb.DuckDBPyConnection, run_id: str, now: dt.datetime) -> list[str]:
    """Documents of the batch's sources that hold another text: copied to document_history; their
    doc_ids are returned, for their rows to be deleted with the batch's own."""
    return [doc_id for (doc_id,) in conn.execute(_RETIRE_OLDER_VERSIONS, [now, run_id]).fetchall()]


def _delete_documents(conn: duckdb.DuckDBPyConnection, retired: list[str]) -> None:
    """Every row of the batch's documents and of the older versions they replace."""
    conn.register("retired_doc_ids", pa.table({"doc_id": pa.array(retired, pa.string())}))
    try:
        for table in detail_tables():
            conn.execute(_DELETE_DETAILS.format(table=table))
        conn.execute(_DELETE_DOCUMENTS)
    finally:
        conn.unregister("retired_doc_ids")


def _upsert_rejects(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(_UPSERT_REJECTS)


def _arrow_tables(batch: LoadBatch, run_id: str, version: str, now: dt.datetime) -> dict[str, pa.Table]:
    details = detail_rows(batch.events)
    return {
        "documents": pa.Table.from_pylist([_document_row(d, run_id, version, now) for d in batch.documents], DOCUMENTS),
        "events": pa.Table.from_pylist([_event_row(e, run_id, version) for e in batch.events], EVENTS),
        **{table: pa.Table.from_pylist(details[table], schema) for table, schema in detail_schemas().items()},
        "rejects": pa.Table.from_pylist([_reject_row(r, run_id, now) for r in batch.rejects], REJECTS),
    }


def _document_row(d: Document, run_id: str, version: str, now: dt.datetime) -> dict:
    return {**d.model_dump(), "n_chars": len(d.text), "extractor_version": version,
            "fingerprint": document_fingerprint(d, version), "run_id": run_id, "loaded_at": now}


def _event_row(e: Event, run_id: str, version: str) -> dict:
    return {
        "event_id": e.event_id, "event_type": e.event_type, "doc_id": e.doc_id,
        "date_start": e.date.date_start, "date_end": e.date.date_end, "date_precision": e.date.precision,
        "date_text": e.date.text, "date_basis": e.date.basis, "status": e.status, "actor": e.actor,
        "location": e.location, "quality_flags": e.quality_flags, "confidence": e.confidence,
        "sentence": e.evidence.sentence, "char_start": e.evidence.char_start,
        "char_end": e.evidence.char_end, "extractor_version": version, "run_id": run_id,
    }


def _reject_row(r: Reject, run_id: str, now: dt.datetime) -> dict:
    return {**r.model_dump(), "reject_id": reject_id(r), "run_id": run_id, "first_seen": now, "last_seen": now}


def start_run(conn: duckdb.DuckDBPyConnection, run: dict) -> int:
    """Record a new run; returns how many earlier runs were found abandoned.

    The caller holds the writer lock, so a run still `running` is one that was killed (SIGKILL,
    power loss) before it could record its end."""
    abandoned = abandon_running(conn, f"run {run['run_id']}")
    conn.execute("INSERT INTO runs BY NAME SELECT * FROM (SELECT ? AS run_id, ? AS flow_run_id, ? AS source, "
                 "? AS db, ? AS extractor_version, 'running' AS status, ? AS started_at, ? AS parameters)",
                 [run["run_id"], run.get("flow_run_id"), run["source"], run["db"], run["extractor_version"],
                  run["started_at"], json.dumps(run.get("parameters", {}))])
    return abandoned


def abandon_running(conn: duckdb.DuckDBPyConnection, found_by: str) -> int:
    """Mark `abandoned` every run still `running`; the caller holds the writer lock, so none of
    them is alive. Returns how many there were."""
    return conn.execute(
        "UPDATE runs SET status = 'abandoned', finished_at = ?, error = ? WHERE status = 'running'",
        [_now(), f"ended without recording its end (killed); found by {found_by}"]).fetchone()[0]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def finish_run(conn: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: dict,
               error: str | None = None) -> None:
    conn.execute(
        "UPDATE runs SET status = ?, finished_at = ?, documents_seen = ?, documents_loaded = ?, "
        "documents_skipped = ?, documents_replaced = ?, events_loaded = ?, rejects = ?, error = ? WHERE run_id = ?",
        [status, _now(), counts.get("documents_seen", 0),
         counts.get("documents_loaded", 0), counts.get("documents_skipped", 0), counts.get("documents_replaced", 0),
         counts.get("events_loaded", 0), counts.get("rejects", 0), error, run_id],
    )
