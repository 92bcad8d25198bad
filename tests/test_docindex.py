"""The document index answers exactly what spaCy answers, and a runaway document is a reject."""
import datetime as dt

from extract.docindex import entities_in, sentence_of, text_of

TEXT = ("GENEVA (Wire) - Foreign Minister Ana Lima met President Otto Brandt in Geneva on Monday. "
        "Police said 12 people were killed in Quito on Sunday, and 30 were wounded. "
        "The ministry approved the sale of 40 howitzers to Peru worth $300 million. "
        "Officials in Lima and Bogota declined to comment on Tuesday.")


def test_the_index_gives_spacys_own_sentences_entities_and_text(nlp):
    doc = nlp(TEXT)
    assert text_of(doc) == doc.text
    for token in doc:
        assert sentence_of(token) == token.sent
    for sent in doc.sents:
        assert entities_in(sent) == list(sent.ents) and entities_in(sent)
        part = doc[sent.start + 2: sent.end]
        assert entities_in(part) == list(part.ents)


def test_a_document_over_the_rules_budget_is_a_reject_and_the_batch_goes_on(make_document, monkeypatch):
    import extract.pipeline as pipeline

    slow, quick = make_document(TEXT, name="slow.txt"), make_document(TEXT.replace("Geneva", "Oslo"), name="quick.txt")
    budgets = iter([0.0, 60.0])  # the first document gets no time at all
    real = pipeline.extract_document
    monkeypatch.setattr(pipeline, "extract_document",
                        lambda document, doc, skipped=(): real(document, doc, skipped, budget_seconds=next(budgets)))
    result = pipeline.extract_documents([slow, quick])
    assert [(r.source_file, r.reason) for r in result.rejects] == [
        ("slow.txt", "the rules took over 0 s (stopped at sentence 1); the document is not read for events")]
    assert {e.doc_id for e in result.events} == {quick.doc_id}
    assert sorted(e.event_type for e in result.events) == [
        "arms_authorization", "casualty_figure", "casualty_figure", "meeting"]
