"""Casualty figures, on sentences composed for these tests (published 2024-03-14, a Thursday).

Each case compares the whole set of events its text yields (tests/kinds/_events.py). Dates follow
the convention of docs/extraction.md: a flow (one incident's toll) is dated by its incident and has
`occurred`; a stock (a running total, a count as of now) and a figure whose incident the text
leaves undated are claims as of their statement, `reported`: the statement's own date, else the
publication date (2024-03-14)."""
import pytest

from tests.kinds._events import ANY, Casualty, assert_events, flags

PUBLISHED = "2024-03-14"  # a claim with no date of its own stands as of the publication date


@pytest.mark.parametrize("text, expected", [
    pytest.param("According to the health ministry, at least 31 people were killed in the airstrike.",
                 [Casualty(31, "at_least", "killed", "people", "health ministry", PUBLISHED, "reported")],
                 id="according-to"),
    pytest.param("The UN refugee agency said that nearly nine thousand residents have fled their homes.",
                 [Casualty(9000, "approximate", "displaced", "residents", "UN refugee agency", PUBLISHED, "reported")],
                 id="number-in-words-fled-their-homes"),
    pytest.param("Police said 120 protesters were detained in the capital.",
                 [Casualty(120, "exact", "detained", "protesters", "Police", PUBLISHED, "reported")], id="detained"),
    pytest.param("Gunmen kidnapped more than 40 villagers on Sunday.",
                 [Casualty(40, "at_least", "hostages", "villagers", None, "2024-03-10")], id="kidnapped-are-hostages"),
    pytest.param("Some 200 people were wounded, officials said.",
                 [Casualty(200, "approximate", "wounded", "people", "officials", PUBLISHED, "reported")], id="wounded"),
    pytest.param("Air strikes killed at least 40 people across the region overnight, the health ministry said on "
                 "Wednesday.",
                 # "overnight" before a statement on Wednesday: the night from Tuesday into Wednesday
                 [Casualty(40, "at_least", "killed", "people", "health ministry", "2024-03-12/2024-03-13")],
                 id="the-reporter-is-not-the-agent-of-the-killing"),
])
def test_casualty_figures(extract_text, text, expected):
    assert_events(extract_text(text), expected)


@pytest.mark.parametrize("text, expected", [
    pytest.param("Talks continued on the release of the 40 hostages, including about six Canadians, "
                 "who the militia says are held in the north.",
                 # which figure 'who the militia says' belongs to depends on the relative clause's attachment
                 [Casualty(40, "exact", "hostages", "hostages", ANY, PUBLISHED, "reported"),
                  Casualty(6, "approximate", "hostages", "Canadians", ANY, PUBLISHED, "reported")],
                 id="subsets-inherit-the-category"),
    pytest.param("The agency said 31 people were missing and more than 400,000 had fled their homes. "
                 "Another 17 people were wounded, and four teachers remain missing.",
                 [Casualty(31, "exact", "missing", "people", "agency", PUBLISHED, "reported"),
                  Casualty(400_000, "at_least", "displaced", None, "agency", PUBLISHED, "reported"),
                  Casualty(17, "exact", "wounded", "people", None, PUBLISHED, "reported"),
                  Casualty(4, "exact", "missing", "teachers", None, PUBLISHED, "reported")],
                 id="a-category-stays-in-its-own-clause-and-professions-are-people"),
    pytest.param("A bomb killed 20 people at a market on Tuesday, police said. Among the dead were 6 children, "
                 "medics said. A further 65 people were wounded.",
                 [Casualty(20, "exact", "killed", "people", "police", "2024-03-12"),
                  Casualty(6, "exact", "killed", "children", "medics", "2024-03-12"),
                  Casualty(65, "exact", "wounded", "people", None, "2024-03-12")],
                 id="victims-drop-count-words-and-among-the-dead"),
])
def test_casualty_categories_and_victims(extract_text, text, expected):
    assert_events(extract_text(text), expected)


FRESH_INCIDENT = ("A suicide bomber killed at least 14 people at a market in the north on Tuesday and wounded more "
                  "than 30, police said.\n\nSix of the wounded remained in critical condition, a doctor said. "
                  "The market had reopened only a month earlier. Traders said security had been light.\n\n"
                  "Another nine people were still missing.\n\n"
                  "Some 40,000 people have fled the district, the UN said. "
                  "More than 2,000 people have been killed in the region since the insurgency began.")


@pytest.mark.parametrize("text, expected", [
    pytest.param(FRESH_INCIDENT,
                 [Casualty(14, "at_least", "killed", "people", "police", "2024-03-12"),
                  Casualty(30, "at_least", "wounded", None, "police", "2024-03-12"),
                  Casualty(9, "exact", "missing", "people", None, PUBLISHED, "reported"),  # still missing: a stock
                  Casualty(40_000, "approximate", "displaced", "people", "UN", PUBLISHED, "reported"),  # a stock
                  Casualty(2000, "at_least", "killed", "people", None, PUBLISHED, "reported")],  # a running total
                 id="tolls-of-a-fresh-incident-take-its-date-stocks-stand-as-of-publication"),
    pytest.param("A bombing killed 25 people in the capital on January 3, 2021. The city has been calm since. "
                 "Its markets are busy again. Another 12 people were missing, officials said.",
                 [Casualty(25, "exact", "killed", "people", None, "2021-01-03"),
                  Casualty(12, "exact", "missing", "people", "officials", PUBLISHED, "reported")],
                 id="figures-of-an-old-incident-stand-as-of-publication"),
    pytest.param("A car bomb killed at least 18 people at a checkpoint on Tuesday, police said. "
                 "Rescue workers pulled 4 more bodies from the rubble, a local official said.",
                 [Casualty(18, "at_least", "killed", "people", "police", "2024-03-12"),
                  Casualty(4, "exact", "killed", "bodies", "a local official", "2024-03-12")],
                 id="figures-dated-by-the-incident-have-occurred"),
    pytest.param("Flash floods that swept through villages in the county on Friday have killed at least 38 people, "
                 "the Red Cross said on Sunday.",
                 [Casualty(38, "at_least", "killed", "people", "Red Cross", "2024-03-08")],
                 id="a-toll-dated-by-the-clause-of-its-cause"),
])
def test_casualty_dates(extract_text, text, expected):
    assert_events(extract_text(text), expected)


def test_each_borrowed_date_is_flagged_with_where_it_came_from(extract_text):
    dated = {e.count: set(e.quality_flags) for e in extract_text(FRESH_INCIDENT)}
    assert dated[14] == set()  # dated by its own sentence
    assert dated[9] == dated[40_000] == dated[2000] == {"as_of_publication"}


def test_the_body_telling_beats_the_headline(extract_text):
    text = ("Gunmen kill 100 in village attack, activists say\n\n"
            "Gunmen killed more than 100 people in an attack on a village last Wednesday, a local activist group said.")
    events = extract_text(text)
    assert_events(events, [Casualty(100, "at_least", "killed", "people", "a local activist group", "2024-03-13")])
    assert events[0].evidence.sentence.startswith("Gunmen killed more than")


def test_a_malformed_number_keeps_the_claim_without_a_count(nlp, make_document):
    from extract.pipeline import extract_document

    document = make_document("Officials said more than 12,0000 civilians have been killed.")
    events, rejects = extract_document(document, nlp(document.text))
    assert_events(events, [Casualty(None, "at_least", "killed", "civilians", "Officials", PUBLISHED, "reported")])
    assert flags(events) == {"malformed_number", "as_of_publication"}
    assert len(rejects) == 1 and "malformed number" in rejects[0].reason


@pytest.mark.parametrize("text", [
    pytest.param("Dozens of people were killed in the attack.", id="a-vague-amount"),
    pytest.param("The convoy of 100 trucks entered the city.", id="trucks-are-not-people"),
    pytest.param("About 3,000 fighters crossed the border.", id="no-casualty-category"),
])
def test_not_a_figure(extract_text, text):
    assert_events(extract_text(text), [])
