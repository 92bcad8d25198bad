-- Migration 3 (one document per source): where a document came from (its url, else its file in its
-- source folder), how many documents a run replaced, and why a run failed.
-- IF NOT EXISTS: files made before schema_version may have the columns already.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS source_key VARCHAR;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS documents_replaced INTEGER;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS error VARCHAR;
