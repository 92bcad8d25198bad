-- The table of one kind's events ({columns}: the kind's report_columns); ? is its event_type.
SELECT event_id, date_start, {columns}, status, source_file, sentence
FROM v_events WHERE event_type = ? ORDER BY date_start NULLS LAST
