"""Resolve date mentions against a document's reference date, with honest precision.

Weekdays, months without a year and "last/next/this <unit>" are resolved with
plain calendar arithmetic and the sentence's tense (dateparser resolves bare
weekdays into the wrong week); dateparser only handles what is left, on the
date span alone. Nothing here reads the clock: no reference date, no relative date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from extract.timing import timed
from schemas.events import TimeExpr

Tense = Literal["past", "future"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_RE = (
    r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|"
    r"june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember)?|\.)?\.?|oct(?:ober|\.)?|"
    r"nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year"}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

_ISO = re.compile(rf"^{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)$")
_MDY = re.compile(rf"^{MONTH_RE}\s+{_DAY},?\s+{_YEAR}$")
_DMY = re.compile(rf"^{_DAY}\s+(?:of\s+)?{MONTH_RE}\s+{_YEAR}$")
_MD = re.compile(rf"^{MONTH_RE}\s+{_DAY}$")
_DM = re.compile(rf"^{_DAY}\s+(?:of\s+)?{MONTH_RE}$")
_MY = re.compile(rf"^(?:(?:early|mid|late|mid-)\s*-?\s*)?{MONTH_RE},?\s+{_YEAR}$")
_M = re.compile(rf"^(?:(?P<part>early|mid|late)\s*-?\s*)?{MONTH_RE}$")
_Y = re.compile(rf"^(?:(?:early|mid|late)\s*-?\s*)?{_YEAR}$")
_REL_M = re.compile(rf"^(?P<rel>last|next|this)\s+{MONTH_RE}$")  # "last September"
_WEEKDAY = re.compile(
    r"^(?:(?P<rel>last|next|this|past|coming)\s+)?"
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"
)
# "the past week" is a rolling period, not last calendar week: it stays unresolved (a duration)
_UNIT_REL = re.compile(r"^(?:earlier\s+|later\s+)?(?P<rel>last|next|this|coming)\s+(?P<unit>week|month|year)$")
# "a year later", "two days earlier": counted from a time the story told, not from publication
_STORY_RELATIVE = re.compile(r"^(?:\w+|\d+)\s+(?:day|week|month|year)s?\s+(?:later|earlier|afterwards?)$")
_AGO = re.compile(r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<unit>day|week|month|year)s?\s+ago$")
_WEEKEND = re.compile(r"^(?:over\s+|during\s+)?(?:the\s+)?(?P<rel>last|next|this|past|coming)?\s*weekend$")
# "later in the day" points back to the day the story is about: the context's date, not a new one
_SAME_DAY = re.compile(r"^(?:(?:later|earlier)\s+)?(?:in\s+the\s+|that\s+|(?:the\s+)?same\s+)?day$")
_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "tomorrow": 1}
# Full dates anywhere in a text (captions, datelines): used to infer a reference date.
_FULL_DATES_IN_TEXT = [
    re.compile(rf"\b{MONTH_RE}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{MONTH_RE}\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)\b"),
]


@dataclass(frozen=True)
class ResolvedDate:
    expr: TimeExpr
    flags: tuple[str, ...] = field(default=())


def month_number(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")[:3]]


def clean_span(text: str) -> str:
    """Lower-case a date span and drop the words around it that carry no date."""
    s = text.lower().strip().replace("\u2019", "'")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r",\s+(?:\w+\s+)?(?:hours?|days?|weeks?|months?|years?)\b.*$", "", s)  # "dec. 29, weeks (before)"
    s = re.sub(r"^((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?)"
               r"\s+(?:after|before|following)\b.*$", r"\1", s)  # "december after months (of debate)"
    s = re.sub(r"^(?:as\s+(?:early|soon)\s+as|no\s+later\s+than|by)\s+", "", s)
    s = re.sub(r"^(?:the\s+)?end\s+of\s+(?=(?:the|this|next|last)\s+(?:week|month|year)$)", "", s)
    s = re.sub(r"^the\s+(?=(?:week|month|year)$)", "this ", s)
    s = re.sub(r"^(?:later|earlier)\s+(?=on\b|in\b|this\b|that\b)", "", s)
    s = re.sub(r"^(?:early|late|mid|the\s+end\s+of|the\s+start\s+of)[\s-]+(?=(?:this|next|last)\s+(?:week|month|year)$)", "", s)
    s = re.sub(r"^(?:on|in|at|by|during|of|from|since|until|the)\s+", "", s)
    s = re.sub(r"^(?:on|in|the)\s+", "", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" ,.")


def _day(text: str, d: dt.date, basis: str) -> ResolvedDate:
    return ResolvedDate(TimeExpr(text=text, date_start=d, date_end=d, precision="day", basis=basis))


def _month(text: str, year: int, month: int, basis: str) -> ResolvedDate:
    last = calendar.monthrange(year, month)[1]
    return ResolvedDate(TimeExpr(text=text, date_start=dt.date(year, month, 1),
                                 date_end=dt.date(year, month, last), precision="month", basis=basis))


def _year(text: str, year: int, basis: str) -> ResolvedDate:
    return ResolvedDate(TimeExpr(text=text, date_start=dt.date(year, 1, 1),
                                 date_end=dt.date(year, 12, 31), precision="year", basis=basis))


def _week(text: str, monday: dt.date) -> ResolvedDate:
    return ResolvedDate(TimeExpr(text=text, date_start=monday, date_end=monday + dt.timedelta(days=6),
                                 precision="week", basis="relative"))


def unresolved(text: str | None, *flags: str) -> ResolvedDate:
    return ResolvedDate(TimeExpr(text=text), tuple(flags))


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for_month_day(month: int, day: int, ref: dt.date, tense: Tense) -> dt.date | None:
    """The year that puts month/day on the tense's side of the reference date."""
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _valid_date(y, month, day))]
    if tense == "future":
        after = [d for d in candidates if d >= ref]
        return min(after) if after else None
    before = [d for d in candidates if d <= ref]
    return max(before) if before else None


def _weekday(text: str, m: re.Match, ref: dt.date, tense: Tense) -> ResolvedDate:
    target = _WEEKDAYS.index(m["wd"])
    rel = m["rel"]
    back = (ref.weekday() - target) % 7          # days since the latest such day (0 = today)
    ahead = (target - ref.weekday()) % 7         # days to the next such day (0 = today: news is same-day)
    if rel in ("last", "past"):
        return _day(text, ref - dt.timedelta(days=back or 7), "relative")
    if rel in ("next", "coming"):
        return _day(text, ref + dt.timedelta(days=ahead or 7), "relative")
    if rel is None and tense == "future":
        return _day(text, ref + dt.timedelta(days=ahead), "relative")
    if rel == "this" and tense == "future":
        return _day(text, ref + dt.timedelta(days=(target - ref.weekday()) % 7), "relative")
    return _day(text, ref - dt.timedelta(days=back), "relative")


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


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _unit_relative(text: str, rel: str, unit: str, ref: dt.date) -> ResolvedDate:
    delta = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[rel]
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday())
        return _week(text, monday + dt.timedelta(weeks=delta))
    if unit == "month":
        year, month = _shift_month(ref.year, ref.month, delta)
        return _month(text, year, month, "relative")
    return _year(text, ref.year + delta, "relative")


def _ago(text: str, m: re.Match, ref: dt.date) -> ResolvedDate:
    n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
    unit = m["unit"]
    if unit == "day":
        return _day(text, ref - dt.timedelta(days=n), "relative")
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday())
        return _week(text, monday - dt.timedelta(weeks=n))
    if unit == "month":
        year, month = _shift_month(ref.year, ref.month, -n)
        return _month(text, year, month, "relative")
    return _year(text, ref.year - n, "relative")


def _month_only(text: str, month: int, ref: dt.date, tense: Tense) -> ResolvedDate:
    if tense == "future":
        year = ref.year if month >= ref.month else ref.year + 1
    else:
        year = ref.year if month <= ref.month else ref.year - 1
    return _month(text, year, month, "relative")


def _relative_month(text: str, rel: str, month: int, ref: dt.date) -> ResolvedDate:
    """'last September': the latest September before the current month; 'next September': the
    first after it; 'this September': this year's."""
    if rel == "this":
        return _month(text, ref.year, month, "relative")
    if rel == "last":
        return _month(text, ref.year if month < ref.month else ref.year - 1, month, "relative")
    return _month(text, ref.year if month > ref.month else ref.year + 1, month, "relative")


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_PART_OF_YEAR = re.compile(
    r"^(?:the\s+)?(?:(?P<half>first|second)\s+half|(?P<quarter>first|second|third|fourth)\s+quarter|"
    r"first\s+(?P<months>\w+)\s+months)\s+of\s+(?:the|this|last)\s+year$")


def _part_of_year(text: str, s: str, ref: dt.date) -> ResolvedDate | None:
    """'the first half of the year', 'the third quarter', 'the first three months of the year'."""
    m = _PART_OF_YEAR.match(s)
    if not m:
        return None
    year = ref.year - 1 if "last year" in s else ref.year
    if m["half"]:
        first, last = (1, 6) if m["half"] == "first" else (7, 12)
    elif m["quarter"]:
        first = 3 * _ORDINAL_WORDS[m["quarter"]] - 2
        last = first + 2
    else:
        months = int(m["months"]) if m["months"].isdigit() else _NUMBER_WORDS.get(m["months"])
        if not months or months > 12:
            return None
        first, last = 1, months
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return ResolvedDate(TimeExpr(text=text, date_start=dt.date(year, first, 1), date_end=end,
                                 precision="month", basis="relative"))


def _absolute(text: str, s: str) -> ResolvedDate | None:
    """Forms that carry their own year; None when the span is not one of them."""
    for pattern in (_ISO, _MDY, _DMY):
        if m := pattern.match(s):
            month = int(m["m"]) if "m" in m.groupdict() and m["m"] else month_number(m["month"])
            day = int(m["d"]) if "d" in m.groupdict() and m["d"] else int(m["day"])
            d = _valid_date(int(m["year"]), month, day)
            return _day(text, d, "explicit") if d else unresolved(text, "invalid_date")
    if m := _MY.match(s):
        return _month(text, int(m["year"]), month_number(m["month"]), "explicit")
    if m := _Y.match(s):
        return _year(text, int(m["year"]), "explicit")
    return None


def _relative(text: str, s: str, ref: dt.date, tense: Tense) -> ResolvedDate | None:
    """Forms that need the reference date; None when the span is not one of them."""
    if s in _DAY_WORDS:
        return _day(text, ref + dt.timedelta(days=_DAY_WORDS[s]), "relative")
    if (part := _part_of_year(text, s, ref)) is not None:
        return part
    if m := _MD.match(s) or _DM.match(s):
        month, day = month_number(m["month"]), int(m["day"])
        if not _valid_date(2024, month, day):  # 2024 is a leap year: Feb 29 is valid
            return unresolved(text, "invalid_date")
        d = _year_for_month_day(month, day, ref, tense)
        return _day(text, d, "relative") if d else unresolved(text)
    if m := _M.match(s):
        return _month_only(text, month_number(m["month"]), ref, tense)
    if m := _REL_M.match(s):
        return _relative_month(text, m["rel"], month_number(m["month"]), ref)
    if m := _WEEKDAY.match(s):
        return _weekday(text, m, ref, tense)
    if m := _WEEKEND.match(s):
        return _weekend(text, m["rel"], ref, tense)
    if m := _UNIT_REL.match(s):
        return _unit_relative(text, m["rel"], m["unit"], ref)
    if m := _AGO.match(s):
        return _ago(text, m, ref)
    return None


@timed("time")
def is_same_day(text: str) -> bool:
    """'later in the day', 'that day', 'the same day': no date of its own, the story's day."""
    return bool(_SAME_DAY.match(clean_span(text)))


def through_weekday(resolved: ResolvedDate, weekday: str) -> ResolvedDate:
    """'next Tuesday and Wednesday': a day-precise date extended to the first such weekday after it."""
    name = weekday.lower().strip(" ,.")
    start = resolved.expr.date_start
    if name not in _WEEKDAYS or start is None or resolved.expr.precision != "day":
        return resolved
    end = start + dt.timedelta(days=(_WEEKDAYS.index(name) - start.weekday()) % 7)
    if end == start:
        return resolved
    return ResolvedDate(resolved.expr.model_copy(update={"date_end": end, "text": f"{resolved.expr.text} and {weekday}"}),
                        resolved.flags)


def resolve_date(text: str, reference: dt.date | None, tense: Tense = "past") -> ResolvedDate | None:
    """Resolve one date span. None means the span is not a point in time (a duration)."""
    s = clean_span(text)
    if not s or (is_duration(s) and not _PART_OF_YEAR.match(s)) or _SAME_DAY.match(s):
        return None
    if (absolute := _absolute(text, s)) is not None:
        return absolute
    if _STORY_RELATIVE.match(s):
        return unresolved(text, "relative_to_story")
    if reference is None:
        return unresolved(text, "no_reference_date")
    if (relative := _relative(text, s, reference, tense)) is not None:
        return relative
    return _with_dateparser(text, s, reference, tense)


_DURATION = re.compile(
    r"^(?:(?:the|a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|"
    r"recent|past|coming|next|last|those|these|multiple|\d+-(?:day|week|month|year))[\s-]+)*"
    r"(?:days?|weeks?|months?|years?|decades?|hours?|minutes?)(?:-long)?(?:\s+of\b.*)?$"
)


def is_duration(s: str) -> bool:
    """'three months', 'recent days', 'a week': lengths of time, not dates."""
    if _UNIT_REL.match(s) or _AGO.match(s):
        return False
    return bool(_DURATION.match(s)) or s.endswith("-long") or s.endswith("s old") or bool(
        re.match(r"^(?:the\s+)?(?:19|20)\d0s$", s))


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
        return _month(text, d.year, d.month, basis)
    if data.period == "year":
        return _year(text, d.year, basis)
    if data.period == "week":
        return _week(text, d - dt.timedelta(days=d.weekday()))
    return _day(text, d, basis)


@lru_cache(maxsize=256)
def _date_parser(ref: dt.date, tense: Tense):
    from dateparser.date import DateDataParser  # imported late: it is slow to import

    settings = {
        "RELATIVE_BASE": dt.datetime.combine(ref, dt.time(12)),
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
    }
    return DateDataParser(languages=["en"], settings=settings)


def infer_reference_date(text: str) -> dt.date | None:
    """The latest explicit full date written in a text (captions, datelines), if any."""
    found = []
    for pattern in _FULL_DATES_IN_TEXT:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = int(groups["m"]) if groups.get("m") else month_number(groups["month"])
            day = int(groups["d"]) if groups.get("d") else int(groups["day"])
            if d := _valid_date(int(m["year"]), month, day):
                found.append(d)
    return max(found) if found else None
