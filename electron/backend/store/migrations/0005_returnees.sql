-- Returnees (返程人员) and home health monitoring (居家观察): trips, observation episodes with
-- their history, and one daily-check row per episode and day (morning and evening together).
-- Temperatures are whole tenths of a degree so 37.3 compares exactly.

CREATE TABLE returnee_trips (
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents (id),
  origin_province TEXT NOT NULL,
  origin_city TEXT NOT NULL DEFAULT '',
  origin_district TEXT NOT NULL DEFAULT '',
  via TEXT NOT NULL DEFAULT '',
  return_date TEXT NOT NULL,
  transport TEXT NOT NULL CHECK (transport IN ('car', 'train', 'plane', 'bus', 'other')),
  transport_no TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  -- The office's local date of registration: "new returnees today" is an index range.
  registered_on TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX returnee_trips_resident ON returnee_trips (resident_id, return_date);
CREATE INDEX returnee_trips_return ON returnee_trips (return_date, id);
CREATE INDEX returnee_trips_registered ON returnee_trips (registered_on, origin_province);

-- 同行人员: people from the register, or a name when the companion is not registered here.
CREATE TABLE returnee_companions (
  trip_id INTEGER NOT NULL REFERENCES returnee_trips (id),
  position INTEGER NOT NULL,
  resident_id INTEGER REFERENCES residents (id),
  name TEXT NOT NULL,
  PRIMARY KEY (trip_id, position)
);
CREATE INDEX returnee_companions_resident ON returnee_companions (resident_id) WHERE resident_id IS NOT NULL;

CREATE TABLE observation_episodes (
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents (id),
  trip_id INTEGER REFERENCES returnee_trips (id),
  -- The responsible grid (scope) and grid worker; the worker is a name from grid_staff or typed.
  grid_id INTEGER,
  worker TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('home_observation', 'home_isolation', 'central_isolation', 'health_monitoring')),
  start_date TEXT NOT NULL,
  days INTEGER NOT NULL CHECK (days >= 1),
  -- start_date + days: the day observation ends (computed by the service, stored for ranges).
  end_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('observing', 'released', 'hospital', 'lost')),
  -- When the status last changed away from observing (解除 / 转院 / 失联 date), and why.
  status_date TEXT,
  status_reason TEXT NOT NULL DEFAULT '',
  -- The latest check was abnormal: shown in red until a later normal check or a status change.
  abnormal INTEGER NOT NULL DEFAULT 0 CHECK (abnormal IN (0, 1)),
  last_check_day TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX observation_open ON observation_episodes (grid_id, worker, end_date) WHERE status = 'observing';
CREATE INDEX observation_open_end ON observation_episodes (end_date) WHERE status = 'observing';
-- Covering for "open on day D" (end_date >= D, then start, status, scope): counts never read the table.
CREATE INDEX observation_end ON observation_episodes (end_date, start_date, status, status_date, grid_id, worker);
CREATE INDEX observation_status_day ON observation_episodes (status, status_date);
CREATE INDEX observation_resident ON observation_episodes (resident_id, start_date);
CREATE INDEX observation_abnormal ON observation_episodes (abnormal) WHERE abnormal = 1 AND status = 'observing';

-- Every change to an episode after it started: durations and statuses keep their history.
CREATE TABLE observation_events (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES observation_episodes (id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('start', 'duration', 'status', 'worker')),
  from_value TEXT NOT NULL DEFAULT '',
  to_value TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX observation_events_episode ON observation_events (episode_id, id);

CREATE TABLE daily_checks (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES observation_episodes (id),
  day TEXT NOT NULL,
  morning_tenths INTEGER,
  evening_tenths INTEGER,
  -- Symptom codes, comma separated ('' for none).
  symptoms TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL CHECK (outcome IN ('normal', 'abnormal', 'unreachable')),
  abnormal INTEGER NOT NULL CHECK (abnormal IN (0, 1)),
  -- The fever threshold the verdict was made with: a later change does not rewrite history.
  threshold_tenths INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  checked_by TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  UNIQUE (episode_id, day)
);
CREATE INDEX daily_checks_day ON daily_checks (day, abnormal);
