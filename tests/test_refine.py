"""Cross-source clusters and figure series."""
import datetime as dt

from warehouse.db import connect
from extract.keys import reporter_key
from warehouse.refine import Row, cluster


def row(event_id, doc_id, event_type="meeting", date=dt.date(2024, 5, 6), **kw):
    base = dict(publisher=None, published=date, date_start=date, date_end=date, actor=None, location=None,
                participants=[], recipient=None, item=None, quantity=None, value_usd=None, count=None,
                category=None, victims=None, reported_by=None, ordinal=None, status="occurred")
    base.update(kw)
    return Row(event_id, event_type, doc_id, **base)


def test_refine_same_meeting_in_two_documents_is_one_cluster():
    a = row("e1", "d1", participants=["Ana Lima", "Otto Brandt"])
    b = row("e2", "d2", participants=["Mr. Brandt", "Ana Lima"])
    c = row("e3", "d3", participants=["Ana Lima", "Otto Brandt"], date=dt.date(2024, 6, 1))
    undated = row("e4", "d4", participants=["Ana Lima", "Otto Brandt"], date=None)
    ids = cluster([a, b, c, undated])
    assert ids["e1"] == ids["e2"]
    assert len({ids["e1"], ids["e3"], ids["e4"]}) == 3


def test_refine_cluster_id_is_stable_when_a_later_report_joins():
    a = row("e1", "d1", participants=["Ana Lima", "Otto Brandt"], published=dt.date(2024, 5, 6))
    b = row("e2", "d2", participants=["Ana Lima", "Otto Brandt"], published=dt.date(2024, 5, 7))
    before = cluster([a])["e1"]
    assert cluster([a, b])["e1"] == cluster([a, b])["e2"] == before


def test_refine_reporter_keys_join_spellings_of_one_source():
    keys = {reporter_key(r) for r in ("Hamas-run Gaza Health Ministry", "Gaza Ministry of Health",
                                      "Gaza health authorities")}
    assert keys == {"gaza health"}
    assert reporter_key("UN refugee agency") != reporter_key("Gaza health authorities")


def test_refine_seeds_link_the_tel_aviv_meeting_across_two_articles(seeds_warehouse):
    with connect(seeds_warehouse, read_only=True) as conn:
        rows = conn.execute("""
            SELECT c.n_documents, c.participants, c.location FROM event_clusters c
            WHERE c.event_type = 'meeting' AND c.date_start = DATE '2024-01-09' AND c.n_documents >= 2
        """).fetchall()
        linked = conn.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchone()[0]
    assert rows and any(loc == "Tel Aviv" for _, _, loc in rows)
    assert linked == 0


def test_refine_casualty_series_shows_the_health_ministry_over_time(seeds_warehouse):
    with connect(seeds_warehouse, read_only=True) as conn:
        series = conn.execute("""
            SELECT as_of, published, count FROM v_casualty_series
            WHERE reporter_key = 'gaza health' AND category = 'killed' ORDER BY as_of
        """).fetchall()
    assert len({as_of for as_of, _, _ in series}) >= 3
    assert all(as_of == published for as_of, published, _ in series)  # running totals: as of each article
    counts = [c for _, _, c in series if c is not None]
    assert counts == sorted(counts) and len(counts) >= 2   # 9,000 then 23,000; the malformed one is null
