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
