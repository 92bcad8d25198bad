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
                                                 "date_accuracy": 1.0, "status_accuracy": 1.0})
