"""Nothing doubled: ids from canonical content, and one document per source."""
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from extract.ingest import read_folder
from extract.pipeline import canonical, event_id_for
from schemas import Evidence
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow
EVENTS_CLI = str(Path(sys.executable).parent / "events")


def test_ids_hash_canonical_content_not_repr():
    evidence = Evidence(sentence="x", char_start=0, char_end=1)
    people = ["Ana Lima", "Otto Brandt", "Mia Sousa", "Ravi Nair"]
    ids = {event_id_for("d" * 16, "meeting", evidence, ("meeting", frozenset(order), dt.date(2024, 3, 1)))
           for order in (people, people[::-1], people[1:] + people[:1])}
    assert len(ids) == 1
    assert canonical(("m", frozenset({"b", "a"}), dt.date(2024, 1, 2), 5.0)) == ["m", ["a", "b"], "2024-01-02", 5]


def _run_and_export(tmp_path: Path, seed: str) -> dict[str, bytes]:
    db = tmp_path / f"seed{seed}.duckdb"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([EVENTS_CLI, "run", str(SEEDS), "--db", str(db)], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    out = {}
    for view in ("v_events", "v_timeline"):
        target = tmp_path / f"{view}-{seed}.csv"
        exported = subprocess.run([EVENTS_CLI, "export", "--format", "csv", "--view", view, "--out", str(target),
                                   "--db", str(db)], env=env, capture_output=True, text=True, timeout=120)
        assert exported.returncode == 0, exported.stderr
        out[view] = target.read_bytes()
    return out


def test_exports_are_byte_identical_across_hash_seeds(tmp_path):
    """Two processes with different string hashing (set order) give the same ids, clusters and bytes."""
    first, second = _run_and_export(tmp_path, "1"), _run_and_export(tmp_path, "2")
    assert first["v_events"].count(b"\n") > 40
    assert first == second


# --- one document per source ----------------------------------------------------------------------

def _load(folder: Path, db: Path, run_id: str):
    """What a run does to the warehouse, without Prefect: ingest, extract, load, refine."""
    from extract.pipeline import extract_documents
    from warehouse.db import connect
    from warehouse.load import LoadBatch, load_batch
    from warehouse.refine import refine

    ingested = read_folder(folder)
    extracted = extract_documents(ingested.documents)
    with connect(db) as conn:
        counts = load_batch(conn, LoadBatch(ingested.documents, extracted.events, extracted.rejects), run_id, "t")
        refine(conn)
    return counts


def _one(db: Path, query: str):
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(query).fetchall()


MULTI_SOURCE = "SELECT count(*) FROM event_clusters WHERE n_documents > 1"


def test_an_edited_article_replaces_its_older_text(tmp_path):
    folder, db = tmp_path / "articles", tmp_path / "events.duckdb"
    shutil.copytree(SEEDS, folder)
    _load(folder, db, "first")
    before = _one(db, f"SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), ({MULTI_SOURCE})")[0]
    edited = sorted(folder.glob("*.txt"))[0]
    edited.write_text(edited.read_text("utf-8").replace(" the ", " a ", 1), "utf-8")
    counts = _load(folder, db, "second")
    assert counts.replaced == 1
    after = _one(db, f"SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), ({MULTI_SOURCE})")[0]
    assert after == before  # one word changed: the same documents, events and linked events
    history = _one(db, "SELECT source_file, replaced_by, run_id FROM document_history")
    (new_id,) = _one(db, f"SELECT doc_id FROM documents WHERE source_file = '{edited.name}'")[0]
    assert history == [(edited.name, new_id, "second")]
    assert _one(db, "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)") == [(0,)]
    assert _one(db, "SELECT count(*) FROM rejects WHERE stage <> 'ingest' AND doc_id NOT IN "
                    "(SELECT doc_id FROM documents)") == [(0,)]


def test_two_folders_with_the_same_file_names_are_different_sources(tmp_path):
    db = tmp_path / "events.duckdb"
    for name, city in (("a", "Quito"), ("b", "Lima")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "article1.txt").write_text(f"Foreign Minister Ana Lima met President Otto Brandt in {city} on Monday.")
    assert _load(tmp_path / "a", db, "a").replaced == 0 and _load(tmp_path / "b", db, "b").replaced == 0
    assert _one(db, "SELECT count(*) FROM documents") == [(2,)]


def test_a_url_is_the_source_wherever_its_file_lies(tmp_path):
    db = tmp_path / "events.duckdb"
    for name, city in (("monday", "Quito"), ("tuesday", "Lima")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / f"{name}.txt").write_text(f"Foreign Minister Ana Lima met President Otto Brandt in {city} on Monday.")
        (folder / "manifest.csv").write_text(f"file,source,title,url,published\n{name}.txt,Wire,,https://x.example/1,2024-03-11\n")
    _load(tmp_path / "monday", db, "1")
    assert _load(tmp_path / "tuesday", db, "2").replaced == 1
    assert _one(db, "SELECT source_file, source_key FROM documents") == [("tuesday.txt", "url:https://x.example/1")]


def test_of_two_copies_the_one_the_manifest_describes_is_kept(tmp_path):
    text = "Foreign Minister Ana Lima met President Otto Brandt in Quito on Monday."
    (tmp_path / "a_copy.txt").write_text(text)
    (tmp_path / "b_listed.txt").write_text(text)
    (tmp_path / "manifest.csv").write_text("file,source,title,url,published\nb_listed.txt,Wire,,,2024-03-11\n")
    result = read_folder(tmp_path)
    assert [(d.source_file, d.published) for d in result.documents] == [("b_listed.txt", dt.date(2024, 3, 11))]
    assert [(r.source_file, r.reason) for r in result.rejects] == [
        ("a_copy.txt", "duplicate of b_listed.txt (same text); loaded once")]


def test_duplicate_manifest_rows_and_shared_urls_are_rejects(tmp_path):
    for name, city in (("a.txt", "Quito"), ("b.txt", "Lima")):
        (tmp_path / name).write_text(f"Foreign Minister Ana Lima met President Otto Brandt in {city} on Monday.")
    (tmp_path / "manifest.csv").write_text("file,source,title,url,published\n"
                                           "a.txt,Wire,,https://x.example/1,2024-03-11\n"
                                           "a.txt,Other,,,2024-03-12\n"
                                           "b.txt,Wire,,https://x.example/1,2024-03-11\n")
    result = read_folder(tmp_path)
    assert [(d.source_file, d.publisher, d.published) for d in result.documents] == [
        ("a.txt", "Wire", dt.date(2024, 3, 11))]
    assert [(r.source_file, r.reason) for r in result.rejects] == [
        ("a.txt", "manifest.csv line 3 repeats a.txt (first given on line 2); that first row is used"),
        ("b.txt", "manifest.csv gives it the url of a.txt, another text; one source is one document, "
                  "so it is not loaded (give it its own url)")]
