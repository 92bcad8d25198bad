"""Scheduled runs the way operators run them: a real `prefect server` on 127.0.0.1, a process
work pool, the deployment from prefect.yaml, a worker executing a triggered run."""
import datetime as dt
import json
import shutil
import socket
import time
import urllib.request

import pytest

from flows import serve
from tests.conftest import SEEDS
from warehouse.db import connect

pytestmark = pytest.mark.slow
FINAL = ("COMPLETED", "FAILED", "CRASHED", "CANCELLED")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(stack, path: str, body: dict | None = None) -> list | dict:
    """POST `body` to the server's API, or GET `path` without one."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{stack.api_url}{path}", data=data, headers={"Content-Type": "application/json"},
                                     method="GET" if body is None else "POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def wait_for_scheduled_runs(stack, seconds: float = 120.0) -> list[dict]:
    deadline = time.monotonic() + seconds
    while True:
        runs = api(stack, "/flow_runs/filter", {"limit": 50, "offset": 0,
                                                "flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}}})
        if runs or time.monotonic() > deadline:
            return runs
        time.sleep(2)


def wait_for_final_states(stack, ids: list[str], seconds: float = 300.0) -> list[dict]:
    deadline = time.monotonic() + seconds
    while True:
        runs = api(stack, "/flow_runs/filter", {"limit": 10, "offset": 0, "flow_runs": {"id": {"any_": ids}}})
        if (len(runs) == len(ids) and all(r["state_type"] in FINAL for r in runs)) or time.monotonic() > deadline:
            return runs
        time.sleep(2)


def at(timestamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(timestamp)


def test_schedule_deployment_runs_on_a_worker_against_a_real_server(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS", "5")  # a waiting run retries soon
    source, db = tmp_path / "articles", tmp_path / "events.duckdb"
    shutil.copytree(SEEDS, source)
    logs = tmp_path / "logs"
    logs.mkdir()
    stack = serve.start(free_port(), tmp_path / "prefect-home", logs)
    try:
        deployments = api(stack, "/deployments/filter", {"limit": 10, "offset": 0})
        nightly = next(d for d in deployments if d["name"] == "nightly")
        assert nightly["schedules"][0]["schedule"]["cron"] == "0 2 * * *"
        limit = nightly["global_concurrency_limit"]  # prefect.yaml: concurrency_limit 1, one run at a time
        assert (limit["name"], limit["limit"], limit["active"]) == (f"deployment:{nightly['id']}", 1, True)
        assert (nightly["concurrency_options"] or {}).get("collision_strategy", "ENQUEUE") == "ENQUEUE"  # later wait
        run = serve.prefect(stack, "deployment", "run", "etl/nightly", "--param", f"source={source}",
                            "--param", f"db={db}", "--watch", "--watch-timeout", "300", check=False)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:] + (logs / "worker.log").read_text()
        flow_runs = api(stack, "/flow_runs/filter", {"limit": 50, "offset": 0})
        completed = [r for r in flow_runs if r["state_type"] == "COMPLETED"]
        assert len(completed) == 1 and completed[0]["parameters"]["db"] == str(db)
        scheduled = wait_for_scheduled_runs(stack)  # the server's scheduler made the cron's next runs
        assert scheduled and all(r["expected_start_time"][11:16] == "02:00" for r in scheduled)
        # two runs at once: the second waits for the first's slot, then runs (concurrency_limit 1, ENQUEUE)
        pair = [api(stack, f"/deployments/{nightly['id']}/create_flow_run",
                    {"parameters": {"source": str(source), "db": str(db)}})["id"] for _ in range(2)]
        pair_runs = wait_for_final_states(stack, pair)
        assert [r["state_type"] for r in pair_runs] == ["COMPLETED"] * 2, pair_runs
        first, second = sorted(pair_runs, key=lambda r: at(r["start_time"]))
        assert at(first["end_time"]) <= at(second["start_time"])  # never both running
        states = [[s["name"] for s in api(stack, f"/flow_run_states/?flow_run_id={r['id']}")] for r in (first, second)]
        assert "AwaitingConcurrencySlot" not in states[0] and "AwaitingConcurrencySlot" in states[1], states
        assert api(stack, f"/deployments/{nightly['id']}")["global_concurrency_limit"]["active_slots"] == 0
        for command in (["work-pool", "ls"], ["deployment", "ls"], ["flow-run", "ls"]):  # as users type them
            listed = serve.prefect(stack, *command, check=False)
            assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stdout + listed.stderr
        assert "etl/nightly" in serve.prefect(stack, "deployment", "ls").stdout
    finally:
        stack.stop()
    assert all(p.poll() is not None for p in stack.processes)
    with connect(db, read_only=True) as conn:
        types = {t for (t,) in conn.execute("SELECT DISTINCT event_type FROM events").fetchall()}
        runs = dict(conn.execute("SELECT flow_run_id, status FROM runs").fetchall())
    assert types == {"visit", "meeting", "arms_authorization", "casualty_figure"}
    assert runs == {r["id"]: "completed" for r in (completed[0], first, second)}
