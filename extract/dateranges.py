"""Spans of days and months: 'May 2-5', '3 and 4 March', 'the 13th to the 17th', 'between July and
September', 'next Tuesday and Wednesday'. extract/dates.py resolves the rest of a date span."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from extract.calendar_math import (
    ResolvedDate, Tense, month_in_tense, month_of, shift_month, unresolved, valid_date, year_for_month_day,
)
from extract.datespans import DAY_RANGE, DM_RANGE, MD_RANGE, MONTH_RANGE, WEEKDAYS, clean_span, month_number
from schemas.events import TimeExpr


def month_range(text: str, m: re.Match, ref: dt.date, tense: Tense) -> ResolvedDate:
    """'between July and September': from the first month's start to the last one's end, the
    first month placed by the tense (or the year written)."""
    first, last = month_number(m["month"]), month_number(m["month2"])
    start = month_of(text, int(m["year"]), first, "explicit") if m["year"] else month_in_tense(text, first, ref, tense)
    year = start.expr.date_start.year + (last < first)
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return ResolvedDate(start.expr.model_copy(update={"date_end": end}))


def day_range(text: str, s: str, ref: dt.date | None, tense: Tense) -> ResolvedDate | None:
    """'May 2-5', '3 and 4 March', 'May 30 to June 2': the days from the first to the last. A range
    without a year takes the year its first day has by the tense; None when s is no range."""
    m = MD_RANGE.match(s) or DM_RANGE.match(s)
    if not m:
        return None
    first_month = month_number(m["month2"]) if m.re is DM_RANGE and m["month2"] else month_number(m["month"])
    last_month = month_number(m["month"]) if m.re is DM_RANGE else month_number(m["month2"] or m["month"])
    day, day2 = int(m["day"]), int(m["day2"])
    if m["year"]:
        start = valid_date(int(m["year"]), first_month, day)
        basis = "explicit"
    elif ref is None:
        return unresolved(text, "no_reference_date")
    else:
        start = year_for_month_day(first_month, day, ref, tense) if valid_date(2024, first_month, day) else None
        basis = "relative"
    if start is None:
        return unresolved(text, "invalid_date")
    end = valid_date(start.year + (last_month < first_month), last_month, day2)
    if end is None or end <= start or (end - start).days > 62:
        return unresolved(text, "invalid_date")
    return ResolvedDate(TimeExpr(text=text, date_start=start, date_end=end, precision="day", basis=basis))


def days_of_month(text: str, m: re.Match, ref: dt.date, tense: Tense) -> ResolvedDate:
    """'the 13th to the 17th' (or 'the 14th') in a story of the 16th: days of the reference month, or
    of the month before when told in the past and not yet begun, or after when told ahead and over."""
    day = int(m["day"])
    day2 = int(m["day2"]) if "day2" in m.re.groupindex else day
    delta = -1 if tense == "past" and day > ref.day else 1 if tense == "future" and day2 < ref.day else 0
    year, month = shift_month(ref.year, ref.month, delta)
    start, end = valid_date(year, month, day), valid_date(year, month, day2)
    if start is None or end is None or end < start:
        return unresolved(text, "invalid_date")
    return ResolvedDate(TimeExpr(text=text, date_start=start, date_end=end, precision="day", basis="relative"))


def is_range(text: str) -> bool:
    """'May 2-5', 'from May 2 to 5', 'the 13th to the 17th', 'between July and September': a span of days or months."""
    s = clean_span(text)
    return bool(MD_RANGE.match(s) or DM_RANGE.match(s) or DAY_RANGE.match(s) or MONTH_RANGE.match(s))


def through_weekday(resolved: ResolvedDate, weekday: str) -> ResolvedDate:
    """'next Tuesday and Wednesday': a day-precise date extended to the first such weekday after it."""
    name = weekday.lower().strip(" ,.")
    start = resolved.expr.date_start
    if name not in WEEKDAYS or start is None or resolved.expr.precision != "day":
        return resolved
    end = start + dt.timedelta(days=(WEEKDAYS.index(name) - start.weekday()) % 7)
    if end == start:
        return resolved
    return ResolvedDate(resolved.expr.model_copy(update={"date_end": end, "text": f"{resolved.expr.text} and {weekday}"}),
                        resolved.flags)
