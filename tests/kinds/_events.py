"""Events reduced to what a reader checks, and a comparison of the WHOLE set a text yields.

Each event becomes a small frozen record of its kind's key fields (`Visit`, `Meeting`, `Arms`,
`Casualty`); `assert_events` compares every event of the text, of every kind, with the expected
list, so a missing event and an extra (false) one both fail. Expected values are what a careful
reader of the sentence says is true, not what the code happens to give:

- `location` is the place the text names for that event (its clause, "where", the place of the
  trip the talks are for), never one inferred from another event of the story.
- `when` spells the date and its precision in one string (see `when`); None is unresolved.
- `ANY` (from unittest.mock) stands for a field a row does not judge: it is used only beside a
  `known_gap` row of the same sentence that states the true value, so that the rest of the
  sentence is still checked while the gap is open.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from unittest.mock import ANY

import pytest

__all__ = ["ANY", "Arms", "Casualty", "Meeting", "Visit", "assert_events", "flags", "known_gap", "reduce", "when"]


@dataclass(frozen=True)
class Visit:
    actor: str | None
    location: str | None
    when: str | None = None
    status: str = "occurred"
    ordinal: int | None = None


@dataclass(frozen=True)
class Meeting:
    participants: frozenset[str]
    location: str | None = None
    when: str | None = None
    status: str = "occurred"

    def __post_init__(self):
        if self.participants is not ANY:
            object.__setattr__(self, "participants", frozenset(self.participants))


@dataclass(frozen=True)
class Arms:
    actor: str | None = None
    recipient: str | None = None
    item: str | None = None
    quantity: int | None = None
    value_usd: float | None = None
    when: str | None = None
    status: str = "occurred"


@dataclass(frozen=True)
class Casualty:
    count: int | None
    qualifier: str | None
    category: str
    victims: str | None = None
    reported_by: str | None = None
    when: str | None = None
    status: str = "occurred"


def when(date) -> str | None:
    """A TimeExpr as one string that also fixes its precision.

    '2024-03-11' one day, '2024-03-11/2024-03-13' several days (day precision), '2024-03' a month,
    '2024-W12' an ISO week (Monday to Sunday), '2023' a year, None unresolved. Any other span is
    spelled out: '2024-01-01/2024-06-30 (month)'.
    """
    start, end, precision = date.date_start, date.date_end, date.precision
    if start is None:
        return None
    if precision == "day":
        return start.isoformat() if start == end else f"{start}/{end}"
    if precision == "month" and start.day == 1 and end == start.replace(
            day=calendar.monthrange(start.year, start.month)[1]):
        return f"{start:%Y-%m}"
    if precision == "week" and start.isoweekday() == 1 and end == start + dt.timedelta(days=6):
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == "year" and start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31):
        return str(start.year)
    return f"{start}/{end} ({precision})"


def reduce(event) -> Visit | Meeting | Arms | Casualty:
    """One event as the record of its kind's key fields."""
    on = when(event.date)
    if event.event_type == "visit":
        return Visit(event.actor, event.location, on, event.status, event.ordinal)
    if event.event_type == "meeting":
        return Meeting(event.participants, event.location, on, event.status)
    if event.event_type == "arms_authorization":
        return Arms(event.actor, event.recipient, event.item, event.quantity, event.value_usd, on, event.status)
    if event.event_type == "casualty_figure":
        return Casualty(event.count, event.count_qualifier, event.category, event.victims, event.reported_by, on,
                        event.status)
    raise AssertionError(f"unknown event type {event.event_type!r}")


def assert_events(events, expected, *, kinds: tuple[str, ...] | None = None) -> None:
    """Every event of the text (of `kinds` only, when given) matches exactly one expected record.

    `kinds` narrows the comparison only where another kind of the same text is a known gap that a
    `known_gap` row checks in full.
    """
    found = [reduce(e) for e in events if kinds is None or e.event_type in kinds]
    missing, extra = list(expected), []
    for fact in found:
        for i, want in enumerate(missing):
            if want == fact:
                del missing[i]
                break
        else:
            extra.append(fact)
    if missing or extra:
        def listed(facts):
            return "".join(f"\n    {fact!r}" for fact in facts) or "\n    -"

        raise AssertionError(f"the events differ from the expected ones\n  missing:{listed(missing)}"
                             f"\n  extra:{listed(extra)}\n  all found:{listed(found)}")


def flags(events) -> set[str]:
    """The quality flags of all the events of a text."""
    return {flag for event in events for flag in event.quality_flags}


def known_gap(reason: str):
    """A case whose true expectation today's code does not meet: it must fail (on an assert), until fixed."""
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)
