-- Every event's evidence (the targets of the charts' links).
SELECT event_id, event_type, date_start, date_precision, status,
       coalesce(actor, array_to_string(participants, ', ')) AS who, location,
       count, category, reported_by, source_file, publisher, published, sentence
FROM v_events ORDER BY event_type, date_start NULLS LAST, event_id
