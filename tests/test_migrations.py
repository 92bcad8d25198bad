"""Numbered migrations and one column contract (issue 16).

An old warehouse file (tests/fixtures/warehouse_v0.duckdb.gz, made by the code just before
schema versions; tests/fixtures/README.md) upgrades in place with every row kept; a new file
gets every migration; a newer one is refused and left as it was; readers never migrate. The
DuckDB columns, the Arrow schemas of load.py and refine.py and the pydantic models agree."""
from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import gzip
import hashlib
import shutil
import subprocess
import sys
import tomllib
import types
import typing
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from pydantic import BaseModel

from tests.conftest import ROOT
from warehouse import db as warehouse_db
from warehouse.db import Migration, connect, migrate, migrations, refresh_views, views_stamp
from warehouse.exceptions import SchemaOutdated, SchemaTooNew

FIXTURES = ROOT / "tests" / "fixtures"
OLD_WAREHOUSE = FIXTURES / "warehouse_v0.duckdb.gz"
OLD_ARTICLES = FIXTURES / "warehouse_v0"
EVENTS_CLI = str(Path(sys.executable).parent / "events")
VIEWS = ("v_events", "v_timeline", "v_casualty_series")


def old_warehouse(tmp_path: Path) -> Path:
    target = tmp_path / "old.duckdb"
    with gzip.open(OLD_WAREHOUSE) as packed, target.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return target


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables(conn) -> list[str]:
    return [t for (t,) in conn.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = "
                                       "current_database() ORDER BY table_name").fetchall()]


def columns(conn, relation: str) -> list[tuple[str, str]]:
    """(name, type) of a table's or view's columns, in order."""
    return [(row[0], row[1]) for row in conn.execute(f"DESCRIBE {relation}").fetchall()]


def schema(conn) -> dict:
    """Tables with their columns (type, nullable, default) and constraints, and the views' columns."""
    cols = conn.execute("SELECT table_name, column_name, data_type, is_nullable, column_default FROM duckdb_columns() "
                        "WHERE database_name = current_database() AND NOT internal "
                        "ORDER BY table_name, column_index").fetchall()
    constraints = conn.execute("SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints() "
                               "WHERE database_name = current_database() ORDER BY ALL").fetchall()
    return {"columns": cols, "constraints": constraints}


def rows(conn, table: str) -> list[tuple]:
    return conn.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


@pytest.fixture(scope="module")
def current(tmp_path_factory) -> dict:
    """The schema a brand-new file gets from the current code."""
    path = tmp_path_factory.mktemp("new") / "new.duckdb"
    with connect(path) as conn:
        return {"schema": schema(conn), "tables": tables(conn), "views": {v: columns(conn, v) for v in VIEWS}}


# --- migrations -----------------------------------------------------------------------------------

def test_the_fixture_predates_schema_versions(tmp_path):
    with duckdb.connect(str(old_warehouse(tmp_path)), read_only=True) as conn:
        assert "schema_version" not in tables(conn)
        assert "documents" in tables(conn)
        assert conn.execute("SELECT tags['storage_version'] FROM duckdb_databases() "
                            "WHERE database_name = current_database()").fetchone()[0].startswith("v1.0.0")


def test_an_old_warehouse_upgrades_in_place_with_every_row(tmp_path, current):
    path = old_warehouse(tmp_path)
    with duckdb.connect(str(path), read_only=True) as conn:
        before = {t: rows(conn, t) for t in tables(conn)}
        old_views = {v: columns(conn, v) for v in VIEWS}
    assert before["events"] and before["event_participants"] and before["arms_authorizations"] \
        and before["casualty_figures"] and before["rejects"] and before["event_clusters"]

    with connect(path) as conn:
        recorded = conn.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
        assert recorded == [(m.version, m.name) for m in migrations()]
        assert tables(conn) == current["tables"]
        assert schema(conn) == current["schema"]
        for table, old_rows in before.items():
            assert rows(conn, table) == old_rows, table
        for view in VIEWS:  # the export contract: the old columns, in their order (new ones only at the end)
            assert columns(conn, view)[:len(old_views[view])] == old_views[view]
            assert columns(conn, view) == current["views"][view]
        assert conn.execute("SELECT count(*) FROM v_events").fetchone()[0] == len(before["events"])
        applied_at = conn.execute("SELECT * FROM schema_version ORDER BY version").fetchall()

    with connect(path) as conn:  # a second open applies nothing
        assert migrate(conn, path) == []
        assert refresh_views(conn) is False
        assert conn.execute("SELECT * FROM schema_version ORDER BY version").fetchall() == applied_at


@pytest.mark.slow
def test_events_run_on_an_old_warehouse_re_extracts_it_once_then_skips(tmp_path):
    """The fixture was made by extractor 0.2.1: the first run re-extracts its two documents with
    this version and replaces their rows (no duplicates); the next run skips them. Its sources
    are urls (not the folder's path), so they are the same documents here."""
    from extract import EXTRACTOR_VERSION

    path = old_warehouse(tmp_path)
    with duckdb.connect(str(path), read_only=True) as conn:
        assert conn.execute("SELECT DISTINCT extractor_version FROM documents").fetchall() != [(EXTRACTOR_VERSION,)]
        types_before = conn.execute("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()

    def run() -> tuple:
        done = subprocess.run([EVENTS_CLI, "run", str(OLD_ARTICLES), "--db", str(path)], capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        with duckdb.connect(str(path), read_only=True) as conn:
            return conn.execute("SELECT status, documents_seen, documents_loaded, documents_skipped FROM runs "
                                "ORDER BY started_at DESC LIMIT 1").fetchone()

    assert run() == ("completed", 2, 2, 0)
    with duckdb.connect(str(path), read_only=True) as conn:
        after = {t: rows(conn, t) for t in tables(conn) if t != "runs"}
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == len(migrations())
        assert conn.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (2, 2)
        assert conn.execute("SELECT DISTINCT extractor_version FROM documents").fetchall() == [(EXTRACTOR_VERSION,)]
        assert conn.execute("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall() == types_before
    assert run() == ("completed", 2, 0, 2)
    with duckdb.connect(str(path), read_only=True) as conn:
        for table, rows_after in after.items():
            assert rows(conn, table) == rows_after, table


def test_a_new_file_gets_every_migration_once(tmp_path, current):
    path = tmp_path / "fresh.duckdb"
    with connect(path) as conn:
        assert [m.version for m in migrations()] == list(range(1, len(migrations()) + 1))
        assert conn.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall() \
            == [(m.version, m.name) for m in migrations()]
        assert conn.execute("SELECT DISTINCT comment FROM duckdb_views() WHERE NOT internal").fetchall() \
            == [(views_stamp(),)]
    with connect(path) as conn:
        assert migrate(conn, path) == [] and refresh_views(conn) is False
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(migrations())


def test_a_newer_warehouse_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "newer.duckdb"
    with connect(path) as conn:
        newer = len(migrations()) + 1
        conn.execute("INSERT INTO schema_version VALUES (?, 'from_the_future', now()::TIMESTAMP)", [newer])
    before = fingerprint(path)
    with pytest.raises(SchemaTooNew) as refused, connect(path) as conn:
        conn.execute("CREATE TABLE written_anyway (x INTEGER)")
    message = str(refused.value)
    assert len(message.splitlines()) == 1
    assert f"schema version {newer}" in message and f"({len(migrations())})" in message and "unchanged" in message
    assert fingerprint(path) == before and not Path(f"{path}.wal").exists()
    with connect(path, read_only=True) as conn:  # a reader still reads it
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == newer


def test_a_failing_migration_is_rolled_back_whole(tmp_path, monkeypatch):
    path = tmp_path / "w.duckdb"
    with connect(path):
        pass
    broken = Migration(len(migrations()) + 1, "broken",
                       "ALTER TABLE runs ADD COLUMN half_done INTEGER; SELECT * FROM no_such_table;")
    known = migrations()
    monkeypatch.setattr(warehouse_db, "migrations", lambda: (*known, broken))
    with pytest.raises(duckdb.CatalogException), connect(path):
        pass
    monkeypatch.undo()
    with connect(path) as conn:
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == len(known)
        assert "half_done" not in [c for c, _ in columns(conn, "runs")]


def test_readers_never_migrate_and_read_an_old_file(tmp_path):
    path = old_warehouse(tmp_path)
    before = fingerprint(path)
    with connect(path, read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM v_events").fetchone()[0] > 0
        assert "schema_version" not in tables(conn)
    assert fingerprint(path) == before


def test_a_reader_says_when_a_failed_query_needs_an_upgrade(tmp_path):
    """A file at version 1 lacks casualty_figures.reporter_key (migration 2)."""
    path = tmp_path / "v1.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute(migrations()[0].sql)
        conn.execute("INSERT INTO schema_version VALUES (1, 'initial', now()::TIMESTAMP)")
    with pytest.raises(SchemaOutdated) as outdated, connect(path, read_only=True) as conn:
        conn.execute("SELECT reporter_key FROM casualty_figures").fetchall()
    message = str(outdated.value)
    assert len(message.splitlines()) == 1
    assert "reporter_key" in message and f"schema version 1 of {len(migrations())}" in message
    assert "`events run" in message
    with pytest.raises(duckdb.BinderException), connect(path) as conn:  # a writer upgrades it first
        assert conn.execute("SELECT count(reporter_key) FROM casualty_figures").fetchone() == (0,)
        conn.execute("SELECT no_such_column FROM casualty_figures")  # an up-to-date file: DuckDB's own error


def test_views_are_made_again_when_changed_or_replaced_by_hand(tmp_path, current):
    path = tmp_path / "w.duckdb"
    with connect(path) as conn:
        conn.execute("CREATE OR REPLACE VIEW v_timeline AS SELECT 1 AS one")
        conn.execute("COMMENT ON VIEW v_events IS 'made from an older warehouse/views.sql'")
    with connect(path) as conn:
        assert {v: columns(conn, v) for v in VIEWS} == current["views"]
        assert refresh_views(conn) is False


def test_every_sql_file_is_package_data():
    """A non-editable install (a wheel) ships every .sql file the code loads."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["warehouse"]
    package = ROOT / "warehouse"
    files = [str(p.relative_to(package)) for p in package.rglob("*.sql")]
    assert files
    missed = [f for f in files if not any(fnmatch.fnmatch(f, p) and f.count("/") == p.count("/") for p in patterns)]
    assert missed == []


# --- one column contract ---------------------------------------------------------------------------

# Columns a table has that its Arrow schema does not fill: written by another step.
FILLED_LATER = {"events": {"cluster_id"}}  # refine assigns clusters


def table_columns(conn, table: str) -> dict[str, tuple[str, bool]]:
    return {name: (kind, nullable) for name, kind, nullable in conn.execute(
        "SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = ? ORDER BY column_index", [table]).fetchall()}


def arrow_types(conn, schema: pa.Schema) -> dict[str, str]:
    """The DuckDB type of each Arrow field, as DuckDB reads it."""
    conn.register("arrow_probe", schema.empty_table())
    try:
        return dict(columns(conn, "arrow_probe"))
    finally:
        conn.unregister("arrow_probe")


def arrow_schemas() -> dict[str, pa.Schema]:
    """Each table and the Arrow schema its rows are staged in (load.py's, refine.py's clusters)."""
    from warehouse.load import LoadBatch, _arrow_tables
    from warehouse.refine import CLUSTERS

    staged = _arrow_tables(LoadBatch(), "run", "version", dt.datetime(2024, 1, 1))
    return {**{table: arrow.schema for table, arrow in staged.items()}, "event_clusters": CLUSTERS}


@pytest.mark.parametrize("table", sorted(arrow_schemas()))
def test_arrow_schemas_match_the_tables(tmp_path, table):
    with connect(tmp_path / "w.duckdb") as conn:
        have = table_columns(conn, table)
        staged = arrow_types(conn, arrow_schemas()[table])
    assert set(staged) <= set(have), f"Arrow fields with no column in {table}: {set(staged) - set(have)}"
    assert {name: kind for name, kind in staged.items()} == {name: have[name][0] for name in staged}
    unfilled = set(have) - set(staged)
    assert unfilled == FILLED_LATER.get(table, set()), f"columns of {table} that no Arrow field fills"
    assert all(have[name][1] for name in unfilled), "a column that nothing fills must be nullable"


def test_every_table_is_staged_or_written_by_name():
    """The tables load and refine fill from Arrow, and the others (written by statements)."""
    staged = set(arrow_schemas())
    by_statement = {"runs", "document_history", "schema_version"}
    with connect(":memory:") as conn:
        assert set(tables(conn)) == staged | by_statement


PYTHON_TYPES = {"VARCHAR": "str", "DATE": "dt.date", "BIGINT": "int", "INTEGER": "int", "DOUBLE": "float",
                "VARCHAR[]": "list[str]", "BOOLEAN": "bool"}


def test_refine_reads_the_fields_of_its_row_in_order(tmp_path):
    from warehouse.refine import _EVENTS, Row

    with connect(tmp_path / "w.duckdb") as conn:
        described = conn.execute(f"DESCRIBE {_EVENTS}").fetchall()
    fields = dataclasses.fields(Row)
    assert [name for name, *_ in described] == [f.name for f in fields]  # Row(*values) is positional
    for (name, kind, *_), field in zip(described, fields):
        assert str(field.type).removesuffix(" | None") == PYTHON_TYPES[kind], name


def _plain(annotation):
    """The type under Optional[...] and Annotated[...]: int for `NonNegativeInt | None`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            kept = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(kept) != 1:
                return annotation
            annotation = kept[0]
        else:
            return annotation


def duckdb_types_for(annotation) -> set[str] | None:
    """The column types a scalar field may be stored in; None for a field that is not a scalar."""
    plain = _plain(annotation)
    if typing.get_origin(plain) is typing.Literal or plain is str:
        return {"VARCHAR"}
    return {int: {"INTEGER", "BIGINT"}, float: {"DOUBLE"}, dt.date: {"DATE"}, bool: {"BOOLEAN"}}.get(plain)


# Columns of a kind's detail table that are no field of its model: worked out when loading.
DERIVED = {"event_id", "n_participants", "reporter_key"}


def test_every_scalar_field_of_the_models_has_its_column(tmp_path):
    """events holds EventBase's fields (TimeExpr's and Evidence's flattened, `date_text` for
    date.text), the kind's detail table (`<event_type>s`) the kind's own ones."""
    from schemas.events import Event, EventBase

    kinds = typing.get_args(typing.get_args(Event)[0])
    with connect(tmp_path / "w.duckdb") as conn:
        events = table_columns(conn, "events")
        export = dict(columns(conn, "v_events"))
        for kind in kinds:
            event_type = kind.model_fields["event_type"].default
            detail = table_columns(conn, f"{event_type}s")
            own = {name: info for name, info in kind.model_fields.items()
                   if name not in EventBase.model_fields and name != "event_type"}
            for name, info in own.items():
                wanted = duckdb_types_for(info.annotation)
                if wanted is None:  # lists and maps: participants and roles are event_participants rows
                    assert name in export or name == "roles", f"{kind.__name__}.{name} is not exported"
                    continue
                assert name in detail, f"{kind.__name__}.{name} has no column in {event_type}s"
                assert detail[name][0] in wanted, f"{event_type}s.{name} is {detail[name][0]}"
            assert set(detail) - set(own) <= DERIVED, f"columns of {event_type}s that no field of {kind.__name__} fills"
        for name, info in EventBase.model_fields.items():
            nested = _plain(info.annotation)
            if isinstance(nested, type) and issubclass(nested, BaseModel):
                for sub, sub_info in nested.model_fields.items():
                    column = sub if sub in events else f"{name}_{sub}"
                    assert column in events, f"EventBase.{name}.{sub} has no column in events"
                    assert events[column][0] in duckdb_types_for(sub_info.annotation), column
            elif (wanted := duckdb_types_for(info.annotation)) is not None:
                assert name in events and events[name][0] in wanted, f"EventBase.{name}"
            else:
                assert name in events and name in export, f"EventBase.{name}"
