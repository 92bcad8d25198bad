SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY 1
