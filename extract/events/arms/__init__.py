"""Arms authorizations: weapons authorized, approved, sold, shipped or delivered."""
from extract.events.kind import Column, DetailTable, EventKind
from extract.keys import place_key
from schemas.events import ArmsAuthorization


def identity(attrs) -> tuple[tuple, ...]:
    """A package is recognised by its value or its quantity (a telling may give one of them);
    with no figure, only the sentence that tells it identifies it."""
    value, quantity = attrs.get("value_usd"), attrs.get("quantity")
    keys = ((("value", value),) if value else ()) + ((("quantity", quantity),) if quantity else ())
    return keys or (("told in", attrs.get("sentence")),)


def recipients_agree(a, b) -> bool:
    return place_key(a.get("recipient") or "") == place_key(b.get("recipient") or "")


KIND = EventKind(
    name="arms_authorization", model=ArmsAuthorization, rules="extract.events.arms.rules", identity=identity,
    detail=DetailTable("arms_authorizations", (
        Column("recipient", "VARCHAR"), Column("item", "VARCHAR"), Column("quantity", "BIGINT"),
        Column("unit", "VARCHAR"), Column("value_usd", "DOUBLE"), Column("value_qualifier", "VARCHAR"),
        Column("mechanism", "VARCHAR"))),
    timeline_summary=("concat_ws(' ', coalesce(actor, '?') || ' -> ' || coalesce(recipient, '?') || ':', "
                      "CAST(quantity AS VARCHAR), item, CASE WHEN value_usd IS NOT NULL THEN '($' || value_usd || ')' END)"),
    colour="#d62728", report_title="Arms authorizations",
    report_columns=("actor", "recipient", "quantity", "unit", "item", "value_usd", "value_qualifier", "mechanism"),
    anaphor_precisions=("day", "week", "month", "year"), cluster_agreement=recipients_agree,
)
