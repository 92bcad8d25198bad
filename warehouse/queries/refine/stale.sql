-- Whether clusters miss events or name events that are gone (a run killed before refine).
SELECT EXISTS (SELECT 1 FROM events WHERE cluster_id IS NULL
               OR cluster_id NOT IN (SELECT cluster_id FROM event_clusters))
    OR EXISTS (SELECT 1 FROM event_clusters WHERE cluster_id NOT IN
               (SELECT cluster_id FROM events WHERE cluster_id IS NOT NULL))
