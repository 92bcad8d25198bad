-- The dated clusters of the timeline, each with its first event (the marker's link to its evidence).
SELECT t.cluster_id, t.event_type, t.date_start, t.summary, t.n_documents,
       array_to_string(t.publishers, ', ') AS publishers,
       (SELECT e.event_id FROM events e WHERE e.cluster_id = t.cluster_id ORDER BY e.event_id LIMIT 1) AS first_event
FROM v_timeline t WHERE t.date_start IS NOT NULL
