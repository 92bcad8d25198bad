-- The counts at the top of the report.
SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM event_clusters) AS clusters,
       (SELECT count(*) FROM event_clusters WHERE n_documents > 1) AS multi_source,
       (SELECT count(*) FROM rejects) AS rejects
