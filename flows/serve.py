"""`make serve`: a Prefect server on 127.0.0.1, the work pool, the deployments of prefect.yaml,
and a worker, stopped cleanly together on Ctrl-C.

    .venv/bin/python -m flows.serve [--port 4200] [--home .prefect-server]

Then `prefect deployment run 'etl/nightly'` (with PREFECT_API_URL as printed) starts a run
now; the cron schedule in prefect.yaml starts one every night.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POOL = "events-pool"
PREFECT = str(Path(sys.executable).parent / "prefect")


@dataclass
class Stack:
    """A running server and worker, with the environment that points clients at them."""

    port: int
    env: dict[str, str]
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def stop(self) -> None:
        """Workers first, then the server; each gets SIGTERM, then SIGKILL after a grace period."""
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def environment(port: int, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PREFECT_HOME=str(home), PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_SERVER_API_HOST="127.0.0.1",
               PREFECT_SERVER_API_PORT=str(port), PREFECT_LOGGING_EXTRA_LOGGERS="etl")
    return env


def _spawn(args: list[str], env: dict[str, str], log: Path | None) -> subprocess.Popen:
    out = open(log, "ab") if log else subprocess.DEVNULL
    return subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def wait_until_healthy(stack: Stack, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stack.processes and stack.processes[0].poll() is not None:
            raise RuntimeError("the Prefect server exited during start-up (see its log)")
        try:
            with urllib.request.urlopen(f"{stack.api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"the Prefect server did not answer on {stack.api_url} within {timeout:g}s")


def prefect(stack: Stack, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([PREFECT, "--no-prompt", *args], env=stack.env, cwd=ROOT, capture_output=True,
                          text=True, timeout=180, check=check)


def deploy(stack: Stack) -> None:
    """`prefect deploy --all` from the project root, as a user types it."""
    done = prefect(stack, "deploy", "--all", check=False)
    if done.returncode != 0:
        raise RuntimeError(f"prefect deploy failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


def start(port: int, home: Path, logs: Path | None = None) -> Stack:
    """Server, pool, deployments and worker; stops what it started if any step fails."""
    home.mkdir(parents=True, exist_ok=True)
    stack = Stack(port, environment(port, home))
    try:
        stack.processes.append(_spawn([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                                      stack.env, logs and logs / "server.log"))
        wait_until_healthy(stack)
        if prefect(stack, "work-pool", "inspect", POOL, check=False).returncode != 0:
            prefect(stack, "work-pool", "create", POOL, "--type", "process")
        deploy(stack)
        stack.processes.append(_spawn([PREFECT, "worker", "start", "--pool", POOL], stack.env,
                                      logs and logs / "worker.log"))
    except BaseException:
        stack.stop()
        raise
    return stack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=4200, help="port of the server on 127.0.0.1")
    parser.add_argument("--home", type=Path, default=ROOT / ".prefect-server",
                        help="PREFECT_HOME for the server's database and logs")
    args = parser.parse_args()
    logs = args.home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    print(f"starting a Prefect server on 127.0.0.1:{args.port} (logs in {logs}) ...", flush=True)
    stack = start(args.port, args.home, logs)
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"UI:      http://127.0.0.1:{args.port}\n"
          f"API:     export PREFECT_API_URL={stack.api_url}\n"
          f"run now: .venv/bin/prefect deployment run 'etl/nightly'\n"
          f"worker polling pool '{POOL}'. Ctrl-C stops the worker and the server.", flush=True)
    while not stopping and all(p.poll() is None for p in stack.processes):
        time.sleep(0.5)
    print("stopping the worker and the server ...", flush=True)
    stack.stop()


if __name__ == "__main__":
    main()
