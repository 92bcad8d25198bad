-- Documents of the batch's sources (batch_doc_ids: doc_id, source_key) that hold another text:
-- copied to document_history; their doc_ids are returned, for their rows to be deleted with the
-- batch's own (warehouse/load.py: _retire_older_versions).
-- Parameters: replaced_at, run_id.
INSERT INTO document_history BY NAME
SELECT d.doc_id, d.source_key, d.source_file, d.url, d.published, d.text, d.fingerprint, d.loaded_at,
       ?::TIMESTAMP AS replaced_at, o.replaced_by, ? AS run_id
FROM documents d JOIN (
    SELECT d.doc_id, any_value(b.doc_id) AS replaced_by FROM documents d
    JOIN batch_doc_ids b ON d.source_key = b.source_key AND d.doc_id <> b.doc_id
    WHERE d.doc_id NOT IN (SELECT doc_id FROM batch_doc_ids) GROUP BY d.doc_id
) o USING (doc_id)
RETURNING doc_id
