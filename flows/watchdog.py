"""No orphans: the processes a run starts end with it, however it ends.

`events run` starts Prefect's temporary API server (uvicorn) and, with --workers, a pool of
extraction processes. On a normal exit or SIGTERM, Prefect stops them itself. When the run is
killed (SIGKILL, the OOM killer), nothing in it can clean up, and they would live on. So
`events run` starts this watchdog first, in a session of its own. It keeps a list of the run's
descendants and ends them when the run is gone: when the pipe from the run closes, or when the
run is no longer alive.

    python -m flows.watchdog PID     (stdin: a pipe whose other end only PID holds)
"""
from __future__ import annotations

import os
import select
import subprocess
import sys

import psutil

POLL_SECONDS = 0.5
GRACE_SECONDS = 5.0


def start() -> subprocess.Popen:
    """Watch this process; the returned watchdog ends by itself once this process has ended."""
    return subprocess.Popen([sys.executable, "-m", "flows.watchdog", str(os.getpid())], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def watch(pid: int) -> list[psutil.Process]:
    """Until `pid` is gone, remember its descendants; returns them (psutil checks their identity,
    so a reused pid is never mistaken for one of them)."""
    parent = psutil.Process(pid)
    seen: dict[int, psutil.Process] = {}
    while _alive(parent):
        try:
            for child in parent.children(recursive=True):
                if child.pid != os.getpid():  # the run's child too, but it must outlive the run
                    seen.setdefault(child.pid, child)
        except psutil.Error:
            break
        ready, _, _ = select.select([sys.stdin], [], [], POLL_SECONDS)
        if ready and not os.read(sys.stdin.fileno(), 1024):
            break  # the run closed its end: it has exited
    return list(seen.values())


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


def main() -> None:
    end(watch(int(sys.argv[1])))


if __name__ == "__main__":
    main()
