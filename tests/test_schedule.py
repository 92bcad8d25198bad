"""Scheduled runs the way operators run them: a real `prefect server` on 127.0.0.1, a process
work pool, the deployment from prefect.yaml, a worker executing a triggered run."""
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(stack, path: str, body: dict) -> list | dict:
    request = urllib.request.Request(f"{stack.api_url}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
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


def test_schedule_deployment_runs_on_a_worker_against_a_real_server(tmp_path):
    source, db = tmp_path / "articles", tmp_path / "events.duckdb"
    shutil.copytree(SEEDS, source)
    logs = tmp_path / "logs"
    logs.mkdir()
    stack = serve.start(free_port(), tmp_path / "prefect-home", logs)
    try:
        deployments = api(stack, "/deployments/filter", {"limit": 10, "offset": 0})
        nightly = next(d for d in deployments if d["name"] == "nightly")
        assert nightly["schedules"][0]["schedule"]["cron"] == "0 2 * * *"
        assert nightly["concurrency_limit"] == 1 or nightly.get("global_concurrency_limit")
        run = serve.prefect(stack, "deployment", "run", "etl/nightly", "--param", f"source={source}",
                            "--param", f"db={db}", "--watch", "--watch-timeout", "300", check=False)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:] + (logs / "worker.log").read_text()
        flow_runs = api(stack, "/flow_runs/filter", {"limit": 50, "offset": 0})
        completed = [r for r in flow_runs if r["state_type"] == "COMPLETED"]
        assert len(completed) == 1 and completed[0]["parameters"]["db"] == str(db)
        scheduled = wait_for_scheduled_runs(stack)  # the server's scheduler made the cron's next runs
        assert scheduled and all(r["expected_start_time"][11:16] == "02:00" for r in scheduled)
        for command in (["work-pool", "ls"], ["deployment", "ls"], ["flow-run", "ls"]):  # as users type them
            listed = serve.prefect(stack, *command, check=False)
            assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stdout + listed.stderr
        assert "etl/nightly" in serve.prefect(stack, "deployment", "ls").stdout
    finally:
        stack.stop()
    assert all(p.poll() is not None for p in stack.processes)
    with connect(db, read_only=True) as conn:
        types = {t for (t,) in conn.execute("SELECT DISTINCT event_type FROM events").fetchall()}
        (flow_run_id,) = conn.execute("SELECT flow_run_id FROM runs").fetchone()
    assert types == {"visit", "meeting", "arms_authorization", "casualty_figure"}
    assert flow_run_id == flow_runs[0]["id"]
