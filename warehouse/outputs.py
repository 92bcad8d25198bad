"""Files the CLI writes (exports, the report): never over the warehouse, always whole.

An output is written to a temporary file beside it and renamed into place, so a failed or
interrupted export leaves the old file as it was, and a reader never sees half a file.
"""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from warehouse.exceptions import OutputRefused
from warehouse.lock import lock_path

DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def warehouse_files(db: Path) -> set[Path]:
    """The database and the files DuckDB and this project keep beside it."""
    db = Path(db)
    return {Path(f"{db}{suffix}").resolve() for suffix in ("", ".wal", ".tmp", ".portable")} | {lock_path(db).resolve()}


def check_output(out: Path, db: Path) -> None:
    """Refuse an output path that would replace the warehouse, its WAL or lock, a database, or a non-file."""
    target = out.resolve()  # follows a symlink to where the bytes would land
    if target in warehouse_files(db):
        raise OutputRefused(f"{out} is the warehouse's own file ({target.name}); write the output elsewhere")
    try:
        info = target.stat()
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        raise OutputRefused(f"{out} is a folder; give a file name, e.g. {out / 'events.csv'}")
    if not stat.S_ISREG(info.st_mode):
        raise OutputRefused(f"{out} is not a regular file (a device, FIFO or socket); write to a file")
    if _is_duckdb_database(target):
        raise OutputRefused(f"{out} is a DuckDB database; an export never replaces one (choose another name)")


def _is_duckdb_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(12)[8:12] == DUCKDB_MAGIC
    except OSError:
        return False


@contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """A temporary path beside `out`; on success it replaces `out` in one rename, else it is removed."""
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.parent / f".{out.name}.{os.getpid()}.partial"
    temporary.unlink(missing_ok=True)
    try:
        yield temporary
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
