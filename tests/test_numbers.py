import pytest

from extract.numbers import find_quantities, parse_number_words


@pytest.mark.parametrize(
    "text, value, qualifier, money",
    [
        ("23,000 people", 23000, "exact", False),
        ("some 1,200 people", 1200, "approximate", False),
        ("more than 240", 240, "at_least", False),
        ("over nine thousand people", 9000, "at_least", False),
        ("over a million residents", 1_000_000, "at_least", False),
        ("nearly 70 soldiers", 70, "approximate", False),
        ("up to two hundred and fifty", 250, "at_most", False),
        ("at least 31 children", 31, "at_least", False),
        ("$147.5 million", 147_500_000, "exact", True),
        ("worth more than $106 million", 106_000_000, "at_least", True),
        ("a US$300m package", 300_000_000, "exact", True),
        ("$2.5 billion", 2_500_000_000, "exact", True),
        ("USD 85 million", 85_000_000, "exact", True),
    ],
)
def test_numbers_value_and_qualifier(text, value, qualifier, money):
    q = find_quantities(text)[0]
    assert (q.value, q.qualifier, q.is_money, q.malformed) == (value, qualifier, money, False)


@pytest.mark.parametrize("text", ["more than 22,0000 people", "1.2.3 million"])
def test_numbers_malformed_figures_are_flagged_not_repaired(text):
    q = find_quantities(text)[0]
    assert q.malformed and q.value is None


@pytest.mark.parametrize("text", ["dozens of people", "hundreds of families", "thousands fled", "a week"])
def test_numbers_vague_amounts_give_no_number(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize("words, value", [("nine thousand", 9000), ("a million", 1_000_000),
                                          ("twenty-five", 25), ("two hundred and five", 205)])
def test_numbers_words(words, value):
    assert parse_number_words(words) == value
