"""Resolve date mentions against a document's reference date, with honest precision.

Weekdays, months without a year and "last/next/this <unit>" are resolved with
plain calendar arithmetic and the sentence's tense (dateparser resolves bare
weekdays into the wrong week); dateparser only handles what is left, on the
date span alone. Nothing here reads the clock: no reference date, no relative date.
The patterns of the spans, and their words from the calendar and number lexicons, are in
extract/datespans.py; spans of days and months are resolved in extract/dateranges.py.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from extract.datespans import (
    AGO, DAY_OF_MONTH, DAY_RANGE, DAY_WORDS, DM, DMY, FULL_DATES_IN_TEXT, ISO, MD, MDY, MONTH_ONLY, MONTH_RANGE, MONTH_REL_YEAR, MY, NUMERIC_DATE,
    NUMBER_WORDS, ORDINAL_WORDS, PART_OF_YEAR, REL_MONTH, SAME_DAY, STORY_RELATIVE, UNIT_REL, WEEKDAY,
    WEEKDAY_DATE, WEEKDAYS, WEEKEND, YEAR_EDGE, YEAR_ONLY, clean_span, is_duration, month_number,
)
from extract.calendar_math import (  # noqa: F401  (ResolvedDate, Tense and unresolved are part of this module's interface)
    ResolvedDate, Tense, day_of, document_day, month_in_tense, month_of, shift_month, unresolved, valid_date, week_of, year_for_month_day,
    year_of,
)
from extract.dateranges import day_range, days_of_month, is_range, month_range, through_weekday  # noqa: F401  (is_range, through_weekday: part of this module's interface)
from extract.timing import timed
from schemas.events import TimeExpr


def _weekday(text: str, m: re.Match, ref: dt.date, tense: Tense) -> ResolvedDate:
    target = WEEKDAYS.index(m["wd"])
    rel = m["rel"]
    back = (ref.weekday() - target) % 7          # days since the latest such day (0 = today)
    ahead = (target - ref.weekday()) % 7         # days to the next such day (0 = today: news is same-day)
    if rel in ("last", "past"):
        return day_of(text, ref - dt.timedelta(days=back or 7), "relative")
    if rel in ("next", "coming"):
        return day_of(text, ref + dt.timedelta(days=ahead or 7), "relative")
    if rel is None and tense == "future":
        return day_of(text, ref + dt.timedelta(days=ahead), "relative")
    if rel == "this" and tense == "future":
        return day_of(text, ref + dt.timedelta(days=(target - ref.weekday()) % 7), "relative")
    if rel == "this" and tense == "present":  # "visits Kenya this Saturday": this week's
        return day_of(text, ref + dt.timedelta(days=target - ref.weekday()), "relative")
    return day_of(text, ref - dt.timedelta(days=back), "relative")


def _weekend(text: str, rel: str | None, ref: dt.date, tense: Tense) -> ResolvedDate:
    """Saturday and Sunday: the latest weekend for past tense and 'last', the next one otherwise."""
    saturday_back = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
    if rel in ("next", "coming") or (rel in (None, "this") and tense == "future"):
        saturday = ref + dt.timedelta(days=(5 - ref.weekday()) % 7)
    elif rel in ("last", "past") and ref.weekday() >= 5:
        saturday = saturday_back - dt.timedelta(days=7)  # on a Sunday, 'last weekend' is not this one
    else:
        saturday = saturday_back
    return ResolvedDate(TimeExpr(text=text, date_start=saturday, date_end=saturday + dt.timedelta(days=1),
                                 precision="day", basis="relative"))


def _unit_relative(text: str, rel: str, unit: str, ref: dt.date) -> ResolvedDate:
    delta = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[rel]
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday())
        return week_of(text, monday + dt.timedelta(weeks=delta))
    if unit == "month":
        year, month = shift_month(ref.year, ref.month, delta)
        return month_of(text, year, month, "relative")
    return year_of(text, ref.year + delta, "relative")


def _ago(text: str, m: re.Match, ref: dt.date) -> ResolvedDate:
    n = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"]]
    unit = m["unit"]
    if unit == "day":
        return day_of(text, ref - dt.timedelta(days=n), "relative")
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday())
        return week_of(text, monday - dt.timedelta(weeks=n))
    if unit == "month":
        year, month = shift_month(ref.year, ref.month, -n)
        return month_of(text, year, month, "relative")
    return year_of(text, ref.year - n, "relative")


def _relative_month(text: str, rel: str, month: int, ref: dt.date) -> ResolvedDate:
    """'last September': the latest September before the current month; 'next September': the
    first after it; 'this September': this year's."""
    if rel == "this":
        return month_of(text, ref.year, month, "relative")
    if rel == "last":
        return month_of(text, ref.year if month < ref.month else ref.year - 1, month, "relative")
    return month_of(text, ref.year if month > ref.month else ref.year + 1, month, "relative")


def _part_of_year(text: str, s: str, ref: dt.date) -> ResolvedDate | None:
    """'the first half of the year', 'the third quarter', 'the first three months of the year'."""
    m = PART_OF_YEAR.match(s)
    if not m:
        return None
    year = ref.year - 1 if "last year" in s else ref.year
    if m["half"]:
        first, last = (1, 6) if m["half"] == "first" else (7, 12)
    elif m["quarter"]:
        first = 3 * ORDINAL_WORDS[m["quarter"]] - 2
        last = first + 2
    else:
        months = int(m["months"]) if m["months"].isdigit() else NUMBER_WORDS.get(m["months"])
        if not months or months > 12:
            return None
        first, last = 1, months
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return ResolvedDate(TimeExpr(text=text, date_start=dt.date(year, first, 1), date_end=end,
                                 precision="month", basis="relative"))


def _weekday_and_date(text: str, s: str, ref: dt.date | None, tense: Tense) -> ResolvedDate | None:
    """'Wednesday, March 4', 'Tuesday (June 3)': the date, in the year whose calendar gives it
    that weekday when the date has no year; a weekday the date does not have is flagged
    (weekday_mismatch), and the date wins. None when s is no such pair."""
    m = WEEKDAY_DATE.match(s)
    if not m or not (MD.match(m["date"]) or DM.match(m["date"]) or MDY.match(m["date"]) or DMY.match(m["date"])):
        return None
    weekday = WEEKDAYS.index(m["wd"])
    if (dated := _absolute(text, m["date"])) is None:
        if ref is None:
            return unresolved(text, "no_reference_date")
        md = MD.match(m["date"]) or DM.match(m["date"])
        month, day = month_number(md["month"]), int(md["day"])
        fits = [d for y in (ref.year - 1, ref.year, ref.year + 1)
                if (d := valid_date(y, month, day)) and d.weekday() == weekday]
        # the tense's side of the reference date, or within a week of it on the other side (an
        # editorial of "Monday, Oct. 26" announced on the 25th)
        fits = [d for d in fits if ((d >= ref if tense == "future" else d <= ref) and abs((d - ref).days) <= 366)
                or abs((d - ref).days) <= 7]
        if fits:
            return day_of(text, min(fits, key=lambda d: abs((d - ref).days)), "relative")
        dated = _relative(text, m["date"], ref, tense)
    start = dated.expr.date_start if dated else None
    if start is not None and start.weekday() != weekday:
        return ResolvedDate(dated.expr, (*dated.flags, "weekday_mismatch"))
    return dated


def _absolute(text: str, s: str) -> ResolvedDate | None:
    """Forms that carry their own year; None when the span is not one of them."""
    for pattern in (ISO, MDY, DMY):
        if m := pattern.match(s):
            month = int(m["m"]) if "m" in m.groupdict() and m["m"] else month_number(m["month"])
            day = int(m["d"]) if "d" in m.groupdict() and m["d"] else int(m["day"])
            d = valid_date(int(m["year"]), month, day)
            return day_of(text, d, "explicit") if d else unresolved(text, "invalid_date")
    if m := MY.match(s):
        return month_of(text, int(m["year"]), month_number(m["month"]), "explicit")
    if m := YEAR_ONLY.match(s):
        return year_of(text, int(m["year"]), "explicit")
    return None


def _numeric(text: str, s: str, ref: dt.date | None) -> ResolvedDate | None:
    """'02-11-2021': day-month or month-day. One valid reading is the date; of two, the one within
    a month of the reference date when the other is not (a listing's date line); else the
    order is unknown (flag ambiguous_numeric_date). None when s is no numeric date."""
    m = NUMERIC_DATE.match(s)
    if not m:
        return None
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    readings = sorted({d for d in (valid_date(year, b, a), valid_date(year, a, b)) if d})
    if len(readings) == 1:
        return day_of(text, readings[0], "explicit")
    near = [d for d in readings if ref is not None and abs((d - ref).days) <= 31]
    if len(near) == 1:
        return day_of(text, near[0], "explicit")
    return unresolved(text, "ambiguous_numeric_date" if readings else "invalid_date")


def _relative(text: str, s: str, ref: dt.date, tense: Tense) -> ResolvedDate | None:
    """Forms that need the reference date; None when the span is not one of them."""
    if s in DAY_WORDS:
        return day_of(text, ref + dt.timedelta(days=DAY_WORDS[s]), "relative")
    if (part := _part_of_year(text, s, ref)) is not None:
        return part
    if m := MD.match(s) or DM.match(s):
        month, day = month_number(m["month"]), int(m["day"])
        if not valid_date(2024, month, day):  # 2024 is a leap year: Feb 29 is valid
            return unresolved(text, "invalid_date")
        d = year_for_month_day(month, day, ref, tense)
        return day_of(text, d, "relative") if d else unresolved(text)
    if m := MONTH_ONLY.match(s):
        return month_in_tense(text, month_number(m["month"]), ref, tense)
    if m := MONTH_REL_YEAR.match(s):  # "April last year"
        return month_of(text, ref.year + {"this": 0, "next": 1, "last": -1}[m["rel"]], month_number(m["month"]), "relative")
    if m := MONTH_RANGE.match(s):
        return month_range(text, m, ref, tense)
    if m := DAY_RANGE.match(s) or DAY_OF_MONTH.match(s):
        return days_of_month(text, m, ref, tense)
    if m := YEAR_EDGE.match(s):
        # a year named by its end or start: the year, as a deadline "by the end of the year" may
        # fall in any of its months; which year is that of its December (or January) by the tense:
        # "peaked by the end of the year", told in March, is last year's
        month = 12 if m["edge"] in ("end", "close") else 1
        if m["rel"] is None:
            return year_of(text, month_in_tense(text, month, ref, tense, near_ahead=False).expr.date_start.year, "relative")
        return year_of(text, ref.year + {"this": 0, "next": 1, "last": -1}[m["rel"]], "relative")
    if m := REL_MONTH.match(s):
        return _relative_month(text, m["rel"], month_number(m["month"]), ref)
    if m := WEEKDAY.match(s):
        return _weekday(text, m, ref, tense)
    if m := WEEKEND.match(s):
        return _weekend(text, m["rel"], ref, tense)
    if m := UNIT_REL.match(s):
        return _unit_relative(text, m["rel"], m["unit"], ref)
    if m := AGO.match(s):
        return _ago(text, m, ref)
    return None


def is_calendar_day(text: str) -> bool:
    """'9 September', 'Sept. 9, 2025': a day of a named month, whatever label the model gave it."""
    s = clean_span(text)
    return any(p.match(s) for p in (MD, DM, MDY, DMY))


@timed("time")
def is_same_day(text: str) -> bool:
    """'later in the day', 'that day', 'the same day': no date of its own, the story's day."""
    return bool(SAME_DAY.match(clean_span(text)))


def resolve_date(text: str, reference: dt.date | None, tense: Tense = "past") -> ResolvedDate | None:
    """Resolve one date span. None means the span is not a point in time (a duration)."""
    s = clean_span(text)
    if not s or (is_duration(s) and not PART_OF_YEAR.match(s)) or SAME_DAY.match(s):
        return None
    if (absolute := _absolute(text, s) or _numeric(text, s, reference)) is not None:
        return absolute
    for pair in (day_range, _weekday_and_date):
        if (resolved := pair(text, s, reference, tense)) is not None:
            return resolved
    if STORY_RELATIVE.match(s):
        return unresolved(text, "relative_to_story")
    if reference is None:
        return unresolved(text, "no_reference_date")
    if (relative := _relative(text, s, reference, tense)) is not None:
        if "fiscal" in text.lower():  # "this fiscal year": the year it is named by, not its months
            return ResolvedDate(relative.expr, (*relative.flags, "fiscal_year"))
        return relative
    return _with_dateparser(text, s, reference, tense)


def _with_dateparser(text: str, s: str, ref: dt.date, tense: Tense) -> ResolvedDate:
    try:
        data = _date_parser(ref, tense).get_date_data(s)
    except (ValueError, OverflowError):
        return unresolved(text, "unparsed_date")
    if data is None or data.date_obj is None:
        return unresolved(text)
    d = data.date_obj.date()
    basis = "explicit" if re.search(r"\b(?:19|20)\d\d\b", s) else "relative"
    if data.period == "month":
        return month_of(text, d.year, d.month, basis)
    if data.period == "year":
        return year_of(text, d.year, basis)
    if data.period == "week":
        return week_of(text, d - dt.timedelta(days=d.weekday()))
    return day_of(text, d, basis)


@lru_cache(maxsize=256)
def _date_parser(ref: dt.date, tense: Tense):
    from dateparser.date import DateDataParser  # imported late: it is slow to import

    settings = {
        "RELATIVE_BASE": dt.datetime.combine(ref, dt.time(12)),
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
    }
    return DateDataParser(languages=["en"], settings=settings)


# a line that is only a date, or a place and a date: "Arusha, 12 March 2026", "June 9, 2024"
_DATE_LINE_PREFIX = re.compile(r"^\s*(?:(?:[A-Z][\w.'’-]*\s?){1,4},\s*){0,3}$")  # "Tel Aviv, Israel,": capitalised
_DATE_LINE_SUFFIX = re.compile(r"^[\s.,:;—–-]*$")


def infer_reference_date(text: str) -> dt.date | None:
    """The date of a text without a publication date: its first date line ('Arusha, 12 March
    2026'), which dates the text itself; else the latest full date it writes (captions). A date
    line wins because the text may name later dates ahead ('the next session on 30 April')."""
    found, lines = [], []
    for pattern in FULL_DATES_IN_TEXT:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = int(groups["m"]) if groups.get("m") else month_number(groups["month"])
            day = int(groups["d"]) if groups.get("d") else int(groups["day"])
            if d := valid_date(int(m["year"]), month, day):
                found.append(d)
                start, end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
                if _DATE_LINE_PREFIX.match(text[start:m.start()]) and _DATE_LINE_SUFFIX.match(
                        text[m.end():end if end >= 0 else len(text)]):
                    lines.append((m.start(), d))
    if lines:
        return min(lines)[1]
    return max(found) if found else None
