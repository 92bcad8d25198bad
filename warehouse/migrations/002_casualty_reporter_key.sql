-- Migration 2 (refine, cross-source clusters): each casualty figure's comparison key for its reporter.
-- IF NOT EXISTS: files made before schema_version may have the column already.
ALTER TABLE casualty_figures ADD COLUMN IF NOT EXISTS reporter_key VARCHAR;
