-- The events, rejects (but those of ingest) and documents of the batch's documents and of the
-- older versions they replace (batch_doc_ids, retired_doc_ids); after delete_details.sql.
DELETE FROM events WHERE doc_id IN (
    SELECT doc_id FROM batch_doc_ids UNION ALL SELECT doc_id FROM retired_doc_ids);
DELETE FROM rejects WHERE doc_id IN (
    SELECT doc_id FROM batch_doc_ids UNION ALL SELECT doc_id FROM retired_doc_ids) AND stage <> 'ingest';
DELETE FROM documents WHERE doc_id IN (
    SELECT doc_id FROM batch_doc_ids UNION ALL SELECT doc_id FROM retired_doc_ids);
