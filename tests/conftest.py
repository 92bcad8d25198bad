"""The one conftest: shared fixtures. Only flow tests start Prefect (session-scoped harness)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def prefect_api():
    """A temporary Prefect API (SQLite in a temp dir) for the whole session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def make_document():
    """A Document from a text and a publication date, the way ingest builds it."""
    from extract.ingest import ManifestRow, make_document as build

    def _make(text: str, published: dt.date | None = dt.date(2024, 3, 14), name: str = "composed.txt"):
        meta = ManifestRow(source="Composed Wire", title=None, url=None, published=published)
        return build(name, text, "utf-8", meta)

    return _make


@pytest.fixture
def extract_text(nlp, make_document):
    """Events extracted from one composed article (published 2024-03-14, a Thursday)."""
    from extract.pipeline import extract_document

    def _extract(text: str, published: dt.date | None = dt.date(2024, 3, 14)):
        document = make_document(text, published)
        events, _ = extract_document(document, nlp(document.text))
        return events

    return _extract


@pytest.fixture(scope="session")
def seeds_warehouse(nlp, tmp_path_factory):
    """The seeds loaded and refined into a DuckDB file, without Prefect (the flow tests use it)."""
    from extract.ingest import read_folder
    from extract.pipeline import extract_documents
    from warehouse.db import connect
    from warehouse.load import LoadBatch, load_batch
    from warehouse.refine import refine

    db = tmp_path_factory.mktemp("seeds") / "events.duckdb"
    ingested = read_folder(SEEDS)
    extracted = extract_documents(ingested.documents)
    with connect(db) as conn:
        load_batch(conn, LoadBatch(ingested.documents, extracted.events, extracted.rejects), "run-seeds", "test")
        conn.execute("INSERT INTO runs (run_id, status, started_at) VALUES ('run-seeds', 'completed', now())")
        refine(conn)
    return db


def pytest_unconfigure(config):
    """The suite ends every process it started (Prefect servers, worker pools), even one a test left."""
    import psutil

    from flows.watchdog import end

    end(psutil.Process().children(recursive=True))
