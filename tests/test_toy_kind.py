"""A fifth kind (tests/toy_kind: one package, its lexicon, its gold) runs through extraction,
the story passes, scoring and the warehouse without a change anywhere else."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from extract.events.registry import event_types, registered
from tests import toy_kind

TEXT = ("Truce holds in Lebanon\n"
        "A 72-hour truce took effect in Lebanon on Monday, the mediators said. "
        "Aid convoys reached the border town within hours. "
        "The ceasefire in Lebanon was the first since the war began.")


def _toy(events):
    return [(e.location, e.duration_hours, e.date.date_start, e.status, e.quality_flags)
            for e in events if e.event_type == "ceasefire"]


def test_a_registered_kind_is_extracted_dated_by_the_story_and_deduplicated(nlp, make_document):
    document = make_document(TEXT)  # published Thursday 2024-03-14
    with registered(toy_kind.KIND):
        assert event_types()[-1] == "ceasefire"
        from extract.pipeline import extract_document

        events, rejects = extract_document(document, nlp(document.text))
    # the headline's and the last sentence's undated tellings fold into the dated one
    assert _toy(events) == [("Lebanon", 72, dt.date(2024, 3, 11), "occurred", [])]
    assert rejects == []
    assert "ceasefire" not in event_types()


def test_a_registered_kind_is_scored_against_its_gold(tmp_path):
    (tmp_path / "truce.txt").write_text(TEXT, "utf-8")
    (tmp_path / "manifest.csv").write_text("file,source,title,url,published\ntruce.txt,Composed Wire,,,2024-03-14\n")
    gold = {"doc": "truce.txt", "event_type": "ceasefire", "location": "Lebanon",
            "date_start": "2024-03-11", "date_end": "2024-03-11", "status": "occurred"}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n")
    from extract.evaluate import as_dict, evaluate

    with registered(toy_kind.KIND):
        scores = as_dict(evaluate(tmp_path))
    assert scores["ceasefire"] == pytest.approx({"gold": 1, "predicted": 1, "lenient_p": 1.0, "lenient_r": 1.0,
                                                 "lenient_f1": 1.0, "strict_p": 1.0, "strict_r": 1.0, "strict_f1": 1.0,
                                                 "date_accuracy": 1.0, "status_accuracy": 1.0, "dated_gold": 1,
                                                 "date_right_share": 1.0, "date_coarser_share": 0.0,
                                                 "date_wrong_share": 0.0, "date_unresolved_share": 0.0,
                                                 "date_invented": 0})


def test_a_registered_kind_is_loaded_exported_and_clustered(nlp, make_document, tmp_path):
    """Its detail table is made from its declaration, v_events gains its columns at the end, the
    timeline summarises it, and two outlets' tellings are one cluster."""
    from extract.pipeline import extract_document
    from warehouse.db import connect
    from warehouse.load import LoadBatch, load_batch
    from warehouse.refine import refine

    documents = [make_document(TEXT, name="a.txt"),
                 make_document(TEXT.replace("the mediators said", "aid workers said"), name="b.txt")]
    db = tmp_path / "events.duckdb"
    with registered(toy_kind.KIND):
        events = [e for d in documents for e in extract_document(d, nlp(d.text))[0]]
        with connect(db) as conn:
            load_batch(conn, LoadBatch(documents, events, []), "run-toy", "test")
            assert refine(conn) == 1
            columns = [c[0] for c in conn.execute("DESCRIBE v_events").fetchall()]
            rows = conn.execute("SELECT doc_id, duration_hours, location, cluster_id FROM v_events "
                                "WHERE event_type = 'ceasefire' ORDER BY doc_id").fetchall()
            timeline = conn.execute("SELECT summary FROM v_timeline WHERE event_type = 'ceasefire'").fetchall()
    assert columns[-2:] == ["cluster_id", "duration_hours"]  # a new column goes at the end of the contract
    assert [(r[1], r[2]) for r in rows] == [(72, "Lebanon"), (72, "Lebanon")] and rows[0][3] == rows[1][3]
    assert timeline == [("2024-03-11 ceasefire: ceasefire in Lebanon (2 sources)",)]
