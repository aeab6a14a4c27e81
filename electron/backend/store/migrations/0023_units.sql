-- Shops, workplaces and their workers (单位 / 从业人员, issue 22). A unit sits either in a building
-- of the community (its grid is the building's, kept in step below as households' is) or at a door
-- number of its own (the grid the clerk chose). Workers are people of the register: someone living
-- elsewhere gets a person record of their own (no household), as returnees' imports do, so their
-- trip and observation are the returnees and monitoring domains' own rows, never copies.

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('street_shop', 'market', 'catering', 'company', 'site', 'school', 'park', 'other')),
  name TEXT NOT NULL,
  -- A building of the register (address rule of shared/domain/address.ts), or NULL for a door number.
  building_id INTEGER REFERENCES buildings (id),
  -- 门牌/铺位 as typed; with a building, what follows the building in the address.
  door TEXT NOT NULL DEFAULT '',
  -- The address as shown: '幸福里小区 3栋 底商 2号', or the door number alone.
  address TEXT NOT NULL,
  grid_id INTEGER REFERENCES grids (id),
  manager_name TEXT NOT NULL,
  -- Full number: masked by every view, shown whole only by units.reveal (audited).
  manager_phone TEXT NOT NULL,
  credit_code TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'suspended', 'applying', 'reopened', 'closed')),
  -- Local calendar day the 承诺书 was signed; NULL while unsigned.
  pledge_signed_on TEXT,
  notes TEXT NOT NULL DEFAULT '',
  -- name and address flattened for contains-search.
  search_text TEXT NOT NULL,
  created_day TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  deleted_by TEXT,
  delete_reason TEXT
);
CREATE INDEX units_live ON units (kind, status, id) WHERE deleted_at IS NULL;
CREATE INDEX units_grid ON units (grid_id, id) WHERE deleted_at IS NULL;
CREATE INDEX units_status ON units (status, id) WHERE deleted_at IS NULL;
CREATE INDEX units_building ON units (building_id) WHERE building_id IS NOT NULL;
CREATE UNIQUE INDEX units_credit_code ON units (credit_code) WHERE credit_code IS NOT NULL AND deleted_at IS NULL;

-- Every status a unit had: who set it, when, and why (营业 -> 暂停营业 -> 申请复工 -> 已复工 ...).
CREATE TABLE unit_status_history (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL,
  -- The local day the status holds from (a 复工 approval's date), for the report's "as of day D".
  day TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX unit_status_history_unit ON unit_status_history (unit_id, id);

CREATE TABLE unit_workers (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  resident_id INTEGER NOT NULL REFERENCES residents (id),
  role TEXT NOT NULL DEFAULT '',
  -- Someone living elsewhere: their home address (a registered person's is their household's).
  home_address TEXT NOT NULL DEFAULT '',
  from_elsewhere INTEGER NOT NULL CHECK (from_elsewhere IN (0, 1)),
  joined_day TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  -- Left the unit (离职): kept for the history, out of the counts and the check-in grid.
  left_at TEXT
);
-- One person once in one unit while they work there.
CREATE UNIQUE INDEX unit_workers_once ON unit_workers (unit_id, resident_id) WHERE left_at IS NULL;
CREATE INDEX unit_workers_resident ON unit_workers (resident_id) WHERE left_at IS NULL;

-- The unit's daily check-in: each worker's temperature 上午 and 下午, reported by the person in
-- charge, in tenths of a degree (so 37.3 compares exactly). abnormal by the threshold of the day.
CREATE TABLE unit_checks (
  id INTEGER PRIMARY KEY,
  worker_id INTEGER NOT NULL REFERENCES unit_workers (id),
  unit_id INTEGER NOT NULL REFERENCES units (id),
  day TEXT NOT NULL,
  am_tenths INTEGER,
  pm_tenths INTEGER,
  abnormal INTEGER NOT NULL CHECK (abnormal IN (0, 1)),
  threshold_tenths INTEGER NOT NULL,
  reported_by TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (worker_id, day)
);
CREATE INDEX unit_checks_unit_day ON unit_checks (unit_id, day);
CREATE INDEX unit_checks_day ON unit_checks (day, abnormal);

-- 复工 applications: the clerk's ticks (stock seen) and, on approval, the whole checklist as it
-- stood, so the record shows what was approved even after workers or logs change.
CREATE TABLE unit_reopenings (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  applied_on TEXT NOT NULL,
  applied_by TEXT NOT NULL,
  masks INTEGER NOT NULL CHECK (masks IN (0, 1)),
  thermometer INTEGER NOT NULL CHECK (thermometer IN (0, 1)),
  disinfectant INTEGER NOT NULL CHECK (disinfectant IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  decision TEXT NOT NULL CHECK (decision IN ('pending', 'approved', 'withdrawn')),
  approved_on TEXT,
  approved_by TEXT,
  checklist TEXT,
  at TEXT NOT NULL
);
CREATE INDEX unit_reopenings_unit ON unit_reopenings (unit_id, id);

-- 巡查: what the inspector found wanting, the rectification asked for by a date, and its closing.
CREATE TABLE unit_inspections (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  day TEXT NOT NULL,
  inspector TEXT NOT NULL,
  -- Finding codes, comma separated ('' when all was in order).
  findings TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  rectify_by TEXT,
  closed_on TEXT,
  closed_by TEXT,
  close_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX unit_inspections_unit ON unit_inspections (unit_id, day);
CREATE INDEX unit_inspections_open ON unit_inspections (rectify_by) WHERE closed_on IS NULL AND rectify_by IS NOT NULL;

-- A unit's own disinfection places: the disinfection domain's places of kind 沿街商铺 link to it.
ALTER TABLE disinfection_places ADD COLUMN unit_id INTEGER REFERENCES units (id);
CREATE INDEX disinfection_places_unit ON disinfection_places (unit_id) WHERE unit_id IS NOT NULL;

-- A unit in a building follows the building's grid, as households do (a building given to
-- another grid moves its units to that grid's workers).
CREATE TRIGGER buildings_grid_to_units AFTER UPDATE OF grid_id ON buildings
WHEN NEW.grid_id IS NOT OLD.grid_id
BEGIN
  UPDATE units SET grid_id = NEW.grid_id WHERE building_id = NEW.id;
END;
