"""Meetings: two or more named people meet, talk or sit with each other."""
from extract.events.kind import Column, DetailTable, EventKind
from extract.keys import name_key
from schemas.events import Meeting


def identity(attrs) -> tuple[tuple, ...]:
    """Who met (inside a story, the day tells two meetings apart)."""
    people = frozenset(name_key(p) for p in attrs.get("participants") or ())
    return ((people,),) if len(people) >= 2 else ()


KIND = EventKind(
    name="meeting", model=Meeting, rules="extract.events.meeting.rules", identity=identity,
    detail=DetailTable("meetings", (Column("n_participants", "INTEGER", lambda e: len(e.participants), not_null=True,
                                                exported=False),)),
    timeline_summary="array_to_string(participants, ', ')", timeline_location=True,
    colour="#2ca02c", borrows_story_date=True,
)
