"""Dates a careful reader resolves from the story around a sentence, on texts composed for these
tests (published 2024-03-14, a Thursday). Each case compares the whole set of events its text
yields (tests/kinds/_events.py), and the flags that say where a date came from."""
import pytest

from tests.kinds._events import Arms, Casualty, Meeting, Visit, assert_events


@pytest.mark.parametrize("text, expected", [
    pytest.param("Foreign Minister Ana Ruiz met President Omar Bello in Nairobi on Tuesday. "
                 "The day before, she had visited Kampala.",
                 [Meeting({"Ana Ruiz", "Omar Bello"}, "Nairobi", "2024-03-12"),
                  Visit("Ana Ruiz", "Kampala", "2024-03-11")],
                 id="the-day-before"),
    pytest.param("Foreign Minister Ana Ruiz arrived in Nairobi on Monday. Two days later, she met President Omar Bello.",
                 [Visit("Ana Ruiz", "Nairobi", "2024-03-11"), Meeting({"Ana Ruiz", "Omar Bello"}, None, "2024-03-13")],
                 id="two-days-later"),
    pytest.param("A bomb killed 12 people at a market in the capital on Tuesday. "
                 "The attack came a day after police detained 27 suspected militants.",
                 [Casualty(12, "exact", "killed", "people", None, "2024-03-12"),
                  # inside "a day after ...": the detentions came first
                  Casualty(27, "exact", "detained", "suspected militants", None, "2024-03-11")],
                 id="an-event-inside-a-day-after-came-first"),
    pytest.param("Defence Minister Piet Kramer has just arrived in Vilnius for talks on air defence.",
                 [Visit("Piet Kramer", "Vilnius", "2024-03-14")],
                 id="just-arrived-is-the-day-of-telling"),
    pytest.param("Envoy Lena Vos will arrive in Brasília on Monday, where she will meet President Rui Prado. "
                 "She will then fly to Lima for talks with President Carla Soto on Thursday.",
                 [Visit("Lena Vos", "Brasília", "2024-03-18", "planned"),
                  Meeting({"Lena Vos", "Rui Prado"}, None, "2024-03-18", "planned"),
                  # on a Thursday, the next leg's "Thursday" is after Monday's leg, not today
                  Visit("Lena Vos", "Lima", "2024-03-21", "planned"),
                  Meeting({"Lena Vos", "Carla Soto"}, None, "2024-03-21", "planned")],
                 id="the-next-leg-of-a-trip-follows-the-one-before"),
    pytest.param("Foreign Minister Ana Ruiz will travel to Oslo on Monday. She will meet Prime Minister Jonas Berg. "
                 "Officials said the agenda was long. She will also meet Defence Minister Erik Dahl.",
                 [Visit("Ana Ruiz", "Oslo", "2024-03-18", "planned"),
                  Meeting({"Ana Ruiz", "Jonas Berg"}, None, "2024-03-18", "planned"),
                  Meeting({"Ana Ruiz", "Erik Dahl"}, None, "2024-03-18", "planned")],
                 id="also-goes-on-with-the-occasion-told-before"),
    pytest.param("Prime Minister Ana Ruiz will host Friday's summit with President Omar Bello in Lima.",
                 [Meeting({"Ana Ruiz", "Omar Bello"}, "Lima", "2024-03-15", "planned")],
                 id="a-possessive-date-in-a-future-clause"),
    pytest.param("The March 3 meeting between Foreign Minister Ana Ruiz and her counterpart Omar Bello was tense.",
                 [Meeting({"Ana Ruiz", "Omar Bello"}, None, "2024-03-03")],
                 id="an-attributive-date"),
    pytest.param("Foreign Minister Ana Ruiz is due to arrive in Nairobi on Sunday.",
                 [Visit("Ana Ruiz", "Nairobi", "2024-03-17", "planned")],
                 id="due-to-is-future"),
    pytest.param("Foreign Minister Ana Ruiz met President Omar Bello in Nairobi on Wednesday, March 13.",
                 [Meeting({"Ana Ruiz", "Omar Bello"}, "Nairobi", "2024-03-13")],
                 id="a-weekday-with-its-date"),
    pytest.param("Envoy Lena Vos will visit Geneva from March 18 to 20 for talks on the ceasefire.",
                 [Visit("Lena Vos", "Geneva", "2024-03-18/2024-03-20", "planned")],
                 id="a-range-of-days"),
    pytest.param("Foreign Minister Ana Ruiz will pay a three-day visit to Kenya starting Monday.",
                 [Visit("Ana Ruiz", "Kenya", "2024-03-18/2024-03-20", "planned")],
                 id="a-three-day-visit-starting-monday-ends-on-wednesday"),
    pytest.param("As of last night, the disaster agency had confirmed 11 deaths.",
                 [Casualty(11, "exact", "killed", "deaths", "disaster agency", "2024-03-13", "reported")],
                 id="a-count-as-of-last-night"),
    pytest.param("Gunmen killed at least 32 people in overnight attacks on three villages, police said on Wednesday.",
                 [Casualty(32, "at_least", "killed", "people", "police", "2024-03-12/2024-03-13")],
                 id="overnight-before-a-statement"),
    # --- session 8: forms read in a blind set of wires, releases and live blogs
    pytest.param("Speaker Tomas Lind held talks in Hanoi on the 12th with Speaker Mai Tran, "
                 "who is paying an official visit to Viet Nam from the 11th to the 15th.",
                 [Meeting({"Tomas Lind", "Mai Tran"}, "Hanoi", "2024-03-12"),
                  Visit("Mai Tran", "Viet Nam", "2024-03-11/2024-03-15")],
                 id="days-of-the-month-without-its-name"),
    pytest.param("Speaker Mai Tran is paying an official visit to Viet Nam from the 11th to the 15th. "
                 "On Tuesday she met Prime Minister Do Khoa. The two leaders discussed trade. "
                 "She thanked her hosts and noted that this is her third visit to Viet Nam.",
                 [Visit("Mai Tran", "Viet Nam", "2024-03-11/2024-03-15", ordinal=3),
                  Meeting({"Mai Tran", "Do Khoa"}, None, "2024-03-12")],
                 id="a-later-restatement-of-the-trip-folds-into-it"),
    pytest.param("Foreign Minister Ana Ruiz will depart on Saturday for working visits to Japan and South Korea.",
                 [Visit("Ana Ruiz", "Japan", "2024-03-16", "planned"),
                  Visit("Ana Ruiz", "South Korea", "2024-03-16", "planned")],
                 id="departing-for-visits-is-ahead-and-each-place-is-a-visit"),
    pytest.param("Today, Minister Piet Kramer opened the trade fair in Utrecht.\n\nThe fair features:\n\n"
                 "- 300 exhibitors;\n- a start-up hall;\n- a careers day.\n\n"
                 "Minister Kramer also met Trade Minister Olena Hrytsak.",
                 [Meeting({"Piet Kramer", "Olena Hrytsak"}, None, "2024-03-14")],
                 id="a-list-between-does-not-break-the-context"),
    pytest.param("Prime Minister Yerlan Sadykov visited Seoul in October 2023. Ties had been shaken two months "
                 "earlier, when an explosion at a chemical plant killed nine workers.",
                 [Visit("Yerlan Sadykov", "Seoul", "2023-10"),
                  Casualty(9, "exact", "killed", "workers", None, "2023-08")],
                 id="months-counted-from-an-event-of-the-story"),
])
def test_dates_read_from_the_story(extract_text, text, expected):
    assert_events(extract_text(text), expected)


def test_the_flags_say_where_each_borrowed_date_came_from(extract_text):
    text = ("Foreign Minister Ana Ruiz arrived in Nairobi on Monday. Two days later, she met President Omar Bello. "
            "Defence Minister Piet Kramer has just arrived in Vilnius.")
    flags = {(e.event_type, getattr(e, "location", None)): e.quality_flags for e in extract_text(text)}
    assert flags == {("visit", "Nairobi"): [], ("meeting", None): ["date_relative_to_story"],
                     ("visit", "Vilnius"): ["date_just_now"]}


def test_a_dateline_glued_to_the_text_keeps_its_year(extract_text):
    """No manifest date: the glued dateline is the reference date, and a Thursday told in the past
    is the one before it (May 3, 2024 was a Friday)."""
    text = "May 3, 2024The foreign minister Ana Ruiz met President Omar Bello in Nairobi on Thursday."
    assert_events(extract_text(text, published=None), [Meeting({"Ana Ruiz", "Omar Bello"}, "Nairobi", "2024-05-02")])


def test_a_year_written_in_the_text_wins_over_the_datelines(extract_text):
    text = "May 3, 2024\nThe foreign minister Ana Ruiz first met President Omar Bello in Nairobi in 2019."
    assert_events(extract_text(text, published=None), [Meeting({"Ana Ruiz", "Omar Bello"}, "Nairobi", "2019")])


def test_a_done_event_loses_a_date_after_its_telling(extract_text):
    """'the others are due in 2026' is not the date of the delivery already made: a wrong date is
    worse than none, so it is dropped and flagged."""
    text = "Two of the four patrol boats ordered by the navy have since been delivered; the others are due in 2026."
    events = extract_text(text)
    assert_events(events, [Arms(item="patrol boats", quantity=2, when=None)])
    assert events[0].quality_flags == ["date_after_publication"]


LIVE_BLOG = ("Live: Floods in the north\n\n"
             "Thursday, March 14\n\n"
             "10:15 - At least 40 people have been injured, the ministry said.\n\n"
             "09:00 - Rescue teams reached the valley at dawn.\n\n"
             "Wednesday, March 13\n\n"
             "18:00 - Officials said 12 people were confirmed dead.\n\n"
             "14:20 - Prime Minister Ana Ruiz met Governor Omar Bello in Tarsa.\n\n"
             "08:30 - Flash floods swept through the valley at 04:10 local time, police said.")


def test_a_live_blog_dates_its_entries_by_their_day_and_its_tolls_by_the_incident(extract_text):
    """An entry takes its day line; the figures count the flood's victims, told on Wednesday's
    first entry: no toll is dated by the later day it was told on."""
    assert_events(extract_text(LIVE_BLOG), [
        Casualty(40, "at_least", "wounded", "people", "ministry", "2024-03-13"),
        Casualty(12, "exact", "killed", "people", "Officials", "2024-03-13"),
        Meeting({"Ana Ruiz", "Omar Bello"}, "Tarsa", "2024-03-13")])


def test_tomorrow_in_a_live_blog_counts_from_its_day_line(extract_text):
    text = ("Live: Summit in Luanda\n\nWednesday, March 13\n\n"
            "16:40 - Foreign Minister Ana Ruiz is expected in Luanda tomorrow morning.")
    assert_events(extract_text(text), [Visit("Ana Ruiz", "Luanda", "2024-03-14", "planned")])


def test_today_in_a_listing_is_the_day_of_its_date_line(extract_text):
    text = ("Press releases\n\n12-03-2024\nReadout\n\n"
            "Today, Administrator Lena Vos met with Governor Omar Bello to discuss the floods.")
    # 12-03-2024 read day-first is within a month of publication (March 14); month-first is not
    assert_events(extract_text(text), [Meeting({"Lena Vos", "Omar Bello"}, None, "2024-03-12")])


def test_a_rival_count_of_the_same_toll_takes_its_date(extract_text):
    text = ("Gunmen killed at least 32 people in an attack on a village on Tuesday, police said, "
            "while local leaders put the toll at more than 50.")
    assert_events(extract_text(text), [Casualty(32, "at_least", "killed", "people", "police", "2024-03-12"),
                                       Casualty(50, "at_least", "killed", None, "local leaders", "2024-03-12")])


def test_a_stock_told_around_its_figure_keeps_its_period(extract_text):
    """'forced a million people from their homes' is displacement, counted since 2017 up to Tuesday."""
    text = "An insurgency has forced a million people from their homes since 2017, the agency said on Tuesday."
    assert_events(extract_text(text), [Casualty(1_000_000, "exact", "displaced", "people", "agency",
                                                "2017-01-01/2024-03-12", "reported")])


def test_a_live_blog_entry_in_the_present_happened_on_its_day(extract_text):
    text = "Live: Summit in Luanda\n\nWednesday, March 13\n\n19:00 — Envoy Lena Vos arrives in Luanda."
    events = extract_text(text)
    assert_events(events, [Visit("Lena Vos", "Luanda", "2024-03-13")])
    assert events[0].quality_flags == ["date_from_heading"]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Today, Defence Minister Piet Kramer announced that the Netherlands will provide Ukraine "
                 "with a new military aid package worth $200 million.",
                 [Arms("Piet Kramer", None, "military aid", None, 200e6, "2024-03-14")],
                 id="an-announced-future-is-the-pledge-made-today"),
    pytest.param("The navy has awarded Damen a $400 million contract for four frigates. "
                 "The award was made on 9 March, the ministry said.",
                 [Arms("navy", None, "frigates", 4, 400e6, "2024-03-09")],
                 id="the-award-told-again-with-its-day"),
    pytest.param("The State Department has approved a possible sale of 12 helicopters to Peru for an estimated "
                 "$900 million. Congress was notified on March 12.",
                 [Arms("State Department", "Peru", "helicopters", 12, 900e6, "2024-03-12")],
                 id="the-notice-to-the-legislature-dates-the-approval"),
    pytest.param("The State Department has approved a possible sale of 12 helicopters to Peru for an estimated "
                 "$900 million, the agency said in a notice published on Monday.",
                 [Arms("State Department", "Peru", "helicopters", 12, 900e6, "2024-03-11")],
                 id="a-notice-published-on-a-day"),
    pytest.param("The State Department approved the sale of support for F-16 aircraft worth $210 million.",
                 [Arms("State Department", None, "aircraft", None, 210e6, None)],
                 id="a-model-name-is-no-count"),
])
def test_approvals_dated_by_their_telling(extract_text, text, expected):
    assert_events(extract_text(text), expected)


@pytest.mark.parametrize("text, expected", [
    pytest.param("Gunmen killed at least 19 villagers in a raid on Tuesday, a local leader said. The army gave "
                 "a lower toll of 14 dead and said troops had freed 11 of the hostages.",
                 [Casualty(19, "at_least", "killed", "villagers", "a local leader", "2024-03-12"),
                  # another source's toll of the same raid; the freed hostages are no casualty figure
                  Casualty(14, "exact", "killed", "dead", None, "2024-03-12")],
                 id="a-lower-toll-in-the-next-sentence"),
    pytest.param("Cattle raids claimed 23 lives in 2023 and displaced about 4,100 people, officials said.",
                 [Casualty(23, "exact", "killed", None, "officials", "2023"),
                  Casualty(4100, "approximate", "displaced", "people", "officials", "2023")],
                 id="lives-claimed-are-deaths-and-claimed-is-no-report"),
    pytest.param("An aid group says 4 of its staff abducted in Mali in January are still being held.",
                 [Casualty(4, "exact", "hostages", None, "An aid group", "2024-01-01/2024-03-14", "reported")],
                 id="held-since-they-were-taken"),
    pytest.param("The earthquake struck on Monday. The council has raised the death toll to 58. "
                 "Another 312 people have been injured, the council said.",
                 [Casualty(58, "exact", "killed", None, None, "2024-03-14", "reported"),
                  Casualty(312, "exact", "wounded", "people", "council", "2024-03-14", "reported")],
                 id="the-next-count-of-an-update-is-as-of-it-too"),
])
def test_figures_dated_by_the_story_around_them(extract_text, text, expected):
    assert_events(extract_text(text), expected)
