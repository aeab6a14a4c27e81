-- Volunteers (志愿者花名册), shift templates per checkpoint, the weekly roster (排班) and
-- service records (签到/签退). Rules live in shared/domain/roster-rules.ts, not in SQL.

CREATE TABLE volunteers (
  id INTEGER PRIMARY KEY,
  -- Set when the volunteer lives here: name and phone are then read from the register.
  resident_id INTEGER REFERENCES residents (id),
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  sex TEXT CHECK (sex IN ('M', 'F')),
  kind TEXT NOT NULL CHECK (kind IN ('resident', 'teacher', 'medical', 'cadre', 'social_worker', 'property', 'police')),
  politics TEXT NOT NULL CHECK (politics IN ('party', 'league', 'masses')),
  -- JSON array of skill names (医疗, 驾驶 ...).
  skills TEXT NOT NULL DEFAULT '[]',
  building TEXT NOT NULL DEFAULT '',
  grid_id INTEGER REFERENCES grids (id),
  -- 21 flags '0'/'1': Monday..Sunday x 上午/下午/晚上.
  availability TEXT NOT NULL CHECK (length(availability) = 21),
  can_lead INTEGER NOT NULL DEFAULT 0 CHECK (can_lead IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'left')),
  start_date TEXT,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX volunteers_status ON volunteers (status, kind);
CREATE UNIQUE INDEX volunteers_resident ON volunteers (resident_id) WHERE resident_id IS NOT NULL;

-- 班次模板: minutes after midnight; end <= start means the shift crosses midnight.
CREATE TABLE shift_templates (
  id INTEGER PRIMARY KEY,
  checkpoint_id INTEGER NOT NULL REFERENCES checkpoints (id),
  name TEXT NOT NULL,
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1439),
  min_staff INTEGER NOT NULL CHECK (min_staff BETWEEN 0 AND 50),
  lead_required INTEGER NOT NULL CHECK (lead_required IN (0, 1)),
  retired_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX shift_templates_checkpoint ON shift_templates (checkpoint_id, start_minute);

-- One row per person per shift. week is the Monday of the roster week; day the date the shift starts.
CREATE TABLE roster_assignments (
  id INTEGER PRIMARY KEY,
  week TEXT NOT NULL,
  day TEXT NOT NULL,
  template_id INTEGER NOT NULL REFERENCES shift_templates (id),
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
  is_lead INTEGER NOT NULL CHECK (is_lead IN (0, 1)),
  -- The rule messages the clerk overrode when placing, kept for the record.
  override TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (day, template_id, volunteer_id)
);
CREATE INDEX roster_assignments_week ON roster_assignments (week, day);
CREATE INDEX roster_assignments_volunteer ON roster_assignments (volunteer_id, day);

-- 签到/签退 or absent, one per assignment; minutes worked computed when signed out.
CREATE TABLE roster_attendance (
  assignment_id INTEGER PRIMARY KEY REFERENCES roster_assignments (id),
  status TEXT NOT NULL CHECK (status IN ('present', 'absent')),
  check_in TEXT,
  check_out TEXT,
  minutes INTEGER NOT NULL DEFAULT 0,
  month TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX roster_attendance_month ON roster_attendance (month);

-- The roster's own settings: one row.
CREATE TABLE roster_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  weekly_hour_cap INTEGER NOT NULL,
  min_rest_hours INTEGER NOT NULL,
  duty_officer TEXT NOT NULL DEFAULT '',
  duty_phone TEXT NOT NULL DEFAULT ''
);
INSERT INTO roster_settings (id, weekly_hour_cap, min_rest_hours) VALUES (1, 48, 8);
