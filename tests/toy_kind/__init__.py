"""A fifth event kind written the way a plugin would write one: ceasefires ('a truce took
effect on Monday'). Registered by tests/test_toy_kind.py, it must need no change elsewhere."""
from typing import Literal

from pydantic import Field

from extract.events.kind import Column, DetailTable, EventKind
from extract.keys import place_key
from schemas.events import EventBase


class Ceasefire(EventBase):
    event_type: Literal["ceasefire"] = "ceasefire"
    duration_hours: int | None = Field(default=None, ge=1)


def identity(attrs) -> tuple[tuple, ...]:
    return (("where", place_key(attrs.get("location") or "")),)


KIND = EventKind(
    name="ceasefire", model=Ceasefire, rules="tests.toy_kind.rules", identity=identity,
    detail=DetailTable("ceasefires", (Column("duration_hours", "INTEGER"),)),
    timeline_summary="'ceasefire in ' || coalesce(location, '?')", borrows_story_date=True,
)
