"""Date resolution; the weekday and month forms are regression tests for dateparser's known bugs."""
import datetime as dt

import pytest

from extract.dates import infer_reference_date, resolve_date

THU = dt.date(2024, 3, 14)   # a Thursday
JAN = dt.date(2024, 1, 9)    # a Tuesday early in a year


@pytest.mark.parametrize(
    "phrase, ref, tense, start, end, precision, basis",
    [
        ("on Tuesday", THU, "past", "2024-03-12", "2024-03-12", "day", "relative"),
        ("Thursday", THU, "past", "2024-03-14", "2024-03-14", "day", "relative"),
        ("Friday", THU, "future", "2024-03-15", "2024-03-15", "day", "relative"),
        ("later on Thursday", THU, "future", "2024-03-14", "2024-03-14", "day", "relative"),
        ("Monday", THU, "future", "2024-03-18", "2024-03-18", "day", "relative"),
        ("Wednesday morning", JAN, "future", "2024-01-10", "2024-01-10", "day", "relative"),
        ("last Friday", THU, "past", "2024-03-08", "2024-03-08", "day", "relative"),
        ("next Tuesday", THU, "past", "2024-03-19", "2024-03-19", "day", "relative"),
        ("yesterday", THU, "past", "2024-03-13", "2024-03-13", "day", "relative"),
        ("Oct. 7", JAN, "past", "2023-10-07", "2023-10-07", "day", "relative"),
        ("December 29", JAN, "past", "2023-12-29", "2023-12-29", "day", "relative"),
        ("December 29", JAN, "future", "2024-12-29", "2024-12-29", "day", "relative"),
        ("on January 9, 2024", THU, "past", "2024-01-09", "2024-01-09", "day", "explicit"),
        ("9 January 2024", THU, "past", "2024-01-09", "2024-01-09", "day", "explicit"),
        ("2023-11-03", THU, "past", "2023-11-03", "2023-11-03", "day", "explicit"),
        ("March 2022", THU, "past", "2022-03-01", "2022-03-31", "month", "explicit"),
        ("mid-December", JAN, "past", "2023-12-01", "2023-12-31", "month", "relative"),
        ("in November", JAN, "past", "2023-11-01", "2023-11-30", "month", "relative"),
        ("last month", THU, "past", "2024-02-01", "2024-02-29", "month", "relative"),
        ("this week", THU, "past", "2024-03-11", "2024-03-17", "week", "relative"),
        ("last week", THU, "past", "2024-03-04", "2024-03-10", "week", "relative"),
        ("last year", THU, "past", "2023-01-01", "2023-12-31", "year", "relative"),
        ("two days ago", THU, "past", "2024-03-12", "2024-03-12", "day", "relative"),
        ("2007", THU, "past", "2007-01-01", "2007-12-31", "year", "explicit"),
        ("early next week", THU, "future", "2024-03-18", "2024-03-24", "week", "relative"),
        ("in the first half of the year", THU, "past", "2024-01-01", "2024-06-30", "month", "relative"),
        ("the first three months of the year", THU, "past", "2024-01-01", "2024-03-31", "month", "relative"),
        ("the second half of last year", THU, "past", "2023-07-01", "2023-12-31", "month", "relative"),
        ("as early as next week", THU, "future", "2024-03-18", "2024-03-24", "week", "relative"),
        ("by the end of the year", THU, "future", "2024-01-01", "2024-12-31", "year", "relative"),
        ("over the weekend", THU, "past", "2024-03-09", "2024-03-10", "day", "relative"),
        ("this weekend", THU, "future", "2024-03-16", "2024-03-17", "day", "relative"),
        ("last weekend", dt.date(2024, 3, 17), "past", "2024-03-09", "2024-03-10", "day", "relative"),
    ],
)
def test_dates_resolve(phrase, ref, tense, start, end, precision, basis):
    expr = resolve_date(phrase, ref, tense).expr
    assert (str(expr.date_start), str(expr.date_end), expr.precision, expr.basis) == (start, end, precision, basis)


@pytest.mark.parametrize("phrase", ["three months", "recent days", "a week", "decades-long", "the 1990s",
                                    "the past week", "in the past month"])
def test_dates_durations_are_not_dates(phrase):
    assert resolve_date(phrase, THU) is None


@pytest.mark.parametrize("phrase", ["February 30", "2024-02-30", "September 31, 2023"])
def test_dates_impossible_dates_stay_unresolved_with_a_flag(phrase):
    resolved = resolve_date(phrase, THU)
    assert resolved.expr.date_start is None and resolved.expr.basis == "unresolved"
    assert "invalid_date" in resolved.flags


@pytest.mark.parametrize("phrase", ["on Tuesday", "last month", "Oct. 7", "this week"])
def test_dates_never_resolve_relative_dates_without_a_reference(phrase):
    expr = resolve_date(phrase, None).expr
    assert expr.date_start is None and expr.basis == "unresolved"


def test_dates_reference_is_inferred_from_the_latest_full_date():
    text = "A caption, December 13, 2023.\nAnother caption in Tel Aviv, January 9, 2024. On Tuesday ..."
    assert infer_reference_date(text) == dt.date(2024, 1, 9)
    assert infer_reference_date("No full date, only on Tuesday.") is None


def test_dates_a_date_line_dates_the_text_before_later_dates_it_names():
    text = ("Record of the Ninth Session\n\nArusha, 12 March 2026\n\n"
            "The two sides agreed to meet again on 30 April 2026 in Nairobi.")
    assert infer_reference_date(text) == dt.date(2026, 3, 12)


def test_trailing_interval_after_a_date_is_dropped():
    reference = dt.date(2025, 1, 6)
    assert str(resolve_date("Dec. 29, weeks", reference).expr.date_start) == "2024-12-29"
    assert str(resolve_date("Tuesday, March 5", reference).expr.date_start) == "2024-03-05"


@pytest.mark.parametrize("text, reference, start", [
    ("last September", "2024-03-14", "2023-09-01"),
    ("last September", "2024-10-14", "2024-09-01"),
    ("last September", "2024-09-10", "2023-09-01"),
    ("next March", "2024-03-14", "2025-03-01"),
    ("this September", "2024-03-14", "2024-09-01"),
    ("December after months", "2024-03-14", "2023-12-01"),
])
def test_relative_month_names(text, reference, start):
    resolved = resolve_date(text, dt.date.fromisoformat(reference), "past")
    assert (str(resolved.expr.date_start), resolved.expr.precision) == (start, "month")


@pytest.mark.parametrize("text", ["A year later", "two days later", "three weeks earlier"])
def test_story_relative_spans_are_not_counted_from_publication(text):
    resolved = resolve_date(text, THU, "past")
    assert resolved.expr.date_start is None and "relative_to_story" in resolved.flags


@pytest.mark.parametrize("phrase, ref, tense, start, end, precision", [
    # ranges: the days from the first to the last, in the year the tense gives the first
    ("May 2-5", THU, "future", "2024-05-02", "2024-05-05", "day"),
    ("from May 2 to 5", THU, "past", "2024-05-02", "2024-05-05", "day"),  # 7 weeks ahead, not 10 months back
    ("from Feb. 2 to 5", THU, "past", "2024-02-02", "2024-02-05", "day"),
    ("November 6 through 8, 2021", THU, "past", "2021-11-06", "2021-11-08", "day"),
    ("3 and 4 March", THU, "past", "2024-03-03", "2024-03-04", "day"),
    ("May 30 to June 2", THU, "future", "2024-05-30", "2024-06-02", "day"),
    ("between July and September", THU, "past", "2023-07-01", "2023-09-30", "month"),
    ("from November to February", THU, "past", "2023-11-01", "2024-02-29", "month"),
    # a weekday that names a date: the year whose calendar agrees with both
    ("Wednesday, March 13", THU, "past", "2024-03-13", "2024-03-13", "day"),
    ("Monday, Oct. 26", dt.date(1998, 10, 25), "past", "1998-10-26", "1998-10-26", "day"),
    ("Tuesday (March 12)", THU, "past", "2024-03-12", "2024-03-12", "day"),
    # parts of a day are the day
    ("early on Thursday", THU, "past", "2024-03-14", "2024-03-14", "day"),
    ("in the early hours of Saturday", THU, "past", "2024-03-09", "2024-03-09", "day"),
    ("late Sunday", THU, "past", "2024-03-10", "2024-03-10", "day"),
    ("this morning", THU, "past", "2024-03-14", "2024-03-14", "day"),
    # months and years named around the reference date
    ("April last year", THU, "past", "2023-04-01", "2023-04-30", "month"),
    ("late last July", THU, "past", "2023-07-01", "2023-07-31", "month"),
    ("later this month", THU, "future", "2024-03-01", "2024-03-31", "month"),
    ("early next week", THU, "future", "2024-03-18", "2024-03-24", "week"),
    ("the end of the year", THU, "past", "2023-01-01", "2023-12-31", "year"),  # told as past in March: last year's
    ("the start of next year", THU, "future", "2025-01-01", "2025-12-31", "year"),
    ("this Saturday", THU, "present", "2024-03-16", "2024-03-16", "day"),  # the simple present: this week's
    ("this Monday", THU, "present", "2024-03-11", "2024-03-11", "day"),
    # days of a month the text does not name: the reference month, or the one the tense points to
    ("the 12th", THU, "past", "2024-03-12", "2024-03-12", "day"),
    ("the 20th", THU, "past", "2024-02-20", "2024-02-20", "day"),
    ("the 2nd", THU, "future", "2024-04-02", "2024-04-02", "day"),
    ("from the 11th to the 15th", THU, "present", "2024-03-11", "2024-03-15", "day"),
    ("2 March of the first", THU, "past", "2024-03-02", "2024-03-02", "day"),  # the model ran the date on
])
def test_dates_a_reader_resolves(phrase, ref, tense, start, end, precision):
    resolved = resolve_date(phrase, ref, tense)
    assert (str(resolved.expr.date_start), str(resolved.expr.date_end), resolved.expr.precision) == (start, end, precision)
    assert "weekday_mismatch" not in resolved.flags


@pytest.mark.parametrize("phrase, start", [
    ("Wednesday, March 4", "2024-03-04"),        # March 4, 2024 is a Monday
    ("Friday, March 12, 2024", "2024-03-12"),    # a Tuesday
])
def test_a_weekday_the_date_does_not_have_is_flagged_and_the_date_wins(phrase, start):
    resolved = resolve_date(phrase, THU, "past")
    assert str(resolved.expr.date_start) == start and "weekday_mismatch" in resolved.flags


def test_a_fiscal_year_is_the_year_it_is_named_by_and_flagged():
    resolved = resolve_date("this fiscal year", THU, "past")
    assert (resolved.expr.date_start.year, resolved.expr.precision) == (2024, "year")
    assert resolved.flags == ("fiscal_year",)


@pytest.mark.parametrize("phrase, tense, start", [
    ("Jan. 14", "past", "2000-01-14"),    # "by Jan. 14" in a Jan. 6 story: not 357 days back
    ("May", "past", "2000-05-01"),        # in a March story with no future verb: this May
    ("Dec. 20", "past", "1999-12-20"),    # 17 days back is the past
    ("August", "past", "1999-08-01"),     # 5 months ahead: last August
])
def test_a_date_without_a_year_far_back_but_near_ahead_is_the_coming_one(phrase, tense, start):
    """News writes the year of a date of last year ('Jan. 14, 1999'): a month-day that would lie
    over 300 days back but is at most 60 days ahead, or a month at most 2 months ahead, is ahead."""
    ref = dt.date(2000, 1, 6) if phrase.startswith(("Jan", "Dec")) else dt.date(2000, 3, 29)
    assert str(resolve_date(phrase, ref, tense).expr.date_start) == start


def test_an_impossible_range_stays_unresolved():
    assert resolve_date("May 5-2", THU, "past").expr.date_start is None
