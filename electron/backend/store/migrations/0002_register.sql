-- The community register: grids, the address lists, households and residents.
-- Search keys (pinyin, reversed ID and phone digits, natural address key) are stored
-- in indexed columns so every search kind is an index range, never a scan of 50,000 rows.

CREATE TABLE grids (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  retired_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- Two working grids may not share a name; a retired one frees its name.
CREATE UNIQUE INDEX grids_live_name ON grids (name) WHERE retired_at IS NULL;

-- 网格长 (leader) and 网格员 (worker): names and phones, optionally a register person.
CREATE TABLE grid_staff (
  id INTEGER PRIMARY KEY,
  grid_id INTEGER NOT NULL REFERENCES grids (id),
  role TEXT NOT NULL CHECK (role IN ('leader', 'worker')),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  resident_id INTEGER
);
CREATE INDEX grid_staff_grid ON grid_staff (grid_id, role, position);

-- 小区 and 楼栋: lists that grow as addresses are typed. A building belongs to at most one
-- grid; a household's grid follows from its building.
CREATE TABLE compounds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  sort_key TEXT NOT NULL
);
CREATE TABLE buildings (
  id INTEGER PRIMARY KEY,
  compound_id INTEGER NOT NULL REFERENCES compounds (id),
  name TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  grid_id INTEGER REFERENCES grids (id),
  UNIQUE (compound_id, name)
);
CREATE INDEX buildings_grid ON buildings (grid_id);

CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  building_id INTEGER NOT NULL REFERENCES buildings (id),
  -- Copied from the building so scope and grid filters need no join; kept in step by the service.
  grid_id INTEGER,
  unit TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL,
  -- '幸福里小区 3栋 2单元 301', for display and contains-search.
  address TEXT NOT NULL,
  -- The same without spaces, for contains-search ('3栋2单元').
  search_text TEXT NOT NULL,
  -- Digits zero-padded so that 2栋 sorts before 10栋.
  address_key TEXT NOT NULL,
  tenure TEXT NOT NULL CHECK (tenure IN ('owned', 'rented', 'other')),
  householder_id INTEGER,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  deleted_by TEXT,
  delete_reason TEXT
);
CREATE INDEX households_live_address ON households (address_key, id) WHERE deleted_at IS NULL;
CREATE INDEX households_grid ON households (grid_id, address_key);
CREATE INDEX households_building ON households (building_id);
CREATE INDEX households_deleted ON households (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE residents (
  id INTEGER PRIMARY KEY,
  household_id INTEGER REFERENCES households (id),
  grid_id INTEGER,
  -- The household's address_key (or '' without one): list order without a join.
  sort_key TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  name_initials TEXT NOT NULL,
  name_pinyin TEXT NOT NULL,
  id_type TEXT NOT NULL CHECK (id_type IN ('mainland', 'passport', 'hkmo_tw', 'other')),
  id_number TEXT,
  -- The document number reversed: "ends with 1234" becomes an index range on "4321...".
  id_rev TEXT,
  sex TEXT CHECK (sex IN ('M', 'F')),
  birth_date TEXT,
  phones TEXT NOT NULL DEFAULT '[]',
  relation TEXT,
  person_type TEXT NOT NULL CHECK (person_type IN ('registered', 'resident', 'floating', 'tenant', 'separated')),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  deleted_by TEXT,
  delete_reason TEXT,
  -- Set when the person went to the recycle bin together with their household.
  deleted_with_household INTEGER
);
-- One person per document, deleted or not: a binned duplicate is offered back, not re-added.
CREATE UNIQUE INDEX residents_document ON residents (id_type, id_number) WHERE id_number IS NOT NULL;
CREATE INDEX residents_id_rev ON residents (id_rev) WHERE id_rev IS NOT NULL;
CREATE INDEX residents_name ON residents (name);
CREATE INDEX residents_initials ON residents (name_initials);
CREATE INDEX residents_pinyin ON residents (name_pinyin);
CREATE INDEX residents_household ON residents (household_id);
CREATE INDEX residents_live_sort ON residents (sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX residents_grid_sort ON residents (grid_id, sort_key, id);
CREATE INDEX residents_birth ON residents (birth_date);
CREATE INDEX residents_deleted ON residents (deleted_at) WHERE deleted_at IS NOT NULL;

-- Each phone's digits reversed, for "last 4 digits" lookups across all of a person's phones.
CREATE TABLE resident_phones (
  resident_id INTEGER NOT NULL REFERENCES residents (id),
  position INTEGER NOT NULL,
  phone TEXT NOT NULL,
  digits_rev TEXT NOT NULL,
  PRIMARY KEY (resident_id, position)
);
CREATE INDEX resident_phones_rev ON resident_phones (digits_rev);

-- 重点人群 tags.
CREATE TABLE resident_tags (
  resident_id INTEGER NOT NULL REFERENCES residents (id),
  tag TEXT NOT NULL,
  PRIMARY KEY (resident_id, tag)
);
CREATE INDEX resident_tags_tag ON resident_tags (tag, resident_id);
