-- Checkpoints (卡口), gate registration (出入登记, 逢人必测) and household passes (出入证).

CREATE TABLE checkpoints (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('pedestrian', 'vehicle', 'both')),
  hours TEXT NOT NULL DEFAULT '',
  retired_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX checkpoints_live_name ON checkpoints (name) WHERE retired_at IS NULL;

CREATE TABLE gate_passes (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  household_id INTEGER NOT NULL REFERENCES households (id),
  every_days INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 30),
  issued_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX gate_passes_household ON gate_passes (household_id);

-- One row per person (or vehicle) passing a gate. The day is the office's local date of
-- the entry, stored so a day's view is an index range, not a date computation per row.
CREATE TABLE gate_entries (
  id INTEGER PRIMARY KEY,
  checkpoint_id INTEGER NOT NULL REFERENCES checkpoints (id),
  at TEXT NOT NULL,
  day TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  who TEXT NOT NULL CHECK (who IN ('resident', 'visitor', 'vehicle', 'delivery')),
  resident_id INTEGER REFERENCES residents (id),
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  plate TEXT NOT NULL DEFAULT '',
  -- Tenths of a degree: 373 = 37.3 ℃, compared exactly.
  temperature_tenths INTEGER NOT NULL CHECK (temperature_tenths BETWEEN 340 AND 430),
  abnormal INTEGER NOT NULL CHECK (abnormal IN (0, 1)),
  action TEXT NOT NULL CHECK (action IN ('pass', 'turn_back', 'observe', 'hospital')),
  pass_id INTEGER REFERENCES gate_passes (id),
  warning TEXT NOT NULL DEFAULT '',
  registered_by TEXT NOT NULL
);
CREATE INDEX gate_entries_checkpoint_day ON gate_entries (checkpoint_id, day, id);
CREATE INDEX gate_entries_day ON gate_entries (day, id);
CREATE INDEX gate_entries_day_abnormal ON gate_entries (day, abnormal) WHERE abnormal = 1;
CREATE INDEX gate_entries_pass ON gate_entries (pass_id, day) WHERE pass_id IS NOT NULL;
