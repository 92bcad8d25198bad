-- The arms authorizations table.
SELECT event_id, date_start, actor, recipient, quantity, unit, item, value_usd, value_qualifier,
       mechanism, status, source_file, sentence
FROM v_events WHERE event_type = 'arms_authorization' ORDER BY date_start NULLS LAST
