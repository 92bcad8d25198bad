"""Visits: a person travels to a place (visit, trip to, arrive in, fly to)."""
from extract.events.kind import Column, DetailTable, EventKind
from extract.keys import name_key, place_key
from schemas.events import Visit


def identity(attrs) -> tuple[tuple, ...]:
    """The traveller and the destination (inside a story, the day tells two visits apart)."""
    actor, place = attrs.get("actor"), attrs.get("location")
    return ((name_key(actor), place_key(place)),) if actor and place else ()


KIND = EventKind(
    name="visit", model=Visit, rules="extract.events.visit.rules", identity=identity,
    detail=DetailTable("visits", (Column("ordinal", "INTEGER"),)),
    timeline_summary="coalesce(actor, '?') || ' to ' || coalesce(location, '?')",
    colour="#1f77b4", borrows_story_date=True,
)
