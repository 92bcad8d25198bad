"""What a date span looks like: the patterns the date rules match, span cleaning, durations.

The weekday, month, day, number and ordinal words come from extract/lexicons/calendar.json and
numbers.json; extract/dates.py resolves the spans these patterns recognise.
"""
from __future__ import annotations

import re

from extract.lexicon import articles, day_words, month_abbreviations, months, number_words, ordinals, weekdays

_MONTHS = {name[:3]: n for name, n in months().items()}  # "jan" -> 1: month_number reads 3 letters
# every written month, longest first ("january" before "jan", "sept." before "sept")
_MONTH_FORMS = sorted({**months(), **month_abbreviations()}, key=len, reverse=True)
MONTH_RE = rf"(?P<month>{'|'.join(re.escape(form) for form in _MONTH_FORMS)})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
WEEKDAYS = sorted(weekdays(), key=weekdays().get)  # index = date.weekday()
DAY_WORDS = dict(day_words())                      # "yesterday" -> -1
_ARTICLES = "|".join(sorted(articles()))           # "a week ago"
# "two weeks ago" and "the first three months" count up to twelve; durations up to ten
NUMBER_WORDS = {**dict.fromkeys(sorted(articles()), 1), **{w: n for w, n in number_words().items() if 1 <= n <= 12}}
_COUNT_RE = "|".join(w for w, n in number_words().items() if 1 <= n <= 12)
_FEW_RE = "|".join(w for w, n in number_words().items() if 1 <= n <= 10)
ORDINAL_WORDS = {w: n for w, n in ordinals().items() if n <= 4}  # the quarters of a year
_HALF_RE = "|".join(w for w, n in ordinals().items() if n <= 2)  # its halves

ISO = re.compile(rf"^{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)$")
MDY = re.compile(rf"^{MONTH_RE}\s+{_DAY},?\s+{_YEAR}$")
DMY = re.compile(rf"^{_DAY}\s+(?:of\s+)?{MONTH_RE}\s+{_YEAR}$")
MD = re.compile(rf"^{MONTH_RE}\s+{_DAY}$")
DM = re.compile(rf"^{_DAY}\s+(?:of\s+)?{MONTH_RE}$")
MY = re.compile(rf"^(?:(?:early|mid|late|mid-)\s*-?\s*)?{MONTH_RE},?\s+{_YEAR}$")
MONTH_ONLY = re.compile(rf"^(?:(?P<part>early|mid|late)\s*-?\s*)?{MONTH_RE}$")
YEAR_ONLY = re.compile(rf"^(?:(?:early|mid|late)\s*-?\s*)?{_YEAR}$")
REL_MONTH = re.compile(rf"^(?:(?:early|mid|late)[\s-]+)?(?P<rel>last|next|this)\s+{MONTH_RE}$")  # "(late) last July"
_TO = r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*"
_MONTH2 = MONTH_RE.replace("?P<month>", "?P<month2>")
_DAY2 = _DAY.replace("?P<day>", "?P<day2>")
_OPTIONAL_YEAR = rf"(?:,?\s+{_YEAR})?"
# "02-11-2021", "11/02/2021": day and month in an order only the calendar can tell
NUMERIC_DATE = re.compile(rf"^(?P<a>\d{{1,2}})[-/.](?P<b>\d{{1,2}})[-/.]{_YEAR}$")
# "April last year", "in May next year"
MONTH_REL_YEAR = re.compile(rf"^{MONTH_RE}\s+(?:of\s+)?(?P<rel>last|this|next)\s+year$")
# "between July and September", "from March to May 2024": the months from the first to the last
MONTH_RANGE = re.compile(rf"^(?:between\s+)?{MONTH_RE}{_TO}{_MONTH2}{_OPTIONAL_YEAR}$")
# "the end of the year", "the start of next year": December or January of that year
YEAR_EDGE = re.compile(r"^(?P<edge>end|close|start|beginning)\s+of\s+(?:the\s+)?(?:(?P<rel>this|next|last)\s+)?year$")
# Ranges: "May 2-5", "May 2 to 5", "November 6 through 8, 2021", "3 and 4 March", "May 30 to June 2"
MD_RANGE = re.compile(rf"^{MONTH_RE}\s+{_DAY}{_TO}(?:{_MONTH2}\s+)?{_DAY2}{_OPTIONAL_YEAR}$")
DM_RANGE = re.compile(rf"^{_DAY}(?:\s+{_MONTH2})?{_TO}{_DAY2}\s+(?:of\s+)?{MONTH_RE}{_OPTIONAL_YEAR}$")
# "the 13th to the 17th", "from the 2nd to 5th": days of a month the text does not name (at least
# the first day is an ordinal: "13 to 17" alone may be any two numbers)
DAY_RANGE = re.compile(rf"^(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th){_TO}(?:the\s+)?{_DAY2}$")
# "the 14th": a day of the reference month (dateparser reads "the 12th" as December)
DAY_OF_MONTH = re.compile(r"^(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)$")
# "Wednesday, March 4", "Tuesday (June 3)", "Monday, Oct. 26, 1998": a weekday naming a date
WEEKDAY_DATE = re.compile(rf"^(?P<wd>{'|'.join(WEEKDAYS)}),?\s*\(?(?P<date>[^()]+?)\)?$")
WEEKDAY = re.compile(
    r"^(?:(?P<rel>last|next|this|past|coming)\s+)?"
    rf"(?P<wd>{'|'.join(WEEKDAYS)})s?"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"
)
# "the past week" is a rolling period, not last calendar week: it stays unresolved (a duration)
UNIT_REL = re.compile(r"^(?:earlier\s+|later\s+)?(?P<rel>last|next|this|coming)\s+(?P<unit>week|month|year)$")
# "a year later", "two days earlier": counted from a time the story told, not from publication
STORY_RELATIVE = re.compile(r"^(?:\w+|\d+)\s+(?:day|week|month|year)s?\s+(?:later|earlier|afterwards?)$")
AGO = re.compile(rf"^(?P<n>\d+|{_ARTICLES}|{_COUNT_RE})\s+(?P<unit>day|week|month|year)s?\s+ago$")
WEEKEND = re.compile(r"^(?:over\s+|during\s+)?(?:the\s+)?(?P<rel>last|next|this|past|coming)?\s*weekend$")
# "later in the day" points back to the day the story is about: the context's date, not a new one
SAME_DAY = re.compile(r"^(?:(?:later|earlier)\s+)?(?:in\s+the\s+|that\s+|(?:the\s+)?same\s+)?day$")
PART_OF_YEAR = re.compile(
    rf"^(?:the\s+)?(?:(?P<half>{_HALF_RE})\s+half|(?P<quarter>{'|'.join(ORDINAL_WORDS)})\s+quarter|"
    r"first\s+(?P<months>\w+)\s+months)\s+of\s+(?:the|this|last)\s+year$")
# Full dates anywhere in a text (captions, datelines): used to infer a reference date.
# (a year may be glued to the text after it: "May 3, 2024The minister said")
FULL_DATES_IN_TEXT = [
    re.compile(rf"\b{MONTH_RE}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{MONTH_RE}\s+{_YEAR}(?!\d)", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)\b"),
]


def month_number(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")[:3]]


def clean_span(text: str) -> str:
    """Lower-case a date span and drop the words around it that carry no date."""
    s = text.lower().strip().replace("\u2019", "'")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r",\s+(?:\w+\s+)?(?:hours?|days?|weeks?|months?|years?)\b.*$", "", s)  # "dec. 29, weeks (before)"
    s = re.sub(rf"^((?:{'|'.join(_MONTHS)})[a-z]*\.?(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?)"
               r"\s+(?:after|before|following)\b.*$", r"\1", s)  # "december after months (of debate)"
    s = re.sub(rf"^(\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{'|'.join(_MONTHS)})[a-z]*\.?(?:,?\s+\d{{4}})?)\s+of\b.*$",
               r"\1", s)  # "30 april of (the first two)": the model ran the date on
    s = re.sub(r"^(?:as\s+(?:early|soon)\s+as|no\s+later\s+than|by)\s+", "", s)
    # the edges of a week or month are in it; those of a year are its first or last month (YEAR_EDGE)
    s = re.sub(r"^(?:the\s+)?(?:end|start|beginning)\s+of\s+(?=(?:the|this|next|last)\s+(?:week|month)$)", "", s)
    s = re.sub(r"^(?:the\s+)?(?:end|start|beginning)\s+of\s+(?=(?:week|month)$)", "the ", s)
    s = re.sub(r"^((?:this|next|last)\s+)fiscal\s+(?=year$)", r"\1", s)  # flagged by the resolver
    s = re.sub(r"^the\s+(?=(?:week|month|year)$)", "this ", s)
    s = re.sub(r"^(?:later|earlier)\s+(?=on\b|in\b|this\b|that\b)", "", s)
    s = re.sub(r"^(?:early|late|mid)[\s-]+(?=(?:this|next|last)\s+(?:week|month|year)$)", "", s)
    # parts of a day: "early on Thursday", "in the early hours of Saturday", "late Sunday"
    s = re.sub(r"^(?:(?:in\s+)?the\s+(?:early|small|late)\s+hours\s+of|(?:early|late)(?:\s+on)?)\s+"
               rf"(?=(?:(?:last|next|this)\s+)?(?:{'|'.join(WEEKDAYS)}|today|yesterday|tomorrow)\b)", "", s)
    s = re.sub(r"^(?:on|in|at|by|during|of|from|since|until|the)\s+", "", s)
    s = re.sub(r"^(?:on|in|the)\s+", "", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" ,.")


_DURATION = re.compile(
    rf"^(?:(?:the|{_ARTICLES}|\d+|{_FEW_RE}|several|many|few|"
    r"recent|past|coming|next|last|those|these|multiple|\d+-(?:day|week|month|year))[\s-]+)*"
    r"(?:days?|weeks?|months?|years?|decades?|hours?|minutes?)(?:-long)?(?:\s+of\b.*)?$"
)


def is_duration(s: str) -> bool:
    """'three months', 'recent days', 'a week': lengths of time, not dates."""
    if UNIT_REL.match(s) or AGO.match(s):
        return False
    return bool(_DURATION.match(s)) or s.endswith("-long") or s.endswith("s old") or bool(
        re.match(r"^(?:the\s+)?(?:19|20)\d0s$", s))
