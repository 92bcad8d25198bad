"""Rules across sentences (extract/story/ and each kind's story.py) on texts composed for these tests.
The documents are published 2024-03-14, a Thursday."""


def of_type(events, event_type):
    return [e for e in events if e.event_type == event_type]


def test_copular_restatement_folds_into_the_visit_just_told(extract_text):
    text = ("Trade Minister Ilse Varga is visiting Lisbon this week for talks on fisheries. "
            "It is Varga's second visit to Portugal since she took office.")
    visits = of_type(extract_text(text), "visit")
    assert [(v.location, v.ordinal) for v in visits] == [("Lisbon", 2)]


def test_future_copular_restatement_is_not_a_new_visit(extract_text):
    text = ("Prime Minister Tomas Berg is scheduled to visit Hanoi in late April. "
            "It will be Berg's first trip to Asia as prime minister.")
    visits = of_type(extract_text(text), "visit")
    assert [(v.location, v.status) for v in visits] == [("Hanoi", "planned")]


def test_present_copular_visit_alone_is_ongoing_at_publication(extract_text):
    text = ("The envoy warned that the ceasefire was fragile. Aid deliveries remain slow. "
            "This is Envoy Rosa Lindqvist's third visit to Sudan this year.")
    visit = of_type(extract_text(text), "visit")[0]
    assert (visit.location, str(visit.date.date_start), visit.date.basis) == ("Sudan", "2024-03-14", "document")
    assert "date_from_publication" in visit.quality_flags


def test_demonstrative_dated_anaphor_gives_a_month_dated_meeting_its_day(extract_text):
    text = ("During a tense meeting in February, President Ana Ruiz told Chancellor Otto Brandt that the tariffs "
            "would stay. Brandt refused to answer. This Feb. 20 clash set the tone for the spring.")
    meeting = of_type(extract_text(text), "meeting")[0]
    assert str(meeting.date.date_start) == "2024-02-20" and meeting.date.precision == "day"
    assert "date_from_anaphor" in meeting.quality_flags


def test_anaphor_outside_the_events_month_does_not_date_it(extract_text):
    text = ("During a tense meeting in February, President Ana Ruiz told Chancellor Otto Brandt that the tariffs "
            "would stay. This March 2 clash set the tone for the spring.")
    meeting = of_type(extract_text(text), "meeting")[0]
    assert meeting.date.precision == "month" and "date_from_anaphor" not in meeting.quality_flags


def test_event_noun_anaphor_dates_an_undated_meeting(extract_text):
    text = ("Foreign Minister Amara Okafor said she had discussed with President William Mwangi how to reopen "
            "the border. \"We made progress in our talks today,\" Okafor told reporters.")
    meeting = of_type(extract_text(text), "meeting")[0]
    assert str(meeting.date.date_start) == "2024-03-14"


def test_anaphor_dates_only_the_nearest_earlier_event(extract_text):
    text = ("Defence Minister Lars Eriksen met with General Piotr Zielinski last month. "
            "On Tuesday, Eriksen met with President Marek Nowak. The meeting on Tuesday lasted two hours.")
    by_pair = {frozenset(m.participants): m for m in of_type(extract_text(text), "meeting")}
    assert by_pair[frozenset({"Lars Eriksen", "Piotr Zielinski"})].date.precision == "month"
    assert str(by_pair[frozenset({"Lars Eriksen", "Marek Nowak"})].date.date_start) == "2024-03-12"


def test_later_in_the_day_reaches_back_past_the_context_window(extract_text):
    text = ("Secretary General Maria Costa met with Prime Minister Jonas Berg in Oslo on Tuesday. "
            "The talks focused on air defence. Officials gave no details. \"We are ready,\" Costa said. "
            "She also met with Defence Minister Erik Dahl later in the day.")
    meetings = {frozenset(m.participants): m for m in of_type(extract_text(text), "meeting")}
    later = meetings[frozenset({"Maria Costa", "Erik Dahl"})]
    assert str(later.date.date_start) == "2024-03-12" and "date_from_context" in later.quality_flags


def test_without_same_day_words_a_far_date_is_not_taken(extract_text):
    text = ("Secretary General Maria Costa met with Prime Minister Jonas Berg in Oslo on Tuesday. "
            "The talks focused on air defence. Officials gave no details. \"We are ready,\" Costa said. "
            "She also met with Defence Minister Erik Dahl.")
    meetings = {frozenset(m.participants): m for m in of_type(extract_text(text), "meeting")}
    assert meetings[frozenset({"Maria Costa", "Erik Dahl"})].date.date_start is None


def test_planned_next_stop_does_not_take_the_previous_sentences_date(extract_text):
    text = ("Foreign Minister Amara Okafor will arrive in Accra on Friday. She will also visit Lome.")
    visits = {v.location: v for v in of_type(extract_text(text), "visit")}
    assert str(visits["Accra"].date.date_start) == "2024-03-15"
    assert visits["Lome"].date.date_start is None and visits["Lome"].status == "planned"


def test_an_organisations_mission_is_not_a_visit(extract_text):
    text = "The United Nations mission in Mali condemned the attack and said it had sent a patrol to the area."
    assert of_type(extract_text(text), "visit") == []


def test_a_countrys_titled_person_is_the_participant_not_the_country(extract_text):
    text = "On Monday, Minister Ilse Varga met with Morocco's King Hassan in Rabat."
    meeting = of_type(extract_text(text), "meeting")[0]
    assert meeting.participants == ["Ilse Varga", "Hassan"]


def test_incident_told_again_dates_the_figures_of_the_nearest_incident(extract_text):
    text = ("The government has opened an inquiry into an ambush near the border in which at least 16 police "
            "officers were killed, a spokesman said. The attack on the convoy took place on February 27, "
            "officials said.")
    figure = of_type(extract_text(text), "casualty_figure")[0]
    assert (figure.count, str(figure.date.date_start), figure.status) == (16, "2024-02-27", "occurred")
    assert "date_from_anaphor" in figure.quality_flags


def test_incident_anaphor_does_not_date_a_running_total(extract_text):
    text = ("More than 2,000 people have been killed since the war began, the ministry said. "
            "The strike on the market took place on Monday.")
    figure = of_type(extract_text(text), "casualty_figure")[0]
    # a stock: as of its statement, which has no date of its own, so as of publication
    assert (str(figure.date.date_start), str(figure.date.date_end), figure.status) == ("2024-03-14", "2024-03-14", "reported")
    assert figure.quality_flags == ["as_of_publication"]


def test_partitive_arms_count_is_the_part(extract_text):
    text = "The ministry said the first six of 40 armoured vehicles ordered by the army had been delivered on Monday."
    arms = of_type(extract_text(text), "arms_authorization")[0]
    assert arms.quantity == 6


def test_anaphor_corrects_a_date_guessed_from_the_sentence_before(extract_text):
    text = ("A drone strike on the airport on Wednesday wounded at least 30 people. "
            "General Hamid Osman met with Governor Adam Khalil in the city. "
            "The meeting on Sunday lasted three hours, an aide said.")
    meeting = of_type(extract_text(text), "meeting")[0]
    assert str(meeting.date.date_start) == "2024-03-10"
    assert "date_from_anaphor" in meeting.quality_flags and "date_from_context" not in meeting.quality_flags


def test_timetabled_arrival_dates_the_planned_meetings_after_it(extract_text):
    text = ("Foreign policy chief Marta Lindgren arrives in Warsaw on Saturday for two days of talks, "
            "her spokesperson said. She will meet Foreign Minister Marek Nowak.")
    events = extract_text(text)
    visit, meeting = of_type(events, "visit")[0], of_type(events, "meeting")[0]
    assert (visit.status, str(visit.date.date_start)) == ("planned", "2024-03-16")
    assert (meeting.status, str(meeting.date.date_start)) == ("planned", "2024-03-16")


def test_a_toll_update_is_a_count_as_of_its_day(extract_text):
    text = ("A bomb killed at least 12 people at a market on Monday, police said. "
            "The death toll rose to 19 on Wednesday, a hospital director said.")
    figures = {f.count: f for f in of_type(extract_text(text), "casualty_figure")}
    assert (str(figures[12].date.date_start), figures[12].status) == ("2024-03-11", "occurred")
    assert (str(figures[19].date.date_start), str(figures[19].date.date_end), figures[19].status) == (
        "2024-03-13", "2024-03-13", "reported")


def test_a_toll_naming_its_incident_stands_as_of_the_statement(extract_text):
    text = "The death toll from Sunday night's earthquake has risen to 118, the ministry said this morning."
    figure = of_type(extract_text(text), "casualty_figure")[0]
    assert (figure.count, str(figure.date.date_start), str(figure.date.date_end), figure.status) == (
        118, "2024-03-14", "2024-03-14", "reported")
    assert figure.quality_flags == ["as_of_statement"]


STAY = ("Kenyan leaders met visiting Foreign Minister Ilse Varga on Thursday. "
        "In Kenya for her second visit, Varga met President Tom Odera in Nairobi. "
        "Varga told reporters in Uganda on Wednesday, before she arrived in the East African country in the "
        "evening, that the talks would focus on trade. ")


def test_a_stay_runs_from_its_arrival_in_a_described_country_to_its_planned_talks(extract_text):
    visits = of_type(extract_text(STAY + "On Friday, Varga will meet opposition leader Ruth Wambui."), "visit")
    assert [(v.location, str(v.date.date_start), str(v.date.date_end)) for v in visits] == [
        ("Kenya", "2024-03-13", "2024-03-15")]
    assert {"start_from_arrival", "end_from_plans"} <= set(visits[0].quality_flags)


def test_a_stay_ends_before_a_trip_elsewhere(extract_text):
    text = STAY + "She will fly to Rwanda on Friday. On Saturday, Varga will meet President Paul Habimana."
    kenya = [v for v in of_type(extract_text(text), "visit") if v.location == "Kenya"]
    assert [(str(v.date.date_start), str(v.date.date_end)) for v in kenya] == [("2024-03-13", "2024-03-14")]


def test_an_arrival_in_a_country_the_story_never_names_is_no_visit(extract_text):
    text = "Defence Minister Piet Kramer arrived in the kingdom on Monday for talks on air defence."
    assert of_type(extract_text(text), "visit") == []


def test_a_figure_with_no_incident_date_is_dated_by_its_statement(extract_text):
    text = ("At least 212 people have been injured, the disaster agency told reporters on Wednesday. "
            "Nearly 9,000 people have been killed since Oct. 7, the ministry said on Wednesday. "
            "In the past 24 hours, 65 people were killed, the ministry said.")
    figures = {f.count: f for f in of_type(extract_text(text), "casualty_figure")}
    dates = {count: (str(f.date.date_start), str(f.date.date_end), f.status, f.quality_flags) for count, f in figures.items()}
    assert dates == {212: ("2024-03-13", "2024-03-13", "reported", ["as_of_statement"]),
                     9000: ("2023-10-07", "2024-03-13", "reported", ["as_of_statement"]),  # the period it counts
                     65: ("2024-03-13", "2024-03-14", "reported", ["as_of_publication"])}
