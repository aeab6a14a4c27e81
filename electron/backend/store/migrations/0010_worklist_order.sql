-- Worklist order without a join (待测温 / 昨日漏测 / 异常 / 今日期满 at 5,000 open episodes).
-- The lists sort by grid, worker, then the person's address order (residents.sort_key). With that
-- key on the episode itself, open episodes come out of one index already in list order, so a
-- page reads its 50 rows and stops instead of joining and sorting every open episode.
ALTER TABLE observation_episodes ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
UPDATE observation_episodes
   SET sort_key = COALESCE((SELECT r.sort_key FROM residents r WHERE r.id = observation_episodes.resident_id), '');

-- The copy is kept in step by the database, not by each caller: every way an episode is created
-- (registering a trip, the import wizard) and every way a resident's address order changes (move,
-- household address edit, merge, recycle bin) is covered, including ones written later.
-- Only a changed key is propagated, so rewriting a household's members costs nothing extra.
CREATE TRIGGER observation_sort_key_on_insert AFTER INSERT ON observation_episodes
BEGIN
  UPDATE observation_episodes SET sort_key = COALESCE((SELECT r.sort_key FROM residents r WHERE r.id = NEW.resident_id), '')
   WHERE id = NEW.id;
END;
CREATE TRIGGER residents_sort_key_to_observation AFTER UPDATE OF sort_key ON residents
WHEN NEW.sort_key IS NOT OLD.sort_key
BEGIN
  UPDATE observation_episodes SET sort_key = NEW.sort_key WHERE resident_id = NEW.id;
END;

-- Status first (an equality every open list has), then the list order, then what the lists filter
-- and count on: covering, so counts and the kind breakdown never read episode rows. It supersedes
-- observation_open (grid, worker, end) over open episodes.
CREATE INDEX observation_status_order ON observation_episodes (status, grid_id, worker, sort_key, resident_id, end_date, start_date, kind, abnormal, last_check_day);
DROP INDEX observation_open;

-- The day's checks as one covering range (day, then episode): "not checked yet" is a set read once
-- instead of a probe per open episode; the day's abnormal checks stay a prefix. Replaces
-- daily_checks_day (day, abnormal).
CREATE INDEX daily_checks_day_cover ON daily_checks (day, abnormal, episode_id);
DROP INDEX daily_checks_day;
