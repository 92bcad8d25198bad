import datetime as dt

import pytest
from pydantic import ValidationError

from schemas import EVENT_ADAPTER, TimeExpr

EVIDENCE = {"sentence": "Ten people were killed.", "char_start": 5, "char_end": 28}


def casualty(**overrides):
    record = {"event_type": "casualty_figure", "event_id": "e" * 16, "doc_id": "d" * 16,
              "evidence": EVIDENCE, "confidence": 0.7, "category": "killed", "count": 10}
    record.update(overrides)
    return record


def test_schemas_discriminated_union_picks_the_type():
    event = EVENT_ADAPTER.validate_python(casualty())
    assert type(event).__name__ == "CasualtyFigure" and event.count == 10


@pytest.mark.parametrize(
    "overrides",
    [
        {"count": -3},
        {"category": "injured-ish"},
        {"status": "maybe"},
        {"count_qualifier": "roughly"},
        {"confidence": 1.5},
        {"evidence": {"sentence": "Ten people were killed.", "char_start": 5, "char_end": 4}},
        {"evidence": {"sentence": "Ten people were killed.", "char_start": 0, "char_end": 3}},
        {"event_type": "riot"},
    ],
)
def test_schemas_refuse_impossible_values(overrides):
    with pytest.raises(ValidationError):
        EVENT_ADAPTER.validate_python(casualty(**overrides))


def test_schemas_date_end_before_start_is_refused():
    with pytest.raises(ValidationError):
        TimeExpr(text="x", date_start=dt.date(2024, 1, 9), date_end=dt.date(2024, 1, 8), precision="day",
                 basis="explicit")


def test_schemas_unresolved_date_has_no_value():
    with pytest.raises(ValidationError):
        TimeExpr(text="Tuesday", date_start=dt.date(2024, 1, 9), date_end=dt.date(2024, 1, 9), basis="unresolved")


def test_schemas_meeting_needs_two_distinct_participants():
    base = {"event_type": "meeting", "event_id": "e" * 16, "doc_id": "d" * 16, "evidence": EVIDENCE,
            "confidence": 0.7}
    with pytest.raises(ValidationError):
        EVENT_ADAPTER.validate_python({**base, "participants": ["Ana Lima"]})
    with pytest.raises(ValidationError):
        EVENT_ADAPTER.validate_python({**base, "participants": ["Ana Lima", "Ana Lima"]})
    assert EVENT_ADAPTER.validate_python({**base, "participants": ["Ana Lima", "Omar Haddad"]})
