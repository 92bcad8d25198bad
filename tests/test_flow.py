"""The real `etl` flow on a Prefect test API, and the `events` CLI as users run it."""
import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from flows.cli import main
from tests.conftest import SEEDS
from warehouse.db import connect

pytestmark = pytest.mark.slow
EVENT_TYPES = {"visit", "meeting", "arms_authorization", "casualty_figure"}


@pytest.fixture(scope="module")
def seeded_db(prefect_api, tmp_path_factory):
    from flows.etl import etl

    db = tmp_path_factory.mktemp("flow") / "events.duckdb"
    summary = etl(source=str(SEEDS), db=str(db))
    return db, summary


def rows(db, query):
    with connect(db, read_only=True) as conn:
        return conn.execute(query).fetchall()


def test_flow_loads_all_four_event_types_with_evidence(seeded_db):
    db, summary = seeded_db
    assert summary.documents_loaded == 5 and summary.flow_run_id
    types = {t for (t,) in rows(db, "SELECT DISTINCT event_type FROM v_events")}
    assert types == EVENT_TYPES
    slices = rows(db, "SELECT substr(d.text, e.char_start + 1, e.char_end - e.char_start) = e.sentence "
                      "FROM v_events e JOIN documents d USING (doc_id)")
    assert slices and all(ok for (ok,) in slices)


def test_flow_second_run_changes_no_rows(seeded_db):
    from flows.etl import etl

    db, _ = seeded_db
    query = "SELECT * EXCLUDE (run_id) FROM events ORDER BY event_id"
    before = rows(db, query)
    summary = etl(source=str(SEEDS), db=str(db))
    assert summary.documents_skipped == 5 and summary.documents_loaded == 0
    assert rows(db, query) == before
    assert rows(db, "SELECT count(*), count(DISTINCT status) FROM runs")[0] == (2, 1)


def test_flow_lineage_names_the_flow_run(seeded_db):
    db, summary = seeded_db
    (flow_run_id,) = rows(db, "SELECT flow_run_id FROM runs ORDER BY started_at LIMIT 1")[0]
    assert flow_run_id == summary.flow_run_id


def test_cli_sql_prints_a_table_and_refuses_writes(seeded_db):
    db, _ = seeded_db
    runner = CliRunner()
    result = runner.invoke(main, ["sql", "select event_type, count(*) from v_events group by 1", "--db", str(db)])
    assert result.exit_code == 0 and "meeting" in result.output and "rows)" in result.output
    result = runner.invoke(main, ["sql", "drop table events", "--db", str(db)])
    assert result.exit_code != 0 and "read-only" in result.output
    assert rows(db, "SELECT count(*) FROM events")[0][0] > 0


def test_cli_export_jsonl_contract_and_evidence(seeded_db, tmp_path):
    db, _ = seeded_db
    out = tmp_path / "x.jsonl"
    result = CliRunner().invoke(main, ["export", "--format", "jsonl", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    texts = dict(rows(db, "SELECT doc_id, text FROM documents"))
    exported = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert exported and list(exported[0])[:3] == ["event_id", "event_type", "doc_id"]
    for row in exported:
        assert texts[row["doc_id"]][row["char_start"]:row["char_end"]] == row["sentence"]


def test_cli_run_prints_a_summary_without_tracebacks(tmp_path):
    """`events run` as a user starts it: its own process, its own ephemeral Prefect server."""
    source = tmp_path / "articles"
    shutil.copytree(SEEDS, source)
    (source / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    db = tmp_path / "events.duckdb"
    events = shutil.which("events", path=str(__import__("pathlib").Path(sys.executable).parent))
    done = subprocess.run([events, "run", str(source), "--db", str(db)], capture_output=True, text=True,
                          timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Traceback" not in output and "Error" not in output
    assert "documents : 5 read, 5 loaded" in done.stdout and "rejects   : 2" in done.stdout
    strict = subprocess.run([events, "run", str(source), "--db", str(db), "--strict"], capture_output=True,
                            text=True, timeout=300)
    assert strict.returncode == 3


def test_flow_new_extractor_version_re_extracts_every_document_once(prefect_api, tmp_path, monkeypatch):
    import flows.etl
    from flows.etl import etl

    db = tmp_path / "events.duckdb"
    first = etl(source=str(SEEDS), db=str(db))
    monkeypatch.setattr(flows.etl, "EXTRACTOR_VERSION", "9.9.9-test")
    second = etl(source=str(SEEDS), db=str(db))
    assert (second.documents_loaded, second.documents_skipped) == (5, 0)
    assert second.events_loaded == first.events_loaded
    assert rows(db, "SELECT DISTINCT extractor_version FROM events") == [("9.9.9-test",)]
    assert rows(db, "SELECT count(*) = count(DISTINCT event_id) FROM events") == [(True,)]
    third = etl(source=str(SEEDS), db=str(db))
    assert third.documents_skipped == 5


def test_cli_rejects_and_timeline_export(seeded_db, tmp_path):
    db, _ = seeded_db
    runner = CliRunner()
    result = runner.invoke(main, ["rejects", "--db", str(db)])
    assert result.exit_code == 0 and "malformed number" in result.output
    out = tmp_path / "timeline.csv"
    result = runner.invoke(main, ["export", "--format", "csv", "--out", str(out), "--db", str(db),
                                  "--view", "v_timeline", "--where", "n_documents > 1"])
    assert result.exit_code == 0, result.output
    lines = out.read_text("utf-8").splitlines()
    assert lines[0].startswith("cluster_id,") and len(lines) >= 2 and "2 sources" in out.read_text("utf-8")


def _events_cli():
    from pathlib import Path

    return shutil.which("events", path=str(Path(sys.executable).parent))


def test_cli_two_simultaneous_runs_write_every_event_once(tmp_path):
    db = tmp_path / "events.duckdb"
    command = [_events_cli(), "run", str(SEEDS), "--db", str(db), "--lock-wait", "300"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=400)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted(o.count("5 loaded") for o in outputs) == [0, 1]  # the second found everything done
    with connect(db, read_only=True) as conn:
        assert conn.execute("SELECT count(*) = count(DISTINCT event_id) FROM events").fetchone() == (True,)
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (5,)


def test_cli_run_waits_for_the_lock_then_exits_with_a_clear_message(tmp_path):
    import os

    from warehouse.lock import writer_lock

    db = tmp_path / "events.duckdb"
    with writer_lock(db, what="another test run"):
        done = subprocess.run([_events_cli(), "run", str(SEEDS), "--db", str(db), "--lock-wait", "1"],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert f"process {os.getpid()}" in done.stderr and "another test run" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
