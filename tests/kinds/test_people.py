"""People: PersonIndex and names, on sentences composed for these tests (published 2024-03-14).

The extraction cases compare the whole set of events their text yields (tests/kinds/_events.py)."""
import pytest

from tests.kinds._events import ANY, Meeting, Visit, assert_events


@pytest.mark.parametrize("text, expected", [
    pytest.param("Foreign Minister Chen Wei met Chancellor Otto Brandt in Berlin on Monday. "
                 "Brandt last met Chen in Beijing in 2022.",
                 [Meeting({"Chen Wei", "Otto Brandt"}, "Berlin", "2024-03-11"),
                  Meeting({"Chen Wei", "Otto Brandt"}, "Beijing", "2022")],
                 id="family-name-first-maps-to-the-full-name"),
    pytest.param("Foreign Minister Ewa Kowalska-Tal held talks with Defence Minister Jang Min-seok on Tuesday.",
                 [Meeting({"Ewa Kowalska-Tal", "Jang Min-seok"}, None, "2024-03-12")], id="hyphenated-names-are-whole"),
    pytest.param("On Monday, Mehta hosted Sri Lankan President Anura Perera in New Delhi.",
                 [Meeting({"Mehta", "Anura Perera"}, "New Delhi", "2024-03-11")],
                 id="a-nationality-before-a-title-is-no-participant"),
    pytest.param("Foreign Minister Ana Ruiz arrived in Astana on Monday. "
                 "On Tuesday she was received by President Amir Oskenov at the Baiterek presidential palace.",
                 # a named venue: whether it is the meeting's place is not what this case is about
                 [Visit("Ana Ruiz", "Astana", "2024-03-11"), Meeting({"Ana Ruiz", "Amir Oskenov"}, ANY, "2024-03-12")],
                 id="a-name-after-the-is-no-participant"),
])
def test_names_of_participants(extract_text, text, expected):
    assert_events(extract_text(text), expected)


def test_a_place_that_is_also_a_first_name_is_not_that_person(nlp):
    from extract.actors import PersonIndex

    doc = nlp("Foreign Minister Chad Hale met Chancellor Otto Brandt in Rabat. Brandt later flew to Chad.")
    place = next(t for t in doc if t.text == "Chad" and t.ent_type_ == "GPE")
    index = PersonIndex.from_doc(doc)
    assert not index.is_known(place) and index.canonical("Brandt") == "Otto Brandt"


def test_a_mention_inside_one_longer_name_maps_to_it(nlp):
    from extract.actors import PersonIndex

    doc = nlp("Foreign Minister Daniela Andrade Villacis met President Santiago Nsue Mba Ondo in Lima. "
              "Andrade later spoke to Nsue Mba.")
    index = PersonIndex.from_doc(doc)
    assert index.canonical("Andrade") == "Daniela Andrade Villacis"
    assert index.canonical("Nsue Mba") == "Santiago Nsue Mba Ondo"


def test_names_the_document_also_tags_as_places_or_modifiers_are_no_people(nlp):
    """The small model's tags vary; they are set here so that the rule itself is tested."""
    from spacy.tokens import Span

    from extract.actors import PersonIndex, person_at

    doc = nlp("Lake Pampa met Ana Ruiz. Boats crossed Lake Pampa. Tartu met Ana Ruiz. Ships left Tartu. "
              "Kazakh diplomats met Ana Ruiz.")
    spans = {(0, 2): "PERSON", (8, 10): "LOC", (11, 12): "PERSON", (18, 19): "GPE", (20, 21): "PERSON"}
    ruiz = [(t.i, t.i + 2) for t in doc if t.text == "Ana"]
    doc.ents = [Span(doc, a, b, label=label) for (a, b), label in spans.items()] + [
        Span(doc, a, b, label="PERSON") for a, b in ruiz]
    index = PersonIndex.from_doc(doc)
    assert [person_at(doc[i], index) for i in (0, 11, 20, 4)] == [None, None, None, "Ana Ruiz"]
