-- Each reporter's figures over publication time: revisions and disagreements in one query.
CREATE OR REPLACE VIEW v_casualty_series AS
SELECT
    c.reporter_key, c.reported_by, c.category, c.victims, d.published, c.count, c.count_qualifier,
    c.count - lag(c.count IGNORE NULLS) OVER (PARTITION BY c.reporter_key, c.category ORDER BY d.published, e.event_id)
        AS change_from_previous,
    e.date_start, e.quality_flags, d.publisher, e.cluster_id, e.event_id, e.doc_id, e.sentence
FROM casualty_figures c
JOIN events e USING (event_id)
JOIN documents d USING (doc_id);
