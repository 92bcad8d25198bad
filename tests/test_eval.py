"""Extraction quality as regression floors: a change that loses more than 0.02 F1 fails.

The floors in tests/gold/floors.json are the levels reached; raise them when a
change improves a score: `.venv/bin/python tests/gold/update_floors.py`, then review the diff.
"""
import datetime as dt
import json
import re

import pytest

from extract.evaluate import Item, as_dict, date_totals, evaluate, lenient_match, load_gold, predict, same_date, score
from extract.ingest import read_folder
from tests.conftest import ROOT, SEEDS

FLOORS = json.loads((ROOT / "tests/gold/floors.json").read_text("utf-8"))
TOLERANCE = 0.02
GOLD = {"seeds": (ROOT / "tests/gold/seeds.jsonl", SEEDS), "composed": (ROOT / "tests/gold/composed", None),
        "heldout": (ROOT / "tests/gold/heldout", None),
        "heldout2": (ROOT / "tests/gold/heldout2", None), "heldout3": (ROOT / "tests/gold/heldout3", None),
        "heldout4": (ROOT / "tests/gold/heldout4", None)}


@pytest.fixture(scope="module", params=sorted(GOLD))
def extracted(request, nlp):
    """(set name, gold items, predicted items, reference date per document file) of one gold set."""
    gold_path, docs = GOLD[request.param]
    gold, gold_docs = load_gold(gold_path)
    folder = docs or gold_docs
    references = {d.source_file: d.reference_date for d in read_folder(folder).documents}
    return request.param, gold, predict(folder), references


@pytest.fixture(scope="module")
def scored(extracted):
    name, gold, predicted, _ = extracted
    return name, score(gold, predicted)


def test_eval_f1_stays_above_the_floors(scored):
    name, scores = scored
    rows = as_dict(scores)
    for event_type, floor in FLOORS[name].items():
        if event_type == "dates":
            continue
        for measure in ("lenient_f1", "strict_f1"):
            assert rows[event_type][measure] >= floor[measure] - TOLERANCE, (name, event_type, measure)


def test_eval_dates_stay_right_and_wrong_ones_stay_rare(scored):
    """Of the found events with a gold date: the share dated right does not fall, the share dated
    wrong does not grow (floors.json, 'dates')."""
    name, scores = scored
    shares, floor = date_totals(scores).shares(), FLOORS[name]["dates"]
    assert shares["date_right_share"] >= floor["right"] - TOLERANCE, (name, shares)
    assert shares["date_wrong_share"] <= floor["wrong"] + TOLERANCE, (name, shares)


def test_properties_no_done_event_is_dated_after_its_telling(extracted):
    """Only a plan may lie after the reference date: an event told as done never does."""
    name, _, predicted, references = extracted
    late = [(p.doc, p.attrs["date_start"], p.sentence[:80]) for p in predicted
            if p.attrs.get("status") != "planned" and p.attrs.get("date_start") and references[p.doc]
            and dt.date.fromisoformat(p.attrs["date_start"]) > references[p.doc]]
    assert late == [], name


YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def test_properties_no_event_is_dated_over_a_year_back_unless_its_text_gives_the_year(extracted):
    """'In May' never becomes a May two years back: an old date needs a year written in its sentence,
    or an event of the story it is counted from ('two months earlier': date_relative_to_story)."""
    name, _, predicted, references = extracted
    old = [(p.doc, p.attrs["date_end"], p.sentence[:80]) for p in predicted
           if p.attrs.get("date_end") and references[p.doc] and not YEAR.search(p.sentence)
           and "date_relative_to_story" not in p.attrs.get("quality_flags", ())
           and (references[p.doc] - dt.date.fromisoformat(p.attrs["date_end"])).days > 366]
    assert old == [], name


def _item(doc="a.txt", **attrs):
    return Item(doc, attrs.pop("event_type", "casualty_figure"), attrs, "s", attrs.pop("doubtful", False))


def test_eval_scoring_counts_matches_misses_and_false_positives():
    gold = [_item(count=10, category="killed", date_start="2024-01-01", date_end="2024-01-01"),
            _item(count=5, category="wounded"),
            _item(count=7, category="missing", doubtful=True)]
    predicted = [_item(count=10, category="killed", date_start="2024-01-02", date_end="2024-01-02"),
                 _item(count=7, category="missing"),
                 _item(count=99, category="killed")]
    s = score(gold, predicted)["casualty_figure"]
    assert (s.gold, s.predicted, s.lenient_tp, s.strict_tp) == (2, 2, 1, 0)
    assert [m.attrs["count"] for m in s.misses] == [5]
    assert [p.attrs["count"] for p in s.false_positives] == [99]


def test_eval_lists_wrong_statuses_of_matched_events():
    gold = [_item(count=10, category="killed", status="occurred"), _item(count=4, category="killed", status="reported")]
    predicted = [_item(count=10, category="killed", status="reported"), _item(count=4, category="killed", status="reported")]
    s = score(gold, predicted)["casualty_figure"]
    assert [(g.attrs["count"], p.attrs["status"]) for g, p in s.wrong_status] == [(10, "reported")]
    assert as_dict({"casualty_figure": s})["casualty_figure"]["status_accuracy"] == 0.5


def test_eval_meetings_match_on_participant_surnames():
    g = _item(event_type="meeting", participants=["Ana Lima", "Otto Brandt"])
    assert lenient_match(g, _item(event_type="meeting", participants=["Mr. Brandt", "Ana Lima"]))
    assert not lenient_match(g, _item(event_type="meeting", participants=["Ana Lima", "Eva Kurz"]))
    assert same_date(g, _item(event_type="meeting"))


def test_extraction_never_reads_the_clock():
    """No event may be dated by 'today': extraction code has no access to the current date."""
    clock = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.today|time\.time|utcnow)\s*\(")
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "extract").rglob("*.py") if clock.search(p.read_text())]
    assert offenders == []


def test_relative_dates_stay_unresolved_without_a_reference(extract_text):
    events = extract_text("On Tuesday, Foreign Minister Ana Lima met President Otto Brandt in Lima. "
                          "Police said 12 people were killed last week.", published=None)
    assert events and all(e.date.date_start is None and e.date.basis == "unresolved" for e in events)


def test_eval_a_prediction_goes_to_the_gold_with_its_own_date():
    """Two meetings of one pair (March, September), one found: it is the September one, whatever
    the order of the gold, and the March one is the miss."""
    march = _item(event_type="meeting", participants=["Ana Lima", "Otto Brandt"], date_start="2024-03-03",
                  date_end="2024-03-03")
    september = _item(event_type="meeting", participants=["Ana Lima", "Otto Brandt"], date_start="2023-09-20",
                      date_end="2023-09-20")
    found = _item(event_type="meeting", participants=["Ana Lima", "Otto Brandt"], date_start="2023-09-20",
                  date_end="2023-09-20")
    for gold in ([march, september], [september, march]):
        s = score(gold, [found])["meeting"]
        assert (s.lenient_tp, s.strict_tp, s.misses) == (1, 1, [march])
        assert (s.dates.right, s.dates.wrong) == (1, 0)


def test_properties_every_casualty_figure_of_a_dated_document_is_dated(extracted):
    """The flow/stock convention dates every figure: by its incident, else as of its statement."""
    name, _, predicted, references = extracted
    undated = [(p.doc, p.attrs.get("count"), p.sentence[:80]) for p in predicted
               if p.event_type == "casualty_figure" and references[p.doc] and not p.attrs.get("date_start")]
    assert undated == [], name
