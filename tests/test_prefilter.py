"""The sentence pre-filter: cheaper parsing with exactly the same events."""
from pathlib import Path

import pytest

from extract.prefilter import mask, sentence_spans

TEXT = ("Rain fell across the capital as markets opened.\n\n"
        "Foreign Minister Ana Ruiz met Gen. Tomas Brandt in Lisbon on Tuesday. "
        "Analysts expect little to change. The talks were described as frank. "
        "She later flew to Madrid.")


def test_offsets_are_kept_and_eventless_sentences_blanked():
    masked = mask(TEXT)
    assert len(masked.text) == len(TEXT)
    for start, end in masked.skipped:
        assert masked.text[start:end].strip() == ""
    blanked = [TEXT[s:e].strip() for s, e in masked.skipped]
    assert blanked == ["Analysts expect little to change."]
    # every kept character is where it was
    assert all(a == b for a, b in zip(masked.text, TEXT) if a != " ")


def test_a_pronoun_keeps_the_sentence_it_refers_back_to():
    text = "Rain fell.\nAna Ruiz met Tomas Brandt on Tuesday. Mr. Cole praised the food. He flew home."
    assert "Mr. Cole praised the food." in mask(text).text  # "He" may be Mr. Cole


def test_abbreviations_do_not_end_a_sentence():
    spans = sentence_spans("Gen. Tomas Brandt arrived on Jan. 9 with Mr. Cole. He left.")
    assert len(spans) == 2


def test_headline_is_always_kept():
    text = "Quiet day in the hills\n\nNothing else happened there."
    assert mask(text).text.startswith("Quiet day in the hills")


@pytest.mark.parametrize("folder", ["seeds", "tests/gold/composed", "tests/gold/heldout", "tests/gold/heldout2", "tests/gold/heldout3"])
def test_events_are_the_same_with_and_without_the_prefilter(folder):
    from extract.ingest import read_folder
    from extract.pipeline import extract_documents

    root = Path(__file__).resolve().parent.parent
    documents = read_folder(root / folder).documents

    def events(prefilter: bool):
        return sorted(e.model_dump_json() for e in extract_documents(documents, prefilter=prefilter).events)

    assert events(True) == events(False)


def test_a_title_comma_name_introduction_is_kept():
    from extract.prefilter import mask
    text = "Summit opens\n\nIndia sent its external affairs minister, Rajiv Menon-Kapoor. The weather was mild."
    kept = mask(text).text
    assert "Rajiv Menon-Kapoor" in kept and "weather" not in kept
