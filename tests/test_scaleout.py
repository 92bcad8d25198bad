"""Parallel extraction: Prefect's process pool and a Dask cluster give the same warehouse."""
import pytest

from tests.conftest import SEEDS
from warehouse.db import connect

pytestmark = pytest.mark.slow


def table(db, query):
    with connect(db, read_only=True) as conn:
        return conn.execute(query).fetchall()


EVENTS = ("SELECT event_type, doc_id, char_start, char_end, date_start "
          "FROM events ORDER BY ALL")


@pytest.fixture(scope="module")
def serial_db(prefect_api, tmp_path_factory):
    from flows.etl import etl

    db = tmp_path_factory.mktemp("serial") / "events.duckdb"
    summary = etl(source=str(SEEDS), db=str(db), workers=1)
    assert summary.workers == 1
    return db


def test_process_pool_gives_the_same_events(serial_db, tmp_path):
    from flows.etl import etl

    db = tmp_path / "events.duckdb"
    summary = etl(source=str(SEEDS), db=str(db), batch_size=1, workers=2)
    assert summary.workers == 2 and summary.documents_loaded == 5
    assert table(db, EVENTS) == table(serial_db, EVENTS)


def test_dask_cluster_runs_the_extraction(serial_db, tmp_path):
    from distributed import Client, LocalCluster

    from flows.etl import etl

    db = tmp_path / "events.duckdb"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster, Client(cluster) as client:
        summary = etl(source=str(SEEDS), db=str(db), batch_size=2, dask_address=cluster.scheduler_address)
        ran_there = client.run(lambda: __import__("sys").modules.get("extract.pipeline") is not None)
    assert summary.documents_loaded == 5
    assert any(ran_there.values()), "no Dask worker imported the extraction code"
    assert table(db, EVENTS) == table(serial_db, EVENTS)
    # the workers only extracted: the one writer is this process, and it wrote every event once
    assert table(db, "SELECT count(*) = count(DISTINCT event_id) FROM events") == [(True,)]
