-- Each reporter's casualty figures over publication time (one series per reporter and category).
SELECT coalesce(reporter_key, 'unattributed') AS reporter, category, published, count, count_qualifier,
       reported_by, event_id, publisher
FROM v_casualty_series WHERE count IS NOT NULL AND published IS NOT NULL
ORDER BY reporter, category, published
