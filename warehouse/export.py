"""Exports through DuckDB COPY: the file is written by DuckDB, streamed, never built in Python."""
from __future__ import annotations

from pathlib import Path

import duckdb

FORMATS = ("csv", "parquet", "jsonl")
LIST_COLUMNS = ("participants", "quality_flags")


def _select(conn: duckdb.DuckDBPyConnection, view: str, fmt: str, where: str | None) -> str:
    columns = [row[0] for row in conn.execute(f"DESCRIBE {view}").fetchall()]
    if fmt == "csv":  # CSV has no lists: join them with '; ' as the export contract says
        columns = [f"array_to_string({c}, '; ') AS {c}" if c in LIST_COLUMNS else c for c in columns]
    order = " ORDER BY event_id" if "event_id" in [c.split(" AS ")[-1] for c in columns] else ""
    filter_ = f" WHERE {where}" if where else ""
    return f"SELECT {', '.join(columns)} FROM {view}{filter_}{order}"


def export(conn: duckdb.DuckDBPyConnection, fmt: str, out: Path, view: str = "v_events",
           where: str | None = None) -> int:
    """Write `view` to `out` in `fmt`; returns the number of rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    options = {"csv": "FORMAT csv, HEADER true", "parquet": "FORMAT parquet",
               "jsonl": "FORMAT json"}[fmt]
    query = _select(conn, view, fmt, where)
    target = str(out).replace("'", "''")
    conn.execute(f"COPY ({query}) TO '{target}' ({options})")
    return conn.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
