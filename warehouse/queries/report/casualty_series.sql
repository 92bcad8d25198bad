-- Each reporter's casualty figures over the days they stood (one series per reporter and category).
SELECT coalesce(reporter_key, 'unattributed') AS reporter, category, as_of, count, count_qualifier,
       reported_by, event_id, publisher, published
FROM v_casualty_series WHERE count IS NOT NULL AND as_of IS NOT NULL
ORDER BY reporter, category, as_of, published
