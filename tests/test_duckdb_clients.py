"""The warehouse opens in the DuckDB clients analysts have: the 1.x shell `make run` installs, and Python."""
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT
from warehouse.storage import STORAGE_VERSION, file_storage_version, to_portable

pytestmark = pytest.mark.slow
DUCKDB_CLI = Path(sys.executable).parent / "duckdb"
README = (ROOT / "README.md").read_text("utf-8")
DOC_QUERIES = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "warehouse.md").read_text("utf-8"), re.S)
TABLES = ["documents", "events", "visits", "meetings", "event_participants", "arms_authorizations",
          "casualty_figures", "event_clusters", "rejects", "runs"]


def readme_cli_command(db: Path) -> list[str]:
    """The README's one-shot `.venv/bin/duckdb` command, pointed at `db`."""
    line = next(line for line in README.splitlines() if line.startswith(".venv/bin/duckdb ") and " -c " in line)
    words = shlex.split(line)
    assert words[:3] == [".venv/bin/duckdb", "-readonly", "warehouse/events.duckdb"]
    return [str(DUCKDB_CLI), "-readonly", str(db), *words[3:]]


def box_rows(output: str) -> list[list[str]]:
    """The data rows of the shell's box table (between the header rule and the bottom line)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("├"))
    return [[cell.strip() for cell in line.strip("│").split("│")] for line in lines[start + 1:]
            if line.startswith("│")]


def cli_json(db: Path, query: str) -> list[dict]:
    done = subprocess.run([str(DUCKDB_CLI), "-readonly", "-json", str(db), "-c", query],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout or "[]")


@pytest.fixture(scope="module")
def made_by_make_run(tmp_path_factory):
    """A warehouse made the way the README says: `make run`, into a DB of this test's own."""
    db = tmp_path_factory.mktemp("make-run") / "events.duckdb"
    done = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "run", f"DB={db}"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 loaded" in done.stdout
    return db


def test_make_run_installs_a_duckdb_shell_that_reads_the_file_format():
    version = subprocess.run([str(DUCKDB_CLI), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("v1.")


def test_the_readme_shell_command_answers_on_a_make_run_warehouse(made_by_make_run):
    assert file_storage_version(made_by_make_run) == f"{STORAGE_VERSION}+"
    done = subprocess.run(readme_cli_command(made_by_make_run), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    with duckdb.connect(str(made_by_make_run), read_only=True) as conn:  # the Python package, read-only
        expected = conn.execute("select event_type, count(*) from v_events group by 1 order by 1").fetchall()
    assert [tuple(row) for row in box_rows(done.stdout)] == [(kind, str(n)) for kind, n in expected]
    assert {kind for kind, _ in expected} == {"visit", "meeting", "arms_authorization", "casualty_figure"}


def test_the_python_package_opens_it_read_only_and_refuses_writes(made_by_make_run):
    with duckdb.connect(str(made_by_make_run), read_only=True) as conn:
        assert conn.execute("select count(*) from v_events").fetchone()[0] > 0
        with pytest.raises(duckdb.InvalidInputException, match="read-only"):
            conn.execute("delete from events")


@pytest.mark.parametrize("query", DOC_QUERIES, ids=[f"q{i + 1}" for i in range(len(DOC_QUERIES))])
def test_the_ten_documented_questions_run_in_the_shell(made_by_make_run, query):
    with duckdb.connect(str(made_by_make_run), read_only=True) as conn:
        expected = conn.execute(query).fetchall()
    assert len(cli_json(made_by_make_run, query)) == len(expected) > 0


def _in_duckdb_2_format(source: Path, target: Path) -> None:
    with duckdb.connect(":memory:") as conn:
        conn.execute("ATTACH ? AS src (READ_ONLY)", [str(source)])
        conn.execute("ATTACH ? AS dst (STORAGE_VERSION 'v2.0.0')", [str(target)])
        conn.execute("COPY FROM DATABASE src TO dst")


def _contents(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def test_a_warehouse_in_duckdb_2_format_is_converted_whole(seeds_warehouse, tmp_path):
    old = tmp_path / "old.duckdb"
    _in_duckdb_2_format(seeds_warehouse, old)
    assert file_storage_version(old) == "v2.0.0+"
    refused = subprocess.run([str(DUCKDB_CLI), "-readonly", str(old), "-c", "select 1"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "version" in refused.stderr  # what users met before
    before = _contents(old)
    assert to_portable(old) == "v2.0.0+"
    assert file_storage_version(old) == f"{STORAGE_VERSION}+"
    assert _contents(old) == before and all(before[t] for t in ("documents", "events", "event_clusters"))
    assert not list(tmp_path.glob("*.portable"))
    assert to_portable(old) is None  # already portable: the file is left alone
    assert cli_json(old, "select count(*) as n from v_events") == [{"n": len(before["events"])}]


def test_events_run_converts_an_old_warehouse_and_says_so(seeds_warehouse, tmp_path):
    db = tmp_path / "events.duckdb"
    _in_duckdb_2_format(seeds_warehouse, db)
    events = shutil.which("events", path=str(Path(sys.executable).parent))
    done = subprocess.run([events, "run", str(ROOT / "seeds"), "--db", str(db)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"from DuckDB storage format v2.0.0+ to {STORAGE_VERSION}" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert file_storage_version(db) == f"{STORAGE_VERSION}+"
    runs = cli_json(db, "select run_id, status from runs order by started_at")
    assert [r["run_id"] for r in runs][0] == "run-seeds" and runs[-1]["status"] == "completed"
