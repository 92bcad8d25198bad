-- Every event with what refine compares, in the order of warehouse/refine.py's Row fields
-- (tests/test_migrations.py checks that they agree).
SELECT event_id, event_type, doc_id, publisher, published, date_start, date_end, actor, location,
       participants, recipient, item, quantity, value_usd, count, category, victims, reported_by,
       ordinal, status, sentence, quality_flags
FROM v_events
