-- Supply stock (物资台账) and disinfection (消杀记录).
-- Quantities are whole numbers in each item's own unit (个, 只, 瓶, 箱, ml ...): the street
-- office counts in units, integers add up exactly, and the monthly summary balances to the unit.

CREATE TABLE supply_items (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('protective', 'disinfectant', 'testing', 'living', 'medicine')),
  spec TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL,
  warning_level INTEGER NOT NULL DEFAULT 0 CHECK (warning_level >= 0),
  has_batches INTEGER NOT NULL DEFAULT 0 CHECK (has_batches IN (0, 1)),
  -- Current stock: kept in step with the ledger in the same transaction (sum of its lines).
  stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX supply_items_name ON supply_items (name, spec);

CREATE TABLE supply_batches (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES supply_items (id),
  batch_no TEXT NOT NULL,
  expiry_date TEXT NOT NULL,
  stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
  created_at TEXT NOT NULL,
  UNIQUE (item_id, batch_no)
);
CREATE INDEX supply_batches_fefo ON supply_batches (item_id, expiry_date, id) WHERE stock > 0;

-- The ledger: append-only. A mistake is corrected by a reversing line (reverses_id), never by an edit.
CREATE TABLE supply_ledger (
  id INTEGER PRIMARY KEY,
  ref_no TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES supply_items (id),
  batch_id INTEGER REFERENCES supply_batches (id),
  -- in 入库, out 出库, count 盘点调整, loss 报损; a reversal keeps the kind of the line it reverses.
  kind TEXT NOT NULL CHECK (kind IN ('in', 'out', 'count', 'loss')),
  -- Signed change of stock: + for 入库, - for 出库 and 报损, either for 盘点.
  quantity INTEGER NOT NULL,
  balance_before INTEGER NOT NULL CHECK (balance_before >= 0),
  balance_after INTEGER NOT NULL CHECK (balance_after >= 0 AND balance_after = balance_before + quantity),
  at TEXT NOT NULL,
  -- The office's local calendar day and month of `at`, for date filters and the monthly summary.
  day TEXT NOT NULL,
  actor TEXT NOT NULL,
  -- 入库: allocated / purchase / donation / transfer.
  source TEXT,
  -- 出库: checkpoint / volunteer / household / other; 入库: the donor or supplier goes in counterpart_name.
  counterpart_kind TEXT,
  counterpart_name TEXT NOT NULL DEFAULT '',
  receiver TEXT NOT NULL DEFAULT '',
  household_id INTEGER,
  campaign_id INTEGER,
  disinfection_log_id INTEGER,
  counted INTEGER,
  reason TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  reverses_id INTEGER REFERENCES supply_ledger (id)
);
CREATE INDEX supply_ledger_item ON supply_ledger (item_id, id);
CREATE INDEX supply_ledger_day ON supply_ledger (day, id);
CREATE INDEX supply_ledger_ref ON supply_ledger (ref_no);
CREATE UNIQUE INDEX supply_ledger_reverses ON supply_ledger (reverses_id) WHERE reverses_id IS NOT NULL;

-- Per item and month, the sums of the ledger by kind: kept in the same transaction as each line,
-- so the monthly summary reads a few hundred rows, never the whole ledger.
CREATE TABLE supply_month_totals (
  item_id INTEGER NOT NULL REFERENCES supply_items (id),
  month TEXT NOT NULL,
  qty_in INTEGER NOT NULL DEFAULT 0,
  qty_out INTEGER NOT NULL DEFAULT 0,
  qty_count INTEGER NOT NULL DEFAULT 0,
  qty_loss INTEGER NOT NULL DEFAULT 0,
  lines INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (item_id, month)
);

-- Distribution to households: one item, a fixed quantity per household, once.
CREATE TABLE supply_campaigns (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES supply_items (id),
  per_household INTEGER NOT NULL CHECK (per_household > 0),
  notes TEXT NOT NULL DEFAULT '',
  closed_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

-- The primary key is the rule: a household receives at most once in a campaign.
CREATE TABLE supply_campaign_receipts (
  campaign_id INTEGER NOT NULL REFERENCES supply_campaigns (id),
  household_id INTEGER NOT NULL,
  collected_by TEXT NOT NULL,
  ref_no TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (campaign_id, household_id)
);

CREATE TABLE disinfection_places (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('corridor', 'elevator', 'fitness', 'garbage', 'rental', 'shop', 'toilet', 'other')),
  building TEXT NOT NULL DEFAULT '',
  grid_id INTEGER,
  -- per_day: times_per_day a day; every_days: once every interval_days days.
  schedule TEXT NOT NULL CHECK (schedule IN ('per_day', 'every_days')),
  times_per_day INTEGER NOT NULL DEFAULT 1 CHECK (times_per_day >= 1),
  interval_days INTEGER NOT NULL DEFAULT 1 CHECK (interval_days >= 1),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX disinfection_places_name ON disinfection_places (name);

CREATE TABLE disinfection_logs (
  id INTEGER PRIMARY KEY,
  place_id INTEGER NOT NULL REFERENCES disinfection_places (id),
  -- Local wall-clock time 'YYYY-MM-DD HH:mm' as the team reports it.
  done_at TEXT NOT NULL,
  agent TEXT NOT NULL,
  concentration TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL CHECK (method IN ('spray', 'wipe', 'fumigate')),
  operator TEXT NOT NULL,
  checker TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  ref_no TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX disinfection_logs_place ON disinfection_logs (place_id, done_at);
CREATE INDEX disinfection_logs_done ON disinfection_logs (done_at);
