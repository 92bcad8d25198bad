-- The export contract: one row per event, columns in this order (add new ones at the end).
CREATE OR REPLACE VIEW v_events AS
SELECT
    e.event_id, e.event_type, e.doc_id, d.source_file, d.publisher, d.published,
    e.date_start, e.date_end, e.date_precision, e.date_text, e.date_basis, e.status,
    e.actor,
    coalesce((SELECT list(p.name ORDER BY p.position) FROM event_participants p
              WHERE p.event_id = e.event_id), []::VARCHAR[]) AS participants,
    e.location,
    a.recipient, a.item, a.quantity, a.unit, a.value_usd, a.value_qualifier, a.mechanism,
    c.count, c.count_qualifier, c.category, c.victims, c.reported_by,
    v.ordinal,
    e.quality_flags, e.confidence, e.sentence, e.char_start, e.char_end, e.cluster_id
FROM events e
JOIN documents d USING (doc_id)
LEFT JOIN visits v USING (event_id)
LEFT JOIN arms_authorizations a USING (event_id)
LEFT JOIN casualty_figures c USING (event_id);

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

-- One row per real-world event (cluster) in date order, with a one-line summary.
CREATE OR REPLACE VIEW v_timeline AS
SELECT
    cluster_id, event_type, date_start, date_end, n_documents, publishers, conflicts,
    coalesce(strftime(date_start, '%Y-%m-%d'), 'undated') || ' ' || event_type || ': ' ||
    CASE event_type
        WHEN 'meeting' THEN array_to_string(participants, ', ')
        WHEN 'visit' THEN coalesce(actor, '?') || ' to ' || coalesce(location, '?')
        WHEN 'arms_authorization' THEN concat_ws(' ', coalesce(actor, '?') || ' -> ' || coalesce(recipient, '?') || ':',
            CAST(quantity AS VARCHAR), item, CASE WHEN value_usd IS NOT NULL THEN '($' || value_usd || ')' END)
        ELSE concat_ws(' ', CAST(count AS VARCHAR), category, victims,
            CASE WHEN reported_by IS NOT NULL THEN 'per ' || reported_by END)
    END ||
    ' (' || concat_ws('; ', CASE WHEN event_type IN ('meeting', 'casualty_figure') THEN location END,
                      n_documents || CASE WHEN n_documents = 1 THEN ' source' ELSE ' sources' END) || ')' AS summary
FROM event_clusters
ORDER BY date_start NULLS LAST, cluster_id;
