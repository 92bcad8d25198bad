"""The warehouse file's storage format: one that every DuckDB client analysts use can open.

DuckDB 2.x writes a format that no 1.x client reads (the CLI, R, Node, DBeaver's driver).
New files are therefore created in DuckDB 1.0's format, which 1.x and 2.x both read and
write. DuckDB keeps the format a file was created with, so a file made by an earlier
version of this project is converted once, under the writer lock, by `to_portable`.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

STORAGE_VERSION = "v1.0.0"


def storage_version(conn: duckdb.DuckDBPyConnection, database: str | None = None) -> str:
    """The storage format of an attached database as DuckDB tags it, e.g. "v1.0.0+"."""
    row = conn.execute("SELECT tags['storage_version'] FROM duckdb_databases() "
                       "WHERE database_name = coalesce(?, current_database())", [database]).fetchone()
    return row[0] if row and row[0] else "unknown"


def readable_by_1x(version: str) -> bool:
    """Whether DuckDB 1.x clients can open a file written in this storage format."""
    return version.startswith(("v0.", "v1."))


def file_storage_version(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as conn:
        return storage_version(conn)


def to_portable(path: str | Path) -> str | None:
    """Rewrite an existing warehouse that 1.x clients cannot open in STORAGE_VERSION.

    Returns the format it had when it was converted, else None. The caller holds the
    writer lock. The copy is complete before it replaces the file (os.replace is atomic),
    so a crash leaves the old file whole.
    """
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return None
    with duckdb.connect(str(path)) as conn:  # read-write: folds a leftover WAL into the file first
        old = storage_version(conn)
        if readable_by_1x(old):
            return None
        conn.execute("CHECKPOINT")
    staging = path.with_name(path.name + ".portable")
    staging.unlink(missing_ok=True)
    with duckdb.connect(":memory:") as conn:
        conn.execute("ATTACH ? AS old (READ_ONLY)", [str(path)])
        conn.execute(f"ATTACH ? AS new (STORAGE_VERSION '{STORAGE_VERSION}')", [str(staging)])
        conn.execute("COPY FROM DATABASE old TO new")
    os.replace(staging, path)
    return old
