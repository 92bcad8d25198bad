"""Nothing stuck: every run ends `completed`, `failed` (with why) or, when killed, `abandoned`;
clusters come back after a crash; a killed run leaves no process behind."""
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from extract import EXTRACTOR_VERSION
from extract.ingest import read_folder
from tests.conftest import ROOT, SEEDS
from warehouse.load import document_fingerprint

pytestmark = pytest.mark.slow
EVENTS_CLI = str(Path(sys.executable).parent / "events")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--n", "120", "--out", str(folder)],
                   check=True, capture_output=True, timeout=120)
    return folder


def rows(db: Path, query: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(query).fetchall()


def alive(processes: list[psutil.Process]) -> list[str]:
    out = []
    for p in processes:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(" ".join(p.cmdline())[:120])
        except psutil.Error:
            pass
    return out


def start_and_signal(corpus: Path, db: Path, sig: signal.Signals) -> tuple[int, str, list[psutil.Process]]:
    """`events run` with two workers, signalled once its first batch is loaded (Prefect's API
    and the worker pool are up); returns its exit code, stderr and every process it had started."""
    command = [EVENTS_CLI, "run", str(corpus), "--db", str(db), "--workers", "2", "--batch-size", "20"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in run.stderr:
        lines.append(line)
        if "batch 1/" in line:
            break
    started = psutil.Process(run.pid).children(recursive=True)
    assert len(started) >= 3, lines  # the temporary API, the workers, the watchdog
    run.send_signal(sig)
    _, rest = run.communicate(timeout=120)  # after SIGKILL, returns once the watchdog has ended the rest
    return run.returncode, "".join(lines) + rest, started


def wait_until_gone(processes: list[psutil.Process], seconds: float = 15.0) -> list[str]:
    deadline = time.monotonic() + seconds
    while alive(processes) and time.monotonic() < deadline:
        time.sleep(0.25)
    return alive(processes)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_sigterm_records_the_run_as_failed_and_ends_its_processes(corpus, tmp_path, sig):
    db = tmp_path / "events.duckdb"
    code, stderr, started = start_and_signal(corpus, db, sig)
    assert code == 130 and "Interrupted: run recorded as failed" in stderr and "Traceback" not in stderr, stderr
    assert wait_until_gone(started) == []
    assert rows(db, "SELECT status, error FROM runs") == [("failed", "interrupted (SIGINT or SIGTERM)")]


def test_sigkill_leaves_no_process_and_no_running_row(corpus, tmp_path):
    db = tmp_path / "events.duckdb"
    code, _, started = start_and_signal(corpus, db, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert wait_until_gone(started) == []  # the watchdog ended Prefect's server, the workers, and itself
    loaded = rows(db, "SELECT count(*) FROM documents")[0][0]
    assert rows(db, "SELECT status, error FROM runs") == [
        ("abandoned", "ended without recording its end (killed); found by the watchdog of the killed run")]
    assert 0 < loaded < 120
    rerun = subprocess.run([EVENTS_CLI, "run", str(corpus), "--db", str(db)], capture_output=True, text=True,
                           timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{loaded} unchanged" in rerun.stdout
    assert rows(db, "SELECT status FROM runs ORDER BY started_at") == [("abandoned",), ("completed",)]
    assert rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(120, 120)]


def test_a_running_row_under_a_free_lock_is_abandoned_by_the_next_run(prefect_api, tmp_path, seeds_warehouse):
    """When even the watchdog could not mark it (killed too, or the machine lost power)."""
    from flows.etl import etl

    db = tmp_path / "events.duckdb"
    shutil.copy(seeds_warehouse, db)
    with duckdb.connect(str(db)) as conn:
        conn.execute("UPDATE runs SET status = 'running'")
    etl(source=str(SEEDS), db=str(db))
    assert rows(db, "SELECT run_id, status FROM runs ORDER BY started_at")[0] == ("run-seeds", "abandoned")
    assert [s for (s,) in rows(db, "SELECT status FROM runs")].count("running") == 0


def test_a_failing_stage_records_failed_with_its_error(prefect_api, tmp_path, monkeypatch):
    import flows.etl

    def broken(documents):
        raise RuntimeError("the extractor broke")

    monkeypatch.setattr(flows.etl, "extract_documents", broken)
    db = tmp_path / "events.duckdb"
    with pytest.raises(RuntimeError, match="the extractor broke"):
        flows.etl.etl(source=str(SEEDS), db=str(db))
    assert rows(db, "SELECT status, error FROM runs") == [("failed", "RuntimeError: the extractor broke")]


def test_clusters_come_back_after_a_crash_between_load_and_refine(prefect_api, tmp_path, seeds_warehouse):
    from flows.etl import etl

    db = tmp_path / "events.duckdb"
    shutil.copy(seeds_warehouse, db)
    with duckdb.connect(str(db)) as conn:  # the state a kill right after the last load leaves
        conn.execute("UPDATE events SET cluster_id = NULL")
        conn.execute("DELETE FROM event_clusters")
        for d in read_folder(SEEDS).documents:  # and the documents are current: nothing to load
            conn.execute("UPDATE documents SET fingerprint = ? WHERE doc_id = ?",
                         [document_fingerprint(d, EXTRACTOR_VERSION), d.doc_id])
    summary = etl(source=str(SEEDS), db=str(db))
    assert summary.documents_loaded == 0 and "refine" in summary.stage_seconds
    assert rows(db, "SELECT count(*) FROM events WHERE cluster_id IS NULL") == [(0,)]
    assert rows(db, "SELECT count(*) FROM v_timeline")[0][0] > 0
    again = etl(source=str(SEEDS), db=str(db))
    assert "refine" not in again.stage_seconds  # fresh clusters are not recomputed for nothing


# --- clear one-line errors ----------------------------------------------------------------------------

def one_line_error(done: subprocess.CompletedProcess) -> str:
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output and "leaked" not in output, output
    errors = [line for line in output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, output
    return errors[0]


def test_a_damaged_warehouse_is_said_before_documents_are_called_unchanged(tmp_path):
    db = tmp_path / "events.duckdb"
    assert subprocess.run([EVENTS_CLI, "run", str(SEEDS), "--db", str(db)], capture_output=True,
                          timeout=300).returncode == 0
    with db.open("r+b") as handle:  # a copy cut short, as a full disk or an interrupted transfer leaves it
        handle.truncate(db.stat().st_size // 2)
    for command in (["run", str(SEEDS)], ["rejects"], ["report", "--out", str(tmp_path / "r.html")],
                    ["sql", "select count(*) from v_events"], ["export", "--format", "csv", "--out", str(tmp_path / "x.csv")]):
        done = subprocess.run([EVENTS_CLI, *command, "--db", str(db)], capture_output=True, text=True, timeout=300)
        line = one_line_error(done)
        assert f"the warehouse {db} is damaged and cannot be read" in line and "unchanged" not in done.stdout
    assert not (tmp_path / "r.html").exists() and not (tmp_path / "x.csv").exists()


@pytest.fixture
def read_only_folder(tmp_path):
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a read-only tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("where", ["events.duckdb", "new/events.duckdb"])
def test_a_warehouse_in_a_read_only_folder_is_one_line(read_only_folder, where):
    done = subprocess.run([EVENTS_CLI, "run", str(SEEDS), "--db", str(read_only_folder / where)],
                          capture_output=True, text=True, timeout=120)
    assert "Read-only file system" in one_line_error(done)
