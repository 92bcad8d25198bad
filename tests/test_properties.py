"""Property-based tests: parsing never crashes, never yields a negative count or an end before
its start, and formatted numbers read back as themselves."""
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.dates import resolve_date
from extract.numbers import QUALIFIERS, find_quantities, parse_number_words

WORDS = st.sampled_from(["more than", "about", "up to", "nearly", "some", "at least", "over", "$", "US$", "million",
                         "billion", "thousand", "nine", "a", "dozens", "22,0000", "1.2.3", "-", ",", ".", "people",
                         "killed", "on", "Tuesday", "February", "30", "2024", "last", "week", "mid-", "ago"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=12).map(" ".join))
def test_properties_quantities_never_crash_or_go_negative(text):
    for q in find_quantities(text):
        assert q.value is None or q.value >= 0
        assert q.qualifier in {"exact", *QUALIFIERS.values()}
        assert 0 <= q.start < q.end <= len(text)
        assert q.malformed == (q.value is None)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_properties_formatted_numbers_round_trip(n):
    for text in (f"{n:,} people", f"{n} people", f"about {n:,} people"):
        (q,) = find_quantities(text)
        assert q.value == n and not q.malformed


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["million", "billion"]))
def test_properties_money_with_scale_words(n, scale):
    (q,) = find_quantities(f"worth more than ${n} {scale}")
    assert q.is_money and q.qualifier == "at_least"
    assert q.value == n * {"million": 10**6, "billion": 10**9}[scale]


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_properties_number_words_read_back(n):
    ones = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def words(k):
        if k < 20:
            return ones[k]
        if k < 100:
            return " ".join(w for w in (tens[k // 10], ones[k % 10]) if w)
        return " ".join(w for w in (ones[k // 100], "hundred", words(k % 100) if k % 100 else "") if w)

    assert parse_number_words(words(n)) == n


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=5).map(" ".join),
       st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)) | st.none(),
       st.sampled_from(["past", "future"]))
def test_properties_dates_never_crash_and_never_end_before_start(text, reference, tense):
    resolved = resolve_date(text, reference, tense)
    if resolved is None:
        return
    expr = resolved.expr
    if expr.date_start is None:
        assert expr.basis == "unresolved" and expr.date_end is None
    else:
        assert expr.date_end >= expr.date_start and expr.precision is not None
        if reference is None:
            assert expr.basis == "explicit"  # nothing relative without a reference date
