-- The views, filled in from the registered event kinds by warehouse/kinds.py (views_sql): the
-- placeholders in braces below come from the kinds' declarations, and a kind may add views
-- of its own (extract/events/<kind>/views.sql).

-- The export contract: one row per event, columns in this order (add new ones at the end).
CREATE OR REPLACE VIEW v_events AS
SELECT
    e.event_id, e.event_type, e.doc_id, d.source_file, d.publisher, d.published,
    e.date_start, e.date_end, e.date_precision, e.date_text, e.date_basis, e.status,
    e.actor,
    coalesce((SELECT list(p.name ORDER BY p.position) FROM event_participants p
              WHERE p.event_id = e.event_id), []::VARCHAR[]) AS participants,
    e.location,
    {kind_columns}
    e.quality_flags, e.confidence, e.sentence, e.char_start, e.char_end, e.cluster_id{later_kind_columns}
FROM events e
JOIN documents d USING (doc_id)
{kind_joins};

-- One row per real-world event (cluster) in date order, with a one-line summary.
CREATE OR REPLACE VIEW v_timeline AS
SELECT
    cluster_id, event_type, date_start, date_end, n_documents, publishers, conflicts,
    coalesce(strftime(date_start, '%Y-%m-%d'), 'undated') || ' ' || event_type || ': ' ||
    {timeline_summary} ||
    ' (' || concat_ws('; ', {timeline_place},
                      n_documents || CASE WHEN n_documents = 1 THEN ' source' ELSE ' sources' END) || ')' AS summary
FROM event_clusters
ORDER BY date_start NULLS LAST, cluster_id;
