-- 0024's two per-day tables as ordinary rowid tables: every other table of the app has a rowid,
-- and the tools that read any table (the backup round-trip check, the journal's rowid repair after
-- damage) rely on one. Same columns, keys and rows; the one trigger that writes them is dropped
-- while they are rebuilt and created again unchanged.

DROP TRIGGER report_share_change;

CREATE TABLE report_days_copy AS SELECT day, province, change FROM returnee_province_days;
DROP TABLE returnee_province_days;
CREATE TABLE returnee_province_days (
  day TEXT NOT NULL,
  province TEXT NOT NULL,
  change INTEGER NOT NULL,
  PRIMARY KEY (day, province)
);
INSERT INTO returnee_province_days (day, province, change) SELECT day, province, change FROM report_days_copy;
DROP TABLE report_days_copy;

CREATE TABLE report_days_copy AS SELECT day, status, people FROM observation_closing_days;
DROP TABLE observation_closing_days;
CREATE TABLE observation_closing_days (
  day TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('released', 'lost')),
  people INTEGER NOT NULL,
  PRIMARY KEY (status, day)
);
INSERT INTO observation_closing_days (day, status, people) SELECT day, status, people FROM report_days_copy;
DROP TABLE report_days_copy;

-- As in 0024, word for word: a person's share of both tables (see there).
CREATE TRIGGER report_share_change INSTEAD OF INSERT ON report_share_changes
BEGIN
  INSERT INTO returnee_province_days (day, province, change)
  SELECT day, province, NEW.sign * SUM(change)
    FROM (SELECT t.return_date AS day, t.origin_province AS province, 1 AS change
            FROM returnee_trips t WHERE t.resident_id = NEW.resident_id AND t.status = 'active'
          UNION ALL
          SELECT next_day, province, -1 FROM (
            SELECT t.origin_province AS province, LEAD(t.return_date) OVER (ORDER BY t.return_date, t.id) AS next_day
              FROM returnee_trips t WHERE t.resident_id = NEW.resident_id AND t.status = 'active')
           WHERE next_day IS NOT NULL)
   WHERE (SELECT r.deleted_at IS NULL FROM residents r WHERE r.id = NEW.resident_id)
   GROUP BY day, province
  ON CONFLICT (day, province) DO UPDATE SET change = change + excluded.change;
  -- (The + keeps the planner on the person's few episodes, observation_resident, not every closing.)
  INSERT INTO observation_closing_days (day, status, people)
  SELECT MIN(e.status_date), e.status, NEW.sign
    FROM observation_episodes e
   WHERE e.resident_id = NEW.resident_id AND +e.status IN ('released', 'lost') AND +e.status_date IS NOT NULL
     AND (SELECT r.deleted_at IS NULL FROM residents r WHERE r.id = NEW.resident_id)
   GROUP BY e.status
  ON CONFLICT (status, day) DO UPDATE SET people = people + excluded.people;
END;
