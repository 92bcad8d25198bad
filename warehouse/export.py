"""Exports through DuckDB COPY: the file is written by DuckDB, streamed, never built in Python.

The user's `--view` and `--where` never become SQL text of their own: the view must be a
table or view of the warehouse, and the filter is parsed by DuckDB as one expression
(`DuckDBPyRelation.filter`), so it cannot end the statement or start another.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.exceptions import QueryRefused

FORMATS = ("csv", "parquet", "jsonl")
LIST_COLUMNS = ("participants", "quality_flags")
COPY_OPTIONS = {"csv": "FORMAT csv, HEADER true", "parquet": "FORMAT parquet", "jsonl": "FORMAT json"}
# A cell starting with one of these is a formula to a spreadsheet (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def exportable(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """The warehouse's own tables and views, the only things `--view` may name."""
    rows = conn.execute("SELECT table_name FROM information_schema.tables "
                        "WHERE table_catalog = current_database() AND table_schema = 'main' "
                        "ORDER BY table_name").fetchall()
    return [name for (name,) in rows]


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def rows_to_export(conn: duckdb.DuckDBPyConnection, view: str, fmt: str, where: str | None,
                   spreadsheet_safe: bool = False) -> duckdb.DuckDBPyRelation:
    """The relation an export writes: `view`, filtered by `where`, in the format's column shapes."""
    names = exportable(conn)
    if view not in names:
        raise QueryRefused(f"--view {view!r} is not a table or view of the warehouse; choose one of: "
                           + ", ".join(names))
    relation = conn.table(quote(view))
    if where is not None:
        if not where.strip():
            raise QueryRefused("--where is empty; give a condition such as \"event_type = 'meeting'\"")
        try:
            relation = relation.filter(where)
        except duckdb.ParserException as err:
            raise QueryRefused("--where must be one condition on the columns, such as "
                               f"\"event_type = 'meeting'\" ({str(err).strip().splitlines()[0]})") from err
    relation = relation.project(", ".join(_columns(relation, fmt, spreadsheet_safe)))
    return relation.order("event_id") if "event_id" in relation.columns else relation


def _columns(relation: duckdb.DuckDBPyRelation, fmt: str, spreadsheet_safe: bool) -> list[str]:
    out = []
    for name, dtype in zip(relation.columns, relation.types):
        column, text = quote(name), str(dtype) == "VARCHAR"
        if fmt == "csv" and name in LIST_COLUMNS:  # CSV has no lists: '; ' joins them (the export contract)
            column, text = f"array_to_string({column}, '; ')", True
        if fmt == "csv" and spreadsheet_safe and text:
            starts = ", ".join(f"'{c}'" for c in FORMULA_STARTS)
            column = f"CASE WHEN left({column}, 1) IN ({starts}) THEN '''' || {column} ELSE {column} END"
        out.append(f"{column} AS {quote(name)}")
    return out


def export(conn: duckdb.DuckDBPyConnection, fmt: str, out: Path, view: str = "v_events",
           where: str | None = None, spreadsheet_safe: bool = False) -> int:
    """Write `view` to `out` in `fmt`; returns the number of rows written.

    `out` is written as it is named: callers pass a temporary file (warehouse.outputs) and
    open `conn` with only that path writable."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    relation = rows_to_export(conn, view, fmt, where, spreadsheet_safe)
    query = relation.sql_query()
    if [s.type for s in conn.extract_statements(query)] != [duckdb.StatementType.SELECT]:
        raise QueryRefused("--where must be one condition on the columns")  # never expected: filter() parsed it
    target = str(out).replace("'", "''")
    (written,) = conn.execute(f"COPY ({query}) TO '{target}' ({COPY_OPTIONS[fmt]})").fetchone()
    return written
