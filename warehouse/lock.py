"""One writer per warehouse: a run holds `<db>.lock` from start to end.

DuckDB allows one writing process at a time, and a run opens the file once per
batch; without a run-level lock two runs would interleave their batches. The
second run waits (bounded) and then fails with a message naming the holder.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from warehouse.exceptions import WarehouseError, WarehouseLocked

DEFAULT_WAIT_SECONDS = 60.0
POLL_SECONDS = 0.25


def lock_path(db: str | Path) -> Path:
    return Path(f"{db}.lock")


def holder_of(db: str | Path) -> str:
    """Who holds the lock, as written in the lock file by the holder."""
    try:
        info = json.loads(lock_path(db).read_text("utf-8") or "{}")
    except (OSError, ValueError):
        return "another process"
    return f"process {info.get('pid')} on {info.get('host')} (since {info.get('since')}: {info.get('what')})"


def _open_lock_file(path: Path):
    """The lock file, never through a symbolic link: the holder truncates and rewrites it, and a
    link would turn that into overwriting whatever file the link points to."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
    except OSError as err:
        if os.path.islink(path):
            raise WarehouseError(f"the lock file {path} is a symbolic link; it is never followed "
                                 "(remove the link and run again)") from None
        raise WarehouseError(f"cannot open the lock file {path}: {err.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise WarehouseError(f"the lock file {path} is not a regular file; remove it and run again")
    return os.fdopen(fd, "r+", encoding="utf-8")


_held: dict[str, int] = {}  # re-entrant within a process: the CLI and its flow both take it


@contextmanager
def writer_lock(db: str | Path, wait_seconds: float = DEFAULT_WAIT_SECONDS, what: str = "events run") -> Iterator[None]:
    path = lock_path(db)
    key = str(path.resolve())
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WarehouseError(f"cannot make the warehouse's folder {path.parent}: {err.strerror}") from None
    handle = _open_lock_file(path)
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseLocked(
                        f"{db} is being written by {holder_of(db)}; waited {wait_seconds:g}s for it to finish "
                        f"(--lock-wait to wait longer)") from None
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                 "since": time.strftime("%Y-%m-%d %H:%M:%S"), "what": what}))
        handle.flush()
        _held[key] = 1
        try:
            yield
        finally:
            _held.pop(key, None)
    finally:
        handle.close()  # closing releases the flock
