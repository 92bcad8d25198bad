"""Loading, idempotency, read-only access and export, on real DuckDB files."""
import csv
import json

import duckdb
import pytest

from extract.ingest import read_folder
from extract.pipeline import extract_documents
from tests.conftest import SEEDS
from warehouse.db import connect
from warehouse.exceptions import DatabaseMissing, ReadOnlyViolation
from warehouse.export import export
from warehouse.load import LoadBatch, load_batch

CONTRACT = ("event_id, event_type, doc_id, source_file, publisher, published, date_start, date_end, "
            "date_precision, date_text, date_basis, status, actor, participants, location, recipient, item, "
            "quantity, unit, value_usd, value_qualifier, mechanism, count, count_qualifier, category, victims, "
            "reported_by, ordinal, quality_flags, confidence, sentence, char_start, char_end, cluster_id").split(", ")
TABLES = ("documents", "events", "visits", "meetings", "arms_authorizations", "casualty_figures",
          "event_participants", "rejects")


def extracted_seeds() -> LoadBatch:
    ingested = read_folder(SEEDS)
    extracted = extract_documents(ingested.documents)
    return LoadBatch(documents=ingested.documents, events=extracted.events, rejects=extracted.rejects)


@pytest.fixture(scope="module")
def seed_batch(nlp):
    return extracted_seeds()


# What differs between two loads of the same input: when and by which run. Everything else, the
# ids included (they hash canonical content, see tests/test_identity.py), must be the same.
VOLATILE = {"documents": "loaded_at, run_id", "events": "run_id", "rejects": "first_seen, last_seen, run_id"}


def snapshot(path):
    with connect(path, read_only=True) as conn:
        return {t: sorted(conn.execute(f"SELECT * {_exclude(t)} FROM {t}").fetchall(), key=str) for t in TABLES}


def _exclude(table):
    return f"EXCLUDE ({VOLATILE[table]})" if table in VOLATILE else ""


def test_warehouse_load_twice_changes_nothing(tmp_path, seed_batch):
    """The second load is a new extraction of the same seeds, as the next run makes: same rows, same ids."""
    db = tmp_path / "w.duckdb"
    with connect(db) as conn:
        load_batch(conn, seed_batch, "run-1", "v1")
    first = snapshot(db)
    with connect(db) as conn:
        load_batch(conn, extracted_seeds(), "run-2", "v1")
    assert snapshot(db) == first
    assert len(first["events"]) == len(seed_batch.events) > 0
    assert sorted(row[0] for row in first["events"]) == sorted(e.event_id for e in seed_batch.events)


def test_warehouse_failed_load_leaves_the_previous_rows(tmp_path, seed_batch):
    db = tmp_path / "w.duckdb"
    with connect(db) as conn:
        load_batch(conn, seed_batch, "run-1", "v1")
    before = snapshot(db)
    broken = LoadBatch(documents=seed_batch.documents, events=seed_batch.events + seed_batch.events[:1])
    with connect(db) as conn, pytest.raises(duckdb.ConstraintException):
        load_batch(conn, broken, "run-2", "v2")  # a duplicate event id violates the key mid-transaction
    assert snapshot(db) == before


def test_warehouse_offsets_slice_the_document_text(tmp_path, seed_batch):
    db = tmp_path / "w.duckdb"
    with connect(db) as conn:
        load_batch(conn, seed_batch, "run-1", "v1")
        rows = conn.execute("SELECT substr(d.text, e.char_start + 1, e.char_end - e.char_start), e.sentence "
                            "FROM events e JOIN documents d USING (doc_id)").fetchall()
    assert rows and all(sliced == sentence for sliced, sentence in rows)


def test_warehouse_read_only_refuses_changes(tmp_path, seed_batch):
    db = tmp_path / "w.duckdb"
    with connect(db) as conn:
        load_batch(conn, seed_batch, "run-1", "v1")
    with pytest.raises(ReadOnlyViolation), connect(db, read_only=True) as conn:
        conn.execute("DROP TABLE events")
    with connect(db, read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == len(seed_batch.events)
    with pytest.raises(DatabaseMissing):
        with connect(tmp_path / "nothing.duckdb", read_only=True):
            pass


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_warehouse_export_follows_the_contract(tmp_path, seed_batch, fmt):
    db, out = tmp_path / "w.duckdb", tmp_path / f"events.{fmt}"
    with connect(db) as conn:
        load_batch(conn, seed_batch, "run-1", "v1")
        n = export(conn, fmt, out)
    assert n == len(seed_batch.events)
    if fmt == "csv":
        with out.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert list(rows[0].keys()) == CONTRACT
        meetings = [r for r in rows if r["event_type"] == "meeting"]
        assert meetings and all("; " in r["participants"] for r in meetings)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert list(rows[0].keys()) == CONTRACT
        assert all(isinstance(r["participants"], list) for r in rows)
    else:
        columns = [c[0] for c in duckdb.sql(f"DESCRIBE SELECT * FROM '{out}'").fetchall()]
        assert columns == CONTRACT
