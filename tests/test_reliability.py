"""Bad input never stops a run and never disappears; a killed load leaves a consistent warehouse."""
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from extract.ingest import read_folder
from extract.pipeline import extract_documents
from tests.conftest import ROOT, SEEDS
from warehouse.db import connect
from warehouse.load import LoadBatch, load_batch


def load_folder(folder, db, version="v1"):
    ingested = read_folder(folder)
    extracted = extract_documents(ingested.documents)
    with connect(db) as conn:
        load_batch(conn, LoadBatch(ingested.documents, extracted.events, ingested.rejects + extracted.rejects),
                   "run", version)


def test_bad_inputs_each_become_one_reject_and_the_rest_loads(nlp, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Foreign Minister Ana Lima met President Otto Brandt in Lima on Monday.")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x00\xff\xfe\x00\x00" * 20)
    (folder / "empty.txt").write_text("")
    (folder / "figure.txt").write_text("Officials said more than 12,0000 people were killed in the raid.")
    db = tmp_path / "w.duckdb"
    for _ in range(2):  # a second run adds nothing
        load_folder(folder, db)
    with connect(db, read_only=True) as conn:
        rejects = conn.execute("SELECT source_file, stage, reason FROM rejects ORDER BY source_file").fetchall()
        loaded = {r[0] for r in conn.execute("SELECT source_file FROM documents").fetchall()}
    assert [(f, s) for f, s, _ in rejects] == [("binary.txt", "ingest"), ("empty.txt", "ingest"),
                                               ("figure.txt", "extract")]
    assert all(reason for _, _, reason in rejects)
    assert loaded == {"good.txt", "figure.txt"}


def test_new_extractor_version_replaces_each_document_once(nlp, tmp_path):
    db = tmp_path / "w.duckdb"
    load_folder(SEEDS, db, "v1")
    load_folder(SEEDS, db, "v2")
    with connect(db, read_only=True) as conn:
        versions = conn.execute("SELECT DISTINCT extractor_version FROM events").fetchall()
        dupes = conn.execute("SELECT count(*) - count(DISTINCT event_id) FROM events").fetchone()[0]
        docs = conn.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone()
    assert versions == [("v2",)] and dupes == 0 and docs == (5, 5)


KILLED_LOAD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from extract.ingest import read_folder
    from extract.pipeline import extract_documents
    from warehouse import load
    from warehouse.db import connect

    original = load._delete_documents
    def slow_delete(conn, retired):
        original(conn, retired)
        print("inside-transaction", flush=True)
        time.sleep(60)          # killed here: old rows deleted, new ones not yet inserted
    load._delete_documents = slow_delete
    ingested = read_folder(__import__("pathlib").Path({seeds!r}))
    extracted = extract_documents(ingested.documents)
    with connect({db!r}) as conn:
        load.load_batch(conn, load.LoadBatch(ingested.documents, extracted.events, extracted.rejects), "killed", "v2")
""")


@pytest.mark.slow
def test_sigkill_during_load_leaves_a_consistent_warehouse(nlp, tmp_path):
    db = tmp_path / "w.duckdb"
    load_folder(SEEDS, db, "v1")
    with connect(db, read_only=True) as conn:
        before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    script = KILLED_LOAD.format(root=str(ROOT), seeds=str(SEEDS), db=str(db))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "inside-transaction"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    with connect(db, read_only=True) as conn:  # the uncommitted batch is gone, the old one is whole
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == before
        assert conn.execute("SELECT DISTINCT extractor_version FROM events").fetchall() == [("v1",)]
    load_folder(SEEDS, db, "v2")  # the re-run completes
    with connect(db, read_only=True) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone() == (before, before)
        assert conn.execute("SELECT DISTINCT extractor_version FROM events").fetchall() == [("v2",)]


def test_writer_lock_is_exclusive_across_processes_and_names_the_holder(tmp_path):
    from warehouse.exceptions import WarehouseLocked
    from warehouse.lock import writer_lock

    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from warehouse.lock import writer_lock
        with writer_lock({str(db)!r}, what="holder"):
            print("locked", flush=True)
            time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(WarehouseLocked, match=rf"process {holder.pid} .*holder.*waited 0.5s"):
            with writer_lock(db, wait_seconds=0.5):
                pass
    finally:
        holder.kill()
        holder.wait(timeout=30)
    with writer_lock(db, wait_seconds=5):  # released when its holder died
        with writer_lock(db, wait_seconds=0):  # re-entrant within one process
            pass
