-- The daily report's cumulative figures in time that does not grow with the years (issue 18: one
-- day's report p95 < 50 ms at 50,000 residents). 累计返程 by province counts every person under the
-- province of their latest trip up to the day, and 累计解除 / 失联 every person ever released or lost
-- by the day: read from the records, each is a pass over every trip or closed episode of the past.
-- No index avoids that pass, so the database keeps what the figures sum, per day:
--   returnee_province_days  a person enters a province's 累计 on their trip's return date (+1) and
--                           leaves it on their next trip's return date (-1); a province's 累计 on a
--                           day is the sum of its changes up to that day.
--   observation_closing_days  the people whose first 解除 (or first 失联) fell on the day.
-- Kept by triggers, as 0010 and 0015 keep the worklists' copies: every way a trip, an episode or a
-- person changes (registration, Excel import, edit, 作废, merge, recycle bin and restore, retention
-- purge, ones written later) goes through them. Each trigger takes the touched person's share out
-- before the change and puts it back after, through report_share_changes below, so a person's
-- share has one definition. The rules are the report's: a live trip (LIVE_TRIP, status 'active'),
-- a person not in the recycle bin (deleted_at IS NULL), a later trip on the same return date
-- winning by id (report.repo.ts reads the tables and says the same).

CREATE TABLE returnee_province_days (
  day TEXT NOT NULL,
  province TEXT NOT NULL,
  change INTEGER NOT NULL,
  PRIMARY KEY (day, province)
) WITHOUT ROWID;

CREATE TABLE observation_closing_days (
  day TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('released', 'lost')),
  people INTEGER NOT NULL,
  PRIMARY KEY (status, day)
) WITHOUT ROWID;

-- Writing (person, +1 or -1) here adds or takes out that person's share of both tables, as their
-- records stand at that moment: each live trip in (return date, id) order counts under its
-- province from its return date until the next one's; their first 解除 and first 失联 count once.
-- A view that holds no rows: the INSTEAD OF trigger is the one place the share is computed.
CREATE VIEW report_share_changes AS SELECT 0 AS resident_id, 0 AS sign WHERE 0;
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

-- Everyone's share as the records stand (a few seconds at the bench's 50,000 residents, once).
INSERT INTO report_share_changes (resident_id, sign)
SELECT resident_id, 1 FROM (SELECT resident_id FROM returnee_trips UNION SELECT resident_id FROM observation_episodes WHERE status IN ('released', 'lost'));

-- Trips: the person's share out before, in after (both people when a trip changes hands).
CREATE TRIGGER returnee_days_before_insert BEFORE INSERT ON returnee_trips
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) VALUES (NEW.resident_id, -1);
END;
CREATE TRIGGER returnee_days_after_insert AFTER INSERT ON returnee_trips
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) VALUES (NEW.resident_id, 1);
END;
CREATE TRIGGER returnee_days_before_update BEFORE UPDATE OF resident_id, status, return_date, origin_province ON returnee_trips
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) SELECT OLD.resident_id, -1 UNION SELECT NEW.resident_id, -1;
END;
CREATE TRIGGER returnee_days_after_update AFTER UPDATE OF resident_id, status, return_date, origin_province ON returnee_trips
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) SELECT OLD.resident_id, 1 UNION SELECT NEW.resident_id, 1;
END;
CREATE TRIGGER returnee_days_before_delete BEFORE DELETE ON returnee_trips
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) VALUES (OLD.resident_id, -1);
END;
CREATE TRIGGER returnee_days_after_delete AFTER DELETE ON returnee_trips
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) VALUES (OLD.resident_id, 1);
END;

-- Episodes: the same, for the changes that move a 解除 or 失联.
CREATE TRIGGER closing_days_before_insert BEFORE INSERT ON observation_episodes
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) VALUES (NEW.resident_id, -1);
END;
CREATE TRIGGER closing_days_after_insert AFTER INSERT ON observation_episodes
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) VALUES (NEW.resident_id, 1);
END;
CREATE TRIGGER closing_days_before_update BEFORE UPDATE OF resident_id, status, status_date ON observation_episodes
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) SELECT OLD.resident_id, -1 UNION SELECT NEW.resident_id, -1;
END;
CREATE TRIGGER closing_days_after_update AFTER UPDATE OF resident_id, status, status_date ON observation_episodes
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) SELECT OLD.resident_id, 1 UNION SELECT NEW.resident_id, 1;
END;
CREATE TRIGGER closing_days_before_delete BEFORE DELETE ON observation_episodes
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) VALUES (OLD.resident_id, -1);
END;
CREATE TRIGGER closing_days_after_delete AFTER DELETE ON observation_episodes
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) VALUES (OLD.resident_id, 1);
END;

-- The recycle bin: a person put in takes their share out, one restored puts it back.
CREATE TRIGGER report_days_before_recycle BEFORE UPDATE OF deleted_at ON residents
WHEN (OLD.deleted_at IS NULL) != (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) VALUES (OLD.id, -1);
END;
CREATE TRIGGER report_days_after_recycle AFTER UPDATE OF deleted_at ON residents
WHEN (OLD.deleted_at IS NULL) != (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO report_share_changes (resident_id, sign) VALUES (NEW.id, 1);
END;

-- 转送医院 at the gates on a day: the few 送医 entries, not a read of every entry of the day.
CREATE INDEX gate_entries_day_hospital ON gate_entries (day) WHERE action = 'hospital';
-- A day's (or the trend's 30 days') temperature fevers: the few abnormal checks, not every check of the days.
CREATE INDEX daily_checks_abnormal_day ON daily_checks (day, episode_id) WHERE abnormal = 1;
-- Each key supply's issues on a day and stock at its end, read from the index alone.
CREATE INDEX supply_ledger_report ON supply_ledger (item_id, day, kind, quantity, batch_id);
-- 未纳入观察: the window's trips and each person's episodes read from indexes alone.
CREATE INDEX returnee_trips_window ON returnee_trips (return_date, status, resident_id, id, origin_province);
CREATE INDEX observation_resident_cover ON observation_episodes (resident_id, start_date, status, status_date, end_date);
