"""Warehouse errors, split by what the caller should do about them."""


class WarehouseError(Exception):
    """Base class: a message fit to show a user as is."""


class WarehouseLocked(WarehouseError):
    """Another process holds the database's write lock (transient: retry later)."""


class DatabaseMissing(WarehouseError):
    """The database file does not exist (terminal: run `events run` first)."""


class ReadOnlyViolation(WarehouseError):
    """A statement tried to change a database opened read-only (terminal)."""


class QueryRefused(WarehouseError):
    """A query or filter that is not a single read (terminal: the message says what to use)."""


class OutputRefused(WarehouseError):
    """An output path that would overwrite the warehouse, its WAL or lock, or a non-file (terminal)."""


class DatabaseDamaged(WarehouseError):
    """The database file is not whole: truncated or with bad blocks (terminal: restore or rebuild)."""


class SchemaTooNew(WarehouseError):
    """The file records a schema version newer than this code knows (terminal: upgrade news-events)."""


class SchemaOutdated(WarehouseError):
    """A read failed on a file that lacks migrations this code expects (terminal: `events run` upgrades it)."""
