"""docs/warehouse.md stays true: its ten analyst queries run against the seeds warehouse."""
import re

import pytest

from tests.conftest import ROOT

DOC = (ROOT / "docs" / "warehouse.md").read_text("utf-8")
QUERIES = re.findall(r"```sql\n(.*?)```", DOC, re.S)


def test_docs_has_ten_queries():
    assert len(QUERIES) == 10


@pytest.mark.parametrize("query", QUERIES, ids=[f"q{i + 1}" for i in range(len(QUERIES))])
def test_docs_query_runs(seeds_warehouse, query):
    from warehouse.db import connect

    with connect(seeds_warehouse, read_only=True) as conn:
        rows = conn.execute(query).fetchall()
    assert rows, "each documented question has an answer on the seeds"


def test_docs_every_table_and_view_is_documented(seeds_warehouse):
    from warehouse.db import connect

    with connect(seeds_warehouse, read_only=True) as conn:
        names = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()]
    assert names and all(f"`{name}`" in DOC for name in names)
