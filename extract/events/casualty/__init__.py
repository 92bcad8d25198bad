"""Casualty figures: a count of killed, wounded, hostages, displaced, missing or detained people,
kept as a claim with its qualifier and who reported it."""
from extract.events.kind import Column, DetailTable, EventKind
from extract.keys import reporter_key
from schemas.events import CasualtyFigure


def identity(attrs) -> tuple[tuple, ...]:
    """The count and what it counts: the same figure in headline, lead and body is one claim."""
    return ((attrs.get("count"), attrs.get("category")),)


def same_reporter(a, b) -> bool:
    return reporter_key(a.get("reported_by") or "") == reporter_key(b.get("reported_by") or "")


KIND = EventKind(
    name="casualty_figure", model=CasualtyFigure, rules="extract.events.casualty.rules", identity=identity,
    detail=DetailTable("casualty_figures", (
        Column("count", "BIGINT"), Column("count_qualifier", "VARCHAR"), Column("category", "VARCHAR", not_null=True),
        Column("victims", "VARCHAR"), Column("reported_by", "VARCHAR"),
        Column("reporter_key", "VARCHAR", lambda e: reporter_key(e.reported_by) if e.reported_by else None,
               exported=False))),
    timeline_summary=("concat_ws(' ', CAST(count AS VARCHAR), category, victims, "
                      "CASE WHEN reported_by IS NOT NULL THEN 'per ' || reported_by END)"),
    timeline_location=True, colour="#9467bd", status_when_dated="occurred",
    publication_window_days=7, cluster_agreement=same_reporter, views="views.sql",
)
