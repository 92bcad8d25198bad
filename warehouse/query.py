"""`events sql`: exactly one statement that reads, judged by DuckDB's own parser.

The connection is already read-only and sandboxed (warehouse.db); this refuses, before
anything runs, what is not a read, so the user learns why and what to use instead.
"""
from __future__ import annotations

import duckdb

from warehouse.exceptions import QueryRefused

# SELECT covers WITH, FROM-first, VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE, PIVOT ... IN and UNPIVOT.
READ_TYPES = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
# A PIVOT without an IN list parses into several statements (it first creates an enum of the
# values), which DuckDB reports as MULTI; it is a read when its first word is PIVOT.
PIVOT_WORDS = {"pivot", "pivot_wider", "unpivot", "pivot_longer"}
ALLOWED = "SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE, PIVOT, UNPIVOT and EXPLAIN"


def read_statement(conn: duckdb.DuckDBPyConnection, query: str) -> duckdb.Statement:
    """The one read statement in `query`, or QueryRefused saying why not."""
    try:
        statements = conn.extract_statements(query)
    except duckdb.ParserException as err:
        raise QueryRefused(str(err).strip().splitlines()[0]) from err
    if not statements:
        raise QueryRefused('no SQL statement given; e.g. events sql "select count(*) from v_events"')
    if len(statements) > 1:
        raise QueryRefused(f"one statement at a time: this text holds {len(statements)} "
                           "(run each with its own `events sql`)")
    statement = statements[0]
    if statement.type in READ_TYPES or (statement.type == duckdb.StatementType.MULTI and _is_pivot(query)):
        return statement
    kind = statement.type.name.replace("_STATEMENT", "")
    raise QueryRefused(f"`events sql` is read-only ({ALLOWED}); {kind} statements are refused. "
                       "To write a file use `events export`, to load articles `events run`")


def _is_pivot(query: str) -> bool:
    first = duckdb.tokenize(query)[0][0]
    return query[first:].split(None, 1)[0].lower() in PIVOT_WORDS


def run_read(conn: duckdb.DuckDBPyConnection, query: str) -> tuple[list[str], list[tuple]]:
    """Columns and rows of the one read statement in `query`."""
    statement = read_statement(conn, query)
    try:
        cursor = conn.execute(statement.query)
    except duckdb.PermissionException as err:
        raise QueryRefused("`events sql` sees only the warehouse: files, other databases and extensions "
                           f"are out of its reach ({str(err).strip().splitlines()[0]})") from err
    columns = [d[0] for d in cursor.description] if cursor.description else []
    return columns, (cursor.fetchall() if columns else [])
