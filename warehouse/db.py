"""Opening the DuckDB file, migrating its schema, and turning DuckDB errors into clear ones.

The schema is a sequence of numbered migrations (warehouse/migrations/NNN_name.sql), each
recorded in the table `schema_version` when it is applied. A writer connection applies the
pending ones, each in its own transaction with its row, then recreates the views of
warehouse/views.sql when that file changed. Readers never change the file.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

import duckdb

from warehouse.exceptions import (DatabaseDamaged, DatabaseMissing, ReadOnlyViolation, SchemaOutdated, SchemaTooNew,
                                  WarehouseError, WarehouseLocked)
from warehouse import kinds
from warehouse.storage import STORAGE_VERSION

DEFAULT_DB = Path("warehouse/events.duckdb")
log = logging.getLogger(__name__)


@functools.cache
def sql_file(*parts: str) -> str:
    """A .sql file shipped in the warehouse package (package data, so also in a wheel)."""
    return resources.files("warehouse").joinpath(*parts).read_text("utf-8")


def query(name: str) -> str:
    """A statement of warehouse/queries/, e.g. query("load/upsert_rejects.sql")."""
    return sql_file("queries", *name.split("/"))


# --- migrations ---------------------------------------------------------------------------------

MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, order=True)
class Migration:
    version: int
    name: str
    sql: str


@functools.cache
def migrations() -> tuple[Migration, ...]:
    """Every migration this code knows, in order: numbered 1, 2, 3, ... without gaps."""
    folder = resources.files("warehouse").joinpath("migrations")
    found = sorted(Migration(int(m[1]), m[2], entry.read_text("utf-8"))
                   for entry in folder.iterdir() if (m := MIGRATION_NAME.match(entry.name)))
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"warehouse/migrations must be numbered 001, 002, ... without gaps: "
                           f"{[f'{m.version:03d}_{m.name}' for m in found]}")
    return tuple(found)


def latest_version() -> int:
    return migrations()[-1].version


def _has_table(conn: duckdb.DuckDBPyConnection, name: str) -> bool:
    return conn.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                        "AND schema_name = 'main' AND table_name = ?", [name]).fetchone()[0] > 0


def applied_versions(conn: duckdb.DuckDBPyConnection) -> set[int]:
    """The migrations recorded in the file; none for a new file or one made before schema_version."""
    if not _has_table(conn, "schema_version"):
        return set()
    return {version for (version,) in conn.execute("SELECT version FROM schema_version").fetchall()}


def _refuse_newer(applied: set[int], path: Path | str) -> None:
    if applied and max(applied) > latest_version():
        raise SchemaTooNew(
            f"{path} is at schema version {max(applied)}, newer than this code knows ({latest_version()}): "
            "it was written by a newer news-events; upgrade this one to write to it (the file was left unchanged)")


def migrate(conn: duckdb.DuckDBPyConnection, path: Path | str = "the warehouse") -> list[Migration]:
    """Apply the pending migrations, each in one transaction with its row in schema_version;
    returns them. SchemaTooNew, before anything is written, when the file is newer than this code.

    A file made before schema_version has the tables (maybe not all columns) and no row:
    migrations 1 to 3 are written with IF NOT EXISTS, so applying them to it adds only what it
    lacks. Later migrations run only on files that record 1 to 3, and need no such care."""
    applied = applied_versions(conn)
    _refuse_newer(applied, path)
    pending = [m for m in migrations() if m.version not in applied]
    if pending and not applied and _has_table(conn, "documents"):
        log.info("%s predates schema versions: upgrading it in place", path)
    for migration in pending:
        with transaction(conn):
            conn.execute(migration.sql)
            conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                         [migration.version, migration.name, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)])
        log.info("%s: applied migration %03d_%s", path, migration.version, migration.name)
    return pending


def views_sql() -> str:
    """The views (CREATE OR REPLACE VIEW ...) as a writer runs them: warehouse/views.sql with
    the registered kinds' columns and summaries filled in (warehouse/kinds.py)."""
    return kinds.views_sql()


def views_stamp(sql: str | None = None) -> str:
    """What each view's comment says when it was made from `sql` (default: views_sql())."""
    sql = views_sql() if sql is None else sql
    return "made from warehouse/views.sql sha256:" + hashlib.sha256(sql.encode()).hexdigest()[:16]


def refresh_views(conn: duckdb.DuckDBPyConnection) -> bool:
    """(Re)create the views when their SQL changed since they were made, or one is missing or was
    replaced by hand; returns whether it did. Each view's comment holds the hash of the SQL it was
    made from (a view replaced by hand has none), so unchanged views cost one catalog query."""
    sql = views_sql()
    stamp, names = views_stamp(sql), re.findall(r"^CREATE OR REPLACE VIEW (\w+)", sql, re.M | re.I)
    made = dict(conn.execute("SELECT view_name, comment FROM duckdb_views() "
                             "WHERE database_name = current_database() AND NOT internal").fetchall())
    if all(made.get(name) == stamp for name in names):
        return False
    with transaction(conn):
        conn.execute(sql)
        for name in names:
            conn.execute(f"COMMENT ON VIEW {name} IS '{stamp}'")
    return True


def apply_schema(conn: duckdb.DuckDBPyConnection, path: Path | str = "the warehouse") -> None:
    """What a writer connection does first: the pending migrations, the detail table of a kind
    registered after them (warehouse/kinds.py), then the views if they changed."""
    migrate(conn, path)
    kinds.ensure_detail_tables(conn)
    refresh_views(conn)


def _outdated_hint(conn: duckdb.DuckDBPyConnection, path: Path) -> str | None:
    """For a reader whose query failed: why, when the file lacks migrations this code expects."""
    try:
        applied = applied_versions(conn)
    except duckdb.Error:
        return None
    if all(m.version in applied for m in migrations()):
        return None
    where = (f"at schema version {max(applied)} of {latest_version()}" if applied
             else "made before schema versions")
    return f"the warehouse {path} is {where}: `events run FOLDER --db {path}` upgrades it"


# What a reader may not do, beyond writing the file: DuckDB would otherwise still ATTACH the same
# file read-write, COPY to any path, read any file (read_csv, read_text, glob), install or load
# extensions and change these settings back. `lock_configuration` makes the sandbox final.
READER_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False,
                 "allow_community_extensions": False}


def _sandbox(conn: duckdb.DuckDBPyConnection, writable: Iterable[Path]) -> None:
    """Cut a read-only connection off from the file system, other databases and its own settings.

    `writable` names the only files it may write (an export's temporary file)."""
    paths = [str(p) for p in writable]
    if paths:
        conn.execute("SET allowed_paths = ?", [paths])
    conn.execute("SET enable_external_access = false")
    conn.execute("SET lock_configuration = true")


def _open(path: Path, read_only: bool, wait_seconds: float) -> duckdb.DuckDBPyConnection:
    """Open the file, waiting (bounded) while another process holds DuckDB's own lock:
    a run keeps the file open only while it loads a batch."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            if read_only:
                return duckdb.connect(str(path), read_only=True, config=READER_CONFIG)
            return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_VERSION})
        except duckdb.Error as err:
            if is_damage(err):
                raise damaged(path, err) from err
            if not isinstance(err, duckdb.IOException) or "lock" not in str(err).lower() \
                    or time.monotonic() >= deadline:
                raise _lock_error(path, err) from err
            time.sleep(0.2)


@contextmanager
def connect(path: str | Path, read_only: bool = False, wait_seconds: float = 30.0,
            writable: Iterable[Path] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is always closed; writers get the pending migrations applied first (or
    SchemaTooNew, file untouched), readers a sandbox that reaches nothing but this database (and
    the files named in `writable`). Readers never migrate: a query that fails on a file missing
    migrations says so (SchemaOutdated) and names `events run`."""
    path = Path(path)
    if read_only and not path.exists():
        raise DatabaseMissing(f"no database at {path}: load one first with `events run FOLDER --db {path}`")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = _open(path, read_only, wait_seconds)
    try:
        if read_only:
            _sandbox(conn, writable)
        else:
            apply_schema(conn, path)
        yield conn
    except duckdb.InvalidInputException as err:
        if "read-only mode" in str(err):
            raise ReadOnlyViolation(
                f"{path} is opened read-only here; statements that change it are refused "
                f"(use `events run` to load data)") from err
        raise WarehouseError(str(err)) from err
    except (duckdb.CatalogException, duckdb.BinderException) as err:
        if read_only and (hint := _outdated_hint(conn, path)):
            raise SchemaOutdated(f"{str(err).strip().splitlines()[0]} ({hint})") from err
        raise
    except duckdb.Error as err:
        if is_damage(err):
            raise damaged(path, err) from err
        raise
    finally:
        conn.close()


def verify_readable(conn: duckdb.DuckDBPyConnection, path: Path | str) -> None:
    """Read every column of every table once, so that a damaged file (truncated, bad checksums)
    is said before its fingerprints are believed and documents called unchanged.
    About 0.05 s for a warehouse of 1,000 articles."""
    tables = conn.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                          "ORDER BY table_name").fetchall()
    for (table,) in tables:
        try:
            conn.execute(f'SELECT bit_xor(hash(COLUMNS(*))) FROM "{table}"').fetchall()
        except duckdb.Error as err:
            raise damaged(path, err) from err


def damaged(path: Path | str, err: Exception) -> DatabaseDamaged:
    first = str(err).strip().splitlines()[0]
    return DatabaseDamaged(f"the warehouse {path} is damaged and cannot be read ({first}); restore it from a "
                           "backup, or move it aside and run again to rebuild it from the articles")


def is_damage(err: Exception) -> bool:
    """DuckDB's words for a file that is not whole (a truncated copy, a bad block)."""
    message = str(err)
    return any(words in message for words in ("Corrupt database file", "Could not read enough bytes",
                                              "not a valid DuckDB database file"))


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN ... COMMIT, rolled back on any error. The error raised is the real cause: when COMMIT
    itself fails (a full disk), DuckDB has already ended the transaction and ROLLBACK would only
    add "no transaction is active"."""
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        try:
            conn.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise


def _lock_error(path: Path, err: Exception) -> WarehouseError:
    message = str(err)
    if "lock" not in message.lower():
        return WarehouseError(f"cannot open {path}: {message}")
    pid = re.search(r"PID (\d+)", message)
    holder = f" (held by process {pid.group(1)})" if pid else ""
    return WarehouseLocked(f"{path} is locked by another process{holder}; try again when it has finished")
