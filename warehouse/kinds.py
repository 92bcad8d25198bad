"""The warehouse side of the event kinds: detail tables, their rows and the export views,
derived from each kind's declaration (extract/events/<kind>/__init__.py; no spaCy here).

The four kinds of the first release got their detail tables from migration 001; a kind added
later gets its table here (CREATE TABLE IF NOT EXISTS), and tests/test_column_contract.py
checks that both agree with the declarations.
"""
from __future__ import annotations

from importlib import resources
from typing import Iterable

import duckdb
import pyarrow as pa

from extract.events.kind import DetailTable, EventKind
from extract.events.registry import kind, kinds
from schemas import Event

ARROW_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
               "DATE": pa.date32(), "BOOLEAN": pa.bool_()}
PARTICIPANTS_TABLE = "event_participants"  # the named people of any event that has participants
PARTICIPANTS = pa.schema([
    ("event_id", pa.string()), ("position", pa.int32()), ("name", pa.string()), ("role", pa.string()),
])

# v_events is an export contract: its columns keep the order they were added in. These are the
# first release's kind columns in that order; a later kind's exported columns go at the end.
EXPORT_ORDER = ("recipient", "item", "quantity", "unit", "value_usd", "value_qualifier", "mechanism",
                "count", "count_qualifier", "category", "victims", "reported_by", "ordinal")


def detail_tables() -> tuple[str, ...]:
    return tuple(k.detail.name for k in kinds()) + (PARTICIPANTS_TABLE,)


def arrow_schema(detail: DetailTable) -> pa.Schema:
    return pa.schema([("event_id", pa.string()), *((c.name, ARROW_TYPES[c.sql_type]) for c in detail.columns)])


def detail_schemas() -> dict[str, pa.Schema]:
    """Every detail table's Arrow schema, the kinds' in registry order, then participants."""
    return {**{k.detail.name: arrow_schema(k.detail) for k in kinds()}, PARTICIPANTS_TABLE: PARTICIPANTS}


def create_statement(detail: DetailTable) -> str:
    columns = ",\n    ".join(f"{c.name} {c.sql_type}{' NOT NULL' if c.not_null else ''}" for c in detail.columns)
    return f"CREATE TABLE IF NOT EXISTS {detail.name} (\n    event_id VARCHAR PRIMARY KEY,\n    {columns}\n)"


def ensure_detail_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """A registered kind's detail table that the migrations did not make (a kind added after
    them) is made from its declaration; for the others this is one catalog query."""
    present = {name for (name,) in conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
    for kind in kinds():
        if kind.detail.name not in present:
            conn.execute(create_statement(kind.detail))


def detail_rows(events: Iterable[Event]) -> dict[str, list[dict]]:
    """Rows of every detail table for these events: the kind's own columns, and one row per
    participant of events that have participants."""
    rows: dict[str, list[dict]] = {name: [] for name in detail_tables()}
    for event in events:
        detail = kind(event.event_type).detail
        rows[detail.name].append({"event_id": event.event_id, **{c.name: c.of(event) for c in detail.columns}})
        roles = getattr(event, "roles", {})
        rows[PARTICIPANTS_TABLE] += [{"event_id": event.event_id, "position": i, "name": name, "role": roles.get(name)}
                                     for i, name in enumerate(getattr(event, "participants", ()))]
    return rows


def _exported(kind: EventKind) -> list[str]:
    return [c.name for c in kind.detail.columns if c.exported]


def export_columns() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(column, detail table) of the kinds' exported columns: the first release's, in their
    place in the contract, and those of later kinds, to go at the end of v_events."""
    columns = [(name, kind.detail.name) for kind in kinds() for name in _exported(kind)]
    rank = {name: i for i, name in enumerate(EXPORT_ORDER)}
    first = sorted((c for c in columns if c[0] in rank), key=lambda c: rank[c[0]])
    return first, [c for c in columns if c[0] not in rank]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _timeline_summary() -> str:
    cases = "\n        ".join(f"WHEN {_literal(k.name)} THEN {k.timeline_summary}" for k in kinds())
    return f"CASE event_type\n        {cases}\n    END"


def _timeline_place() -> str:
    named = ", ".join(_literal(k.name) for k in kinds() if k.timeline_location) or "NULL"
    return f"CASE WHEN event_type IN ({named}) THEN location END"


def views_sql() -> str:
    """warehouse/views.sql with the kinds' columns, joins and summaries filled in, followed by
    the views a kind ships itself (extract/events/<kind>/views.sql)."""
    template = resources.files("warehouse").joinpath("views.sql").read_text("utf-8")
    aliases = {kind.detail.name: f"k{i}" for i, kind in enumerate(kinds())}
    first, later = export_columns()
    columns = "".join(f"{aliases[table]}.{name}, " for name, table in first)
    later_columns = "".join(f", {aliases[table]}.{name}" for name, table in later)
    joins = "\n".join(f"LEFT JOIN {table} {alias} USING (event_id)" for table, alias in aliases.items())
    own = [resources.files(k.rules.rsplit(".", 1)[0]).joinpath(k.views).read_text("utf-8") for k in kinds() if k.views]
    sql = (template.replace("{kind_columns}", columns).replace("{later_kind_columns}", later_columns)
           .replace("{kind_joins}", joins)
           .replace("{timeline_summary}", _timeline_summary()).replace("{timeline_place}", _timeline_place()))
    return "\n".join([sql, *own])
