-- The batch's rejects (stage_rejects): the same problem with the same input is one row however
-- often it is seen; last_seen and run_id move.
INSERT INTO rejects BY NAME SELECT DISTINCT ON (reject_id) * FROM stage_rejects
ON CONFLICT (reject_id) DO UPDATE SET last_seen = excluded.last_seen, run_id = excluded.run_id
