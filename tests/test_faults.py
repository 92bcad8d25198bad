"""Faults: a killed extraction, a failed write, a full filesystem. After each, a re-run
completes and the warehouse holds every document exactly once."""
import os
import shutil
import signal
import subprocess
import sys
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


def consistent(db: Path, n_documents: int) -> None:
    with connect(db, read_only=True) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (n_documents,) * 2
        assert conn.execute("SELECT count(*) = count(DISTINCT event_id) FROM events").fetchone() == (True,)
        orphans = conn.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
        assert orphans.fetchone() == (0,)
        per_doc = conn.execute("SELECT min(n), max(n) FROM (SELECT doc_id, count(*) n FROM events GROUP BY 1)")
        assert per_doc.fetchone()[0] > 0


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
    consistent(db, 20)


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
    consistent(db, 5)


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
    consistent(db, 20)
    with connect(db, read_only=True) as conn:  # the failed run is not left `running`
        statuses = [s for (s,) in conn.execute("SELECT status FROM runs ORDER BY started_at").fetchall()]
    assert statuses[-1] == "completed" and all(s in ("failed", "abandoned", "completed") for s in statuses)
