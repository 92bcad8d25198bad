"""Calendar arithmetic the date resolver builds on: a resolved date, and the days, weeks, months
and years it names, placed on the tense's side of the reference date."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from schemas.events import TimeExpr

# A date without a year, read as past, that would lie this far back while the same date lies this
# near ahead is the coming one: news names a date of last year with its year ("Jan. 14, 1999").
FAR_BACK_DAYS = 300
NEAR_AHEAD_DAYS = 60
NEAR_AHEAD_MONTHS = 2

# "present" reads like the past except for "this <weekday>", the day of the current week
Tense = Literal["past", "present", "future"]


@dataclass(frozen=True)
class ResolvedDate:
    expr: TimeExpr
    flags: tuple[str, ...] = field(default=())


def day_of(text: str, d: dt.date, basis: str) -> ResolvedDate:
    return ResolvedDate(TimeExpr(text=text, date_start=d, date_end=d, precision="day", basis=basis))


def month_of(text: str, year: int, month: int, basis: str) -> ResolvedDate:
    last = calendar.monthrange(year, month)[1]
    return ResolvedDate(TimeExpr(text=text, date_start=dt.date(year, month, 1),
                                 date_end=dt.date(year, month, last), precision="month", basis=basis))


def year_of(text: str, year: int, basis: str) -> ResolvedDate:
    return ResolvedDate(TimeExpr(text=text, date_start=dt.date(year, 1, 1),
                                 date_end=dt.date(year, 12, 31), precision="year", basis=basis))


def week_of(text: str, monday: dt.date) -> ResolvedDate:
    return ResolvedDate(TimeExpr(text=text, date_start=monday, date_end=monday + dt.timedelta(days=6),
                                 precision="week", basis="relative"))


def document_day(day: dt.date) -> ResolvedDate:
    """The reference date itself, as the date of what the document tells as of now (basis document)."""
    return ResolvedDate(TimeExpr(text=None, date_start=day, date_end=day, precision="day", basis="document"))


def unresolved(text: str | None, *flags: str) -> ResolvedDate:
    return ResolvedDate(TimeExpr(text=text), tuple(flags))


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def year_for_month_day(month: int, day: int, ref: dt.date, tense: Tense) -> dt.date | None:
    """The year that puts month/day on the tense's side of the reference date."""
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := valid_date(y, month, day))]
    if tense == "future":
        after = [d for d in candidates if d >= ref]
        return min(after) if after else None
    before = [d for d in candidates if d <= ref]
    latest = max(before) if before else None
    ahead = [d for d in candidates if 0 < (d - ref).days <= NEAR_AHEAD_DAYS]
    if latest is not None and (ref - latest).days > FAR_BACK_DAYS and ahead:
        return ahead[0]  # "by Jan. 14" in a Jan. 6 story: the coming one, not last year's
    return latest


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_in_tense(text: str, month: int, ref: dt.date, tense: Tense, near_ahead: bool = True) -> ResolvedDate:
    """The month on the tense's side of the reference date; read as past, a month at most
    NEAR_AHEAD_MONTHS ahead is this year's, unless the caller counts by tense alone."""
    if tense == "future":
        year = ref.year if month >= ref.month else ref.year + 1
    elif month <= ref.month or (near_ahead and month - ref.month <= NEAR_AHEAD_MONTHS):
        year = ref.year  # "in May", told in March without a future verb: this May
    else:
        year = ref.year - 1
    return month_of(text, year, month, "relative")
