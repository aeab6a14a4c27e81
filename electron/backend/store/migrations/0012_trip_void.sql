-- A mistaken trip is 作废 (voided), never deleted: the row stays in the person's history with who
-- voided it, when and why, and every list, count and export reads only active trips
-- (LIVE_TRIP in electron/backend/monitoring/trip-counts.repo.ts is that one rule).
ALTER TABLE returnee_trips ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'voided'));
ALTER TABLE returnee_trips ADD COLUMN voided_at TEXT;
ALTER TABLE returnee_trips ADD COLUMN voided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE returnee_trips ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';

-- Each trip shows the episode started for it. Episodes started before trip_id was always set
-- (from the monitoring page) are linked by the rule the service applies from now on: an episode
-- belongs to the trip whose return date is the latest on or before the episode's start, i.e. the
-- episode starts on/after this trip's return date and before the next trip's. An episode that
-- starts before any trip of the person stays unlinked (it belongs to no trip).
UPDATE observation_episodes
SET trip_id = (
  SELECT t.id FROM returnee_trips t
  WHERE t.resident_id = observation_episodes.resident_id AND t.return_date <= observation_episodes.start_date
  ORDER BY t.return_date DESC, t.id DESC
  LIMIT 1
)
WHERE trip_id IS NULL;

CREATE INDEX observation_trip ON observation_episodes (trip_id, start_date) WHERE trip_id IS NOT NULL;
