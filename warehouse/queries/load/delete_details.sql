-- The rows of one detail table ({table}, filled in by warehouse/load.py: _delete_documents) that
-- belong to the events of the batch's documents and of the older versions they replace
-- (batch_doc_ids, retired_doc_ids). Run for each detail table before delete_documents.sql.
DELETE FROM {table} WHERE event_id IN (
    SELECT event_id FROM events WHERE doc_id IN (
        SELECT doc_id FROM batch_doc_ids UNION ALL SELECT doc_id FROM retired_doc_ids))
