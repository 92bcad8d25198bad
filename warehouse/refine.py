"""Refine: link the same real-world event told by several documents into one cluster.

Two events are the same when they are of one kind and share a key of the kind's identity
(extract/events/<kind>/__init__.py: the same one that deduplicates a document and matches
gold), their dates are compatible (their ranges overlap; for a kind clustered by
publication, such as casualty figures, publications within its window) and they agree
on what the kind requires (arms: the recipient; casualty figures: the reporter).
Clusters are recomputed over the whole warehouse in one transaction: cheap at
news scale, and always consistent with the events that are there.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from extract.events.kind import EventKind
from extract.events.registry import kind
from warehouse.db import query, transaction

_EVENTS = query("refine/events.sql")


@dataclass
class Row:
    event_id: str
    event_type: str
    doc_id: str
    publisher: str | None
    published: dt.date | None
    date_start: dt.date | None
    date_end: dt.date | None
    actor: str | None
    location: str | None
    participants: list[str]
    recipient: str | None
    item: str | None
    quantity: int | None
    value_usd: float | None
    count: int | None
    category: str | None
    victims: str | None
    reported_by: str | None
    ordinal: int | None
    status: str
    sentence: str | None = None
    quality_flags: list[str] = field(default_factory=list)


def block_keys(r: Row) -> list[tuple]:
    """The blocks an event is compared in: its kind's identity keys. A key with an unknown
    part (a count left empty) links nothing across documents."""
    return [(r.event_type, key) for key in kind(r.event_type).identity(vars(r)) if None not in key]


def compatible(a: Row, b: Row) -> bool:
    if a.doc_id == b.doc_id:
        return False  # one document's events were already deduplicated at extraction
    of = kind(a.event_type)
    return _same_time(a, b, of) and (of.cluster_agreement is None or of.cluster_agreement(vars(a), vars(b)))


def _same_time(a: Row, b: Row, of: EventKind) -> bool:
    if of.publication_window_days is not None:  # a count as of its statement: told within days
        window = dt.timedelta(days=of.publication_window_days)
        return a.published is not None and b.published is not None and abs(a.published - b.published) <= window
    if a.date_start is None or b.date_start is None:
        return False  # undated tellings are never merged: that would be a guess
    return a.date_start <= b.date_end and b.date_start <= a.date_end


def cluster(rows: list[Row]) -> dict[str, str]:
    """event_id -> cluster_id; the id is a hash of the earliest member, stable as others join."""
    parent = {r.event_id: r.event_id for r in rows}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    blocks: dict[tuple, list[Row]] = defaultdict(list)
    for r in rows:
        for key in block_keys(r):
            blocks[key].append(r)
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if compatible(a, b):
                    parent[find(a.event_id)] = find(b.event_id)
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        groups[find(r.event_id)].append(r)
    ids = {}
    for members in groups.values():
        first = min(members, key=lambda r: (r.published or dt.date.max, r.event_id))
        cluster_id = "c" + hashlib.sha256(first.event_id.encode()).hexdigest()[:15]
        ids.update({m.event_id: cluster_id for m in members})
    return ids


def _conflicts(members: list[Row]) -> list[str]:
    """Attributes the sources disagree on, kept visible rather than averaged away."""
    out = []
    for field in ("ordinal", "count", "value_usd", "quantity", "location", "date_start"):
        values = sorted({str(getattr(m, field)) for m in members if getattr(m, field) is not None})
        if len(values) > 1:
            out.append(f"{field}: {' | '.join(values)}")
    return out


def _cluster_rows(rows: list[Row], ids: dict[str, str]) -> list[dict]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        groups[ids[r.event_id]].append(r)
    out = []
    for cluster_id, members in groups.items():
        first = min(members, key=lambda r: (r.published or dt.date.max, r.event_id))
        dated = [m for m in members if m.date_start]
        out.append({
            "cluster_id": cluster_id, "event_type": first.event_type,
            "date_start": min((m.date_start for m in dated), default=None),
            "date_end": max((m.date_end for m in dated), default=None),
            "actor": first.actor, "participants": first.participants, "location": first.location,
            "recipient": first.recipient, "item": first.item, "quantity": first.quantity,
            "value_usd": first.value_usd, "count": first.count, "category": first.category,
            "victims": first.victims, "reported_by": first.reported_by, "status": first.status,
            "first_reported": min((m.published for m in members if m.published), default=None),
            "last_reported": max((m.published for m in members if m.published), default=None),
            "n_documents": len({m.doc_id for m in members}), "n_events": len(members),
            "publishers": sorted({m.publisher for m in members if m.publisher}),
            "conflicts": _conflicts(members),
        })
    return out


CLUSTERS = pa.schema([
    ("cluster_id", pa.string()), ("event_type", pa.string()), ("date_start", pa.date32()),
    ("date_end", pa.date32()), ("actor", pa.string()), ("participants", pa.list_(pa.string())),
    ("location", pa.string()), ("recipient", pa.string()), ("item", pa.string()), ("quantity", pa.int64()),
    ("value_usd", pa.float64()), ("count", pa.int64()), ("category", pa.string()), ("victims", pa.string()),
    ("reported_by", pa.string()), ("status", pa.string()), ("first_reported", pa.date32()),
    ("last_reported", pa.date32()), ("n_documents", pa.int32()), ("n_events", pa.int32()),
    ("publishers", pa.list_(pa.string())), ("conflicts", pa.list_(pa.string())),
])


STALE = query("refine/stale.sql")


def clusters_stale(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether clusters miss events or name events that are gone (a run killed before refine)."""
    return conn.execute(STALE).fetchone()[0]


def refine(conn: duckdb.DuckDBPyConnection) -> int:
    """Recompute clusters; returns how many clusters span two or more documents."""
    cursor = conn.execute(_EVENTS)
    rows = [Row(*values) for values in cursor.fetchall()]
    ids = cluster(rows)
    assignments = pa.table({"event_id": list(ids), "cluster_id": list(ids.values())},
                           schema=pa.schema([("event_id", pa.string()), ("cluster_id", pa.string())]))
    clusters = pa.Table.from_pylist(_cluster_rows(rows, ids), CLUSTERS)
    try:
        with transaction(conn):
            conn.register("stage_assignments", assignments)
            conn.register("stage_clusters", clusters)
            conn.execute("UPDATE events SET cluster_id = a.cluster_id FROM stage_assignments a "
                         "WHERE events.event_id = a.event_id")
            conn.execute("DELETE FROM event_clusters")
            conn.execute("INSERT INTO event_clusters BY NAME SELECT * FROM stage_clusters")
    finally:
        conn.unregister("stage_assignments")
        conn.unregister("stage_clusters")
    return sum(1 for c in clusters.column("n_documents").to_pylist() if c >= 2)
