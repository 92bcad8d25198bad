"""Faults: a killed extraction, a failed write, a full filesystem. After each, a re-run
completes and the warehouse holds every document exactly once."""
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from extract.ingest import read_folder
from extract.pipeline import extract_documents
from tests.conftest import SEEDS
from warehouse import load
from warehouse.db import connect

pytestmark = pytest.mark.slow


def corpus(folder: Path, copies: int) -> Path:
    """The seeds, `copies` times over, each copy a distinct document."""
    folder.mkdir()
    for n in range(copies):
        for path in sorted(SEEDS.glob("*.txt")):
            (folder / f"{n:02d}_{path.name}").write_text(path.read_text("utf-8") + f"\n\nCopy {n}.\n", "utf-8")
    return folder


DETAIL_TABLES = {"visit": "visits", "meeting": "meetings", "arms_authorization": "arms_authorizations",
                 "casualty_figure": "casualty_figures"}


def reference(folder: Path, n_documents: int) -> tuple[list, list]:
    """What a clean run loads from `folder` (`n_documents` of them): documents and events, extracted in-process."""
    ingested = read_folder(folder)
    assert len(ingested.documents) == n_documents
    return ingested.documents, extract_documents(ingested.documents).events


def consistent(db: Path, documents: list, events: list) -> None:
    """The warehouse holds exactly what a clean run of the same folder gives: every document and
    every event once (ids are deterministic), each event with its detail rows, nothing left over."""
    with connect(db, read_only=True) as conn:
        stored_docs = [d for (d,) in conn.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]
        assert stored_docs == sorted(d.doc_id for d in documents)  # each once
        assert conn.execute("SELECT count(*) = count(DISTINCT event_id) FROM events").fetchone() == (True,)
        orphans = conn.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
        assert orphans.fetchone() == (0,)
        per_type = dict(conn.execute("SELECT event_type, count(*) FROM events GROUP BY 1").fetchall())
        assert per_type == Counter(e.event_type for e in events) and set(per_type) == set(DETAIL_TABLES)
        stored = sorted(conn.execute("SELECT event_id, event_type, doc_id FROM events").fetchall())
        assert stored == sorted((e.event_id, e.event_type, e.doc_id) for e in events)
        for event_type, table in DETAIL_TABLES.items():  # one detail row per event of its type, and no stray one
            without = conn.execute(f"SELECT count(*) FROM events e ANTI JOIN {table} d USING (event_id) "
                                   "WHERE e.event_type = ?", [event_type]).fetchone()
            stray = conn.execute(f"SELECT count(*) FROM {table} d ANTI JOIN events e USING (event_id)").fetchone()
            rows = conn.execute(f"SELECT count(*), count(DISTINCT event_id) FROM {table}").fetchone()
            assert (without, stray, rows) == ((0,), (0,), (per_type[event_type],) * 2), table
        people = conn.execute("SELECT count(*) FROM meetings m WHERE n_participants <> "
                              "(SELECT count(*) FROM event_participants p WHERE p.event_id = m.event_id)").fetchone()
        stray = conn.execute("SELECT count(*) FROM event_participants p ANTI JOIN meetings m USING (event_id)")
        assert (people, stray.fetchone()) == ((0,), (0,))


def events_cli() -> str:
    return shutil.which("events", path=str(Path(sys.executable).parent))


def test_fault_sigkill_during_extraction_then_rerun(tmp_path):
    folder, db = corpus(tmp_path / "in", 4), tmp_path / "w.duckdb"
    command = [events_cli(), "run", str(folder), "--db", str(db), "--batch-size", "2"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for line in run.stderr:  # progress lines: kill once two batches are in, mid-way through the third
            if "batch 2/" in line:
                os.kill(run.pid, signal.SIGKILL)
                break
    finally:
        run.wait(timeout=120)
    assert run.returncode == -signal.SIGKILL
    with connect(db, read_only=True) as conn:
        assert 0 < conn.execute("SELECT count(*) FROM documents").fetchone()[0] < 20
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert "unchanged" in rerun.stdout
    consistent(db, *reference(folder, 20))


def test_fault_write_failure_rolls_back_then_rerun(nlp, tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    ingested = read_folder(SEEDS)
    batch = load.LoadBatch(ingested.documents, extract_documents(ingested.documents).events)

    def disk_full(conn):
        raise duckdb.IOException("could not write file: No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(load, "_upsert_rejects", disk_full)
        with connect(db) as conn, pytest.raises(duckdb.IOException):
            load.load_batch(conn, load.LoadBatch(batch.documents, batch.events, [load.Reject(
                stage="ingest", reason="x", source_file="x.txt")]), "run-1", "v1")
    with connect(db, read_only=True) as conn:  # nothing half-written
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    with connect(db) as conn:
        load.load_batch(conn, batch, "run-2", "v1")
    assert len(batch.documents) == 5
    consistent(db, batch.documents, batch.events)


@pytest.fixture
def small_filesystem(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=10m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_fault_full_filesystem_then_rerun(small_filesystem, tmp_path):
    folder, db = corpus(tmp_path / "in", 4), small_filesystem / "w.duckdb"
    filler = small_filesystem / "filler"
    filler.write_bytes(os.urandom(9 * 1024 * 1024))
    command = [events_cli(), "run", str(folder), "--db", str(db)]
    full = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert full.returncode == 1 and "No space left on device" in full.stderr
    assert "no transaction is active" not in full.stderr  # the real cause, not the failed ROLLBACK
    assert "Traceback" not in full.stdout + full.stderr and "leaked" not in full.stderr
    filler.unlink()
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    consistent(db, *reference(folder, 20))
    with connect(db, read_only=True) as conn:  # the failed run is not left `running`
        statuses = [s for (s,) in conn.execute("SELECT status FROM runs ORDER BY started_at").fetchall()]
    assert statuses[-1] == "completed" and all(s in ("failed", "abandoned", "completed") for s in statuses)
