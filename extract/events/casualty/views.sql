-- Each reporter's figures over the days they stood (as_of: a flow's incident day, a stock's
-- statement day), then publication time: revisions and disagreements in one query.
CREATE OR REPLACE VIEW v_casualty_series AS
SELECT
    c.reporter_key, c.reported_by, c.category, c.victims, d.published, c.count, c.count_qualifier,
    c.count - lag(c.count IGNORE NULLS) OVER (
        PARTITION BY c.reporter_key, c.category ORDER BY coalesce(e.date_end, d.published), d.published, e.event_id)
        AS change_from_previous,
    e.date_start, e.quality_flags, d.publisher, e.cluster_id, e.event_id, e.doc_id, e.sentence,
    coalesce(e.date_end, d.published) AS as_of, e.status
FROM casualty_figures c
JOIN events e USING (event_id)
JOIN documents d USING (doc_id);
