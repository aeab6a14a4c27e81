-- Worklist speed (待测温 / 昨日漏测 at 5,000 open episodes).
-- "Open on day D" now also carries resident_id, so the ids-first page of the due list sorts
-- from the index alone (grid, worker, then the resident) without reading episode rows.
-- Same leading columns as observation_end, which it replaces.
CREATE INDEX observation_end_cover ON observation_episodes (end_date, start_date, status, status_date, grid_id, worker, resident_id);
DROP INDEX observation_end;

-- Checks that reached the person, by day: 昨日漏测 is "open and not in this day's set",
-- one index range instead of a probe per open episode.
CREATE INDEX daily_checks_reached ON daily_checks (day, episode_id) WHERE outcome != 'unreachable';
