"""No orphans: the processes a run starts end with it, however it ends.

`events run` starts Prefect's temporary API server (uvicorn) and, with --workers, a pool of
extraction processes. On a normal exit or SIGTERM, Prefect stops them itself. When the run is
killed (SIGKILL, the OOM killer), nothing in it can clean up, and they would live on. So
`events run` starts this watchdog first, in a session of its own. It keeps a list of the run's
descendants and ends them when the run is gone: when the pipe from the run closes, or when the
run is no longer alive. A run that ends normally says so on the pipe first; otherwise the
watchdog also marks the killed run `abandoned` in the warehouse, once the writer lock is free.

    python -m flows.watchdog PID DB     (stdin: a pipe whose other end only PID holds)
"""
from __future__ import annotations

import atexit
import os
import select
import subprocess
import sys
from pathlib import Path

import psutil

POLL_SECONDS = 0.5
GRACE_SECONDS = 5.0
LOCK_WAIT_SECONDS = 10.0  # a new run that took the lock first marks the row itself


def start(db: str | os.PathLike) -> subprocess.Popen:
    """Watch this process; the returned watchdog ends by itself once this process has ended."""
    watchdog = subprocess.Popen([sys.executable, "-m", "flows.watchdog", str(os.getpid()), str(db)],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
    atexit.register(_ended_normally, watchdog)
    return watchdog


def _ended_normally(watchdog: subprocess.Popen) -> None:
    try:
        watchdog.stdin.write(b"done\n")
        watchdog.stdin.flush()
    except OSError:
        pass


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def watch(pid: int) -> tuple[list[psutil.Process], bool]:
    """Until `pid` is gone, remember its descendants. Returns them (psutil checks their identity,
    so a reused pid is never mistaken for one of them) and whether the run said it ended normally."""
    parent = psutil.Process(pid)
    seen: dict[int, psutil.Process] = {}
    said = b""
    while _alive(parent):
        try:
            for child in parent.children(recursive=True):
                if child.pid != os.getpid():  # the run's child too, but it must outlive the run
                    seen.setdefault(child.pid, child)
        except psutil.Error:
            break
        ready, _, _ = select.select([sys.stdin], [], [], POLL_SECONDS)
        if ready:
            data = os.read(sys.stdin.fileno(), 1024)
            said += data
            if not data:
                break  # the run closed its end: it has exited
    return list(seen.values()), b"done" in said


def end(processes: list[psutil.Process]) -> None:
    living = [p for p in processes if _alive(p)]
    for process in living:
        try:
            process.terminate()
        except psutil.Error:
            pass
    _, still = psutil.wait_procs(living, timeout=GRACE_SECONDS)
    for process in still:
        try:
            process.kill()
        except psutil.Error:
            pass


def abandon_killed_run(db: str) -> None:
    """Under the writer lock no run is alive, so a `running` row is the killed run's."""
    from warehouse.db import connect
    from warehouse.load import abandon_running
    from warehouse.lock import writer_lock

    try:
        with writer_lock(db, LOCK_WAIT_SECONDS, what="watchdog of a killed run"), connect(db) as conn:
            abandon_running(conn, "the watchdog of the killed run")
    except Exception:  # noqa: BLE001 - the next run marks it instead
        pass


def main() -> None:
    processes, ended_normally = watch(int(sys.argv[1]))
    end(processes)
    if not ended_normally and Path(sys.argv[2]).exists():
        abandon_killed_run(sys.argv[2])


if __name__ == "__main__":
    main()
