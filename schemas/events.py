"""Event records: a discriminated union on `event_type`, each with evidence and a date."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeFloat,
    NonNegativeInt,
    TypeAdapter,
    model_validator,
)

Status = Literal["occurred", "planned", "pending", "reported"]
Qualifier = Literal["exact", "at_least", "approximate", "at_most"]
Category = Literal["killed", "wounded", "hostages", "displaced", "missing", "detained"]
Precision = Literal["day", "week", "month", "year"]
DateBasis = Literal["explicit", "relative", "document", "unresolved"]

EVENT_TYPES = ("visit", "meeting", "arms_authorization", "casualty_figure")


class Evidence(BaseModel):
    """Where a claim was read: `text[char_start:char_end] == quote` in the normalised text."""

    model_config = ConfigDict(frozen=True)

    sentence: str = Field(min_length=1)
    char_start: NonNegativeInt
    char_end: NonNegativeInt

    @model_validator(mode="after")
    def _span_is_ordered(self) -> "Evidence":
        if self.char_end <= self.char_start:
            raise ValueError("char_end must be greater than char_start")
        if self.char_end - self.char_start != len(self.sentence):
            raise ValueError("evidence span length differs from the sentence length")
        return self


class TimeExpr(BaseModel):
    """A date mention resolved (or honestly not) against the document's reference date."""

    model_config = ConfigDict(frozen=True)

    text: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    precision: Precision | None = None
    basis: DateBasis = "unresolved"

    @model_validator(mode="after")
    def _consistent(self) -> "TimeExpr":
        if (self.date_start is None) != (self.date_end is None):
            raise ValueError("date_start and date_end are set together")
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ValueError("date_end is before date_start")
        if self.date_start is None and self.basis != "unresolved":
            raise ValueError("a date without a value must have basis 'unresolved'")
        if self.date_start is not None and (self.precision is None or self.basis == "unresolved"):
            raise ValueError("a resolved date needs a precision and a basis")
        return self


class EventBase(BaseModel):
    """Columns every event has (the `events` table)."""

    event_id: str = Field(min_length=8)
    doc_id: str = Field(min_length=8)
    status: Status = "occurred"
    date: TimeExpr = Field(default_factory=TimeExpr)
    evidence: Evidence
    actor: str | None = None
    location: str | None = None
    quality_flags: list[str] = Field(default_factory=list)
    confidence: float = Field(ge=0.0, le=1.0)


class Visit(EventBase):
    event_type: Literal["visit"] = "visit"
    ordinal: Annotated[int, Field(ge=1, le=200)] | None = None


class Meeting(EventBase):
    event_type: Literal["meeting"] = "meeting"
    participants: list[str] = Field(min_length=2)
    roles: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _distinct_participants(self) -> "Meeting":
        if len(set(self.participants)) != len(self.participants):
            raise ValueError("participants must be distinct")
        return self


class ArmsAuthorization(EventBase):
    event_type: Literal["arms_authorization"] = "arms_authorization"
    recipient: str | None = None
    item: str | None = None
    quantity: NonNegativeInt | None = None
    unit: str | None = None
    value_usd: NonNegativeFloat | None = None
    value_qualifier: Qualifier | None = None
    mechanism: str | None = None


class CasualtyFigure(EventBase):
    event_type: Literal["casualty_figure"] = "casualty_figure"
    count: NonNegativeInt | None = None
    count_qualifier: Qualifier | None = None
    category: Category
    victims: str | None = None
    reported_by: str | None = None


Event = Annotated[
    Union[Visit, Meeting, ArmsAuthorization, CasualtyFigure],
    Field(discriminator="event_type"),
]
EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)
